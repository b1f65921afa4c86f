"""Validation of whole documents under the gold or the prediction profile.

Pydantic checks each object on its own (types, vocabularies, intervals); the
rules here need the whole document: offsets against the text, references
between objects, duplicate ids, evidence required by the gold profile.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import ValidationError

from .errors import DataError, Problem
from .model import Document, Mention
from .strict_json import describe_json
from .vocab import ROLE_FILLERS, EventLinkType, Profile

_MENTION_OWNERS = ("actors", "locations", "times", "weapons", "casualties")


def json_path(loc: tuple[int | str, ...]) -> str:
    """Render a pydantic location tuple as a JSON path: ``events[2].triggers[0].start``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def problems_from_pydantic(exc: ValidationError, raw: Any = None) -> list[Problem]:
    """Turn a pydantic ``ValidationError`` into located problems."""
    problems = []
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
        msg = err["msg"]
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        if err["type"] == "enum":
            expected = err.get("ctx", {}).get("expected", "")
            msg = f"{err['input']!r} is not allowed here; expected {expected}"
        if err["type"] in _STRICT_TYPES:
            msg = f"{msg}, not {describe_json(err.get('input'))}"
        hint = _hint_for(err["type"], loc)
        span = _span_at(raw, loc)
        problems.append(Problem(msg, hint, path=json_path(loc) or None, span=span))
    return problems


def _hint_for(kind: str, loc: tuple[int | str, ...]) -> str:
    if kind == "extra_forbidden":
        return "Remove the field, or check its spelling against docs/format.md"
    if kind == "missing":
        return "Add the field; docs/format.md lists the required fields"
    if kind == "enum":
        return "Use one of the listed values (eventgold schema prints them all)"
    if kind in _STRICT_TYPES:
        return _STRICT_TYPES[kind]
    return "See docs/format.md for this field"


#: Type errors of pydantic's strict JSON mode, and their fix.
_STRICT_TYPES = {
    "int_type": "Write a JSON integer such as 8 (not \"8\", 8.0 or true)",
    "bool_type": "Write true or false (not \"true\", 1 or \"yes\")",
    "float_type": "Write a JSON number such as 0.5 (not \"0.5\")",
    "string_type": "Write a JSON string in double quotes",
}


def _span_at(raw: Any, loc: tuple[int | str, ...]) -> tuple[int, int] | None:
    """Offsets of the mention an error sits in, when the raw data has them."""
    node = raw
    best = None
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and type(node.get("start")) is int and type(node.get("end")) is int:
            best = (node["start"], node["end"])
    return best


def iter_mentions(doc: Document) -> Iterator[tuple[str, Mention]]:
    """Every mention in the document with its JSON path."""
    for field in _MENTION_OWNERS:
        for i, obj in enumerate(getattr(doc, field)):
            for j, m in enumerate(obj.mentions):
                yield f"{field}[{i}].mentions[{j}]", m
    for i, ev in enumerate(doc.events):
        for j, m in enumerate(ev.triggers):
            yield f"events[{i}].triggers[{j}]", m


