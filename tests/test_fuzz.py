"""Fuzzing the commands that read files: the only outcomes allowed are success or located messages (exit 1 or 2).

Arbitrary bytes, arbitrary JSON and valid documents with one value changed go into ``validate``, ``eval score``,
``annotate from-ls``, ``corpus split`` and ``annotate to-ls``. A crash (a traceback), another exit code, or an
error message that does not say ``error: FILE...`` fails. What validates must also write, convert to Label Studio
tasks and come back unchanged (documents drawn by ``tests.strategies.documents`` are round-tripped by
``tests/annotate/test_roundtrip.py``; here it is every valid document one change away from a valid one).

Seeded (``derandomize``), so CI sees the same inputs every run; the default size keeps this file near a minute.
``EVENTGOLD_FUZZ_EXAMPLES=2000 pytest tests/test_fuzz.py`` runs a larger search.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from eventgold.annotate.export import from_task
from eventgold.annotate.tasks import to_task
from eventgold.cli import build_app
from eventgold.schema import SCHEMA_VERSION, Document, dump_document, read_documents, write_documents
from eventgold.schema.strict_json import MAX_INTEGER
from tests.annotate.stored import stored_export
from tests.schema.malformed_cases import BASE

runner = CliRunner()
app = build_app()

_LARGER = os.environ.get("EVENTGOLD_FUZZ_EXAMPLES")


def fuzz(examples: int) -> Any:
    """Seeded settings: ``examples`` inputs in CI, or ``EVENTGOLD_FUZZ_EXAMPLES`` of them."""
    return settings(max_examples=int(_LARGER) if _LARGER else examples, derandomize=True, deadline=None,
                    database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                          HealthCheck.function_scoped_fixture])

# --- inputs -----------------------------------------------------------------------------------------------------

#: JSON values, including what json.loads accepts and the format forbids (NaN, huge integers, lone surrogates).
SCALARS = (st.none() | st.booleans() | st.integers(min_value=-(10**30), max_value=10**30)
           | st.integers(min_value=-MAX_INTEGER, max_value=MAX_INTEGER) | st.floats(allow_nan=True)
           | st.text(max_size=20) | st.sampled_from(["\udfff", "x\ud800y", "0", "true", "2024-03-02", "e1", ""]))
JSON = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=8) | st.sampled_from(list(BASE)), inner, max_size=4),
                    max_leaves=25)

VALID_LINE = json.dumps(BASE)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            out += _paths(child, prefix + (key,))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            out += _paths(child, prefix + (i,))
    return out


@st.composite
def mutated(draw: st.DrawFn, base: dict[str, Any] | None = None) -> dict[str, Any]:
    """A valid document with one value replaced, one key dropped or one key added."""
    doc = json.loads(json.dumps(base if base is not None else BASE))
    path = draw(st.sampled_from(_paths(doc)[1:]))
    parent: Any = doc
    for part in path[:-1]:
        parent = parent[part]
    action = draw(st.sampled_from(["replace", "drop", "add"]))
    if action == "drop" and isinstance(parent, dict):
        del parent[path[-1]]
    elif action == "add" and isinstance(parent, dict):
        parent[draw(st.text(max_size=8))] = draw(JSON)
    else:
        parent[path[-1]] = draw(JSON)
    return doc


def jsonl(values: list[Any]) -> bytes:
    return "".join(json.dumps(v) + "\n" for v in values).encode("utf-8", "surrogatepass")


FILES = (st.binary(max_size=300)
         | st.lists(JSON, max_size=3).map(jsonl)
         | st.lists(mutated(), min_size=1, max_size=2).map(jsonl)
         | st.lists(mutated(), min_size=1, max_size=2).map(lambda docs: jsonl([BASE, *docs])))


# --- the property ----------------------------------------------------------------------------------------------


def _run(*args: str | Path) -> Result:
    result = runner.invoke(app, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"eventgold {' '.join(map(str, args))} crashed") from result.exception
    return result


def _allowed(result: Result, *inputs: Path) -> None:
    """Success, or every message an ``error:`` line, located in one of ``inputs`` for a data error."""
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
    if result.exit_code == 0:
        return
    lines = [x for x in result.stderr.split("\n") if x and not x.startswith(("  ", "... and "))]
    assert lines and all(x.startswith("error: ") for x in lines), result.stderr
    if result.exit_code == 1:
        assert any(x.startswith(f"error: {p}") for x in lines for p in inputs), result.stderr


def _fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


@fuzz(80)
@given(content=FILES)
def test_hostile_jsonl_ends_in_success_or_a_located_message(tmp_path_factory: Any, content: bytes) -> None:
    work = _fresh(tmp_path_factory.getbasetemp() / "fuzz-jsonl")
    path = work / "input.jsonl"
    path.write_bytes(content)
    gold = work / "gold.jsonl"
    gold.write_text(VALID_LINE + "\n", encoding="utf-8")
    _allowed(_run("validate", path), path)
    _allowed(_run("validate", "--profile", "prediction", path), path)
    _allowed(_run("eval", "score", path, "--gold", path, "--resamples", "5"), path)
    _allowed(_run("eval", "score", path, "--gold", gold, "--resamples", "5"), path, gold)
    _allowed(_run("corpus", "split", path, "--out", work / "corpus"), path)
    _allowed(_run("annotate", "to-ls", path, "-o", work / "tasks.json"), path)
    _allowed(_run("annotate", "from-ls", path, "-o", work / "out.jsonl"), path)


def _export(value: Any) -> bytes:
    return json.dumps(value).encode("utf-8", "surrogatepass")


BASE_EXPORT = stored_export([to_task(Document.model_validate(BASE), gold=True)])


@st.composite
def mutated_export(draw: st.DrawFn) -> bytes:
    return _export([draw(mutated(BASE_EXPORT[0]))])


EXPORTS = (st.binary(max_size=300) | JSON.map(_export) | st.lists(JSON, max_size=3).map(_export) | mutated_export())


@fuzz(150)
@given(content=EXPORTS, skip=st.booleans())
def test_hostile_exports_end_in_success_or_a_located_message(tmp_path_factory: Any, content: bytes,
                                                             skip: bool) -> None:
    work = _fresh(tmp_path_factory.getbasetemp() / "fuzz-export")
    path = work / "export.json"
    path.write_bytes(content)
    out = work / "gold.jsonl"
    result = _run("annotate", "from-ls", path, "-o", out, *(["--on-error", "skip"] if skip else []))
    _allowed(result, path)
    if result.exit_code == 0:  # what from-ls wrote validates and round-trips
        assert _run("validate", out).exit_code in (0, 1)  # an export of no task writes an empty file
        docs = list(read_documents(out))
        write_documents(work / "again.jsonl", docs)
        assert (work / "again.jsonl").read_bytes() == out.read_bytes()


# --- what validates must write, convert and round-trip --------------------------------------------------------


def _round_trips(work: Path, path: Path) -> None:
    docs = list(read_documents(path))
    again = work / "again.jsonl"
    write_documents(again, docs)
    assert list(read_documents(again)) == docs
    assert again.read_text(encoding="utf-8") == "".join(dump_document(d) + "\n" for d in docs)
    for doc in docs:
        assert from_task(stored_export([to_task(doc, gold=True)])[0]) == doc
    tasks = work / "tasks.json"
    assert _run("annotate", "to-ls", path, "-o", tasks).exit_code == 0
    exported = work / "export.json"
    exported.write_text(json.dumps(stored_export(json.loads(tasks.read_text(encoding="utf-8")))), encoding="utf-8")
    back = work / "back.jsonl"
    assert _run("annotate", "from-ls", exported, "-o", back, "--ground-truth").exit_code == 0
    assert list(read_documents(back)) == docs
    assert _run("corpus", "split", path, "--out", _fresh(work / "c") / "corpus").exit_code == 0


@fuzz(200)
@given(raw=mutated())
def test_a_changed_document_that_validates_writes_converts_and_round_trips(tmp_path_factory: Any,
                                                                           raw: dict[str, Any]) -> None:
    work = _fresh(tmp_path_factory.getbasetemp() / "fuzz-valid")
    path = work / "gold.jsonl"
    path.write_bytes(jsonl([raw]))
    result = _run("validate", path)
    _allowed(result, path)
    if result.exit_code == 0:
        _round_trips(work, path)


def test_base_is_a_current_gold_document() -> None:
    assert BASE.get("schema_version") == SCHEMA_VERSION
