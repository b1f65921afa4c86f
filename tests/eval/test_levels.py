"""Arguments, actors, locations, time, casualties and modality: hand-computed cases on one gold fixture."""

from __future__ import annotations

from typing import Any

import pytest

from eventgold.eval import Counts, score_document
from eventgold.eval.casualties import Interval, compare_counts, interval
from eventgold.schema import Quantity
from tests.eval.builders import at, edited, free, gold_fixture, make

GOLD = gold_fixture()


def dumped(field: str) -> list[dict[str, Any]]:
    return [x.model_dump(mode="json", exclude_none=True) for x in getattr(GOLD, field)]


def prf(counts: Counts, level: str, metric: str, label: str = "*") -> tuple[int, int, int]:
    p = counts.prf(level, metric, label)
    return p.tp, p.fp, p.fn


def graded(counts: Counts, level: str, metric: str) -> tuple[int, int, int, int, int]:
    g = counts.graded(level, metric)
    return g.cor, g.inc, g.par, g.mis, g.spu


# ---------------------------------------------------------------- arguments

def _argument_prediction() -> Any:
    actors = dumped("actors")
    actors[0] = {"id": "p1", "name": "KH", "type": "non_state_armed_group"}  # alias, span-free, no mentions
    events = dumped("events")
    events[0]["arguments"] = [{"role": "attacker", "entity": "p1"}, {"role": "target", "entity": "l1"},
                              {"role": "target", "entity": "a2"}, {"role": "instrument", "entity": "w1"}]
    weapons = [{"id": "w1", "name": "rockets", "category": "rocket", "mentions": [free("Rockets")]}]
    return edited(GOLD, actors=actors, events=events, weapons=weapons)


def test_arguments_identification_and_classification() -> None:
    counts = score_document(GOLD, _argument_prediction()).counts
    assert prf(counts, "arguments", "identification") == (5, 1, 1)
    assert prf(counts, "arguments", "classification") == (4, 2, 2)
    assert prf(counts, "arguments", "classification", "attacker") == (1, 0, 0)
    assert prf(counts, "arguments", "classification", "victim") == (0, 0, 1)
    assert prf(counts, "arguments", "classification", "target") == (1, 1, 0)
    assert prf(counts, "arguments", "classification", "instrument") == (0, 1, 0)
    assert prf(counts, "arguments", "classification", "place") == (1, 0, 1)


def test_coreferent_mention_text_fills_a_role_but_is_not_canonical_identity() -> None:
    actors = dumped("actors")
    actors[1] = {"id": "a2", "name": "three soldiers", "type": "state_military"}  # the text of a gold mention
    counts = score_document(GOLD, edited(GOLD, actors=actors)).counts
    assert prf(counts, "arguments", "classification") == (6, 0, 0)
    assert prf(counts, "actors", "identity") == (2, 1, 1)


def test_split_entity_cannot_collect_credit_twice() -> None:
    actors = dumped("actors") + [{"id": "a9", "name": "Kataib Hezbollah", "type": "non_state_armed_group"}]
    events = dumped("events")
    events[0]["arguments"].append({"role": "attacker", "entity": "a9"})
    counts = score_document(GOLD, edited(GOLD, actors=actors, events=events)).counts
    assert prf(counts, "arguments", "classification", "attacker") == (1, 1, 0)
    assert prf(counts, "actors", "identity") == (3, 1, 0)


# ---------------------------------------------------------------- actors and locations

def test_actor_type_direction_and_reversal() -> None:
    actors = dumped("actors")
    actors[0]["name"] = "Kataib Hezbollah"
    actors[1]["type"] = "police"
    events = dumped("events")
    events[0]["arguments"] = [{"role": "target", "entity": "a1"}, {"role": "victim", "entity": "a2"}]
    locations = dumped("locations")
    locations[1]["precision"] = "region"
    score = score_document(GOLD, edited(GOLD, actors=actors, events=events, locations=locations), explain=True)
    counts = score.counts
    assert prf(counts, "actors", "identity") == (3, 0, 0)
    assert prf(counts, "actors", "typed") == (2, 1, 1)
    assert prf(counts, "actors", "typed", "state_military") == (0, 0, 1)
    assert prf(counts, "actors", "typed", "police") == (1, 1, 0)
    assert counts[("actors", "type_confusion", "state_military>police", "n")] == 1
    assert prf(counts, "actors", "direction") == (1, 1, 1)
    assert prf(counts, "actors", "direction", "attacker") == (0, 0, 1)
    assert counts[("actors", "direction", "*", "reversed")] == 1
    assert prf(counts, "locations", "identity") == (2, 0, 0)
    assert prf(counts, "locations", "precision") == (1, 1, 1)
    assert prf(counts, "locations", "country") == (2, 0, 0)
    reversal = [f.detail for f in score.findings if f.level == "actors" and f.kind == "false_negative"]
    assert reversal == ["direction: Kata'ib Hizballah as attacker (the aligned actor is on the other side)"]


