"""Properties on generated documents: self-agreement is perfect; span-free twins score alike above mentions;
offset-anchored event pairs do not depend on the other events."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventgold.eval import Counts, align_document, score_document
from eventgold.eval.grounding import place_triggers, spans_overlap, trigger_spans
from eventgold.schema import Document, EventType, Modality, Profile, parse_document
from tests.eval.builders import mutate, without_spans
from tests.strategies import documents

ERROR_STATS = {"fp", "fn", "inc", "par", "mis", "spu"}
FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def errors(counts: Counts) -> dict[tuple[str, str, str, str], int]:
    return {k: v for k, v in counts.items() if k[3] in ERROR_STATS or (k[1].endswith("confusion") and
                                                                          k[2].split(">")[0] != k[2].split(">")[1])}


@FAST
@given(documents())
def test_a_document_agrees_with_itself(doc: Document) -> None:
    counts = score_document(doc, doc).counts
    assert errors(counts) == {}
    assert counts[("modality", "accuracy", "*", "correct")] == len(doc.events)


def above_mentions(c: Counts) -> dict[tuple[str, str, str, str], int]:
    return {k: v for k, v in c.items() if not k[0].startswith("mentions.")}


def placed(twin: Document, text: str) -> Document:
    """The twin with every trigger the placing rule can place given those offsets (and the text they cover)."""
    raw = twin.model_dump(mode="json", exclude_none=True)
    for ev, spans in zip(raw["events"], place_triggers(twin, text), strict=True):
        for trigger, span in zip(ev["triggers"], spans, strict=True):
            if span is not None:
                trigger.update(start=span[0], end=span[1], text=text[span[0]:span[1]])
    return parse_document(raw, Profile.PREDICTION)


@FAST
@given(documents(), st.integers(0, 10_000))
def test_a_span_free_prediction_scores_as_its_placed_triggers_above_mentions(doc: Document, seed: int) -> None:
    twin = without_spans(mutate(doc, seed))
    assert above_mentions(score_document(doc, twin).counts) == \
        above_mentions(score_document(doc, placed(twin, doc.text)).counts)


VOCAB = ["rockets", "shelling", "convoy", "ambush", "curfew", "raid", "clashes", "looting", "march", "drone",
         "blast", "siege", "kidnapping", "riot", "arrests", "battle", "Gao", "Kharkiv", "Tumaco", "militia",
         "بغداد", "Policía", "🚨", "al-Shabaab", "checkpoint", "mortar", "sniper", "barricade"]


@st.composite
def word_documents(draw: st.DrawFn, unique: bool = True) -> Document:
    """Gold documents whose triggers are whole words (events may share one); ``unique``: no word is repeated.

    With repeated words, events named by the same word in different places are the trap offsets must avoid.
    """
    vocab = VOCAB if unique else VOCAB[:5]
    words = draw(st.lists(st.sampled_from(vocab), min_size=6, max_size=len(VOCAB), unique=unique))
    seps = draw(st.lists(st.sampled_from([" ", ", ", ". ", "\n", " — "]), min_size=len(words), max_size=len(words)))
    text, spans = "", []
    for word, sep in zip(words, seps, strict=True):
        spans.append((len(text), len(text) + len(word)))
        text += word + sep
    text = text.rstrip() + "."
    events = []
    for i in range(draw(st.integers(1, 6))):
        picked = sorted(draw(st.lists(st.integers(0, len(words) - 1), min_size=1, max_size=2, unique=True)))
        events.append({"id": f"e{i}", "type": draw(st.sampled_from(list(EventType))).value,
                       "modality": draw(st.sampled_from(list(Modality))).value,
                       "triggers": [{"start": spans[k][0], "end": spans[k][1], "text": words[k]} for k in picked]})
    return parse_document({"id": "u", "published": "2024-03-02", "text": text, "events": events}, Profile.GOLD)


@FAST
@given(word_documents(), st.integers(0, 10_000))
def test_span_free_twin_aligns_as_its_grounded_twin_when_its_triggers_are_placed_where_the_twin_has_them(
        doc: Document, seed: int) -> None:
    pred = mutate(doc, seed)
    twin = without_spans(pred)
    assert placed(twin, doc.text) == pred
    assert above_mentions(score_document(doc, pred).counts) == above_mentions(score_document(doc, twin).counts)


def anchored_pairs(gold: Document, pred: Document) -> set[tuple[str, str]]:
    """(gold id, predicted id) of events whose triggers overlap each other's and no other event's."""
    g_spans = trigger_spans(gold, gold.text)
    p_spans = trigger_spans(pred, gold.text)
    hits = {(i, j) for i, a in enumerate(g_spans) for j, b in enumerate(p_spans) if a and b and spans_overlap(a, b)}
    return {(gold.events[i].id, pred.events[j].id) for i, j in hits
            if sum(1 for x, _ in hits if x == i) == 1 and sum(1 for _, y in hits if y == j) == 1}


def aligned_ids(gold: Document, pred: Document) -> set[tuple[str, str]]:
    al = align_document(gold, pred)
    return {(gold.events[p.gold].id, pred.events[p.pred].id) for p in al.events.pairs}


@FAST
@given(st.one_of(documents(), word_documents(unique=False)), st.integers(0, 10_000),
       st.randoms(use_true_random=False))
def test_shuffling_unrelated_events_never_changes_an_offset_anchored_pair(doc: Document, seed: int,
                                                                         rnd: random.Random) -> None:
    pred = mutate(doc, seed)
    before = aligned_ids(doc, pred)
    gold_events, pred_events = list(doc.events), list(pred.events)
    rnd.shuffle(gold_events)
    rnd.shuffle(pred_events)
    shuffled_gold = doc.model_copy(update={"events": gold_events})
    shuffled_pred = pred.model_copy(update={"events": pred_events})
    after = aligned_ids(shuffled_gold, shuffled_pred)
    for pair in anchored_pairs(doc, pred):
        assert (pair in before) == (pair in after), pair
