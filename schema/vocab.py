"""Closed vocabularies of the gold schema, defined once.

Every other part of eventgold derives from these tables: the pydantic model
uses the enums as field types, the Label Studio config lists their values, the
scorer builds its per-type tables from them and ``docs/`` describes them. Adding
an event type is one entry in :data:`EVENT_TYPES` (plus its enum member).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final


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
    # Schema 2.0: the rest of ACLED's sub-event types, and displacement.
    DISRUPTED_WEAPONS_USE = "disrupted_weapons_use"
    GRENADE = "grenade"
    CHEMICAL_WEAPON = "chemical_weapon"
    SEXUAL_VIOLENCE = "sexual_violence"
    LOOTING_PROPERTY_DESTRUCTION = "looting_property_destruction"
    EXCESSIVE_FORCE_AGAINST_PROTESTERS = "excessive_force_against_protesters"
    PROTEST_WITH_INTERVENTION = "protest_with_intervention"
    GOVERNMENT_REGAINS_TERRITORY = "government_regains_territory"
    NON_STATE_OVERTAKES_TERRITORY = "non_state_overtakes_territory"
    BASE_ESTABLISHED = "base_established"
    AGREEMENT = "agreement"
    NON_VIOLENT_TERRITORY_TRANSFER = "non_violent_territory_transfer"
    DISPLACEMENT = "displacement"


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
    EventType.DISRUPTED_WEAPONS_USE: EventTypeInfo(
        "Interception or disrupted attack",
        "Weapons stopped before they do harm: air defence downs drones or missiles, a device is defused or seized.",
        "Strategic developments", "Disrupted weapons use", "DEFEND (mode: intercept)", False),
    EventType.GRENADE: EventTypeInfo(
        "Grenade attack",
        "A grenade thrown or launched by hand at people or property.",
        "Explosions/Remote violence", "Grenade", "ASSAULT (mode: explosive)", True),
    EventType.CHEMICAL_WEAPON: EventTypeInfo(
        "Chemical weapon",
        "Use of chemical agents as weapons (chlorine, sarin, other toxic gases).",
        "Explosions/Remote violence", "Chemical weapon", "ASSAULT (mode: CBRN)", True),
    EventType.SEXUAL_VIOLENCE: EventTypeInfo(
        "Sexual violence",
        "Rape and other sexual violence used by armed or organised actors.",
        "Violence against civilians", "Sexual violence", "ASSAULT (mode: sexual)", True),
    EventType.LOOTING_PROPERTY_DESTRUCTION: EventTypeInfo(
        "Looting or property destruction",
        "Goods seized or property destroyed by an organised group without attacking people (aid trucks looted, houses burnt).",
        "Strategic developments", "Looting/property destruction", "SEIZE (mode: property)", False),
    EventType.EXCESSIVE_FORCE_AGAINST_PROTESTERS: EventTypeInfo(
        "Excessive force against protesters",
        "Forces kill or seriously injure peaceful demonstrators (live fire, lethal beatings).",
        "Protests", "Excessive force against protesters", "ASSAULT (target: protesters)", True),
    EventType.PROTEST_WITH_INTERVENTION: EventTypeInfo(
        "Protest with intervention",
        "A peaceful demonstration that authorities disperse or suppress without lethal force (tear gas, arrests).",
        "Protests", "Protest with intervention", "PROTEST (with COERCE)", False),
    EventType.GOVERNMENT_REGAINS_TERRITORY: EventTypeInfo(
        "Government regains territory",
        "State forces retake a place held by a non-state group.",
        "Battles", "Government regains territory", "SEIZE (mode: territory)", True),
    EventType.NON_STATE_OVERTAKES_TERRITORY: EventTypeInfo(
        "Non-state actor overtakes territory",
        "A non-state armed group takes control of a place.",
        "Battles", "Non-state actor overtakes territory", "SEIZE (mode: territory)", True),
    EventType.BASE_ESTABLISHED: EventTypeInfo(
        "Headquarters or base established",
        "An armed group sets up a base, camp or headquarters in a place.",
        "Strategic developments", "Headquarters or base established", "MOBILIZE (mode: base)", False),
    EventType.AGREEMENT: EventTypeInfo(
        "Agreement",
        "Parties agree: ceasefire, peace deal, prisoner exchange, local truce.",
        "Strategic developments", "Agreement", "AGREE", False),
    EventType.NON_VIOLENT_TERRITORY_TRANSFER: EventTypeInfo(
        "Non-violent transfer of territory",
        "Control of a place changes hands without fighting (withdrawal, handover).",
        "Strategic developments", "Non-violent transfer of territory", "RETREAT / CONCEDE", False),
    EventType.DISPLACEMENT: EventTypeInfo(
        "Displacement",
        "People forced from their homes by violence or its threat; figures are `displaced` casualty statements.",
        "(none)", "(none)", "(none)", False),
}

#: ACLED's 25 sub-event types and the eventgold types that express each (one-to-many where ACLED's is wider).
ACLED_SUB_EVENT_TYPES: dict[str, tuple[str, tuple[EventType, ...]]] = {
    "Armed clash": ("Battles", (EventType.ARMED_CLASH,)),
    "Government regains territory": ("Battles", (EventType.GOVERNMENT_REGAINS_TERRITORY,)),
    "Non-state actor overtakes territory": ("Battles", (EventType.NON_STATE_OVERTAKES_TERRITORY,)),
    "Chemical weapon": ("Explosions/Remote violence", (EventType.CHEMICAL_WEAPON,)),
    "Air/drone strike": ("Explosions/Remote violence", (EventType.AIR_DRONE_STRIKE,)),
    "Suicide bomb": ("Explosions/Remote violence", (EventType.SUICIDE_BOMB,)),
    "Shelling/artillery/missile attack": ("Explosions/Remote violence", (EventType.SHELLING_MISSILE_ATTACK,)),
    "Remote explosive/landmine/IED": ("Explosions/Remote violence", (EventType.REMOTE_EXPLOSIVE,)),
    "Grenade": ("Explosions/Remote violence", (EventType.GRENADE,)),
    "Sexual violence": ("Violence against civilians", (EventType.SEXUAL_VIOLENCE,)),
    "Attack": ("Violence against civilians", (EventType.ATTACK,)),
    "Abduction/forced disappearance": ("Violence against civilians", (EventType.ABDUCTION,)),
    "Peaceful protest": ("Protests", (EventType.PROTEST,)),
    "Protest with intervention": ("Protests", (EventType.PROTEST_WITH_INTERVENTION,)),
    "Excessive force against protesters": ("Protests", (EventType.EXCESSIVE_FORCE_AGAINST_PROTESTERS,)),
    "Violent demonstration": ("Riots", (EventType.RIOT,)),
    "Mob violence": ("Riots", (EventType.MOB_VIOLENCE,)),
    "Agreement": ("Strategic developments", (EventType.AGREEMENT,)),
    "Arrests": ("Strategic developments", (EventType.ARREST,)),
    "Change to group/activity": ("Strategic developments", (EventType.DEPLOYMENT,)),
    "Disrupted weapons use": ("Strategic developments", (EventType.DISRUPTED_WEAPONS_USE,)),
    "Headquarters or base established": ("Strategic developments", (EventType.BASE_ESTABLISHED,)),
    "Looting/property destruction": ("Strategic developments", (EventType.LOOTING_PROPERTY_DESTRUCTION,)),
    "Non-violent transfer of territory": ("Strategic developments", (EventType.NON_VIOLENT_TERRITORY_TRANSFER,)),
    "Other": ("Strategic developments", (EventType.SECURITY_ALERT, EventType.SECURITY_MEASURE, EventType.STATEMENT)),
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
    """What happened to the people a casualty statement counts."""

    KILLED = "killed"
    INJURED = "injured"
    KILLED_OR_INJURED = "killed_or_injured"
    MISSING = "missing"
    ABDUCTED = "abducted"
    ARRESTED = "arrested"
    DISPLACED = "displaced"


class InjurySeverity(StrEnum):
    """How badly the injured were hurt, when the text says ('lightly', 'seriously', 'in critical condition')."""

    MINOR = "minor"
    SERIOUS = "serious"
    CRITICAL = "critical"


class CasualtyStatus(StrEnum):
    """A later state of the people counted, when the text updates it."""

    HOSPITALISED = "hospitalised"
    DISCHARGED = "discharged"
    RETURNED_TO_DUTY = "returned_to_duty"
    DIED_OF_WOUNDS = "died_of_wounds"
    RELEASED = "released"


#: Which outcomes each status can follow.
CASUALTY_STATUS_OUTCOMES: dict[CasualtyStatus, frozenset[CasualtyOutcome]] = {
    CasualtyStatus.HOSPITALISED: frozenset({CasualtyOutcome.INJURED, CasualtyOutcome.KILLED_OR_INJURED}),
    CasualtyStatus.DISCHARGED: frozenset({CasualtyOutcome.INJURED, CasualtyOutcome.KILLED_OR_INJURED}),
    CasualtyStatus.RETURNED_TO_DUTY: frozenset({CasualtyOutcome.INJURED, CasualtyOutcome.KILLED_OR_INJURED}),
    CasualtyStatus.DIED_OF_WOUNDS: frozenset({CasualtyOutcome.INJURED, CasualtyOutcome.KILLED_OR_INJURED}),
    CasualtyStatus.RELEASED: frozenset({CasualtyOutcome.ABDUCTED, CasualtyOutcome.ARRESTED, CasualtyOutcome.MISSING}),
}


class Certainty(StrEnum):
    """How firmly the text attributes an attack to its attacker (and who says so: ``Argument.asserted_by``)."""

    STATED = "stated"
    CLAIMED = "claimed"
    SUSPECTED = "suspected"
    DENIED = "denied"


CERTAINTY_DEFINITIONS: dict[Certainty, str] = {
    Certainty.STATED: "Given as a fact by the report or its source ('gunmen from X attacked').",
    Certainty.CLAIMED: "The attacker itself claims it ('X claimed responsibility').",
    Certainty.SUSPECTED: "Suspected, blamed, accused, alleged, believed ('blamed on X', 'suspected X fighters').",
    Certainty.DENIED: "Accused by someone and denied by the actor ('X denied involvement').",
}

#: Roles that may carry an attribution certainty.
CERTAINTY_ROLES: frozenset[Role] = frozenset({Role.ATTACKER})


class SpatialRelation(StrEnum):
    """Where the event is relative to the named place of a place argument ('south of Baghdad')."""

    IN = "in"
    NEAR = "near"
    OUTSKIRTS = "outskirts"
    NORTH = "north"
    NORTHEAST = "northeast"
    EAST = "east"
    SOUTHEAST = "southeast"
    SOUTH = "south"
    SOUTHWEST = "southwest"
    WEST = "west"
    NORTHWEST = "northwest"


#: Relations that may carry a distance ('20 km east of').
DISTANCE_RELATIONS: frozenset[SpatialRelation] = frozenset(SpatialRelation) - {SpatialRelation.IN, SpatialRelation.OUTSKIRTS}


class ActorLinkType(StrEnum):
    """How one actor relates to another ('Iran-backed', 'affiliated to', 'a unit of')."""

    BACKED_BY = "backed_by"
    AFFILIATED_WITH = "affiliated_with"
    PART_OF = "part_of"


class TimeAnchor(StrEnum):
    """What a relative time expression is resolved against."""

    PUBLISHED = "published"
    DATELINE = "dateline"
    TIME = "time"
    EVENT = "event"


#: The schema version this code reads and writes; files of older versions are converted by ``eventgold migrate``.
SCHEMA_VERSION: Final = "2.0"


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
