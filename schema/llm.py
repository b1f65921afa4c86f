"""The answer an LLM extractor gives, as a JSON Schema that structured-output engines accept.

A gold :class:`~eventgold.schema.Document` is too rich a target for constrained decoding: optional
fields, defaults, length and number bounds, an open ``metadata`` object and keywords beside ``$ref``
are each refused by one engine or another. The **LLM answer** is the part a system actually has to
produce — the annotations, without the id, date and text the harness already knows — in a JSON
Schema dialect that OpenAI strict mode, Anthropic strict tool use, llguidance, xgrammar,
outlines-core, llama.cpp and lm-format-enforcer all take:

- every property is required and ``null`` means absent; there are no defaults;
- no ``minLength``/``maxLength``/``minimum``/``maximum``: limits live inside patterns
  (ids are at most 24 characters), everything else is checked by :func:`from_llm_answer`;
- nullable values are a handful of shared ``$defs`` (``NullableId``, ``NullableString``, ...) so the
  schema has few union types, and a ``$ref`` never has keywords beside it;
- mentions are span-free: the text only, no offsets;
- actors, locations and weapons may have a null id: the converter numbers them, and arguments,
  victims, sources and actor links may name such an entity by its ``name`` instead of an id.

:func:`llm_json_schema` prints the schema, :func:`describe_llm_answer` a prompt-ready description
of every field, :func:`from_llm_answer` turns an answer into a prediction document and
:func:`to_llm_answer` a document into the answer an ideal extractor would give.

>>> answer = {"dateline": None, "actors": [], "actor_links": [], "locations": [], "times": [], "weapons": [],
...           "events": [{"id": "e1", "triggers": ["Shelling"], "type": "shelling_missile_attack",
...                       "modality": "actual", "time": None, "arguments": [], "series": None}],
...           "casualties": [], "links": []}
>>> doc = from_llm_answer(answer, id="d1", published="2024-03-02", text="Shelling hit Kharkiv.")
>>> [(e.id, e.type.value, e.triggers[0].text) for e in doc.events]
[('e1', 'shelling_missile_attack', 'Shelling')]
>>> to_llm_answer(doc) == answer
True
"""

from __future__ import annotations

import collections
import datetime as dt
import json
import re
import typing
from collections.abc import Mapping
from enum import Enum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from typing_extensions import TypeAliasType

from . import model as gold
from .errors import DataError, Problem
from .validate import parse_document, problems_from_pydantic
from .vocab import (
    ACTOR_TYPES,
    CERTAINTY_DEFINITIONS,
    COUNT_QUALIFIER_RULES,
    EVENT_TYPES,
    MODALITY_DEFINITIONS,
    ROLE_DEFINITIONS,
    ROLE_FILLERS,
    ActorLinkType,
    ActorType,
    CasualtyOutcome,
    CasualtyStatus,
    Certainty,
    CountQualifier,
    DatePrecision,
    EventLinkType,
    EventType,
    InjurySeverity,
    LocationPrecision,
    Modality,
    Profile,
    Role,
    SpatialRelation,
    TimeAnchor,
    VictimCategory,
    WeaponCategory,
)

#: Longest id an answer may use; the limit sits inside :data:`ANSWER_ID_PATTERN`, not in a maxLength.
ANSWER_ID_MAX = 24
ANSWER_ID_PATTERN = f"^[A-Za-z0-9][A-Za-z0-9_.:-]{{0,{ANSWER_ID_MAX - 1}}}$"
COUNTRY_PATTERN = "^[A-Z]{2}$"
DATE_PATTERN = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"

#: Values of ``Time.anchor`` that name an anchor kind rather than the id of a time or event.
ANCHOR_WORDS = {"published": TimeAnchor.PUBLISHED, "dateline": TimeAnchor.DATELINE}

#: Gold fields (``Model.field``) the answer does not carry, and why: the round trip is exact up to these.
LLM_OMITTED_FIELDS: dict[str, str] = {
    "Mention.start": "offsets: the answer quotes text; the scorer matches span-free mentions by their text",
    "Mention.end": "offsets, as Mention.start",
    "Event.incident_id": "a corpus-wide id shared by the reports of one incident; one report cannot tell it",
    "Event.confidence": "a system's score, not an annotation",
    "Location.coordinates": "geocoding, a step after extraction",
    "Location.gazetteer_id": "geocoding, a step after extraction",
}

