"""Strict JSON: what Python's ``json`` module lets through and eventgold's input format forbids.

``json.loads`` keeps the last of two equal keys in an object (so a repeated
``"id"`` silently changes the document), accepts ``NaN``, ``Infinity`` and
``-Infinity`` (which are not JSON, and which it writes back bare), turns
``1e400`` into infinity, parses integers of any length (and raises a plain
``ValueError`` past 4,300 digits), keeps lone surrogates from ``\\udfff``
escapes (strings that cannot be written as UTF-8), and recurses until the
interpreter's limit. This module parses with the same C decoder and turns each
of these into a located :class:`~eventgold.schema.errors.Problem`:

* a key repeated in one object;
* ``NaN``, ``Infinity``, ``-Infinity`` and numbers too large for a double;
* integers outside ``[-MAX_INTEGER, MAX_INTEGER]`` (I-JSON, RFC 7493: the range every
  JSON reader, JavaScript's included, holds exactly; Label Studio's page is JavaScript);
* lone surrogates in strings and keys;
* free-form values (``metadata``) nested more than :data:`MAX_DEPTH` levels, and any
  value nested too deeply for the parser.

Syntax errors still raise :class:`json.JSONDecodeError`. That integers are
integers where the schema says so (not ``"0"``, ``true`` or ``0.0``) is checked
when the document is validated in pydantic's strict JSON mode
(:func:`eventgold.schema.validate.parse_document` with ``json_text``).

>>> loads('{"id": "d1", "n": 3}')
{'id': 'd1', 'n': 3}
>>> try:
...     loads('{"id": "d1", "metadata": {"x": NaN}, "id": "d2"}')
... except DataError as exc:
...     print(exc)
duplicate key 'id' (JSON keeps the last value, so 'd1' would silently become 'd2'). Keep one of them
metadata.x: NaN is not a JSON number. Write null for a missing value, or the number as a string
"""

from __future__ import annotations

import functools
import json
import math
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, JsonValue

from .errors import DataError, Problem

#: Largest integer magnitude accepted anywhere in a document: 2**53 - 1 (I-JSON, RFC 7493).
MAX_INTEGER = 2**53 - 1
#: Deepest nesting of arrays and objects accepted in free-form values (``metadata``).
MAX_DEPTH = 64

