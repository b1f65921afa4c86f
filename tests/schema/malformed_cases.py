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
    ("not an object", "[1, 2]", ["bad.jsonl:2: Input should be an object. See docs/format.md for this field"]),
    ("missing text", mutate(_set("text", _DELETE)), [P + "text: Field required. Add the field; docs/format.md lists the required fields"]),
    ("empty text", mutate(_set("text", "")), [P + "text: String should have at least 1 character. See docs/format.md for this field"]),
    ("unknown field", mutate(_set("title", "x")), [P + "title: Extra inputs are not permitted. Remove the field, or check its spelling against docs/format.md"]),
    ("bad date", mutate(_set("published", "12/03/2024")), [P + "published: Input should be a valid date in the format YYYY-MM-DD, invalid character in year. See docs/format.md for this field"]),
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
     [P + "events[0].type: 'bombing' is not allowed here; expected 'air_drone_strike', 'shelling_missile_attack', 'remote_explosive', 'suicide_bomb', 'armed_clash', 'attack', 'abduction', 'protest', 'riot', 'mob_violence', 'security_alert', 'security_measure', 'arrest', 'deployment' or 'statement'. Use one of the listed values (eventgold schema prints them all)"]),
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
     [P + "events[0].triggers[0]: chars 16-21: stored text 'Shops' does not match text[16:21] = '\\nShop'. Fix the offsets or the stored text; offsets are Python string indices, end exclusive"]),
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
