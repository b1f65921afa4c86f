"""Mention level: spans scored in the four SemEval-2013 schemes, with optimal one-to-one matching.

Each kind of mention (event triggers, actor, location, time and casualty
mentions) is a list of labelled spans per document. A predicted span and a
gold span may be paired when they overlap by at least one character; what
the pair earns depends on the scheme (the definitions of SemEval-2013 task 9.1
as nervaluate implements them):

========  =====================================  ================================
scheme    correct (COR)                          other overlapping pair
========  =====================================  ================================
strict    same boundaries and same label         incorrect (INC)
exact     same boundaries, any label             incorrect (INC)
partial   same boundaries, any label             partial (PAR), half credit
type      overlap and same label                 incorrect (INC)
========  =====================================  ================================

Unpaired gold spans are missed (MIS), unpaired predictions spurious (SPU).
Unlike nervaluate, which takes predictions in order and pairs each with the
first gold span it finds, the pairs here maximize the credit of the scheme
first, then the number of pairs, then how closely the boundaries agree.
Per-label counts score the spans of that label alone on both sides (as
nervaluate does), so a spurious span counts against its own label only.
Trigger identification and classification (ACE's Trig-I and Trig-C) are the
exact and strict schemes on triggers.

Span-free predicted mentions cannot be placed and are not scored here; they
are counted under the metric ``span_free``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from eventgold.schema import Document, Mention

from .counts import ALL, GRADED_STATS, Counts, Graded, Metric, N
from .matching import Alignment, match_edges


@dataclass(frozen=True)
class Span:
    """A labelled span ``[start, end)``; ``index`` is its position in the document's list of that kind."""

    start: int
    end: int
    label: str
    text: str
    index: int
    owner: str


@dataclass(frozen=True)
class Scheme:
    """A SemEval-2013 scheme as data: what is correct, and what another overlap earns."""

    name: str
    needs_label: bool
    exact_boundaries: bool
    overlap_outcome: str
    partial_weight: float
    description: str


SCHEMES: dict[str, Scheme] = {
    s.name: s for s in (
        Scheme("strict", True, True, "inc", 0.0, "same boundaries and same label"),
        Scheme("exact", False, True, "inc", 0.0, "same boundaries, label ignored"),
        Scheme("partial", False, True, "par", 0.5, "same boundaries, label ignored; other overlaps earn half"),
        Scheme("type", True, False, "inc", 0.5, "any overlap with the same label"),
    )
}


def _events(doc: Document) -> list[tuple[str, str, Mention]]:
    return [(ev.type.value, f"events[{i}].triggers[{j}]", m)
            for i, ev in enumerate(doc.events) for j, m in enumerate(ev.triggers)]


def _actors(doc: Document) -> list[tuple[str, str, Mention]]:
    return [(a.type.value, f"actors[{i}].mentions[{j}]", m)
            for i, a in enumerate(doc.actors) for j, m in enumerate(a.mentions)]


def _locations(doc: Document) -> list[tuple[str, str, Mention]]:
    return [("location", f"locations[{i}].mentions[{j}]", m)
            for i, loc in enumerate(doc.locations) for j, m in enumerate(loc.mentions)]


def _times(doc: Document) -> list[tuple[str, str, Mention]]:
    return [("time", f"times[{i}].mentions[{j}]", m)
            for i, t in enumerate(doc.times) for j, m in enumerate(t.mentions)]


def _casualties(doc: Document) -> list[tuple[str, str, Mention]]:
    return [(c.outcome.value, f"casualties[{i}].mentions[{j}]", m)
            for i, c in enumerate(doc.casualties) for j, m in enumerate(c.mentions)]


#: Mention kinds: name -> (what labels the spans, how to collect them).
MENTION_KINDS: dict[str, tuple[str, Callable[[Document], list[tuple[str, str, Mention]]]]] = {
    "trigger": ("event type", _events),
    "actor": ("actor type", _actors),
    "location": ("'location'", _locations),
    "time": ("'time'", _times),
    "casualty": ("casualty outcome", _casualties),
}


