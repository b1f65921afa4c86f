"""Hypothesis strategies that generate valid documents, reused by every area's tests.

``documents()`` draws gold documents: a text made of random words (including
emoji, non-Latin script and CRLF line ends), with actors, locations, times,
weapons, events, casualties (with breakdowns) and links whose mentions are real
spans of that text. ``documents(profile="prediction", span_free=True)`` draws
predictions whose mentions have no offsets.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from eventgold.schema import (
    ROLE_FILLERS,
    ActorLinkType,
    ActorType,
    CasualtyOutcome,
    Certainty,
    DatePrecision,
    Document,
    EventLinkType,
    EventType,
    InjurySeverity,
    LocationPrecision,
    Modality,
    Role,
    SpatialRelation,
    VictimCategory,
    WeaponCategory,
)
from eventgold.schema.vocab import CASUALTY_STATUS_OUTCOMES, DISTANCE_RELATIONS

WORDS = [
    "rockets", "hit", "the", "camp", "near", "Gao", "militants", "killed", "at", "least", "three", "soldiers",
    "police", "said", "curfew", "Kharkiv", "drone", "strike", "🚨", "بغداد", "မုံရွာ", "Policía", "naïve", "12",
    "protest", "expected", "no", "reports", "of", "unrest", "al-Shabaab", "Al", "Shabab", "convoy", "ambush",
]
SEPARATORS = [" ", " ", " ", ", ", ". ", "\n", "\r\n", "\n\n", " — "]
COUNTRIES = ["IQ", "ML", "CO", "UA", "SO", "PK", "MM", "US", "GB", None]


@st.composite
def texts(draw: st.DrawFn, min_words: int = 8, max_words: int = 60) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=min_words, max_size=max_words))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(words), max_size=len(words)))
    return "".join(w + s for w, s in zip(words, seps, strict=True)).rstrip() + "."


@st.composite
def spans(draw: st.DrawFn, text: str, span_free: bool = False) -> dict[str, Any]:
    """A mention over a non-blank piece of ``text``."""
    n = len(text)
    start = draw(st.integers(0, n - 1))
    while text[start].isspace():
        start = (start + 1) % n
    end = draw(st.integers(start + 1, min(n, start + 25)))
    mention: dict[str, Any] = {"text": text[start:end]}
    if not span_free:
        mention.update(start=start, end=end)
    return mention


def _mentions(draw: st.DrawFn, text: str, span_free: bool, min_size: int = 1) -> list[dict[str, Any]]:
    found = [draw(spans(text, span_free)) for _ in range(draw(st.integers(min_size, 3)))]
    return found if span_free else sorted(found, key=lambda m: (m["start"], m["end"]))  # gold: text order


@st.composite
def quantities(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(["exact", "at_least", "at_most", "approximately", "range", "vague", "unspecified"]))
    a = draw(st.integers(0, 500))
    b = a + draw(st.integers(1, 50))
    return {
        "exact": {"qualifier": "exact", "low": a, "best": a, "high": a},
        "at_least": {"qualifier": "at_least", "low": a},
        "at_most": {"qualifier": "at_most", "high": b},
        "approximately": {"qualifier": "approximately", "best": a},
        "range": {"qualifier": "range", "low": a, "high": b},
        "vague": {"qualifier": "vague", "low": 12},
        "unspecified": {"qualifier": "unspecified"},
    }[kind]


@st.composite
def documents(draw: st.DrawFn, profile: str = "gold", span_free: bool = False, max_events: int = 4) -> Document:
    """A valid document. Gold documents always have offsets; predictions may be span-free."""
    free = span_free and profile == "prediction"
    text = draw(texts())
    published = draw(st.dates(dt.date(2015, 1, 1), dt.date(2026, 12, 31)))
    raw: dict[str, Any] = {
        "schema_version": "2.0",
        "id": draw(st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True)),
        "published": published.isoformat(),
        "source": draw(st.sampled_from(["", "Desk brief", "Ops & Risk <daily>"])),
        "language": "en",
        "synthetic": draw(st.booleans()),
        "metadata": draw(st.sampled_from([{}, {"region": "Sahel"}, {"notes": ["a", 1, None, True]}])),
        "text": text,
    }
    ids = iter(range(1, 10_000))
    by_kind: dict[str, list[str]] = {"actor": [], "location": [], "weapon": []}

    def new_id(prefix: str) -> str:
        return f"{prefix}{next(ids)}"

    raw["actors"] = []
    for _ in range(draw(st.integers(0, 4))):
        aid = new_id("a")
        by_kind["actor"].append(aid)
        raw["actors"].append({
            "id": aid, "name": draw(st.sampled_from(["Al-Shabaab", "Iraqi police", "unidentified gunmen", "ELN"])),
            "aliases": draw(st.lists(st.sampled_from(["Al Shabab", "HSM", "Ejército"]), max_size=2, unique=True)),
            "type": draw(st.sampled_from(list(ActorType))).value,
            **({"country": c} if (c := draw(st.sampled_from(COUNTRIES))) else {}),
            "mentions": _mentions(draw, text, free, 0 if free else 1),
        })
    if draw(st.booleans()):
        raw["dateline"] = {"mention": draw(spans(text, free)), "place": "Gao", "date": published.isoformat(),
                           **({"agency": "Desk"} if draw(st.booleans()) else {})}
    raw["actor_links"] = []
    if len(by_kind["actor"]) >= 2 and draw(st.booleans()):
        src, dst = draw(st.lists(st.sampled_from(by_kind["actor"]), min_size=2, max_size=2, unique=True))
        raw["actor_links"].append({"type": draw(st.sampled_from(list(ActorLinkType))).value, "source": src,
                                   "target": dst, "mentions": _mentions(draw, text, free, 0)})
    raw["locations"] = []
    for _ in range(draw(st.integers(0, 3))):
        lid = new_id("l")
        by_kind["location"].append(lid)
        loc: dict[str, Any] = {
            "id": lid, "name": draw(st.sampled_from(["Gao", "Kharkiv", "Mogadishu", "Tumaco"])),
            "precision": draw(st.sampled_from(list(LocationPrecision))).value,
            "mentions": _mentions(draw, text, free, 0 if free else 1),
        }
        if draw(st.booleans()):
            loc.update(country="ML", admin1="Gao", coordinates={"lat": 16.27, "lon": -0.04}, gazetteer_id="geonames:2457161")
        raw["locations"].append(loc)
    raw["times"] = []
    time_ids = []
    for _ in range(draw(st.integers(0, 2))):
        tid = new_id("t")
        time_ids.append(tid)
        start = published - dt.timedelta(days=draw(st.integers(0, 400)))
        end = start + dt.timedelta(days=draw(st.integers(0, 30)))
        tm: dict[str, Any] = {
            "id": tid, "value": {"start": start.isoformat(), "end": end.isoformat(),
                                 "precision": draw(st.sampled_from(list(DatePrecision))).value},
            "relative": draw(st.booleans()), "mentions": _mentions(draw, text, free, 0 if free else 1),
        }
        if tm["relative"] and draw(st.booleans()):
            anchors = ["published"] + (["dateline"] if "dateline" in raw else []) + (["time"] if len(time_ids) > 1 else [])
            tm["anchor"] = draw(st.sampled_from(anchors))
            if tm["anchor"] == "time":
                tm["anchor_ref"] = time_ids[0]
        if draw(st.booleans()):
            tm["approximate"] = True
        raw["times"].append(tm)
    raw["weapons"] = []
    for _ in range(draw(st.integers(0, 2))):
        wid = new_id("w")
        by_kind["weapon"].append(wid)
        weapon: dict[str, Any] = {"id": wid, "name": "Grad rocket", "category": draw(st.sampled_from(list(WeaponCategory))).value,
                                  "mentions": _mentions(draw, text, free, 0 if free else 1)}
        if draw(st.booleans()):
            weapon["quantity"] = draw(quantities())
        raw["weapons"].append(weapon)
    raw["events"] = []
    event_ids = []
    for _ in range(draw(st.integers(0, max_events))):
        eid = new_id("e")
        event_ids.append(eid)
        args = []
        for role in draw(st.lists(st.sampled_from(list(Role)), max_size=4)):
            fillers = [e for kind in sorted(ROLE_FILLERS[role]) for e in by_kind[kind]]
            if fillers:
                pair: dict[str, Any] = {"role": role.value, "entity": draw(st.sampled_from(fillers))}
                if any(a["role"] == pair["role"] and a["entity"] == pair["entity"] for a in args):
                    continue
                if draw(st.booleans()):
                    pair["quantity"] = draw(quantities())
                if pair["entity"] in by_kind["location"] and draw(st.booleans()):
                    relation = draw(st.sampled_from(list(SpatialRelation)))
                    pair["spatial"] = {"relation": relation.value}
                    if relation in DISTANCE_RELATIONS and draw(st.booleans()):
                        pair["spatial"]["distance_km"] = draw(st.sampled_from([0.5, 20.0, 16.1]))
                if role is Role.ATTACKER and draw(st.booleans()):
                    pair["certainty"] = draw(st.sampled_from(list(Certainty))).value
                    pair["asserted_by"] = draw(st.sampled_from(by_kind["actor"]))
                args.append(pair)
        event: dict[str, Any] = {
            "id": eid, "type": draw(st.sampled_from(list(EventType))).value,
            "modality": draw(st.sampled_from(list(Modality))).value,
            "triggers": _mentions(draw, text, free, 0 if free else 1), "arguments": args,
        }
        if time_ids and draw(st.booleans()):
            event["time"] = draw(st.sampled_from(time_ids))
        if draw(st.integers(0, 3)) == 0:
            count = draw(quantities())
            event["series"] = {"count": count, "mentions": _mentions(draw, text, free, 0)}
            if count["qualifier"] in ("at_least", "vague") and draw(st.booleans()):
                event["series"]["ordinal"] = count["low"] or 1
            if time_ids and draw(st.booleans()):
                event["series"]["time"] = draw(st.sampled_from(time_ids))
        if draw(st.booleans()):
            event["incident_id"] = draw(st.sampled_from(["inc-001", "inc-002"]))
        if profile == "prediction" and draw(st.booleans()):
            event["confidence"] = draw(st.floats(0, 1))
        raw["events"].append(event)
    raw["casualties"] = []
    # gold casualties belong to actual events only
    casualty_events = [e["id"] for e in raw["events"] if profile == "prediction" or e["modality"] == "actual"]
    if casualty_events:
        for _ in range(draw(st.integers(0, 3))):
            cid = new_id("c")
            outcome = draw(st.sampled_from(list(CasualtyOutcome)))
            total = {
                "id": cid, "event": draw(st.sampled_from(casualty_events)),
                "outcome": outcome.value,
                "count": draw(quantities()),
                "victim": {"category": draw(st.sampled_from(list(VictimCategory))).value},
                "mentions": _mentions(draw, text, free, 0 if free else 1),
            }
            others = [e for e in casualty_events if e != total["event"]]
            if others and draw(st.booleans()):
                total["also_events"] = [draw(st.sampled_from(others))]
            statuses = [s for s, outcomes in CASUALTY_STATUS_OUTCOMES.items() if outcome in outcomes]
            if statuses and draw(st.booleans()):
                total["status"] = draw(st.sampled_from(statuses)).value
            if outcome in (CasualtyOutcome.INJURED, CasualtyOutcome.KILLED_OR_INJURED) and draw(st.booleans()):
                total["severity"] = draw(st.sampled_from(list(InjurySeverity))).value
                total["descriptor"] = draw(st.sampled_from(["burns", "traumatic brain injury", "شظايا"]))
            if by_kind["actor"] and draw(st.booleans()):
                total["victim"]["actor"] = draw(st.sampled_from(by_kind["actor"]))
                total["source"] = draw(st.sampled_from(by_kind["actor"]))
            raw["casualties"].append(total)
            if draw(st.booleans()) and total["count"]["qualifier"] in ("at_least", "unspecified", "vague"):
                raw["casualties"].append({
                    "id": new_id("c"), "event": total["event"], "outcome": total["outcome"],
                    "count": {"qualifier": "exact", "low": 1, "best": 1, "high": 1},
                    "victim": {"category": "civilian", "nationality": "GB"}, "part_of": cid,
                    "mentions": _mentions(draw, text, free, 0 if free else 1),
                })
            if draw(st.integers(0, 3)) == 0:
                raw["casualties"].append({
                    "id": new_id("c"), "event": total["event"], "outcome": total["outcome"], "count": draw(quantities()),
                    draw(st.sampled_from(["revises", "disputes"])): cid,
                    "mentions": _mentions(draw, text, free, 0 if free else 1),
                })
    raw["links"] = []
    if len(event_ids) >= 2 and draw(st.booleans()):
        src, dst = draw(st.lists(st.sampled_from(event_ids), min_size=2, max_size=2, unique=True))
        raw["links"].append({"type": draw(st.sampled_from(list(EventLinkType))).value, "source": src, "target": dst})
    from eventgold.schema import parse_document

    return parse_document(raw, profile)
