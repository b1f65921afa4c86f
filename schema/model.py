"""The gold-standard document model (pydantic v2).

A :class:`Document` is one report plus all its annotations. Gold documents and
system predictions use the same model; :mod:`eventgold.schema.validate` checks
the rules that need the whole document (offsets against the text, references
between objects) under a *gold* or a *prediction* profile.

Offsets are ``[start, end)`` Python string indices into ``Document.text``,
the convention of Label Studio's ``<Text>`` tag.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import pycountry
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, JsonValue, model_validator

from .vocab import (
    SCHEMA_VERSION,
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
    Role,
    SpatialRelation,
    TimeAnchor,
    VictimCategory,
    WeaponCategory,
)

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:\-]*$"


#: Codes people write for a country that ISO 3166-1 spells otherwise.
COUNTRY_CODE_HINTS: dict[str, str] = {"UK": "GB", "EL": "GR", "KO": "XK", "UAE": "AE", "USA": "US", "KSA": "SA"}


#: Codes accepted beside ISO 3166-1: XK, the user-assigned code for Kosovo that ACLED, the EU and the IMF use.
EXTRA_COUNTRY_CODES = frozenset({"XK"})


def _check_country(code: str) -> str:
    if code not in EXTRA_COUNTRY_CODES and pycountry.countries.get(alpha_2=code) is None:
        hint = COUNTRY_CODE_HINTS.get(code.upper())
        if hint:
            raise ValueError(f"{code!r} is not an ISO 3166-1 alpha-2 country code; use {hint!r}")
        raise ValueError(f"{code!r} is not an ISO 3166-1 alpha-2 country code (use e.g. 'IQ', 'ML', 'CO')")
    return code


Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=128, description="Identifier, unique within the document.")]
Ref = Annotated[str, Field(pattern=ID_PATTERN, max_length=128, description="The id of another object in the same document.")]
Country = Annotated[
    str,
    Field(min_length=2, max_length=2, description="ISO 3166-1 alpha-2 country code, upper case (XK for Kosovo)."),
    AfterValidator(_check_country),
]
Count = Annotated[int, Field(ge=0, description="A non-negative whole number.")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, use_enum_values=False)


class Mention(_Strict):
    """A piece of the text: ``text == document.text[start:end]``.

    Gold mentions always have offsets. A prediction may give only ``text`` (span-free).
    """

    start: int | None = Field(default=None, ge=0, description="First character, a Python string index (code points).")
    end: int | None = Field(default=None, ge=0, description="One past the last character (exclusive).")
    text: str = Field(min_length=1, description="The covered text, stored so files can be read and checked.")

    @model_validator(mode="after")
    def _offsets_together(self) -> Mention:
        if (self.start is None) != (self.end is None):
            raise ValueError("give both start and end, or neither (a span-free prediction)")
        if self.start is not None and self.end is not None and self.start >= self.end:
            raise ValueError(f"start {self.start} must be smaller than end {self.end}")
        return self


class Actor(_Strict):
    """An actor as an entity: every mention of it, its canonical name and aliases."""

    id: Id
    name: str = Field(min_length=1, description="Canonical name, e.g. the fullest official spelling.")
    aliases: list[str] = Field(default_factory=list, description="Other names and spellings used for this actor.")
    type: ActorType = Field(description="Actor type; see ACTOR_TYPES for the ACLED inter-code crosswalk.")
    country: Country | None = Field(default=None, description="Country the actor belongs to or acts for.")
    mentions: list[Mention] = Field(default_factory=list, description="All coreferent mentions, in text order.")


class Coordinates(_Strict):
    """A point in WGS84 degrees."""

    lat: float = Field(ge=-90, le=90, description="Latitude, WGS84 degrees.")
    lon: float = Field(ge=-180, le=180, description="Longitude, WGS84 degrees.")


class Location(_Strict):
    """A place as an entity, with the precision at which it is known."""

    id: Id
    name: str = Field(min_length=1, description="Canonical place name.")
    aliases: list[str] = Field(default_factory=list, description="Other spellings of the place name.")
    country: Country | None = Field(default=None, description="Country containing the place.")
    admin1: str | None = Field(default=None, description="First-order administrative region (province, state).")
    coordinates: Coordinates | None = Field(default=None, description="Point coordinates when known.")
    gazetteer_id: str | None = Field(default=None, description="Identifier in a gazetteer, e.g. 'geonames:98182'.")
    precision: LocationPrecision = Field(description="How precisely the place is given (UCDP where_prec, coarsened).")
    mentions: list[Mention] = Field(default_factory=list, description="All coreferent mentions, in text order.")


class DateInterval(_Strict):
    """A normalized date or date range, closed on both ends."""

    start: dt.date = Field(description="First day of the interval.")
    end: dt.date = Field(description="Last day of the interval (inclusive).")
    precision: DatePrecision = Field(description="Granularity the text gives: day, week, month or year.")

    @model_validator(mode="after")
    def _ordered(self) -> DateInterval:
        if self.start > self.end:
            raise ValueError(f"start {self.start} is after end {self.end}; swap them")
        return self


class Time(_Strict):
    """A time expression as an entity, resolved against the publication date or another anchor."""

    id: Id
    value: DateInterval = Field(description="The normalized interval.")
    relative: bool = Field(default=False, description="True when the text needs an anchor date to resolve it.")
    anchor: TimeAnchor | None = Field(
        default=None,
        description="What a relative expression is resolved against; unset means the publication date. "
                    "'time' and 'event' name the anchor in anchor_ref.")
    anchor_ref: Ref | None = Field(
        default=None, description="Id of the time or event a relative expression counts from ('two days earlier').")
    approximate: bool = Field(
        default=False, description="True for vague periods whose bounds the annotator chose ('in recent months').")
    mentions: list[Mention] = Field(default_factory=list, description="All mentions of this time.")

    @model_validator(mode="after")
    def _anchor_consistent(self) -> Time:
        if self.anchor is not None and not self.relative:
            raise ValueError("an anchor is only for relative times; set relative to true or remove the anchor")
        needs_ref = self.anchor in (TimeAnchor.TIME, TimeAnchor.EVENT)
        if needs_ref and self.anchor_ref is None:
            raise ValueError(f"anchor {self.anchor.value!r} needs anchor_ref, the id it counts from")  # type: ignore[union-attr]
        if not needs_ref and self.anchor_ref is not None:
            raise ValueError("anchor_ref is only for anchor 'time' or 'event'; set anchor or remove anchor_ref")
        return self


class Quantity(_Strict):
    """A count as an interval ``[low, high]`` with an optional best estimate.

    Missing is not zero: an unknown bound is ``None``, never 0.
    """

    qualifier: CountQualifier = Field(description="How the text states the count.")
    low: Count | None = Field(default=None, description="Lower bound; None when the text gives none.")
    best: Count | None = Field(default=None, description="Best estimate when the text gives a single figure.")
    high: Count | None = Field(default=None, description="Upper bound; None when unbounded or unknown.")

    @model_validator(mode="after")
    def _consistent(self) -> Quantity:
        q, lo, best, hi = self.qualifier, self.low, self.best, self.high
        if lo is not None and hi is not None and lo > hi:
            raise ValueError(f"low {lo} is greater than high {hi}")
        if best is not None and ((lo is not None and best < lo) or (hi is not None and best > hi)):
            raise ValueError(f"best {best} lies outside [low, high] = [{lo}, {hi}]")
        if q is CountQualifier.AT_LEAST and best is not None:
            raise ValueError("qualifier 'at_least' takes no best figure (the text gives only a floor); remove best")
        rule = {
            CountQualifier.EXACT: lo is not None and lo == hi == best,
            CountQualifier.AT_LEAST: lo is not None and hi is None,
            CountQualifier.AT_MOST: hi is not None,
            CountQualifier.APPROXIMATELY: best is not None,
            CountQualifier.RANGE: lo is not None and hi is not None and lo < hi,
            CountQualifier.VAGUE: lo is not None,
            CountQualifier.UNSPECIFIED: lo is None and best is None and hi is None,
        }[q]
        if not rule:
            raise ValueError(
                {
                    CountQualifier.EXACT: "qualifier 'exact' needs low = best = high",
                    CountQualifier.AT_LEAST: "qualifier 'at_least' needs low set and high unset",
                    CountQualifier.AT_MOST: "qualifier 'at_most' needs high set",
                    CountQualifier.APPROXIMATELY: "qualifier 'approximately' needs best set",
                    CountQualifier.RANGE: "qualifier 'range' needs low < high, both set",
                    CountQualifier.VAGUE: "qualifier 'vague' needs low set (see VAGUE_QUANTITIES)",
                    CountQualifier.UNSPECIFIED: "qualifier 'unspecified' needs low, best and high unset",
                }[q]
            )
        return self


class Weapon(_Strict):
    """A weapon or means of attack; its quantity is a number that is not a casualty."""

    id: Id
    name: str = Field(min_length=1, description="Canonical name, e.g. 'Grad rocket'.")
    category: WeaponCategory = Field(description="Broad weapon category.")
    quantity: Quantity | None = Field(default=None, description="How many were used, when the text says.")
    mentions: list[Mention] = Field(default_factory=list, description="All mentions of this weapon.")


class Spatial(_Strict):
    """Where an event is relative to a named place: 'south of Baghdad', '20 km east of the border'."""

    relation: SpatialRelation = Field(description="The relation to the place; 'in' when the event is at the place.")
    distance_km: float | None = Field(
        default=None, ge=0, description="Distance in kilometres when stated (miles converted); not for 'in'/'outskirts'.")


class Argument(_Strict):
    """An entity taking part in an event in a role."""

    role: Role = Field(description="The role the entity plays.")
    entity: Ref = Field(description="Id of an actor, location or weapon (see ROLE_FILLERS).")
    quantity: Quantity | None = Field(
        default=None, description="How many of the entity take part ('five weapons storage facilities', '14 of 16 drones').")
    spatial: Spatial | None = Field(
        default=None, description="For a location: where the event is relative to it; unset means in or at it.")
    certainty: Certainty | None = Field(
        default=None, description="For an attacker: how firmly the text attributes the act; unset reads as stated.")
    asserted_by: Ref | None = Field(
        default=None, description="Id of the actor who makes the attribution (the claimant, the accuser).")


class Series(_Strict):
    """An event that stands for several incidents, or is counted within a series ('the third such attack')."""

    count: Quantity = Field(description="How many incidents the series has, this one included.")
    ordinal: int | None = Field(default=None, ge=1, description="This incident's place in the series ('third' = 3).")
    time: Ref | None = Field(default=None, description="Id of the Time entity the series spans ('since March').")
    mentions: list[Mention] = Field(default_factory=list, description="Evidence: the count or ordinal phrase.")


class Event(_Strict):
    """One incident or development, with all its trigger mentions (event coreference)."""

    id: Id
    type: EventType = Field(description="Event type from the closed taxonomy.")
    modality: Modality = Field(default=Modality.ACTUAL, description="Whether the event happened.")
    triggers: list[Mention] = Field(default_factory=list, description="Every word or phrase that names this event.")
    time: Ref | None = Field(default=None, description="Id of the Time entity when the event happened.")
    arguments: list[Argument] = Field(default_factory=list, description="Role fillers.")
    series: Series | None = Field(default=None, description="Set when the event is a series or counted within one.")
    incident_id: str | None = Field(
        default=None, pattern=ID_PATTERN, max_length=128,
        description="Corpus-wide id of the real-world incident, shared by the documents that report it.")
    confidence: float | None = Field(default=None, ge=0, le=1, description="A system's confidence (predictions only).")


class Victim(_Strict):
    """Who the casualties were: an actor, a category, or both."""

    actor: Ref | None = Field(default=None, description="Id of the actor the victims belong to, when there is one.")
    category: VictimCategory = Field(default=VictimCategory.UNKNOWN, description="Broad victim category.")
    nationality: Country | None = Field(default=None, description="Nationality of the victims, when stated.")


class Casualty(_Strict):
    """A casualty statement: how many people of which group suffered which outcome in which event."""

    id: Id
    event: Ref = Field(description="Id of the event the casualties belong to.")
    outcome: CasualtyOutcome = Field(description="What happened to the people counted.")
    count: Quantity = Field(description="How many, as an interval.")
    victim: Victim = Field(default_factory=Victim, description="Who the people were.")
    part_of: Ref | None = Field(
        default=None, description="Id of the total this figure breaks down, so breakdowns never double-count."
    )
    source: Ref | None = Field(default=None, description="Id of the actor the figure is attributed to.")
    also_events: list[Ref] = Field(
        default_factory=list, description="Further events one figure covers together ('in the two attacks').")
    severity: InjurySeverity | None = Field(default=None, description="How badly the injured were hurt, when stated.")
    descriptor: str | None = Field(
        default=None, min_length=1, description="The kind of harm as stated ('traumatic brain injury', 'burns').")
    status: CasualtyStatus | None = Field(default=None, description="A later state the text reports ('returned to duty').")
    revises: Ref | None = Field(default=None, description="Id of an earlier figure this one replaces ('now seven').")
    disputes: Ref | None = Field(
        default=None, description="Id of another source's figure this one contradicts (both kept, never added).")
    mentions: list[Mention] = Field(default_factory=list, description="Evidence: the phrase stating the figure.")

    @model_validator(mode="after")
    def _harm_fits_outcome(self) -> Casualty:
        if self.severity is not None and self.outcome not in (CasualtyOutcome.INJURED, CasualtyOutcome.KILLED_OR_INJURED):
            raise ValueError(f"severity is for injuries, not outcome {self.outcome.value!r}; remove severity")
        if self.status is not None:
            from .vocab import CASUALTY_STATUS_OUTCOMES

            if self.outcome not in CASUALTY_STATUS_OUTCOMES[self.status]:
                allowed = ", ".join(sorted(o.value for o in CASUALTY_STATUS_OUTCOMES[self.status]))
                raise ValueError(f"status {self.status.value!r} does not follow outcome {self.outcome.value!r} "
                                 f"(it follows {allowed})")
        return self


class EventLink(_Strict):
    """A directed relation between two events of the document."""

    type: EventLinkType = Field(description="How the source event relates to the target event.")
    source: Ref = Field(description="Id of the event the link starts from.")
    target: Ref = Field(description="Id of the event the link points to.")


class ActorLink(_Strict):
    """A directed relation between two actors: the source is backed by, affiliated with, or part of the target."""

    type: ActorLinkType = Field(description="How the source actor relates to the target actor.")
    source: Ref = Field(description="Id of the actor the link starts from ('the militia' in 'Iran-backed militia').")
    target: Ref = Field(description="Id of the actor the link points to.")
    mentions: list[Mention] = Field(default_factory=list, description="Evidence: 'Iran-backed', 'affiliated to'.")


class Dateline(_Strict):
    """The dateline opening a report ('MOSUL, Iraq, March 3 (Agency) -'): where and when it was filed, by whom.

    It is never the time of an event; relative times may count from it (``Time.anchor = 'dateline'``).
    """

    mention: Mention = Field(description="The whole dateline as it appears at the start of the text.")
    place: str | None = Field(default=None, min_length=1, description="The place name as written in the dateline.")
    location: Ref | None = Field(default=None, description="Id of the location entity of the dateline's place, if any.")
    date: dt.date | None = Field(default=None, description="The dateline's date, resolved to a calendar date.")
    agency: str | None = Field(default=None, min_length=1, description="The agency tag, e.g. the initials in brackets.")


class Document(_Strict):
    """One report and all its annotations."""

    schema_version: Literal["2.0"] = Field(
        default=SCHEMA_VERSION, description="Version of this format; 1.x files are converted by 'eventgold migrate'.")
    id: Id = Field(description="Stable document id.")
    published: dt.date = Field(description="Publication date; the anchor for relative dates.")
    source: str = Field(default="", description="Publisher or feed the report came from.")
    language: str = Field(default="en", pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$", description="BCP 47 language tag.")
    synthetic: bool = Field(default=False, description="True when the report is invented, not a source of fact.")
    metadata: dict[str, JsonValue] = Field(default_factory=dict, description="Free metadata (region, split, ...).")
    text: str = Field(min_length=1, description="The exact report text; offsets index into it.")
    dateline: Dateline | None = Field(default=None, description="The report's dateline, when it has one.")
    actors: list[Actor] = Field(default_factory=list)
    actor_links: list[ActorLink] = Field(default_factory=list, description="Relations between actors.")
    locations: list[Location] = Field(default_factory=list)
    times: list[Time] = Field(default_factory=list)
    weapons: list[Weapon] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    casualties: list[Casualty] = Field(default_factory=list)
    links: list[EventLink] = Field(default_factory=list)
