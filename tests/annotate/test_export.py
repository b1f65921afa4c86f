"""Reading what annotators make in the editor: Label Studio's own region ids, defaults, free relation drawing."""

from __future__ import annotations

from typing import Any

import pytest

from eventgold.annotate.export import Selection, from_task
from eventgold.schema import DataError

TEXT = "Gunmen attacked Gao on Monday.\nThe gunmen fled; 3 people were killed."


def at(piece: str) -> tuple[int, int]:
    start = TEXT.index(piece)
    return start, start + len(piece)


def span(rid: str, start: int, end: int, label: str, **extra: Any) -> dict[str, Any]:
    return {"id": rid, "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual",
            "value": {"start": start, "end": end, "text": TEXT[start:end].replace("\n", "\\n"), "labels": [label]},
            **extra}


def attr(rid: str, start: int, end: int, control: str, kind: str, key: str, value: Any) -> dict[str, Any]:
    return {"id": rid, "from_name": control, "to_name": "text", "type": kind, "origin": "manual",
            "value": {"start": start, "end": end, "text": TEXT[start:end], key: value}}


def rel(a: str, b: str, *labels: str, direction: str = "right") -> dict[str, Any]:
    item: dict[str, Any] = {"from_id": a, "to_id": b, "type": "relation", "direction": direction}
    if labels:
        item["labels"] = list(labels)
    return item


def task(result: list[dict[str, Any]], **ann: Any) -> dict[str, Any]:
    return {"id": 7, "data": {"text": TEXT, "doc_id": "d1", "published": "2024-03-05"},
            "annotations": [{"id": 70, "completed_by": 2, "result": result, "was_cancelled": False,
                             "ground_truth": False, **ann}], "drafts": [{"result": [span("zz", 0, 6, "riot")]}]}


GUNMEN, ATTACKED, GAO, MONDAY, THE_GUNMEN, PEOPLE, FLED = (at(p) for p in (
    "Gunmen", "attacked", "Gao", "on Monday", "The gunmen", "3 people", "fled"))

ANNOTATOR_WORK = [
    span("Xq1", *GUNMEN, "actor"),
    span("Xq2", *ATTACKED, "attack"),
    span("Xq3", *GAO, "location"),
    span("Xq4", *MONDAY, "time"),
    span("Xq5", *THE_GUNMEN, "actor"),
    span("Xq6", *PEOPLE, "casualty"),
    span("Xq7", *FLED, "attack"),  # a second event, to link to
    attr("Xq5", *THE_GUNMEN, "actor_type", "choices", "choices", ["non_state_armed_group"]),  # on the 2nd mention
    attr("Xq3", *GAO, "location_precision", "choices", "choices", ["exact"]),
    attr("Xq4", *MONDAY, "time_start", "datetime", "datetime", "2024-03-04"),
    attr("Xq4", *MONDAY, "time_precision", "choices", "choices", ["day"]),
    attr("Xq6", *PEOPLE, "casualty_outcome", "choices", "choices", ["killed"]),
    attr("Xq6", *PEOPLE, "casualty_qualifier", "choices", "choices", ["exact"]),
    *[attr("Xq6", *PEOPLE, f"casualty_{k}", "number", "number", 3) for k in ("low", "best", "high")],
    rel("Xq5", "Xq1", "same_as", direction="left"),
    rel("Xq1", "Xq2", "attacker", direction="left"),  # drawn from the actor to the event
    rel("Xq2", "Xq3", "place", "target"),  # one relation, two labels
    rel("Xq4", "Xq2", "time", direction="bi"),
    rel("Xq6", "Xq2", "casualty_of"),
    rel("Xq2", "Xq7", "related", direction="left"),  # left: the link goes Xq7 -> Xq2
]


def mention(offsets: tuple[int, int], text: str) -> dict[str, Any]:
    return {"start": offsets[0], "end": offsets[1], "text": text}


