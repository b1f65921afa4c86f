"""Seeded synthetic corpora from the schema: gold documents and a system's predictions for them.

Each document is a short incident report built sentence by sentence from
templates, so every mention is a real span of its text and every object, id
and reference is valid under the schema (the smoke test checks a sample with
:func:`eventgold.schema.parse_document`). The counts follow a short wire
report: two events on average (one to four), about 12 mentions, one or two
casualty records (some with a breakdown), an occasional link between events.

A prediction is the gold document with a system's typical errors: events
missed or invented, wrong types and modalities, boundaries cut short, actor
types and location precisions confused, dates and counts off. Every mention
is a sequence of whole tokens of :data:`TOKEN` (so the spans can be turned
into IOB2 tags), and no predicted span overlaps more than one gold span of
the same document (so greedy and optimal matching agree and the counts of
eventgold, nervaluate and seqeval must be identical).

>>> gold, pred = generate_pair(7, seed=0)
>>> gold["id"], gold["id"] == pred["id"], gold["text"] == pred["text"]
('syn-0000007', True, True)
>>> gold == generate_pair(7, seed=0)[0]
True

Documents are dicts in the JSON layout of :class:`eventgold.schema.Document`
(what a JSONL file holds), which is what a benchmark reads; the same seed and
index give the same pair whatever else was generated.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventgold.schema import (
    SCHEMA_VERSION,
    ActorType,
    CasualtyOutcome,
    EventType,
    LocationPrecision,
    Modality,
    VictimCategory,
    WeaponCategory,
)

Raw = dict[str, Any]

#: Tokens of the synthetic texts: words (with inner hyphens and apostrophes), numbers, single punctuation marks.
TOKEN = re.compile(r"\w[\w'\-]*|[^\w\s]")

# (canonical name, actor type, country, aliases, what a later sentence calls it)
ACTORS: tuple[tuple[str, ActorType, str | None, tuple[str, ...], str], ...] = (
    ("al-Shabaab", ActorType.NON_STATE_ARMED_GROUP, "SO", ("Harakat al-Shabaab al-Mujahideen",), "the militants"),
    ("Islamic State", ActorType.NON_STATE_ARMED_GROUP, None, ("IS", "ISIS"), "the group"),
    ("unidentified gunmen", ActorType.NON_STATE_ARMED_GROUP, None, (), "the gunmen"),
    ("JNIM", ActorType.NON_STATE_ARMED_GROUP, "ML", ("Jama'at Nusrat al-Islam wal-Muslimin",), "the jihadists"),
    ("ELN", ActorType.NON_STATE_ARMED_GROUP, "CO", ("National Liberation Army",), "the rebels"),
    ("Malian army", ActorType.STATE_MILITARY, "ML", ("FAMa",), "the soldiers"),
    ("Ukrainian armed forces", ActorType.STATE_MILITARY, "UA", (), "the troops"),
    ("Russian forces", ActorType.STATE_MILITARY, "RU", (), "the troops"),
    ("Iraqi police", ActorType.POLICE, "IQ", (), "the police"),
    ("Pakistani police", ActorType.POLICE, "PK", (), "officers"),
    ("interior ministry", ActorType.GOVERNMENT, None, (), "the ministry"),
    ("border guards", ActorType.OTHER_STATE_FORCES, None, (), "the guards"),
    ("protesters", ActorType.PROTESTERS, None, ("demonstrators",), "the crowd"),
    ("rioters", ActorType.RIOTERS, None, (), "the mob"),
    ("villagers", ActorType.CIVILIANS, None, ("residents",), "locals"),
    ("UN peacekeepers", ActorType.INTERNATIONAL_FORCES, None, ("MINUSMA",), "the mission"),
    ("US embassy", ActorType.DIPLOMATIC_MISSION, "US", (), "the embassy"),
)

# (name, country, admin1, latitude, longitude, precision)
PLACES: tuple[tuple[str, str, str, float, float, LocationPrecision], ...] = (
    ("Gao", "ML", "Gao", 16.27, -0.04, LocationPrecision.EXACT),
    ("Kidal", "ML", "Kidal", 18.44, 1.41, LocationPrecision.EXACT),
    ("Mopti region", "ML", "Mopti", 14.49, -4.19, LocationPrecision.REGION),
    ("Mogadishu", "SO", "Banaadir", 2.04, 45.34, LocationPrecision.EXACT),
    ("Beledweyne", "SO", "Hiran", 4.74, 45.2, LocationPrecision.EXACT),
    ("Kharkiv", "UA", "Kharkiv Oblast", 49.99, 36.23, LocationPrecision.EXACT),
    ("Zaporizhzhia Oblast", "UA", "Zaporizhzhia Oblast", 47.5, 35.5, LocationPrecision.REGION),
    ("Mosul", "IQ", "Nineveh", 36.34, 43.13, LocationPrecision.EXACT),
    ("Anbar province", "IQ", "Anbar", 33.4, 42.0, LocationPrecision.REGION),
    ("Peshawar", "PK", "Khyber Pakhtunkhwa", 34.01, 71.58, LocationPrecision.EXACT),
    ("North Waziristan", "PK", "Khyber Pakhtunkhwa", 32.98, 70.13, LocationPrecision.DISTRICT),
    ("Cauca", "CO", "Cauca", 2.5, -76.6, LocationPrecision.REGION),
    ("Tumaco", "CO", "Nariño", 1.8, -78.76, LocationPrecision.EXACT),
    ("Sagaing", "MM", "Sagaing", 21.88, 95.98, LocationPrecision.EXACT),
)

#: Per event type: trigger phrases with the verb (or sentence pattern) that carries them.
#: ``{A}`` attacker or author, ``{T}`` trigger, ``{P}`` place; victims and counts follow in their own clause.
TRIGGERS: dict[EventType, tuple[tuple[str, str], ...]] = {
    EventType.AIR_DRONE_STRIKE: (("drone strike", "A {T} by {A} hit {P}"), ("air strike", "An {T} by {A} hit {P}")),
    EventType.SHELLING_MISSILE_ATTACK: (("shelled", "{A} {T} {P}"), ("rocket attack", "A {T} by {A} struck {P}")),
    EventType.REMOTE_EXPLOSIVE: (("roadside bomb", "A {T} planted by {A} exploded in {P}"),
                                 ("IED", "An {T} laid by {A} went off near {P}")),
    EventType.SUICIDE_BOMB: (("suicide bomber", "A {T} sent by {A} blew himself up in {P}"),),
    EventType.ARMED_CLASH: (("clashed", "{A} {T} with rival fighters near {P}"), ("fighting", "Heavy {T} involving {A} was reported near {P}")),
    EventType.ATTACK: (("attacked", "{A} {T} a convoy in {P}"), ("raid", "A {T} by {A} targeted a market in {P}")),
    EventType.ABDUCTION: (("abducted", "{A} {T} travellers near {P}"), ("kidnapping", "A {T} by {A} was reported in {P}")),
    EventType.PROTEST: (("protested", "{A} {T} against fuel prices in {P}"), ("march", "A {T} led by {A} crossed {P}")),
    EventType.RIOT: (("rioted", "{A} {T} and burned shops in {P}"),),
    EventType.MOB_VIOLENCE: (("lynched", "{A} {T} a suspected thief in {P}"),),
    EventType.SECURITY_ALERT: (("warned", "{A} {T} of a heightened threat in {P}"), ("alert", "{A} issued an {T} for {P}")),
    EventType.SECURITY_MEASURE: (("curfew", "{A} imposed a {T} on {P}"), ("closed", "{A} {T} the roads into {P}")),
    EventType.ARREST: (("arrested", "{A} {T} several suspects in {P}"), ("detained", "{A} {T} a local official in {P}")),
    EventType.DEPLOYMENT: (("deployed", "{A} {T} reinforcements to {P}"),),
    EventType.STATEMENT: (("claimed", "{A} {T} responsibility for an operation in {P}"),
                          ("said", "{A} {T} the situation in {P} was under control")),
}

VIOLENT = frozenset(t for t in EventType if t in {
    EventType.AIR_DRONE_STRIKE, EventType.SHELLING_MISSILE_ATTACK, EventType.REMOTE_EXPLOSIVE,
    EventType.SUICIDE_BOMB, EventType.ARMED_CLASH, EventType.ATTACK, EventType.ABDUCTION, EventType.RIOT,
    EventType.MOB_VIOLENCE})
# Violent types are drawn three times as often as the others, as in a conflict feed.
#: The event types the generator writes (the 15 it has trigger patterns for) and their weights.
EVENT_TYPES = list(TRIGGERS)
EVENT_WEIGHTS = [3 if t in VIOLENT else 1 for t in EVENT_TYPES]

_ARMED = (ActorType.NON_STATE_ARMED_GROUP, ActorType.STATE_MILITARY, ActorType.INTERNATIONAL_FORCES)
_AUTHOR_TYPES: dict[EventType, tuple[ActorType, ...]] = {
    EventType.PROTEST: (ActorType.PROTESTERS,),
    EventType.RIOT: (ActorType.RIOTERS, ActorType.PROTESTERS),
    EventType.MOB_VIOLENCE: (ActorType.CIVILIANS, ActorType.RIOTERS),
    EventType.SECURITY_ALERT: (ActorType.DIPLOMATIC_MISSION, ActorType.GOVERNMENT),
    EventType.SECURITY_MEASURE: (ActorType.GOVERNMENT, ActorType.POLICE, ActorType.OTHER_STATE_FORCES),
    EventType.ARREST: (ActorType.POLICE, ActorType.OTHER_STATE_FORCES, ActorType.STATE_MILITARY),
    EventType.DEPLOYMENT: (ActorType.STATE_MILITARY, ActorType.INTERNATIONAL_FORCES, ActorType.POLICE),
    EventType.STATEMENT: (ActorType.NON_STATE_ARMED_GROUP, ActorType.GOVERNMENT, ActorType.STATE_MILITARY),
}
#: Who plausibly carries out (or announces) each event type.
AUTHORS: dict[EventType, tuple[tuple[str, ActorType, str | None, tuple[str, ...], str], ...]] = {
    t: tuple(a for a in ACTORS if a[1] in _AUTHOR_TYPES.get(t, _ARMED)) for t in EventType
}

WEAPONS: tuple[tuple[str, WeaponCategory], ...] = (
    ("Grad rockets", WeaponCategory.ROCKET), ("mortar rounds", WeaponCategory.ARTILLERY),
    ("rifles", WeaponCategory.FIREARM), ("a drone", WeaponCategory.DRONE), ("a car bomb", WeaponCategory.EXPLOSIVE),
)

VICTIMS: tuple[tuple[str, VictimCategory], ...] = (
    ("civilians", VictimCategory.CIVILIAN), ("soldiers", VictimCategory.MILITARY),
    ("police officers", VictimCategory.POLICE), ("fighters", VictimCategory.MILITANT),
    ("people", VictimCategory.UNKNOWN),
)

OUTCOMES: dict[EventType, tuple[CasualtyOutcome, ...]] = {
    EventType.ABDUCTION: (CasualtyOutcome.ABDUCTED, CasualtyOutcome.MISSING),
    EventType.ARREST: (CasualtyOutcome.ARRESTED,),
}
KILLED_OR_INJURED = (CasualtyOutcome.KILLED, CasualtyOutcome.KILLED, CasualtyOutcome.INJURED)
OUTCOME_WORDS = {CasualtyOutcome.KILLED: "killed", CasualtyOutcome.INJURED: "wounded",
                 CasualtyOutcome.MISSING: "missing", CasualtyOutcome.ABDUCTED: "taken",
                 CasualtyOutcome.ARRESTED: "held"}
NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")

FILLERS = (
    "Local sources described the situation as tense .",
    "Schools and markets remained shut for most of the day .",
    "Traffic on the main road resumed in the evening .",
    "The area has seen repeated unrest in recent months .",
    "Aid agencies said access remained difficult .",
)
SOURCES = ("Desk brief", "Regional monitor", "Field report", "Security digest")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass
class _Text:
    """A text built token by token, remembering where each token starts."""

    parts: list[str] = field(default_factory=list)
    length: int = 0

    def add(self, words: str) -> tuple[int, int]:
        """Append space-separated tokens (a space before ``,`` ``.`` is dropped); return the span they cover."""
        start = None
        for token in words.split(" "):
            if not token:
                continue
            if self.parts and token not in ",.":
                self.parts.append(" ")
                self.length += 1
            if start is None:
                start = self.length
            self.parts.append(token)
            self.length += len(token)
        assert start is not None  # noqa: S101 - templates always give words (generator invariant, not input)
        return start, self.length

    def text(self) -> str:
        return "".join(self.parts)


class _Builder:
    """Builds one gold document as a JSON dict."""

    def __init__(self, rng: random.Random, doc_id: str) -> None:
        self.rng = rng
        self.doc_id = doc_id
        self.text = _Text()
        self.published = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(5 * 365))
        self.actors: list[Raw] = []
        self.actor_of: dict[str, Raw] = {}
        self.locations: list[Raw] = []
        self.place_of: dict[str, Raw] = {}
        self.times: list[Raw] = []
        self.weapons: list[Raw] = []
        self.events: list[Raw] = []
        self.casualties: list[Raw] = []
        self.links: list[Raw] = []

    def span(self, words: str) -> Raw:
        start, end = self.text.add(words)
        return {"start": start, "end": end, "text": words}

    def actor(self, pick: tuple[str, ActorType, str | None, tuple[str, ...], str], words: str) -> Raw:
        name = pick[0]
        if name in self.actor_of:
            actor = self.actor_of[name]
            actor["mentions"].append(self.span(words))
            return actor
        actor = {"id": f"a{len(self.actors) + 1}", "name": name, "type": pick[1].value,
                 "mentions": [self.span(words)]}
        if pick[3]:
            actor["aliases"] = list(pick[3])
        if pick[2]:
            actor["country"] = pick[2]
        self.actors.append(actor)
        self.actor_of[name] = actor
        return actor

    def place(self, pick: tuple[str, str, str, float, float, LocationPrecision]) -> Raw:
        name = pick[0]
        if name in self.place_of:
            loc = self.place_of[name]
            loc["mentions"].append(self.span(name))
            return loc
        loc = {"id": f"l{len(self.locations) + 1}", "name": name, "country": pick[1], "admin1": pick[2],
               "coordinates": {"lat": pick[3], "lon": pick[4]}, "precision": pick[5].value,
               "mentions": [self.span(name)]}
        self.locations.append(loc)
        self.place_of[name] = loc
        return loc

    def time(self) -> Raw:
        ago = self.rng.randrange(1, 7)
        day = self.published - dt.timedelta(days=ago)
        words = WEEKDAYS[day.weekday()]
        self.text.add("on")
        return self._time(words, day, day, "day")

    def _time(self, words: str, start: dt.date, end: dt.date, precision: str) -> Raw:
        t = {"id": f"t{len(self.times) + 1}", "value": {"start": start.isoformat(), "end": end.isoformat(),
                                                         "precision": precision},
             "relative": True, "mentions": [self.span(words)]}
        self.times.append(t)
        return t

    def event_sentence(self) -> None:
        rng = self.rng
        etype = rng.choices(EVENT_TYPES, EVENT_WEIGHTS)[0]
        trigger, pattern = rng.choice(TRIGGERS[etype])
        author = rng.choice(AUTHORS[etype])
        place = rng.choice(PLACES)
        eid = f"e{len(self.events) + 1}"
        event: Raw = {"id": eid, "type": etype.value, "modality": Modality.ACTUAL.value, "triggers": [],
                      "arguments": []}
        roll = rng.random()
        if roll < 0.08:
            event["modality"] = Modality.HYPOTHETICAL.value
        elif roll < 0.12:
            event["modality"] = Modality.NEGATED.value
        elif roll < 0.15:
            event["modality"] = Modality.GENERIC.value
        actor = loc = None
        for piece in re.split(r"(\{[ATP]\})", pattern):
            if piece == "{A}":
                at_start = pattern.startswith("{A}")
                actor = self.actor(author, author[0][0].upper() + author[0][1:] if at_start else author[0])
            elif piece == "{T}":
                event["triggers"].append(self.span(trigger))
            elif piece == "{P}":
                loc = self.place(place)
            elif piece.strip():
                self.text.add(piece.strip())
        role = "attacker" if etype in VIOLENT else ("participant" if etype in {
            EventType.PROTEST, EventType.DEPLOYMENT} else "authority")
        if actor is not None:
            event["arguments"].append({"role": role, "entity": actor["id"]})
        if loc is not None:
            event["arguments"].append({"role": "place", "entity": loc["id"]})
        if rng.random() < 0.9:
            event["time"] = self.time()["id"]
        if etype in VIOLENT and rng.random() < 0.3:
            name, category = rng.choice(WEAPONS)
            self.text.add("using")
            wid = f"w{len(self.weapons) + 1}"
            self.weapons.append({"id": wid, "name": name, "category": category.value, "mentions": [self.span(name)]})
            event["arguments"].append({"role": "instrument", "entity": wid})
        self.events.append(event)
        if (etype in VIOLENT or etype in OUTCOMES) and event["modality"] == Modality.ACTUAL.value:
            self.casualty_clause(event, etype)  # casualties belong to actual events only
        else:
            self.text.add(".")

    def count(self) -> tuple[str, Raw]:
        """A count phrase and its quantity."""
        rng = self.rng
        roll = rng.random()
        n = rng.randrange(2, 13)
        word = NUMBER_WORDS[n - 2] if rng.random() < 0.6 else str(n)
        if roll < 0.6:
            return word, {"qualifier": "exact", "low": n, "best": n, "high": n}
        if roll < 0.75:
            return f"at least {word}", {"qualifier": "at_least", "low": n}
        if roll < 0.85:
            return f"about {n * 5}", {"qualifier": "approximately", "best": n * 5}
        if roll < 0.93:
            return f"between {n} and {n + 4}", {"qualifier": "range", "low": n, "high": n + 4}
        return "dozens of", {"qualifier": "vague", "low": 12}

    def casualty_clause(self, event: Raw, etype: EventType) -> None:
        rng = self.rng
        outcome = rng.choice(OUTCOMES.get(etype, KILLED_OR_INJURED))
        victim_words, category = rng.choice(VICTIMS)
        count_words, quantity = self.count()
        self.text.add(",")
        self.text.add("leaving")
        cid = f"c{len(self.casualties) + 1}"
        total: Raw = {"id": cid, "event": event["id"], "outcome": outcome.value, "count": quantity,
                      "victim": {"category": category.value}, "mentions": [self.span(f"{count_words} {victim_words}")]}
        self.text.add(OUTCOME_WORDS[outcome])
        self.casualties.append(total)
        if quantity["qualifier"] == "exact" and quantity["low"] >= 3 and rng.random() < 0.25:
            part = rng.randrange(2, quantity["low"])
            self.text.add(", including")
            self.casualties.append({
                "id": f"c{len(self.casualties) + 1}", "event": event["id"], "outcome": outcome.value,
                "count": {"qualifier": "exact", "low": part, "best": part, "high": part},
                "victim": {"category": "civilian"}, "part_of": cid,
                "mentions": [self.span(f"{NUMBER_WORDS[part - 2]} children")]})
        self.text.add(".")

    def follow_up(self) -> None:
        """A sentence that mentions an actor again (coreference), sometimes a statement event."""
        actor = self.rng.choice(self.actors)
        pick = next(a for a in ACTORS if a[0] == actor["name"])
        actor["mentions"].append(self.span(pick[4][0].upper() + pick[4][1:]))
        self.text.add("later confirmed the incident .")

    def build(self) -> Raw:
        rng = self.rng
        n_events = rng.choices((1, 2, 3, 4), (30, 40, 20, 10))[0]
        for k in range(n_events):
            self.event_sentence()
            if rng.random() < 0.5:
                self.text.add(rng.choice(FILLERS))
            if k and rng.random() < 0.25:
                self.links.append({"type": "related", "source": self.events[k]["id"],
                                   "target": self.events[k - 1]["id"]})
        if self.actors and rng.random() < 0.9:
            self.follow_up()
        self.text.add(rng.choice(FILLERS))
        doc: Raw = {"schema_version": SCHEMA_VERSION, "id": self.doc_id, "published": self.published.isoformat(), "source": rng.choice(SOURCES),
                    "language": "en", "synthetic": True, "metadata": {"generator": "benchmarks.synth"},
                    "text": self.text.text()}
        for name in ("actors", "locations", "times", "weapons", "events", "casualties", "links"):
            items = getattr(self, name)
            if items:
                doc[name] = items
        return doc


def generate_gold(index: int, *, seed: int = 0) -> Raw:
    """Gold document number ``index`` of the corpus of ``seed``."""
    return _Builder(random.Random(f"{seed}:{index}:gold"), f"syn-{index:07d}").build()


def _shrink(mention: Raw) -> None:
    """Cut a multi-token mention down to its last token (a boundary error that stays inside the gold span)."""
    tokens = list(TOKEN.finditer(mention["text"]))
    if len(tokens) < 2:
        return
    last = tokens[-1]
    mention["start"] += last.start()
    mention["text"] = last.group()
    mention["end"] = mention["start"] + len(last.group())


def predict(gold: Raw, *, seed: int = 0, index: int = 0) -> Raw:
    """A system's prediction for ``gold``: the same text, typical errors (see the module doc)."""
    rng = random.Random(f"{seed}:{index}:pred")
    pred: Raw = json.loads(json.dumps(gold))
    pred.pop("metadata", None)
    pred.pop("source", None)
    types = [t.value for t in EventType]
    dropped: set[str] = set()
    events = []
    for event in pred.get("events", []):
        if rng.random() < 0.1:
            dropped.add(event["id"])
            continue
        if rng.random() < 0.1:
            event["type"] = rng.choice([t for t in types if t != event["type"]])
        if rng.random() < 0.06:
            event["modality"] = Modality.ACTUAL.value if event["modality"] != "actual" else Modality.HYPOTHETICAL.value
        if rng.random() < 0.1:
            _shrink(event["triggers"][0])
        if event["arguments"] and rng.random() < 0.1:
            event["arguments"].pop(rng.randrange(len(event["arguments"])))
        event["confidence"] = round(0.5 + rng.random() / 2, 3)
        events.append(event)
    actor_types = [t.value for t in ActorType]
    for actor in pred.get("actors", []):
        if rng.random() < 0.1:
            actor["type"] = rng.choice([t for t in actor_types if t != actor["type"]])
        if len(actor["mentions"]) > 1 and rng.random() < 0.15:
            actor["mentions"].pop()
        if rng.random() < 0.05:
            _shrink(actor["mentions"][0])
    precisions = [p.value for p in LocationPrecision]
    for loc in pred.get("locations", []):
        if rng.random() < 0.1:
            loc["precision"] = rng.choice([p for p in precisions if p != loc["precision"]])
        if rng.random() < 0.3:
            del loc["coordinates"], loc["admin1"]
    for t in pred.get("times", []):
        if rng.random() < 0.1:
            day = dt.date.fromisoformat(t["value"]["start"]) - dt.timedelta(days=1)
            t["value"] = {"start": day.isoformat(), "end": day.isoformat(), "precision": "day"}
    casualties = []
    for cas in pred.get("casualties", []):
        if cas["event"] in dropped or cas.get("part_of") in dropped:
            continue
        count = cas["count"]
        if count["qualifier"] == "exact" and rng.random() < 0.15 and "part_of" not in cas:
            n = count["low"] + 1
            cas["count"] = {"qualifier": "exact", "low": n, "best": n, "high": n}
        if rng.random() < 0.1:
            _shrink(cas["mentions"][0])
        casualties.append(cas)
    kept = {c["id"] for c in casualties}
    for cas in casualties:
        if cas.get("part_of") not in (None, *kept):
            del cas["part_of"]
    if rng.random() < 0.15:
        events.append(_spurious_event(pred["text"], gold, rng, types))
    pred["events"] = events
    pred["casualties"] = casualties
    pred["links"] = [link for link in pred.get("links", [])
                     if link["source"] not in dropped and link["target"] not in dropped]
    return {k: v for k, v in pred.items() if v != []}


