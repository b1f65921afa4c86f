"""Reports and gold to Label Studio tasks: golden output, Label Studio's validator, predictions, readers."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from label_studio_sdk.label_interface import LabelInterface

from eventgold.annotate.config import labeling_config
from eventgold.annotate.export import from_task
from eventgold.annotate.readers import Source, read_sources
from eventgold.annotate.summary import Summary
from eventgold.annotate.tasks import (
    convert_to_ls,
    document_result,
    iter_tasks,
    to_annotation,
    to_prediction,
    to_task,
    write_tasks,
)
from eventgold.corpus.authoring import build_document
from eventgold.schema import DataError, Document, UsageError, dump_document, read_documents, write_documents
from tests.annotate.golden import DATA, check_golden
from tests.annotate.stored import stored_export
from tests.strategies import documents

REPO = Path(__file__).resolve().parents[2]
SMALL = DATA / "small.jsonl"
INTERFACE = LabelInterface(labeling_config())


def gold_files() -> list[Path]:
    """The example file and every corpus file that exists when the tests are collected."""
    return [REPO / "docs" / "examples" / "gold.jsonl", SMALL, *sorted((REPO / "corpus" / "data").glob("*.jsonl"))]


def v2_example() -> Document:
    """The invented report that uses every schema 2.0 addition, built from its authoring files."""
    return build_document(REPO / "docs" / "examples" / "v2", "ex-201")


def all_gold() -> list[Document]:
    return [doc for path in gold_files() for doc in read_documents(path)]


def small_docs() -> list[Document]:
    return list(read_documents(SMALL))


# --- golden output -------------------------------------------------------------------------------------------

def test_to_ls_output_matches_golden_file(tmp_path: Path) -> None:
    out = tmp_path / "tasks.json"
    summary = convert_to_ls(SMALL, out)
    assert summary.written == 2 and not summary.skipped
    check_golden("small.tasks.golden.json", out.read_text(encoding="utf-8"))


def test_schema_2_example_to_ls_matches_golden_file(tmp_path: Path) -> None:
    gold, out = tmp_path / "gold.jsonl", tmp_path / "tasks.json"
    write_documents(gold, [v2_example()])
    convert_to_ls(gold, out)
    check_golden("v2.tasks.golden.json", out.read_text(encoding="utf-8"))


def test_task_data_carries_every_document_field() -> None:
    doc = small_docs()[0]
    task = to_task(doc, gold=True)
    assert task["data"] == {"text": doc.text, "schema_version": "2.0", "doc_id": "sm-1", "published": "2024-05-08",
                            "doc_source": 'Desk & "Risk" <daily>', "language": "en", "synthetic": True,
                            "metadata": {"region": "East Africa", "tags": ["a", 1, None, True, 2.5]}}


def test_region_ids_are_derived_from_gold_ids() -> None:
    doc = small_docs()[0]
    ids = [r["id"] for r in document_result(doc) if r.get("from_name") == "label"]
    assert ids == ["a1-m0", "a1-m1", "a1-m2", "a2-m0", "a2-m1", "a3-m0", "a4-m0", "l1-m0", "l2-m0", "t1-m0",
                   "w1-m0", "e1-t0", "e1-t1", "e2-t0", "e3-t0", "c1-m0", "c2-m0", "c3-m0"]


def test_non_adjacent_roles_of_one_entity_get_their_own_region_pairs() -> None:
    doc = small_docs()[0]  # e1: attacker a1, ..., source a3, source a1; e3: authority a2, ..., participant a2
    rel = {(r["from_id"], r["to_id"]): r["labels"] for r in document_result(doc) if r["type"] == "relation"}
    assert rel[("e1-t0", "a1-m0")] == ["attacker"] and rel[("e1-t0", "a1-m1")] == ["source"]
    assert rel[("e3-t0", "a2-m0")] == ["authority"] and rel[("e3-t0", "a2-m1")] == ["participant"]
    assert rel[("c2-m0", "a2-m0")] == ["victim", "source"]


def test_an_argument_without_a_free_pair_of_regions_goes_through_a_detail_region() -> None:
    doc = Document.model_validate({
        "id": "d", "published": "2024-01-01", "text": "IS hit Gao.",
        "actors": [{"id": "a1", "name": "IS", "type": "unknown", "mentions": [{"start": 0, "end": 2, "text": "IS"}]}],
        "locations": [{"id": "l1", "name": "Gao", "precision": "exact",
                       "mentions": [{"start": 7, "end": 10, "text": "Gao"}]}],
        "events": [{"id": "e1", "type": "attack", "triggers": [{"start": 3, "end": 6, "text": "hit"}],
                    "arguments": [{"role": "attacker", "entity": "a1"}, {"role": "target", "entity": "l1"},
                                  {"role": "source", "entity": "a1"}, {"role": "place", "entity": "l1"},
                                  {"role": "participant", "entity": "a1"}]}]})
    stats: dict[str, int] = {}
    result = document_result(doc, stats=stats)
    rel = [(r["from_id"], r["to_id"], r["direction"], r["labels"]) for r in result if r["type"] == "relation"]
    assert rel == [("e1-t0", "a1-m0", "right", ["attacker"]), ("e1-t0", "l1-m0", "right", ["target"]),
                   ("a1-m0", "e1-t0", "left", ["source"]), ("l1-m0", "e1-t0", "left", ["place"]),
                   ("e1-t0", "e1/a4", "right", ["participant"]), ("e1/a4", "a1-m0", "right", ["entity"])]
    (detail,) = [r for r in result if r.get("id") == "e1/a4"]
    assert detail["value"] == {"start": 0, "end": 2, "text": "IS", "labels": ["detail"]}
    assert stats == {"reordered": 0}
    (task,) = stored_export([to_task(doc, gold=True)])
    assert from_task(task) == doc


def test_more_runs_of_event_links_than_region_pairs_share_a_relation_and_are_counted() -> None:
    doc = Document.model_validate({
        "id": "d", "published": "2024-01-01", "text": "Raid, strike, fire.",
        "events": [{"id": f"e{k + 1}", "type": "attack", "triggers": [{"start": s, "end": e, "text": w}]}
                   for k, (s, e, w) in enumerate([(0, 4, "Raid"), (6, 12, "strike"), (14, 18, "fire")])],
        "links": [{"type": "response_to", "source": "e1", "target": "e2"},
                  {"type": "related", "source": "e1", "target": "e3"},
                  {"type": "part_of", "source": "e1", "target": "e2"},
                  {"type": "related", "source": "e2", "target": "e3"},
                  {"type": "related", "source": "e1", "target": "e2"}]})
    stats: dict[str, int] = {}
    rel = [(r["from_id"], r["to_id"], r["direction"], r["labels"]) for r in document_result(doc, stats=stats)
           if r["type"] == "relation"]
    assert rel == [("e1-t0", "e2-t0", "right", ["response_to"]), ("e1-t0", "e3-t0", "right", ["related"]),
                   ("e2-t0", "e1-t0", "left", ["part_of", "related"]), ("e2-t0", "e3-t0", "right", ["related"])]
    assert stats == {"reordered": 1}
    (task,) = stored_export([to_task(doc, gold=True)])
    back = from_task(task)
    assert [(x.type.value, x.source, x.target) for x in back.links] == [
        ("response_to", "e1", "e2"), ("related", "e1", "e3"), ("part_of", "e1", "e2"), ("related", "e1", "e2"),
        ("related", "e2", "e3")]


# --- Label Studio's validator --------------------------------------------------------------------------------

def assert_valid(obj: dict[str, Any]) -> None:
    errors = INTERFACE.validate_prediction(obj, return_errors=True)
    assert errors == [], errors


@pytest.mark.parametrize("path", gold_files(), ids=lambda p: p.name)
def test_every_gold_annotation_passes_label_studio_validation(path: Path) -> None:
    for doc in read_documents(path):
        assert_valid(to_annotation(doc, ground_truth=True))
        assert_valid(to_prediction(doc, model_version="m"))


def test_the_schema_2_example_passes_label_studio_validation() -> None:
    assert_valid(to_annotation(v2_example(), ground_truth=True))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_annotations_pass_label_studio_validation(doc: Document) -> None:
    assert_valid(to_annotation(doc, ground_truth=False))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(profile="prediction"))
def test_generated_predictions_pass_label_studio_validation(doc: Document) -> None:
    assert_valid(to_prediction(doc, model_version="baseline"))


def test_validator_catches_a_bad_per_region_value() -> None:
    ann = to_annotation(small_docs()[0], ground_truth=False)
    (i,) = [k for k, r in enumerate(ann["result"]) if r.get("from_name") == "actor_type"][:1]
    ann["result"][i] = {**ann["result"][i], "value": {**ann["result"][i]["value"], "choices": ["pirates"]}}
    assert INTERFACE.validate_prediction(ann, return_errors=True) != []


# --- annotations and predictions ---------------------------------------------------------------------------

@pytest.mark.parametrize("ground_truth", [True, False])
def test_ground_truth_is_always_written(ground_truth: bool) -> None:
    ann = to_task(small_docs()[1], gold=True, ground_truth=ground_truth)["annotations"][0]
    assert ann["ground_truth"] is ground_truth and ann["was_cancelled"] is False


def test_completed_by_is_an_id_or_an_email() -> None:
    doc = small_docs()[1]
    assert to_annotation(doc, ground_truth=False, completed_by=7)["completed_by"] == 7
    assert to_annotation(doc, ground_truth=False, completed_by="a@b.org")["completed_by"] == {"email": "a@b.org"}


def test_prediction_has_model_version_mean_score_and_region_scores() -> None:
    doc = small_docs()[0]
    events = [e.model_copy(update={"confidence": c}) for e, c in zip(doc.events, (0.9, 0.5, 0.4), strict=True)]
    pred = to_prediction(doc.model_copy(update={"events": events}), model_version="baseline-1")
    assert pred["model_version"] == "baseline-1" and pred["score"] == pytest.approx(0.6)
    scores = {r["id"]: r["score"] for r in pred["result"] if "score" in r}
    assert scores == {"e1-t0": 0.9, "e2-t0": 0.5, "e3-t0": 0.4}


def test_prediction_without_confidences_has_no_score() -> None:
    assert "score" not in to_prediction(small_docs()[1], model_version="m")


def span_free_prediction() -> Document:
    return Document.model_validate({
        "id": "sm-2", "published": "2023-12-31", "text": "No incidents were reported.",
        "actors": [{"id": "a1", "name": "x", "type": "unknown", "mentions": [{"text": "reported"}]}],
        "events": [{"id": "e1", "type": "security_alert", "arguments": [{"role": "source", "entity": "a1"}],
                    "triggers": [{"start": 3, "end": 12, "text": "incidents"}, {"text": "reported"}]}]})


def test_span_free_prediction_is_an_error_by_default() -> None:
    with pytest.raises(DataError) as info:
        to_prediction(span_free_prediction(), model_version="m", where="pred.jsonl")
    assert [str(p) for p in info.value.problems] == [
        "pred.jsonl: document 'sm-2': actors[0].mentions[0]: mention 'reported' has no offsets. Label Studio needs "
        "character offsets to show a region: add start and end, or pass --on-error skip to leave span-free mentions "
        "out (they are counted)",
        "pred.jsonl: document 'sm-2': actors[0]: 'a1' has no mention with offsets. Give at least one mention with "
        "offsets, or pass --on-error skip to leave it out",
        "pred.jsonl: document 'sm-2': events[0].triggers[1]: mention 'reported' has no offsets. Label Studio needs "
        "character offsets to show a region: add start and end, or pass --on-error skip to leave span-free mentions "
        "out (they are counted)",
        "pred.jsonl: document 'sm-2': events[0].arguments[0].entity: reference to 'a1', which has no region. Give the "
        "object a mention with offsets, or pass --on-error skip",
    ]


def test_span_free_prediction_items_are_skipped_and_counted() -> None:
    summary = Summary()
    pred = to_prediction(span_free_prediction(), model_version="m", span_free="skip", summary=summary)
    assert [r["id"] for r in pred["result"]] == ["e1-t0", "e1-t0"]
    assert summary.skipped == {"span-free prediction mention left out": 2,
                               "prediction object without any span left out": 1,
                               "prediction reference to a left-out object left out": 1}


def test_predictions_join_reports_by_id_and_must_share_their_text(tmp_path: Path) -> None:
    docs = small_docs()
    preds = {docs[1].id: (docs[1], "p.jsonl")}
    tasks = list(iter_tasks([Source(d, False, "in") for d in docs], predictions=preds, model_version="m"))
    assert ["predictions" in t for t in tasks] == [False, True]
    assert all("annotations" not in t for t in tasks)
    other = docs[1].model_copy(update={"text": "No incidents were reported!"})
    with pytest.raises(DataError, match="the prediction's text differs from the report's"):
        list(iter_tasks([Source(docs[1], False, "in")], predictions={other.id: (other, "p.jsonl")}))
    with pytest.raises(DataError, match=r"p.jsonl: document 'sm-2': prediction for a document that is not in the "
                                        r"input \(1 such\)"):
        list(iter_tasks([Source(docs[0], False, "in")], predictions={"sm-2": (docs[1], "p.jsonl")}))


def test_convert_to_ls_with_predictions_file(tmp_path: Path) -> None:
    pred_path = tmp_path / "baseline.jsonl"
    pred_path.write_text("".join(dump_document(d) + "\n" for d in small_docs()), encoding="utf-8")
    out = tmp_path / "t.json"
    convert_to_ls(SMALL, out, predictions=pred_path)
    tasks = json.loads(out.read_text(encoding="utf-8"))
    assert [t["predictions"][0]["model_version"] for t in tasks] == ["baseline", "baseline"]
    assert tasks[0]["predictions"][0]["result"] == tasks[0]["annotations"][0]["result"]
    with pytest.raises(UsageError, match="--model-version names the predictions"):
        convert_to_ls(SMALL, out, model_version="x")


def test_write_tasks_writes_a_json_array_atomically(tmp_path: Path) -> None:
    out = tmp_path / "t.json"
    assert write_tasks(out, []) == 0 and json.loads(out.read_text()) == []
    out.write_text("old", encoding="utf-8")

    def broken() -> Any:
        yield {"data": {"text": "x"}}
        raise DataError([])

    with pytest.raises(DataError):
        write_tasks(out, broken())
    assert out.read_text(encoding="utf-8") == "old"
    assert list(tmp_path.iterdir()) == [out]


# --- readers -------------------------------------------------------------------------------------------------

def test_folder_of_txt_with_sidecars_and_a_default_date(tmp_path: Path) -> None:
    (tmp_path / "r1.txt").write_bytes(b"Shelling hit Kharkiv.\r\nTwo injured.\n")
    (tmp_path / "r1.meta.yaml").write_text("published: 2024-03-02\nsource: Desk\nregion: Europe\n", encoding="utf-8")
    (tmp_path / "r2.txt").write_text("Protest in Gao.", encoding="utf-8")
    (tmp_path / "r2.json").write_text('{"id": "gao-1", "synthetic": true, "metadata": {"k": 1}}', encoding="utf-8")
    (tmp_path / "r3.txt").write_text("Curfew.", encoding="utf-8")
    sources = list(read_sources(tmp_path, published=dt.date(2024, 1, 5)))
    assert [(s.doc.id, s.doc.published.isoformat(), s.doc.source, s.doc.metadata, s.doc.synthetic, s.gold)
            for s in sources] == [
        ("r1", "2024-03-02", "Desk", {"region": "Europe"}, False, False),
        ("gao-1", "2024-01-05", "", {"k": 1}, True, False),
        ("r3", "2024-01-05", "", {}, False, False)]
    assert sources[0].doc.text == "Shelling hit Kharkiv.\r\nTwo injured.\n"


def test_folder_report_without_date_is_located(tmp_path: Path) -> None:
    (tmp_path / "r1.txt").write_text("Curfew.", encoding="utf-8")
    with pytest.raises(DataError) as info:
        list(read_sources(tmp_path))
    assert str(info.value) == (f"{tmp_path / 'r1.txt'}: document 'r1': no publication date. Add 'published: "
                               "YYYY-MM-DD' to the record (or its sidecar) or pass --published")


def test_csv_of_reports(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text('id,text,date,source,synthetic,region\nr1,"Shelling, then\nfire.",2024-03-02,Desk,yes,East\n'
                    'r2,Curfew.,2024-03-03,,,\n', encoding="utf-8")
    sources = list(read_sources(path))
    assert [(s.doc.id, s.doc.text, str(s.doc.published), s.doc.source, s.doc.synthetic, s.doc.metadata, s.where)
            for s in sources] == [
        ("r1", "Shelling, then\nfire.", "2024-03-02", "Desk", True, {"region": "East"}, f"{path}:2"),
        ("r2", "Curfew.", "2024-03-03", "", False, {"region": ""}, f"{path}:4")]


def test_csv_errors_are_located(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("name,text\nr1,x\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"r.csv:1: missing column\(s\) id \(found: name, text\)"):
        list(read_sources(path))
    path.write_text("id,text,published\nr1,x,2024-13-01\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        list(read_sources(path))
    assert str(info.value).startswith(f"{path}:2: document 'r1': published: Input should be a valid date")


def test_jsonl_of_reports_and_gold_lines(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    gold = small_docs()[1]
    path.write_text(json.dumps({"id": "r1", "text": "Curfew.", "date": "2024-03-02", "desk": "x"}) + "\n"
                    + dump_document(gold) + "\n", encoding="utf-8")
    sources = list(read_sources(path))
    assert [(s.doc.id, s.gold, s.doc.metadata) for s in sources] == [("r1", False, {"desk": "x"}), ("sm-2", True, {})]
    assert sources[1].doc == gold


def test_jsonl_gold_lines_must_be_schema_2(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    dateline_only = {"schema_version": "2.0", "id": "d1", "published": "2024-03-02", "text": "GAO, Monday - Calm.",
                     "dateline": {"mention": {"start": 0, "end": 13, "text": "GAO, Monday -"}, "place": "Gao"}}
    report = {"schema_version": "2.0", "id": "r1", "published": "2024-03-02", "text": "Curfew."}
    path.write_text(json.dumps(dateline_only) + "\n" + json.dumps(report) + "\n", encoding="utf-8")
    sources = list(read_sources(path))
    assert [(s.doc.id, s.gold, s.doc.metadata) for s in sources] == [("d1", True, {}), ("r1", False, {})]
    assert sources[0].doc.dateline is not None and sources[0].doc.dateline.place == "Gao"
    old = {k: v for k, v in small_docs()[1].model_dump(mode="json").items() if k != "schema_version"}
    path.write_text(json.dumps(old) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        list(read_sources(path))
    assert str(info.value) == (f"{path}:1: document 'sm-2': schema_version: no schema_version: this is a schema 1.x "
                               "document. Convert the file: eventgold migrate IN.jsonl -o OUT.jsonl")


def test_duplicate_ids_and_unknown_inputs(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    line = json.dumps({"id": "r1", "text": "Curfew.", "published": "2024-03-02"})
    path.write_text(line + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"in.jsonl:2: document 'r1': duplicate document id \(first in .*in.jsonl:1\)"):
        list(read_sources(path))
    (tmp_path / "x.xml").write_text("<x/>", encoding="utf-8")
    with pytest.raises(UsageError, match="unknown input"):
        list(read_sources(tmp_path / "x.xml"))
    with pytest.raises(UsageError, match="no such file or folder"):
        list(read_sources(tmp_path / "missing.csv.gz"))
