"""Malformed Label Studio exports, each with the exact messages ``from-ls`` must give.

Every case starts from a good export as Label Studio stores it, changes one
thing, and lists the problems expected, in order. The export file is called
``export.json``. :data:`CASES` start from ``data/small.jsonl`` (tasks 1 and 2,
annotations 101 and 102, documents ``sm-1`` and ``sm-2``); :data:`V2_CASES`
from the schema 2.0 example ``docs/examples/v2`` (task 1, annotation 101,
document ``ex-201``), for the 2.0 fields.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventgold.annotate.tasks import to_task
from eventgold.corpus.authoring import build_document
from eventgold.schema import read_documents
from tests.annotate.stored import stored_export

DATA = Path(__file__).resolve().parent / "data"


REPO = DATA.parents[2]


def base_export(base: str = "small") -> list[dict[str, Any]]:
    if base == "v2":
        return stored_export([to_task(build_document(REPO / "docs" / "examples" / "v2", "ex-201"), gold=True)])
    return stored_export([to_task(d, gold=True) for d in read_documents(DATA / "small.jsonl")])


Task = dict[str, Any]


def result(task: Task) -> list[dict[str, Any]]:
    return task["annotations"][0]["result"]  # type: ignore[no-any-return]


def item(task: Task, rid: str, control: str = "label") -> dict[str, Any]:
    (found,) = [r for r in result(task) if r.get("id") == rid and r.get("from_name") == control]
    return found


def relation(task: Task, a: str, b: str) -> dict[str, Any]:
    (found,) = [r for r in result(task) if r.get("from_id") == a and r.get("to_id") == b]
    return found


def drop(task: Task, target: dict[str, Any]) -> None:
    result(task).remove(target)


@dataclass(frozen=True)
class Case:
    name: str
    change: Callable[[list[Task]], Any]
    expected: list[str]
    options: dict[str, Any] = field(default_factory=dict)
    raw: str | None = None  # the whole export file, instead of a changed good export
    base: str = "small"  # the good export it starts from: "small" or "v2"


def first(fn: Callable[[Task], Any]) -> Callable[[list[Task]], Any]:
    return lambda tasks: fn(tasks[0])


def _set(mapping: dict[str, Any], **changes: Any) -> None:
    mapping.update(changes)


def _two_annotations(t: Task) -> None:
    t["annotations"].append({**t["annotations"][0], "id": 150, "completed_by": 2, "ground_truth": False})


def _hypertext(t: Task) -> None:
    item(t, "a1-m0")["value"].update(start="/p[1]/text()[1]", end="/p[1]/text()[1]")


def _duplicate_region(t: Task) -> None:
    result(t).append({**item(t, "a3-m0"), "value": {**item(t, "a3-m0")["value"], "labels": ["location"]}})


def _attr_twice(t: Task) -> None:
    result(t).append(json.loads(json.dumps(item(t, "a1-m0", "actor_type"))))


def _mentions_disagree(t: Task) -> None:
    other = json.loads(json.dumps(item(t, "a1-m0", "actor_type")))
    other["id"] = "a1-m1"
    other["value"].update(start=26, end=28, choices=["civilians"])
    result(t).append(other)


def _coref_types(t: Task) -> None:
    item(t, "e1-t1")["value"]["labels"] = ["attack"]


def _second_event(t: Task) -> None:
    result(t).append({"from_id": "c1-m0", "to_id": "e2-t0", "type": "relation", "direction": "right",
                      "labels": ["casualty_of"]})


def _duplicate_argument(t: Task) -> None:
    result(t).append({"from_id": "e1-t1", "to_id": "a1-m0", "type": "relation", "direction": "right",
                      "labels": ["attacker"]})


def _self_link(t: Task) -> None:
    result(t).append({"from_id": "e1-t0", "to_id": "e1-t1", "type": "relation", "direction": "right",
                      "labels": ["related"]})


def _duplicate_doc(tasks: list[Task]) -> None:
    tasks[1]["data"]["doc_id"] = "sm-1"


CASES: list[Case] = [
    Case("export_is_an_object", lambda t: None, [
        "export.json: the export is an object; expected a JSON array of tasks. Export the project in Label Studio's JSON format (not JSON_MIN, CSV or CONLL)",
    ], raw='{"tasks": []}'),
    Case("export_is_cut_short", lambda t: None, [
        "export.json:2: invalid JSON: Expecting value (in task 1 of the array). Export the project again in Label Studio's JSON format; the file is cut or damaged",
    ], raw='[{"id": 1, "data": {"text": "x"}},\n {"id": 2, "data": '),
    Case("task_is_not_an_object", lambda t: t.insert(0, 5), [
        "export.json: tasks[0]: task is not a JSON object. Export the project in Label Studio's JSON format",
    ]),
    Case("task_without_data", first(lambda t: t.pop("data")), [
        "export.json: task 1: task has no 'data' object. Export in Label Studio's JSON format (JSON_MIN and CSV lose the regions)",
    ]),
    Case("task_without_text", first(lambda t: _set(t["data"], text="")), [
        "export.json: document 'sm-1': task 1: task has no text (data.text). Import tasks made by 'eventgold annotate to-ls'",
    ]),
    Case("missing_publication_date", first(lambda t: t["data"].pop("published")), [
        "export.json: document 'sm-1': task 1, annotation 101: data.published: Field required. Fix the task data (eventgold annotate to-ls writes every document field)",
    ]),
    Case("invalid_document_id", first(lambda t: _set(t["data"], doc_id="sm 1")), [
        "export.json: document 'sm 1': task 1, annotation 101: data.doc_id: String should match pattern '^[A-Za-z0-9][A-Za-z0-9_.:\\-]*$'. Fix the task data (eventgold annotate to-ls writes every document field)",
    ]),
    Case("task_without_annotation", first(lambda t: _set(t, annotations=[])), [
        "export.json: document 'sm-1': task 1: task has no annotation. Annotate the task, or pass --on-error skip to leave unannotated tasks out",
    ]),
    Case("several_annotations_and_no_choice", first(_two_annotations), [
        "export.json: document 'sm-1': task 1: 2 annotations to choose from (101 by annotator 1, 150 by annotator 2). Choose one with --annotator ID|EMAIL or --ground-truth",
    ]),
    Case("annotator_by_email_in_an_export_with_ids", lambda t: None, [
        "export.json: document 'sm-1': task 1: no annotation by annotator ann@example.org (annotators here: 1). This export names annotators by user id; pass --annotator with the id",
        "export.json: document 'sm-2': task 2: no annotation by annotator ann@example.org (annotators here: 1). This export names annotators by user id; pass --annotator with the id",
    ], {"annotator": "ann@example.org"}),
    Case("cancelled_annotation", first(lambda t: _set(t["annotations"][0], was_cancelled=True)), [
        "export.json: document 'sm-1': task 1, annotation 101: annotation was cancelled (skipped) by annotator 1. Leave cancelled annotations out with --on-error skip, or annotate the task",
    ]),
    Case("no_ground_truth_annotation", first(lambda t: _set(t["annotations"][0], ground_truth=False)), [
        "export.json: document 'sm-1': task 1: none of the 1 annotations is marked as ground truth. Mark one annotation as ground truth in Label Studio, or choose --annotator",
    ], {"ground_truth": True}),
    Case("predictions_exported_as_ids", first(lambda t: _set(t, predictions=[7])), [
        "export.json: document 'sm-1': task 1: predictions are exported as ids only. Export a snapshot with full predictions (eventgold annotate pull does)",
        "export.json: document 'sm-2': task 2: no prediction from model 'baseline' (found: none). Check --prediction against the model versions",
    ], {"prediction": "baseline"}),
    Case("result_is_not_a_list", first(lambda t: _set(t["annotations"][0], result={"id": "x"})), [
        "export.json: document 'sm-1': task 1, annotation 101: result is dict, not a list. Export the project in Label Studio's JSON format",
    ]),
    Case("control_unknown_to_the_config", first(lambda t: _set(item(t, "a3-m0"), from_name="sentiment")), [
        "export.json: document 'sm-1': task 1, annotation 101, result[11]: result comes from control 'sentiment', which the labeling config does not define. Use the config from 'eventgold annotate config'; a project with another config cannot be read",
    ]),
    Case("label_unknown_to_the_config", first(lambda t: _set(item(t, "a3-m0")["value"], labels=["vehicle"])), [
        "export.json: document 'sm-1': task 1, annotation 101, region 'a3-m0': chars 144-150: label 'vehicle' is not in the labeling config. Use the config from 'eventgold annotate config'; relabel the region",
    ]),
    Case("region_with_two_labels", first(lambda t: _set(item(t, "a3-m0")["value"], labels=["actor", "location"])), [
        "export.json: document 'sm-1': task 1, annotation 101, region 'a3-m0': chars 144-150: region has labels ['actor', 'location']; a region takes exactly one label. Give the region one label in Label Studio (or delete it)",
    ]),
    Case("offsets_past_the_end", first(lambda t: _set(item(t, "a4-m0")["value"], end=400)), [
        "export.json: document 'sm-1': task 1, annotation 101, region 'a4-m0': chars 237-400: offsets 237-400 are outside the text (length 248). Delete and redraw the region; offsets are [start, end) in code points",
    ]),
    Case("offsets_that_are_xpaths", first(_hypertext), [
        "export.json: document 'sm-1': task 1, annotation 101, region 'a1-m0': offsets '/p[1]/text()[1]'-'/p[1]/text()[1]' are not character indices. Regions must be made on the <Text> tag (not HyperText or Paragraphs)",
    ]),
    Case("stored_text_disagrees", first(lambda t: _set(item(t, "a3-m0")["value"], text="polite")), [
        "export.json: document 'sm-1': task 1, annotation 101, region 'a3-m0': chars 144-150: stored text 'polite' does not match text[144:150] = 'police'. The task text changed after annotation, or the offsets are wrong; redraw the region",
    ]),
    Case("duplicate_region_id", first(_duplicate_region), [
        "export.json: document 'sm-1': task 1, annotation 101, region 'a3-m0': chars 144-150: two regions have the id 'a3-m0'. Give every region its own id",
    ]),
    Case("attribute_of_a_region_without_label", first(lambda t: _set(item(t, "a1-m0", "actor_country"), id="zz")), [
        "export.json: document 'sm-1': task 1, annotation 101, actor_country of region 'zz': chars 13-23: actor_country is set on region 'zz', which has no span label. Give the region a label, or remove the attribute",
    ]),
    Case("attribute_of_the_wrong_kind", first(lambda t: _set(item(t, "a1-m0", "actor_country"), id="l1-m0")), [
        "export.json: document 'sm-1': task 1, annotation 101, actor_country of region 'l1-m0': chars 13-23: actor_country applies to actor regions, not to a location region. Remove actor_country from the region, or relabel it as actor",
    ]),
    Case("attribute_offsets_differ", first(lambda t: _set(item(t, "a1-m0", "actor_type")["value"], end=22)), [
        "export.json: document 'sm-1': task 1, annotation 101, actor_type of region 'a1-m0': chars 13-22: actor_type has offsets 13-22 but region 'a1-m0' is 13-23. Re-export from Label Studio; results of one region share its offsets",
    ]),
    Case("attribute_given_twice", first(_attr_twice), [
        "export.json: document 'sm-1': task 1, annotation 101, actor_type of region 'a1-m0': chars 13-23: actor_type is given twice for region 'a1-m0'. Keep one value",
    ]),
    Case("choice_unknown_to_the_config", first(lambda t: _set(item(t, "a1-m0", "actor_country")["value"],
                                                              choices=["XX"])), [
        "export.json: document 'sm-1': task 1, annotation 101, actor_country of region 'a1-m0': chars 13-23: 'XX' is not an option of actor_country. Use the config from 'eventgold annotate config' and choose again",
    ]),
    Case("count_that_is_not_whole", first(lambda t: _set(item(t, "c1-m0", "casualty_low")["value"], number=4.5)), [
        "export.json: document 'sm-1': task 1, annotation 101, casualty_low of region 'c1-m0': chars 101-120: casualty_low is 4.5, not a whole number. Counts are whole numbers",
    ]),
    Case("date_in_another_format", first(lambda t: _set(item(t, "t1-m0", "time_start")["value"],
                                                        datetime="07/05/2024")), [
        "export.json: document 'sm-1': task 1, annotation 101, time_start of region 't1-m0': chars 79-89: time_start is '07/05/2024', not a date YYYY-MM-DD. Pick the date again in the date field",
    ]),
    Case("two_canonical_names", first(lambda t: _set(item(t, "a1-m0", "actor_name")["value"], text=["A", "B"])), [
        "export.json: document 'sm-1': task 1, annotation 101, actor_name of region 'a1-m0': chars 13-23: actor_name has 2 entries ['A', 'B']; it takes one. Delete the extra entries",
    ]),
    Case("relation_to_a_deleted_region", first(lambda t: _set(relation(t, "e2-t0", "l2-m0"), to_id="gone")), [
        "export.json: document 'sm-1': task 1, annotation 101, relation 'e2-t0' -> 'gone': relation points to region 'gone', which does not exist. Delete the relation and draw it again between existing regions",
    ]),
    Case("relation_without_label", first(lambda t: relation(t, "e2-t0", "l2-m0").pop("labels")), [
        "export.json: document 'sm-1': task 1, annotation 101, relation 'e2-t0' -> 'l2-m0': relation from region 'e2-t0' (attack) to region 'l2-m0' (location) has no label. Choose its label in the Relations panel, or delete the relation",
    ]),
    Case("relation_label_unknown", first(lambda t: _set(relation(t, "e2-t0", "l2-m0"), labels=["nearby"])), [
        "export.json: document 'sm-1': task 1, annotation 101, relation 'e2-t0' -> 'l2-m0': relation label 'nearby' is not in the labeling config. Use the config from 'eventgold annotate config' and relabel the relation",
    ]),
    Case("relation_label_between_wrong_kinds", first(lambda t: _set(relation(t, "c1-m0", "a3-m0"),
                                                                     labels=["attacker"])), [
        "export.json: document 'sm-1': task 1, annotation 101, relation 'c1-m0' -> 'a3-m0': 'attacker' cannot link a casualty region to an actor region (it links event -> actor, event -> detail). Choose another label, or link other regions",
    ]),
    Case("two_way_event_link", first(lambda t: _set(relation(t, "e2-t0", "e1-t0"), direction="bi")), [
        "export.json: document 'sm-1': task 1, annotation 101, relation 'e2-t0' -> 'e1-t0': 'response_to' goes one way but the relation is two-way (bi). Set the relation's direction in the Relations panel",
    ]),
    Case("relation_of_a_region_to_itself", first(lambda t: _set(relation(t, "e2-t0", "l2-m0"), to_id="e2-t0")), [
        "export.json: document 'sm-1': task 1, annotation 101, relation 'e2-t0' -> 'e2-t0': relation links a region to itself. Delete the relation",
    ]),
    Case("triggers_of_one_event_with_different_types", first(_coref_types), [
        "export.json: document 'sm-1': task 1, annotation 101, region 'e1-t0' (shelling_missile_attack): chars 31-36: event 'e1' has triggers labelled attack, shelling_missile_attack. Label every trigger of one event with the same type, or remove the same_as relation",
    ]),
    Case("mentions_of_one_actor_disagree", first(_mentions_disagree), [
        "export.json: document 'sm-1': task 1, annotation 101, region 'a1-m1' (actor): chars 26-28: actor_type is 'non_state_armed_group' on region 'a1-m0' (actor) but 'civilians' on region 'a1-m1' (actor), and both are mentions of actor 'a1'. Set the attribute on one mention only, or make the values agree",
    ]),
    Case("casualty_without_outcome", first(lambda t: drop(t, item(t, "c3-m0", "casualty_outcome"))), [
        "export.json: document 'sm-1': task 1, annotation 101, region 'c3-m0' (casualty): chars 237-247: casualty 'c3' has no outcome. Select the region and fill in 'Casualties: what happened to them'",
    ]),
    Case("casualty_not_linked_to_its_event", first(lambda t: drop(t, relation(t, "c3-m0", "e3-t0"))), [
        "export.json: document 'sm-1': task 1, annotation 101, region 'c3-m0' (casualty): chars 237-247: casualty 'c3' is not linked to its event. Draw a casualty_of relation from the casualty figure to its event",
    ]),
    Case("casualty_linked_to_two_events", first(_second_event), [
        "export.json: document 'sm-1': task 1, annotation 101, relation 'c1-m0' -> 'e2-t0': casualty 'c1' has two casualty_of links: 'e1' and 'e2'. Keep one of the two relations",
    ]),
    Case("time_without_precision", first(lambda t: drop(t, item(t, "t1-m0", "time_precision"))), [
        "export.json: document 'sm-1': task 1, annotation 101, region 't1-m0' (time): chars 79-89: time 't1' has no precision. Select the region and fill in 'Time: granularity the text gives'",
    ]),
    Case("coordinates_without_longitude", first(lambda t: drop(t, item(t, "l1-m0", "location_lon"))), [
        "export.json: document 'sm-1': task 1, annotation 101, region 'l1-m0' (location): chars 69-78: location 'l1' has a latitude but no longitude. Give both coordinates or neither",
    ]),
    Case("count_against_its_qualifier", first(lambda t: _set(item(t, "c3-m0", "casualty_qualifier")["value"],
                                                             choices=["range"])), [
        "export.json: document 'sm-1': task 1, annotation 101, region 'c3-m0' (casualty): chars 237-247: count: qualifier 'range' needs low < high, both set. Fix the attribute in Label Studio",
    ]),
    Case("breakdown_with_another_outcome", first(lambda t: _set(item(t, "c2-m0", "casualty_outcome")["value"],
                                                                choices=["injured"])), [
        "export.json: document 'sm-1': task 1, annotation 101, region 'c2-m0' (casualty): chars 132-142: part_of: breakdown 'c2' (injured, event 'e1') differs from its total 'c1' (killed, event 'e1'). A breakdown shares its total's event and outcome",
    ]),
    Case("argument_given_twice", first(_duplicate_argument), [
        "export.json: document 'sm-1': task 1, annotation 101, relation 'e1-t1' -> 'a1-m0': event 'e1' already has attacker 'a1'. Delete the repeated relation",
    ]),
    Case("event_linked_to_itself", first(_self_link), [
        "export.json: document 'sm-1': task 1, annotation 101, relation 'e1-t0' -> 'e1-t1': event 'e1' is linked to itself. Link two different events",
    ]),
    Case("region_with_a_note", first(lambda t: _set(item(t, "a3-m0"), meta={"text": ["check spelling"]})), [
        "export.json: document 'sm-1': task 1, annotation 101, region 'a3-m0': chars 144-150: region has a note ['check spelling'], which the gold schema cannot hold. Move the note to a task comment, or delete it (select the region, Meta)",
    ]),
    Case("task_data_with_other_keys", first(lambda t: _set(t["data"], image="x.png", author="me")), [
        "export.json: document 'sm-1': task 1: task data has key(s) 'author', 'image', which a document does not hold. Move them into data.metadata, or import tasks made by 'eventgold annotate to-ls'",
    ]),
    Case("two_tasks_with_one_document_id", _duplicate_doc, [
        "export.json: document 'sm-1': task 2: document id 'sm-1' is also the id of task 1. Give every task its own data.doc_id",
    ]),
]


# --- schema 2.0: argument details and qualifiers, series, dateline, actor links, casualty and time additions ---


def v2(name: str, change: Callable[[Task], Any], expected: list[str]) -> Case:
    return Case(name, first(change), expected, base="v2")


def _labels(a: str, b: str, *labels: str) -> Callable[[Task], Any]:
    return lambda t: _set(relation(t, a, b), labels=list(labels))


def _add(a: str, b: str, *labels: str) -> Callable[[Task], Any]:
    return lambda t: result(t).append({"from_id": a, "to_id": b, "type": "relation", "direction": "right",
                                       "labels": list(labels)})


def _second_dateline(t: Task) -> None:
    copy = json.loads(json.dumps(item(t, "dateline/m0")))
    copy["id"] = "Zx81"
    copy["value"].update(start=40, end=52, text="Air defences")
    result(t).append(copy)


V2_CASES: list[Case] = [
    v2("detail_without_entity", lambda t: drop(t, relation(t, "e1/a2", "w1-m0")), [
        "export.json: document 'ex-201': task 1, annotation 101, region 'e1/a2' (detail): chars 108-117: argument detail 'e1/a2' is not linked to its entity. Draw an entity relation from the detail to the actor, location or weapon",
    ]),
    v2("detail_without_event", lambda t: drop(t, relation(t, "e1-t0", "e1/a2")), [
        "export.json: document 'ex-201': task 1, annotation 101, region 'e1/a2' (detail): chars 108-117: argument detail 'e1/a2' is not linked to an event. Draw the role relation (attacker, place, ...) from the event's trigger to the detail, or delete the detail",
    ]),
    v2("detail_of_two_arguments", _add("e2-t1", "e1/a2", "instrument"), [
        "export.json: document 'ex-201': task 1, annotation 101, relation 'e2-t1' -> 'e1/a2': argument detail 'e1/a2' is the object of two role relations; a detail belongs to one argument. Give each argument its own detail region",
    ]),
    v2("detail_with_two_entities", _add("e1/a2", "w2-m0", "entity"), [
        "export.json: document 'ex-201': task 1, annotation 101, relation 'e1/a2' -> 'w2-m0': argument detail 'e1/a2' has two entity links: 'w1' and 'w2'. Keep one of the two relations",
    ]),
    v2("detail_quantity_without_qualifier", lambda t: drop(t, item(t, "e1/a2", "argument_qualifier")), [
        "export.json: document 'ex-201': task 1, annotation 101, region 'e1/a2' (detail): chars 108-117: argument detail 'e1/a2' has a quantity but no qualifier. Select the region and fill in 'Argument quantity (how many of the entity: 14 in 14 of 16 drones): how the text states the number'",
    ]),
    v2("distance_without_spatial_relation", _labels("e6-t0", "e6/a3", "place"), [
        "export.json: document 'ex-201': task 1, annotation 101, region 'e6/a3' (detail): chars 958-965: argument detail 'e6/a3' has a distance but no spatial relation. Add near or a compass direction (north, ...) to the labels of the role relation",
    ]),
    v2("distance_that_is_text", lambda t: _set(item(t, "e6/a3", "argument_distance")["value"], number="20 km"), [
        "export.json: document 'ex-201': task 1, annotation 101, argument_distance of region 'e6/a3': chars 958-965: argument_distance is '20 km', not a number. Type a number",
    ]),
    v2("qualifier_without_role", _labels("e4-t0", "l2-m0", "south"), [
        "export.json: document 'ex-201': task 1, annotation 101, relation 'e4-t0' -> 'l2-m0': 'south' qualifies an argument, but the relation names no role. Add the role label (attacker, place, ...) to the relation, or remove 'south'",
    ]),
    v2("qualifier_with_two_roles", _labels("e4-t0", "l2-m0", "place", "target", "south"), [
        "export.json: document 'ex-201': task 1, annotation 101, relation 'e4-t0' -> 'l2-m0': 'south' qualifies one argument, but the relation names place, target. Draw each role as its own relation and keep 'south' on the one it qualifies",
    ]),
    v2("qualifier_on_a_reference", _labels("e1-t0", "t1-m0", "time", "claimed"), [
        "export.json: document 'ex-201': task 1, annotation 101, relation 'e1-t0' -> 't1-m0': 'claimed' qualifies an argument, not a time relation. Remove 'claimed' from this relation",
    ]),
    v2("two_certainties", _labels("e2-t0", "e2/a0", "attacker", "claimed", "denied"), [
        "export.json: document 'ex-201': task 1, annotation 101, relation 'e2-t0' -> 'e2/a0': relation has 'claimed' and 'denied', two values of certainty. Keep one of them; two sources that disagree are two arguments, each through its own detail",
    ]),
    v2("certainty_on_a_place_argument", _labels("e4-t0", "l2-m0", "place", "suspected"), [
        "export.json: document 'ex-201': task 1, annotation 101, relation 'e4-t0' -> 'l2-m0': attribution certainty on a place argument. Certainty and asserted_by belong to attacker arguments; remove them here",
    ]),
    v2("spatial_relation_on_an_actor", _labels("e3-t0", "a5-m0", "authority", "near"), [
        "export.json: document 'ex-201': task 1, annotation 101, relation 'e3-t0' -> 'a5-m0': spatial: spatial relation on authority -> 'a5', which is not a location. Spatial relations belong to place (or location target) arguments; remove it",
    ]),
    v2("series_phrase_not_linked", lambda t: drop(t, relation(t, "e6/s0", "e6-t0")), [
        "export.json: document 'ex-201': task 1, annotation 101, region 'e6/s0' (series): chars 1017-1022: series phrase 'e6/s0' is not linked to its event. Draw a series_of relation from the phrase to the event it counts",
    ]),
    v2("series_without_count_qualifier", lambda t: drop(t, item(t, "e6-t0", "series_qualifier")), [
        "export.json: document 'ex-201': task 1, annotation 101, region 'e6-t0' (air_drone_strike): chars 910-916: event 'e6' has a series but no count qualifier. Select the region and fill in 'Series count (this incident included): how the text states the number'",
    ]),
    v2("series_ordinal_zero", lambda t: _set(item(t, "e6-t0", "series_ordinal")["value"], number=0), [
        "export.json: document 'ex-201': task 1, annotation 101, region 'e6-t0' (air_drone_strike): chars 910-916: series.ordinal: Input should be greater than or equal to 1. Fix the attribute in Label Studio",
    ]),
    v2("two_datelines", _second_dateline, [
        "export.json: document 'ex-201': task 1, annotation 101, region 'Zx81' (dateline): chars 40-52: region 'Zx81' (dateline) is a second dateline; a report has one. Delete one of the dateline regions",
    ]),
    v2("actor_link_phrase_without_target", lambda t: drop(t, relation(t, "actor_link0/m0", "a6-m0")), [
        "export.json: document 'ex-201': task 1, annotation 101, region 'actor_link0/m0' (actor_link): chars 441-452: actor link 'actor_link0/m0' has no target actor. Draw a target relation from the phrase to the actor the link points to",
    ]),
    v2("actor_link_phrase_without_type", lambda t: drop(t, item(t, "actor_link0/m0", "actor_link_type")), [
        "export.json: document 'ex-201': task 1, annotation 101, region 'actor_link0/m0' (actor_link): chars 441-452: actor link 'actor_link0/m0' has no type. Select the region and fill in 'Actor link: how the source actor relates to the target'",
    ]),
    v2("actor_linked_to_itself", _add("a9-m0", "a9-m1", "backed_by"), [
        "export.json: document 'ex-201': task 1, annotation 101, relation 'a9-m0' -> 'a9-m1': actor 'a9' is linked to itself. Link two different actors",
    ]),
    v2("time_anchored_on_an_event_it_does_not_name", lambda t: drop(t, relation(t, "t2-m0", "e1-t0")), [
        "export.json: document 'ex-201': task 1, annotation 101, region 't2-m0' (time): chars 170-181: time 't2' counts from an event but has no anchor relation. Draw an anchor relation from the time to the event it counts from",
    ]),
    v2("status_that_does_not_follow_the_outcome",
       lambda t: _set(item(t, "c1-m0", "casualty_status")["value"], choices=["released"]), [
        "export.json: document 'ex-201': task 1, annotation 101, region 'c1-m0' (casualty): chars 616-637: status 'released' does not follow outcome 'injured' (it follows abducted, arrested, missing). Fix the attribute in Label Studio",
    ]),
    v2("revision_of_another_event", lambda t: _set(relation(t, "c5-m0", "c4-m0"), to_id="c1-m0"), [
        "export.json: document 'ex-201': task 1, annotation 101, region 'c5-m0' (casualty): chars 843-854: revises: 'c5' revises 'c1', a figure of another event or outcome. Revised and disputed figures share the event and the outcome (killed_or_injured goes with killed and injured)",
    ]),
    v2("incident_id_with_a_space", lambda t: result(t).append(
        {"id": "e1-t0", "from_name": "incident_id", "to_name": "text", "type": "textarea",
         "value": {"start": 92, "end": 101, "text": ["inc 001"]}}), [
        "export.json: document 'ex-201': task 1, annotation 101, region 'e1-t0' (disrupted_weapons_use): chars 92-101: incident_id: String should match pattern '^[A-Za-z0-9][A-Za-z0-9_.:\\-]*$'. Fix the attribute in Label Studio",
    ]),
    v2("task_of_another_schema_version", lambda t: _set(t["data"], schema_version="1.1"), [
        "export.json: document 'ex-201': task 1, annotation 101: data.schema_version: Input should be '2.0'. Fix the task data (eventgold annotate to-ls writes every document field)",
    ]),
]
