"""Event level: identification, classification and realis of document-level events, per event type.

On the event alignment (:mod:`eventgold.eval.alignment`):

* identification: an aligned pair is a true positive whatever the types;
* classification: an aligned pair with equal types is a true positive; per type,
  a gold event of type T counts against T's recall and a predicted one against
  T's precision unless they are aligned with each other and both of type T;
* realis: classification that also requires equal modality (TAC KBP's
  "with realis" condition).

Unaligned events are false negatives (gold) or false positives (predicted).
The event-type confusion table has a row per gold type and a column per
predicted type, with ``-`` standing for "no aligned event".
"""

from __future__ import annotations

from eventgold.schema import Document, Event

from .alignment import DocumentAlignment, pair_similarity
from .counts import ALL, PRF_STATS, Counts, Metric, N
from .findings import FALSE_NEGATIVE, FALSE_POSITIVE, MISMATCH, Finding, ItemRef

NONE = "-"

IDENTIFICATION = Metric("events", "identification", PRF_STATS, "aligned event pairs, whatever the types")
CLASSIFICATION = Metric("events", "classification", PRF_STATS, "aligned pairs with equal types; per event type")
REALIS = Metric("events", "realis", PRF_STATS, "aligned pairs with equal types and equal modality")
CONFUSION = Metric("events", "confusion", N, "aligned pairs by 'gold type>predicted type' ('-': no aligned event)")


def event_ref(doc: Document, index: int) -> ItemRef:
    ev: Event = doc.events[index]
    words = " / ".join(m.text for m in ev.triggers) or "(no trigger)"
    return ItemRef.of(f"events[{index}]", f"{ev.id}: {words}", ev.triggers, doc.text)


def count_events(al: DocumentAlignment, findings: list[Finding] | None = None) -> Counts:
    counts = Counts()
    gold, pred = al.gold, al.pred
    n_pairs = len(al.events.pairs)
    counts.add(IDENTIFICATION.key("tp"), n_pairs)
    counts.add(IDENTIFICATION.key("fp"), len(pred.events) - n_pairs)
    counts.add(IDENTIFICATION.key("fn"), len(gold.events) - n_pairs)
    for ev in gold.events:
        counts.add(CLASSIFICATION.key("fn", ev.type.value), 1)
        counts.add(CLASSIFICATION.key("fn"), 1)
        counts.add(REALIS.key("fn"), 1)
    for ev in pred.events:
        counts.add(CLASSIFICATION.key("fp", ev.type.value), 1)
        counts.add(CLASSIFICATION.key("fp"), 1)
        counts.add(REALIS.key("fp"), 1)
    for pair in al.events.pairs:
        g, p = gold.events[pair.gold], pred.events[pair.pred]
        counts.add(CONFUSION.key("n", f"{g.type.value}>{p.type.value}"))
        if g.type == p.type:
            for label in (ALL, g.type.value):
                counts.add(CLASSIFICATION.key("tp", label))
                counts.add(CLASSIFICATION.key("fp", label), -1)
                counts.add(CLASSIFICATION.key("fn", label), -1)
            if g.modality == p.modality:
                counts.add(REALIS.key("tp"))
                counts.add(REALIS.key("fp"), -1)
                counts.add(REALIS.key("fn"), -1)
        elif findings is not None:
            parts = ", ".join(f"{k}={v:.2f}" for k, v in al.event_parts.get((pair.gold, pair.pred), {}).items())
            findings.append(Finding("events", MISMATCH, gold.id, g.type.value,
                                    f"aligned (similarity {pair_similarity(pair):.2f}: {parts}) but typed {p.type.value}",
                                    event_ref(gold, pair.gold), event_ref(pred, pair.pred)))
    for i in al.events.unmatched_gold:
        counts.add(CONFUSION.key("n", f"{gold.events[i].type.value}>{NONE}"))
        if findings is not None:
            findings.append(Finding("events", FALSE_NEGATIVE, gold.id, gold.events[i].type.value,
                                    "no predicted event aligned", event_ref(gold, i)))
    for j in al.events.unmatched_pred:
        counts.add(CONFUSION.key("n", f"{NONE}>{pred.events[j].type.value}"))
        if findings is not None:
            findings.append(Finding("events", FALSE_POSITIVE, gold.id, pred.events[j].type.value,
                                    "no gold event aligned", pred=event_ref(pred, j)))
    return counts
