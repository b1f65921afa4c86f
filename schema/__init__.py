"""The gold-standard schema: the model, its vocabularies, validation and JSONL I/O.

>>> from eventgold.schema import Document
>>> doc = Document.model_validate({"id": "d1", "published": "2024-03-02", "text": "Shelling hit Kharkiv."})
>>> doc.events
[]
"""

from .errors import DataError, EventgoldError, Problem, UsageError
from .jsonl import atomic_write, dump_document, iter_json_lines, load_document, read_documents, write_documents
from .llm import (
    LLM_OMITTED_FIELDS,
    LlmAnswer,
    describe_llm_answer,
    from_llm_answer,
    llm_json_schema,
    to_llm_answer,
)
from .migrate import migrate_document, migrate_lines
from .model import (
    Actor,
    ActorLink,
    Argument,
    Casualty,
    Coordinates,
    DateInterval,
    Dateline,
    Document,
    Event,
    EventLink,
    Location,
    Mention,
    Quantity,
    Series,
    Spatial,
    Time,
    Victim,
    Weapon,
)
from .validate import check_document, iter_mentions, parse_document
from .vocab import (
    ACTOR_TYPES,
    EVENT_TYPES,
    ROLE_FILLERS,
    SCHEMA_VERSION,
    VAGUE_QUANTITIES,
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

#: Major versions :func:`json_schema` can print.
JSON_SCHEMA_VERSIONS = ("1", "2")


def json_schema(version: str = "2") -> dict:  # type: ignore[type-arg]
    """The JSON Schema (Draft 2020-12) of a document of schema ``version`` ("2", the current one, or "1")."""
    if version == "1":
        import json
        from importlib.resources import files

        return json.loads(files(__package__).joinpath("json/document-1.x.json").read_text(encoding="utf-8"))
    if version != "2":
        raise ValueError(f"unknown schema version {version!r}; choose one of {', '.join(JSON_SCHEMA_VERSIONS)}")
    schema = Document.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


__all__ = [
    "ACTOR_TYPES", "EVENT_TYPES", "JSON_SCHEMA_VERSIONS", "LLM_OMITTED_FIELDS", "ROLE_FILLERS", "SCHEMA_VERSION",
    "VAGUE_QUANTITIES",
    "Actor", "ActorLink", "ActorLinkType", "ActorType", "Argument", "Casualty", "CasualtyOutcome", "CasualtyStatus",
    "Certainty", "Coordinates", "CountQualifier", "DataError", "DateInterval", "DatePrecision", "Dateline", "Document",
    "Event", "EventLink", "EventLinkType", "EventType", "EventgoldError", "InjurySeverity", "LlmAnswer", "Location",
    "LocationPrecision", "Mention", "Modality", "Problem", "Profile", "Quantity", "Role", "Series", "Spatial",
    "SpatialRelation", "Time", "TimeAnchor", "UsageError", "Victim", "VictimCategory", "Weapon", "WeaponCategory",
    "atomic_write", "check_document", "describe_llm_answer", "dump_document", "from_llm_answer", "iter_json_lines",
    "iter_mentions", "json_schema", "llm_json_schema", "load_document", "migrate_document", "migrate_lines",
    "parse_document", "read_documents", "to_llm_answer", "write_documents",
]
