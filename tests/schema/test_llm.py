"""The LLM answer: its schema follows the hosted services' rules, and it converts to and from documents."""

from __future__ import annotations

import copy
import doctest
import json
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from typer.testing import CliRunner

from eventgold.cli import app
from eventgold.corpus import split_path
from eventgold.schema import (
    DataError,
    Document,
    LlmAnswer,
    describe_llm_answer,
    from_llm_answer,
    json_schema,
    llm_json_schema,
    read_documents,
    to_llm_answer,
)
from eventgold.schema import llm as llm_module
from eventgold.schema.llm import ANSWER_MODELS, LLM_OMITTED_FIELDS, without_omitted
from tests.strategies import documents

from .llm_rules import (
    ANTHROPIC_MAX_UNIONS,
    OPENAI_LIMITS_2024,
    anthropic_strict_problems,
    openai_strict_problems,
    union_count,
)

SPLITS = ("train", "dev", "test")
BUNDLED = [doc for split in SPLITS for doc in read_documents(split_path(split))]
SCHEMA = llm_json_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
ANNOTATIONS = ("dateline", "actors", "actor_links", "locations", "times", "weapons", "events", "casualties", "links")
runner = CliRunner()


def annotations(doc: Document) -> dict[str, Any]:
    dumped = without_omitted(doc).model_dump(mode="json")
    return {key: dumped[key] for key in ANNOTATIONS}


def round_trip(doc: Document) -> Document:
    answer = json.loads(json.dumps(to_llm_answer(doc)))  # through JSON, as a system would print it
    return from_llm_answer(answer, id=doc.id, published=doc.published, text=doc.text)


def empty_answer(**fields: Any) -> dict[str, Any]:
    return {"dateline": None, "actors": [], "actor_links": [], "locations": [], "times": [], "weapons": [],
            "events": [], "casualties": [], "links": [], **fields}


def actor(name: str, id: str | None = None) -> dict[str, Any]:
    return {"id": id, "name": name, "mentions": [name], "aliases": [], "type": "non_state_armed_group",
            "country": None}


def event(id: str = "e1", arguments: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"id": id, "triggers": ["attacked"], "type": "attack", "modality": "actual", "time": None,
            "arguments": arguments or [], "series": None}


def argument(role: str, entity: str, **extra: Any) -> dict[str, Any]:
    return {"role": role, "entity": entity, "quantity": None, "spatial": None, "certainty": None,
            "asserted_by": None, **extra}


TEXT = "Gunmen attacked Gao."


def convert(answer: dict[str, Any]) -> Document:
    return from_llm_answer(answer, id="d1", published="2024-03-02", text=TEXT)


def problems(answer: dict[str, Any]) -> list[str]:
    with pytest.raises(DataError) as info:
        convert(answer)
    return [str(p) for p in info.value.problems]


# --------------------------------------------------------------------------- round trips


def test_the_bundled_corpus_is_all_there() -> None:
    assert len(BUNDLED) > 150 and any(doc.dateline for doc in BUNDLED) and any(doc.casualties for doc in BUNDLED)


@pytest.mark.parametrize("doc", BUNDLED, ids=[doc.id for doc in BUNDLED])
def test_every_bundled_document_round_trips_through_its_answer(doc: Document) -> None:
    answer = to_llm_answer(doc)
    assert list(VALIDATOR.iter_errors(answer)) == []
    assert annotations(round_trip(doc)) == annotations(doc)
    assert to_llm_answer(round_trip(doc)) == answer


@given(documents())
@settings(max_examples=100, deadline=None)
def test_generated_gold_documents_round_trip(doc: Document) -> None:
    assert list(VALIDATOR.iter_errors(to_llm_answer(doc))) == []
    assert annotations(round_trip(doc)) == annotations(doc)


@given(documents(profile="prediction", span_free=True))
@settings(max_examples=50, deadline=None)
def test_generated_span_free_predictions_round_trip(doc: Document) -> None:
    assert annotations(round_trip(doc)) == annotations(doc)


def test_the_round_trip_loses_only_the_omitted_fields() -> None:
    doc = next(d for d in BUNDLED if any(e.incident_id for e in d.events))
    back = round_trip(doc)
    assert annotations(back) == annotations(doc)
    assert any(e.incident_id for e in doc.events) and not any(e.incident_id for e in back.events)
    assert set(LLM_OMITTED_FIELDS) == {"Mention.start", "Mention.end", "Event.incident_id", "Event.confidence",
                                       "Location.coordinates", "Location.gazetteer_id"}


