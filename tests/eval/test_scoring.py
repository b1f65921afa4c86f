"""Corpus scoring: streaming, shards, processes, missing and unknown documents, determinism."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from eventgold.eval import (
    CorpusScore,
    Settings,
    build_report,
    counts_from_json,
    counts_to_json,
    evaluate,
    render,
    score_documents,
    score_files,
)
from eventgold.schema import DataError, Profile, UsageError, parse_document, read_documents
from tests.eval.builders import corpus, edited, free, gold_fixture, write_jsonl

GOLD, PRED = corpus(12)


@pytest.fixture()
def files(tmp_path: Path) -> tuple[Path, Path]:
    return write_jsonl(tmp_path / "gold.jsonl", GOLD), write_jsonl(tmp_path / "pred.jsonl", PRED)


def test_files_and_memory_give_the_same_counts(files: tuple[Path, Path]) -> None:
    gold, pred = files
    from_files = score_files(gold, pred)
    in_memory = score_documents(read_documents(gold), {p.id: p for p in PRED})
    assert from_files.counts == in_memory.counts
    assert np.array_equal(from_files.matrix(), in_memory.matrix())
    assert from_files.doc_ids == [g.id for g in GOLD]


def test_sharded_equals_whole() -> None:
    preds = {p.id: p for p in PRED}
    whole = score_documents(GOLD, preds)
    shards = [score_documents(GOLD[k:k + 5], {g.id: preds[g.id] for g in GOLD[k:k + 5]}) for k in range(0, 12, 5)]
    merged = shards[0] + shards[1] + shards[2]
    assert merged.counts == whole.counts
    assert np.array_equal(merged.matrix(), whole.matrix())
    a = build_report(whole, Settings(resamples=50)).to_json()
    b = build_report(merged, Settings(resamples=50)).to_json()
    assert a == b
    assert counts_from_json(counts_to_json(whole.counts)) == whole.counts


def test_processes_give_the_same_result(files: tuple[Path, Path]) -> None:
    gold, pred = files
    one = score_files(gold, pred, explain=True)
    two = score_files(gold, pred, num_proc=2, explain=True)
    assert one.counts == two.counts
    assert one.doc_ids == two.doc_ids
    assert one.findings == two.findings


def test_same_input_twice_gives_byte_identical_json(files: tuple[Path, Path]) -> None:
    gold, pred = files
    settings = Settings(resamples=200, seed=3)
    first = render(evaluate(gold, pred, settings=settings, explain=True), "json")
    second = render(evaluate(gold, pred, settings=settings, explain=True, num_proc=2), "json")
    assert first == second
    data = json.loads(first)
    assert data["format"] == "eventgold-eval" and data["version"] == 1 and data["kind"] == "score"
    assert list(data) == ["format", "version", "kind", "gold", "predictions", "documents", "settings", "headlines",
                          "rows", "per_label", "macro", "confusions", "extras", "counts", "findings"]


def test_missing_prediction_scores_empty_and_is_listed(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "gold.jsonl", GOLD[:3])
    pred = write_jsonl(tmp_path / "pred.jsonl", [PRED[0], PRED[2]])
    result = score_files(gold, pred)
    assert result.missing == ["doc-001"]
    assert result.counts[("events", "identification", "*", "fn")] >= len(GOLD[1].events)


def test_prediction_for_unknown_document_is_a_data_error(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "gold.jsonl", GOLD[:2])
    pred = write_jsonl(tmp_path / "pred.jsonl", PRED[:3])
    with pytest.raises(DataError) as exc:
        score_files(gold, pred)
    assert str(exc.value) == (f"{pred}:3: document 'doc-002': prediction for a document that is not in the gold "
                              f"data. Remove it, or score against the gold file that has it ({gold})")


def test_duplicate_prediction_is_a_data_error(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "gold.jsonl", GOLD[:2])
    pred = write_jsonl(tmp_path / "pred.jsonl", [PRED[0], PRED[0]])
    with pytest.raises(DataError, match=r"pred.jsonl:2: document 'doc-000': duplicate prediction for this document "
                                        r"\(first on line 1\)"):
        score_files(gold, pred)


def test_invalid_prediction_is_located(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "gold.jsonl", GOLD[:1])
    raw = PRED[0].model_dump(mode="json", exclude_none=True)
    raw["events"][0]["type"] = "bombing"
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps(raw) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"pred.jsonl:1: document 'doc-000': events\[0\].type: 'bombing' is not allowed"):
        score_files(gold, pred)


def test_prediction_with_other_text_and_offsets_is_refused() -> None:
    gold = gold_fixture()
    raw = gold.model_dump(mode="json", exclude_none=True)
    raw["text"] = gold.text + " A sentence the system added."
    with pytest.raises(DataError) as exc:
        score_documents([gold], {"d1": parse_document(raw, Profile.PREDICTION)})
    assert str(exc.value) == ("document 'd1': actors[0].mentions[0]: chars 107-124: the prediction's text differs from "
                              "the gold text, so its offsets cannot be compared. Copy the gold document's text into "
                              "the prediction, or leave its mentions span-free")
    # span-free predictions may carry any text
    span_free = edited(gold, text="LLM output", events=[{"id": "x", "type": "arrest", "triggers": [free("arrested")]}],
                       actors=[], locations=[], times=[], casualties=[])
    assert score_documents([gold], {"d1": span_free}).counts[("events", "identification", "*", "tp")] == 1


def test_usage_errors(files: tuple[Path, Path], tmp_path: Path) -> None:
    gold, pred = files
    with pytest.raises(UsageError, match="no such file"):
        score_files(tmp_path / "nope.jsonl", pred)
    with pytest.raises(UsageError, match="cannot both be read from stdin"):
        score_files("-", "-")
    with pytest.raises(UsageError, match="--num-proc must be at least 1"):
        score_files(gold, pred, num_proc=0)


def test_empty_corpus() -> None:
    report = build_report(CorpusScore(), Settings(resamples=10))
    assert report.documents == 0
    assert report.headline("events.classification.f1").value == 0.0
    assert report.headline("events.classification.f1").low is None
