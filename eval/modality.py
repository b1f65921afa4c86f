"""Modality level: accuracy and confusion on aligned events, and phantom events.

A **phantom event** is a gold event whose modality is negated, hypothetical
or generic ("no reports of unrest", "strikes are likely", "the group routinely
attacks convoys") aligned with a predicted event marked actual: the system
reports as having happened something the text says did not, or not yet, or
not as one incident. The phantom rate is phantoms over aligned non-actual gold
events. Unaligned events have no modality to compare and are left out.
"""

from __future__ import annotations

from eventgold.schema import Modality

from .alignment import DocumentAlignment
from .counts import Counts, Metric, N
from .events import event_ref
from .findings import MISMATCH, Finding

CONFUSION = Metric("modality", "confusion", N, "aligned events by 'gold modality>predicted modality'")
ACCURACY = Metric("modality", "accuracy", ("total", "correct"), "aligned events, and those with equal modality")
PHANTOM = Metric("modality", "phantom", ("total", "n"),
                 "aligned non-actual gold events, and those predicted as actual (phantoms)")


def count_modality(al: DocumentAlignment, findings: list[Finding] | None = None) -> Counts:
    counts = Counts()
    for pair in al.events.pairs:
        g, p = al.gold.events[pair.gold], al.pred.events[pair.pred]
        counts.add(CONFUSION.key("n", f"{g.modality.value}>{p.modality.value}"))
        counts.add(ACCURACY.key("total"))
        counts.add(ACCURACY.key("total", g.modality.value))
        if g.modality == p.modality:
            counts.add(ACCURACY.key("correct"))
            counts.add(ACCURACY.key("correct", g.modality.value))
        if g.modality is not Modality.ACTUAL:
            counts.add(PHANTOM.key("total"))
            counts.add(PHANTOM.key("total", g.modality.value))
            if p.modality is Modality.ACTUAL:
                counts.add(PHANTOM.key("n"))
                counts.add(PHANTOM.key("n", g.modality.value))
        if findings is not None and g.modality != p.modality:
            phantom = g.modality is not Modality.ACTUAL and p.modality is Modality.ACTUAL
            detail = (f"phantom event: gold is {g.modality.value}, predicted as actual" if phantom
                      else f"gold modality {g.modality.value}, predicted {p.modality.value}")
            findings.append(Finding("modality", MISMATCH, al.gold.id, g.modality.value, detail,
                                    event_ref(al.gold, pair.gold), event_ref(al.pred, pair.pred)))
    return counts
