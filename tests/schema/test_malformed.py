import json
from pathlib import Path

import pytest

from eventgold.schema import DataError, read_documents
from tests.schema.malformed_cases import BASE, CASES, CASES_V2


@pytest.mark.parametrize(("name", "line", "expected"), CASES, ids=[c[0] for c in CASES])
def test_malformed_line_gets_located_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             name: str, line: str, expected: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    Path("bad.jsonl").write_text(json.dumps(BASE) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        list(read_documents("bad.jsonl", collect=True))
    assert [str(p) for p in info.value.problems] == expected


def test_at_least_25_cases() -> None:
    assert len(CASES) >= 25


def test_huge_document_is_accepted(tmp_path: Path) -> None:
    words = ("Shelling hit Kharkiv. " * 50_000)
    doc = {"schema_version": "2.0", "id": "big", "published": "2024-01-01", "text": words,
           "events": [{"id": f"e{i}", "type": "shelling_missile_attack",
                       "triggers": [{"start": 22 * i, "end": 22 * i + 8, "text": "Shelling"}]} for i in range(2000)]}
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    (parsed,) = read_documents(path)
    assert len(parsed.text) == 1_100_000 and len(parsed.events) == 2000


def test_base_document_is_valid(tmp_path: Path) -> None:
    path = tmp_path / "ok.jsonl"
    path.write_text(json.dumps(BASE) + "\n", encoding="utf-8")
    assert [d.id for d in read_documents(path)] == ["d1"]


@pytest.mark.parametrize(("name", "line", "expected"), CASES_V2, ids=[c[0] for c in CASES_V2])
def test_schema_2_rule_gets_located_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           name: str, line: str, expected: list[str]) -> None:
    test_malformed_line_gets_located_message(tmp_path, monkeypatch, name, line, expected)


def test_at_least_15_schema_2_cases() -> None:
    assert len(CASES_V2) >= 15
