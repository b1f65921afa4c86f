"""Closed vocabularies of the gold schema, defined once.

Every other part of eventgold derives from these tables: the pydantic model
uses the enums as field types, the Label Studio config lists their values, the
scorer builds its per-type tables from them and ``docs/`` describes them. Adding
an event type is one entry in :data:`EVENT_TYPES` (plus its enum member).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class EventType(StrEnum):
    """What happened. Aligned with ACLED sub-event types plus the genre's non-violent developments."""

    AIR_DRONE_STRIKE = "air_drone_strike"
    SHELLING_MISSILE_ATTACK = "shelling_missile_attack"
    REMOTE_EXPLOSIVE = "remote_explosive"
    SUICIDE_BOMB = "suicide_bomb"
    ARMED_CLASH = "armed_clash"
    ATTACK = "attack"
    ABDUCTION = "abduction"
    PROTEST = "protest"
    RIOT = "riot"
    MOB_VIOLENCE = "mob_violence"
    SECURITY_ALERT = "security_alert"
    SECURITY_MEASURE = "security_measure"
    ARREST = "arrest"
    DEPLOYMENT = "deployment"
    STATEMENT = "statement"


@dataclass(frozen=True)
class EventTypeInfo:
    """Description of one event type and its crosswalks to ACLED and PLOVER."""

    label: str
    definition: str
    acled_event_type: str
    acled_sub_event_type: str
    plover: str
    violent: bool


EVENT_TYPES: dict[EventType, EventTypeInfo] = {
    EventType.AIR_DRONE_STRIKE: EventTypeInfo(
        "Air/drone strike",
        "A strike delivered from the air by aircraft, helicopter or drone, including loitering munitions.",
        "Explosions/Remote violence", "Air/drone strike", "ASSAULT (mode: aerial)", True),
    EventType.SHELLING_MISSILE_ATTACK: EventTypeInfo(
        "Shelling/artillery/missile/rocket attack",
        "Indirect fire from the ground or sea: artillery, mortars, rockets, ballistic or cruise missiles.",
        "Explosions/Remote violence", "Shelling/artillery/missile attack", "ASSAULT (mode: artillery)", True),
    EventType.REMOTE_EXPLOSIVE: EventTypeInfo(
        "Remote explosive/landmine/IED",
        "An explosive device detonated remotely, by timer or by its victim: IEDs, roadside bombs, landmines, grenades thrown from a distance.",
        "Explosions/Remote violence", "Remote explosive/landmine/IED", "ASSAULT (mode: explosive)", True),
    EventType.SUICIDE_BOMB: EventTypeInfo(
        "Suicide bomb",
        "An explosive attack in which the attacker intends to die, on foot or in a vehicle.",
        "Explosions/Remote violence", "Suicide bomb", "ASSAULT (mode: explosive)", True),
    EventType.ARMED_CLASH: EventTypeInfo(
        "Armed clash",
        "Armed, organised groups fight each other; both sides use force (ambushes that draw return fire included).",
        "Battles", "Armed clash", "ASSAULT (mode: firearms)", True),
    EventType.ATTACK: EventTypeInfo(
        "Attack",
        "Organised armed violence against people or property who cannot fight back: shootings, raids, arson, massacres.",
        "Violence against civilians", "Attack", "ASSAULT (mode: firearms)", True),
    EventType.ABDUCTION: EventTypeInfo(
        "Abduction/forced disappearance",
        "People are taken, kidnapped or held hostage by an armed group or unidentified perpetrators.",
        "Violence against civilians", "Abduction/forced disappearance", "ASSAULT (mode: abduction)", True),
    EventType.PROTEST: EventTypeInfo(
        "Protest",
        "A public demonstration that is not itself violent, whether or not the authorities intervene.",
        "Protests", "Peaceful protest", "PROTEST (mode: demonstrate)", False),
    EventType.RIOT: EventTypeInfo(
        "Riot",
        "A demonstration in which participants use violence or destroy property.",
        "Riots", "Violent demonstration", "PROTEST (mode: riot)", True),
    EventType.MOB_VIOLENCE: EventTypeInfo(
        "Mob violence",
        "An unorganised crowd attacks people or property outside a demonstration (lynching, vigilante attacks).",
        "Riots", "Mob violence", "ASSAULT (mode: beat)", True),
    EventType.SECURITY_ALERT: EventTypeInfo(
        "Security alert or advisory",
        "A warning issued to the public or to a population: embassy alerts, travel advisories, threat warnings.",
        "Strategic developments", "Other", "THREATEN (context: warning)", False),
    EventType.SECURITY_MEASURE: EventTypeInfo(
        "Security measure",
        "A measure taken by authorities: cordon, curfew, road or border closure, suspension of services, communications shutdown.",
        "Strategic developments", "Other", "SANCTION (mode: restrict)", False),
    EventType.ARREST: EventTypeInfo(
        "Arrest",
        "Detention of one or more people by state or de facto authorities.",
        "Strategic developments", "Arrests", "COERCE (mode: arrest)", False),
    EventType.DEPLOYMENT: EventTypeInfo(
        "Deployment",
        "Movement or reinforcement of forces to an area.",
        "Strategic developments", "Change to group/activity", "MOBILIZE (mode: military)", False),
    EventType.STATEMENT: EventTypeInfo(
        "Statement or claim",
        "A public statement, claim of responsibility, threat or denial by an actor.",
        "Strategic developments", "Other", "ACCUSE / THREATEN (depending on content)", False),
}


