"""Casualty level: (event, outcome, victim group) tuples, and counts compared as intervals.

**Records.** Gold and predicted casualty records are matched one-to-one; a
pair is allowed only when the predicted record's event is aligned with the
gold record's event. The matcher prefers, in this order, the same outcome,
the same victim group, then the closest victim group and count. Then:

* ``casualties.identification``: matched pairs (same event);
* ``casualties.outcome``: matched pairs with the same outcome, i.e. the
  (event, outcome) tuple;
* ``casualties.tuple``: also the same victim group, i.e. the (event, outcome,
  victim group) tuple. Two victim groups are the same when category and
  nationality are equal and, if both name an actor, the actors are
  filler-identical.

**Counts.** A count is an interval: ``at least 3`` is [3, ∞), ``between 5 and
8`` is [5, 8], ``about 20`` is the point 20, ``up to 5`` is [0, 5] (0 only as
the floor of the arithmetic, never as a claim), an unspecified number has no
bounds. Two counts compare as **exact** (same interval; two unspecified counts
are exact), **inside** (a predicted point inside a gold range), **overlap**
(the intervals intersect, or the gold count is unspecified and the prediction
gives one), or **wrong** (disjoint). When both are points the absolute error
is added up for a mean absolute error. ``casualties.count`` compares the counts
of ``casualties.tuple`` pairs.

**Totals.** ``casualties.totals`` compares, per aligned event and outcome,
the sum of the *top-level* records (those without ``part_of``): a breakdown
("including two U.S. service members") is part of its total and never added to
it, so a system that gives only the total, or only the parts as separate
records, is compared on the same figure. Outcomes stored as SemEval outcomes:
exact = cor, inside or overlap = par (``inside`` also counted apart),
wrong = inc, a total on one side only = mis/spu. Signed errors of point totals
(predicted minus gold, clipped to ±10) are kept as a histogram.
"""

from __future__ import annotations

from dataclasses import dataclass

from eventgold.schema import Casualty, CasualtyOutcome, Document, Quantity

from .alignment import DocumentAlignment, EntityInfo, compatible
from .counts import GRADED_STATS, PRF_STATS, Counts, Metric, N
from .events import event_ref
from .findings import FALSE_NEGATIVE, FALSE_POSITIVE, MISMATCH, Finding, ItemRef
from .matching import match

ERROR_CLIP = 10
COUNT_OUTCOMES = ("exact", "inside", "overlap", "wrong")

IDENTIFICATION = Metric("casualties", "identification", PRF_STATS, "casualty records matched for the right event")
OUTCOME = Metric("casualties", "outcome", PRF_STATS, "the (event, outcome) tuple; per outcome")
TUPLE = Metric("casualties", "tuple", PRF_STATS, "the (event, outcome, victim group) tuple; per outcome")
OUTCOME_CONFUSION = Metric("casualties", "outcome_confusion", N, "matched records by 'gold outcome>predicted outcome'")
COUNT = Metric("casualties", "count", (*COUNT_OUTCOMES, "compared"), "counts of tuple pairs compared as intervals")
COUNT_ERROR = Metric("casualties", "count_error", ("abs", "n"), "absolute errors of tuple pairs whose counts are points")
TOTALS = Metric("casualties", "totals", (*GRADED_STATS, "inside"),
                "event totals per outcome: exact (cor), inside or overlap (par), wrong (inc); 'inside' apart")
TOTALS_ERROR = Metric("casualties", "totals_error", ("abs", "n"), "absolute errors of totals that are points")
TOTALS_ERROR_HIST = Metric("casualties", "totals_error_hist", N,
                           f"signed errors of point totals (predicted - gold, clipped to ±{ERROR_CLIP}), by value")


@dataclass(frozen=True)
class Interval:
    """A count as ``[low, high]``; ``high`` None is unbounded; ``known`` False when the text gives no number."""

    low: int
    high: int | None
    known: bool = True

    @property
    def point(self) -> int | None:
        return self.low if self.known and self.high == self.low else None

    def __add__(self, other: Interval) -> Interval:
        high = None if self.high is None or other.high is None else self.high + other.high
        return Interval(self.low + other.low, high, self.known or other.known)

    def __str__(self) -> str:
        if not self.known:
            return "unspecified"
        if self.point is not None:
            return str(self.point)
        return f"[{self.low}, ∞)" if self.high is None else f"[{self.low}, {self.high}]"


def interval(q: Quantity) -> Interval:
    """The interval a quantity states (see the module docstring)."""
    if q.low is None and q.best is None and q.high is None:
        return Interval(0, None, known=False)
    low = q.low if q.low is not None else (q.best if q.best is not None and q.high is None else 0)
    high = q.high if q.high is not None else (q.best if q.best is not None and q.low is None else None)
    return Interval(low, high)


