"""Small gold documents written for the baseline's tests (original texts in the genre; not from the seed report).

Annotations are written with mention strings and turned into offsets here, like the corpus's
authoring format: ``"text"`` is the first occurrence, ``"text#2"`` the second.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from eventgold.schema import Document, parse_document


def _span(text: str, spec: str) -> dict[str, Any]:
    needle, _, nth = spec.partition("#")
    n = int(nth) if nth else 1
    start = -1
    for _ in range(n):
        start = text.index(needle, start + 1)
    return {"start": start, "end": start + len(needle), "text": needle}


def _doc(doc_id: str, published: dt.date, text: str, ann: dict[str, Any]) -> Document:
    raw: dict[str, Any] = {"id": doc_id, "published": published.isoformat(), "synthetic": True, "text": text,
                           "metadata": {"country": ann.pop("country"), "event_types": ann.pop("event_types", [])}}
    for field in ("actors", "locations", "times", "weapons", "casualties"):
        items = []
        for item in ann.get(field, []):
            item = dict(item)
            item["mentions"] = [_span(text, m) for m in item["mentions"]]
            items.append(item)
        raw[field] = items
    events = []
    for ev in ann.get("events", []):
        ev = dict(ev)
        ev["triggers"] = [_span(text, m) for m in ev["triggers"]]
        events.append(ev)
    raw["events"] = events
    return parse_document(raw, "gold")


DIKWA = _doc("t-dikwa", dt.date(2023, 5, 10), (
    "Unidentified gunmen opened fire on a police checkpoint outside Dikwa on Monday night, killing at least three "
    "police officers and wounding two others, local officials said. The attackers escaped towards the Sambisa "
    "forest. No group has claimed the attack. Authorities imposed a dusk-to-dawn curfew on the town on Tuesday. "
    "Further attacks on security posts are likely in the coming weeks."), {
    "country": "NG",
    "event_types": ["attack", "security_measure"],
    "actors": [
        {"id": "a1", "name": "unidentified gunmen", "type": "non_state_armed_group",
         "mentions": ["Unidentified gunmen", "The attackers"]},
        {"id": "a2", "name": "police officers", "type": "police", "country": "NG",
         "mentions": ["at least three police officers"]},
        {"id": "a3", "name": "local officials", "type": "government", "country": "NG",
         "mentions": ["local officials"]},
        {"id": "a4", "name": "authorities", "type": "government", "country": "NG", "mentions": ["Authorities"]},
    ],
    "locations": [
        {"id": "l1", "name": "Dikwa", "country": "NG", "precision": "near", "mentions": ["Dikwa"]},
        {"id": "l2", "name": "Sambisa forest", "country": "NG", "precision": "region", "mentions": ["Sambisa forest"]},
    ],
    "times": [
        {"id": "t1", "value": {"start": "2023-05-08", "end": "2023-05-08", "precision": "day"}, "relative": True,
         "mentions": ["Monday night"]},
        {"id": "t2", "value": {"start": "2023-05-09", "end": "2023-05-09", "precision": "day"}, "relative": True,
         "mentions": ["Tuesday"]},
    ],
    "events": [
        {"id": "e1", "type": "attack", "time": "t1", "triggers": ["opened fire", "attack"],
         "arguments": [{"role": "attacker", "entity": "a1"}, {"role": "victim", "entity": "a2"},
                       {"role": "place", "entity": "l1"}, {"role": "source", "entity": "a3"}]},
        {"id": "e2", "type": "security_measure", "time": "t2", "triggers": ["curfew"],
         "arguments": [{"role": "authority", "entity": "a4"}, {"role": "place", "entity": "l1"}]},
        {"id": "e3", "type": "attack", "modality": "hypothetical", "triggers": ["attacks"],
         "arguments": []},
    ],
    "casualties": [
        {"id": "c1", "event": "e1", "outcome": "killed", "count": {"qualifier": "at_least", "low": 3},
         "victim": {"actor": "a2", "category": "police"}, "mentions": ["at least three police officers"]},
        {"id": "c2", "event": "e1", "outcome": "injured", "count": {"qualifier": "exact", "low": 2, "best": 2, "high": 2},
         "victim": {"category": "police"}, "mentions": ["two others"]},
    ],
})

KOLBIO = _doc("t-kolbio", dt.date(2022, 11, 3), (
    "Between five and eight civilians were killed when a drone strike hit a livestock market in Kolbio on "
    "1 November, according to residents. The Somali National Army (SNA) said the strike targeted al-Shabaab "
    "fighters. Dozens of people protested in the town the following day. There were no reports of arrests."), {
    "country": "SO",
    "event_types": ["air_drone_strike", "protest", "arrest"],
    "actors": [
        {"id": "a1", "name": "civilians", "type": "civilians", "mentions": ["Between five and eight civilians"]},
        {"id": "a2", "name": "residents", "type": "civilians", "mentions": ["residents"]},
        {"id": "a3", "name": "Somali National Army", "aliases": ["SNA"], "type": "state_military", "country": "SO",
         "mentions": ["Somali National Army", "SNA"]},
        {"id": "a4", "name": "Harakat al-Shabaab al-Mujahideen", "aliases": ["al-Shabaab"],
         "type": "non_state_armed_group", "mentions": ["al-Shabaab fighters"]},
        {"id": "a5", "name": "protesters", "type": "protesters", "mentions": ["Dozens of people"]},
    ],
    "locations": [
        {"id": "l1", "name": "Kolbio", "country": "SO", "precision": "exact", "mentions": ["Kolbio", "the town"]},
    ],
    "times": [
        {"id": "t1", "value": {"start": "2022-11-01", "end": "2022-11-01", "precision": "day"}, "relative": True,
         "mentions": ["1 November"]},
        {"id": "t2", "value": {"start": "2022-11-02", "end": "2022-11-02", "precision": "day"}, "relative": True,
         "mentions": ["the following day"]},
    ],
    "weapons": [{"id": "w1", "name": "drone", "category": "drone", "mentions": ["drone"]}],
    "events": [
        {"id": "e1", "type": "air_drone_strike", "time": "t1", "triggers": ["drone strike", "strike#2"],
         "arguments": [{"role": "attacker", "entity": "a3"}, {"role": "target", "entity": "a4"},
                       {"role": "victim", "entity": "a1"}, {"role": "place", "entity": "l1"},
                       {"role": "instrument", "entity": "w1"}, {"role": "source", "entity": "a2"}]},
        {"id": "e2", "type": "protest", "time": "t2", "triggers": ["protested"],
         "arguments": [{"role": "participant", "entity": "a5"}, {"role": "place", "entity": "l1"}]},
        {"id": "e3", "type": "arrest", "modality": "negated", "triggers": ["arrests"], "arguments": []},
    ],
    "casualties": [
        {"id": "c1", "event": "e1", "outcome": "killed", "count": {"qualifier": "range", "low": 5, "high": 8},
         "victim": {"actor": "a1", "category": "civilian"}, "source": "a2",
         "mentions": ["Between five and eight civilians"]},
    ],
})

KADUNA = _doc("t-kaduna", dt.date(2024, 2, 20), (
    "Armed men abducted 14 passengers from a bus near Kaduna on Sunday. An unknown number of others are missing. "
    "The U.S. Embassy issued a security alert urging citizens to avoid the Abuja-Kaduna highway. Police deployed "
    "additional units to the area and arrested two suspects on 19 February. Gangs routinely kidnap travellers on "
    "this road."), {
    "country": "NG",
    "event_types": ["abduction", "security_alert", "deployment", "arrest"],
    "actors": [
        {"id": "a1", "name": "armed men", "type": "non_state_armed_group", "mentions": ["Armed men"]},
        {"id": "a2", "name": "passengers", "type": "civilians", "mentions": ["14 passengers"]},
        {"id": "a3", "name": "U.S. Embassy", "type": "diplomatic_mission", "country": "US",
         "mentions": ["U.S. Embassy"]},
        {"id": "a4", "name": "Nigeria Police Force", "type": "police", "country": "NG", "mentions": ["Police"]},
        {"id": "a5", "name": "suspects", "type": "unknown", "mentions": ["two suspects"]},
        {"id": "a6", "name": "gangs", "type": "non_state_armed_group", "mentions": ["Gangs"]},
    ],
    "locations": [
        {"id": "l1", "name": "Kaduna", "country": "NG", "precision": "near", "mentions": ["Kaduna"]},
        {"id": "l2", "name": "Abuja-Kaduna highway", "country": "NG", "precision": "region",
         "mentions": ["Abuja-Kaduna highway"]},
    ],
    "times": [
        {"id": "t1", "value": {"start": "2024-02-18", "end": "2024-02-18", "precision": "day"}, "relative": True,
         "mentions": ["Sunday"]},
        {"id": "t2", "value": {"start": "2024-02-19", "end": "2024-02-19", "precision": "day"}, "relative": True,
         "mentions": ["19 February"]},
    ],
    "events": [
        {"id": "e1", "type": "abduction", "time": "t1", "triggers": ["abducted"],
         "arguments": [{"role": "attacker", "entity": "a1"}, {"role": "victim", "entity": "a2"},
                       {"role": "place", "entity": "l1"}]},
        {"id": "e2", "type": "security_alert", "triggers": ["security alert"],
         "arguments": [{"role": "authority", "entity": "a3"}, {"role": "place", "entity": "l2"}]},
        {"id": "e3", "type": "deployment", "triggers": ["deployed"], "arguments": [{"role": "participant", "entity": "a4"}]},
        {"id": "e4", "type": "arrest", "time": "t2", "triggers": ["arrested"],
         "arguments": [{"role": "authority", "entity": "a4"}, {"role": "victim", "entity": "a5"}]},
        {"id": "e5", "type": "abduction", "modality": "generic", "triggers": ["kidnap"],
         "arguments": [{"role": "attacker", "entity": "a6"}]},
    ],
    "casualties": [
        {"id": "c1", "event": "e1", "outcome": "abducted", "count": {"qualifier": "exact", "low": 14, "best": 14, "high": 14},
         "victim": {"actor": "a2", "category": "civilian"}, "mentions": ["14 passengers"]},
        {"id": "c2", "event": "e1", "outcome": "missing", "count": {"qualifier": "unspecified"},
         "victim": {"category": "civilian"}, "mentions": ["An unknown number of others"]},
        {"id": "c3", "event": "e4", "outcome": "arrested", "count": {"qualifier": "exact", "low": 2, "best": 2, "high": 2},
         "victim": {"actor": "a5", "category": "unknown"}, "mentions": ["two suspects"]},
    ],
})

BARDARASH = _doc("t-bardarash", dt.date(2023, 3, 14), (
    "At least 18 rockets struck the Bardarash camp on 11 March, killing a guard and wounding about 20 residents, "
    "including six children. The camp was also shelled in December 2019. Consular services in the province will "
    "be suspended from 15-19 March.\r\nAnalyst Comment: Rocket fire on camps frequently follows airstrikes on "
    "militia depots."), {
    "country": "IQ",
    "event_types": ["shelling_missile_attack", "security_measure"],
    "actors": [
        {"id": "a1", "name": "guard", "type": "civilians", "mentions": ["a guard"]},
        {"id": "a2", "name": "residents", "type": "civilians", "mentions": ["about 20 residents"]},
    ],
    "locations": [
        {"id": "l1", "name": "Bardarash camp", "country": "IQ", "precision": "exact",
         "mentions": ["Bardarash camp", "The camp"]},
    ],
    "times": [
        {"id": "t1", "value": {"start": "2023-03-11", "end": "2023-03-11", "precision": "day"}, "relative": True,
         "mentions": ["11 March"]},
        {"id": "t2", "value": {"start": "2019-12-01", "end": "2019-12-31", "precision": "month"}, "relative": False,
         "mentions": ["December 2019"]},
        {"id": "t3", "value": {"start": "2023-03-15", "end": "2023-03-19", "precision": "day"}, "relative": True,
         "mentions": ["15-19 March"]},
    ],
    "weapons": [{"id": "w1", "name": "rockets", "category": "rocket", "quantity": {"qualifier": "at_least", "low": 18},
                 "mentions": ["18 rockets"]}],
    "events": [
        {"id": "e1", "type": "shelling_missile_attack", "time": "t1", "triggers": ["struck"],
         "arguments": [{"role": "target", "entity": "l1"}, {"role": "place", "entity": "l1"},
                       {"role": "instrument", "entity": "w1"}, {"role": "victim", "entity": "a1"},
                       {"role": "victim", "entity": "a2"}]},
        {"id": "e2", "type": "shelling_missile_attack", "time": "t2", "triggers": ["shelled"],
         "arguments": [{"role": "place", "entity": "l1"}]},
        {"id": "e3", "type": "security_measure", "modality": "hypothetical", "time": "t3", "triggers": ["suspended"],
         "arguments": []},
        {"id": "e4", "type": "shelling_missile_attack", "modality": "generic", "triggers": ["Rocket fire"],
         "arguments": []},
        {"id": "e5", "type": "air_drone_strike", "modality": "generic", "triggers": ["airstrikes"], "arguments": []},
    ],
    "casualties": [
        {"id": "c1", "event": "e1", "outcome": "killed", "count": {"qualifier": "exact", "low": 1, "best": 1, "high": 1},
         "victim": {"actor": "a1", "category": "civilian"}, "mentions": ["a guard"]},
        {"id": "c2", "event": "e1", "outcome": "injured", "count": {"qualifier": "approximately", "best": 20},
         "victim": {"actor": "a2", "category": "civilian"}, "mentions": ["about 20 residents"]},
        {"id": "c3", "event": "e1", "outcome": "injured", "count": {"qualifier": "exact", "low": 6, "best": 6, "high": 6},
         "victim": {"category": "civilian"}, "part_of": "c2", "mentions": ["six children"]},
    ],
})

DOCUMENTS = [DIKWA, KOLBIO, KADUNA, BARDARASH]
