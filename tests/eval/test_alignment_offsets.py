"""Event alignment reads where the triggers are: hand-built traps where trigger words alone pick the wrong event.

The texts are invented. In each, a gold document has an event and another event named with the same words (a
generic "such attacks", a forecast of demonstrations); the prediction's trigger is exactly the first event's
trigger. Word overlap alone prefers the other event; offsets must not.
"""

from __future__ import annotations

from typing import Any

import pytest

from eventgold.eval import EVENT_SIMILARITY, align_document, event_similarity, score_document
from eventgold.eval.alignment import EventView
from eventgold.schema import Document
from tests.eval.builders import at, free, make, without_spans

ROCKETS = (
    "A rocket attack hit the Al-Rashid logistics base outside Kirkuk on 3 May, provincial police said. "
    "Nobody was hurt. Analysts say such attacks on bases around Kirkuk tend to rise before elections."
)


def _words_only(g: EventView, p: EventView) -> float:
    """The similarity without the offsets component: what the aligner compared before it read offsets."""
    _, parts = event_similarity(g, p)
    weights = {c.name: c.weight for c in EVENT_SIMILARITY}
    kept = {k: v for k, v in parts.items() if k != "offsets"}
    return sum(weights[k] * v for k, v in kept.items()) / sum(weights[k] for k in kept)


def rockets_gold(*, targets: bool) -> Document:
    args: list[dict[str, Any]] = [{"role": "place", "entity": "l2"}]
    if targets:
        args.append({"role": "target", "entity": "l1"})
    generic_args: list[dict[str, Any]] = [{"role": "place", "entity": "l2"}]
    if targets:
        generic_args.append({"role": "target", "entity": "l1b"})
    return make(
        text=ROCKETS,
        locations=[
            {"id": "l1", "name": "Al-Rashid logistics base", "precision": "exact",
             "mentions": [at("Al-Rashid logistics base", text=ROCKETS)]},
            {"id": "l1b", "name": "bases", "precision": "region", "mentions": [at("bases", text=ROCKETS)]},
            {"id": "l2", "name": "Kirkuk", "precision": "district",
             "mentions": [at("Kirkuk", text=ROCKETS), at("Kirkuk", 1, text=ROCKETS)]},
        ],
        times=[{"id": "t1", "value": {"start": "2024-05-03", "end": "2024-05-03", "precision": "day"},
                "mentions": [at("3 May", text=ROCKETS)]}],
        events=[
            {"id": "actual", "type": "shelling_missile_attack", "triggers": [at("rocket attack", text=ROCKETS)],
             "time": "t1", "arguments": args},
            {"id": "generic", "type": "shelling_missile_attack", "modality": "generic",
             "triggers": [at("attacks", text=ROCKETS)], "arguments": generic_args},
        ],
    )


def rockets_prediction() -> Document:
    """Only the actual attack, its trigger exactly the gold trigger; the date missed, the place found."""
    return make(
        text=ROCKETS, profile="prediction",
        locations=[{"id": "k", "name": "Kirkuk", "precision": "district", "mentions": [at("Kirkuk", text=ROCKETS)]}],
        events=[{"id": "p", "type": "shelling_missile_attack", "triggers": [at("rocket attack", text=ROCKETS)],
                 "arguments": [{"role": "place", "entity": "k"}]}],
    )


@pytest.mark.parametrize("targets", [False, True])
@pytest.mark.parametrize("span_free", [False, True])
def test_a_prediction_on_the_actual_attack_is_not_aligned_with_the_generic_one(targets: bool,
                                                                                span_free: bool) -> None:
    gold = rockets_gold(targets=targets)
    pred = rockets_prediction()
    if span_free:
        pred = without_spans(pred)
    al = align_document(gold, pred)
    actual, generic = al.gold_events
    # the trap: by trigger words, place and date alone the generic event looks closer
    if not targets:
        assert _words_only(generic, al.pred_events[0]) > _words_only(actual, al.pred_events[0])
    assert [(gold.events[pair.gold].id, pred.events[pair.pred].id) for pair in al.events.pairs] == [("actual", "p")]
    counts = score_document(gold, pred).counts
    assert counts[("modality", "phantom", "*", "n")] == 0
    assert counts[("events", "identification", "*", "fn")] == 1  # the generic event, not the attack
    assert counts[("time", "dates", "*", "mis")] == 1            # the attack's date, on an aligned pair


DEMOS = (
    "Union leaders say demonstrations are likely in Lome this weekend after the fuel price rise. "
    "The government has promised a review. By Monday no demonstrations have followed in Lome, police said."
)


def test_a_prediction_on_the_denial_is_not_aligned_with_the_forecast() -> None:
    gold = make(
        text=DEMOS,
        locations=[{"id": "l", "name": "Lome", "precision": "exact",
                    "mentions": [at("Lome", text=DEMOS), at("Lome", 1, text=DEMOS)]}],
        times=[{"id": "t", "value": {"start": "2024-03-11", "end": "2024-03-11", "precision": "day"},
                "mentions": [at("Monday", text=DEMOS)]}],
        events=[
            {"id": "forecast", "type": "protest", "modality": "hypothetical",
             "triggers": [at("demonstrations", text=DEMOS)], "arguments": [{"role": "place", "entity": "l"}]},
            {"id": "denial", "type": "protest", "modality": "negated", "time": "t",
             "triggers": [at("demonstrations", 1, text=DEMOS)], "arguments": [{"role": "place", "entity": "l"}]},
        ],
    )
    pred = make(
        text=DEMOS, profile="prediction",
        locations=[{"id": "x", "name": "Lome", "precision": "exact", "mentions": [free("Lome")]}],
        events=[{"id": "p", "type": "protest", "modality": "negated",
                 "triggers": [at("demonstrations", 1, text=DEMOS)], "arguments": [{"role": "place", "entity": "x"}]}],
    )
    al = align_document(gold, pred)
    forecast, denial = al.gold_events
    assert _words_only(forecast, al.pred_events[0]) > _words_only(denial, al.pred_events[0])
    assert al.events.gold_of(0) == 1
    counts = score_document(gold, pred).counts
    assert counts[("modality", "accuracy", "*", "correct")] == 1
    assert counts[("events", "realis", "*", "tp")] == 1


def test_unplaced_events_still_align_by_words() -> None:
    """A trigger elsewhere in the text (another mention of the same incident) or one that cannot be placed."""
    gold = rockets_gold(targets=False)
    pred = make(text=ROCKETS, profile="prediction",
                events=[{"id": "p", "type": "shelling_missile_attack", "triggers": [free("rocket strike")]}])
    al = align_document(gold, pred)
    assert al.pred_events[0].spans == ()
    _, parts = event_similarity(al.gold_events[0], al.pred_events[0])
    assert "offsets" not in parts
    assert len(al.events.pairs) == 1


def test_an_unanchored_pair_may_align_when_neither_event_overlaps_anything() -> None:
    gold = rockets_gold(targets=False)
    gold = gold.model_copy(update={"events": gold.events[:1]})
    pred = make(text=ROCKETS, profile="prediction",
                events=[{"id": "p", "type": "shelling_missile_attack", "triggers": [at("attacks", text=ROCKETS)]}])
    al = align_document(gold, pred)
    assert al.gold_events[0].spans and al.pred_events[0].spans
    assert [(pair.gold, pair.pred) for pair in al.events.pairs] == [(0, 0)]