def test_docstring_examples_run() -> None:
    result = doctest.testmod(llm_module)
    assert result.attempted > 0 and result.failed == 0


# --------------------------------------------------------------------------- the schema and the hosted services' rules


def test_the_schema_follows_openai_strict_mode() -> None:
    assert openai_strict_problems(SCHEMA) == []
    assert openai_strict_problems(SCHEMA, OPENAI_LIMITS_2024) == []


def test_the_schema_follows_anthropic_strict_tools() -> None:
    assert anthropic_strict_problems(SCHEMA) == []
    assert union_count(SCHEMA) <= ANTHROPIC_MAX_UNIONS


def test_the_document_schema_breaks_the_rules_the_answer_schema_keeps() -> None:
    """The checkers can fail: the full document schema breaks both services' rules, as reported in issue 10."""
    openai = "\n".join(openai_strict_problems(json_schema()))
    for broken in ("every property must be required", "'default'", "'maxLength'", "keywords beside $ref",
                   "#/properties/metadata: additionalProperties must be false"):
        assert broken in openai, broken
    anthropic = "\n".join(anthropic_strict_problems(json_schema()))
    for broken in ("'maxLength'", "'minLength'", "'minimum'", "optional properties", "union-typed properties"):
        assert broken in anthropic, broken


@pytest.mark.parametrize(("schema", "rule"), [
    ({"anyOf": [{"type": "object"}]}, "the root must be an object"),
    ({"type": "object", "properties": {"a": {"type": "string"}}, "required": [], "additionalProperties": False},
     "every property must be required"),
    ({"type": "object", "properties": {}, "required": []}, "additionalProperties must be false"),
    ({"type": "object", "properties": {"a": {"$ref": "#/$defs/A", "description": "x"}}, "required": ["a"],
      "additionalProperties": False, "$defs": {"A": {"type": "string"}}}, "keywords beside $ref"),
    ({"type": "object", "properties": {"a": {"type": "string", "default": "x"}}, "required": ["a"],
      "additionalProperties": False}, "unsupported keywords ['default']"),
    ({"type": "object", "properties": {"a": {"type": "string", "maxLength": 3}}, "required": ["a"],
      "additionalProperties": False}, "unsupported keywords ['maxLength']"),
    ({"type": "object", "properties": {"a": {"type": "string", "format": "color"}}, "required": ["a"],
      "additionalProperties": False}, "unsupported format 'color'"),
])
def test_the_openai_checker_finds_each_rule(schema: dict[str, Any], rule: str) -> None:
    assert any(rule in p for p in openai_strict_problems(schema)), openai_strict_problems(schema)


def _nested(depth: int) -> dict[str, Any]:
    node: dict[str, Any] = {"type": "string"}
    for _ in range(depth):
        node = {"type": "object", "properties": {"x": node}, "required": ["x"], "additionalProperties": False}
    return node


def test_the_openai_checker_counts_depth_properties_and_enums() -> None:
    assert openai_strict_problems(_nested(5), OPENAI_LIMITS_2024) == []
    assert "6 levels of object nesting" in openai_strict_problems(_nested(6), OPENAI_LIMITS_2024)[0]
    assert openai_strict_problems(_nested(10)) == [] and "11 levels" in openai_strict_problems(_nested(11))[0]
    wide = {"type": "object", "properties": {f"p{i}": {"type": "string"} for i in range(101)},
            "required": [f"p{i}" for i in range(101)], "additionalProperties": False}
    assert "101 object properties" in openai_strict_problems(wide, OPENAI_LIMITS_2024)[0]
    many = {"type": "object", "properties": {"e": {"type": "string", "enum": [str(i) for i in range(501)]}},
            "required": ["e"], "additionalProperties": False}
    assert "501 enum values" in openai_strict_problems(many, OPENAI_LIMITS_2024)[0]


def test_the_anthropic_checker_counts_unions_optionals_and_patterns() -> None:
    nullable = {f"p{i}": {"type": ["string", "null"]} for i in range(17)}
    schema = {"type": "object", "properties": nullable, "required": list(nullable), "additionalProperties": False}
    assert anthropic_strict_problems(schema) == ["#: 17 union-typed properties, more than 16"]
    optional = {f"p{i}": {"type": "string"} for i in range(25)}
    schema = {"type": "object", "properties": optional, "required": [], "additionalProperties": False}
    assert anthropic_strict_problems(schema) == ["#: 25 optional properties, more than 24"]
    for pattern in (r"^(a)\1$", r"^(?=a)a$", r"\bword", r"^a{0,200}$"):
        schema = {"type": "object", "properties": {"a": {"type": "string", "pattern": pattern}}, "required": ["a"],
                  "additionalProperties": False}
        assert len(anthropic_strict_problems(schema)) == 1, pattern


