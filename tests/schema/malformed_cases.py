"""Malformed inputs and the exact located message each must produce.

Each case is (name, line written to the file, expected messages). The file is
always called ``bad.jsonl`` and holds the valid ``BASE`` document on line 1 and the
bad line on line 2.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

BASE: dict[str, Any] = {
    "schema_version": "2.0",
    "id": "d1",
    "published": "2024-03-12",
    "source": "Test desk",
    "synthetic": True,
    "text": "Rockets hit Camp Alpha near Gao on 10 March, killing at least three soldiers.",
    "actors": [{"id": "a1", "name": "Malian army", "type": "state_military", "country": "ML",
                "mentions": [{"start": 68, "end": 76, "text": "soldiers"}]}],
    "locations": [{"id": "l1", "name": "Camp Alpha", "precision": "near", "country": "ML",
                   "mentions": [{"start": 12, "end": 22, "text": "Camp Alpha"}]}],
    "times": [{"id": "t1", "value": {"start": "2024-03-10", "end": "2024-03-10", "precision": "day"}, "relative": True,
               "mentions": [{"start": 35, "end": 43, "text": "10 March"}]}],
    "weapons": [{"id": "w1", "name": "rocket", "category": "rocket", "mentions": [{"start": 0, "end": 7, "text": "Rockets"}]}],
    "events": [{"id": "e1", "type": "shelling_missile_attack", "modality": "actual",
                "triggers": [{"start": 8, "end": 11, "text": "hit"}], "time": "t1",
                "arguments": [{"role": "place", "entity": "l1"}, {"role": "victim", "entity": "a1"},
                              {"role": "instrument", "entity": "w1"}]}],
    "casualties": [{"id": "c1", "event": "e1", "outcome": "killed", "count": {"qualifier": "at_least", "low": 3},
                    "victim": {"actor": "a1", "category": "military"},
                    "mentions": [{"start": 53, "end": 76, "text": "at least three soldiers"}]}],
    "links": [],
}


def mutate(change: Callable[[dict[str, Any]], Any]) -> str:
    doc = copy.deepcopy(BASE)
    doc["id"] = "d2"
    change(doc)
    return json.dumps(doc, ensure_ascii=False)


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        node: Any = doc
        parts = path.split(".")
        for part in parts[:-1]:
            node = node[int(part)] if part.isdigit() else node[part]
        last = parts[-1]
        if value is _DELETE:
            del node[last]
        elif last.isdigit():
            node[int(last)] = value
        else:
            node[last] = value
    return change


_DELETE = object()
P = "bad.jsonl:2: document 'd2': "

CASES: list[tuple[str, str, list[str]]] = [
    ("bad json", '{"id": "d2", "text": ', ["bad.jsonl:2: invalid JSON: Expecting value at column 22. Each line must be one complete JSON object (JSON Lines)"]),
    ("not an object", "[1, 2]", ["bad.jsonl:2: Input should be a valid dictionary or instance of Document. See docs/format.md for this field"]),
    ("missing text", mutate(_set("text", _DELETE)), [P + "text: Field required. Add the field; docs/format.md lists the required fields"]),
    ("empty text", mutate(_set("text", "")), [P + "text: String should have at least 1 character. See docs/format.md for this field"]),
    ("unknown field", mutate(_set("title", "x")), [P + "title: Extra inputs are not permitted. Remove the field, or check its spelling against docs/format.md"]),
    ("bad date", mutate(_set("published", "12/03/2024")), [P + "published: Input should be a valid date or datetime, invalid character in year. See docs/format.md for this field"]),
    ("end past text", mutate(_set("events.0.triggers.0", {"start": 70, "end": 90, "text": "x"})),
     [P + "events[0].triggers[0]: chars 70-90: end 90 is past the end of the text (length 77). Check the offsets: [start, end) in code points"]),
    ("text mismatch", mutate(_set("events.0.triggers.0", {"start": 8, "end": 12, "text": "hit"})),
     [P + "events[0].triggers[0]: chars 8-12: stored text 'hit' does not match text[8:12] = 'hit '. Fix the offsets or the stored text; offsets are Python string indices, end exclusive"]),
    ("start after end", mutate(_set("events.0.triggers.0", {"start": 11, "end": 8, "text": "hit"})),
     [P + "events[0].triggers[0]: chars 11-8: start 11 must be smaller than end 8. See docs/format.md for this field"]),
    ("negative offset", mutate(_set("events.0.triggers.0.start", -1)),
     [P + "events[0].triggers[0].start: chars -1-11: Input should be greater than or equal to 0. See docs/format.md for this field"]),
    ("only start", mutate(_set("events.0.triggers.0.end", _DELETE)),
     [P + "events[0].triggers[0]: give both start and end, or neither (a span-free prediction). See docs/format.md for this field"]),
    ("gold without offsets", mutate(_set("events.0.triggers.0", {"text": "hit"})),
     [P + "events[0].triggers[0]: gold mentions need offsets. Add start and end (Python string indices into text)"]),
    ("dangling argument", mutate(_set("events.0.arguments.0.entity", "l9")),
     [P + "events[0].arguments[0].entity: reference 'l9' points to no object. Use the id of an object defined in this document"]),
    ("wrong filler kind", mutate(_set("events.0.arguments.0.entity", "a1")),
     [P + "events[0].arguments[0].entity: reference 'a1' is an actor, expected location. Point to the id of a location"]),
    ("dangling time", mutate(_set("events.0.time", "t7")),
     [P + "events[0].time: reference 't7' points to no object. Use the id of an object defined in this document"]),
    ("duplicate id", mutate(_set("locations.0.id", "a1")),
     [P + "locations[0].id: duplicate id 'a1' (first used at actors[0].id). Give every object its own id",
      P + "events[0].arguments[0].entity: reference 'l1' points to no object. Use the id of an object defined in this document"]),
    ("unknown event type", mutate(_set("events.0.type", "bombing")),
     [P + "events[0].type: 'bombing' is not allowed here; expected one of 28 values (closest: 'suicide_bomb', 'mob_violence', 'abduction'). Use one of the listed values (eventgold schema prints them all)"]),
    ("unknown modality", mutate(_set("events.0.modality", "hedged")),
     [P + "events[0].modality: 'hedged' is not allowed here; expected 'actual', 'negated', 'hypothetical' or 'generic'. Use one of the listed values (eventgold schema prints them all)"]),
    ("bad country", mutate(_set("actors.0.country", "XX")),
     [P + "actors[0].country: 'XX' is not an ISO 3166-1 alpha-2 country code (use e.g. 'IQ', 'ML', 'CO'). See docs/format.md for this field"]),
    ("negative count", mutate(_set("casualties.0.count", {"qualifier": "exact", "low": -2, "best": -2, "high": -2})),
     [P + f"casualties[0].count.{k}: Input should be greater than or equal to 0. See docs/format.md for this field" for k in ("low", "best", "high")]),
    ("inverted interval", mutate(_set("casualties.0.count", {"qualifier": "range", "low": 9, "high": 4})),
     [P + "casualties[0].count: low 9 is greater than high 4. See docs/format.md for this field"]),
    ("qualifier mismatch", mutate(_set("casualties.0.count", {"qualifier": "at_least", "low": 3, "high": 5})),
     [P + "casualties[0].count: qualifier 'at_least' needs low set and high unset. See docs/format.md for this field"]),
    ("inverted dates", mutate(_set("times.0.value", {"start": "2024-03-11", "end": "2024-03-10", "precision": "day"})),
     [P + "times[0].value: start 2024-03-11 is after end 2024-03-10; swap them. See docs/format.md for this field"]),
    ("gold event without trigger", mutate(_set("events.0.triggers", [])),
     [P + "events[0].triggers: gold event has no trigger mention. Add at least one trigger span"]),
    ("gold casualty without evidence", mutate(_set("casualties.0.mentions", [])),
     [P + "casualties[0].mentions: gold casualty 'c1' has no evidence mention. Add the span(s) of text it comes from"]),
    ("casualty without outcome", mutate(_set("casualties.0.outcome", _DELETE)),
     [P + "casualties[0].outcome: Field required. Add the field; docs/format.md lists the required fields"]),
    ("self-link", mutate(_set("links", [{"type": "response_to", "source": "e1", "target": "e1"}])),
     [P + "links[0]: event 'e1' is linked to itself. Link two different events"]),
    ("breakdown of a different outcome", mutate(lambda d: d["casualties"].append(
        {"id": "c2", "event": "e1", "outcome": "injured", "count": {"qualifier": "exact", "low": 1, "best": 1, "high": 1},
         "part_of": "c1", "mentions": [{"start": 68, "end": 76, "text": "soldiers"}]})),
     [P + "casualties[1].part_of: breakdown 'c2' (injured, event 'e1') differs from its total 'c1' (killed, event 'e1'). A breakdown shares its total's event and outcome"]),
    ("breakdowns exceed total", mutate(lambda d: (d["casualties"].__setitem__(0, {**d["casualties"][0], "count": {"qualifier": "range", "low": 3, "high": 4}}),
                                                  d["casualties"].append({"id": "c2", "event": "e1", "outcome": "killed",
                                                                          "count": {"qualifier": "at_least", "low": 5}, "part_of": "c1",
                                                                          "mentions": [{"start": 68, "end": 76, "text": "soldiers"}]}))),
     [P + "casualties[0].count: breakdowns of 'c1' add up to at least 5, more than its high bound 4. Check the counts of the total and its parts"]),
    ("emoji before span, code-unit offsets", mutate(lambda d: d.update(
        text="🚨 Rockets hit Gao.", actors=[], locations=[], times=[], weapons=[], casualties=[],
        events=[{"id": "e1", "type": "shelling_missile_attack", "triggers": [{"start": 11, "end": 14, "text": "hit"}]}])),
     [P + "events[0].triggers[0]: chars 11-14: stored text 'hit' does not match text[11:14] = 'it ' . Fix the offsets or the stored text; offsets are Python string indices, end exclusive".replace("' .", "'.")]),
    ("crlf counted as one", mutate(lambda d: d.update(
        text="Curfew imposed.\r\nShops shut.", actors=[], locations=[], times=[], weapons=[], casualties=[],
        events=[{"id": "e1", "type": "security_measure", "triggers": [{"start": 16, "end": 21, "text": "Shops"}]}])),
     [P + "events[0].triggers[0]: chars 16-21: stored text 'Shops' does not match text[16:21] = '\\nShop'. The stored text sits +1 characters away: each \\r\\n counts as two characters: the offsets were computed on \\n line ends; shift start and end by +1"]),
    ("duplicate document id", json.dumps({**BASE}), ["bad.jsonl:2: document 'd1': duplicate document id (first on line 1). Give every document its own id"]),
    ("duplicate argument", mutate(lambda d: d["events"][0]["arguments"].append({"role": "place", "entity": "l1"})),
     [P + "events[0].arguments[3]: argument place -> 'l1' is listed twice. Remove the repeated argument"]),
    ("duplicate link", mutate(lambda d: d.update(
        events=d["events"] + [{"id": "e2", "type": "statement", "triggers": [{"start": 8, "end": 11, "text": "hit"}]}],
        links=[{"type": "response_to", "source": "e2", "target": "e1"}] * 2)),
     [P + "links[1]: link 'e2' response_to 'e1' is listed twice. Remove the repeated link"]),
    ("bad id", mutate(_set("events.0.id", "e 1")),
     [P + "events[0].id: String should match pattern '^[A-Za-z0-9][A-Za-z0-9_.:\\-]*$'. See docs/format.md for this field"]),
    ("confidence in gold", mutate(_set("events.0.confidence", 0.7)),
     [P + "events[0].confidence: gold events carry no confidence. Remove confidence (it is for predictions)"]),
]

# Schema 2.0 checks: one case per new rule.
_E2 = {"id": "e2", "type": "statement", "modality": "hypothetical", "triggers": [{"start": 8, "end": 11, "text": "hit"}]}
_C2 = {"id": "c2", "event": "e1", "outcome": "killed", "count": {"qualifier": "exact", "low": 4, "best": 4, "high": 4},
       "mentions": [{"start": 53, "end": 76, "text": "at least three soldiers"}]}


def _add_arg(extra: dict[str, Any], index: int = 0) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        doc["events"][0]["arguments"][index].update(extra)
    return change


def _add_cas(**extra: Any) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        doc["casualties"].append({**_C2, **extra})
    return change


CASES_V2: list[tuple[str, str, list[str]]] = [
    ("1.x document", json.dumps({k: v for k, v in BASE.items() if k != "schema_version"} | {"id": "d2"}), [P + 'schema_version: no schema_version: this is a schema 1.x document. Convert the file: eventgold migrate IN.jsonl -o OUT.jsonl']),
    ("unknown schema version", mutate(_set("schema_version", "3.0")), [P + "schema_version: schema_version '3.0' is not one this eventgold reads (it reads '2.0'). Use the eventgold release that wrote the file, or set schema_version to '2.0'"]),
    ("old schema version", mutate(_set("schema_version", "1.1")), [P + "schema_version: schema_version '1.1' is older than '2.0'. Convert the file: eventgold migrate IN.jsonl -o OUT.jsonl"]),
    ("casualty on hypothetical event", mutate(lambda d: (d["events"][0].update(modality="hypothetical"))), [P + "casualties[0].event: casualty 'c1' belongs to event 'e1', which is hypothetical. Casualties are annotated for actual events only (guidelines G10); remove the casualty or correct the event's modality"]),
    ("at_least with best", mutate(_set("casualties.0.count", {"qualifier": "at_least", "low": 3, "best": 4})), [P + "casualties[0].count: qualifier 'at_least' takes no best figure (the text gives only a floor); remove best. See docs/format.md for this field"]),
    ("mentions out of text order", mutate(lambda d: d["events"][0]["triggers"].insert(0, {"start": 12, "end": 22, "text": "Camp Alpha"})), [P + 'events[0].triggers[1]: chars 8-11: mention 1 starts at 8, before mention 0 at 12. List mentions in text order']),
    ("country hint", mutate(_set("actors.0.country", "UK")), [P + "actors[0].country: 'UK' is not an ISO 3166-1 alpha-2 country code; use 'GB'. See docs/format.md for this field"]),
    ("bom shift", mutate(lambda d: d.update(
        text="\ufeffCurfew imposed.", actors=[], locations=[], times=[], weapons=[], casualties=[],
        events=[{"id": "e1", "type": "security_measure", "triggers": [{"start": 0, "end": 6, "text": "Curfew"}]}])), [P + "events[0].triggers[0]: chars 0-6: stored text 'Curfew' does not match text[0:6] = '\\ufeffCurfe'. The stored text sits +1 characters away: the text starts with a byte order mark (U+FEFF), which counts as one character; shift start and end by +1"]),
    ("spatial on a weapon", mutate(_add_arg({"spatial": {"relation": "near"}}, 2)), [P + "events[0].arguments[2].spatial: spatial relation on instrument -> 'w1', which is not a location. Spatial relations belong to place (or location target) arguments; remove it"]),
    ("distance with in", mutate(_add_arg({"spatial": {"relation": "in", "distance_km": 3}})), [P + "events[0].arguments[0].spatial: a distance does not go with relation 'in'. Give a distance only with 'near' or a compass direction ('20 km east of')"]),
    ("certainty on a place", mutate(_add_arg({"certainty": "claimed"})), [P + 'events[0].arguments[0]: attribution certainty on a place argument. Certainty and asserted_by belong to attacker arguments; remove them here']),
    ("asserted_by not an actor", mutate(lambda d: d["events"][0]["arguments"].append(
        {"role": "attacker", "entity": "a1", "certainty": "suspected", "asserted_by": "l1"})), [P + "events[0].arguments[3].asserted_by: reference 'l1' is a location, expected actor. Point to the id of an actor"]),
    ("series ordinal past count", mutate(_set("events.0.series", {"count": {"qualifier": "exact", "low": 2, "best": 2, "high": 2}, "ordinal": 3})), [P + "events[0].series: ordinal 3 is past the series count's high bound 2. The series count includes this incident: raise it or fix the ordinal"]),
    ("series time dangling", mutate(_set("events.0.series", {"count": {"qualifier": "unspecified"}, "time": "t9"})), [P + "events[0].series.time: reference 't9' points to no object. Use the id of an object defined in this document"]),
    ("severity on killed", mutate(_set("casualties.0.severity", "critical")), [P + "casualties[0]: severity is for injuries, not outcome 'killed'; remove severity. See docs/format.md for this field"]),
    ("status after wrong outcome", mutate(_set("casualties.0.status", "released")), [P + "casualties[0]: status 'released' does not follow outcome 'killed' (it follows abducted, arrested, missing). See docs/format.md for this field"]),
    ("also_events repeats the event", mutate(_set("casualties.0.also_events", ["e1"])), [P + "casualties[0].also_events[0]: event 'e1' is listed twice for casualty 'c1'. also_events names the other events, once each, not the casualty's own event"]),
    ("revises itself", mutate(_set("casualties.0.revises", "c1")), [P + "casualties[0].revises: casualty 'c1' revises itself. Point revises to another figure"]),
    ("revision loop", mutate(lambda d: (_add_cas(revises="c1")(d), d["casualties"][0].update(revises="c2"))), [P + "casualties[0].revises: revises chain from 'c1' loops back on itself. A figure revises an earlier one, never a later one", P + "casualties[1].revises: revises chain from 'c2' loops back on itself. A figure revises an earlier one, never a later one"]),
    ("dispute across events", mutate(lambda d: (d["events"].append({**_E2, "modality": "actual"}), _add_cas(event="e2", disputes="c1")(d))), [P + "casualties[1].disputes: 'c2' disputes 'c1', a figure of another event or outcome. Revised and disputed figures share the event and the outcome (killed_or_injured goes with killed and injured)"]),
    ("anchor without relative", mutate(_set("times.0", {**BASE["times"][0], "relative": False, "anchor": "published"})), [P + 'times[0]: an anchor is only for relative times; set relative to true or remove the anchor. See docs/format.md for this field']),
    ("event anchor without ref", mutate(_set("times.0.anchor", "event")), [P + "times[0]: anchor 'event' needs anchor_ref, the id it counts from. See docs/format.md for this field"]),
    ("dateline anchor without dateline", mutate(_set("times.0.anchor", "dateline")), [P + "times[0].anchor: time anchored on the dateline, but the document has no dated dateline. Annotate the dateline with its date, or anchor on 'published'"]),
    ("anchor on a weapon", mutate(lambda d: d["times"][0].update(anchor="time", anchor_ref="w1")), [P + "times[0].anchor_ref: reference 'w1' is a weapon, expected time. Point to the id of a time"]),
    ("actor linked to itself", mutate(_set("actor_links", [{"type": "part_of", "source": "a1", "target": "a1"}])), [P + "actor_links[0]: actor 'a1' is linked to itself. Link two different actors"]),
    ("actor link to a place", mutate(_set("actor_links", [{"type": "backed_by", "source": "a1", "target": "l1"}])), [P + "actor_links[0].target: reference 'l1' is a location, expected actor. Point to the id of an actor"]),
    ("dateline location is an actor", mutate(_set("dateline", {"mention": {"start": 0, "end": 7, "text": "Rockets"}, "location": "a1"})), [P + "dateline.location: reference 'a1' is an actor, expected location. Point to the id of a location"]),
    ("incident id with spaces", mutate(_set("events.0.incident_id", "inc 1")), [P + "events[0].incident_id: String should match pattern '^[A-Za-z0-9][A-Za-z0-9_.:\\-]*$'. See docs/format.md for this field"]),
]
