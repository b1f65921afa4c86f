"""Argument level: role fillers of aligned events (Arg-I and Arg-C), matched through entities.

A predicted argument fills the same slot as a gold argument when its entity
is *filler-identical* to the gold entity: they share a normalized surface form
(the canonical name, an alias, or the text of any coreferent mention; see
:mod:`eventgold.eval.names`), or a gazetteer id. Offsets are never needed, so
span-free predictions are scored like span-grounded ones.

* Arg-I: within each aligned event pair, gold and predicted arguments are
  matched one-to-one; a pair of filler-identical entities is a true positive
  whatever the roles (the matcher prefers equal roles when it has a choice).
* Arg-C: the same, but a pair also needs the same role. Per-role counts come
  from Arg-C.

Arguments of unaligned gold events are false negatives; arguments of
unaligned predicted events are false positives. Unlike the ACE convention,
the event types of an aligned pair need not agree (that is scored at event
level); unlike TextEE, duplicates never collapse: each argument is matched once.
"""

from __future__ import annotations

from eventgold.schema import Argument, Document

from .alignment import DocumentAlignment, EntityInfo, filler_similarity
from .counts import PRF_STATS, Counts, Metric
from .findings import FALSE_NEGATIVE, FALSE_POSITIVE, Finding, ItemRef
from .matching import match

IDENTIFICATION = Metric("arguments", "identification", PRF_STATS, "Arg-I: filler-identical arguments, any roles")
CLASSIFICATION = Metric("arguments", "classification", PRF_STATS, "Arg-C: filler-identical, same role; per role")

Slot = tuple[Argument, EntityInfo, int]


def _slots(al: DocumentAlignment, side: str, event_index: int) -> list[Slot]:
    doc = al.gold if side == "gold" else al.pred
    infos = al.gold_entities if side == "gold" else al.pred_entities
    return [(arg, infos[arg.entity], k) for k, arg in enumerate(doc.events[event_index].arguments) if arg.entity in infos]


def _ident(g: Slot, p: Slot) -> tuple[float, ...] | None:
    sim = filler_similarity(g[1], p[1])
    return None if sim is None else (1, int(g[0].role == p[0].role), *sim)


def _classified(g: Slot, p: Slot) -> tuple[float, ...] | None:
    return filler_similarity(g[1], p[1]) if g[0].role == p[0].role else None


def slot_ref(doc: Document, event_index: int, slot: Slot) -> ItemRef:
    arg, info, k = slot
    return ItemRef.of(f"events[{event_index}].arguments[{k}]",
                      f"{arg.role.value}: {info.entity.name}", info.entity.mentions, doc.text)


def count_arguments(al: DocumentAlignment, findings: list[Finding] | None = None) -> Counts:
    counts = Counts()

    def unaligned(side: str, slots: list[Slot], event_index: int, why: str) -> None:
        """Arguments of an event that found no partner: false negatives (gold side) or false positives."""
        kind, outcome = ("fn", FALSE_NEGATIVE) if side == "gold" else ("fp", FALSE_POSITIVE)
        for slot in slots:
            role = slot[0].role.value
            counts.add(IDENTIFICATION.key(kind))
            counts.add(CLASSIFICATION.key(kind))
            counts.add(CLASSIFICATION.key(kind, role))
            if findings is not None:
                ref = slot_ref(al.gold if side == "gold" else al.pred, event_index, slot)
                findings.append(Finding("arguments", outcome, al.gold.id, role, why, ref) if side == "gold"
                                else Finding("arguments", outcome, al.gold.id, role, why, pred=ref))

    for i in al.events.unmatched_gold:
        unaligned("gold", _slots(al, "gold", i), i, "its event was not aligned")
    for j in al.events.unmatched_pred:
        unaligned("pred", _slots(al, "pred", j), j, "its event was not aligned")
    for pair in al.events.pairs:
        gold_slots, pred_slots = _slots(al, "gold", pair.gold), _slots(al, "pred", pair.pred)
        ident = match(gold_slots, pred_slots, _ident)
        n = len(ident.pairs)
        counts.add(IDENTIFICATION.key("tp"), n)
        counts.add(IDENTIFICATION.key("fp"), len(pred_slots) - n)
        counts.add(IDENTIFICATION.key("fn"), len(gold_slots) - n)
        classified = match(gold_slots, pred_slots, _classified)
        for p in classified.pairs:
            role = gold_slots[p.gold][0].role.value
            counts.add(CLASSIFICATION.key("tp"))
            counts.add(CLASSIFICATION.key("tp", role))
        roles_of = {i: ident.pred_of(i) for i in range(len(gold_slots))}
        for i in classified.unmatched_gold:
            slot = gold_slots[i]
            counts.add(CLASSIFICATION.key("fn"))
            counts.add(CLASSIFICATION.key("fn", slot[0].role.value))
            if findings is not None:
                other = roles_of.get(i)
                why = ("filler found with role " + pred_slots[other][0].role.value if other is not None
                       else "no filler-identical argument in the aligned predicted event")
                findings.append(Finding("arguments", FALSE_NEGATIVE, al.gold.id, slot[0].role.value, why,
                                        slot_ref(al.gold, pair.gold, slot)))
        for j in classified.unmatched_pred:
            slot = pred_slots[j]
            counts.add(CLASSIFICATION.key("fp"))
            counts.add(CLASSIFICATION.key("fp", slot[0].role.value))
            if findings is not None:
                findings.append(Finding("arguments", FALSE_POSITIVE, al.gold.id, slot[0].role.value,
                                        "no filler-identical gold argument with this role in the aligned gold event",
                                        pred=slot_ref(al.pred, pair.pred, slot)))
    return counts
