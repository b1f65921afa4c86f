"""`eventgold eval score|compare|agreement`: exit codes, formats, files, byte-identical JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventgold.cli import build_app
from eventgold.schema import Profile, parse_document
from tests.eval.builders import as_gold, corpus, write_jsonl

runner = CliRunner()
app = build_app()

GOLD, PRED = corpus(6)
FAST = ["--resamples", "100"]


@pytest.fixture()
def files(tmp_path: Path) -> tuple[str, str]:
    return str(write_jsonl(tmp_path / "gold.jsonl", GOLD)), str(write_jsonl(tmp_path / "pred.jsonl", PRED))


def test_score_table_to_stdout(files: tuple[str, str]) -> None:
    gold, pred = files
    result = runner.invoke(app, ["eval", "score", pred, "--gold", gold, *FAST])
    assert result.exit_code == 0, result.output
    assert "HEADLINE SCORES" in result.stdout and "Arg-C" in result.stdout


def test_score_json_is_byte_identical_across_runs_and_processes(files: tuple[str, str], tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    gold, pred = files
    outputs = []
    for i, extra in enumerate(([], ["--num-proc", "2"], [])):
        out = tmp_path / f"r{i}.json"
        result = runner.invoke(app, ["eval", "score", pred, "--gold", gold, "--format", "json", "-o", str(out),
                                     "--errors", "--seed", "4", *FAST, *extra])
        assert result.exit_code == 0, result.output
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
    data = json.loads(outputs[0])
    assert data["settings"] == {"seed": 4, "resamples": 100, "confidence": 0.95, "zero_division": 0.0,
                                "min_event_similarity": 0.5}
    assert "findings" in data


def test_score_html_page(files: tuple[str, str], tmp_path: Path) -> None:
    gold, pred = files
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["eval", "score", pred, "--gold", gold, "--format", "html", "-o", str(out), *FAST])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.count("data:image/png;base64,") == 4


def test_missing_prediction_warns(files: tuple[str, str], tmp_path: Path) -> None:
    gold, _ = files
    pred = write_jsonl(tmp_path / "some.jsonl", PRED[:4])
    result = runner.invoke(app, ["eval", "score", str(pred), "--gold", gold, "--format", "json", *FAST])
    assert result.exit_code == 0
    assert ("warning: 2 gold documents have no prediction and were scored as empty: doc-004, doc-005"
            in result.stderr)
    assert json.loads(result.stdout)["documents"]["missing_predictions"] == ["doc-004", "doc-005"]


def test_unknown_document_is_exit_1(files: tuple[str, str], tmp_path: Path) -> None:
    _, pred = files
    gold = write_jsonl(tmp_path / "small.jsonl", GOLD[:5])
    result = runner.invoke(app, ["eval", "score", pred, "--gold", str(gold), *FAST])
    assert result.exit_code == 1
    assert f"document 'doc-005': prediction for a document that is not in the gold file {gold}" in result.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["--split", "test", "--gold", "GOLD"], "give either --gold FILE or --split NAME, not both"),
    (["--gold", "nowhere.jsonl"], "nowhere.jsonl: no such file"),
    (["--split", "holdout"], "unknown split 'holdout'"),
    (["--gold", "GOLD", "--zero-division", "2"], "--zero-division must be 0, 1 or nan"),
    (["--gold", "GOLD", "--resamples", "0"], "--resamples must be at least 1"),
    (["--gold", "GOLD", "--num-proc", "0"], "--num-proc must be at least 1, not 0"),
    (["--gold", "GOLD", "--min-event-similarity", "0"], "--min-event-similarity must be in (0, 1]"),
])
def test_usage_errors_are_exit_2(files: tuple[str, str], args: list[str], message: str) -> None:
    gold, pred = files
    result = runner.invoke(app, ["eval", "score", pred, *[gold if a == "GOLD" else a for a in args]])
    assert result.exit_code == 2, result.output
    assert message in result.stderr


def test_split_reads_the_bundled_corpus(tmp_path: Path) -> None:
    from eventgold.cli_eval import split_file

    test_split = split_file("test")
    result = runner.invoke(app, ["eval", "score", str(test_split), "--split", "test", "--format", "json", *FAST])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["headlines"][0]["value"] == 1.0


def test_compare_and_agreement(files: tuple[str, str], tmp_path: Path) -> None:
    gold, pred = files
    result = runner.invoke(app, ["eval", "compare", gold, pred, "--gold", gold, "--format", "json", *FAST])
    assert result.exit_code == 0, result.output
    diff = json.loads(result.stdout)["differences"]
    assert next(d for d in diff if d["name"] == "events.classification.f1")["difference"] > 0
    b = write_jsonl(tmp_path / "b.jsonl",
                    [parse_document(as_gold(p), Profile.GOLD) for p in PRED])
    result = runner.invoke(app, ["eval", "agreement", gold, str(b), "--format", "markdown", *FAST])
    assert result.exit_code == 0, result.output
    assert "Cohen's kappa" in result.stdout
