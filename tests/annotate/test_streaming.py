"""The export is streamed task by task; chunk boundaries anywhere must not change what is read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eventgold.annotate import jsonstream
from eventgold.annotate.jsonstream import iter_export
from eventgold.schema import DataError, UsageError

TASKS: list[Any] = [
    {"id": 1, "data": {"text": "Shelling hit Kharkiv 🚨\r\nand Gao.", "n": [1.5, -0.0, 1e-7, 2**53 - 1]}},
    {"id": 2, "data": {"text": "ok", "nested": {"deep": [[], {}, None, True, "\\n"]}}},
    {"id": 3, "data": {"text": "x" * 300}},
]


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 64, 1 << 22])
@pytest.mark.parametrize("indent", [None, 2])
def test_any_chunk_size_reads_the_same_tasks(chunk: int, indent: int | None, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonstream, "_CHUNK", chunk)
    path = tmp_path / "export.json"
    path.write_text("\ufeff \n" + json.dumps(TASKS, indent=indent, ensure_ascii=False) + "\n\n", encoding="utf-8")
    assert list(iter_export(path)) == TASKS


@pytest.mark.parametrize("chunk", [1, 5, 1 << 22])
def test_empty_array_and_top_level_scalars(chunk: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonstream, "_CHUNK", chunk)
    path = tmp_path / "export.json"
    path.write_text("[ ]", encoding="utf-8")
    assert list(iter_export(path)) == []
    path.write_text("[12345, 678]", encoding="utf-8")
    assert list(iter_export(path)) == [12345, 678]


def test_a_damaged_file_names_the_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonstream, "_CHUNK", 16)
    path = tmp_path / "export.json"
    path.write_text(json.dumps(TASKS, indent=2).replace('"ok"', "ok"), encoding="utf-8")
    with pytest.raises(DataError) as info:
        list(iter_export(path))
    line = json.dumps(TASKS, indent=2).splitlines().index('      "text": "ok",') + 1
    assert str(info.value) == (f"{path}:{line}: invalid JSON: Expecting value (in task 1 of the array). Export the "
                               "project again in Label Studio's JSON format; the file is cut or damaged")


def test_missing_file_and_folder_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file"):
        list(iter_export(tmp_path / "nope.json"))
    with pytest.raises(UsageError, match="is a folder"):
        list(iter_export(tmp_path))


def test_not_utf8_is_a_data_error(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_bytes(b'[{"a": "\xff"}]')
    with pytest.raises(DataError, match="not UTF-8 text"):
        list(iter_export(path))
