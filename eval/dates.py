"""Time level: the normalized date interval of every event, compared with its precision.

For each aligned event pair where both events have a date: **exact** when the
intervals and the precision (day/week/month/year) are equal, **overlapping**
when the intervals share a day, **wrong** when they are disjoint. A gold date
with no predicted date (or on an unaligned gold event) is **missed**; a
predicted date with no gold date (or on an unaligned predicted event) is
**spurious**. These are stored as SemEval outcomes (cor, par, inc, mis, spu),
and two scores are derived: ``time.exact`` (overlaps earn nothing) and
``time.overlap`` (overlaps earn full credit). ``precision`` counts compared
pairs with the same precision level; ``start_error`` sums the days between
the interval starts, for a mean error.
"""

from __future__ import annotations

from eventgold.schema import DateInterval, Document

from .alignment import DocumentAlignment
from .counts import GRADED_STATS, Counts, Metric
from .events import event_ref
from .findings import FALSE_NEGATIVE, FALSE_POSITIVE, MISMATCH, Finding, ItemRef

DATES = Metric("time", "dates", GRADED_STATS, "dates of aligned events: exact (cor), overlapping (par), disjoint (inc)")
PRECISION = Metric("time", "precision", ("compared", "same"), "compared date pairs, and those of the same precision")
START_ERROR = Metric("time", "start_error", ("days", "n"), "days between interval starts, summed, and pairs compared")


def compare_dates(gold: DateInterval, pred: DateInterval) -> str:
    """'cor' (same interval and precision), 'par' (overlapping) or 'inc' (disjoint)."""
    if gold.start == pred.start and gold.end == pred.end and gold.precision == pred.precision:
        return "cor"
    if gold.start <= pred.end and pred.start <= gold.end:
        return "par"
    return "inc"


def _fmt(value: DateInterval) -> str:
    span = value.start.isoformat() if value.start == value.end else f"{value.start}..{value.end}"
    return f"{span} ({value.precision.value})"


def _ref(doc: Document, index: int, value: DateInterval) -> ItemRef:
    ev = doc.events[index]
    times = {t.id: t for t in doc.times}
    mentions = times[ev.time].mentions if ev.time in times else []
    base = event_ref(doc, index)
    return ItemRef.of(f"events[{index}].time", f"{base.text} @ {_fmt(value)}", mentions, doc.text)


def count_dates(al: DocumentAlignment, findings: list[Finding] | None = None) -> Counts:
    counts = Counts()
    level = "time"
    gold_dates = [v.time for v in al.gold_events]
    pred_dates = [v.time for v in al.pred_events]
    for i in al.events.unmatched_gold:
        gold_date = gold_dates[i]
        if gold_date is not None:
            counts.add(DATES.key("mis"))
            if findings is not None:
                findings.append(Finding(level, FALSE_NEGATIVE, al.gold.id, gold_date.precision.value,
                                        "its event was not aligned", _ref(al.gold, i, gold_date)))
    for j in al.events.unmatched_pred:
        pred_date = pred_dates[j]
        if pred_date is not None:
            counts.add(DATES.key("spu"))
            if findings is not None:
                findings.append(Finding(level, FALSE_POSITIVE, al.gold.id, pred_date.precision.value,
                                        "its event was not aligned", pred=_ref(al.pred, j, pred_date)))
    for pair in al.events.pairs:
        g, p = gold_dates[pair.gold], pred_dates[pair.pred]
        if g is None and p is None:
            continue
        if g is None and p is not None:
            counts.add(DATES.key("spu"))
            if findings is not None:
                findings.append(Finding(level, FALSE_POSITIVE, al.gold.id, p.precision.value,
                                        "the aligned gold event has no date", pred=_ref(al.pred, pair.pred, p)))
            continue
        if g is not None and p is None:
            counts.add(DATES.key("mis"))
            if findings is not None:
                findings.append(Finding(level, FALSE_NEGATIVE, al.gold.id, g.precision.value,
                                        "the aligned predicted event has no date", _ref(al.gold, pair.gold, g)))
            continue
        if g is None or p is None:
            continue
        kind = compare_dates(g, p)
        counts.add(DATES.key(kind))
        counts.add(PRECISION.key("compared"))
        counts.add(PRECISION.key("same"), int(g.precision == p.precision))
        counts.add(START_ERROR.key("days"), abs((p.start - g.start).days))
        counts.add(START_ERROR.key("n"))
        if kind != "cor" and findings is not None:
            detail = f"gold {_fmt(g)}, predicted {_fmt(p)}: " + ("overlapping" if kind == "par" else "disjoint")
            findings.append(Finding(level, MISMATCH, al.gold.id, g.precision.value, detail,
                                    _ref(al.gold, pair.gold, g), _ref(al.pred, pair.pred, p)))
    return counts