def compare_counts(gold: Interval, pred: Interval) -> str:
    """'exact', 'inside', 'overlap' or 'wrong'."""
    if not gold.known:
        return "exact" if not pred.known else "overlap"
    if (gold.low, gold.high, gold.known) == (pred.low, pred.high, pred.known):
        return "exact"
    p = pred.point
    if p is not None and gold.point is None and gold.low <= p and (gold.high is None or p <= gold.high):
        return "inside"
    if (gold.high is None or pred.low <= gold.high) and (pred.high is None or gold.low <= pred.high):
        return "overlap"
    return "wrong"


_COUNT_CLOSENESS = {"exact": 1.0, "inside": 0.75, "overlap": 0.5, "wrong": 0.0}


def _victim_parts(gold: Casualty, pred: Casualty, g_info: EntityInfo | None, p_info: EntityInfo | None) -> list[bool]:
    parts = [gold.victim.category == pred.victim.category, gold.victim.nationality == pred.victim.nationality]
    if g_info is not None and p_info is not None:
        parts.append(compatible(g_info, p_info))
    return parts


def _differences(g: Casualty, p: Casualty, g_info: EntityInfo | None, p_info: EntityInfo | None) -> str:
    out = []
    if g.outcome != p.outcome:
        out.append(f"outcome {g.outcome.value} vs {p.outcome.value}")
    if g.victim.category != p.victim.category:
        out.append(f"victim category {g.victim.category.value} vs {p.victim.category.value}")
    if g.victim.nationality != p.victim.nationality:
        out.append(f"nationality {g.victim.nationality or '-'} vs {p.victim.nationality or '-'}")
    if g_info is not None and p_info is not None and not compatible(g_info, p_info):
        out.append(f"victim actor {g_info.entity.name!r} vs {p_info.entity.name!r}")
    return "different " + "; ".join(out)


def _ref(doc: Document, index: int) -> ItemRef:
    c = doc.casualties[index]
    who = c.victim.category.value + (f" {c.victim.nationality}" if c.victim.nationality else "")
    text = f"{c.outcome.value} {interval(c.count)} ({who}) in {c.event}" + (f", part of {c.part_of}" if c.part_of else "")
    return ItemRef.of(f"casualties[{index}]", text, c.mentions, doc.text)


def _totals(doc: Document) -> dict[tuple[str, CasualtyOutcome], Interval]:
    out: dict[tuple[str, CasualtyOutcome], Interval] = {}
    for c in doc.casualties:
        if c.part_of is None:
            key = (c.event, c.outcome)
            value = interval(c.count)
            out[key] = out[key] + value if key in out else value
    return out


def count_casualties(al: DocumentAlignment, findings: list[Finding] | None = None) -> Counts:
    counts = Counts()
    gold, pred = al.gold, al.pred
    to_gold_event = al.aligned_gold_event_ids()

    def info(side: str, actor: str | None) -> EntityInfo | None:
        infos = al.gold_entities if side == "gold" else al.pred_entities
        return infos.get(actor) if actor else None

    def sim(g: Casualty, p: Casualty) -> tuple[float, ...] | None:
        if to_gold_event.get(p.event) != g.event:
            return None
        parts = _victim_parts(g, p, info("gold", g.victim.actor), info("pred", p.victim.actor))
        closeness = (1 + sum(parts) / len(parts) + _COUNT_CLOSENESS[compare_counts(interval(g.count), interval(p.count))]) / 3
        return (int(g.outcome == p.outcome), int(all(parts)), closeness)

    records = match(gold.casualties, pred.casualties, sim)
    n_gold, n_pred = len(gold.casualties), len(pred.casualties)
    tp_outcome = tp_tuple = 0
    for c in gold.casualties:
        counts.add(OUTCOME.key("fn", c.outcome.value))
        counts.add(TUPLE.key("fn", c.outcome.value))
    for c in pred.casualties:
        counts.add(OUTCOME.key("fp", c.outcome.value))
        counts.add(TUPLE.key("fp", c.outcome.value))
    for pair in records.pairs:
        g, p = gold.casualties[pair.gold], pred.casualties[pair.pred]
        counts.add(OUTCOME_CONFUSION.key("n", f"{g.outcome.value}>{p.outcome.value}"))
        same_outcome, same_group = bool(pair.score[0]), bool(pair.score[1])
        for metric, ok in ((OUTCOME, same_outcome), (TUPLE, same_outcome and same_group)):
            if ok:
                counts.add(metric.key("tp", g.outcome.value))
                counts.add(metric.key("fp", g.outcome.value), -1)
                counts.add(metric.key("fn", g.outcome.value), -1)
        tp_outcome += same_outcome
        tp_tuple += same_outcome and same_group
        if same_outcome and same_group:
            gi, pi = interval(g.count), interval(p.count)
            kind = compare_counts(gi, pi)
            counts.add(COUNT.key(kind))
            counts.add(COUNT.key("compared"))
            if gi.point is not None and pi.point is not None:
                counts.add(COUNT_ERROR.key("abs"), abs(pi.point - gi.point))
                counts.add(COUNT_ERROR.key("n"))
        if findings is not None and not (same_outcome and same_group):
            findings.append(Finding("casualties", MISMATCH, gold.id, g.outcome.value,
                                    "same event, " + _differences(g, p, info("gold", g.victim.actor),
                                                                  info("pred", p.victim.actor)),
                                    _ref(gold, pair.gold), _ref(pred, pair.pred)))
    for metric, tp in ((IDENTIFICATION, len(records.pairs)), (OUTCOME, tp_outcome), (TUPLE, tp_tuple)):
        counts.add(metric.key("tp"), tp)
        counts.add(metric.key("fp"), n_pred - tp)
        counts.add(metric.key("fn"), n_gold - tp)
    if findings is not None:
        for i in records.unmatched_gold:
            findings.append(Finding("casualties", FALSE_NEGATIVE, gold.id, gold.casualties[i].outcome.value,
                                    "no predicted casualty record for the aligned event", _ref(gold, i)))
        for j in records.unmatched_pred:
            why = ("its event is not aligned" if pred.casualties[j].event not in to_gold_event
                   else "no gold casualty record left for the aligned event")
            findings.append(Finding("casualties", FALSE_POSITIVE, gold.id, pred.casualties[j].outcome.value, why,
                                    pred=_ref(pred, j)))
    _count_totals(counts, al, to_gold_event, findings)
    return counts