class Modality(StrEnum):
    """Whether the event happened, in the ERE realis sense extended with PLOVER's modes."""

    ACTUAL = "actual"
    NEGATED = "negated"
    HYPOTHETICAL = "hypothetical"
    GENERIC = "generic"


MODALITY_DEFINITIONS: dict[Modality, str] = {
    Modality.ACTUAL: "The specific event took place (or is taking place), as asserted by the report or its source.",
    Modality.NEGATED: "The report says the event did not take place ('no casualties were reported', 'did not lead to arrests').",
    Modality.HYPOTHETICAL: "Forecast, planned, threatened, possible or conditional: it has not happened at the time of writing.",
    Modality.GENERIC: "A habitual pattern or class of events rather than one incident ('the group routinely attacks convoys').",
}


class ActorType(StrEnum):
    """Who an actor is. Mapped to ACLED interaction codes in :data:`ACTOR_TYPES`."""

    STATE_MILITARY = "state_military"
    POLICE = "police"
    OTHER_STATE_FORCES = "other_state_forces"
    GOVERNMENT = "government"
    NON_STATE_ARMED_GROUP = "non_state_armed_group"
    PROTESTERS = "protesters"
    RIOTERS = "rioters"
    CIVILIANS = "civilians"
    INTERNATIONAL_FORCES = "international_forces"
    DIPLOMATIC_MISSION = "diplomatic_mission"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class ActorTypeInfo:
    label: str
    definition: str
    acled_inter: int | None
    acled_inter_label: str


ACTOR_TYPES: dict[ActorType, ActorTypeInfo] = {
    ActorType.STATE_MILITARY: ActorTypeInfo(
        "State military", "A state's armed forces acting on its own territory or abroad.", 1, "State forces"),
    ActorType.POLICE: ActorTypeInfo("Police", "National or local police, gendarmerie acting as police.", 1, "State forces"),
    ActorType.OTHER_STATE_FORCES: ActorTypeInfo(
        "Other state forces", "Intelligence services, border guards, state-sponsored paramilitaries, prison guards.", 1,
        "State forces"),
    ActorType.GOVERNMENT: ActorTypeInfo(
        "Government", "Ministries, officials, governors and spokespeople acting for a government.", 1, "State forces"),
    ActorType.NON_STATE_ARMED_GROUP: ActorTypeInfo(
        "Non-state armed group / militia",
        "Rebels, insurgents, jihadist groups, political or identity militias, gangs and unidentified gunmen.", 2,
        "Rebel groups (3 for political and 4 for identity militias)"),
    ActorType.PROTESTERS: ActorTypeInfo("Protesters", "Participants in a demonstration that is not violent.", 6, "Protesters"),
    ActorType.RIOTERS: ActorTypeInfo("Rioters", "Participants in a violent demonstration or mob.", 5, "Rioters"),
    ActorType.CIVILIANS: ActorTypeInfo(
        "Civilians", "Unarmed people, including aid workers, journalists and travellers.", 7, "Civilians"),
    ActorType.INTERNATIONAL_FORCES: ActorTypeInfo(
        "International or coalition forces", "Multinational missions, coalitions, peacekeepers, foreign forces.", 8,
        "External/Other forces"),
    ActorType.DIPLOMATIC_MISSION: ActorTypeInfo(
        "Diplomatic mission", "Embassies, consulates and their staff.", 8, "External/Other forces"),
    ActorType.UNKNOWN: ActorTypeInfo(
        "Unknown", "Type cannot be told from the text (e.g. 'sources', 'unidentified assailants' of unknown kind).",
        None, "(none)"),
}


class Role(StrEnum):
    """How an entity takes part in an event."""

    ATTACKER = "attacker"
    TARGET = "target"
    VICTIM = "victim"
    PARTICIPANT = "participant"
    AUTHORITY = "authority"
    PLACE = "place"
    INSTRUMENT = "instrument"
    SOURCE = "source"