def test_the_schema_says_every_field_and_no_defaults() -> None:
    for cls in ANSWER_MODELS:
        for name, field in cls.model_fields.items():
            assert field.is_required() and field.description, f"{cls.__name__}.{name}"
    text = json.dumps(SCHEMA)
    for keyword in ('"default"', '"title"', '"minLength"', '"maxLength"', '"minimum"', '"maximum"', '"$schema"'):
        assert keyword not in text


def _ref_chain(node: Any, hops: int = 0) -> int:
    """The longest chain of $refs followed from ``node`` (the schema has no recursion)."""
    if isinstance(node, list):
        return max((_ref_chain(x, hops) for x in node), default=hops)
    if not isinstance(node, dict):
        return hops
    if "$ref" in node:
        return _ref_chain(SCHEMA["$defs"][node["$ref"].rpartition("/")[2]], hops + 1)
    return max((_ref_chain(v, hops) for k, v in node.items() if k != "$defs"), default=hops)


def test_chains_of_refs_are_short() -> None:
    """outlines-core follows at most four $refs in a chain by default and drops what lies beyond, silently."""
    assert _ref_chain(SCHEMA) == 3
    assert sorted(SCHEMA["$defs"]) == ["NullableCount", "NullableCountry", "NullableId", "NullableQuantity",
                                       "NullableString", "Quantity"]


def test_ids_are_limited_inside_the_pattern() -> None:
    event_id = SCHEMA["properties"]["events"]["items"]["properties"]["id"]
    assert set(event_id) == {"type", "pattern", "description"}
    ok = empty_answer(events=[event("e" * 24)])
    assert list(VALIDATOR.iter_errors(ok)) == []
    assert [e.message for e in VALIDATOR.iter_errors(empty_answer(events=[event("e" * 25)]))] == [
        f"'{'e' * 25}' does not match '^[A-Za-z0-9][A-Za-z0-9_.:-]{{0,23}}$'"]


# --------------------------------------------------------------------------- from an answer to a document


def test_entities_without_ids_are_numbered_and_named_references_resolve() -> None:
    answer = empty_answer(
        actors=[actor("Gunmen"), actor("Police", id="a1")],
        locations=[{"id": None, "name": "Gao", "mentions": ["Gao"], "aliases": [], "country": "ML", "admin1": None,
                    "precision": "exact"}],
        events=[event(arguments=[argument("attacker", "Gunmen", asserted_by="Police", certainty="suspected"),
                                 argument("target", "Gao"), argument("place", "l1")])])
    doc = convert(answer)
    assert [a.id for a in doc.actors] == ["a2", "a1"] and [loc.id for loc in doc.locations] == ["l1"]
    assert [(a.role.value, a.entity, a.asserted_by) for a in doc.events[0].arguments] == [
        ("attacker", "a2", "a1"), ("target", "l1", None), ("place", "l1", None)]


def test_a_name_is_looked_up_among_the_kinds_the_role_takes() -> None:
    gao_actor = actor("Gao", id="a1")
    gao_place = {"id": "l1", "name": "Gao", "mentions": ["Gao"], "aliases": [], "country": None, "admin1": None,
                 "precision": "exact"}
    doc = convert(empty_answer(actors=[gao_actor], locations=[gao_place],
                               events=[event(arguments=[argument("place", "Gao"), argument("attacker", "Gao")])]))
    assert [a.entity for a in doc.events[0].arguments] == ["l1", "a1"]
    assert problems(empty_answer(actors=[gao_actor], locations=[gao_place],
                                 events=[event(arguments=[argument("target", "Gao")])])) == [
        "document 'd1': events[0].arguments[0].entity: 'Gao' names 2 entities (a1, l1). "
        "Refer to it by id instead of by name"]


def test_unknown_references_are_located() -> None:
    assert problems(empty_answer(events=[event(arguments=[argument("attacker", "ghosts")])])) == [
        "document 'd1': events[0].arguments[0].entity: 'ghosts' is neither an id nor the name of an actor in the "
        "answer. Give the id of an actor, or its exact name"]
    assert problems(empty_answer(casualties=[{
        "id": "c1", "mentions": ["two"], "event": "e9", "also_events": [], "outcome": "killed",
        "count": {"qualifier": "exact", "low": 2, "best": 2, "high": 2},
        "victim": {"actor": None, "category": "civilian", "nationality": None}, "source": None, "part_of": None,
        "revises": None, "disputes": None, "severity": None, "descriptor": None, "status": None}])) == [
        "document 'd1': casualties[0].event: reference 'e9' points to no object. "
        "Use the id of an object defined in this document"]