def check_document(doc: Document, profile: Profile | str = Profile.GOLD) -> list[Problem]:
    """Return every problem of a parsed document under ``profile``; empty when valid."""
    profile = Profile(profile)
    problems: list[Problem] = []

    def add(message: str, hint: str, path: str, span: tuple[int, int] | None = None) -> None:
        problems.append(Problem(message, hint, doc_id=doc.id, path=path, span=span))

    n = len(doc.text)
    for path, m in iter_mentions(doc):
        if m.start is None or m.end is None:
            if profile is Profile.GOLD:
                add("gold mentions need offsets", "Add start and end (Python string indices into text)", path)
            continue
        span = (m.start, m.end)
        if m.end > n:
            add(f"end {m.end} is past the end of the text (length {n})", "Check the offsets: [start, end) in code points", path, span)
            continue
        covered = doc.text[m.start:m.end]
        if covered != m.text:
            add(f"stored text {m.text!r} does not match text[{m.start}:{m.end}] = {covered!r}",
                "Fix the offsets or the stored text; offsets are Python string indices, end exclusive", path, span)

    kinds: dict[str, str] = {}
    paths: dict[str, str] = {}
    for field, kind in (("actors", "actor"), ("locations", "location"), ("times", "time"), ("weapons", "weapon"),
                        ("events", "event"), ("casualties", "casualty")):
        for i, obj in enumerate(getattr(doc, field)):
            path = f"{field}[{i}].id"
            if obj.id in kinds:
                add(f"duplicate id {obj.id!r} (first used at {paths[obj.id]})", "Give every object its own id", path)
                continue
            kinds[obj.id] = kind
            paths[obj.id] = path

    def ref(value: str | None, allowed: set[str] | frozenset[str], path: str) -> None:
        if value is None:
            return
        kind = kinds.get(value)
        if kind is None:
            add(f"reference {value!r} points to no object", "Use the id of an object defined in this document", path)
        elif kind not in allowed:
            wanted = " or ".join(sorted(allowed))
            add(f"reference {value!r} is {_a(kind)}, expected {wanted}", f"Point to the id of {_a(wanted)}", path)

    for i, ev in enumerate(doc.events):
        ref(ev.time, {"time"}, f"events[{i}].time")
        seen_args: set[tuple[str, str]] = set()
        for j, arg in enumerate(ev.arguments):
            ref(arg.entity, ROLE_FILLERS[arg.role], f"events[{i}].arguments[{j}].entity")
            key = (arg.role.value, arg.entity)
            if key in seen_args:
                add(f"argument {arg.role.value} -> {arg.entity!r} is listed twice", "Remove the repeated argument",
                    f"events[{i}].arguments[{j}]")
            seen_args.add(key)
        if profile is Profile.GOLD and not ev.triggers:
            add("gold event has no trigger mention", "Add at least one trigger span", f"events[{i}].triggers")
        if profile is Profile.GOLD and ev.confidence is not None:
            add("gold events carry no confidence", "Remove confidence (it is for predictions)", f"events[{i}].confidence")

    by_id = {c.id: c for c in doc.casualties}
    for i, cas in enumerate(doc.casualties):
        ref(cas.event, {"event"}, f"casualties[{i}].event")
        ref(cas.victim.actor, {"actor"}, f"casualties[{i}].victim.actor")
        ref(cas.source, {"actor"}, f"casualties[{i}].source")
        ref(cas.part_of, {"casualty"}, f"casualties[{i}].part_of")
        if cas.part_of is not None and cas.part_of in by_id:
            total = by_id[cas.part_of]
            if total.id == cas.id or _breakdown_cycle(cas.id, by_id):
                add(f"part_of chain from {cas.id!r} loops back on itself", "A breakdown must point to its total, not to itself",
                    f"casualties[{i}].part_of")
            elif total.outcome != cas.outcome or total.event != cas.event:
                add(f"breakdown {cas.id!r} ({cas.outcome.value}, event {cas.event!r}) differs from its total {total.id!r} "
                    f"({total.outcome.value}, event {total.event!r})",
                    "A breakdown shares its total's event and outcome", f"casualties[{i}].part_of")
    for total in doc.casualties:
        parts = [c for c in doc.casualties if c.part_of == total.id]
        if parts and total.count.high is not None:
            floor = sum(p.count.low or 0 for p in parts)
            if floor > total.count.high:
                idx = doc.casualties.index(total)
                add(f"breakdowns of {total.id!r} add up to at least {floor}, more than its high bound {total.count.high}",
                    "Check the counts of the total and its parts", f"casualties[{idx}].count")

    seen_links: set[tuple[str, str, str]] = set()
    for i, link in enumerate(doc.links):
        link_key = (link.type.value, link.source, link.target)
        if link_key in seen_links:
            add(f"link {link.source!r} {link.type.value} {link.target!r} is listed twice", "Remove the repeated link",
                f"links[{i}]")
        seen_links.add(link_key)
        ref(link.source, {"event"}, f"links[{i}].source")
        ref(link.target, {"event"}, f"links[{i}].target")
        if link.source == link.target:
            add(f"event {link.source!r} is linked to itself", "Link two different events", f"links[{i}]")
    problems.extend(_part_of_cycles(doc))

    if profile is Profile.GOLD:
        for field in _MENTION_OWNERS:
            for i, obj in enumerate(getattr(doc, field)):
                if not obj.mentions:
                    add(f"gold {field[:-1] if field != 'casualties' else 'casualty'} {obj.id!r} has no evidence mention",
                        "Add the span(s) of text it comes from", f"{field}[{i}].mentions")
    return problems


def _breakdown_cycle(start: str, by_id: dict[str, Any]) -> bool:
    seen = {start}
    cur = by_id[start].part_of
    while cur is not None and cur in by_id:
        if cur in seen:
            return True
        seen.add(cur)
        cur = by_id[cur].part_of
    return False


def _part_of_cycles(doc: Document) -> list[Problem]:
    """A problem for each part_of link that closes a cycle among events (an event cannot contain itself)."""
    parent: dict[str, list[str]] = {}
    problems = []
    for i, link in enumerate(doc.links):
        if link.type is not EventLinkType.PART_OF or link.source == link.target:
            continue
        stack, seen = [link.target], {link.target}
        while stack:
            for up in parent.get(stack.pop(), ()):
                if up not in seen:
                    seen.add(up)
                    stack.append(up)
        if link.source in seen:
            problems.append(Problem(f"part_of link {link.source!r} -> {link.target!r} closes a cycle of events",
                                    "An event is part of a larger one, never of itself or of its own parts; "
                                    "remove or reverse one link", doc_id=doc.id, path=f"links[{i}]"))
            continue
        parent.setdefault(link.source, []).append(link.target)
    return problems


def parse_document(raw: Any, profile: Profile | str = Profile.GOLD, *, json_text: str | None = None) -> Document:
    """Build and check a document from parsed JSON; raise :class:`DataError` listing every problem.

    With ``json_text`` (the JSON ``raw`` was parsed from) the model is validated
    in pydantic's strict JSON mode: an integer must be a JSON integer (not
    ``"0"``, ``true`` or ``0.0``), a boolean ``true`` or ``false``.
    """
    doc_id = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else None
    try:
        doc = (Document.model_validate(raw) if json_text is None
               else Document.model_validate_json(json_text, strict=True))
    except ValidationError as exc:
        raise DataError([p.located(doc_id=doc_id) for p in problems_from_pydantic(exc, raw)]) from None
    problems = check_document(doc, profile)
    if problems:
        raise DataError(problems)
    return doc


def _a(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"