# ---------------------------------------------------------------- time

def test_dates_exact_overlap_wrong_missing_spurious() -> None:
    times = dumped("times")
    times[0]["value"] = {"start": "2024-03-01", "end": "2024-03-31", "precision": "month"}
    times[1]["value"] = {"start": "2024-03-20", "end": "2024-03-20", "precision": "day"}
    events = dumped("events")
    events[2]["time"] = "t2"
    counts = score_document(GOLD, edited(GOLD, times=times, events=events)).counts
    assert graded(counts, "time", "dates") == (0, 1, 1, 0, 1)
    assert counts[("time", "precision", "*", "compared")] == 2
    assert counts[("time", "precision", "*", "same")] == 1
    assert counts[("time", "start_error", "*", "days")] == 10 + 8
    g = counts.graded("time", "dates")
    assert g.f1(0.0) == 0.0
    assert g.f1(1.0) == pytest.approx(2 * 1 / (3 + 2))


def test_dates_of_unaligned_events_are_missed() -> None:
    counts = score_document(GOLD, edited(GOLD, events=[], casualties=[])).counts
    assert graded(counts, "time", "dates") == (0, 0, 0, 2, 0)


# ---------------------------------------------------------------- casualties

def q(**kw: Any) -> Interval:
    return interval(Quantity.model_validate(kw))


@pytest.mark.parametrize(("gold", "pred", "kind"), [
    (q(qualifier="exact", low=3, best=3, high=3), q(qualifier="approximately", best=3), "exact"),
    (q(qualifier="at_least", low=3), q(qualifier="at_least", low=3), "exact"),
    (q(qualifier="at_least", low=3), q(qualifier="exact", low=7, best=7, high=7), "inside"),
    (q(qualifier="range", low=5, high=8), q(qualifier="exact", low=8, best=8, high=8), "inside"),
    (q(qualifier="range", low=5, high=8), q(qualifier="range", low=7, high=12), "overlap"),
    (q(qualifier="exact", low=3, best=3, high=3), q(qualifier="at_least", low=2), "overlap"),
    (q(qualifier="exact", low=3, best=3, high=3), q(qualifier="exact", low=4, best=4, high=4), "wrong"),
    (q(qualifier="at_most", high=5), q(qualifier="exact", low=6, best=6, high=6), "wrong"),
    (q(qualifier="unspecified"), q(qualifier="unspecified"), "exact"),
    (q(qualifier="unspecified"), q(qualifier="exact", low=4, best=4, high=4), "overlap"),
    (q(qualifier="vague", low=12), q(qualifier="range", low=10, high=11), "wrong"),
])
def test_count_comparison(gold: Interval, pred: Interval, kind: str) -> None:
    assert compare_counts(gold, pred) == kind


def test_intervals_read_from_quantities() -> None:
    assert q(qualifier="at_most", high=5) == Interval(0, 5)
    assert q(qualifier="approximately", best=20) == Interval(20, 20)
    assert q(qualifier="unspecified") == Interval(0, None, known=False)
    assert str(q(qualifier="at_least", low=3)) == "[3, ∞)"


BREAKDOWN_TEXT = "A rocket attack killed at least three soldiers, including two Americans and one Briton."


def _breakdown(casualties: list[dict[str, Any]], profile: str = "gold") -> Any:
    return make(text=BREAKDOWN_TEXT, profile=profile,
                events=[{"id": "e1", "type": "shelling_missile_attack",
                         "triggers": [at("rocket attack", text=BREAKDOWN_TEXT)]}],
                casualties=casualties)


TOTAL = {"id": "c1", "event": "e1", "outcome": "killed", "count": {"qualifier": "at_least", "low": 3},
         "victim": {"category": "military"}, "mentions": [at("at least three soldiers", text=BREAKDOWN_TEXT)]}
