"""The one matcher: optimal, one-to-one, lexicographic tiers, pairs kept."""

from __future__ import annotations

import itertools
import random

import pytest

from eventgold.eval.matching import combine_tiers, match, matching_size


def overlap_sim(g: tuple[int, int], p: tuple[int, int]) -> tuple[float, ...] | None:
    if g[1] <= p[0] or p[1] <= g[0]:
        return None
    return (int(g == p), 1)


def test_optimal_where_greedy_in_prediction_order_is_not() -> None:
    gold = [(0, 10)]
    pred = [(0, 5), (0, 10)]
    alignment = match(gold, pred, overlap_sim)
    assert [(p.gold, p.pred, p.score) for p in alignment.pairs] == [(0, 1, (1.0, 1.0))]
    assert alignment.unmatched_gold == ()
    assert alignment.unmatched_pred == (0,)
    assert alignment.pred_of(0) == 1 and alignment.gold_of(1) == 0 and alignment.gold_of(0) is None


def test_one_to_one_no_double_credit() -> None:
    gold = [(0, 10)]
    pred = [(0, 10), (0, 10), (0, 10)]
    alignment = match(gold, pred, overlap_sim)
    assert len(alignment) == 1
    assert alignment.unmatched_pred == (1, 2)


def test_higher_tier_wins_over_any_sum_of_lower_tiers() -> None:
    # Pairing g0-p0 (tier 1) forbids both g1-p1 and g2-p2 style gains on the lower tier.
    gold = ["a", "b", "c"]
    pred = ["x", "y", "z"]
    table = {("a", "x"): (1, 0.0), ("a", "y"): (0, 1.0), ("b", "x"): (0, 1.0), ("c", "z"): (0, 1.0)}
    alignment = match(gold, pred, lambda g, p: table.get((g, p)))
    assert {(p.gold, p.pred) for p in alignment.pairs} == {(0, 0), (2, 2)}


def test_zero_similarity_forbids_a_pair() -> None:
    alignment = match([1, 2], [1, 2], lambda g, p: 0.0 if g != p else 1.0)
    assert [(p.gold, p.pred) for p in alignment.pairs] == [(0, 0), (1, 1)]
    assert match([1], [2], lambda g, p: (0, 0.0)).pairs == ()


def test_tiers_must_have_one_width() -> None:
    with pytest.raises(ValueError, match="same number of tiers"):
        combine_tiers([(1.0, 0.5), (1.0,)], 2)


def test_random_problems_reach_the_brute_force_optimum() -> None:
    rng = random.Random(7)
    for _ in range(150):
        n, m = rng.randint(0, 5), rng.randint(0, 5)
        table = {(i, j): (rng.randint(0, 2), rng.choice([0.0, 0.25, 0.5, 1.0]))
                 for i in range(n) for j in range(m) if rng.random() < 0.6}
        table = {k: v for k, v in table.items() if any(v)}
        alignment = match(list(range(n)), list(range(m)), lambda g, p, t=table: t.get((g, p)))
        got = tuple(sum(x) for x in zip(*(table[(p.gold, p.pred)] for p in alignment.pairs), strict=True)) or (0, 0)
        best = (0.0, 0.0)
        for k in range(min(n, m) + 1):
            for rows in itertools.combinations(range(n), k):
                for cols in itertools.permutations(range(m), k):
                    if all((r, c) in table for r, c in zip(rows, cols, strict=True)):
                        total = tuple(sum(x) for x in zip(*(table[(r, c)] for r, c in zip(rows, cols, strict=True)),
                                                          strict=True)) or (0, 0)
                        best = max(best, total)
        assert got[0] == best[0]
        assert got[1] == pytest.approx(best[1])
        assert len({p.pred for p in alignment.pairs}) == len(alignment.pairs)


def test_equal_weights_take_a_largest_matching() -> None:
    # Greedy in gold order would pair 0-0 and leave gold 1 (which can only take pred 0) unmatched.
    allowed = {(0, 0), (0, 1), (1, 0)}
    alignment = match([0, 1], [0, 1], lambda g, p: 1.0 if (g, p) in allowed else None)
    assert [(p.gold, p.pred) for p in alignment.pairs] == [(0, 1), (1, 0)]


def test_matching_size_agrees_with_match() -> None:
    rng = random.Random(3)
    for _ in range(100):
        n, m = rng.randint(0, 6), rng.randint(0, 6)
        allowed = {(i, j) for i in range(n) for j in range(m) if rng.random() < 0.4}
        alignment = match(list(range(n)), list(range(m)), lambda g, p, a=allowed: 1.0 if (g, p) in a else None)
        assert matching_size(list(range(n)), list(range(m)), lambda g, p, a=allowed: (g, p) in a) == len(alignment)
