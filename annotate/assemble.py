"""Stages 2-7 of reading an export: regions and relation facts become the objects of one document.

Each stage is a function over the :class:`~.results.Reading` of one
annotation, run in the order of :data:`STAGES`:

1. :func:`join`: the regions joined by ``same_as`` become one object each
   (the earlier region is the head, so objects keep result order);
2. :func:`name`: an object keeps the id its regions were written with
   (``a1-m0`` is a mention of ``a1``); objects an annotator created get the
   next free ``a1``, ``e1``, ... id of their kind;
3. :func:`build`: the attributes of an object's regions are merged (values
   given on several regions must agree) and put at each control's schema
   path (:data:`~.scheme.CONTROLS`);
4. :func:`relate`: relation facts fill references (slots), series phrases,
   arguments (with their qualifiers and details) and links;
5. :func:`complete`: empty controls take their defaults (a canonical name is
   the text of the first mention, a modality ``actual``, a last day the first
   day, ...); required values, references and links that are missing are
   errors;
6. :func:`place`: objects go into the document lists, in order.

Stages 4 and 5 end by stopping the task when they found problems.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from eventgold.schema import TimeAnchor

from .results import Fact, Reading, Region, rel_at
from .scheme import (
    ALWAYS_THERE,
    CONTROLS_BY_KIND,
    EVENT_LABELS,
    ID_PREFIXES,
    KIND_FIELDS,
    MENTION_FIELDS,
    NOUNS,
    QUALIFIERS,
    SLOTS,
    Derived,
    Kind,
    object_id_of,
)

#: JSON path of a part of the built document -> (where in Label Studio, offsets)
Origins = dict[str, tuple[str, tuple[int, int] | None]]


@dataclass(slots=True)
class Obj:
    """One object (or structural thing: a detail, a series phrase, the dateline, an actor link) being built."""

    kind: Kind
    regions: list[Region]
    id: str = ""
    raw: dict[str, Any] = field(default_factory=dict)
    #: A detail taken by an argument, a series phrase linked to its event.
    used: bool = False
    #: Where an actor link stands among the document's actor links (the index of its first relation).
    pos: int = -1
    #: An event's arguments: the relation (or detail region) each came from, for messages.
    arg_at: list[Region | dict[str, Any]] = field(default_factory=list)

    @property
    def head(self) -> Region:
        return self.regions[0]

    @property
    def name(self) -> str:
        return f"{NOUNS[self.kind]} {self.id!r}"


def join(r: Reading) -> None:
    """Group the regions joined by ``same_as`` into objects, in the order of their first region."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    for f in r.facts:
        if f.rule.meaning == "coref":
            ra, rb = find(f.a.rid), find(f.b.rid)
            if ra != rb:  # keep the earlier region as the root so objects keep result order
                if r.regions[ra].index < r.regions[rb].index:
                    parent[rb] = ra
                else:
                    parent[ra] = rb
    objects: dict[str, Obj] = {}
    owner: dict[str, Obj] = {}
    for rid, region in r.regions.items():
        root = find(rid) if parent else rid
        obj = objects.get(root)
        if obj is None:
            obj = objects[root] = Obj(region.kind, [region])
        else:
            obj.regions.append(region)
        owner[rid] = obj
    r.objects = list(objects.values())
    r.owner = owner


def name(r: Reading) -> None:
    """Give each object the id its regions were written with, or the next free id of its kind."""
    claimed: set[str] = set()
    fresh: list[Obj] = []
    for obj in r.objects:
        if obj.kind not in ID_PREFIXES:
            obj.id = obj.head.rid
            continue
        for region in obj.regions:
            cand = object_id_of(region.rid, obj.kind)
            if cand is not None and cand not in claimed:
                obj.id = cand
                claimed.add(cand)
                break
        else:
            fresh.append(obj)
    counters = dict.fromkeys(Kind, 0)
    for obj in fresh:
        prefix = ID_PREFIXES[obj.kind]
        while True:
            counters[obj.kind] += 1
            cand = f"{prefix}{counters[obj.kind]}"
            if cand not in claimed:
                break
        obj.id = cand
        claimed.add(cand)


#: Control name -> where its value goes in the object.
_PATHS: dict[str, tuple[str, ...]] = {c.name: c.path for kind in Kind for c in CONTROLS_BY_KIND[kind]}


