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
from .counts import ALL, Counts
from .events import event_ref
from .findings import MISMATCH, Finding


def count_modality(al: DocumentAlignment, findings: list[Finding] | None = None) -> Counts:
    counts = Counts()
    for pair in al.events.pairs:
        g, p = al.gold.events[pair.gold], al.pred.events[pair.pred]
        counts.add(("modality", "confusion", f"{g.modality.value}>{p.modality.value}", "n"))
        counts.add(("modality", "accuracy", ALL, "total"))
        counts.add(("modality", "accuracy", g.modality.value, "total"))
        if g.modality == p.modality:
            counts.add(("modality", "accuracy", ALL, "correct"))
            counts.add(("modality", "accuracy", g.modality.value, "correct"))
        if g.modality is not Modality.ACTUAL:
            counts.add(("modality", "phantom", ALL, "total"))
            counts.add(("modality", "phantom", g.modality.value, "total"))
            if p.modality is Modality.ACTUAL:
                counts.add(("modality", "phantom", ALL, "n"))
                counts.add(("modality", "phantom", g.modality.value, "n"))
        if findings is not None and g.modality != p.modality:
            phantom = g.modality is not Modality.ACTUAL and p.modality is Modality.ACTUAL
            detail = (f"phantom event: gold is {g.modality.value}, predicted as actual" if phantom
                      else f"gold modality {g.modality.value}, predicted {p.modality.value}")
            findings.append(Finding("modality", MISMATCH, al.gold.id, g.modality.value, detail,
                                    event_ref(al.gold, pair.gold), event_ref(al.pred, pair.pred)))
    return counts
