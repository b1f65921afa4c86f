"""How the gold schema is represented in Label Studio: names, labels, controls and relations, defined once.

The labeling config (:mod:`eventgold.annotate.config`), the writer of tasks
(:mod:`eventgold.annotate.tasks`) and the reader of exports
(:mod:`eventgold.annotate.export`) all read these tables, and the tables are
built from the schema's vocabularies, so a new event type, role or actor type
appears everywhere at once.

The representation, in short:

* the report is a ``<Text name="text" value="$text">``; the document fields
  travel in the task data (:data:`DATA_KEYS`);
* every mention is a span region of one ``<Labels name="label">`` control. An
  event trigger carries its **event type** as its label (one label per type, so
  the type is visible in the text and chosen with one click); the other labels
  are ``actor``, ``location``, ``time``, ``weapon`` and ``casualty``;
* an object's attributes (modality, actor type, canonical name, counts, dates,
  ...) are per-region controls (:data:`CONTROLS`) on one of its regions;
* everything that links objects is a relation (:data:`RELATION_RULES`):
  ``same_as`` joins the mentions of one object (coreference of entities, of
  event triggers and of casualty phrases), role labels link an event to its
  arguments, and so on;
* region ids are derived from the gold ids: ``<object id>-m<k>`` for the k-th
  mention of an entity or casualty, ``<event id>-t<k>`` for the k-th trigger.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

import pycountry

from eventgold.schema import (
    ACTOR_TYPES,
    EVENT_TYPES,
    ROLE_FILLERS,
    CasualtyOutcome,
    CountQualifier,
    DatePrecision,
    EventLinkType,
    EventType,
    LocationPrecision,
    Modality,
    Role,
    VictimCategory,
    WeaponCategory,
)
from eventgold.schema.model import ID_PATTERN
from eventgold.schema.vocab import COUNT_QUALIFIER_RULES, MODALITY_DEFINITIONS, ROLE_DEFINITIONS

#: ``name`` of the ``<Text>`` object tag.
TEXT = "text"
#: ``name`` of the one ``<Labels>`` control that marks every mention.
LABELS = "label"

#: Keys of the task data: the report text and every document field.
DATA_TEXT = "text"
DATA_ID = "doc_id"
#: Document field -> task data key. ``id`` and ``source`` are renamed: a bare ``id`` reads like Label Studio's
#: task id, and Label Studio's editor replaces ``data.source`` with the whole task (``TaskStore.dataObj``).
DATA_FIELDS: dict[str, str] = {"id": DATA_ID, "published": "published", "source": "doc_source", "language": "language",
                               "synthetic": "synthetic", "metadata": "metadata"}
DATA_KEYS = (DATA_TEXT, *DATA_FIELDS.values())


class Kind(StrEnum):
    """What a span region stands for."""

    EVENT = "event"
    ACTOR = "actor"
    LOCATION = "location"
    TIME = "time"
    WEAPON = "weapon"
    CASUALTY = "casualty"


#: Document field holding the objects of each kind, in the order regions are written.
KIND_FIELDS: dict[Kind, str] = {
    Kind.ACTOR: "actors",
    Kind.LOCATION: "locations",
    Kind.TIME: "times",
    Kind.WEAPON: "weapons",
    Kind.EVENT: "events",
    Kind.CASUALTY: "casualties",
}

#: Prefix of ids given to objects an annotator created (regions without a gold-derived id).
ID_PREFIXES: dict[Kind, str] = {
    Kind.ACTOR: "a", Kind.LOCATION: "l", Kind.TIME: "t", Kind.WEAPON: "w", Kind.EVENT: "e", Kind.CASUALTY: "c",
}


@dataclass(frozen=True)
class Option:
    """One entry of a closed vocabulary as Label Studio shows it.

    ``stored`` is what the annotation result holds (the schema value, used as
    the ``alias``); ``shown`` is what the annotator reads; ``hint`` appears on
    hover.
    """

    stored: str
    shown: str
    hint: str = ""


def _humanize(value: str) -> str:
    return value.replace("_", " ").capitalize()


#: Span labels: event types first (their schema label shown), then the entity kinds.
EVENT_OPTIONS: tuple[Option, ...] = tuple(
    Option(t.value, info.label, info.definition) for t, info in EVENT_TYPES.items()
)
ENTITY_OPTIONS: tuple[Option, ...] = (
    Option(Kind.ACTOR.value, "Actor", "A person, group, force or institution: mark every mention and link them with same_as."),
    Option(Kind.LOCATION.value, "Location", "A place named or described in the text."),
    Option(Kind.TIME.value, "Time", "A date or time expression; give its normalized dates."),
    Option(Kind.WEAPON.value, "Weapon", "A weapon or means of attack."),
    Option(Kind.CASUALTY.value, "Casualty figure",
           "The phrase stating how many people were killed, injured, missing, abducted or arrested."),
)
SPAN_OPTIONS: tuple[Option, ...] = EVENT_OPTIONS + ENTITY_OPTIONS

#: Stored label -> kind of the region.
LABEL_KINDS: dict[str, Kind] = {o.stored: Kind.EVENT for o in EVENT_OPTIONS} | {
    o.stored: Kind(o.stored) for o in ENTITY_OPTIONS
}
#: Stored label of an event-type region -> event type.
EVENT_LABELS: dict[str, EventType] = {t.value: t for t in EVENT_TYPES}
#: Kind -> stored label (entities only; events use their type).
KIND_LABELS: dict[Kind, str] = {Kind(o.stored): o.stored for o in ENTITY_OPTIONS}

if len(LABEL_KINDS) != len(SPAN_OPTIONS):  # pragma: no cover - guards a future taxonomy change
    raise RuntimeError("an event type has the same value as an entity label; rename one of them")


def _vocab(enum: type[StrEnum], hints: dict[str, str] | None = None, shown: dict[str, str] | None = None) -> tuple[Option, ...]:
    return tuple(
        Option(m.value, (shown or {}).get(m.value, _humanize(m.value)), (hints or {}).get(m.value, "")) for m in enum
    )


COUNTRY_OPTIONS: tuple[Option, ...] = tuple(
    Option(c.alpha_2, f"{c.name} ({c.alpha_2})")
    for c in sorted(pycountry.countries, key=lambda c: c.name)
)

ControlTag = Literal["Choices", "Number", "TextArea", "DateTime"]
#: Result ``type`` and the key of ``value`` that holds the control's answer.
RESULT_TYPES: dict[str, str] = {"Choices": "choices", "Number": "number", "TextArea": "textarea", "DateTime": "datetime"}
VALUE_KEYS: dict[str, str] = {"Choices": "choices", "Number": "number", "TextArea": "text", "DateTime": "datetime"}


@dataclass(frozen=True)
class Control:
    """A per-region control: one attribute of the object a region belongs to."""

    name: str
    tag: ControlTag
    kind: Kind
    caption: str
    options: tuple[Option, ...] = ()
    #: TextArea: True when the attribute is a list (one entry per submission).
    many: bool = False
    #: Choices: render as a drop-down (long lists such as countries).
    select: bool = False
    #: Number bounds and step.
    minimum: float | None = None
    maximum: float | None = None
    step: str | None = None
    placeholder: str = ""

    @property
    def result_type(self) -> str:
        return RESULT_TYPES[self.tag]

    @property
    def value_key(self) -> str:
        return VALUE_KEYS[self.tag]


_MODALITY = _vocab(Modality, {m.value: d for m, d in MODALITY_DEFINITIONS.items()})
_ACTOR_TYPES = tuple(Option(t.value, info.label, info.definition) for t, info in ACTOR_TYPES.items())
_QUALIFIERS = _vocab(CountQualifier, {q.value: r for q, r in COUNT_QUALIFIER_RULES.items()})


def _count_controls(prefix: str, kind: Kind, what: str) -> tuple[Control, ...]:
    return (
        Control(f"{prefix}_qualifier", "Choices", kind, f"{what}: how the text states the number", _QUALIFIERS),
        Control(f"{prefix}_low", "Number", kind, f"{what}: low bound (leave empty when the text gives none)",
                minimum=0, step="1"),
        Control(f"{prefix}_best", "Number", kind, f"{what}: best estimate (a single figure)", minimum=0, step="1"),
        Control(f"{prefix}_high", "Number", kind, f"{what}: high bound (leave empty when unbounded)",
                minimum=0, step="1"),
    )


#: Every per-region control, grouped by kind in display order.
CONTROLS: tuple[Control, ...] = (
    Control("modality", "Choices", Kind.EVENT, "Event: did it happen? (empty means actual)", _MODALITY),
    Control("actor_type", "Choices", Kind.ACTOR, "Actor type", _ACTOR_TYPES),
    Control("actor_name", "TextArea", Kind.ACTOR, "Actor: canonical name (empty means the text of its first mention)",
            placeholder="canonical name"),
    Control("actor_aliases", "TextArea", Kind.ACTOR, "Actor: other names and spellings, one per entry", many=True,
            placeholder="alias"),
    Control("actor_country", "Choices", Kind.ACTOR, "Actor: country it belongs to or acts for", COUNTRY_OPTIONS,
            select=True),
    Control("location_name", "TextArea", Kind.LOCATION,
            "Location: canonical name (empty means the text of its first mention)", placeholder="canonical name"),
    Control("location_aliases", "TextArea", Kind.LOCATION, "Location: other spellings, one per entry", many=True,
            placeholder="alias"),
    Control("location_precision", "Choices", Kind.LOCATION, "Location: how precisely the place is given",
            _vocab(LocationPrecision)),
    Control("location_country", "Choices", Kind.LOCATION, "Location: country", COUNTRY_OPTIONS, select=True),
    Control("location_admin1", "TextArea", Kind.LOCATION, "Location: province or state (first-order region)",
            placeholder="admin1"),
    Control("location_lat", "Number", Kind.LOCATION, "Location: latitude (WGS84 degrees)",
            minimum=-90, maximum=90, step="any"),
    Control("location_lon", "Number", Kind.LOCATION, "Location: longitude (WGS84 degrees)",
            minimum=-180, maximum=180, step="any"),
    Control("location_gazetteer", "TextArea", Kind.LOCATION, "Location: gazetteer id, e.g. geonames:98182",
            placeholder="gazetteer id"),
    Control("time_start", "DateTime", Kind.TIME, "Time: first day"),
    Control("time_end", "DateTime", Kind.TIME, "Time: last day (empty means the first day)"),
    Control("time_precision", "Choices", Kind.TIME, "Time: granularity the text gives", _vocab(DatePrecision)),
    Control("time_relative", "Choices", Kind.TIME, "Time: resolved against the publication date?",
            (Option("relative", "Relative to the publication date",
                    "Tick when the text needs the publication date to resolve it ('yesterday', 'last Thursday')."),)),
    Control("weapon_name", "TextArea", Kind.WEAPON, "Weapon: canonical name (empty means the text of its first mention)",
            placeholder="canonical name"),
    Control("weapon_category", "Choices", Kind.WEAPON, "Weapon: category", _vocab(WeaponCategory)),
    *_count_controls("weapon", Kind.WEAPON, "Weapon quantity"),
    Control("casualty_outcome", "Choices", Kind.CASUALTY, "Casualties: what happened to them", _vocab(CasualtyOutcome)),
    *_count_controls("casualty", Kind.CASUALTY, "Casualties"),
    Control("victim_category", "Choices", Kind.CASUALTY, "Casualties: who the victims were (empty means unknown)",
            _vocab(VictimCategory)),
    Control("victim_nationality", "Choices", Kind.CASUALTY, "Casualties: nationality of the victims", COUNTRY_OPTIONS,
            select=True),
)
CONTROLS_BY_NAME: dict[str, Control] = {c.name: c for c in CONTROLS}
#: Stored choice values of each Choices control, for fast membership checks.
CHOICE_VALUES: dict[str, frozenset[str]] = {
    c.name: frozenset(o.stored for o in c.options) for c in CONTROLS if c.tag == "Choices"
}

# --- relations -----------------------------------------------------------------------------------------------

SAME_AS = "same_as"
TIME_OF = "time"
CASUALTY_OF = "casualty_of"
#: Casualty -> actor relations reuse the role names.
VICTIM = Role.VICTIM.value
SOURCE = Role.SOURCE.value
#: Casualty -> casualty (a breakdown of a total) reuses the event link name.
PART_OF = EventLinkType.PART_OF.value

Meaning = Literal["coref", "argument", "time", "link", "casualty_event", "victim_actor", "casualty_source", "breakdown"]


@dataclass(frozen=True)
class RelationRule:
    """What a relation label means between regions of two kinds.

    ``directed`` rules read ``from_id -> to_id`` for direction ``right`` and the
    reverse for ``left``; the others may be drawn either way (the kinds say
    which end is which) and in the writer always go ``subject -> object``.
    """

    label: str
    subject: Kind
    object: Kind
    meaning: Meaning
    directed: bool
    hint: str = ""


def _relation_rules() -> tuple[RelationRule, ...]:
    rules: list[RelationRule] = [RelationRule(SAME_AS, k, k, "coref", False) for k in Kind]
    for role in Role:
        for filler in sorted(ROLE_FILLERS[role]):
            rules.append(RelationRule(role.value, Kind.EVENT, Kind(filler), "argument", False, ROLE_DEFINITIONS[role]))
    rules.append(RelationRule(TIME_OF, Kind.EVENT, Kind.TIME, "time", False))
    for link in EventLinkType:
        rules.append(RelationRule(link.value, Kind.EVENT, Kind.EVENT, "link", True))
    rules += [
        RelationRule(CASUALTY_OF, Kind.CASUALTY, Kind.EVENT, "casualty_event", False),
        RelationRule(VICTIM, Kind.CASUALTY, Kind.ACTOR, "victim_actor", False),
        RelationRule(SOURCE, Kind.CASUALTY, Kind.ACTOR, "casualty_source", False),
        RelationRule(PART_OF, Kind.CASUALTY, Kind.CASUALTY, "breakdown", True),
    ]
    return tuple(rules)


RELATION_RULES: tuple[RelationRule, ...] = _relation_rules()
#: (label, subject kind, object kind) -> rule.
RULES_BY_KEY: dict[tuple[str, Kind, Kind], RelationRule] = {(r.label, r.subject, r.object): r for r in RELATION_RULES}
#: Every relation label, in display order.
RELATION_LABELS: tuple[str, ...] = tuple(dict.fromkeys(r.label for r in RELATION_RULES))

RELATION_HINTS: dict[str, str] = {
    SAME_AS: "Both regions are mentions of the same object (entity coreference, several triggers of one event, "
             "several phrases of one casualty figure).",
    TIME_OF: "Event -> the time expression of when it happened.",
    CASUALTY_OF: "Casualty figure -> the event it belongs to.",
    EventLinkType.RESPONSE_TO.value: "Event -> the event it responds to.",
    EventLinkType.PART_OF.value: "Event -> the larger event it is part of; casualty figure -> the total it breaks down.",
    EventLinkType.RELATED.value: "Event -> another related event.",
    VICTIM: "Event -> people harmed; casualty figure -> the actor the victims belong to.",
    SOURCE: "Event -> who reports or claims it; casualty figure -> the actor the figure is attributed to.",
} | {r.value: ROLE_DEFINITIONS[r] for r in Role if r not in (Role.VICTIM, Role.SOURCE)}

# --- region ids ------------------------------------------------------------------------------------------------

_REGION_ID = re.compile(r"^(?P<obj>.+)-(?P<part>[mt])(?P<k>0|[1-9][0-9]*)$")
_OBJECT_ID = re.compile(ID_PATTERN)


def region_id(object_id: str, k: int, *, trigger: bool = False) -> str:
    """The id of the k-th mention (``-m<k>``) or trigger (``-t<k>``) region of an object."""
    return f"{object_id}-{'t' if trigger else 'm'}{k}"


def object_id_of(rid: str, kind: Kind) -> str | None:
    """The gold object id a region id was derived from, or None for ids Label Studio generated."""
    m = _REGION_ID.match(rid)
    if m is None or (m["part"] == "t") != (kind is Kind.EVENT):
        return None
    obj = m["obj"]
    return obj if len(obj) <= 128 and _OBJECT_ID.match(obj) else None