def build(r: Reading) -> None:
    """Merge each object's attribute values and put them at their schema paths, with the object's mentions."""
    text = r.text
    for obj in r.objects:
        first = obj.head
        if len(obj.regions) == 1:
            values = first.attrs
        else:
            values = _merged(r, obj)
        kind = obj.kind
        raw: dict[str, Any] = {"id": obj.id} if kind in KIND_FIELDS else {}
        for key, value in values.items():
            path = _PATHS[key]
            if len(path) == 1:
                raw[path[0]] = value
            else:
                holder = raw
                for part in path[:-1]:
                    holder = holder.setdefault(part, {})
                holder[path[-1]] = value
        if kind is Kind.EVENT:
            raw["type"] = EVENT_LABELS[first.label].value
            raw["arguments"] = []
            scores = [x.score for x in obj.regions if x.score is not None]
            if scores:
                raw["confidence"] = scores[0]
        mentions = [{"start": x.start, "end": x.end, "text": text[x.start:x.end]} for x in obj.regions]
        if kind in MENTION_FIELDS:
            raw[MENTION_FIELDS[kind]] = mentions
        elif kind is Kind.DATELINE:
            raw["mention"] = mentions[0]
        elif kind is Kind.SERIES:
            raw = mentions[0]
        obj.raw = raw


def _merged(r: Reading, obj: Obj) -> dict[str, Any]:
    """The attribute values of an object's regions; values given on several regions must agree."""
    merged: dict[str, tuple[Any, Region]] = {}
    for region in obj.regions:
        for key, value in region.attrs.items():
            seen = merged.get(key)
            if seen is None:
                merged[key] = (value, region)
            elif seen[0] != value:
                r.fail("mentions of one object disagree", f"{key} is {_show(seen[0])} on {seen[1].at} but "
                       f"{_show(value)} on {region.at}, and both are mentions of {obj.name}",
                       "Set the attribute on one mention only, or make the values agree", region.at,
                       span=(region.start, region.end))
    first = obj.head
    if obj.kind is Kind.EVENT:
        types = {x.label for x in obj.regions}
        if len(types) > 1:
            r.fail("triggers of one event have different types", f"event {obj.id!r} has triggers labelled "
                   f"{', '.join(sorted(types))}", "Label every trigger of one event with the same type, or remove the "
                   "same_as relation", first.at, span=(first.start, first.end))
        scores = {x.score for x in obj.regions if x.score is not None}
        if len(scores) > 1:
            r.fail("triggers of one event have different scores", f"event {obj.id!r} has scores {sorted(scores)}",
                   "Give the event one score", first.at, span=(first.start, first.end))
    return {key: value for key, (value, _) in merged.items()}


def relate(r: Reading) -> None:
    """Apply the relation facts: references first (a detail's entity is needed by its argument), then the rest."""
    owner = r.owner
    series: dict[int, list[Obj]] = {}
    for k, f in enumerate(r.facts):
        meaning = f.rule.meaning
        if meaning == "slot":
            a = owner[f.a.rid]
            _slot(r, f, a, owner[f.b.rid])
            if a.pos < 0:
                a.pos = k
        elif meaning == "member":
            phrase, event = owner[f.a.rid], owner[f.b.rid]
            if phrase.used:
                r.fail("series phrase of two events", f"{phrase.name} is linked series_of to two events",
                       "Keep one series_of relation", rel_at(f.item))
                continue
            phrase.used = True
            series.setdefault(id(event), [event]).append(phrase)
    for event, *phrases in series.values():
        part = event.raw.setdefault("series", {})
        part["mentions"] = [p.raw for p in sorted(phrases, key=lambda p: p.head.index)]
    for k, f in enumerate(r.facts):
        meaning = f.rule.meaning
        if meaning == "argument":
            _argument(r, f, owner[f.a.rid], owner[f.b.rid])
        elif meaning == "link":
            link = {"type": f.rule.label, "source": owner[f.a.rid].id, "target": owner[f.b.rid].id}
            if f.rule.field == "links":
                r.links.append((link, rel_at(f.item), None))
            else:
                r.actor_links.append((k, link, rel_at(f.item), None))
    r.check()