def test_time_anchors_are_words_or_ids() -> None:
    def time(id: str, anchor: str | None) -> dict[str, Any]:
        return {"id": id, "mentions": ["Monday"], "value": {"start": "2024-03-01", "end": "2024-03-01",
                                                             "precision": "day"},
                "relative": anchor is not None, "anchor": anchor, "approximate": False}

    doc = convert(empty_answer(times=[time("t1", None), time("t2", "published"), time("t3", "t1"),
                                      time("t4", "e1")], events=[event()]))
    assert [(t.anchor and t.anchor.value, t.anchor_ref) for t in doc.times] == [
        (None, None), ("published", None), ("time", "t1"), ("event", "e1")]
    assert problems(empty_answer(times=[time("t1", "yesterday")])) == [
        "document 'd1': times[0].anchor: anchor 'yesterday' is neither 'published', 'dateline' nor the id of a time "
        "or event. Name what the relative time counts from, or use null for the publication date"]


def test_schema_errors_in_an_answer_name_the_path() -> None:
    answer = empty_answer(events=[event()])
    del answer["events"][0]["modality"]
    answer["events"][0]["type"] = "bombing"
    found = problems(answer)
    assert found[0] == ("document 'd1': events[0].type: 'bombing' is not allowed here; expected one of 28 values "
                        "(closest: 'suicide_bomb', 'mob_violence', 'abduction'). "
                        "Use one of the listed values (eventgold schema prints them all)")
    assert found[1].startswith("document 'd1': events[0].modality: Field required")
    assert problems(empty_answer(events=[event()], extra=[])) == [
        "document 'd1': extra: Extra inputs are not permitted. Remove the field, or check its spelling against "
        "docs/format.md"]


def test_an_answer_may_be_a_json_string() -> None:
    assert convert(json.dumps(empty_answer(events=[event()]))).events[0].id == "e1"  # type: ignore[arg-type]
    with pytest.raises(DataError, match="the answer is not JSON"):
        from_llm_answer("{not json", id="d1", published="2024-03-02", text=TEXT)


def test_an_answer_model_converts_too() -> None:
    answer = LlmAnswer.model_validate(empty_answer(events=[event()]))
    assert convert(answer).events[0].type.value == "attack"  # type: ignore[arg-type]


def test_to_llm_answer_refuses_what_the_answer_cannot_say() -> None:
    doc = next(d for d in BUNDLED if any(t.anchor_ref for t in d.times))
    broken = copy.deepcopy(doc)
    anchored = next(t for t in broken.times if t.anchor_ref)
    target = anchored.anchor_ref
    for obj in (*broken.times, *broken.events):
        if obj.id == target:
            obj.id = "published"
    anchored.anchor_ref = "published"
    with pytest.raises(DataError, match="anchor_ref 'published' reads as an anchor word"):
        to_llm_answer(broken)
    long_id = copy.deepcopy(doc)
    long_id.events[0].id = "e" * 25
    with pytest.raises(DataError, match=r"events\[0\]\.id: String should match pattern"):
        to_llm_answer(long_id)


# --------------------------------------------------------------------------- describing it, and the command line


def test_the_description_names_every_field_and_value() -> None:
    text = describe_llm_answer()
    for cls in ANSWER_MODELS:
        for name, field in cls.model_fields.items():
            assert f"- `{name}` (" in text and str(field.description) in text, f"{cls.__name__}.{name}"
    for value in ("air_drone_strike", "hypothetical", "non_state_armed_group", "asserted_by", "at_least",
                  "returned_to_duty", "northwest", "backed_by", "response_to"):
        assert f"`{value}`" in text, value


def test_schema_command_prints_the_answer_schema_and_its_description() -> None:
    result = runner.invoke(app, ["schema", "--llm"])
    assert result.exit_code == 0 and json.loads(result.output) == SCHEMA
    result = runner.invoke(app, ["schema", "--llm", "--describe"])
    assert result.exit_code == 0 and result.output == describe_llm_answer()


@pytest.mark.parametrize(("args", "message"), [
    (["--describe"], "--describe describes the LLM answer: add --llm"),
    (["--llm", "--version", "1"], "--llm gives the answer of the current schema"),
])
def test_schema_command_usage_errors(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["schema", *args])
    assert result.exit_code == 2 and message in result.output
