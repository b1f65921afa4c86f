"""Every malformed export gets its exact, located message; with --on-error skip, a count instead."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventgold.annotate.export import convert_from_ls
from eventgold.schema import DataError
from tests.annotate.malformed_exports import CASES, V2_CASES, Case, base_export

ALL = CASES + V2_CASES


def write_case(case: Case) -> None:
    if case.raw is not None:
        Path("export.json").write_text(case.raw, encoding="utf-8")
        return
    tasks = base_export(case.base)
    case.change(tasks)
    Path("export.json").write_text(json.dumps(tasks), encoding="utf-8")


@pytest.mark.parametrize("case", ALL, ids=[c.name for c in ALL])
def test_malformed_export_gets_located_messages(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_case(case)
    Path("gold.jsonl").write_text("old\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        convert_from_ls("export.json", "gold.jsonl", **case.options)
    assert [str(p) for p in info.value.problems] == case.expected
    assert Path("gold.jsonl").read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.json", "gold.jsonl"]


def test_there_are_at_least_25_cases_with_distinct_messages() -> None:
    assert len(CASES) >= 25 and len(V2_CASES) >= 20
    assert len({c.expected[0] for c in ALL}) == len(ALL)


@pytest.mark.parametrize("case", [c for c in ALL if c.raw is None], ids=lambda c: c.name)
def test_skip_leaves_bad_tasks_out_and_counts_them(case: Case, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_case(case)
    summary = convert_from_ls("export.json", "gold.jsonl", on_error="skip", **case.options)
    written = Path("gold.jsonl").read_text(encoding="utf-8").splitlines()
    assert summary.written == len(written)
    assert summary.written + summary.total_skipped == len(json.loads(Path("export.json").read_text()))
    assert summary.total_skipped >= 1
    assert str(next(iter(summary.examples.values()))) in case.expected


def test_files_that_are_not_exports_are_data_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for raw, message in [
        ("", "export.json: the export is empty; expected a JSON array of tasks"),
        ("[1, 2] x", "export.json:1: text after the end of the array"),
        ('[{"a": 1} {"b": 2}]', "export.json:1: expected ',' between tasks, found '{'"),
        ("[", "export.json:1: the file ends inside the array of tasks"),
    ]:
        Path("export.json").write_text(raw, encoding="utf-8")
        with pytest.raises(DataError) as info:
            convert_from_ls("export.json", "gold.jsonl", on_error="skip")
        assert str(info.value).startswith(message), str(info.value)
    assert not Path("gold.jsonl").exists()