def _slot(r: Reading, f: Fact, a: Obj, b: Obj) -> None:
    rule = f.rule
    holder = a.raw
    for part in rule.path[:-1]:
        holder = holder.setdefault(part, {})
    key = rule.path[-1]
    if rule.many:
        holder.setdefault(key, []).append(b.id)
        return
    current = holder.get(key)
    if current is not None and current != b.id:
        r.fail("one value linked twice", f"{a.name} has two {rule.label} links: {current!r} and {b.id!r}",
               "Keep one of the two relations", rel_at(f.item))
        return
    holder[key] = b.id


def _argument(r: Reading, f: Fact, event: Obj, b: Obj) -> None:
    """Add the argument of a role relation to its event: to the entity, or through a detail region."""
    if b.kind is Kind.DETAIL:
        if b.used:
            r.fail("argument detail of two arguments", f"{b.name} is the object of two role relations; a detail "
                   "belongs to one argument", "Give each argument its own detail region", rel_at(f.item))
            return
        b.used = True
        arg = b.raw
        arg["role"] = f.rule.label
        at: Region | dict[str, Any] = b.head
    else:
        arg = {"role": f.rule.label, "entity": b.id}
        at = f.item
    for q, value in f.qualifiers:
        holder = arg
        for part in q.path[:-1]:
            holder = holder.setdefault(part, {})
        holder[q.path[-1]] = value
    entity, certainty = arg.get("entity"), arg.get("certainty")
    if entity is not None:
        for other in event.raw["arguments"]:
            if other["role"] == arg["role"] and other.get("entity") == entity and other.get("certainty") == certainty:
                what = f"{arg['role']} {entity!r}" + (f" ({certainty})" if certainty is not None else "")
                r.fail("argument given twice", f"event {event.id!r} already has {what}", "Delete the repeated relation",
                       rel_at(f.item))
                return
    event.raw["arguments"].append(arg)
    event.arg_at.append(at)


