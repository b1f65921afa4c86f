"""docs/errors.md: every error class is documented, and every example message is what the command really prints.

Each example in the page is a ``<!-- example: NAME exit=N -->`` marker followed by a console block: the command
and what it writes on stderr. The inputs each example reads are made here, by NAME, in an empty folder.
``python -m tests.test_docs_errors`` prints the real output of every example (to update the page).
"""

from __future__ import annotations

import copy
import importlib
import json
import os
import pkgutil
import re
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import eventgold
from eventgold.cli import build_app
from eventgold.schema import EventgoldError
from tests.schema.malformed_cases import BASE

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "errors.md"
EXAMPLE = re.compile(r"<!-- example: (\S+) exit=(\d) -->\n```console\n\$ ([^\n]+)\n(.*?)```\n", re.DOTALL)

runner = CliRunner()
app = build_app()


def _doc(**changes: Any) -> dict[str, Any]:
    out = copy.deepcopy(BASE)
    out.update(changes)
    return out


def _line(raw: dict[str, Any]) -> str:
    return json.dumps(raw, ensure_ascii=True)


def _write(name: str, *lines: str) -> None:
    Path(name).write_text("".join(x + "\n" for x in lines), encoding="utf-8")


def _start_as_string() -> None:
    raw = _doc()
    raw["events"][0]["triggers"][0]["start"] = "8"
    _write("gold.jsonl", _line(raw))


def _wrong_trigger_text() -> None:
    raw = _doc()
    raw["events"][0]["triggers"][0]["text"] = "hits"
    _write("gold.jsonl", _line(raw))


def _cycle() -> None:
    events = [{"id": f"e{i}", "type": "shelling_missile_attack", "triggers": [{"start": 8, "end": 11, "text": "hit"}]}
              for i in (1, 2)]
    links = [{"type": "part_of", "source": "e1", "target": "e2"}, {"type": "part_of", "source": "e2", "target": "e1"}]
    _write("gold.jsonl", _line(_doc(events=events, casualties=[], links=links)))


def _export_with_trailing_data() -> None:
    Path("export.json").write_text('[{"id": 1, "data": {"text": "Calm."}}]\n[{"id": 2}]\n', encoding="utf-8")


def _not_utf8() -> None:
    Path("gold.jsonl").write_bytes(_line(_doc()).encode() + b"\n" + _line(_doc(id="d2")).replace(
        "Test desk", "Test\xe9desk").encode("latin-1") + b"\n")


#: Inputs of each example, by the name in its marker.
SETUPS: dict[str, Callable[[], None]] = {
    "missing-file": lambda: None,
    "output-is-a-folder": lambda: (_write("gold.jsonl", _line(_doc())), Path("out").mkdir()),
    "negative-seed": lambda: _write("gold.jsonl", _line(_doc())),
    "invalid-json": lambda: _write("gold.jsonl", _line(_doc()), '{"id": "d2", "published": '),
    "not-utf8": _not_utf8,
    "empty-file": lambda: _write("gold.jsonl"),
    "duplicate-key": lambda: _write("gold.jsonl", _line(_doc()).replace('"id": "d1"', '"id": "d1", "id": "d2"', 1)),
    "nan": lambda: _write("gold.jsonl", _line(_doc(metadata={"score": float("nan")}))),
    "integer-range": lambda: _write("gold.jsonl", _line(_doc(metadata={"tweet": 1790000000000000000}))),
    "lone-surrogate": lambda: _write("gold.jsonl", _line(_doc(source="Reuters\udfff"))),
    "too-deep": lambda: _write("gold.jsonl", _line(_doc(metadata={"x": 0})).replace('"x": 0', '"x": ' + "[" * 70
                                                                                       + "]" * 70)),
    "strict-integer": _start_as_string,
    "schema-problem": _wrong_trigger_text,
    "part-of-cycle": _cycle,
    "export-trailing-data": _export_with_trailing_data,
}


