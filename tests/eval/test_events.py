"""Event level and the event alignment: hand-computed cases."""

from __future__ import annotations

from typing import Any

import pytest

from eventgold.eval import Counts, align_document, event_similarity, score_document
from tests.eval.builders import at, edited, free, gold_fixture

GOLD = gold_fixture()


def events() -> list[dict[str, Any]]:
    return [ev.model_dump(mode="json", exclude_none=True) for ev in GOLD.events]


def prf(counts: Counts, metric: str, label: str = "*") -> tuple[int, int, int]:
    p = counts.prf("events", metric, label)
    return p.tp, p.fp, p.fn


def test_perfect_prediction() -> None:
    counts = score_document(GOLD, GOLD).counts
    assert prf(counts, "identification") == (4, 0, 0)
    assert prf(counts, "classification") == (4, 0, 0)
    assert prf(counts, "realis") == (4, 0, 0)


def test_misclassified_missed_and_spurious() -> None:
    evs = events()
    evs[0]["type"] = "air_drone_strike"          # aligned through triggers, time, places, actors
    del evs[1]                                   # the arrest is missed
    evs.append({"id": "p9", "type": "statement", "triggers": [free("claimed")]})  # matches no gold event
    score = score_document(GOLD, edited(GOLD, events=evs), explain=True)
    counts = score.counts
    assert prf(counts, "identification") == (3, 1, 1)
    assert prf(counts, "classification") == (2, 2, 2)
    assert prf(counts, "classification", "shelling_missile_attack") == (0, 0, 1)
    assert prf(counts, "classification", "air_drone_strike") == (0, 1, 0)
    assert prf(counts, "classification", "arrest") == (0, 0, 1)
    assert prf(counts, "classification", "statement") == (0, 1, 0)
    assert prf(counts, "classification", "protest") == (1, 0, 0)
    assert counts[("events", "confusion", "shelling_missile_attack>air_drone_strike", "n")] == 1
    assert counts[("events", "confusion", "arrest>-", "n")] == 1
    assert counts[("events", "confusion", "->statement", "n")] == 1
    kinds = sorted((f.kind, f.label) for f in score.findings if f.level == "events")
    assert kinds == [("false_negative", "arrest"), ("false_positive", "statement"),
                     ("mismatch", "shelling_missile_attack")]
    mismatch = next(f for f in score.findings if f.level == "events" and f.kind == "mismatch")
    assert mismatch.detail == ("aligned (similarity 0.78: type=0.00, offsets=1.00, trigger=1.00, time=1.00, "
                               "places=1.00, actors=1.00) but typed air_drone_strike")
    assert mismatch.gold is not None and mismatch.gold.start == GOLD.text.index("struck")


def test_similarity_components_and_threshold() -> None:
    evs = events()
    evs[0] = {"id": "x", "type": "shelling_missile_attack", "triggers": [free("rocket strikes")]}
    pred = edited(GOLD, events=evs, casualties=[])
    al = align_document(GOLD, pred)
    value, parts = event_similarity(al.gold_events[0], al.pred_events[0])
    # type 1 (w2), trigger 'strike' vs {'struck', 'attack'} 0 (w2), time: gold only 0 (w1), places 0, actors 0
    assert parts == {"type": 1.0, "trigger": 0.0, "time": 0.0, "places": 0.0, "actors": 0.0}
    assert value == pytest.approx(2 / 7)
    assert al.events.pred_of(0) is None
    low = align_document(GOLD, pred, min_event_similarity=0.25)
    assert low.events.pred_of(0) == 0


def test_same_type_alone_is_enough_when_nothing_else_is_known() -> None:
    gold_ev = events()[2]  # hypothetical protest: no time, no arguments
    pred = edited(GOLD, events=[{"id": "p", "type": "protest", "modality": "actual", "triggers": [free("rally")]}],
                  casualties=[])
    al = align_document(GOLD, pred)
    value, parts = event_similarity(al.gold_events[2], al.pred_events[0])
    assert gold_ev["id"] == "e3"
    assert parts == {"type": 1.0, "trigger": 0.0} and value == 0.5
    assert al.events.gold_of(0) == 2


def test_ties_prefer_same_modality() -> None:
    evs = [{"id": "g1", "type": "protest", "modality": "actual", "triggers": [at("protests")]},
           {"id": "g2", "type": "protest", "modality": "hypothetical", "triggers": [at("protests")]}]
    gold = edited(GOLD, events=evs, casualties=[])
    pred = edited(GOLD, events=list(reversed(evs)), casualties=[])
    counts = score_document(gold, pred).counts
    assert counts[("modality", "accuracy", "*", "correct")] == 2
