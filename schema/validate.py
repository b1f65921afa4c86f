"""Validation of whole documents under the gold or the prediction profile.

Pydantic checks each object on its own (types, vocabularies, intervals); the
rules here need the whole document: offsets against the text, references
between objects, duplicate ids, evidence required by the gold profile.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import Any

from pydantic import ValidationError

from .errors import DataError, Problem
from .model import Document, Mention
from .vocab import (
    CERTAINTY_ROLES,
    DISTANCE_RELATIONS,
    ROLE_FILLERS,
    SCHEMA_VERSION,
    CasualtyOutcome,
    Modality,
    Profile,
    TimeAnchor,
)

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
            msg = f"{err['input']!r} is not allowed here; expected {_shorten_choices(expected, err['input'])}"
        hint = _hint_for(err["type"], loc)
        span = _span_at(raw, loc)
        problems.append(Problem(msg, hint, path=json_path(loc) or None, span=span))
    return problems


def _shorten_choices(expected: str, given: object) -> str:
    """Pydantic's list of allowed values, or for long lists the count and the closest values."""
    choices = re.findall(r"'([^']*)'", expected)
    if len(choices) <= 16:
        return expected
    close = difflib.get_close_matches(str(given), choices, n=3, cutoff=0.3) or choices[:3]
    return f"one of {len(choices)} values (closest: {', '.join(repr(c) for c in close)})"


def _hint_for(kind: str, loc: tuple[int | str, ...]) -> str:
    if kind == "extra_forbidden":
        return "Remove the field, or check its spelling against docs/format.md"
    if kind == "missing":
        return "Add the field; docs/format.md lists the required fields"
    if kind == "enum":
        return "Use one of the listed values (eventgold schema prints them all)"
    return "See docs/format.md for this field"


def _span_at(raw: Any, loc: tuple[int | str, ...]) -> tuple[int, int] | None:
    """Offsets of the mention an error sits in, when the raw data has them."""
    node = raw
    best = None
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("start"), int) and isinstance(node.get("end"), int):
            best = (node["start"], node["end"])
    return best


def iter_mentions(doc: Document) -> Iterator[tuple[str, Mention]]:
    """Every mention in the document with its JSON path."""
    for path, group in iter_mention_lists(doc):
        for j, m in enumerate(group):
            yield f"{path}[{j}]", m
    if doc.dateline is not None:
        yield "dateline.mention", doc.dateline.mention