def mention_level(kind: str) -> str:
    """The level name of a kind of mention: ``mentions.<kind>``."""
    return f"mentions.{kind}"


#: Per kind of mention, per scheme: the counts (declared once here).
SCHEME_COUNTS: dict[str, dict[str, Metric]] = {
    kind: {name: Metric(mention_level(kind), name, GRADED_STATS, f"{kind} mentions, {name} scheme; per label")
           for name in SCHEMES}
    for kind in MENTION_KINDS
}
#: Per kind of mention: span-free predicted mentions, which cannot be placed and are not scored at this level.
SPAN_FREE: dict[str, Metric] = {
    kind: Metric(mention_level(kind), "span_free", N, f"span-free predicted {kind} mentions (not scored)")
    for kind in MENTION_KINDS
}


def collect_spans(doc: Document, kind: str) -> tuple[list[Span], int]:
    """The grounded spans of one kind, and how many span-free mentions were left out."""
    spans: list[Span] = []
    span_free = 0
    for label, owner, m in MENTION_KINDS[kind][1](doc):
        if m.start is None or m.end is None:
            span_free += 1
            continue
        spans.append(Span(m.start, m.end, label, m.text, len(spans), owner))
    return spans, span_free


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def outcome(scheme: Scheme, gold: Span, pred: Span) -> str | None:
    """What the pair earns in ``scheme``: 'cor', 'par', 'inc', or None when they may not be paired."""
    if _overlap(gold, pred) == 0:
        return None
    same_bounds = gold.start == pred.start and gold.end == pred.end
    same_label = gold.label == pred.label
    correct = (same_bounds or not scheme.exact_boundaries) and (same_label or not scheme.needs_label)
    return "cor" if correct else scheme.overlap_outcome


def overlapping_pairs(gold: Sequence[Span], pred: Sequence[Span]) -> list[tuple[int, int]]:
    """Index pairs of spans that share at least one character, found by sorting rather than trying every pair."""
    if not gold or not pred:
        return []
    order = sorted(range(len(pred)), key=lambda j: pred[j].start)
    starts = [pred[j].start for j in order]
    longest = max(p.end - p.start for p in pred)
    out = []
    for i, g in enumerate(gold):
        lo = bisect_left(starts, g.start - longest + 1)
        hi = bisect_left(starts, g.end)
        for k in range(lo, hi):
            j = order[k]
            if pred[j].end > g.start:
                out.append((i, j))
    out.sort()
    return out


def _tiers(scheme: Scheme, gold: Span, pred: Span) -> tuple[float, ...]:
    kind = outcome(scheme, gold, pred) or "inc"
    credit = {"cor": 2, "par": 1, "inc": 0}[kind]
    closeness = _overlap(gold, pred) / (max(gold.end, pred.end) - min(gold.start, pred.start))
    return (credit, 1, (closeness + (gold.label == pred.label)) / 2)


@dataclass(frozen=True)
class SchemeResult:
    """One scheme on one list of spans: the counts and the pairs behind them."""

    counts: Graded
    alignment: Alignment
    outcomes: tuple[str, ...]


def score_spans(gold: Sequence[Span], pred: Sequence[Span], scheme: Scheme | str,
                pairs: list[tuple[int, int]] | None = None) -> SchemeResult:
    """Match ``pred`` to ``gold`` optimally under ``scheme`` and count the SemEval outcomes.

    ``pairs`` (the overlapping index pairs) may be passed when the caller already has them.
    """
    scheme = SCHEMES[scheme] if isinstance(scheme, str) else scheme
    if pairs is None:
        pairs = overlapping_pairs(gold, pred)
    alignment = match_edges(len(gold), len(pred), [(i, j, _tiers(scheme, gold[i], pred[j])) for i, j in pairs])
    outcomes = tuple(outcome(scheme, gold[p.gold], pred[p.pred]) or "inc" for p in alignment.pairs)
    counts = Graded(
        cor=outcomes.count("cor"), inc=outcomes.count("inc"), par=outcomes.count("par"),
        mis=len(alignment.unmatched_gold), spu=len(alignment.unmatched_pred),
    )
    return SchemeResult(counts, alignment, outcomes)


