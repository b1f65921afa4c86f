"""The gold-standard schema: the model, its vocabularies, validation and JSONL I/O.

>>> from eventgold.schema import Document
>>> doc = Document.model_validate({"id": "d1", "published": "2024-03-02", "text": "Shelling hit Kharkiv."})
>>> doc.events
[]
"""

from .errors import DataError, EventgoldError, Problem, UsageError
from .jsonl import (
    JsonLine,
    atomic_write,
    dump_document,
    iter_json_lines,
    iter_json_text,
    load_document,
    read_documents,
    validate_files,
    write_documents,
)
from .model import (
    Actor,
    Argument,
    Casualty,
    Coordinates,
    DateInterval,
    Document,
    Event,
    EventLink,
    Location,
    Mention,
    Quantity,
    Time,
    Victim,
    Weapon,
)
from .validate import check_document, iter_mentions, parse_document
from .vocab import (
    ACTOR_TYPES,
    EVENT_TYPES,
    ROLE_FILLERS,
    VAGUE_QUANTITIES,
    ActorType,
    CasualtyOutcome,
    CountQualifier,
    DatePrecision,
    EventLinkType,
    EventType,
    LocationPrecision,
    Modality,
    Profile,
    Role,
    VictimCategory,
    WeaponCategory,
)


def json_schema() -> dict:  # type: ignore[type-arg]
    """The JSON Schema of a document, for tools and for LLM structured output."""
    schema = Document.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


__all__ = [
    "ACTOR_TYPES", "EVENT_TYPES", "ROLE_FILLERS", "VAGUE_QUANTITIES",
    "Actor", "ActorType", "Argument", "Casualty", "CasualtyOutcome", "Coordinates", "CountQualifier", "DataError",
    "DateInterval", "DatePrecision", "Document", "Event", "EventLink", "EventLinkType", "EventType", "EventgoldError",
    "Location", "LocationPrecision", "Mention", "Modality", "Problem", "Profile", "Quantity", "Role", "Time",
    "UsageError", "Victim", "VictimCategory", "Weapon", "WeaponCategory",
    "JsonLine", "atomic_write", "check_document", "dump_document", "iter_json_lines", "iter_json_text", "iter_mentions",
    "json_schema", "load_document", "parse_document", "read_documents", "validate_files", "write_documents",
]
