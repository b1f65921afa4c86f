"""The one matcher every level uses: one-to-one, optimal, explainable.

``match(gold, pred, similarity)`` pairs items of two lists so that the total
similarity is as large as possible (the Hungarian method, via
:func:`scipy.optimize.linear_sum_assignment`), each item used at most once.
The pairs are returned with their scores, so any count derived from them can
be explained.

A similarity returns ``None`` (or 0) when two items may not be paired, a
positive number, or a tuple of *tiers* compared lexicographically: every tier
but the last is a non-negative whole number, the last is a number in
``[0, 1]``. ``(1, 0.2)`` beats ``(0, 0.9)`` and ``(0, 1, 0.3)`` beats
``(0, 0, 1.0)``, whatever the rest of the assignment: the tiers are combined
into one weight with a scale large enough that no sum of lower tiers can
outweigh one unit of a higher tier.

>>> gold = [(0, 5), (10, 15)]
>>> pred = [(0, 4), (0, 5)]
>>> def overlap(g, p):  # tier 1: exact boundaries; tier 2: they overlap at all
...     if g[1] <= p[0] or p[1] <= g[0]:
...         return None
...     return (int(g == p), 1)
>>> [(pair.gold, pair.pred) for pair in match(gold, pred, overlap).pairs]
[(0, 1)]

A greedy matcher taking predictions in order would have paired ``(0, 4)``
with ``(0, 5)`` and left the exact prediction unmatched.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np

G = TypeVar("G")
P = TypeVar("P")

Score = tuple[float, ...]
Similarity = Callable[[G, P], "float | tuple[float, ...] | None"]


@dataclass(frozen=True)
class Pair:
    """Gold item ``gold`` (an index) matched with predicted item ``pred``, with the similarity that did it."""

    gold: int
    pred: int
    score: Score


@dataclass(frozen=True)
class Alignment:
    """The result of :func:`match`: pairs in gold order and the indices left unmatched on each side."""

    pairs: tuple[Pair, ...]
    unmatched_gold: tuple[int, ...]
    unmatched_pred: tuple[int, ...]
    _index: dict[str, dict[int, int]] = field(default_factory=dict, repr=False, compare=False)

    def _lookup(self, side: str) -> dict[int, int]:
        if side not in self._index:
            self._index["gold"] = {p.gold: p.pred for p in self.pairs}
            self._index["pred"] = {p.pred: p.gold for p in self.pairs}
        return self._index[side]

    def pred_of(self, gold: int) -> int | None:
        """The predicted index matched with gold index ``gold``, or None."""
        return self._lookup("gold").get(gold)

    def gold_of(self, pred: int) -> int | None:
        """The gold index matched with predicted index ``pred``, or None."""
        return self._lookup("pred").get(pred)

    def __len__(self) -> int:
        return len(self.pairs)


def _as_tiers(value: float | tuple[float, ...] | None) -> Score | None:
    if value is None:
        return None
    tiers = value if isinstance(value, tuple) else (float(value),)
    if not any(tiers):
        return None
    return tuple(float(t) for t in tiers)


def combine_tiers(scores: Sequence[Score], max_pairs: int) -> np.ndarray:
    """One weight per score such that sums of weights order matchings lexicographically by tiers.

    ``max_pairs`` bounds how many pairs a matching can hold. Every tier but the last must be a
    non-negative whole number.
    """
    width = len(scores[0])
    if any(len(s) != width for s in scores):
        raise ValueError("every similarity of one matching must have the same number of tiers")
    tiers = np.asarray(scores, dtype=np.float64)
    weight = tiers[:, -1].copy()
    for k in range(width - 2, -1, -1):
        scale = max_pairs * float(weight.max(initial=0.0)) + 1.0
        weight = tiers[:, k] * scale + weight
    return weight


def match(gold: Sequence[G], pred: Sequence[P], similarity: Callable[[G, P], float | tuple[float, ...] | None]
          ) -> Alignment:
    """Pair ``gold`` and ``pred`` one-to-one, maximizing the total (tiered) similarity."""
    edges: list[tuple[int, int, Score]] = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            tiers = _as_tiers(similarity(g, p))
            if tiers is not None:
                edges.append((i, j, tiers))
    return _solve(len(gold), len(pred), edges)


def matching_size(gold: Sequence[G], pred: Sequence[P], allowed: Callable[[G, P], bool]) -> int:
    """How many pairs a largest one-to-one matching has when every allowed pair counts the same.

    The same optimum :func:`match` finds for a similarity of 1 on allowed pairs, without building the alignment.
    """
    edges: list[tuple[int, int, Score]] = [(i, j, (1.0,)) for i, g in enumerate(gold) for j, p in enumerate(pred)
                                           if allowed(g, p)]
    return len(_max_cardinality(edges)) if edges else 0


def match_edges(n_gold: int, n_pred: int, edges: Sequence[tuple[int, int, Score]]) -> Alignment:
    """:func:`match` for callers that already know the allowed pairs and their tiered scores."""
    return _solve(n_gold, n_pred, [(i, j, s) for i, j, s in edges if any(s)])


def _max_cardinality(edges: list[tuple[int, int, Score]]) -> list[Pair]:
    """A largest matching by augmenting paths (Kuhn); with equal weights it is a maximum-weight one."""
    score = edges[0][2]
    neighbours: dict[int, list[int]] = {}
    for i, j, _ in edges:
        neighbours.setdefault(i, []).append(j)
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in neighbours[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in sorted(neighbours):
        augment(i, set())
    return [Pair(i, j, score) for j, i in owner.items()]


def _solve(n_gold: int, n_pred: int, edges: list[tuple[int, int, Score]]) -> Alignment:
    pairs: list[Pair] = []
    if edges:
        gold_degree: dict[int, int] = {}
        pred_degree: dict[int, int] = {}
        for i, j, _ in edges:
            gold_degree[i] = gold_degree.get(i, 0) + 1
            pred_degree[j] = pred_degree.get(j, 0) + 1
        if all(d == 1 for d in gold_degree.values()) and all(d == 1 for d in pred_degree.values()):
            pairs = [Pair(i, j, s) for i, j, s in edges]  # no item has a rival: every allowed pair is optimal
        elif all(s == edges[0][2] for _, _, s in edges):
            pairs = _max_cardinality(edges)  # equal weights: the optimum is a largest matching
        else:
            rows = sorted(gold_degree)
            cols = sorted(pred_degree)
            row_at = {r: k for k, r in enumerate(rows)}
            col_at = {c: k for k, c in enumerate(cols)}
            weights = combine_tiers([s for _, _, s in edges], min(len(rows), len(cols)))
            matrix = np.zeros((len(rows), len(cols)), dtype=np.float64)
            allowed = np.zeros((len(rows), len(cols)), dtype=bool)
            for (i, j, _), w in zip(edges, weights, strict=True):
                matrix[row_at[i], col_at[j]] = w
                allowed[row_at[i], col_at[j]] = True
            score_of = {(i, j): s for i, j, s in edges}
            from scipy.optimize import linear_sum_assignment  # imported on first need: SciPy is slow to import

            r_idx, c_idx = linear_sum_assignment(matrix, maximize=True)
            for r, c in zip(r_idx.tolist(), c_idx.tolist(), strict=True):
                if allowed[r, c]:
                    i, j = rows[r], cols[c]
                    pairs.append(Pair(i, j, score_of[(i, j)]))
    pairs.sort(key=lambda p: (p.gold, p.pred))
    matched_gold = {p.gold for p in pairs}
    matched_pred = {p.pred for p in pairs}
    return Alignment(
        tuple(pairs),
        tuple(i for i in range(n_gold) if i not in matched_gold),
        tuple(j for j in range(n_pred) if j not in matched_pred),
    )
