"""The documented schema rules of two hosted structured-output services, as small checkers.

Neither service can be called from the tests, so these encode what their documentation says a
schema must look like; each function returns the list of rules a schema breaks (empty when it
passes). The rules are paraphrased from:

- OpenAI, "Structured model outputs" guide, section "Supported schemas" (strict mode, response
  formats and strict function calling share it);
- Anthropic, "Structured outputs" guide, section "JSON Schema limitations", and "Strict tool use"
  (JSON outputs and strict tools share the limits).

Where a document is silent on how something is counted, the comment says which reading we took.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

# --------------------------------------------------------------------------- walking a schema


def nodes(schema: Any, path: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every subschema as written (each $defs entry once), with a JSON-pointer-like path."""
    if not isinstance(schema, dict):
        return
    yield path, schema
    for key in ("properties", "$defs"):
        for name, sub in schema.get(key, {}).items():
            yield from nodes(sub, f"{path}/{key}/{name}")
    if isinstance(schema.get("items"), dict):
        yield from nodes(schema["items"], f"{path}/items")
    for i, sub in enumerate(schema.get("anyOf", [])):
        yield from nodes(sub, f"{path}/anyOf/{i}")


def resolve(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/$defs/"), ref
        node = root["$defs"][ref.removeprefix("#/$defs/")]
    return node


def object_depth(root: dict[str, Any], node: dict[str, Any], seen: tuple[str, ...] = ()) -> int:
    """How many objects nest along the deepest path, following $refs (the root object is level 1)."""
    if "$ref" in node:
        if node["$ref"] in seen:
            raise ValueError(f"recursive schema at {node['$ref']}")
        return object_depth(root, resolve(root, node), (*seen, node["$ref"]))
    here = 1 if node.get("type") == "object" else 0
    below = [object_depth(root, sub, seen) for sub in node.get("properties", {}).values()]
    below += [object_depth(root, sub, seen) for sub in node.get("anyOf", [])]
    if isinstance(node.get("items"), dict):
        below.append(object_depth(root, node["items"], seen))
    return here + max(below, default=0)


def expanded_property_count(root: dict[str, Any], node: dict[str, Any]) -> int:
    """Object properties counted at every place they occur, $refs expanded (the stricter reading of 'total')."""
    node = resolve(root, node)
    count = len(node.get("properties", {}))
    subs = list(node.get("properties", {}).values()) + list(node.get("anyOf", []))
    if isinstance(node.get("items"), dict):
        subs.append(node["items"])
    return count + sum(expanded_property_count(root, sub) for sub in subs)


def is_union(node: dict[str, Any]) -> bool:
    return "anyOf" in node or "oneOf" in node or isinstance(node.get("type"), list)


# --------------------------------------------------------------------------- OpenAI strict mode


@dataclass(frozen=True)
class OpenAILimits:
    depth: int
    properties: int
    enum_values: int
    names_chars: int
    large_enum: int
    large_enum_chars: int


# The size limits the guide gives today: up to 5,000 object properties and 10 levels of nesting; all
# property names, definition names, enum values and const values together at most 120,000 characters;
# at most 1,000 enum values in the schema; a string enum of more than 250 values at most 15,000
# characters in all.
OPENAI_LIMITS = OpenAILimits(depth=10, properties=5000, enum_values=1000, names_chars=120_000, large_enum=250,
                             large_enum_chars=15_000)
# The limits the guide gave when strict mode launched (August 2024), still what some deployments
# enforce: 100 properties, 5 levels, 500 enum values, 15,000 characters, 7,500 for an enum over 250.
OPENAI_LIMITS_2024 = OpenAILimits(depth=5, properties=100, enum_values=500, names_chars=15_000, large_enum=250,
                                  large_enum_chars=7_500)

# Keywords the guide lists as supported. Anything else (allOf, oneOf, not, if/then/else,
# dependentRequired, dependentSchemas, patternProperties, unevaluatedProperties, propertyNames,
# minProperties, maxProperties, minLength, maxLength, unevaluatedItems, contains, uniqueItems, default,
# ...) is refused in strict mode.
OPENAI_KEYWORDS = frozenset({
    "type", "title", "description", "properties", "required", "additionalProperties", "items", "enum", "const", "anyOf",
    "$ref", "$defs", "pattern", "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
    "multipleOf", "minItems", "maxItems",
})
OPENAI_FORMATS = frozenset({"date-time", "time", "date", "duration", "email", "hostname", "ipv4", "ipv6", "uuid"})


def openai_strict_problems(schema: dict[str, Any], limits: OpenAILimits = OPENAI_LIMITS) -> list[str]:
    problems = []
    # The root must be an object, not an anyOf.
    if schema.get("type") != "object" or "anyOf" in schema:
        problems.append("#: the root must be an object schema")
    for path, node in nodes(schema):
        unknown = set(node) - OPENAI_KEYWORDS
        if unknown:
            problems.append(f"{path}: unsupported keywords {sorted(unknown)}")
        # A $ref stands alone: no description or other keyword beside it.
        if "$ref" in node and len(node) > 1:
            problems.append(f"{path}: keywords beside $ref: {sorted(set(node) - {'$ref'})}")
        if "format" in node and node["format"] not in OPENAI_FORMATS:
            problems.append(f"{path}: unsupported format {node['format']!r}")
        if node.get("type") == "object" or "properties" in node:
            # Every object closes itself and requires every property it lists (optional = nullable).
            if node.get("additionalProperties") is not False:
                problems.append(f"{path}: additionalProperties must be false")
            if sorted(node.get("required", [])) != sorted(node.get("properties", {})):
                problems.append(f"{path}: every property must be required")
        if path != "#" and "$ref" not in node and "anyOf" not in node and "type" not in node \
                and "enum" not in node and "const" not in node:
            problems.append(f"{path}: a subschema needs a type")
    depth = object_depth(schema, schema)
    if depth > limits.depth:
        problems.append(f"#: {depth} levels of object nesting, more than {limits.depth}")
    props = expanded_property_count(schema, schema)
    if props > limits.properties:
        problems.append(f"#: {props} object properties, more than {limits.properties}")
    enums = [node["enum"] for _, node in nodes(schema) if "enum" in node]
    n_values = sum(len(e) for e in enums)
    if n_values > limits.enum_values:
        problems.append(f"#: {n_values} enum values, more than {limits.enum_values}")
    names = sum(len(k) for _, node in nodes(schema) for key in ("properties", "$defs") for k in node.get(key, {}))
    names += sum(len(str(v)) for e in enums for v in e)
    names += sum(len(str(node["const"])) for _, node in nodes(schema) if "const" in node)
    if names > limits.names_chars:
        problems.append(f"#: names, enum and const values add up to {names} characters, more than {limits.names_chars}")
    for e in enums:
        if len(e) > limits.large_enum and sum(len(str(v)) for v in e) > limits.large_enum_chars:
            problems.append(f"#: an enum of {len(e)} values is longer than {limits.large_enum_chars} characters")
    return problems


# --------------------------------------------------------------------------- Anthropic strict tools and JSON outputs

# The guide names these as unsupported: number bounds, string length bounds, array bounds beyond
# minItems 0 or 1, and additionalProperties other than false.
ANTHROPIC_UNSUPPORTED = frozenset({
    "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "maxItems",
    "uniqueItems", "contains", "minProperties", "maxProperties", "patternProperties", "propertyNames",
})
ANTHROPIC_FORMATS = frozenset({"date-time", "time", "date", "duration", "email", "hostname", "uri", "ipv4", "ipv6",
                               "uuid"})
# Complexity limits stated for strict schemas, summed over every strict tool and the output format of a
# request: at most 20 strict tools, 24 optional properties and 16 properties whose type is a union
# (anyOf, or a list of types, which is how null is allowed). We count unions where they are written, each
# $defs entry once.
ANTHROPIC_MAX_OPTIONAL = 24
ANTHROPIC_MAX_UNIONS = 16
# Patterns: no backreferences, no lookahead or lookbehind, no word boundaries, and only "simple" {n,m}
# repetitions. The guide gives no number for simple; we take at most 64 as our own reading.
ANTHROPIC_MAX_REPEAT = 64
_BAD_REGEX = re.compile(r"\\[1-9]|\(\?[=!<]|\\[bB]|\\k<")
_REPEAT = re.compile(r"\{(\d+)(?:,(\d*))?\}")


def anthropic_strict_problems(schema: dict[str, Any]) -> list[str]:
    problems = []
    optional = unions = 0
    for path, node in nodes(schema):
        bad = set(node) & ANTHROPIC_UNSUPPORTED
        if bad:
            problems.append(f"{path}: unsupported keywords {sorted(bad)}")
        if node.get("minItems", 0) not in (0, 1):
            problems.append(f"{path}: minItems other than 0 or 1")
        if "format" in node and node["format"] not in ANTHROPIC_FORMATS:
            problems.append(f"{path}: unsupported format {node['format']!r}")
        if "$ref" in node and not node["$ref"].startswith("#"):
            problems.append(f"{path}: external $ref")
        if "allOf" in node and any("$ref" in sub for sub in node["allOf"]):
            problems.append(f"{path}: allOf with $ref")
        if any(isinstance(v, dict | list) for v in node.get("enum", [])):
            problems.append(f"{path}: enum of objects or arrays")
        if node.get("type") == "object" or "properties" in node:
            if node.get("additionalProperties") is not False:
                problems.append(f"{path}: additionalProperties must be false")
            optional += len(set(node.get("properties", {})) - set(node.get("required", [])))
        if is_union(node):
            unions += 1
        pattern = node.get("pattern")
        if pattern is not None:
            if _BAD_REGEX.search(pattern):
                problems.append(f"{path}: pattern uses a backreference, lookaround or word boundary")
            for low, high in _REPEAT.findall(pattern):
                if max(int(low), int(high or 0)) > ANTHROPIC_MAX_REPEAT:
                    problems.append(f"{path}: pattern repeats up to {max(int(low), int(high or 0))} times")
    object_depth(schema, schema)  # raises on recursion, which is unsupported
    if optional > ANTHROPIC_MAX_OPTIONAL:
        problems.append(f"#: {optional} optional properties, more than {ANTHROPIC_MAX_OPTIONAL}")
    if unions > ANTHROPIC_MAX_UNIONS:
        problems.append(f"#: {unions} union-typed properties, more than {ANTHROPIC_MAX_UNIONS}")
    return problems


def union_count(schema: dict[str, Any]) -> int:
    return sum(1 for _, node in nodes(schema) if is_union(node))