def _spurious_event(text: str, gold: Raw, rng: random.Random, types: list[str]) -> Raw:
    """An invented event whose trigger is a token that no gold mention covers."""
    covered = [(m["start"], m["end"]) for key in ("actors", "locations", "times", "weapons", "casualties")
               for obj in gold.get(key, []) for m in obj["mentions"]]
    covered += [(m["start"], m["end"]) for ev in gold.get("events", []) for m in ev["triggers"]]
    free = [m for m in TOKEN.finditer(text)
            if m.group()[0].isalpha() and not any(s < m.end() and m.start() < e for s, e in covered)]
    token = rng.choice(free)
    return {"id": "e99", "type": rng.choice(types), "modality": "actual", "confidence": round(rng.random(), 3),
            "triggers": [{"start": token.start(), "end": token.end(), "text": token.group()}], "arguments": []}


def generate_pair(index: int, *, seed: int = 0) -> tuple[Raw, Raw]:
    """Gold document number ``index`` and the prediction for it."""
    gold = generate_gold(index, seed=seed)
    return gold, predict(gold, seed=seed, index=index)


def iter_pairs(n: int, *, seed: int = 0, start: int = 0) -> Iterator[tuple[Raw, Raw]]:
    """``n`` (gold, prediction) pairs, documents ``start`` to ``start + n - 1``."""
    for index in range(start, start + n):
        yield generate_pair(index, seed=seed)


def dump(raw: Raw) -> str:
    return json.dumps(raw, ensure_ascii=False, separators=(",", ":"))


def write_corpus(gold_path: str | Path, pred_path: str | Path, n: int, *, seed: int = 0,
                 distinct: int | None = None) -> None:
    """Write ``n`` gold documents and their predictions as two JSONL files, streaming.

    With ``distinct`` only that many different documents are generated and then repeated
    under new ids (``syn-0000007`` again as ``syn-0020007``...), so very large corpora are
    written in seconds; every document is still scored in full.
    """
    pool: list[tuple[str, str]] = []
    with open(gold_path, "w", encoding="utf-8") as g, open(pred_path, "w", encoding="utf-8") as p:
        for index in range(n):
            if distinct is None or index < distinct:
                gold, pred = generate_pair(index, seed=seed)
                lines = dump(gold), dump(pred)
                if distinct is not None:
                    pool.append(lines)
            else:
                old, new = f'"id":"syn-{index % distinct:07d}"', f'"id":"syn-{index:07d}"'
                lines = tuple(line.replace(old, new, 1) for line in pool[index % distinct])  # type: ignore[assignment]
            g.write(lines[0])
            g.write("\n")
            p.write(lines[1])
            p.write("\n")