def _a(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


@dataclass(frozen=True)
class _Fill:
    """What :func:`complete` does for one control: where its value sits, and its default or its message."""

    part: tuple[str, ...]
    key: str
    default: Any
    what: str
    hint: str


def _fills(kind: Kind) -> tuple[_Fill, ...]:
    """The controls of ``kind`` that have a default or are required (the others need nothing when empty)."""
    out = []
    for c in CONTROLS_BY_KIND[kind]:
        if c.default is None and not c.required:
            continue
        optional = _optional_part(kind, c.path)
        what = c.missing or (f"has {_a(optional[-1])} but no {c.what}" if optional else f"has no {c.what}")
        out.append(_Fill(c.path[:-1], c.path[-1], c.default, what,
                         c.missing_hint or f"Select the region and fill in '{c.caption}'"))
    return tuple(out)


def _optional_part(kind: Kind, path: tuple[str, ...]) -> tuple[str, ...]:
    """The outermost optional part a control sits in (``("quantity",)`` for a weapon's qualifier), or ()."""
    for k in range(1, len(path)):
        if (kind, path[:k]) not in ALWAYS_THERE:
            return path[:k]
    return ()


_FILLS: dict[Kind, tuple[_Fill, ...]] = {kind: _fills(kind) for kind in Kind}
#: Anchors that name the time or event they count from (an ``anchor`` relation).
_ANCHORS_WITH_REF = frozenset({TimeAnchor.TIME.value, TimeAnchor.EVENT.value})
_REQUIRED_SLOTS: dict[Kind, tuple[Any, ...]] = {
    kind: tuple(rule for rule in SLOTS[kind] if rule.required) for kind in Kind}


def complete(r: Reading) -> None:
    """Fill the defaults of empty controls; report required values, references and links that are missing."""
    for obj in r.objects:
        kind = obj.kind
        raw = obj.raw
        for fill in _FILLS[kind]:
            holder = _part(raw, kind, fill.part) if fill.part else raw
            if holder is None or holder.get(fill.key) is not None:
                continue
            default = fill.default
            if default is None:
                _missing(r, obj, fill.what, fill.hint)
            elif default is Derived.FIRST_MENTION:
                holder[fill.key] = raw[MENTION_FIELDS[kind]][0]["text"]
            elif default is Derived.START:
                holder[fill.key] = holder.get("start")
            else:
                holder[fill.key] = list(default) if isinstance(default, tuple) else default
        for rule in _REQUIRED_SLOTS[kind]:
            if (not obj.used) if rule.meaning == "member" else _value(raw, rule.path) is None:
                _missing(r, obj, rule.missing, rule.missing_hint)
        if kind is Kind.TIME and raw.get("anchor") in _ANCHORS_WITH_REF and raw.get("anchor_ref") is None:
            _missing(r, obj, f"counts from {_a(raw['anchor'])} but has no anchor relation",
                     f"Draw an anchor relation from the time to the {raw['anchor']} it counts from")
        if kind is Kind.DETAIL:
            if not obj.used:
                _missing(r, obj, "is not linked to an event", "Draw the role relation (attacker, place, ...) from the "
                         "event's trigger to the detail, or delete the detail")
            for q in QUALIFIERS:
                holder = _value(raw, q.path[:-1])
                if q.required and isinstance(holder, dict) and holder.get(q.path[-1]) is None:
                    _missing(r, obj, q.missing, q.missing_hint)
    r.check()


def _missing(r: Reading, obj: Obj, what: str, hint: str) -> None:
    head = obj.head
    r.fail(f"{NOUNS[obj.kind]} {what}", f"{obj.name} {what}", hint, head.at, span=(head.start, head.end))


def _part(raw: dict[str, Any], kind: Kind, part: tuple[str, ...]) -> dict[str, Any] | None:
    """The dict at ``part`` of an object, made when the schema always has it; None when that optional part is absent."""
    holder = raw
    for k in range(len(part)):
        nxt = holder.get(part[k])
        if nxt is None:
            if (kind, part[:k + 1]) not in ALWAYS_THERE:
                return None
            nxt = holder[part[k]] = {}
        holder = nxt
    return holder


def _value(raw: dict[str, Any], path: tuple[str, ...]) -> Any:
    node: Any = raw
    for part in path:
        node = node.get(part) if isinstance(node, dict) else None
    return node


def place(r: Reading) -> None:
    """Put the objects into the document body, each list in order."""
    body: dict[str, Any] = {f: [] for f in KIND_FIELDS.values()}
    phrase_links: list[Obj] = []
    datelines: list[Obj] = []
    for obj in r.objects:
        field_name = KIND_FIELDS.get(obj.kind)
        if field_name is not None:
            body[field_name].append(obj.raw)
        elif obj.kind is Kind.ACTOR_LINK:
            phrase_links.append(obj)
        elif obj.kind is Kind.DATELINE:
            datelines.append(obj)
    if len(datelines) > 1:
        second = datelines[1].head
        r.fail("two datelines", f"{second.at} is a second dateline; a report has one",
               "Delete one of the dateline regions", second.at, span=(second.start, second.end))
        r.check()
    if datelines:
        body["dateline"] = datelines[0].raw
    for obj in phrase_links:
        r.actor_links.append((obj.pos, obj.raw, obj.head.at, (obj.head.start, obj.head.end)))
    r.actor_links.sort(key=lambda x: x[0])
    body["actor_links"] = [link for _, link, _, _ in r.actor_links]
    body["links"] = [link for link, _, _ in r.links]
    r.body = body


STAGES = (join, name, build, relate, complete, place)


def origins(r: Reading) -> Origins:
    """Where each part of the built document came from, by JSON path (made only when a problem needs it)."""
    out: Origins = {}
    counts = dict.fromkeys(KIND_FIELDS.values(), 0)
    for obj in r.objects:
        head = obj.head
        field_name = KIND_FIELDS.get(obj.kind)
        if field_name is not None:
            path = f"{field_name}[{counts[field_name]}]"
            counts[field_name] += 1
            out[path] = (head.at, (head.start, head.end))
            for j, at in enumerate(obj.arg_at):
                out[f"{path}.arguments[{j}]"] = (at.at, (at.start, at.end)) if isinstance(at, Region) else (
                    rel_at(at), None)
        elif obj.kind is Kind.DATELINE:
            out["dateline"] = (head.at, (head.start, head.end))
    for j, (_, at, span) in enumerate(r.links):
        out[f"links[{j}]"] = (at, span)
    for j, (_, _, at, span) in enumerate(r.actor_links):
        out[f"actor_links[{j}]"] = (at, span)
    return out


def _show(value: Any) -> str:
    return repr(value.isoformat() if isinstance(value, dt.date) else value)
