"""Reporters: every format shows the same numbers; HTML is one self-contained page with the plots."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from eventgold.eval import Settings, agreement, build_report, compare_scores, render, score_documents
from eventgold.schema import Profile, parse_document
from tests.eval.builders import as_gold, corpus, write_jsonl

GOLD, PRED = corpus(6)
SCORED = score_documents(GOLD, {p.id: p for p in PRED}, explain=True)
REPORT = build_report(SCORED, Settings(resamples=100), explain=True)


def test_table_shows_headlines_levels_and_errors() -> None:
    text = render(REPORT, "table", detail=True)
    f1 = REPORT.headline("events.classification.f1")
    assert text.startswith("eventgold evaluation\n")
    assert f"{f1.value:.3f}" in text and f"[{f1.low:.3f}, {f1.high:.3f}]" in text
    for title in ("HEADLINE SCORES", "MENTIONS: EVENT TRIGGERS", "EVENTS", "ARGUMENTS", "ACTORS", "LOCATIONS", "TIME",
                  "CASUALTIES", "MODALITY", "CONFUSION TABLES", "ERRORS: EVENTS", "LEGEND", "ABOUT THIS REPORT"):
        assert f"\n{title}" in text, title
    assert "Arg-C" in text and "strict (Trig-C)" in text


def test_markdown_tables_are_well_formed() -> None:
    text = render(REPORT, "markdown", detail=True)
    assert text.startswith("# eventgold evaluation\n")
    tables = re.findall(r"(?m)^(\|.*\|)\n(\|[:\-|]+\|)$", text)
    assert len(tables) > 20
    for header, rule in tables:
        assert header.count(" | ") + 1 == rule.count("|") - 1


def test_html_is_self_contained_with_three_plots() -> None:
    page = render(REPORT, "html")
    assert page.startswith("<!DOCTYPE html>")
    images = re.findall(r'<img alt="([^"]+)" src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    titles = [t for t, _ in images]
    assert "Casualty count errors" in titles
    assert any(t.startswith("classification: F1 per label") for t in titles)
    assert "Event types (rows gold, columns predicted)" in titles
    assert all(len(data) > 1000 for _, data in images)
    assert "http://" not in page and "https://" not in page and "<script" not in page


def test_json_layout_rows_and_findings() -> None:
    data = json.loads(render(REPORT, "json"))
    row = next(r for r in data["rows"] if r["level"] == "events" and r["metric"] == "classification")
    assert set(row) == {"level", "metric", "title", "label", "tp", "fp", "fn", "precision", "recall", "f1", "f1_low",
                        "f1_high", "scored"}
    assert data["counts"]["events"]["classification"]["*"]["tp"] == row["tp"]
    assert set(data["findings"]) <= {"mentions.trigger", "mentions.actor", "mentions.location", "mentions.time",
                                     "mentions.casualty", "events", "arguments", "actors", "locations", "time",
                                     "casualties", "modality"}
    finding = data["findings"]["events"][0]
    assert set(finding) >= {"level", "kind", "doc_id", "label", "detail"}


def test_compare_and_agreement_render(tmp_path: Path) -> None:
    perfect = score_documents(GOLD, {g.id: g for g in GOLD})
    report = compare_scores(perfect, SCORED, Settings(resamples=100))
    for fmt in ("table", "markdown"):  # html shares the layout; drawing its plots again would only cost time
        assert "A − B" in render(report, fmt)
        assert "system a:" not in render(report, fmt).lower()
        assert "system a:" in render(report, fmt, detail=True).lower()
    data = json.loads(render(report, "json"))
    assert data["kind"] == "compare" and data["differences"][0]["name"] == "mentions.trigger.strict.f1"
    b = [parse_document(as_gold(p), Profile.GOLD) for p in PRED]
    agreed = agreement(write_jsonl(tmp_path / "a.jsonl", GOLD), write_jsonl(tmp_path / "b.jsonl", b),
                       settings=Settings(resamples=50))
    text = render(agreed, "table")
    assert "Cohen's kappa" in text and "Krippendorff's alpha" in text
    assert json.loads(render(agreed, "json"))["kind"] == "agreement"


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        render(REPORT, "pdf")