def add_graded(counts: Counts, metric: Metric, label: str, graded: Graded) -> None:
    for stat, value in zip(Graded.STATS, (graded.cor, graded.inc, graded.par, graded.mis, graded.spu), strict=True):
        if value:
            counts.add(metric.key(stat, label), value)


#: Per scheme: the counts over all labels and the counts of each label (spans of that label alone on both sides).
SchemeCounts = dict[str, tuple[Graded, dict[str, Graded]]]


def scheme_counts(gold: Sequence[Span], pred: Sequence[Span], pairs: list[tuple[int, int]] | None = None
                  ) -> SchemeCounts:
    """The counts of every scheme, overall and per label, for one document's spans of one kind.

    Equal to :func:`score_spans` run on every scheme and on every label's spans. When no span
    overlaps two spans of the other side (the usual case) every overlapping pair is matched in every
    scheme, so the counts follow from the pairs without solving an assignment; otherwise each
    scheme and label is solved by :func:`score_spans`.

    >>> gold = [Span(0, 5, "A", "", 0, "g"), Span(10, 15, "B", "", 1, "g")]
    >>> pred = [Span(0, 5, "B", "", 0, "p"), Span(11, 15, "B", "", 1, "p")]
    >>> overall, per_label = scheme_counts(gold, pred)["strict"]
    >>> overall, per_label["B"]
    (Graded(cor=0, inc=2, par=0, mis=0, spu=0), Graded(cor=0, inc=1, par=0, mis=0, spu=1))
    """
    tally = MentionTally()
    tally.add(gold, pred, pairs)
    return tally.counts()


class MentionTally:
    """:func:`scheme_counts` added up over many documents, holding a few integers per label.

    For a corpus of span lists this is what nervaluate's evaluator reports (every scheme, overall
    and per label); documents without rival overlaps only add to integer tallies, so no count
    object is made per document.

    >>> tally = MentionTally()
    >>> tally.add([Span(0, 5, "A", "", 0, "g")], [Span(0, 5, "A", "", 0, "p")])
    >>> tally.add([Span(0, 5, "A", "", 0, "g")], [Span(1, 5, "A", "", 0, "p")])
    >>> tally.counts()["partial"][0]
    Graded(cor=1, inc=0, par=1, mis=0, spu=0)
    """

    __slots__ = ("_kinds", "_labels", "_mis", "_spu", "_solved")

    def __init__(self) -> None:
        # overlapping pairs by (same boundaries, same label); per label: gold spans, predicted spans,
        # pairs of that label with the same boundaries, with other boundaries
        self._kinds = dict.fromkeys(_PAIR_KINDS, 0)
        self._labels: dict[str, list[int]] = {}
        self._mis = self._spu = 0
        self._solved: list[SchemeCounts] = []

    def add(self, gold: Sequence[Span], pred: Sequence[Span], pairs: list[tuple[int, int]] | None = None) -> None:
        """Add one document's spans (``pairs``: their overlapping index pairs, when already known)."""
        if pairs is None:
            pairs = overlapping_pairs(gold, pred)
        if len({i for i, _ in pairs}) < len(pairs) or len({j for _, j in pairs}) < len(pairs):
            labels = sorted({s.label for s in gold} | {s.label for s in pred})
            self._solved.append(_solved_counts(gold, pred, pairs, labels))
            return
        by_label, kinds = self._labels, self._kinds
        for s in gold:
            row = by_label.get(s.label)
            if row is None:
                by_label[s.label] = [1, 0, 0, 0]
            else:
                row[0] += 1
        for s in pred:
            row = by_label.get(s.label)
            if row is None:
                by_label[s.label] = [0, 1, 0, 0]
            else:
                row[1] += 1
        for i, j in pairs:
            g, p = gold[i], pred[j]
            bounds = g.start == p.start and g.end == p.end
            if g.label == p.label:
                kinds[(bounds, True)] += 1
                by_label[g.label][2 if bounds else 3] += 1
            else:
                kinds[(bounds, False)] += 1
        self._mis += len(gold) - len(pairs)
        self._spu += len(pred) - len(pairs)

    def counts(self) -> SchemeCounts:
        """Every scheme's counts, overall and per label (labels sorted)."""
        out: SchemeCounts = {}
        for name, where in _PAIR_STATS.items():
            t = [0, 0, 0]
            for kind, n in self._kinds.items():
                t[where[kind]] += n
            overall = Graded(t[0], t[1], t[2], self._mis, self._spu)
            equal_at, other_at = where[(True, True)], where[(False, True)]
            per_label = {}
            for label, (n_gold, n_pred, equal, other) in self._labels.items():
                t = [0, 0, 0]
                t[equal_at] += equal
                t[other_at] += other
                per_label[label] = Graded(t[0], t[1], t[2], n_gold - equal - other, n_pred - equal - other)
            for solved in self._solved:
                overall = overall + solved[name][0]
                for label, graded in solved[name][1].items():
                    per_label[label] = per_label[label] + graded if label in per_label else graded
            out[name] = (overall, dict(sorted(per_label.items())))
        return out