AnswerId = Annotated[str, Field(pattern=ANSWER_ID_PATTERN)]
Country = Annotated[str, Field(pattern=COUNTRY_PATTERN)]
Date = Annotated[str, Field(pattern=DATE_PATTERN)]

# Nullable types are named aliases: pydantic writes each once under $defs, so the schema has one union per
# kind of value rather than one per field (Anthropic caps the number of union-typed parameters).
NullableId = TypeAliasType("NullableId", AnswerId | None)
NullableString = TypeAliasType("NullableString", str | None)
NullableCountry = TypeAliasType("NullableCountry", Country | None)
NullableDate = TypeAliasType("NullableDate", Date | None)
NullableCount = TypeAliasType("NullableCount", int | None)
NullableNumber = TypeAliasType("NullableNumber", float | None)
NullableCertainty = TypeAliasType("NullableCertainty", Certainty | None)
NullableSeverity = TypeAliasType("NullableSeverity", InjurySeverity | None)
NullableStatus = TypeAliasType("NullableStatus", CasualtyStatus | None)


class _Answer(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Quantity(_Answer):
    """A count as an interval [low, high] with a best estimate; null where the text gives no figure."""

    qualifier: CountQualifier = Field(description="How the text states the count; decides which of low, best, high "
                                                  "are set (see the count qualifier rules).")
    low: NullableCount = Field(description="Lower bound, or null. Never 0 for 'unknown'.")
    best: NullableCount = Field(description="The single figure the text gives, or null.")
    high: NullableCount = Field(description="Upper bound, or null when unbounded or unknown.")


NullableQuantity = TypeAliasType("NullableQuantity", Quantity | None)


class Dateline(_Answer):
    """The dateline opening the report ('MOSUL, Iraq, March 3 (Agency) -'); never the time of an event."""

    text: str = Field(description="The whole dateline exactly as written.")
    place: NullableString = Field(description="The place name as written in the dateline, or null.")
    location: NullableString = Field(description="The id or name of the location entity of that place, or null.")
    date: NullableDate = Field(description="The dateline's date as YYYY-MM-DD, or null.")
    agency: NullableString = Field(description="The agency tag, e.g. the initials in brackets, or null.")


NullableDateline = TypeAliasType("NullableDateline", Dateline | None)


class Actor(_Answer):
    """An actor (group, force, person or population) as one entity with all its mentions."""

    id: NullableId = Field(description="Your id for the actor (e.g. 'a1'), or null to refer to it by its name.")
    name: str = Field(description="Canonical name, the fullest spelling the text gives.")
    mentions: list[str] = Field(description="Every passage naming the actor, quoted exactly, in text order.")
    aliases: list[str] = Field(description="Other names and spellings of the actor.")
    type: ActorType = Field(description="Actor type.")
    country: NullableCountry = Field(description="ISO 3166-1 alpha-2 code of the country it belongs to or acts for "
                                                 "(XK for Kosovo), or null.")


class ActorLink(_Answer):
    """The source actor is backed by, affiliated with or part of the target actor."""

    type: ActorLinkType = Field(description="How the source relates to the target.")
    source: str = Field(description="Id or name of the actor the link starts from ('the militia' in 'Iran-backed "
                                    "militia').")
    target: str = Field(description="Id or name of the actor the link points to.")
    mentions: list[str] = Field(description="Evidence quoted exactly: 'Iran-backed', 'affiliated to'.")


class Location(_Answer):
    """A place as one entity with all its mentions."""

    id: NullableId = Field(description="Your id for the place (e.g. 'l1'), or null to refer to it by its name.")
    name: str = Field(description="Canonical place name.")
    mentions: list[str] = Field(description="Every passage naming the place, quoted exactly, in text order.")
    aliases: list[str] = Field(description="Other spellings of the place name.")
    country: NullableCountry = Field(description="ISO 3166-1 alpha-2 code of the country containing it, or null.")
    admin1: NullableString = Field(description="First-order administrative region (province, state), or null.")
    precision: LocationPrecision = Field(description="How precisely the text gives the place.")


class DateInterval(_Answer):
    """A date or date range, both ends included."""

    start: Date = Field(description="First day, YYYY-MM-DD.")
    end: Date = Field(description="Last day, YYYY-MM-DD (the same as start for a single day).")
    precision: DatePrecision = Field(description="Granularity the text gives.")


class Time(_Answer):
    """A time expression resolved to dates."""

    id: AnswerId = Field(description="Your id for the time (e.g. 't1').")
    mentions: list[str] = Field(description="Every passage giving this time, quoted exactly.")
    value: DateInterval = Field(description="The resolved interval.")
    relative: bool = Field(description="True when the expression needs an anchor date ('on Tuesday', 'two days later').")
    anchor: NullableId = Field(description="For a relative time, what it counts from when that is not the "
                                           "publication date: 'dateline', or the id of a time or event; "
                                           "'published' when that is said explicitly; otherwise null.")
    approximate: bool = Field(description="True for vague periods whose bounds you chose ('in recent months').")


class Weapon(_Answer):
    """A weapon or means of attack."""

    id: NullableId = Field(description="Your id for the weapon (e.g. 'w1'), or null to refer to it by its name.")
    name: str = Field(description="Canonical name, e.g. 'Grad rocket'.")
    mentions: list[str] = Field(description="Every passage naming the weapon, quoted exactly.")
    category: WeaponCategory = Field(description="Broad weapon category.")
    quantity: NullableQuantity = Field(description="How many were used when the text says, or null.")


class Spatial(_Answer):
    """Where the event is relative to a named place ('south of Baghdad', '20 km east of the border')."""

    relation: SpatialRelation = Field(description="The relation to the place.")
    distance_km: NullableNumber = Field(description="Distance in kilometres when stated (miles converted), or null.")


NullableSpatial = TypeAliasType("NullableSpatial", Spatial | None)


class Argument(_Answer):
    """An entity taking part in an event in a role."""

    role: Role = Field(description="The role the entity plays.")
    entity: str = Field(description="Id or name of the actor, location or weapon filling the role.")
    quantity: NullableQuantity = Field(description="How many of the entity take part ('14 of 16 drones'), or null.")
    spatial: NullableSpatial = Field(description="For a place: where the event is relative to it, or null when the "
                                                 "event is in or at it.")
    certainty: NullableCertainty = Field(description="For an attacker: how firmly the text attributes the act, or "
                                                     "null when it is simply stated.")
    asserted_by: NullableString = Field(description="For an attacker: id or name of the actor making the "
                                                    "attribution (claimant, accuser), or null.")


class Series(_Answer):
    """The event stands for several incidents, or is counted within a series ('the third such attack')."""

    count: Quantity = Field(description="How many incidents the series has, this one included.")
    ordinal: NullableCount = Field(description="This incident's place in the series ('third' = 3), or null.")
    time: NullableId = Field(description="Id of the time the series spans ('since March'), or null.")
    mentions: list[str] = Field(description="Evidence: the count or ordinal phrase, quoted exactly.")


NullableSeries = TypeAliasType("NullableSeries", Series | None)


class Event(_Answer):
    """One incident or development with every trigger that names it."""

    id: AnswerId = Field(description="Your id for the event (e.g. 'e1').")
    triggers: list[str] = Field(description="Every word or phrase naming this event, quoted exactly, in text order.")
    type: EventType = Field(description="Event type.")
    modality: Modality = Field(description="Whether the event happened.")
    time: NullableId = Field(description="Id of the time when the event happened, or null.")
    arguments: list[Argument] = Field(description="Entities taking part and their roles.")
    series: NullableSeries = Field(description="Set when the event is a series or counted within one, else null.")


class Victim(_Answer):
    """Who the people counted were."""

    actor: NullableString = Field(description="Id or name of the actor the victims belong to, or null.")
    category: VictimCategory = Field(description="Broad victim category ('unknown' when the text does not say).")
    nationality: NullableCountry = Field(description="ISO 3166-1 alpha-2 code of their nationality when stated, "
                                                     "or null.")


class Casualty(_Answer):
    """A casualty figure: how many people of which group suffered which outcome in which event."""

    id: AnswerId = Field(description="Your id for the figure (e.g. 'c1').")
    mentions: list[str] = Field(description="Evidence: the phrase stating the figure, quoted exactly.")
    event: AnswerId = Field(description="Id of the event the casualties belong to.")
    also_events: list[AnswerId] = Field(description="Ids of further events one figure covers ('in the two "
                                                    "attacks'); usually empty.")
    outcome: CasualtyOutcome = Field(description="What happened to the people counted.")
    count: Quantity = Field(description="How many, as an interval.")
    victim: Victim = Field(description="Who they were.")
    source: NullableString = Field(description="Id or name of the actor the figure is attributed to, or null.")
    part_of: NullableId = Field(description="Id of the total this figure breaks down, or null.")
    revises: NullableId = Field(description="Id of an earlier figure this one replaces ('now seven'), or null.")
    disputes: NullableId = Field(description="Id of another source's figure this one contradicts, or null.")
    severity: NullableSeverity = Field(description="How badly the injured were hurt when stated, or null.")
    descriptor: NullableString = Field(description="The kind of harm as stated ('burns', 'shrapnel wounds'), or null.")
    status: NullableStatus = Field(description="A later state the text reports ('hospitalised', 'released'), or null.")


class EventLink(_Answer):
    """A directed relation between two events."""

    type: EventLinkType = Field(description="How the source event relates to the target event.")
    source: AnswerId = Field(description="Id of the event the link starts from.")
    target: AnswerId = Field(description="Id of the event the link points to.")


class LlmAnswer(_Answer):
    """The events, entities and casualty figures one report gives. Every field is required; null means absent."""

    dateline: NullableDateline = Field(description="The report's dateline, or null when it has none.")
    actors: list[Actor] = Field(description="Every actor mentioned.")
    actor_links: list[ActorLink] = Field(description="Relations between actors ('Iran-backed').")
    locations: list[Location] = Field(description="Every place mentioned.")
    times: list[Time] = Field(description="Every time expression, resolved against the publication date.")
    weapons: list[Weapon] = Field(description="Every weapon or means of attack.")
    events: list[Event] = Field(description="Every event, including negated, hypothetical and generic ones.")
    casualties: list[Casualty] = Field(description="Casualty figures of actual events.")
    links: list[EventLink] = Field(description="Relations between events.")


#: Every object of the answer, in the order :func:`describe_llm_answer` lists them.
ANSWER_MODELS: list[type[_Answer]] = [
    LlmAnswer, Dateline, Actor, ActorLink, Location, Time, DateInterval, Weapon, Quantity, Event, Argument, Spatial,
    Series, Casualty, Victim, EventLink,
]

#: Keywords left out of the engine schema (pydantic writes titles; the answer models have no defaults).
_DROPPED_KEYWORDS = frozenset({"title", "default"})


def llm_json_schema() -> dict[str, Any]:
    """The JSON Schema of an LLM answer, in the dialect structured-output engines accept.

    Enums and every definition used in one place only are written in place, so the schema keeps few
    ``$ref`` hops (outlines-core follows at most four in a chain by default and silently drops the
    properties beyond) and most properties keep their description. The shared definitions left
    (``Quantity`` and the ``Nullable*`` values) are referenced by a bare ``$ref``, since OpenAI refuses
    keywords beside one; :func:`describe_llm_answer` gives every field's description for a prompt.
    """
    schema = LlmAnswer.model_json_schema()
    uses = collections.Counter(re.findall(r'"\$ref": "#/\$defs/([^"]+)"', json.dumps(schema)))
    inline = {name: sub for name, sub in schema["$defs"].items() if "enum" in sub or uses[name] == 1}
    schema["$defs"] = {name: sub for name, sub in schema["$defs"].items() if name not in inline}
    return _engine_dialect(schema, inline)  # type: ignore[no-any-return]


def _engine_dialect(node: Any, inline: dict[str, Any]) -> Any:
    """Drop titles; write the ``inline`` definitions in place, with the description of the property that uses them."""
    if isinstance(node, list):
        return [_engine_dialect(x, inline) for x in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        name = node["$ref"].rpartition("/")[2]
        if name not in inline:
            return {"$ref": node["$ref"]}
        target = inline[name]
        if "enum" in target:
            target = {"type": target["type"], "enum": target["enum"]}
        written = _engine_dialect(target, inline)
        if "description" in node:
            written = {**written, "description": node["description"]}
        return written
    out = {}
    for key, value in node.items():
        if key in ("properties", "$defs"):
            out[key] = {name: _engine_dialect(sub, inline) for name, sub in value.items()}
        elif key not in _DROPPED_KEYWORDS:
            out[key] = _engine_dialect(value, inline)
    return out


# --------------------------------------------------------------------------- describing the answer


def _type_text(annotation: Any) -> str:
    if isinstance(annotation, TypeAliasType):
        return _type_text(annotation.__value__)
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is Annotated:
        constraints = [c for m in args[1:] for c in (m, *getattr(m, "metadata", []))]
        meta = " ".join(str(c.pattern) for c in constraints if getattr(c, "pattern", None))
        if meta == ANSWER_ID_PATTERN:
            return "id"
        if meta == COUNTRY_PATTERN:
            return "country code"
        if meta == DATE_PATTERN:
            return "date"
        return _type_text(args[0])
    if origin in (typing.Union, __import__("types").UnionType):
        kinds = [_type_text(a) for a in args if a is not type(None)]
        return " or ".join(kinds) + (" or null" if type(None) in args else "")
    if origin is list:
        return f"list of {_type_text(args[0])}"
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return f"one of {annotation.__name__}"
    if isinstance(annotation, type):
        return {"str": "string", "int": "integer", "float": "number", "bool": "true or false"}.get(
            annotation.__name__, annotation.__name__)
    return str(annotation)


def _enum_tables() -> list[tuple[type[Enum], dict[Any, str]]]:
    return [
        (EventType, {t: i.definition for t, i in EVENT_TYPES.items()}),
        (Modality, dict(MODALITY_DEFINITIONS)),
        (ActorType, {t: i.definition for t, i in ACTOR_TYPES.items()}),
        (Role, {r: f"{d} Filled by: {', '.join(sorted(ROLE_FILLERS[r]))}." for r, d in ROLE_DEFINITIONS.items()}),
        (Certainty, dict(CERTAINTY_DEFINITIONS)),
        (CountQualifier, dict(COUNT_QUALIFIER_RULES)),
        (CasualtyOutcome, {}), (InjurySeverity, {}), (CasualtyStatus, {}), (VictimCategory, {}),
        (LocationPrecision, {}), (DatePrecision, {}), (WeaponCategory, {}), (SpatialRelation, {}),
        (ActorLinkType, {}), (EventLinkType, {}),
    ]


def describe_llm_answer() -> str:
    """Every field of the LLM answer with its type and meaning, and every vocabulary: Markdown for a prompt."""
    out = ["# The answer to give", "",
           "Answer with one JSON object. Every field is required: write null where the text gives nothing. Quote "
           "mentions and triggers exactly as they appear in the text. Ids are up to 24 letters, digits and "
           "'_.:-', unique in the answer. Actors, locations and weapons may have a null id: refer to them by "
           "their exact name instead.", ""]
    for cls in ANSWER_MODELS:
        out += [f"## {'Answer' if cls is LlmAnswer else cls.__name__}", "", (cls.__doc__ or "").strip(), ""]
        for name, field in cls.model_fields.items():
            annotation = Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation
            out.append(f"- `{name}` ({_type_text(annotation)}): {field.description}")
        out.append("")
    out += ["# Values", ""]
    for enum, meanings in _enum_tables():
        out += [f"## {enum.__name__}", ""]
        for member in enum:  # type: ignore[var-annotated]
            meaning = meanings.get(member)
            out.append(f"- `{member.value}`" + (f": {meaning}" if meaning else ""))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# --------------------------------------------------------------------------- document -> answer


def without_omitted(doc: gold.Document) -> gold.Document:
    """``doc`` as an LLM answer can express it: the fields of :data:`LLM_OMITTED_FIELDS` set to None.

    ``from_llm_answer(to_llm_answer(doc), ...)`` has the annotations of ``without_omitted(doc)``.
    """
    copy = doc.model_copy(deep=True)

    def clear(obj: Any) -> None:
        if isinstance(obj, list):
            for item in obj:
                clear(item)
        elif isinstance(obj, BaseModel):
            for name in type(obj).model_fields:
                if f"{type(obj).__name__}.{name}" in LLM_OMITTED_FIELDS:
                    setattr(obj, name, None)
                else:
                    clear(getattr(obj, name))

    clear(copy)
    return copy


def to_llm_answer(doc: gold.Document) -> dict[str, Any]:
    """The answer an ideal extractor gives for ``doc``: its annotations, span-free, as JSON-ready data.

    Offsets and the fields in :data:`LLM_OMITTED_FIELDS` are left out; everything else is kept, so
    ``from_llm_answer(to_llm_answer(doc), ...)`` gives back ``doc``'s annotations without them.
    Raises :class:`DataError` for what the answer cannot express (an id longer than 24 characters,
    a time anchored on an object whose id is 'published' or 'dateline').
    """
    problems: list[Problem] = []

    def anchor(tm: gold.Time, i: int) -> str | None:
        if tm.anchor in (TimeAnchor.TIME, TimeAnchor.EVENT):
            if tm.anchor_ref in ANCHOR_WORDS:
                problems.append(Problem(f"anchor_ref {tm.anchor_ref!r} reads as an anchor word in the LLM answer",
                                        "Rename that time or event", doc_id=doc.id, path=f"times[{i}].anchor_ref"))
            return tm.anchor_ref
        return None if tm.anchor is None else tm.anchor.value

    def texts(mentions: list[gold.Mention]) -> list[str]:
        return [m.text for m in mentions]

    def quantity(q: gold.Quantity | None) -> dict[str, Any] | None:
        return None if q is None else q.model_dump(mode="json")

    dl = doc.dateline
    raw = {
        "dateline": None if dl is None else {
            "text": dl.mention.text, "place": dl.place, "location": dl.location,
            "date": None if dl.date is None else dl.date.isoformat(), "agency": dl.agency},
        "actors": [{"id": a.id, "name": a.name, "mentions": texts(a.mentions), "aliases": a.aliases,
                    "type": a.type, "country": a.country} for a in doc.actors],
        "actor_links": [{"type": link.type, "source": link.source, "target": link.target,
                         "mentions": texts(link.mentions)} for link in doc.actor_links],
        "locations": [{"id": loc.id, "name": loc.name, "mentions": texts(loc.mentions), "aliases": loc.aliases,
                       "country": loc.country, "admin1": loc.admin1, "precision": loc.precision}
                      for loc in doc.locations],
        "times": [{"id": tm.id, "mentions": texts(tm.mentions), "value": tm.value.model_dump(mode="json"),
                   "relative": tm.relative, "anchor": anchor(tm, i), "approximate": tm.approximate}
                  for i, tm in enumerate(doc.times)],
        "weapons": [{"id": w.id, "name": w.name, "mentions": texts(w.mentions), "category": w.category,
                     "quantity": quantity(w.quantity)} for w in doc.weapons],
        "events": [{"id": ev.id, "triggers": texts(ev.triggers), "type": ev.type, "modality": ev.modality,
                    "time": ev.time,
                    "arguments": [{"role": arg.role, "entity": arg.entity, "quantity": quantity(arg.quantity),
                                   "spatial": None if arg.spatial is None else arg.spatial.model_dump(mode="json"),
                                   "certainty": arg.certainty, "asserted_by": arg.asserted_by}
                                  for arg in ev.arguments],
                    "series": None if ev.series is None else {
                        "count": quantity(ev.series.count), "ordinal": ev.series.ordinal, "time": ev.series.time,
                        "mentions": texts(ev.series.mentions)}}
                   for ev in doc.events],
        "casualties": [{"id": c.id, "mentions": texts(c.mentions), "event": c.event, "also_events": c.also_events,
                        "outcome": c.outcome, "count": quantity(c.count),
                        "victim": c.victim.model_dump(mode="json"), "source": c.source, "part_of": c.part_of,
                        "revises": c.revises, "disputes": c.disputes, "severity": c.severity,
                        "descriptor": c.descriptor, "status": c.status} for c in doc.casualties],
        "links": [{"type": link.type, "source": link.source, "target": link.target} for link in doc.links],
    }
    if problems:
        raise DataError(problems)
    try:
        return LlmAnswer.model_validate(raw).model_dump(mode="json")
    except ValidationError as exc:
        raise DataError([p.located(doc_id=doc.id) for p in problems_from_pydantic(exc, raw)]) from None


# --------------------------------------------------------------------------- answer -> document

_ENTITY_PREFIXES = {"actor": "a", "location": "l", "weapon": "w"}


class _Resolver:
    """Turns the references of one answer into ids: an id of the answer, or the exact name of one entity."""

    def __init__(self, answer: LlmAnswer, doc_id: str) -> None:
        self.doc_id = doc_id
        self.problems: list[Problem] = []
        self.kinds: dict[str, str] = {}
        for field, kind in (("times", "time"), ("events", "event"), ("casualties", "casualty"),
                            ("actors", "actor"), ("locations", "location"), ("weapons", "weapon")):
            for obj in getattr(answer, field):
                if obj.id is not None:
                    self.kinds.setdefault(obj.id, kind)
        self.ids: dict[str, list[str]] = {}
        self.names: dict[tuple[str, str], list[str]] = {}
        for field, kind in (("actors", "actor"), ("locations", "location"), ("weapons", "weapon")):
            numbered = []
            for obj in getattr(answer, field):
                obj_id = obj.id if obj.id is not None else self._fresh(_ENTITY_PREFIXES[kind])
                numbered.append(obj_id)
                self.names.setdefault((kind, obj.name), []).append(obj_id)
            self.ids[field] = numbered

    def _fresh(self, prefix: str) -> str:
        n = 1
        while f"{prefix}{n}" in self.kinds:
            n += 1
        self.kinds[f"{prefix}{n}"] = "numbered"
        return f"{prefix}{n}"

    def entity(self, value: str | None, kinds: frozenset[str] | set[str], path: str) -> str | None:
        """The id ``value`` names: itself when it is an id, else the one entity of ``kinds`` with that name."""
        if value is None or value in self.kinds:
            return value
        found = [i for kind in sorted(kinds) for i in self.names.get((kind, value), [])]
        wanted = " or ".join(sorted(kinds))
        if len(found) == 1:
            return found[0]
        if not found:
            self.problems.append(Problem(f"{value!r} is neither an id nor the name of an {wanted} in the answer",
                                         f"Give the id of an {wanted}, or its exact name", doc_id=self.doc_id,
                                         path=path))
        else:
            self.problems.append(Problem(f"{value!r} names {len(found)} entities ({', '.join(found)})",
                                         "Refer to it by id instead of by name", doc_id=self.doc_id, path=path))
        return value

    def anchor(self, value: str | None, path: str) -> tuple[TimeAnchor | None, str | None]:
        if value is None:
            return None, None
        if value in ANCHOR_WORDS:
            return ANCHOR_WORDS[value], None
        kind = self.kinds.get(value)
        if kind in ("time", "event"):
            return TimeAnchor(kind), value
        self.problems.append(Problem(f"anchor {value!r} is neither 'published', 'dateline' nor the id of a time or "
                                     "event", "Name what the relative time counts from, or use null for the "
                                     "publication date", doc_id=self.doc_id, path=path))
        return None, None


def from_llm_answer(answer: Mapping[str, Any] | str | LlmAnswer, *, id: str, published: dt.date | str,
                    text: str) -> gold.Document:
    """A prediction document from an LLM answer (a dict, a JSON string or an :class:`LlmAnswer`).

    ``id``, ``published`` and ``text`` are the input document's. Entities without an id are numbered
    (a1, l1, w1, ... skipping ids in use) and references by name are resolved to ids. The result is
    checked under the prediction profile; every problem raises :class:`DataError`, located by the
    JSON path in the answer.
    """
    if isinstance(answer, str):
        try:
            answer = json.loads(answer)
        except json.JSONDecodeError as exc:
            raise DataError(Problem(f"the answer is not JSON: {exc.msg} at column {exc.colno}",
                                    "Give one JSON object", doc_id=id)) from None
    if not isinstance(answer, LlmAnswer):
        try:
            answer = LlmAnswer.model_validate(answer)
        except ValidationError as exc:
            raise DataError([p.located(doc_id=id) for p in problems_from_pydantic(exc, answer)]) from None
    res = _Resolver(answer, id)
    actor = {"actor"}

    def mentions(texts: list[str]) -> list[dict[str, str]]:
        return [{"text": t} for t in texts]

    def quantity(q: Quantity | None) -> dict[str, Any] | None:
        return None if q is None else q.model_dump()

    dl = answer.dateline
    times = []
    for i, tm in enumerate(answer.times):
        kind, ref = res.anchor(tm.anchor, f"times[{i}].anchor")
        times.append({"id": tm.id, "value": tm.value.model_dump(), "relative": tm.relative, "anchor": kind,
                      "anchor_ref": ref, "approximate": tm.approximate, "mentions": mentions(tm.mentions)})
    events = []
    for i, ev in enumerate(answer.events):
        arguments = []
        for j, arg in enumerate(ev.arguments):
            path = f"events[{i}].arguments[{j}]"
            arguments.append({
                "role": arg.role, "entity": res.entity(arg.entity, ROLE_FILLERS[arg.role], f"{path}.entity"),
                "quantity": quantity(arg.quantity), "spatial": None if arg.spatial is None else arg.spatial.model_dump(),
                "certainty": arg.certainty, "asserted_by": res.entity(arg.asserted_by, actor, f"{path}.asserted_by")})
        series = None if ev.series is None else {
            "count": quantity(ev.series.count), "ordinal": ev.series.ordinal, "time": ev.series.time,
            "mentions": mentions(ev.series.mentions)}
        events.append({"id": ev.id, "type": ev.type, "modality": ev.modality, "triggers": mentions(ev.triggers),
                       "time": ev.time, "arguments": arguments, "series": series})
    raw = {
        "id": id, "published": published, "text": text,
        "dateline": None if dl is None else {
            "mention": {"text": dl.text}, "place": dl.place, "date": dl.date, "agency": dl.agency,
            "location": res.entity(dl.location, {"location"}, "dateline.location")},
        "actors": [{"id": obj_id, "name": a.name, "aliases": a.aliases, "type": a.type, "country": a.country,
                    "mentions": mentions(a.mentions)} for obj_id, a in zip(res.ids["actors"], answer.actors, strict=True)],
        "actor_links": [{"type": link.type, "source": res.entity(link.source, actor, f"actor_links[{i}].source"),
                         "target": res.entity(link.target, actor, f"actor_links[{i}].target"),
                         "mentions": mentions(link.mentions)} for i, link in enumerate(answer.actor_links)],
        "locations": [{"id": obj_id, "name": loc.name, "aliases": loc.aliases, "country": loc.country,
                       "admin1": loc.admin1, "precision": loc.precision, "mentions": mentions(loc.mentions)}
                      for obj_id, loc in zip(res.ids["locations"], answer.locations, strict=True)],
        "times": times,
        "weapons": [{"id": obj_id, "name": w.name, "category": w.category, "quantity": quantity(w.quantity),
                     "mentions": mentions(w.mentions)}
                    for obj_id, w in zip(res.ids["weapons"], answer.weapons, strict=True)],
        "events": events,
        "casualties": [{"id": c.id, "event": c.event, "outcome": c.outcome, "count": quantity(c.count),
                        "victim": {"actor": res.entity(c.victim.actor, actor, f"casualties[{i}].victim.actor"),
                                   "category": c.victim.category, "nationality": c.victim.nationality},
                        "part_of": c.part_of, "source": res.entity(c.source, actor, f"casualties[{i}].source"),
                        "also_events": c.also_events, "severity": c.severity, "descriptor": c.descriptor,
                        "status": c.status, "revises": c.revises, "disputes": c.disputes,
                        "mentions": mentions(c.mentions)} for i, c in enumerate(answer.casualties)],
        "links": [link.model_dump() for link in answer.links],
    }
    if res.problems:
        raise DataError(res.problems)
    return parse_document(raw, Profile.PREDICTION)


__all__ = [
    "ANSWER_ID_MAX", "ANSWER_MODELS", "LLM_OMITTED_FIELDS", "LlmAnswer", "describe_llm_answer", "from_llm_answer",
    "llm_json_schema", "to_llm_answer", "without_omitted",
]