PART_US = {"id": "c2", "event": "e1", "outcome": "killed", "part_of": "c1",
           "count": {"qualifier": "exact", "low": 2, "best": 2, "high": 2},
           "victim": {"category": "military", "nationality": "US"}, "mentions": [at("two Americans", text=BREAKDOWN_TEXT)]}
PART_GB = {"id": "c3", "event": "e1", "outcome": "killed", "part_of": "c1",
           "count": {"qualifier": "exact", "low": 1, "best": 1, "high": 1},
           "victim": {"category": "military", "nationality": "GB"}, "mentions": [at("one Briton", text=BREAKDOWN_TEXT)]}
BREAKDOWN_GOLD = _breakdown([TOTAL, PART_US, PART_GB])


def _top_level(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k != "part_of"}


@pytest.mark.parametrize(("casualties", "tuples", "totals"), [
    ([TOTAL], (1, 0, 2), (1, 0, 0, 0, 0)),                                    # the total only: exact total
    ([_top_level(PART_US), _top_level(PART_GB)], (2, 0, 1), (0, 0, 1, 0, 0)),  # parts only: 3 inside [3, ∞)
    ([TOTAL, PART_US, PART_GB], (3, 0, 0), (1, 0, 0, 0, 0)),
    ([TOTAL, _top_level(PART_US), _top_level(PART_GB)], (3, 0, 0), (0, 0, 1, 0, 0)),  # 3 + 2 + 1 = [6, ∞) overlaps
])
def test_breakdowns_are_not_added_to_totals(casualties: list[dict[str, Any]], tuples: tuple[int, int, int],
                                            totals: tuple[int, ...]) -> None:
    counts = score_document(BREAKDOWN_GOLD, _breakdown(casualties, "prediction")).counts
    assert prf(counts, "casualties", "tuple") == tuples
    assert graded(counts, "casualties", "totals") == totals


def test_casualty_outcome_victim_and_count_errors() -> None:
    cas = dumped("casualties")
    cas[0]["count"] = {"qualifier": "exact", "low": 5, "best": 5, "high": 5}
    cas[1]["outcome"] = "killed"
    cas[1]["victim"] = {"category": "civilian"}
    counts = score_document(GOLD, edited(GOLD, casualties=cas)).counts
    assert prf(counts, "casualties", "identification") == (2, 0, 0)
    assert prf(counts, "casualties", "outcome") == (1, 1, 1)
    assert prf(counts, "casualties", "tuple") == (1, 1, 1)
    assert prf(counts, "casualties", "tuple", "injured") == (0, 0, 1)
    assert counts[("casualties", "outcome_confusion", "injured>killed", "n")] == 1
    assert counts[("casualties", "count", "*", "wrong")] == 1
    assert counts[("casualties", "count_error", "*", "abs")] == 2
    # totals: killed 3 vs 5 + [12, ∞) = [17, ∞): wrong; injured [12, ∞) has no predicted total: missed;
    assert graded(counts, "casualties", "totals") == (0, 1, 0, 1, 0)


def test_totals_error_histogram_is_clipped() -> None:
    cas = dumped("casualties")
    cas[0]["count"] = {"qualifier": "exact", "low": 40, "best": 40, "high": 40}
    counts = score_document(GOLD, edited(GOLD, casualties=cas)).counts
    assert counts[("casualties", "totals_error_hist", "10", "n")] == 1
    assert counts[("casualties", "totals_error", "*", "abs")] == 37


# ---------------------------------------------------------------- modality

def test_phantom_events() -> None:
    events = dumped("events")
    events[2]["modality"] = "actual"
    events[3]["modality"] = "actual"
    events[0]["modality"] = "generic"
    score = score_document(GOLD, edited(GOLD, events=events), explain=True)
    counts = score.counts
    assert counts[("modality", "accuracy", "*", "correct")] == 1
    assert counts[("modality", "accuracy", "*", "total")] == 4
    assert counts[("modality", "phantom", "*", "n")] == 2
    assert counts[("modality", "phantom", "*", "total")] == 2
    assert counts[("modality", "phantom", "negated", "n")] == 1
    assert counts[("modality", "confusion", "hypothetical>actual", "n")] == 1
    assert counts[("modality", "confusion", "actual>generic", "n")] == 1
    assert prf(counts, "events", "realis") == (1, 3, 3)
    details = sorted(f.detail for f in score.findings if f.level == "modality")
    assert details == ["gold modality actual, predicted generic",
                       "phantom event: gold is hypothetical, predicted as actual",
                       "phantom event: gold is negated, predicted as actual"]