ROLE_DEFINITIONS: dict[Role, str] = {
    Role.ATTACKER: "The actor that carries out violence or an abduction (ERE attacker, PLOVER actor).",
    Role.TARGET: "What the violence is aimed at: a group, a force, a facility or a place treated as a target.",
    Role.VICTIM: "People harmed, killed, abducted or arrested (ERE victim, PLOVER recipient).",
    Role.PARTICIPANT: "Protesters, rioters, the sides of an armed clash, forces deployed.",
    Role.AUTHORITY: "The body that issues an alert, imposes a measure, arrests or makes a statement.",
    Role.PLACE: "Where the event happens; several places are allowed.",
    Role.INSTRUMENT: "Weapon or means used (rockets, a drone, an IED).",
    Role.SOURCE: "Who reports or claims the event (attribution: 'local officials said').",
}

#: Which entity kinds may fill each role.
ROLE_FILLERS: dict[Role, frozenset[str]] = {
    Role.ATTACKER: frozenset({"actor"}),
    Role.TARGET: frozenset({"actor", "location"}),
    Role.VICTIM: frozenset({"actor"}),
    Role.PARTICIPANT: frozenset({"actor"}),
    Role.AUTHORITY: frozenset({"actor"}),
    Role.PLACE: frozenset({"location"}),
    Role.INSTRUMENT: frozenset({"weapon"}),
    Role.SOURCE: frozenset({"actor"}),
}


class CasualtyOutcome(StrEnum):
    KILLED = "killed"
    INJURED = "injured"
    MISSING = "missing"
    ABDUCTED = "abducted"
    ARRESTED = "arrested"


class CountQualifier(StrEnum):
    """How the text states a count. Decides which of low/best/high must be set."""

    EXACT = "exact"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    APPROXIMATELY = "approximately"
    RANGE = "range"
    VAGUE = "vague"
    UNSPECIFIED = "unspecified"


COUNT_QUALIFIER_RULES: dict[CountQualifier, str] = {
    CountQualifier.EXACT: "low = best = high = N ('three soldiers').",
    CountQualifier.AT_LEAST: "low = N, high unset ('at least three', 'more than 3' gives low = 4).",
    CountQualifier.AT_MOST: "high = N, low unset or 1 when the text implies some ('up to five').",
    CountQualifier.APPROXIMATELY: "best = N; low and high unset unless the text gives them ('about 20', 'nearly 30').",
    CountQualifier.RANGE: "low < high, both set ('between five and eight', '10-12').",
    CountQualifier.VAGUE: "A vague quantity word mapped by VAGUE_QUANTITIES ('dozens', 'several').",
    CountQualifier.UNSPECIFIED: "No number at all ('an unknown number of'): low, best and high unset.",
}

#: Conservative intervals for vague quantity words (ACLED codes 'dozens' as 12 and 'several' as 3 or more).
VAGUE_QUANTITIES: dict[str, tuple[int, int | None]] = {
    "a couple of": (2, 2),
    "a few": (2, 5),
    "a handful of": (2, 5),
    "several": (3, None),
    "some": (2, None),
    "many": (10, None),
    "numerous": (10, None),
    "a dozen": (12, 12),
    "dozens": (12, None),
    "scores": (20, None),
    "hundreds": (100, None),
    "thousands": (1000, None),
}


class VictimCategory(StrEnum):
    MILITARY = "military"
    POLICE = "police"
    CIVILIAN = "civilian"
    MILITANT = "militant"
    UNKNOWN = "unknown"


class LocationPrecision(StrEnum):
    """How precisely a location is known; UCDP's where_prec scale, coarsened."""

    EXACT = "exact"
    NEAR = "near"
    DISTRICT = "district"
    REGION = "region"
    COUNTRY = "country"
    INTERNATIONAL = "international"


LOCATION_PRECISION_UCDP: dict[LocationPrecision, int] = {
    LocationPrecision.EXACT: 1,
    LocationPrecision.NEAR: 2,
    LocationPrecision.DISTRICT: 3,
    LocationPrecision.REGION: 4,
    LocationPrecision.COUNTRY: 6,
    LocationPrecision.INTERNATIONAL: 7,
}


class DatePrecision(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class WeaponCategory(StrEnum):
    AIRCRAFT = "aircraft"
    DRONE = "drone"
    ROCKET = "rocket"
    MISSILE = "missile"
    ARTILLERY = "artillery"
    EXPLOSIVE = "explosive"
    FIREARM = "firearm"
    VEHICLE = "vehicle"
    OTHER = "other"


class EventLinkType(StrEnum):
    RESPONSE_TO = "response_to"
    PART_OF = "part_of"
    RELATED = "related"


class Profile(StrEnum):
    """Validation profile: gold needs evidence spans; predictions may be span-free."""

    GOLD = "gold"
    PREDICTION = "prediction"