def iter_mention_lists(doc: Document) -> Iterator[tuple[str, list[Mention]]]:
    """Every list of mentions (an entity's, an event's triggers, a series' evidence) with its JSON path."""
    for field in _MENTION_OWNERS:
        for i, obj in enumerate(getattr(doc, field)):
            yield f"{field}[{i}].mentions", obj.mentions
    for i, ev in enumerate(doc.events):
        yield f"events[{i}].triggers", ev.triggers
        if ev.series is not None:
            yield f"events[{i}].series.mentions", ev.series.mentions
    for i, link in enumerate(doc.actor_links):
        yield f"actor_links[{i}].mentions", link.mentions


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
                _offset_hint(doc.text, m.start, m.end, m.text), path, span)
    if profile is Profile.GOLD:
        for path, group in iter_mention_lists(doc):
            starts = [(m.start, m.end) for m in group if m.start is not None]
            for j in range(1, len(starts)):
                if starts[j] < starts[j - 1]:
                    add(f"mention {j} starts at {starts[j][0]}, before mention {j - 1} at {starts[j - 1][0]}",
                        "List mentions in text order", f"{path}[{j}]", starts[j])  # type: ignore[arg-type]
                    break

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
        seen_args: set[tuple[str, str, str | None]] = set()
        for j, arg in enumerate(ev.arguments):
            apath = f"events[{i}].arguments[{j}]"
            ref(arg.entity, ROLE_FILLERS[arg.role], f"{apath}.entity")
            ref(arg.asserted_by, {"actor"}, f"{apath}.asserted_by")
            key = (arg.role.value, arg.entity, arg.certainty.value if arg.certainty else None)
            if key in seen_args:
                add(f"argument {arg.role.value} -> {arg.entity!r} is listed twice", "Remove the repeated argument", apath)
            seen_args.add(key)
            if arg.spatial is not None and kinds.get(arg.entity, "location") != "location":
                add(f"spatial relation on {arg.role.value} -> {arg.entity!r}, which is not a location",
                    "Spatial relations belong to place (or location target) arguments; remove it", f"{apath}.spatial")
            if arg.spatial is not None and arg.spatial.distance_km is not None \
                    and arg.spatial.relation not in DISTANCE_RELATIONS:
                add(f"a distance does not go with relation {arg.spatial.relation.value!r}",
                    "Give a distance only with 'near' or a compass direction ('20 km east of')", f"{apath}.spatial")
            if (arg.certainty is not None or arg.asserted_by is not None) and arg.role not in CERTAINTY_ROLES:
                add(f"attribution certainty on a {arg.role.value} argument",
                    "Certainty and asserted_by belong to attacker arguments; remove them here", apath)
        if ev.series is not None:
            ref(ev.series.time, {"time"}, f"events[{i}].series.time")
            high = ev.series.count.high
            if ev.series.ordinal is not None and high is not None and ev.series.ordinal > high:
                add(f"ordinal {ev.series.ordinal} is past the series count's high bound {high}",
                    "The series count includes this incident: raise it or fix the ordinal", f"events[{i}].series")
        if profile is Profile.GOLD and not ev.triggers:
            add("gold event has no trigger mention", "Add at least one trigger span", f"events[{i}].triggers")
        if profile is Profile.GOLD and ev.confidence is not None:
            add("gold events carry no confidence", "Remove confidence (it is for predictions)", f"events[{i}].confidence")

    for i, tm in enumerate(doc.times):
        if tm.anchor is TimeAnchor.TIME:
            ref(tm.anchor_ref, {"time"}, f"times[{i}].anchor_ref")
        elif tm.anchor is TimeAnchor.EVENT:
            ref(tm.anchor_ref, {"event"}, f"times[{i}].anchor_ref")
        elif tm.anchor is TimeAnchor.DATELINE and (doc.dateline is None or doc.dateline.date is None):
            add("time anchored on the dateline, but the document has no dated dateline",
                "Annotate the dateline with its date, or anchor on 'published'", f"times[{i}].anchor")
        if tm.anchor_ref == tm.id:
            add(f"time {tm.id!r} is anchored on itself", "Anchor it on another time or an event", f"times[{i}].anchor_ref")
    if doc.dateline is not None:
        ref(doc.dateline.location, {"location"}, "dateline.location")

    seen_actor_links: set[tuple[str, str, str]] = set()
    for i, alink in enumerate(doc.actor_links):
        ref(alink.source, {"actor"}, f"actor_links[{i}].source")
        ref(alink.target, {"actor"}, f"actor_links[{i}].target")
        akey = (alink.type.value, alink.source, alink.target)
        if alink.source == alink.target:
            add(f"actor {alink.source!r} is linked to itself", "Link two different actors", f"actor_links[{i}]")
        elif akey in seen_actor_links:
            add(f"actor link {alink.source!r} {alink.type.value} {alink.target!r} is listed twice",
                "Remove the repeated link", f"actor_links[{i}]")
        seen_actor_links.add(akey)

    modality = {ev.id: ev.modality for ev in doc.events}
    by_id = {c.id: c for c in doc.casualties}
    for i, cas in enumerate(doc.casualties):
        ref(cas.event, {"event"}, f"casualties[{i}].event")
        for k, other in enumerate(cas.also_events):
            ref(other, {"event"}, f"casualties[{i}].also_events[{k}]")
            if other == cas.event or other in cas.also_events[:k]:
                add(f"event {other!r} is listed twice for casualty {cas.id!r}",
                    "also_events names the other events, once each, not the casualty's own event",
                    f"casualties[{i}].also_events[{k}]")
        if profile is Profile.GOLD:
            for ev_id in (cas.event, *cas.also_events):
                if modality.get(ev_id, Modality.ACTUAL) is not Modality.ACTUAL:
                    add(f"casualty {cas.id!r} belongs to event {ev_id!r}, which is {modality[ev_id].value}",
                        "Casualties are annotated for actual events only (guidelines G10); remove the casualty "
                        "or correct the event's modality", f"casualties[{i}].event")
        for field in ("revises", "disputes"):
            other_id = getattr(cas, field)
            ref(other_id, {"casualty"}, f"casualties[{i}].{field}")
            other_cas = by_id.get(other_id) if other_id is not None else None
            if other_cas is None:
                continue
            if other_cas.id == cas.id:
                add(f"casualty {cas.id!r} {field} itself", f"Point {field} to another figure", f"casualties[{i}].{field}")
            elif other_cas.event != cas.event or not _outcomes_compatible(other_cas.outcome, cas.outcome):
                add(f"{cas.id!r} {field} {other_cas.id!r}, a figure of another event or outcome",
                    "Revised and disputed figures share the event and the outcome (killed_or_injured goes with "
                    "killed and injured)", f"casualties[{i}].{field}")
        if cas.revises not in (None, cas.id) and _chain_cycle(cas.id, by_id, "revises"):
            add(f"revises chain from {cas.id!r} loops back on itself", "A figure revises an earlier one, never a later one",
                f"casualties[{i}].revises")
        ref(cas.victim.actor, {"actor"}, f"casualties[{i}].victim.actor")
        ref(cas.source, {"actor"}, f"casualties[{i}].source")
        ref(cas.part_of, {"casualty"}, f"casualties[{i}].part_of")
        if cas.part_of is not None and cas.part_of in by_id:
            total = by_id[cas.part_of]
            if total.id == cas.id or _chain_cycle(cas.id, by_id, "part_of"):
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

    if profile is Profile.GOLD:
        for field in _MENTION_OWNERS:
            for i, obj in enumerate(getattr(doc, field)):
                if not obj.mentions:
                    add(f"gold {field[:-1] if field != 'casualties' else 'casualty'} {obj.id!r} has no evidence mention",
                        "Add the span(s) of text it comes from", f"{field}[{i}].mentions")
    return problems


