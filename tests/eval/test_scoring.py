"""Corpus scoring: streaming, shards, processes, missing and unknown documents, determinism."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest

from eventgold.eval import (
    CorpusScore,
    Counts,
    PredictionIndex,
    Settings,
    build_report,
    counts_from_json,
    counts_to_json,
    evaluate,
    render,
    score_documents,
    score_files,
)
from eventgold.eval.document import score_document
from eventgold.eval.metrics import BOOTSTRAP_COLUMNS
from eventgold.eval.scoring import RowBlock
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


def test_same_input_twice_gives_byte_identical_json(files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
                                                     ) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the report's date, the one thing that changes
    gold, pred = files
    settings = Settings(resamples=200, seed=3)
    first = render(evaluate(gold, pred, settings=settings, explain=True), "json")
    second = render(evaluate(gold, pred, settings=settings, explain=True, num_proc=2), "json")
    assert first == second
    data = json.loads(first)
    assert data["format"] == "eventgold-eval" and data["version"] == 1 and data["kind"] == "score"
    assert list(data) == ["format", "version", "kind", "provenance", "gold", "predictions", "documents", "settings",
                          "headlines", "legend", "rows", "per_label", "macro", "confusions", "extras", "counts",
                          "findings"]
    assert data["provenance"]["created"] == "2023-11-14T22:13:20Z"


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
                              f"file {gold}. Remove it, or score against a gold file that has this document")


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
    with pytest.raises(UsageError, match="num_proc must be at least 1"):
        score_files(gold, pred, num_proc=0)


def test_empty_corpus() -> None:
    report = build_report(CorpusScore(), Settings(resamples=10))
    assert report.documents == 0
    assert report.headline("events.classification.f1").value == 0.0
    assert report.headline("events.classification.f1").low is None


def reference_matrix(scores: list[Counts]) -> np.ndarray:
    return np.array([[c[k] for k in BOOTSTRAP_COLUMNS] for c in scores], dtype=np.int64)


def test_row_blocks_keep_every_count_exactly_in_the_narrowest_type() -> None:
    small = Counts({BOOTSTRAP_COLUMNS[0]: 3, BOOTSTRAP_COLUMNS[7]: 1})
    medium = Counts({BOOTSTRAP_COLUMNS[7]: 300})
    huge = Counts({BOOTSTRAP_COLUMNS[144]: 2**40})
    assert RowBlock.of([small, Counts()]).values.dtype == np.int8
    assert RowBlock.of([small, medium]).columns.tolist() == [0, 7]
    assert RowBlock.of([small, medium]).values.dtype == np.int16
    assert RowBlock.of([huge]).values.dtype == np.int64
    assert len(RowBlock.of([])) == 0
    corpus_score = CorpusScore()
    corpus_score.add_block(small + medium, ["a", "b"], RowBlock.of([small, medium]))
    corpus_score.add_block(huge, ["c"], RowBlock.of([huge]))
    assert corpus_score.matrix().dtype == np.int64
    assert np.array_equal(corpus_score.matrix(), reference_matrix([small, medium, huge]))
    assert CorpusScore().matrix().shape == (0, len(BOOTSTRAP_COLUMNS))
    with pytest.raises(ValueError, match="2 document ids for a block of 1 rows"):
        corpus_score.add_block(huge, ["d", "e"], RowBlock.of([huge]))


def test_matrix_of_many_documents_equals_their_rows(tmp_path: Path) -> None:
    gold_docs, pred_docs = corpus(150)  # more than two chunks
    preds = {p.id: p for p in pred_docs[:140]}
    scored = score_documents(gold_docs, preds)
    rows = reference_matrix([score_document(g, preds.get(g.id)).counts for g in gold_docs])
    assert scored.matrix().dtype == np.int32
    assert np.array_equal(scored.matrix(), rows)
    gold = write_jsonl(tmp_path / "gold.jsonl", gold_docs)
    pred = write_jsonl(tmp_path / "pred.jsonl", pred_docs[:140][::-1])
    for num_proc in (1, 2):
        streamed = score_files(gold, pred, num_proc=num_proc)
        assert np.array_equal(streamed.matrix(), rows)
        assert streamed.missing == [g.id for g in gold_docs[140:]]
        assert streamed.counts == scored.counts


def test_duplicate_gold_ids_are_refused_with_or_without_a_prediction(tmp_path: Path) -> None:
    pred = write_jsonl(tmp_path / "pred.jsonl", PRED[:1])
    for twice in (GOLD[0], GOLD[1]):
        gold = write_jsonl(tmp_path / "gold.jsonl", [GOLD[0], GOLD[1], twice])
        with pytest.raises(DataError) as exc:
            score_files(gold, pred)
        assert str(exc.value) == (f"{gold}:3: document '{twice.id}': duplicate document id (first on line "
                                  f"{1 if twice is GOLD[0] else 2}). Give every document its own id")


def test_first_duplicate_prediction_is_reported_before_later_problems(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "gold.jsonl", GOLD[:3])
    pred = tmp_path / "pred.jsonl"
    lines = [json.dumps(PRED[k].model_dump(mode="json", exclude_none=True)) for k in (0, 1, 2, 1, 0)]
    pred.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as exc:
        score_files(gold, pred)
    assert str(exc.value) == (f"{pred}:4: document 'doc-001': duplicate prediction for this document (first on "
                              "line 2). Keep one prediction per document")
    pred.write_text("\n".join([*lines[:2], lines[0], "{not json"]) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"pred.jsonl:3: document 'doc-000': duplicate prediction .*first on line 1"):
        score_files(gold, pred)
    pred.write_text("\n".join([*lines[:2], "{not json", lines[0]]) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"pred.jsonl:3: invalid JSON"):
        score_files(gold, pred)


def test_prediction_index_tells_apart_ids_that_differ_in_a_trailing_nul_or_in_unicode(tmp_path: Path) -> None:
    ids = ["a", "a\x00", "ab", "é", "b"]
    path = tmp_path / "pred.jsonl"
    path.write_text("".join(json.dumps({"id": i, "published": "2024-03-02", "text": "x"}) + "\n" for i in ids),
                    encoding="utf-8")
    index = PredictionIndex(path)
    assert len(index) == 5
    for line, doc_id in enumerate(ids, start=1):
        pos = index.position(doc_id)
        assert (index.doc_id(pos), index.line(pos)) == (doc_id, line)
    for doc_id in ("a", "ab", "b"):  # the others are not valid ids, but the index still keeps them apart
        loaded = index.load(doc_id)
        assert loaded is not None and loaded.id == doc_id
    assert [index.position(i) for i in ("", "a\x00\x00", "abc", "c", "e")] == [-1] * 5
    assert index.load("abc") is None and "ab" in index
    index.close()


def test_predictions_from_stdin(files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    gold, pred = files
    monkeypatch.setattr("sys.stdin", io.StringIO("\n" + pred.read_text(encoding="utf-8")))
    from_stdin = score_files(gold, "-")
    assert from_stdin.counts == score_files(gold, pred).counts
    assert from_stdin.predictions == "-" and from_stdin.missing == []