def _studio_api_error() -> EventgoldError:
    from label_studio_sdk.core.api_error import ApiError

    from eventgold.annotate.sync import talking_to

    try:
        with talking_to("http://127.0.0.1:8080"):
            raise ApiError(status_code=500, body={"detail": "database is locked"})
    except EventgoldError as exc:
        return exc
    raise AssertionError("no error")


def _studio_error() -> EventgoldError:
    from eventgold.annotate.server import wait_healthy

    try:
        wait_healthy("http://127.0.0.1:9", timeout=0, log_path=Path("server.log"), interval=0)
    except EventgoldError as exc:
        return exc
    raise AssertionError("no error")


#: Examples of errors raised by library calls (the CLI prints them as ``error: MESSAGE``).
RAISERS: dict[str, Callable[[], EventgoldError]] = {
    "studio-api-error": _studio_api_error,
    "studio-error": _studio_error,
}


def examples() -> list[tuple[str, int, str, str]]:
    return [(m[1], int(m[2]), m[3], m[4]) for m in EXAMPLE.finditer(PAGE.read_text(encoding="utf-8"))]


def real_output(name: str, command: str) -> tuple[int, str]:
    """What ``command`` prints on stderr and its exit code, run on the example's inputs in the current folder."""
    if name in RAISERS:
        return 1, f"error: {RAISERS[name]()}\n"
    SETUPS[name]()
    args = shlex.split(command)
    assert args[0] == "eventgold"
    result = runner.invoke(app, args[1:])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{command} crashed") from result.exception
    return result.exit_code, result.stderr


@pytest.mark.parametrize(("name", "code", "command", "expected"), examples(), ids=[e[0] for e in examples()])
def test_example_is_the_real_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, code: int,
                                     command: str, expected: str) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "300")
    assert real_output(name, command) == (code, expected)


def test_every_example_input_is_in_the_page() -> None:
    assert sorted(e[0] for e in examples()) == sorted([*SETUPS, *RAISERS])


def _error_classes() -> set[type[EventgoldError]]:
    for area in ("schema", "corpus", "annotate", "eval"):
        package = importlib.import_module(f"eventgold.{area}")
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"eventgold.{area}.{module.name}")
    found: set[type[EventgoldError]] = set()
    todo: list[type[EventgoldError]] = [EventgoldError]
    while todo:
        cls = todo.pop()
        found.add(cls)
        todo += cls.__subclasses__()
    return {c for c in found if c.__module__.startswith("eventgold")}


def test_every_error_class_has_a_section_with_its_exit_code() -> None:
    page = PAGE.read_text(encoding="utf-8")
    for cls in _error_classes():
        assert re.search(rf"^##+ `{cls.__name__}`.*exit code \d", page, re.MULTILINE), f"{cls.__name__} is not in {PAGE}"


def test_the_exit_codes_are_the_cli_constants() -> None:
    from eventgold.clikit import EXIT_DATA, EXIT_OK, EXIT_USAGE

    page = PAGE.read_text(encoding="utf-8")
    assert (EXIT_OK, EXIT_DATA, EXIT_USAGE) == (0, 1, 2)
    assert "| 0 | success" in page and "| 1 | the data" in page and "| 2 | the call" in page


def test_the_bounds_in_the_page_are_the_code_s() -> None:
    from eventgold.eval.bootstrap import MAX_RESAMPLES
    from eventgold.schema.errors import MAX_SHOWN
    from eventgold.schema.strict_json import MAX_DEPTH, MAX_INTEGER

    page = PAGE.read_text(encoding="utf-8")
    for value in (f"{MAX_INTEGER:,}", f"{MAX_DEPTH} levels", f"{MAX_RESAMPLES:,}", f"first {MAX_SHOWN}"):
        assert value in page, value


if __name__ == "__main__":  # print the real output of every example, to update the page
    import tempfile

    for example_name, _, example_command, _ in examples():
        with tempfile.TemporaryDirectory() as folder:
            os.chdir(folder)
            print(f"--- {example_name}: $ {example_command}")
            print(*real_output(example_name, example_command), sep="\n")
    print(eventgold.__version__)