def _count_totals(counts: Counts, al: DocumentAlignment, to_gold_event: dict[str, str],
                  findings: list[Finding] | None) -> None:
    gold_totals = _totals(al.gold)
    pred_totals: dict[tuple[str, CasualtyOutcome], Interval] = {}
    unaligned: list[tuple[str, CasualtyOutcome]] = []
    for (event, outcome), value in _totals(al.pred).items():
        if event in to_gold_event:
            pred_totals[(to_gold_event[event], outcome)] = value
        else:
            unaligned.append((event, outcome))
    gold_index = {ev.id: i for i, ev in enumerate(al.gold.events)}
    pred_index = {ev.id: i for i, ev in enumerate(al.pred.events)}
    for (event, outcome), g in gold_totals.items():
        p = pred_totals.get((event, outcome))
        if p is None:
            counts.add(TOTALS.key("mis"))
            if findings is not None:
                findings.append(Finding("casualties", FALSE_NEGATIVE, al.gold.id, outcome.value,
                                        f"total {outcome.value} {g}: no predicted total for this event",
                                        event_ref(al.gold, gold_index[event])))
            continue
        kind = compare_counts(g, p)
        counts.add(TOTALS.key({"exact": "cor", "inside": "par", "overlap": "par", "wrong": "inc"}[kind]))
        if kind == "inside":
            counts.add(TOTALS.key("inside"))
        if g.point is not None and p.point is not None:
            error = p.point - g.point
            counts.add(TOTALS_ERROR.key("abs"), abs(error))
            counts.add(TOTALS_ERROR.key("n"))
            counts.add(TOTALS_ERROR_HIST.key("n", str(max(-ERROR_CLIP, min(ERROR_CLIP, error)))))
        if findings is not None and kind != "exact":
            findings.append(Finding("casualties", MISMATCH, al.gold.id, outcome.value,
                                    f"total {outcome.value}: gold {g}, predicted {p} ({kind})",
                                    event_ref(al.gold, gold_index[event])))
    matched_gold_events = {k for k in pred_totals if k in gold_totals}
    for k, p in pred_totals.items():
        if k not in matched_gold_events:
            counts.add(TOTALS.key("spu"))
            if findings is not None:
                findings.append(Finding("casualties", FALSE_POSITIVE, al.gold.id, k[1].value,
                                        f"total {k[1].value} {p}: the aligned gold event has none",
                                        event_ref(al.gold, gold_index[k[0]])))
    for event, outcome in unaligned:
        counts.add(TOTALS.key("spu"))
        if findings is not None:
            findings.append(Finding("casualties", FALSE_POSITIVE, al.gold.id, outcome.value,
                                    f"total {outcome.value}: its event is not aligned",
                                    pred=event_ref(al.pred, pred_index[event])))
