"""How the gold schema is represented in Label Studio, defined once: kinds, labels, controls, relations, ids.

The labeling config (:mod:`eventgold.annotate.config`), the writer of tasks
(:mod:`eventgold.annotate.tasks`) and the reader of exports
(:mod:`eventgold.annotate.results` and :mod:`eventgold.annotate.assemble`)
all read these tables, and the tables are built from the schema's
vocabularies, so a new event type, role or attribute appears everywhere at
once. Each :class:`Control` names the schema field it fills (``path``), the
value an empty control means (``default``) and whether it may stay empty
(``required``); each :class:`RelationRule` that fills a reference names its
field the same way. The writer reads an object's value at that path, the
reader puts the answer back there: one definition, both directions.

The representation, in short:

* the report is a ``<Text name="text" value="$text">``; the document fields
  travel in the task data (:data:`DATA_KEYS`);
* every mention is a span region of one ``<Labels name="label">`` control. An
  event trigger carries its **event type** as its label (one label per type, so
  the type is visible in the text and chosen with one click); the other labels
  are ``actor``, ``location``, ``time``, ``weapon`` and ``casualty``, and four
  structural ones: ``detail`` (an argument detail), ``series`` (a phrase that
  counts an event's series), ``dateline`` and ``actor_link`` (the phrase that
  links two actors, e.g. "Iran-backed");
* an object's attributes (modality, actor type, canonical name, counts, dates,
  ...) are per-region controls (:data:`CONTROLS`) on one of its regions;
* everything that links objects is a relation (:data:`RELATION_RULES`):
  ``same_as`` joins the mentions of one object (coreference of entities, of
  event triggers, of casualty phrases, of the phrases of one actor link),
  role labels link an event to its arguments, and so on;
* region ids are derived from the gold ids: ``<object id>-m<k>`` for the k-th
  mention of an entity or casualty, ``<event id>-t<k>`` for the k-th trigger;
  structural regions have ids with a ``/``, which no gold id contains:
  ``<event id>/a<j>`` (detail of argument j), ``<event id>/s<k>`` (k-th series
  phrase), ``dateline/m0``, ``actor_link<i>/m<k>`` (k-th phrase of actor link i).

**Arguments and their details** (schema 2.0's quantity, spatial relation and
distance, certainty and asserted-by). Label Studio relations carry labels and
nothing else, so:

* the *closed choices* are further labels of the role relation: an attacker
  relation labelled ``attacker`` + ``claimed``, a place relation labelled
  ``place`` + ``south`` (:data:`QUALIFIERS`). Choosing them is the same gesture
  as choosing the role, in the same Relations panel, and a relation that
  carries one names exactly one role, so nothing is ambiguous;
* the *open values* (a count, a distance, who makes the attribution) live on
  an **argument detail** region: the annotator marks the phrase that states
  them ("14 of 16", "20 km east of", "blamed ... on") with the ``detail``
  label, fills its count or distance fields, draws the role relation from the
  event to the detail instead of to the entity, an ``entity`` relation from the
  detail to the actor, location or weapon, and, for an attribution, an
  ``asserted_by`` relation to the actor who says so. A detail belongs to one
  argument, so two attackers with different sources (guidelines G13) never
  mix. The schema keeps no span for argument details: the writer places the
  detail on the entity's first mention and the reader does not keep its span.

Why not per-region controls on the entity's region: an entity takes part in
several events and roles with different counts and certainties, and a region
holds one value per control. Why not one relation per argument with all its
values: relations have no attributes, and numbers cannot be labels. The writer
also falls back to a detail region when an argument cannot get a relation of
its own (Label Studio keeps one relation per ordered pair of regions), so
arguments always come back in their order.

The page stays usable: new labels come after the 33 that take Label Studio's
automatic one-key hotkeys (``1``...``9``, ``0``, then letters), so no new key
relabels a region and no per-region choice gets a hotkey; closed choices are
relation labels (no hotkeys) or single-choice lists shown only for the
selected region's kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal, get_args

import pycountry
from pydantic import BaseModel

from eventgold.schema import (
    ACTOR_TYPES,
    EVENT_TYPES,
    ROLE_FILLERS,
    Actor,
    ActorLink,
    ActorLinkType,
    Argument,
    Casualty,
    CasualtyOutcome,
    CasualtyStatus,
    Certainty,
    CountQualifier,
    Dateline,
    DatePrecision,
    Event,
    EventLinkType,
    EventType,
    InjurySeverity,
    Location,
    LocationPrecision,
    Modality,
    Role,
    SpatialRelation,
    Time,
    TimeAnchor,
    VictimCategory,
    Weapon,
    WeaponCategory,
)
from eventgold.schema.model import EXTRA_COUNTRY_CODES, ID_PATTERN
from eventgold.schema.vocab import (
    CERTAINTY_DEFINITIONS,
    COUNT_QUALIFIER_RULES,
    MODALITY_DEFINITIONS,
    ROLE_DEFINITIONS,
)

#: ``name`` of the ``<Text>`` object tag.
TEXT = "text"
#: ``name`` of the one ``<Labels>`` control that marks every mention.
LABELS = "label"

#: Keys of the task data: the report text and every document field.
DATA_TEXT = "text"
DATA_ID = "doc_id"
#: Document field -> task data key. ``id`` and ``source`` are renamed: a bare ``id`` reads like Label Studio's
#: task id, and Label Studio's editor replaces ``data.source`` with the whole task (``TaskStore.dataObj``).
DATA_FIELDS: dict[str, str] = {"schema_version": "schema_version", "id": DATA_ID, "published": "published",
                               "source": "doc_source", "language": "language", "synthetic": "synthetic",
                               "metadata": "metadata"}
DATA_KEYS = (DATA_TEXT, *DATA_FIELDS.values())


class Kind(StrEnum):
    """What a span region stands for."""

    EVENT = "event"
    ACTOR = "actor"
    LOCATION = "location"
    TIME = "time"
    WEAPON = "weapon"
    CASUALTY = "casualty"
    #: One argument's count, distance and attribution (see the module doc).
    DETAIL = "detail"
    #: A phrase that counts an event's series ("more than 40", "the third such").
    SERIES = "series"
    #: The report's dateline ("ERBIL, Iraq, Thursday (Northern Desk) -").
    DATELINE = "dateline"
    #: A phrase that links two actors ("Iran-backed", "affiliated to").
    ACTOR_LINK = "actor_link"


#: Document field holding the objects of each kind that has ids, in the order regions are written.
KIND_FIELDS: dict[Kind, str] = {
    Kind.ACTOR: "actors",
    Kind.LOCATION: "locations",
    Kind.TIME: "times",
    Kind.WEAPON: "weapons",
    Kind.EVENT: "events",
    Kind.CASUALTY: "casualties",
}
#: The field of an object that holds its mentions.
MENTION_FIELDS: dict[Kind, str] = {k: "triggers" if k is Kind.EVENT else "mentions" for k in KIND_FIELDS} | {
    Kind.ACTOR_LINK: "mentions"}
#: How messages name each kind.
NOUNS: dict[Kind, str] = {k: k.value for k in KIND_FIELDS} | {
    Kind.DETAIL: "argument detail", Kind.SERIES: "series phrase", Kind.DATELINE: "dateline",
    Kind.ACTOR_LINK: "actor link"}

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


#: Span labels: event types first (their schema label shown), then the entity kinds, then the structural kinds.
EVENT_OPTIONS: tuple[Option, ...] = tuple(
    Option(t.value, info.label, info.definition) for t, info in EVENT_TYPES.items()
)
ENTITY_OPTIONS: tuple[Option, ...] = (
    Option(Kind.ACTOR.value, "Actor", "A person, group, force or institution: mark every mention and link them with same_as."),
    Option(Kind.LOCATION.value, "Location", "A place named or described in the text."),
    Option(Kind.TIME.value, "Time", "A date or time expression; give its normalized dates."),
    Option(Kind.WEAPON.value, "Weapon", "A weapon or means of attack."),
    Option(Kind.CASUALTY.value, "Casualty figure",
           "The phrase stating how many people were killed, injured, missing, abducted, arrested or displaced."),
    Option(Kind.DETAIL.value, "Argument detail",
           "The phrase giving an argument's count, distance or attribution ('14 of 16', '20 km east of', 'blamed "
           "on'): draw the role relation from the event to it and an entity relation from it to the entity."),
    Option(Kind.SERIES.value, "Series phrase",
           "The phrase that counts an event's series ('more than 40', 'the third such'): link it series_of to the "
           "event, whose attributes hold the count."),
    Option(Kind.DATELINE.value, "Dateline", "The dateline opening the report ('ERBIL, Iraq, Thursday (Agency) -')."),
    Option(Kind.ACTOR_LINK.value, "Actor link phrase",
           "The phrase that links two actors ('Iran-backed', 'affiliated to'): choose its type, link it source and "
           "target to the two actors."),
)
SPAN_OPTIONS: tuple[Option, ...] = EVENT_OPTIONS + ENTITY_OPTIONS

#: Stored label -> kind of the region.
LABEL_KINDS: dict[str, Kind] = {o.stored: Kind.EVENT for o in EVENT_OPTIONS} | {
    o.stored: Kind(o.stored) for o in ENTITY_OPTIONS
}
#: Stored label of an event-type region -> event type.
EVENT_LABELS: dict[str, EventType] = {t.value: t for t in EVENT_TYPES}
#: Kind -> stored label (all kinds but events, which use their type).
KIND_LABELS: dict[Kind, str] = {Kind(o.stored): o.stored for o in ENTITY_OPTIONS}

if len(LABEL_KINDS) != len(SPAN_OPTIONS):  # pragma: no cover - guards a future taxonomy change
    raise RuntimeError("an event type has the same value as an entity label; rename one of them")


def _vocab(enum: type[StrEnum], hints: dict[str, str] | None = None, shown: dict[str, str] | None = None) -> tuple[Option, ...]:
    return tuple(
        Option(m.value, (shown or {}).get(m.value, _humanize(m.value)), (hints or {}).get(m.value, "")) for m in enum
    )


#: Names of the codes the schema accepts beside ISO 3166-1 (:data:`~eventgold.schema.model.EXTRA_COUNTRY_CODES`).
_EXTRA_COUNTRY_NAMES: dict[str, str] = {"XK": "Kosovo"}
COUNTRY_OPTIONS: tuple[Option, ...] = tuple(
    Option(code, f"{name} ({code})")
    for name, code in sorted([(c.name, c.alpha_2) for c in pycountry.countries]
                             + [(_EXTRA_COUNTRY_NAMES[code], code) for code in EXTRA_COUNTRY_CODES])
)

ControlTag = Literal["Choices", "Number", "TextArea", "DateTime"]
#: Result ``type`` and the key of ``value`` that holds the control's answer.
RESULT_TYPES: dict[str, str] = {"Choices": "choices", "Number": "number", "TextArea": "textarea", "DateTime": "datetime"}
VALUE_KEYS: dict[str, str] = {"Choices": "choices", "Number": "number", "TextArea": "text", "DateTime": "datetime"}


class Derived(StrEnum):
    """Defaults computed from the object rather than constant."""

    #: The text of the object's first mention (canonical names).
    FIRST_MENTION = "first mention"
    #: The time's first day (a time's last day).
    START = "first day"


@dataclass(frozen=True)
class Control:
    """A per-region control: one attribute of the object a region belongs to.

    ``path`` is where its value sits in the schema object of ``kind`` (for a
    detail, in the :class:`~eventgold.schema.Argument`): ``("count",
    "qualifier")`` is ``casualty.count.qualifier``. An empty control means
    ``default`` (a value, a :class:`Derived` default, or None: the field stays
    unset); a ``required`` control without default is an error when empty,
    as long as the part it sits in is there (a weapon's quantity is there when
    any of its controls is set; a casualty's count always is). ``missing``
    overrides the message for that case. A ``flag`` is a Choices control with
    one option that stands for True.
    """

    name: str
    tag: ControlTag
    kind: Kind
    caption: str
    path: tuple[str, ...]
    options: tuple[Option, ...] = ()
    default: Any = None
    required: bool = False
    #: What the field is called in messages ("has no qualifier"); the last part of the path by default.
    noun: str = ""
    missing: str = ""
    missing_hint: str = ""
    flag: bool = False
    #: TextArea: True when the attribute is a list (one entry per submission).
    many: bool = False
    #: Choices: render as a drop-down (long lists such as countries).
    select: bool = False
    #: Number bounds and step ("1": a whole number, read back as an int).
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

    @property
    def whole(self) -> bool:
        return self.step == "1"

    @property
    def what(self) -> str:
        return self.noun or self.path[-1].replace("_", " ")


_MODALITY = _vocab(Modality, {m.value: d for m, d in MODALITY_DEFINITIONS.items()})
_ACTOR_TYPES = tuple(Option(t.value, info.label, info.definition) for t, info in ACTOR_TYPES.items())
_QUALIFIERS = _vocab(CountQualifier, {q.value: r for q, r in COUNT_QUALIFIER_RULES.items()})


def _count_controls(prefix: str, kind: Kind, what: str, path: tuple[str, ...], *, noun: str = "",
                    missing: str = "") -> tuple[Control, ...]:
    return (
        Control(f"{prefix}_qualifier", "Choices", kind, f"{what}: how the text states the number", (*path, "qualifier"),
                _QUALIFIERS, required=True, noun=noun, missing=missing),
        Control(f"{prefix}_low", "Number", kind, f"{what}: low bound (leave empty when the text gives none)",
                (*path, "low"), minimum=0, step="1"),
        Control(f"{prefix}_best", "Number", kind, f"{what}: best estimate (a single figure)", (*path, "best"),
                minimum=0, step="1"),
        Control(f"{prefix}_high", "Number", kind, f"{what}: high bound (leave empty when unbounded)", (*path, "high"),
                minimum=0, step="1"),
    )


def _flag(name: str, kind: Kind, caption: str, path: tuple[str, ...], shown: str, hint: str) -> Control:
    return Control(name, "Choices", kind, caption, path, (Option(path[-1], shown, hint),), default=False, flag=True)


_COORDINATES_HINT = "Give both coordinates or neither"

#: Every per-region control, grouped by kind in display order.
CONTROLS: tuple[Control, ...] = (
    Control("modality", "Choices", Kind.EVENT, "Event: did it happen? (empty means actual)", ("modality",), _MODALITY,
            default=Modality.ACTUAL.value),
    Control("incident_id", "TextArea", Kind.EVENT,
            "Event: incident id, shared by every report of the same real-world incident", ("incident_id",),
            placeholder="incident id"),
    *_count_controls("series", Kind.EVENT, "Series count (this incident included)", ("series", "count"),
                     noun="count qualifier", missing="has a series but no count qualifier"),
    Control("series_ordinal", "Number", Kind.EVENT, "Series: this incident's place in it ('the third' = 3)",
            ("series", "ordinal"), minimum=1, step="1"),
    Control("actor_type", "Choices", Kind.ACTOR, "Actor type", ("type",), _ACTOR_TYPES, required=True),
    Control("actor_name", "TextArea", Kind.ACTOR, "Actor: canonical name (empty means the text of its first mention)",
            ("name",), default=Derived.FIRST_MENTION, placeholder="canonical name"),
    Control("actor_aliases", "TextArea", Kind.ACTOR, "Actor: other names and spellings, one per entry", ("aliases",),
            default=(), many=True, placeholder="alias"),
    Control("actor_country", "Choices", Kind.ACTOR, "Actor: country it belongs to or acts for", ("country",),
            COUNTRY_OPTIONS, select=True),
    Control("location_name", "TextArea", Kind.LOCATION,
            "Location: canonical name (empty means the text of its first mention)", ("name",),
            default=Derived.FIRST_MENTION, placeholder="canonical name"),
    Control("location_aliases", "TextArea", Kind.LOCATION, "Location: other spellings, one per entry", ("aliases",),
            default=(), many=True, placeholder="alias"),
    Control("location_precision", "Choices", Kind.LOCATION, "Location: how precisely the place is given",
            ("precision",), _vocab(LocationPrecision), required=True),
    Control("location_country", "Choices", Kind.LOCATION, "Location: country", ("country",), COUNTRY_OPTIONS,
            select=True),
    Control("location_admin1", "TextArea", Kind.LOCATION, "Location: province or state (first-order region)",
            ("admin1",), placeholder="admin1"),
    Control("location_lat", "Number", Kind.LOCATION, "Location: latitude (WGS84 degrees)", ("coordinates", "lat"),
            required=True, missing="has a longitude but no latitude", missing_hint=_COORDINATES_HINT,
            minimum=-90, maximum=90, step="any"),
    Control("location_lon", "Number", Kind.LOCATION, "Location: longitude (WGS84 degrees)", ("coordinates", "lon"),
            required=True, missing="has a latitude but no longitude", missing_hint=_COORDINATES_HINT,
            minimum=-180, maximum=180, step="any"),
    Control("location_gazetteer", "TextArea", Kind.LOCATION, "Location: gazetteer id, e.g. geonames:98182",
            ("gazetteer_id",), placeholder="gazetteer id"),
    Control("time_start", "DateTime", Kind.TIME, "Time: first day", ("value", "start"), required=True),
    Control("time_end", "DateTime", Kind.TIME, "Time: last day (empty means the first day)", ("value", "end"),
            default=Derived.START),
    Control("time_precision", "Choices", Kind.TIME, "Time: granularity the text gives", ("value", "precision"),
            _vocab(DatePrecision), required=True),
    _flag("time_relative", Kind.TIME, "Time: resolved against an anchor date?", ("relative",),
          "Relative to an anchor date",
          "Tick when the text needs another date to resolve it ('yesterday', 'last Thursday', 'two days later')."),
    Control("time_anchor", "Choices", Kind.TIME,
            "Time: what a relative time counts from (empty means the publication date)", ("anchor",),
            _vocab(TimeAnchor, {
                TimeAnchor.PUBLISHED.value: "The publication date (the default; guidelines G24).",
                TimeAnchor.DATELINE.value: "The dateline's date: weekday names in a datelined story.",
                TimeAnchor.TIME.value: "Another time ('two days earlier' after a stated date): draw an anchor relation "
                                       "to it.",
                TimeAnchor.EVENT.value: "An event ('the day after the bombing'): draw an anchor relation to it."},
                {TimeAnchor.PUBLISHED.value: "Publication date", TimeAnchor.DATELINE.value: "Dateline date",
                 TimeAnchor.TIME.value: "Another time", TimeAnchor.EVENT.value: "An event"})),
    _flag("time_approximate", Kind.TIME, "Time: vague period whose bounds you chose?", ("approximate",),
          "Approximate", "Tick for vague periods ('in recent months', 'last week'), guidelines G25."),
    Control("weapon_name", "TextArea", Kind.WEAPON, "Weapon: canonical name (empty means the text of its first mention)",
            ("name",), default=Derived.FIRST_MENTION, placeholder="canonical name"),
    Control("weapon_category", "Choices", Kind.WEAPON, "Weapon: category", ("category",), _vocab(WeaponCategory),
            required=True),
    *_count_controls("weapon", Kind.WEAPON, "Weapon quantity", ("quantity",)),
    Control("casualty_outcome", "Choices", Kind.CASUALTY, "Casualties: what happened to them", ("outcome",),
            _vocab(CasualtyOutcome), required=True),
    *_count_controls("casualty", Kind.CASUALTY, "Casualties", ("count",)),
    Control("victim_category", "Choices", Kind.CASUALTY, "Casualties: who the victims were (empty means unknown)",
            ("victim", "category"), _vocab(VictimCategory), default=VictimCategory.UNKNOWN.value),
    Control("victim_nationality", "Choices", Kind.CASUALTY, "Casualties: nationality of the victims",
            ("victim", "nationality"), COUNTRY_OPTIONS, select=True),
    Control("casualty_severity", "Choices", Kind.CASUALTY, "Casualties: how badly the injured were hurt, when stated",
            ("severity",), _vocab(InjurySeverity, {
                InjurySeverity.MINOR.value: "'lightly injured', 'minor injuries'",
                InjurySeverity.SERIOUS.value: "'seriously wounded', 'badly hurt'",
                InjurySeverity.CRITICAL.value: "'in critical condition'"})),
    Control("casualty_descriptor", "TextArea", Kind.CASUALTY,
            "Casualties: the kind of harm as stated ('burns', 'traumatic brain injury')", ("descriptor",),
            placeholder="descriptor"),
    Control("casualty_status", "Choices", Kind.CASUALTY, "Casualties: later state the text reports", ("status",),
            _vocab(CasualtyStatus, {
                CasualtyStatus.HOSPITALISED.value: "'still in hospital' (injured)",
                CasualtyStatus.DISCHARGED.value: "'discharged' (injured)",
                CasualtyStatus.RETURNED_TO_DUTY.value: "'returned to duty' (injured)",
                CasualtyStatus.DIED_OF_WOUNDS.value: "'later died of wounds' (injured)",
                CasualtyStatus.RELEASED.value: "'released', 'freed' (abducted, arrested or missing)"})),
    *_count_controls("argument", Kind.DETAIL, "Argument quantity (how many of the entity: 14 in 14 of 16 drones)",
                     ("quantity",)),
    Control("argument_distance", "Number", Kind.DETAIL,
            "Argument: distance in km from the place (with near or a compass direction; 10 miles = 16.1)",
            ("spatial", "distance_km"), minimum=0, step="any"),
    Control("dateline_place", "TextArea", Kind.DATELINE, "Dateline: the place name as written", ("place",),
            placeholder="place"),
    Control("dateline_date", "DateTime", Kind.DATELINE, "Dateline: its date", ("date",)),
    Control("dateline_agency", "TextArea", Kind.DATELINE, "Dateline: the agency tag", ("agency",),
            placeholder="agency"),
    Control("actor_link_type", "Choices", Kind.ACTOR_LINK, "Actor link: how the source actor relates to the target",
            ("type",), _vocab(ActorLinkType, {
                ActorLinkType.BACKED_BY.value: "'Iran-backed militia': source the militia, target Iran.",
                ActorLinkType.AFFILIATED_WITH.value: "'affiliated to al-Qaeda', 'the Sahel branch of'.",
                ActorLinkType.PART_OF.value: "'a unit of the army', 'the army's 5th brigade': source the unit."}),
            required=True),
)
CONTROLS_BY_NAME: dict[str, Control] = {c.name: c for c in CONTROLS}

#: The schema model of what the regions of each kind stand for (a detail: the argument it details).
MODELS: dict[Kind, type[BaseModel]] = {
    Kind.EVENT: Event, Kind.ACTOR: Actor, Kind.LOCATION: Location, Kind.TIME: Time, Kind.WEAPON: Weapon,
    Kind.CASUALTY: Casualty, Kind.DETAIL: Argument, Kind.DATELINE: Dateline, Kind.ACTOR_LINK: ActorLink,
}


def field_model(model: type[BaseModel], name: str) -> type[BaseModel]:
    """The model a field of ``model`` holds (``Quantity`` for ``Weapon.quantity``)."""
    annotation = model.model_fields[name].annotation
    for t in (annotation, *get_args(annotation)):
        if isinstance(t, type) and issubclass(t, BaseModel):
            return t
    raise TypeError(f"{model.__name__}.{name} holds no model")


def _always_there(kind: Kind, part: tuple[str, ...]) -> bool:
    """Whether the schema always has the part at ``part`` once its parent is there (required or defaulted)."""
    model = MODELS[kind]
    for name in part[:-1]:
        model = field_model(model, name)
    info = model.model_fields[part[-1]]
    return info.is_required() or info.get_default(call_default_factory=True) is not None


#: Parts of an object that are there whenever their parent is, read from the schema: a time's value, a casualty's
#: count and victim, a series' count. Every other part (a weapon's quantity, coordinates, a series) is there only
#: when one of its controls (or relations) gives it a value.
ALWAYS_THERE: frozenset[tuple[Kind, tuple[str, ...]]] = frozenset(
    (c.kind, c.path[:k]) for c in CONTROLS for k in range(1, len(c.path)) if _always_there(c.kind, c.path[:k]))
#: The controls of each kind, in display order.
CONTROLS_BY_KIND: dict[Kind, tuple[Control, ...]] = {k: tuple(c for c in CONTROLS if c.kind is k) for k in Kind}
#: Stored choice values of each Choices control, for fast membership checks.
CHOICE_VALUES: dict[str, frozenset[str]] = {
    c.name: frozenset(o.stored for o in c.options) for c in CONTROLS if c.tag == "Choices"
}

# --- relations -----------------------------------------------------------------------------------------------

SAME_AS = "same_as"
TIME_OF = "time"
CASUALTY_OF = "casualty_of"
ALSO_CASUALTY_OF = "also_casualty_of"
SERIES_OF = "series_of"
SERIES_TIME = "series_time"
ANCHOR = "anchor"
ENTITY = "entity"
ASSERTED_BY = "asserted_by"
REVISES = "revises"
DISPUTES = "disputes"
#: Relations that reuse a role or link name where its meaning carries over.
VICTIM = Role.VICTIM.value
SOURCE = Role.SOURCE.value
TARGET = Role.TARGET.value
PLACE = Role.PLACE.value
PART_OF = EventLinkType.PART_OF.value

Meaning = Literal["coref", "argument", "link", "slot", "member"]


@dataclass(frozen=True)
class RelationRule:
    """What a relation label means between regions of two kinds.

    ``directed`` rules read ``from_id -> to_id`` for direction ``right`` and the
    reverse for ``left``; the others may be drawn either way (the kinds say
    which end is which) and in the writer always go ``subject -> object``.

    Meanings: ``coref`` joins two mentions of one object; ``argument`` adds an
    argument (the object is the entity, or a detail region); ``link`` adds
    ``{type, source, target}`` to the document list ``field``; ``slot`` puts the
    object's id at ``path`` in the subject (appended when ``many``); ``member``
    makes the subject region a mention of the object's part at ``path`` (a
    series phrase of an event). ``required`` slots are an error when missing,
    with the message ``missing``.
    """

    label: str
    subject: Kind
    object: Kind
    meaning: Meaning
    directed: bool
    path: tuple[str, ...] = ()
    many: bool = False
    field: str = ""
    required: bool = False
    missing: str = ""
    missing_hint: str = ""


_ENTITY_KINDS = (Kind.ACTOR, Kind.LOCATION, Kind.WEAPON)


def _relation_rules() -> tuple[RelationRule, ...]:
    rules: list[RelationRule] = [RelationRule(SAME_AS, k, k, "coref", False) for k in (*KIND_FIELDS, Kind.ACTOR_LINK)]
    for role in Role:
        for filler in sorted(ROLE_FILLERS[role]):
            rules.append(RelationRule(role.value, Kind.EVENT, Kind(filler), "argument", False))
        rules.append(RelationRule(role.value, Kind.EVENT, Kind.DETAIL, "argument", False))
    rules += [
        RelationRule(TIME_OF, Kind.EVENT, Kind.TIME, "slot", False, ("time",)),
        RelationRule(SERIES_TIME, Kind.EVENT, Kind.TIME, "slot", False, ("series", "time")),
    ]
    for link in EventLinkType:
        rules.append(RelationRule(link.value, Kind.EVENT, Kind.EVENT, "link", True, field="links"))
    rules += [
        RelationRule(CASUALTY_OF, Kind.CASUALTY, Kind.EVENT, "slot", False, ("event",), required=True,
                     missing="is not linked to its event",
                     missing_hint="Draw a casualty_of relation from the casualty figure to its event"),
        RelationRule(VICTIM, Kind.CASUALTY, Kind.ACTOR, "slot", False, ("victim", "actor")),
        RelationRule(SOURCE, Kind.CASUALTY, Kind.ACTOR, "slot", False, ("source",)),
        RelationRule(PART_OF, Kind.CASUALTY, Kind.CASUALTY, "slot", True, ("part_of",)),
        RelationRule(ALSO_CASUALTY_OF, Kind.CASUALTY, Kind.EVENT, "slot", False, ("also_events",), many=True),
        RelationRule(REVISES, Kind.CASUALTY, Kind.CASUALTY, "slot", True, ("revises",)),
        RelationRule(DISPUTES, Kind.CASUALTY, Kind.CASUALTY, "slot", True, ("disputes",)),
        RelationRule(ANCHOR, Kind.TIME, Kind.TIME, "slot", True, ("anchor_ref",)),
        RelationRule(ANCHOR, Kind.TIME, Kind.EVENT, "slot", False, ("anchor_ref",)),
        *(RelationRule(ENTITY, Kind.DETAIL, k, "slot", False, ("entity",), required=True,
                       missing="is not linked to its entity",
                       missing_hint="Draw an entity relation from the detail to the actor, location or weapon")
          for k in _ENTITY_KINDS),
        RelationRule(ASSERTED_BY, Kind.DETAIL, Kind.ACTOR, "slot", False, ("asserted_by",)),
        RelationRule(SERIES_OF, Kind.SERIES, Kind.EVENT, "member", False, ("series", "mentions"), required=True,
                     missing="is not linked to its event",
                     missing_hint="Draw a series_of relation from the phrase to the event it counts"),
        RelationRule(PLACE, Kind.DATELINE, Kind.LOCATION, "slot", False, ("location",)),
    ]
    for alink in ActorLinkType:
        rules.append(RelationRule(alink.value, Kind.ACTOR, Kind.ACTOR, "link", True, field="actor_links"))
    rules += [
        RelationRule(SOURCE, Kind.ACTOR_LINK, Kind.ACTOR, "slot", False, ("source",), required=True,
                     missing="has no source actor",
                     missing_hint="Draw a source relation from the phrase to the actor the link starts from"),
        RelationRule(TARGET, Kind.ACTOR_LINK, Kind.ACTOR, "slot", False, ("target",), required=True,
                     missing="has no target actor",
                     missing_hint="Draw a target relation from the phrase to the actor the link points to"),
    ]
    return tuple(rules)


RELATION_RULES: tuple[RelationRule, ...] = _relation_rules()
#: (label, subject kind, object kind) -> rule.
RULES_BY_KEY: dict[tuple[str, Kind, Kind], RelationRule] = {(r.label, r.subject, r.object): r for r in RELATION_RULES}
#: Slot rules of each subject kind, one per (label, path), in table order: what the writer writes for an object.
SLOTS: dict[Kind, tuple[RelationRule, ...]] = {
    k: tuple({(r.label, r.path): r for r in RELATION_RULES if r.subject is k and r.meaning in ("slot", "member")
              }.values()) for k in Kind}


@dataclass(frozen=True)
class Qualifier:
    """A closed choice of an argument given as a further label of its role relation (see the module doc)."""

    path: tuple[str, ...]
    values: tuple[str, ...]
    #: Whether the part at ``path[:-1]`` needs it (a distance needs a spatial relation).
    required: bool = False
    missing: str = ""
    missing_hint: str = ""


QUALIFIERS: tuple[Qualifier, ...] = (
    Qualifier(("certainty",), tuple(c.value for c in Certainty)),
    Qualifier(("spatial", "relation"), tuple(s.value for s in SpatialRelation), required=True, missing="has a distance but no spatial relation",
              missing_hint="Add near or a compass direction (north, ...) to the labels of the role relation"),
)
#: Qualifier label -> its qualifier.
QUALIFIER_LABELS: dict[str, Qualifier] = {v: q for q in QUALIFIERS for v in q.values}

#: Every relation label, in display order.
RELATION_LABELS: tuple[str, ...] = tuple(dict.fromkeys([*(r.label for r in RELATION_RULES), *QUALIFIER_LABELS]))

if set(QUALIFIER_LABELS) & {r.label for r in RELATION_RULES}:  # pragma: no cover - guards a vocabulary change
    raise RuntimeError("a certainty or spatial relation has the name of a relation label; rename one of them")

RELATION_HINTS: dict[str, str] = {
    SAME_AS: "Both regions are mentions of the same object (entity coreference, several triggers of one event, "
             "several phrases of one casualty figure or of one actor link).",
    TIME_OF: "Event -> the time expression of when it happened.",
    SERIES_TIME: "Event -> the time a series spans ('since March').",
    CASUALTY_OF: "Casualty figure -> the event it belongs to.",
    ALSO_CASUALTY_OF: "Casualty figure -> a further event the same figure covers ('in the two attacks').",
    REVISES: "Casualty figure -> an earlier figure it replaces ('now seven').",
    DISPUTES: "Casualty figure -> another source's figure it contradicts.",
    EventLinkType.RESPONSE_TO.value: "Event -> the event it responds to.",
    EventLinkType.PART_OF.value: "Event -> the larger event it is part of; casualty figure -> the total it breaks "
                                 "down; actor -> the actor it is a unit of (no phrase).",
    EventLinkType.RELATED.value: "Event -> another related event.",
    VICTIM: "Event -> people harmed; casualty figure -> the actor the victims belong to.",
    SOURCE: "Event -> who reports or claims it; casualty figure -> the actor the figure is attributed to; actor "
            "link phrase -> the actor the link starts from (the militia in 'Iran-backed militia').",
    TARGET: f"{ROLE_DEFINITIONS[Role.TARGET]} Actor link phrase -> the actor the link points to (Iran).",
    PLACE: f"{ROLE_DEFINITIONS[Role.PLACE]} Dateline -> the location entity of its place.",
    ANCHOR: "Relative time -> the time or event it counts from ('two days earlier', 'the day after the bombing').",
    ENTITY: "Argument detail -> the actor, location or weapon the argument is about.",
    ASSERTED_BY: "Argument detail -> the actor who makes the attribution (the claimant, the accuser).",
    SERIES_OF: "Series phrase -> the event whose series it counts.",
    ActorLinkType.BACKED_BY.value: "Actor -> the actor backing it, when no phrase says so (else use a phrase).",
    ActorLinkType.AFFILIATED_WITH.value: "Actor -> the actor it is affiliated with, when no phrase says so.",
} | {r.value: ROLE_DEFINITIONS[r] for r in Role if r not in (Role.VICTIM, Role.SOURCE, Role.TARGET, Role.PLACE)} | {
    c.value: f"Certainty of an attacker (with the attacker label): {d}" for c, d in CERTAINTY_DEFINITIONS.items()
} | {
    SpatialRelation.IN.value: "With place (or a location target): the event is in or at the place (the default).",
    SpatialRelation.NEAR.value: "With place: near, outside, around or close to the place.",
    SpatialRelation.OUTSKIRTS.value: "With place: on the outskirts of the place.",
} | {
    s.value: f"With place: {s.value} of the place ('{s.value} of Baghdad'); an argument detail holds a stated "
             f"distance ('20 km {s.value} of')."
    for s in SpatialRelation if s not in (SpatialRelation.IN, SpatialRelation.NEAR, SpatialRelation.OUTSKIRTS)
}

# --- region ids ------------------------------------------------------------------------------------------------

_REGION_ID = re.compile(r"^(?P<obj>.+)-(?P<part>[mt])(?P<k>0|[1-9][0-9]*)$")
_OBJECT_ID = re.compile(ID_PATTERN)


def mention_prefix(object_id: str, *, trigger: bool = False) -> str:
    """The region ids of an object's mentions are this prefix and k (``a1-m`` + ``0``; ``e1-t`` for triggers)."""
    return f"{object_id}-{'t' if trigger else 'm'}"


def region_id(object_id: str, k: int, *, trigger: bool = False) -> str:
    """The id of the k-th mention (``-m<k>``) or trigger (``-t<k>``) region of an object."""
    return f"{mention_prefix(object_id, trigger=trigger)}{k}"


def detail_id(event_id: str, j: int) -> str:
    """The id of the detail region of an event's j-th argument."""
    return f"{event_id}/a{j}"


def series_prefix(event_id: str) -> str:
    """The region id of an event's k-th series phrase is this prefix and k (``e1/s0``)."""
    return f"{event_id}/s"


DATELINE_ID = "dateline/m0"


def actor_link_prefix(i: int) -> str:
    """The region id of the k-th phrase of the document's i-th actor link is this prefix and k (``actor_link0/m0``)."""
    return f"actor_link{i}/m"


def object_id_of(rid: str, kind: Kind) -> str | None:
    """The gold object id a region id was derived from, or None for ids Label Studio generated."""
    m = _REGION_ID.match(rid)
    if m is None or (m["part"] == "t") != (kind is Kind.EVENT):
        return None
    obj = m["obj"]
    return obj if len(obj) <= 128 and _OBJECT_ID.match(obj) else None
