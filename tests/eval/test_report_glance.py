"""Reports a researcher reads at a glance (issue 14 §3) and scores per metadata value (--by, §2)."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from eventgold import __version__
from eventgold.cli import build_app
from eventgold.eval import Settings, build_report, evaluate, render, score_documents
from eventgold.schema import SCHEMA_VERSION, Document, Profile, parse_document, read_documents
from tests.eval.builders import corpus, without_spans, write_jsonl

runner = CliRunner()
app = build_app()
GOLD, PRED = corpus(6)
FAST = ["--resamples", "50"]
REPORT = build_report(score_documents(GOLD, {p.id: p for p in PRED}, explain=True), Settings(resamples=50),
                      explain=True)


@pytest.fixture()
def files(tmp_path: Path) -> tuple[str, str]:
    return str(write_jsonl(tmp_path / "gold.jsonl", GOLD)), str(write_jsonl(tmp_path / "pred.jsonl", PRED))


def widest(text: str) -> int:
    return max(len(line) for line in text.splitlines())


def test_the_terminal_report_fits_80_columns_headlines_first_then_legend(files: tuple[str, str]) -> None:
    gold, pred = files
    result = runner.invoke(app, ["eval", "score", pred, "--gold", gold, *FAST], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert widest(text) <= 80
    sections = [line for line in text.splitlines() if line and line == line.upper() and line[0].isalpha()]
    assert sections[:3] == ["HEADLINE SCORES", "LEGEND", "ABOUT THIS REPORT"]
    assert len(text.splitlines()) < 80
    for words in ("F1 the harmonic mean of precision and recall", "95% percentile interval", "docs/metrics.md"):
        assert words in " ".join(text.split()), words
    assert "More: --detail" in text
    detail = runner.invoke(app, ["eval", "score", pred, "--gold", gold, "--detail", "--errors", *FAST],
                           env={"COLUMNS": "80"})
    assert widest(detail.stdout) <= 80
    assert "\nCONFUSION TABLES\n" in detail.stdout and "\nERRORS: EVENTS" in detail.stdout
    for abbreviation in ("tp true positives", "cor correct", "spu spurious"):  # the counts shown are explained
        assert abbreviation in " ".join(detail.stdout.split()), abbreviation


def test_every_format_carries_the_legend() -> None:
    assert "## Legend" in render(REPORT, "markdown") and "docs/metrics.md" in render(REPORT, "markdown")
    page = render(REPORT, "html")
    assert "<h2>Legend</h2>" in page and "docs/metrics.md" in page
    legend = json.loads(render(REPORT, "json"))["legend"]
    assert set(legend) >= {"tp", "fp", "fn", "cor", "inc", "par", "mis", "spu", "n/a", "definitions"}


def test_confusions_list_whole_labels_and_name_the_unaligned_side() -> None:
    text = render(REPORT, "table", width=80, detail=True)
    confusions = text[text.index("CONFUSION TABLES"):text.index("ERRORS:")]
    event_types = next(c for c in REPORT.confusions if c.name == "events.type")
    for label in event_types.gold_labels + event_types.pred_labels:
        assert (label if label != "-" else "(none)") in confusions, label
    assert not any(line.split()[:1] == ["-"] for line in confusions.splitlines())


def test_per_label_tables_drop_the_empty_interval_column_and_exact_repeats_strict() -> None:
    text = render(REPORT, "table", width=80, detail=True)
    trigger_labels = text[text.index("strict (Trig-C), per label"):]
    trigger_labels = trigger_labels[:trigger_labels.index("\n\n")]
    assert "interval" not in trigger_labels
    event_labels = text[text.index("classification, per label"):]
    assert "interval" in event_labels[:event_labels.index("\n\n")]
    assert "mentions.trigger.strict" in REPORT.per_label and "mentions.trigger.exact" not in REPORT.per_label


def test_every_report_records_versions_corpus_hash_date_and_a_relative_gold_path(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    gold = write_jsonl(tmp_path / "data" / "gold.jsonl", GOLD)
    pred = write_jsonl(tmp_path / "pred.jsonl", PRED)
    (tmp_path / "data" / "manifest.json").write_text(json.dumps(
        {"name": "my-corpus", "version": "2.1", "splits": {"test": {"file": "gold.jsonl"}}}), encoding="utf-8")
    data = json.loads(render(evaluate(gold, pred, settings=Settings(resamples=20)), "json"))
    prov = data["provenance"]
    assert prov["eventgold"] == __version__ and prov["schema"] == SCHEMA_VERSION
    assert prov["created"].endswith("Z") and len(prov["created"]) == 20
    assert prov["gold"] == {"path": "data/gold.jsonl",
                            "sha256": hashlib.sha256(gold.read_bytes()).hexdigest(),
                            "corpus": {"name": "my-corpus", "version": "2.1", "split": "test"}}
    assert data["gold"] == "data/gold.jsonl" and data["predictions"] == "pred.jsonl"
    text = render(evaluate(gold, pred, settings=Settings(resamples=20)), "table", width=80)
    assert "Gold: data/gold.jsonl — my-corpus 2.1, split test; sha256 " in text
    assert f"eventgold {__version__} · schema {SCHEMA_VERSION} · " in text


def test_the_bundled_split_is_named_with_its_corpus(tmp_path: Path) -> None:
    from eventgold.cli_eval import split_file

    test_split = split_file("test")
    out = tmp_path / "r.json"
    result = runner.invoke(app, ["eval", "score", str(test_split), "--split", "test", "-f", "json", "-o", str(out),
                                 *FAST])
    assert result.exit_code == 0, result.output
    corpus_info = json.loads(out.read_text(encoding="utf-8"))["provenance"]["gold"]["corpus"]
    assert corpus_info["split"] == "test" and corpus_info["name"]


def test_span_free_mention_levels_are_not_scored_in_every_format(tmp_path: Path) -> None:
    free = [without_spans(p) for p in PRED]
    report = build_report(score_documents(GOLD, {p.id: p for p in free}), Settings(resamples=20))
    strict = report.headline("mentions.trigger.strict.f1")
    assert (strict.value, strict.low, strict.high, strict.scored) == (None, None, None, False)
    assert report.headline("events.identification.f1").scored
    assert report.row("mentions.actor", "strict").scored is False
    data = json.loads(render(report, "json"))
    head = next(h for h in data["headlines"] if h["name"] == "mentions.trigger.strict.f1")
    assert head["value"] is None and head["scored"] is False
    table = render(report, "table", width=80)
    line = next(x for x in table.splitlines() if "strict (Trig-C) F1" in x)
    assert line.split()[-1] == "n/a" and "0.000" not in line
    assert "n/a not scored" in " ".join(table.split())
    assert "| n/a |" in render(report, "markdown")
    assert ">n/a</td>" in render(report, "html")


def test_compare_shows_the_comparison_alone_unless_full(files: tuple[str, str]) -> None:
    gold, pred = files
    short = runner.invoke(app, ["eval", "compare", gold, pred, "--gold", gold, *FAST], env={"COLUMNS": "80"})
    assert short.exit_code == 0, short.output
    assert "A − B PER HEADLINE SCORE" in short.stdout and "SYSTEM A:" not in short.stdout
    assert widest(short.stdout) <= 80 and len(short.stdout.splitlines()) < 100
    full = runner.invoke(app, ["eval", "compare", gold, pred, "--gold", gold, "--full", *FAST])
    assert "SYSTEM A: MENTIONS: EVENT TRIGGERS" in full.stdout and "SYSTEM B: EVENTS" in full.stdout


def test_the_progress_bar_counts_documents_on_a_terminal_and_stays_out_of_pipes(
        files: tuple[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    from eventgold import clikit

    screen = io.StringIO()
    monkeypatch.setattr(clikit, "err_console", Console(file=screen, force_terminal=True, width=80))
    with clikit.ProgressBar("scoring", 10, delay=0) as bar:
        bar(4)
    assert "scoring" in screen.getvalue() and "4/10" in screen.getvalue()
    quiet = io.StringIO()
    monkeypatch.setattr(clikit, "err_console", Console(file=quiet, force_terminal=True, width=80))
    with clikit.ProgressBar("scoring", 10, delay=60) as bar:  # runs under a second (here a minute) show nothing
        bar(4)
    assert quiet.getvalue() == ""
    monkeypatch.undo()
    gold, pred = files
    result = runner.invoke(app, ["eval", "score", pred, "--gold", gold, *FAST])
    assert result.stderr == ""  # not a terminal: no progress, no noise


def test_no_progress_bar_with_json_even_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from eventgold import cli_eval
    from eventgold.clikit import ReportFormat

    monkeypatch.setattr(cli_eval, "interactive", lambda output=None: True)
    assert cli_eval._progress("x", 3, cli_eval.Output(ReportFormat.JSON, None, False, 1)).enabled is False
    assert cli_eval._progress("x", 3, cli_eval.Output(ReportFormat.TABLE, None, False, 1)).enabled is True


def _regions(docs: list[Document]) -> list[Document]:
    out = []
    for i, doc in enumerate(docs):
        raw = doc.model_dump(mode="json", exclude_none=True)
        raw["metadata"] = {"region": "Sahel" if i % 2 else "Levant"} if i < 5 else {}
        out.append(parse_document(raw, Profile.GOLD))
    return out


def test_by_key_gives_every_headline_per_value_with_intervals(tmp_path: Path) -> None:
    gold_docs = _regions(GOLD)
    gold = write_jsonl(tmp_path / "gold.jsonl", gold_docs)
    pred = write_jsonl(tmp_path / "pred.jsonl", PRED)
    out = tmp_path / "r.json"
    result = runner.invoke(app, ["eval", "score", str(pred), "--gold", str(gold), "--by", "region", "-f", "json",
                                 "-o", str(out), *FAST])
    assert result.exit_code == 0, result.output
    by = json.loads(out.read_text(encoding="utf-8"))["by"]
    assert by["key"] == "region"
    assert [(g["value"], g["documents"]) for g in by["groups"]] == [("Levant", 3), ("Sahel", 2), ("(none)", 1)]
    levant = by["groups"][0]
    assert {h["name"] for h in levant["headlines"]} == {h.name for h in REPORT.headlines}
    assert all(h["low"] is not None for h in levant["headlines"] if h["name"] == "events.identification.f1")
    # a group's scores are the scores of its documents alone
    levant_docs = [d for d in gold_docs if d.metadata.get("region") == "Levant"]
    alone = write_jsonl(tmp_path / "levant.jsonl", levant_docs)
    their_preds = write_jsonl(tmp_path / "levant-pred.jsonl", [p for p in PRED if p.id in {d.id for d in levant_docs}])
    solo = evaluate(alone, their_preds, settings=Settings(resamples=50))
    for h in levant["headlines"]:
        value = solo.headline(h["name"]).value
        assert h["value"] == (None if value is None else round(value, 6)), h["name"]
    table = runner.invoke(app, ["eval", "score", str(pred), "--gold", str(gold), "--by", "region", *FAST],
                          env={"COLUMNS": "80"})
    assert "HEADLINE SCORES BY REGION" in table.stdout and "region = Levant (3 docs)" in table.stdout
    assert widest(table.stdout) <= 80


def test_compare_by_key_gives_a_paired_difference_per_value(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "gold.jsonl", _regions(GOLD))
    pred = write_jsonl(tmp_path / "pred.jsonl", PRED)
    out = tmp_path / "c.json"
    result = runner.invoke(app, ["eval", "compare", str(gold), str(pred), "--gold", str(gold), "--by", "region",
                                 "-f", "json", "-o", str(out), *FAST])
    assert result.exit_code == 0, result.output
    groups = json.loads(out.read_text(encoding="utf-8"))["by"]["groups"]
    sahel = next(g for g in groups if g["value"] == "Sahel")
    ident = next(d for d in sahel["differences"] if d["name"] == "events.identification.f1")
    assert ident["a"] == 1.0 and ident["difference"] >= 0 and ident["p_value"] is not None


def test_by_a_key_no_document_has_warns(files: tuple[str, str]) -> None:
    gold, pred = files
    result = runner.invoke(app, ["eval", "score", pred, "--gold", gold, "--by", "genre", "-f", "json", *FAST])
    assert result.exit_code == 0
    assert "warning: no gold document has the metadata key 'genre'" in result.stderr


def test_read_back_documents_are_unchanged_by_reporting(files: tuple[str, str]) -> None:
    gold, _ = files
    assert [d.id for d in read_documents(gold)] == [d.id for d in GOLD]