def _chain_cycle(start: str, by_id: dict[str, Any], field: str) -> bool:
    """True when following ``field`` (part_of, revises) from ``start`` comes back to a figure already seen."""
    seen = {start}
    cur = getattr(by_id[start], field)
    while cur is not None and cur in by_id:
        if cur in seen:
            return True
        seen.add(cur)
        cur = getattr(by_id[cur], field)
    return False


def _outcomes_compatible(a: CasualtyOutcome, b: CasualtyOutcome) -> bool:
    """Two outcomes can describe the same people: equal, or one is the undivided killed_or_injured."""
    either = {CasualtyOutcome.KILLED, CasualtyOutcome.INJURED, CasualtyOutcome.KILLED_OR_INJURED}
    return a == b or (CasualtyOutcome.KILLED_OR_INJURED in (a, b) and {a, b} <= either)


def _offset_hint(text: str, start: int, end: int, stored: str) -> str:
    """The fix for a mention whose stored text is elsewhere: name CRLF or BOM shifts when they explain it."""
    crs = text.count("\r", 0, start)
    lfs = 0 if crs else text.count("\n", 0, start)
    bom = 1 if text.startswith("\ufeff") else 0
    for shift, cause in ((crs, "each \\r\\n counts as two characters: the offsets were computed on \\n line ends"),
                         (-lfs, "the offsets were computed on \\r\\n line ends the text does not have"),
                         (bom, "the text starts with a byte order mark (U+FEFF), which counts as one character"),
                         (-bom, "the offsets were computed with a byte order mark the text does not have")):
        if shift and text[start + shift:end + shift] == stored:
            return f"The stored text sits {shift:+d} characters away: {cause}; shift start and end by {shift:+d}"
    return "Fix the offsets or the stored text; offsets are Python string indices, end exclusive"


def parse_document(raw: Any, profile: Profile | str = Profile.GOLD) -> Document:
    """Build and check a document from parsed JSON; raise :class:`DataError` listing every problem.

    A missing ``schema_version`` reads as the current one here; files are checked by :func:`version_problem`.
    """
    doc_id = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else None
    try:
        doc = Document.model_validate(raw)
    except ValidationError as exc:
        raise DataError([p.located(doc_id=doc_id) for p in problems_from_pydantic(exc, raw)]) from None
    problems = check_document(doc, profile)
    if problems:
        raise DataError(problems)
    return doc


def version_problem(raw: Any, profile: Profile | str) -> Problem | None:
    """The problem with a stored document's ``schema_version``, if any.

    Gold files must say it (a gold line without it is schema 1.x, which ``eventgold migrate`` converts);
    a prediction without it is read as the current version, so systems need not write it.
    """
    profile = Profile(profile)
    if not isinstance(raw, dict):
        return None
    version = raw.get("schema_version")
    if version == SCHEMA_VERSION or (version is None and profile is Profile.PREDICTION):
        return None
    fix = "Convert the file: eventgold migrate IN.jsonl -o OUT.jsonl"
    if version is None:
        return Problem("no schema_version: this is a schema 1.x document", fix, path="schema_version")
    if isinstance(version, str) and version.startswith("1."):
        return Problem(f"schema_version {version!r} is older than {SCHEMA_VERSION!r}", fix, path="schema_version")
    return Problem(f"schema_version {version!r} is not one this eventgold reads (it reads {SCHEMA_VERSION!r})",
                   "Use the eventgold release that wrote the file, or set schema_version to " + repr(SCHEMA_VERSION),
                   path="schema_version")


def _a(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"