def test_annotator_work_is_read_with_defaults_and_fresh_ids() -> None:
    doc = from_task(task(ANNOTATOR_WORK))
    assert doc.model_dump(mode="json", exclude_none=True) == {
        "schema_version": "2.0", "id": "d1", "published": "2024-03-05", "source": "", "language": "en",
        "synthetic": False, "metadata": {}, "text": TEXT,
        "actors": [{"id": "a1", "name": "Gunmen", "aliases": [], "type": "non_state_armed_group",
                    "mentions": [mention(GUNMEN, "Gunmen"),
                                 mention(THE_GUNMEN, "The gunmen")]}],
        "actor_links": [],
        "locations": [{"id": "l1", "name": "Gao", "aliases": [], "precision": "exact",
                       "mentions": [mention(GAO, "Gao")]}],
        "times": [{"id": "t1", "value": {"start": "2024-03-04", "end": "2024-03-04", "precision": "day"},
                   "relative": False, "approximate": False, "mentions": [mention(MONDAY, "on Monday")]}],
        "weapons": [],
        "events": [{"id": "e1", "type": "attack", "modality": "actual",
                    "triggers": [mention(ATTACKED, "attacked")], "time": "t1",
                    "arguments": [{"role": "attacker", "entity": "a1"}, {"role": "place", "entity": "l1"},
                                  {"role": "target", "entity": "l1"}]},
                   {"id": "e2", "type": "attack", "modality": "actual",
                    "triggers": [mention(FLED, "fled")], "arguments": []}],
        "casualties": [{"id": "c1", "event": "e1", "outcome": "killed",
                        "count": {"qualifier": "exact", "low": 3, "best": 3, "high": 3},
                        "victim": {"category": "unknown"}, "also_events": [], "mentions": [mention(PEOPLE, "3 people")]}],
        "links": [{"type": "related", "source": "e2", "target": "e1"}],
    }


def test_gold_derived_ids_are_kept_and_new_objects_avoid_them() -> None:
    result = [span("a1-m0", *GUNMEN, "actor"), attr("a1-m0", *GUNMEN, "actor_type", "choices", "choices", ["unknown"]),
              span("a1-m1", *THE_GUNMEN, "actor"),
              attr("a1-m1", *THE_GUNMEN, "actor_type", "choices", "choices", ["unknown"]),
              span("k9", *GAO, "actor"), attr("k9", *GAO, "actor_type", "choices", "choices", ["civilians"])]
    # no same_as: the annotator split a1; its second mention becomes a new actor, and so does k9
    doc = from_task(task(result))
    assert [(a.id, [m.text for m in a.mentions]) for a in doc.actors] == [
        ("a1", ["Gunmen"]), ("a2", ["The gunmen"]), ("a3", ["Gao"])]


def test_region_scores_of_an_annotation_are_not_confidences() -> None:
    result = [span("e1-t0", *ATTACKED, "attack", score=0.42)]
    (event,) = from_task(task(result)).events
    assert event.confidence is None


def test_prediction_region_scores_are_confidences() -> None:
    t = task([])
    t["predictions"] = [{"id": 5, "model_version": "m", "score": 0.5, "result": [span("e1-t0", *ATTACKED, "attack", score=0.42)]}]
    (event,) = from_task(t, select=Selection(prediction="m")).events
    assert event.confidence == 0.42


def test_text_rewritten_by_the_editor_is_accepted_but_other_text_is_not() -> None:
    start, end = at("Monday.\nThe gunmen")
    result = [span("x", start, end, "time"), attr("x", start, end, "time_start", "datetime", "datetime", "2024-03-04"),
              attr("x", start, end, "time_precision", "choices", "choices", ["day"])]
    for stored in ("Monday.\\nThe gunmen", "Monday. The   gunmen", "Monday.\n\nThe gunmen"):
        result[0]["value"]["text"] = stored
        (time,) = from_task(task(result)).times
        assert time.mentions[0].text == "Monday.\nThe gunmen"
    result[0]["value"]["text"] = "Monday.The gunmen"
    with pytest.raises(DataError, match="stored text 'Monday.The gunmen' does not match text"):
        from_task(task(result))