def _pair_outcome(scheme: Scheme, same_bounds: bool, same_label: bool) -> str:
    """:func:`outcome` of an overlapping pair, from whether its boundaries and labels agree."""
    correct = (same_bounds or not scheme.exact_boundaries) and (same_label or not scheme.needs_label)
    return "cor" if correct else scheme.overlap_outcome


_PAIR_KINDS = ((True, True), (True, False), (False, True), (False, False))
#: Per scheme, which of (cor, inc, par) an overlapping pair counts as, by (same boundaries, same label).
_PAIR_STATS: dict[str, dict[tuple[bool, bool], int]] = {
    name: {kind: ("cor", "inc", "par").index(_pair_outcome(scheme, *kind)) for kind in _PAIR_KINDS}
    for name, scheme in SCHEMES.items()
}


def _solved_counts(gold: Sequence[Span], pred: Sequence[Span], pairs: list[tuple[int, int]], labels: list[str]
                   ) -> SchemeCounts:
    by_label: dict[str, tuple[list[Span], list[Span], list[tuple[int, int]]]] = {}
    for label in labels:
        g_index = {i: k for k, i in enumerate(i for i, s in enumerate(gold) if s.label == label)}
        p_index = {j: k for k, j in enumerate(j for j, s in enumerate(pred) if s.label == label)}
        by_label[label] = ([gold[i] for i in g_index], [pred[j] for j in p_index],
                           [(g_index[i], p_index[j]) for i, j in pairs if i in g_index and j in p_index])
    return {name: (score_spans(gold, pred, scheme, pairs).counts,
                   {label: score_spans(g, p, scheme, label_pairs).counts for label, (g, p, label_pairs) in by_label.items()})
            for name, scheme in SCHEMES.items()}


def count_mentions(gold: Document, pred: Document, kind: str, *, explain: bool = True
                   ) -> tuple[Counts, dict[str, SchemeResult], list[Span], list[Span]]:
    """Counts of every scheme, overall and per label, for one kind of mention in one document.

    With ``explain`` the matched pairs of every scheme are returned too (for findings); without, that dict is empty.
    """
    gold_spans, _ = collect_spans(gold, kind)
    pred_spans, span_free = collect_spans(pred, kind)
    counts = Counts()
    counts.add(SPAN_FREE[kind].key("n"), span_free)
    pairs = overlapping_pairs(gold_spans, pred_spans)
    for name, (overall, per_label) in scheme_counts(gold_spans, pred_spans, pairs).items():
        metric = SCHEME_COUNTS[kind][name]
        add_graded(counts, metric, ALL, overall)
        for label, graded in per_label.items():
            add_graded(counts, metric, label, graded)
    results = {name: score_spans(gold_spans, pred_spans, scheme, pairs) for name, scheme in SCHEMES.items()} \
        if explain else {}
    return counts, results, gold_spans, pred_spans