#: A ``\\ud800``-``\\udfff`` escape, or a surrogate already in the text: only then are strings searched.
_SURROGATE_HINT = re.compile(r"\\u[dD][89a-fA-F]|[\ud800-\udfff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_AMBIGUOUS = re.compile(r"[\s.\[\]\"'\\]")


class _Bad:
    """Stands in the parsed value for a number the format forbids, until the walk reports it with its path."""

    __slots__ = ("message", "hint")

    def __init__(self, message: str, hint: str) -> None:
        self.message = message
        self.hint = hint

    def __repr__(self) -> str:
        return f"<bad JSON value: {self.message}>"


class _Repeated(dict):  # type: ignore[type-arg]
    """An object that had a repeated key: the values of each repeated key, in order."""

    repeats: dict[str, list[Any]]


class _Parse:
    """One strict parse: the decoder with its hooks, and whether any hook found something to report."""

    def __init__(self) -> None:
        self.flagged = False
        self.decoder = json.JSONDecoder(object_pairs_hook=self._object, parse_int=self._int,
                                        parse_float=self._float, parse_constant=self._constant)

    def _object(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) == len(pairs):
            return obj
        self.flagged = True
        repeated = _Repeated(obj)
        values: dict[str, list[Any]] = {}
        for key, value in pairs:
            values.setdefault(key, []).append(value)
        repeated.repeats = {k: v for k, v in values.items() if len(v) > 1}
        return repeated

    def _int(self, text: str) -> Any:
        if len(text) < 16:  # at most 15 digits (and a sign): always within 2**53 - 1
            return int(text)
        digits = len(text.lstrip("-"))
        if digits <= 20 and abs(int(text)) <= MAX_INTEGER:
            return int(text)
        self.flagged = True
        shown = text if digits <= 30 else f"{text[:12]}... ({digits} digits)"
        return _Bad(f"integer {shown} is out of range (at most {MAX_INTEGER:,} in magnitude)",
                    "Counts and offsets are far smaller; store a large identifier as a string")

    def _float(self, text: str) -> Any:
        value = float(text)
        if math.isfinite(value):
            return value
        self.flagged = True
        shown = text if len(text) <= 30 else f"{text[:12]}... ({len(text)} characters)"
        return _Bad(f"number {shown} is too large for a double", "Write a smaller number, or the value as a string")

    def _constant(self, name: str) -> Any:
        self.flagged = True
        return _Bad(f"{name} is not a JSON number", "Write null for a missing value, or the number as a string")

    def value(self, text: str, pos: int | None) -> tuple[Any, int]:
        try:
            if pos is None:
                return self.decoder.decode(text), len(text)
            return self.decoder.raw_decode(text, pos)
        except RecursionError:
            raise DataError(Problem(f"arrays and objects are nested more than {MAX_DEPTH} levels deep",
                                    "Flatten the value; documents are a few levels deep")) from None


def loads(text: str) -> Any:
    """Parse one JSON text strictly (see the module doc).

    Raises :class:`json.JSONDecodeError` for bad syntax and :class:`DataError`
    listing every strict problem, located by JSON path (the caller adds file and line).
    """
    parse = _Parse()
    value, end = parse.value(text, None)
    check(value, text, flagged=parse.flagged)
    return value


def raw_decode(text: str, pos: int = 0) -> tuple[Any, int]:
    """Like :meth:`json.JSONDecoder.raw_decode`, strictly: the value starting at ``pos`` and where it ends."""
    parse = _Parse()
    value, end = parse.value(text, pos)
    check(value, text, pos, end, flagged=parse.flagged)
    return value, end


def check(value: Any, text: str, start: int = 0, end: int | None = None, *, flagged: bool = True) -> None:
    """Raise :class:`DataError` for the strict problems in ``value``, parsed from ``text[start:end]``.

    ``flagged`` says the parser's hooks found something; the whole value is
    then walked to locate it. Lone surrogates are looked for only when the
    text has a surrogate escape, and free-form fields are always measured.
    """
    surrogates = _SURROGATE_HINT.search(text, start, len(text) if end is None else end) is not None
    problems = list(_walk(value, surrogates)) if flagged or surrogates else []
    if not problems and isinstance(value, dict):
        problems = free_form_problems(value)
    if problems:
        raise DataError(problems)


def _walk(value: Any, surrogates: bool) -> typing.Iterator[Problem]:
    """Every strict problem in ``value``, in document order, each with its JSON path."""
    stack: list[tuple[Any, str, int]] = [(value, "", 0)]
    while stack:
        node, path, depth = stack.pop()
        if isinstance(node, _Bad):
            yield Problem(node.message, node.hint, path=path or None)
        elif isinstance(node, str):
            if surrogates:
                yield from _surrogate(node, path)
        elif isinstance(node, dict):
            if depth >= MAX_DEPTH and node:
                yield _too_deep(path)
                continue
            if isinstance(node, _Repeated):
                for key, values in node.repeats.items():
                    yield _repeated(key, values, path)
            children = []
            for key, child in node.items():
                if surrogates:
                    yield from _surrogate(key, path, key=True)
                children.append((child, _join(path, key), depth + 1))
            stack.extend(reversed(children))
        elif isinstance(node, list):
            if depth >= MAX_DEPTH and node:
                yield _too_deep(path)
                continue
            stack.extend(reversed([(child, f"{path}[{i}]", depth + 1) for i, child in enumerate(node)]))


def path_key(path: str, key: str) -> str:
    """``path`` extended by an object key: ``.key``, or ``["a.b"]`` when the key would be ambiguous or unprintable."""
    if key and key.isprintable() and not _AMBIGUOUS.search(key):
        return f"{path}.{key}" if path else key
    return f"{path}[{json.dumps(key, ensure_ascii=True)}]"


_join = path_key


def _repeated(key: str, values: list[Any], path: str) -> Problem:
    shown = [_show(v) for v in values]
    if len(set(shown)) == 1:
        what = f"{len(values)} times with the same value"
    else:
        what = f"JSON keeps the last value, so {' and '.join(shown[:-1])} would silently become {shown[-1]}"
    return Problem(f"duplicate key {key!r} ({what})", "Keep one of them", path=path or None)


def _show(value: Any) -> str:
    if isinstance(value, dict | list):
        return "an object" if isinstance(value, dict) else "an array"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _surrogate(text: str, path: str, *, key: bool = False) -> typing.Iterator[Problem]:
    found = _SURROGATE.search(text)
    if found is None:
        return
    i = found.start()
    what = f"key {text[:40]!r}" if key else "string"
    span = (i, i + 1) if path == "text" and not key else None
    yield Problem(f"lone surrogate \\u{ord(found.group()):04x} at character {i} of the {what}: not Unicode text, "
                  "so it cannot be written as UTF-8",
                  "Remove the \\u escape, or give both halves of the pair (\\ud83d\\ude00 is one emoji)",
                  path=path or None, span=span)


def _too_deep(path: str) -> Problem:
    return Problem(f"arrays and objects are nested more than {MAX_DEPTH} levels deep",
                   "Flatten the value; documents are a few levels deep", path=path or None)


def free_form_problems(doc: dict[str, Any]) -> list[Problem]:
    """Problems of the free-form values (``metadata``) nested deeper than :data:`MAX_DEPTH`."""
    problems: list[Problem] = []
    for route in _free_form_routes():
        for path, value in _follow(doc, route, ""):
            if isinstance(value, dict | list) and _depth_over(value, MAX_DEPTH):
                problems.append(_too_deep(path))
    return problems


def _follow(node: Any, route: tuple[str, ...], path: str) -> typing.Iterator[tuple[str, Any]]:
    if not route:
        yield path, node
        return
    step, rest = route[0], route[1:]
    if step == "*":
        if isinstance(node, list):
            for i, child in enumerate(node):
                yield from _follow(child, rest, f"{path}[{i}]")
        elif isinstance(node, dict):
            for key, child in node.items():
                yield from _follow(child, rest, _join(path, key))
    elif isinstance(node, dict) and step in node:
        yield from _follow(node[step], rest, _join(path, step))


def _depth_over(value: Any, limit: int) -> bool:
    """True when ``value`` nests arrays and objects more than ``limit`` levels deep."""
    level = [value]
    for _ in range(limit):
        level = [c for node in level for c in (node.values() if isinstance(node, dict) else node)
                 if isinstance(c, dict | list)]
        if not level:
            return False
    return True


@functools.cache
def _free_form_routes() -> tuple[tuple[str, ...], ...]:
    """Where a document holds free-form JSON (``JsonValue``), as routes of keys (``*``: every item or value)."""
    from .model import Document

    routes: list[tuple[str, ...]] = []

    def visit(tp: Any, route: tuple[str, ...], seen: frozenset[type]) -> None:
        if tp is JsonValue:
            routes.append(route)
            return
        origin = typing.get_origin(tp)
        if origin in (typing.Union, types.UnionType, typing.Annotated):
            for arg in typing.get_args(tp)[: 1 if origin is typing.Annotated else None]:
                visit(arg, route, seen)
        elif origin in (list, tuple, set, frozenset):
            for arg in typing.get_args(tp):
                if arg is not Ellipsis:
                    visit(arg, route + ("*",), seen)
        elif origin is dict:
            visit(typing.get_args(tp)[1], route + ("*",), seen)
        elif isinstance(tp, type) and issubclass(tp, BaseModel) and tp not in seen:
            for name, info in tp.model_fields.items():
                visit(info.annotation, route + (info.alias or name,), seen | {tp})

    visit(Document, (), frozenset())
    # a dict of free-form values is measured as a whole: its route ends at the dict
    return tuple(sorted({r[:-1] if r and r[-1] == "*" else r for r in routes}))


def describe_json(value: Any) -> str:
    """A JSON value as a message shows it: ``the string "8"``, ``true``, ``8.0``, ``an object``."""
    if isinstance(value, str):
        shown = json.dumps(value if len(value) <= 40 else value[:37] + "...", ensure_ascii=False)
        return f"the string {shown}"
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int | float):
        return repr(value)
    return "an object" if isinstance(value, dict) else "an array" if isinstance(value, list) else repr(value)
