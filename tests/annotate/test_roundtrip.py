"""gold -> tasks -> (as Label Studio stores them) -> gold gives back the same documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from eventgold.annotate.export import Selection, convert_from_ls, from_task
from eventgold.annotate.tasks import convert_to_ls, document_result, to_prediction, to_task
from eventgold.schema import Document, dump_document, read_documents, write_documents
from tests.annotate.stored import resaved_in_editor, stored_export
from tests.annotate.test_tasks import gold_files, v2_example
from tests.strategies import documents


def round_trip(doc: Document) -> Document:
    (task,) = stored_export([to_task(doc, gold=True)])
    return from_task(task, file="export.json")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_gold_documents_round_trip(doc: Document) -> None:
    stats: dict[str, int] = {}
    document_result(doc, stats=stats)
    assert stats == {"reordered": 0}
    assert round_trip(doc) == doc


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(profile="prediction"))
def test_generated_predictions_round_trip(doc: Document) -> None:
    task = to_task(doc, gold=False, predictions=[to_prediction(doc, model_version="m1")])
    (stored,) = stored_export([task])
    assert from_task(stored, select=Selection(prediction="m1")) == doc


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_documents_survive_the_editor_rewriting_span_text(doc: Document) -> None:
    (task,) = stored_export([to_task(doc, gold=True)])
    assert from_task(resaved_in_editor(task)) == doc


@pytest.mark.parametrize("path", gold_files(), ids=lambda p: p.name)
def test_every_gold_file_round_trips_byte_for_byte(path: Path, tmp_path: Path) -> None:
    tasks_path = tmp_path / "tasks.json"
    convert_to_ls(path, tasks_path)
    export = tmp_path / "export.json"
    export.write_text(json.dumps(stored_export(json.loads(tasks_path.read_text(encoding="utf-8")))), encoding="utf-8")
    back = tmp_path / "back.jsonl"
    summary = convert_from_ls(export, back, ground_truth=True)
    docs = list(read_documents(path))
    assert summary.written == len(docs) and not summary.skipped
    assert list(read_documents(back)) == docs
    assert back.read_text(encoding="utf-8") == "".join(dump_document(d) + "\n" for d in docs)


def test_the_schema_2_example_round_trips_byte_for_byte(tmp_path: Path) -> None:
    """docs/examples/v2 (built by eventgold.corpus.authoring) uses every schema 2.0 addition."""
    doc = v2_example()
    stats: dict[str, int] = {}
    document_result(doc, stats=stats)
    assert stats == {"reordered": 0}
    gold = tmp_path / "gold.jsonl"
    write_documents(gold, [doc])
    tasks_path, export, back = tmp_path / "tasks.json", tmp_path / "export.json", tmp_path / "back.jsonl"
    convert_to_ls(gold, tasks_path)
    (task,) = stored_export(json.loads(tasks_path.read_text(encoding="utf-8")))
    export.write_text(json.dumps([resaved_in_editor(task)]), encoding="utf-8")
    assert convert_from_ls(export, back).written == 1
    assert back.read_bytes() == gold.read_bytes()
    prediction = to_task(doc, gold=False, predictions=[to_prediction(doc, model_version="m1")])
    (stored,) = stored_export([prediction])
    assert from_task(stored, select=Selection(prediction="m1")) == doc


def test_the_examples_file_is_among_the_round_tripped_files() -> None:
    names = [p.name for p in gold_files()]
    assert names[0] == "gold.jsonl" and "small.jsonl" in names


def test_sync_export_with_prediction_ids_still_reads_annotations() -> None:
    doc = next(iter(read_documents(gold_files()[1])))
    task = to_task(doc, gold=True, predictions=[to_prediction(doc, model_version="m")])
    (stored,) = stored_export([task], full_predictions=False)
    assert isinstance(stored["predictions"][0], int)
    assert from_task(stored) == doc


def test_two_annotators_come_back_separately() -> None:
    docs = list(read_documents(gold_files()[1]))
    first, second = docs[0], docs[0].model_copy(update={"events": docs[0].events[:1], "links": [],
                                                        "casualties": docs[0].casualties[:2]})
    (a,) = stored_export([to_task(first, gold=True, ground_truth=True)], annotator=3)
    (b,) = stored_export([to_task(second, gold=True, ground_truth=False)], annotator=4)
    a["annotations"] += b["annotations"]
    a["annotations"][1]["completed_by"] = {"id": 4, "email": "Second@Example.com"}
    assert from_task(a, select=Selection(annotator="3")) == first
    assert from_task(a, select=Selection(annotator="second@example.com")) == second
    assert from_task(a, select=Selection(annotator="4")) == second
    assert from_task(a, select=Selection(ground_truth=True)) == first
