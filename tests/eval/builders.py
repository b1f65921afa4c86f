"""Small builders for hand-written scorer fixtures: documents from phrases instead of counted offsets."""

from __future__ import annotations

import random
from typing import Any

from eventgold.schema import Document, EventType, Modality, Profile, parse_document

TEXT = (
    "Rockets struck Camp Taji near Baghdad on 11 March, killing three soldiers and wounding at least 12 others. "
    "Kata'ib Hizballah claimed the attack. Police arrested two suspects in Baghdad the next day. "
    "Further protests are likely, but no unrest was reported on Friday."
)
PUBLISHED = "2024-03-14"


def at(phrase: str, nth: int = 0, text: str = TEXT) -> dict[str, Any]:
    """A mention of the ``nth`` occurrence of ``phrase`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return {"start": start, "end": start + len(phrase), "text": phrase}


def free(phrase: str) -> dict[str, Any]:
    """A span-free mention."""
    return {"text": phrase}


def make(*, doc_id: str = "d1", text: str = TEXT, profile: str = "gold", **fields: Any) -> Document:
    """A validated document; ``fields`` are the lists of the schema (events, actors, ...)."""
    raw: dict[str, Any] = {"id": doc_id, "published": PUBLISHED, "text": text, **fields}
    return parse_document(raw, Profile(profile))


def gold_fixture() -> Document:
    """A gold document with one of everything: three events (one forecast, one negated), actors, casualties."""
    return make(
        actors=[
            {"id": "a1", "name": "Kata'ib Hizballah", "aliases": ["Kataib Hezbollah", "KH"],
             "type": "non_state_armed_group", "mentions": [at("Kata'ib Hizballah")]},
            {"id": "a2", "name": "Iraqi Army", "type": "state_military", "country": "IQ",
             "mentions": [at("three soldiers")]},
            {"id": "a3", "name": "Iraqi Police", "type": "police", "country": "IQ", "mentions": [at("Police")]},
        ],
        locations=[
            {"id": "l1", "name": "Camp Taji", "precision": "exact", "country": "IQ", "mentions": [at("Camp Taji")]},
            {"id": "l2", "name": "Baghdad", "precision": "district", "country": "IQ",
             "mentions": [at("Baghdad"), at("Baghdad", 1)]},
        ],
        times=[
            {"id": "t1", "value": {"start": "2024-03-11", "end": "2024-03-11", "precision": "day"},
             "mentions": [at("11 March")]},
            {"id": "t2", "value": {"start": "2024-03-12", "end": "2024-03-12", "precision": "day"},
             "mentions": [at("the next day")]},
        ],
        events=[
            {"id": "e1", "type": "shelling_missile_attack", "triggers": [at("struck"), at("the attack")], "time": "t1",
             "arguments": [{"role": "attacker", "entity": "a1"}, {"role": "target", "entity": "l1"},
                           {"role": "victim", "entity": "a2"}, {"role": "place", "entity": "l2"}]},
            {"id": "e2", "type": "arrest", "triggers": [at("arrested")], "time": "t2",
             "arguments": [{"role": "authority", "entity": "a3"}, {"role": "place", "entity": "l2"}]},
            {"id": "e3", "type": "protest", "modality": "hypothetical", "triggers": [at("protests")]},
            {"id": "e4", "type": "riot", "modality": "negated", "triggers": [at("unrest")]},
        ],
        casualties=[
            {"id": "c1", "event": "e1", "outcome": "killed", "count": {"qualifier": "exact", "low": 3, "best": 3, "high": 3},
             "victim": {"actor": "a2", "category": "military", "nationality": "IQ"}, "mentions": [at("three soldiers")]},
            {"id": "c2", "event": "e1", "outcome": "injured", "count": {"qualifier": "at_least", "low": 12},
             "victim": {"category": "unknown"}, "mentions": [at("at least 12 others")]},
        ],
    )


def without_spans(doc: Document) -> Document:
    """The span-free twin of a document: every mention keeps its text and loses its offsets."""
    raw = doc.model_dump(mode="json", exclude_none=True)

    def strip(node: Any) -> Any:
        if isinstance(node, dict):
            if set(node) >= {"start", "end", "text"} and len(node) == 3:
                return {"text": node["text"]}
            return {k: strip(v) for k, v in node.items()}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    return parse_document(strip(raw), Profile.PREDICTION)


def edited(doc: Document, **changes: Any) -> Document:
    """A prediction made from ``doc`` with whole top-level lists replaced."""
    raw = doc.model_dump(mode="json", exclude_none=True)
    raw.update(changes)
    return parse_document(raw, Profile.PREDICTION)


def mutate(doc: Document, seed: int) -> Document:
    """A plausible prediction: events dropped, retyped, negated; arguments and casualties dropped; renamed actors."""
    rng = random.Random(seed)
    raw: dict[str, Any] = doc.model_dump(mode="json", exclude_none=True)
    for actor in raw["actors"]:
        if actor["aliases"] and rng.random() < 0.5:
            actor["name"] = rng.choice(actor["aliases"])
        if rng.random() < 0.3:
            actor["type"] = "unknown"
    kept = []
    for ev in raw["events"]:
        if rng.random() < 0.2:
            continue
        if rng.random() < 0.3:
            ev["type"] = rng.choice(list(EventType)).value
        if rng.random() < 0.3:
            ev["modality"] = rng.choice(list(Modality)).value
        ev["arguments"] = [a for a in ev["arguments"] if rng.random() < 0.7]
        kept.append(ev)
    raw["events"] = kept
    ids = {ev["id"] for ev in kept}
    raw["casualties"] = [c for c in raw["casualties"] if c["event"] in ids and "part_of" not in c]
    kept_casualties = {c["id"] for c in raw["casualties"]}
    for c in raw["casualties"]:
        c["also_events"] = [e for e in c.get("also_events", []) if e in ids]
        for field in ("revises", "disputes"):
            if c.get(field) not in kept_casualties:
                c.pop(field, None)
        if rng.random() < 0.3:
            c["count"] = {"qualifier": "exact", "low": 4, "best": 4, "high": 4}
    raw["links"] = [lk for lk in raw["links"] if lk["source"] in ids and lk["target"] in ids]
    return parse_document(raw, Profile.PREDICTION)


def as_gold(pred: Document) -> dict[str, Any]:
    """A mutated prediction as raw JSON acceptable as gold: casualties only on actual events (guidelines G10)."""
    raw = pred.model_dump(mode="json", exclude_none=True)
    actual = {ev["id"] for ev in raw["events"] if ev.get("modality", "actual") == "actual"}
    raw["casualties"] = [c for c in raw["casualties"] if c["event"] in actual]
    return raw


def corpus(n: int = 12) -> tuple[list[Document], list[Document]]:
    """``n`` gold documents (the fixture under different ids, some with a casualty dropped) and mutated predictions."""
    golds, preds = [], []
    for i in range(n):
        raw = gold_fixture().model_dump(mode="json", exclude_none=True)
        raw["id"] = f"doc-{i:03d}"
        if i % 3 == 0:
            raw["casualties"] = raw["casualties"][:1]
        gold = parse_document(raw, Profile.GOLD)
        golds.append(gold)
        preds.append(mutate(gold, i))
    return golds, preds


def write_jsonl(path: Any, docs: list[Document]) -> Any:
    from eventgold.schema import write_documents

    write_documents(path, docs)
    return path
