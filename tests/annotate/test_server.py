"""push and pull against a real Label Studio server (started once per session by ``live_studio``)."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from eventgold.annotate import sync
from eventgold.annotate.config import labeling_config
from eventgold.annotate.scheme import DATA_ID
from eventgold.annotate.sync import API_KEY_ENV, TOKEN_HELP, PushOptions, connect, pull, push
from eventgold.annotate.tasks import to_annotation
from eventgold.schema import DataError, Document, Modality, UsageError, dump_document, write_documents
from tests.annotate.conftest import LiveStudio
from tests.strategies import documents

pytestmark = pytest.mark.server


def gold_bytes(docs: list[Document]) -> bytes:
    return "".join(dump_document(d) + "\n" for d in docs).encode("utf-8")


def write_reports(path: Path, docs: list[Document]) -> Path:
    """The documents as plain reports (no annotation fields), one JSON object per line."""
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for d in docs:
            record = {"id": d.id, "published": d.published.isoformat(), "source": d.source, "language": d.language,
                      "synthetic": d.synthetic, "metadata": d.metadata, "text": d.text}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def task_ids_by_doc(studio: LiveStudio, project_id: int) -> dict[str, int]:
    client = connect(studio.url, api_key=studio.owner_token)
    return {t["data"][DATA_ID]: t["id"] for t in sync.project_tasks(client, project_id)}


def other_reading(doc: Document) -> Document:
    """A second annotator's version: the modality of every event without casualties read differently.

    Events with casualties stay actual: casualties belong to actual events only (guidelines G10).
    """
    counted = {ev for c in doc.casualties for ev in (c.event, *c.also_events)}
    flipped = [e if e.id in counted else e.model_copy(update={
        "modality": Modality.NEGATED if e.modality is Modality.ACTUAL else Modality.ACTUAL}) for e in doc.events]
    return doc.model_copy(update={"events": flipped})


# --- tokens --------------------------------------------------------------------------------------------------


def test_missing_token_says_which_variable_to_set(monkeypatch: pytest.MonkeyPatch, live_studio: LiveStudio) -> None:
    monkeypatch.delenv(API_KEY_ENV, raising=False)
    with pytest.raises(UsageError) as err:
        connect(live_studio.url)
    assert str(err.value) == f"LABEL_STUDIO_API_KEY is not set, so eventgold cannot log in to Label Studio. {TOKEN_HELP}"


@pytest.mark.parametrize(("token", "detail"), [
    ("0123456789abcdef0123456789abcdef01234567", "Invalid token."),
    # a well-formed JWT refresh token the server did not sign: the SDK's refresh call is refused
    ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0b2tlbl90eXBlIjoicmVmcmVzaCIsImV4cCI6NDEwMjQ0NDgwMH0.c2lnbmF0dXJl",
     "Token is invalid"),
])
def test_rejected_token_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, live_studio: LiveStudio, token: str,
                                         detail: str) -> None:
    monkeypatch.setenv(API_KEY_ENV, token)
    with pytest.raises(UsageError) as err:
        connect(live_studio.url)
    assert str(err.value) == (
        f"Label Studio at {live_studio.url} rejected the API token in LABEL_STUDIO_API_KEY (HTTP 401: {detail}). "
        f"The token may be mistyped, revoked, expired or from another server. {TOKEN_HELP}"
    )
    assert token not in str(err.value)


def test_legacy_token_and_personal_access_token_both_work(live_studio: LiveStudio) -> None:
    assert connect(live_studio.url, api_key=live_studio.owner_token).users.whoami().email == live_studio.owner.email
    assert live_studio.second_token.count(".") == 2  # a JWT
    assert connect(live_studio.url, api_key=live_studio.second_token).users.whoami().email == live_studio.second.email


def test_unreachable_server_is_a_usage_error(owner_key: str) -> None:
    with pytest.raises(UsageError, match=r"^cannot reach Label Studio at http://127\.0\.0\.1:9 \(ConnectError: "):
        connect("http://127.0.0.1:9")


# --- push and pull of gold (ground truth) --------------------------------------------------------------------


@pytest.fixture(scope="module")
def gold_project(live_studio: LiveStudio, corpus_file: Path) -> tuple[sync.PushReport, list[tuple[int, int]]]:
    progress: list[tuple[int, int]] = []
    report, summary = push(live_studio.url, "eventgold gold round trip", corpus_file, batch_size=2,
                           api_key=live_studio.owner_token, on_progress=lambda d, t: progress.append((d, t)))
    assert summary.total_skipped == 0
    return report, progress


def test_push_creates_the_project_with_the_generated_config(live_studio: LiveStudio, corpus_docs: list[Document],
                                                            gold_project: tuple[sync.PushReport, Any]) -> None:
    report, progress = gold_project
    assert report.project.created
    assert (report.imported, report.skipped) == (len(corpus_docs), 0)
    n = len(corpus_docs)
    assert progress == [(0, n)] + [(min(k, n), n) for k in range(2, n + 2, 2)]
    client = connect(live_studio.url, api_key=live_studio.owner_token)
    project = client.projects.get(id=report.project.id)
    assert project.label_config == labeling_config().rstrip("\n")  # the server drops the final newline
    tasks = list(sync.project_tasks(client, report.project.id))
    assert sorted(t["data"][DATA_ID] for t in tasks) == sorted(d.id for d in corpus_docs)
    assert {t["data"]["text"] for t in tasks} == {d.text for d in corpus_docs}


def test_push_rerun_adds_no_duplicates(live_studio: LiveStudio, corpus_file: Path, corpus_docs: list[Document],
                                       gold_project: tuple[sync.PushReport, Any]) -> None:
    first, _ = gold_project
    again, _ = push(live_studio.url, first.project.title, corpus_file, api_key=live_studio.owner_token)
    assert (again.project.id, again.project.created, again.project.config_updated) == (first.project.id, False, False)
    assert (again.imported, again.skipped, again.predictions_added) == (0, len(corpus_docs), 0)
    assert len(task_ids_by_doc(live_studio, first.project.id)) == len(corpus_docs)


def test_pull_ground_truth_round_trips_exactly(live_studio: LiveStudio, corpus_docs: list[Document], tmp_path: Path,
                                               gold_project: tuple[sync.PushReport, Any]) -> None:
    out = tmp_path / "gold.jsonl"
    report = pull(live_studio.url, gold_project[0].project.title, out, ground_truth=True,
                  api_key=live_studio.owner_token)
    assert (report.tasks, report.summary.written, report.summary.total_skipped) == (len(corpus_docs), len(corpus_docs), 0)
    assert out.read_bytes() == gold_bytes(corpus_docs)  # tasks come back in import order


def test_pull_rerun_is_byte_identical_and_keeps_the_raw_export(live_studio: LiveStudio, tmp_path: Path,
                                                               gold_project: tuple[sync.PushReport, Any]) -> None:
    title = gold_project[0].project.title
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    raw = tmp_path / "export.json"
    pull(live_studio.url, title, first, ground_truth=True, save_export=raw, api_key=live_studio.owner_token)
    pull(live_studio.url, title, second, ground_truth=True, api_key=live_studio.owner_token)
    assert first.read_bytes() == second.read_bytes()
    exported = json.loads(raw.read_text(encoding="utf-8"))
    assert [a["ground_truth"] for t in exported for a in t["annotations"]] == [True] * len(exported)
    assert all(isinstance(a["completed_by"], dict) for t in exported for a in t["annotations"])
    client = connect(live_studio.url, api_key=live_studio.owner_token)
    assert list(client.projects.exports.list(id=gold_project[0].project.id)) == []  # snapshots are cleaned up


def test_interrupted_pull_leaves_the_old_file_and_a_rerun_completes_it(
        live_studio: LiveStudio, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, corpus_docs: list[Document],
        gold_project: tuple[sync.PushReport, Any]) -> None:
    title = gold_project[0].project.title
    out = tmp_path / "gold.jsonl"
    out.write_text("previous contents\n", encoding="utf-8")
    real = sync.iter_documents

    def cut_short(*args: Any, **kwargs: Any) -> Any:
        for doc in real(*args, **kwargs):
            yield doc
            raise KeyboardInterrupt  # Ctrl-C after the first document

    monkeypatch.setattr(sync, "iter_documents", cut_short)
    with pytest.raises(KeyboardInterrupt):
        pull(live_studio.url, title, out, ground_truth=True, api_key=live_studio.owner_token)
    assert out.read_text(encoding="utf-8") == "previous contents\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gold.jsonl"]  # no temporary file left behind
    monkeypatch.setattr(sync, "iter_documents", real)
    pull(live_studio.url, title, out, ground_truth=True, api_key=live_studio.owner_token)
    assert out.read_bytes() == gold_bytes(corpus_docs)


def test_pull_of_an_unknown_project_names_the_projects(live_studio: LiveStudio, tmp_path: Path,
                                                       gold_project: tuple[sync.PushReport, Any]) -> None:
    with pytest.raises(UsageError) as err:
        pull(live_studio.url, "no such project", tmp_path / "x.jsonl", api_key=live_studio.owner_token)
    assert str(err.value).startswith(f"no project titled 'no such project' on {live_studio.url} (projects: ")
    assert repr(gold_project[0].project.title) in str(err.value)
    assert not (tmp_path / "x.jsonl").exists()


# --- two annotators ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def two_annotator_project(live_studio: LiveStudio, corpus_docs: list[Document],
                          tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, int]]:
    """Reports pushed bare; the owner annotates each as the gold says, the second annotator differently."""
    title = "eventgold two annotators"
    reports = write_reports(tmp_path_factory.mktemp("reports") / "reports.jsonl", corpus_docs)
    report, _ = push(live_studio.url, title, reports, api_key=live_studio.owner_token)
    tasks = task_ids_by_doc(live_studio, report.project.id)
    owner = connect(live_studio.url, api_key=live_studio.owner_token)
    second = connect(live_studio.url, api_key=live_studio.second_token)
    for doc in corpus_docs:
        for client, version in ((owner, doc), (second, other_reading(doc))):
            ann = to_annotation(version, ground_truth=False)
            client.annotations.create(id=tasks[doc.id], result=ann["result"], ground_truth=False)
    return title, tasks


def test_each_annotator_comes_back_separately(live_studio: LiveStudio, corpus_docs: list[Document], tmp_path: Path,
                                              two_annotator_project: tuple[str, dict[str, int]]) -> None:
    title, _ = two_annotator_project
    by_owner, by_second, by_id = tmp_path / "owner.jsonl", tmp_path / "second.jsonl", tmp_path / "by-id.jsonl"
    pull(live_studio.url, title, by_owner, annotator=live_studio.owner.email, api_key=live_studio.owner_token)
    pull(live_studio.url, title, by_second, annotator=live_studio.second.email.upper(),
         api_key=live_studio.second_token)
    pull(live_studio.url, title, by_id, annotator=str(live_studio.second_id), api_key=live_studio.owner_token)
    assert by_owner.read_bytes() == gold_bytes(corpus_docs)
    assert by_second.read_bytes() == gold_bytes([other_reading(d) for d in corpus_docs])
    assert by_id.read_bytes() == by_second.read_bytes()
    assert by_owner.read_bytes() != by_second.read_bytes()


def test_pull_without_a_choice_of_annotator_is_refused(live_studio: LiveStudio, tmp_path: Path,
                                                       two_annotator_project: tuple[str, dict[str, int]]) -> None:
    title, tasks = two_annotator_project
    out = tmp_path / "gold.jsonl"
    with pytest.raises(DataError) as err:
        pull(live_studio.url, title, out, api_key=live_studio.owner_token)
    assert len(err.value.problems) == len(tasks)
    first_task = min(tasks.values())
    assert f"task {first_task}" in str(err.value)
    assert "2 annotations to choose from" in str(err.value)
    assert live_studio.owner.email in str(err.value) and live_studio.second.email in str(err.value)
    assert not out.exists()


# --- predictions ---------------------------------------------------------------------------------------------


def test_predictions_travel_in_full_and_a_new_model_reaches_old_tasks(
        live_studio: LiveStudio, corpus_docs: list[Document], corpus_file: Path, tmp_path: Path) -> None:
    title = "eventgold predictions"
    reports = write_reports(tmp_path / "reports.jsonl", corpus_docs)
    first, _ = push(live_studio.url, title, reports, options=PushOptions(predictions=corpus_file, model_version="m-one"),
                    api_key=live_studio.owner_token)
    second, _ = push(live_studio.url, title, reports, options=PushOptions(predictions=corpus_file,
                                                                          model_version="m-two"),
                     api_key=live_studio.owner_token)
    assert (first.imported, second.imported, second.skipped, second.predictions_added) == (
        len(corpus_docs), 0, len(corpus_docs), len(corpus_docs))
    client = connect(live_studio.url, api_key=live_studio.owner_token)
    assert client.projects.get(id=first.project.id).model_version == "m-two"
    for model in ("m-one", "m-two"):
        out = tmp_path / f"{model}.jsonl"
        pull(live_studio.url, title, out, prediction=model, api_key=live_studio.owner_token)
        assert sorted(out.read_text(encoding="utf-8").splitlines()) == sorted(dump_document(d) for d in corpus_docs)


# --- generated documents through the real server -------------------------------------------------------------


_generated_projects = itertools.count(1)


@given(st.lists(documents(), min_size=5, max_size=5, unique_by=lambda d: d.id))
@settings(max_examples=4, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
def test_generated_documents_round_trip_through_the_server(live_studio: LiveStudio,
                                                           tmp_path_factory: pytest.TempPathFactory,
                                                           docs: list[Document]) -> None:
    """Emoji, other scripts and CRLF line ends survive the server's storage and the snapshot export."""
    title = f"eventgold generated {next(_generated_projects)}"
    folder = tmp_path_factory.mktemp("generated")
    gold = folder / "gold.jsonl"
    write_documents(gold, docs)
    report, _ = push(live_studio.url, title, gold, batch_size=2, api_key=live_studio.owner_token)
    assert (report.imported, report.skipped) == (len(docs), 0)
    out = folder / "pulled.jsonl"
    pull(live_studio.url, title, out, ground_truth=True, api_key=live_studio.owner_token)
    assert out.read_bytes() == gold.read_bytes()


# --- the commands, and the token never leaving memory --------------------------------------------------------


def test_cli_push_and_pull_never_show_or_write_the_token(live_studio: LiveStudio, owner_key: str, corpus_file: Path,
                                                         corpus_docs: list[Document], tmp_path: Path) -> None:
    from eventgold.cli_annotate import build_app

    app = build_app()

    runner = CliRunner()
    title = "eventgold cli"
    pushed = runner.invoke(app, ["push", "--url", live_studio.url, "--project", title, str(corpus_file),
                                 "--batch-size", "1"])
    assert pushed.exit_code == 0, pushed.output
    out, raw = tmp_path / "gold.jsonl", tmp_path / "export.json"
    pulled = runner.invoke(app, ["pull", "--url", live_studio.url, "--project", title, "-o", str(out),
                                 "--ground-truth", "--save-export", str(raw)])
    assert pulled.exit_code == 0, pulled.output
    assert sorted(out.read_text(encoding="utf-8").splitlines()) == sorted(dump_document(d) for d in corpus_docs)
    assert f"exported {len(corpus_docs)} tasks from project 'eventgold cli'" in pulled.output
    for text in (pushed.output, pulled.output, out.read_text(encoding="utf-8"), raw.read_text(encoding="utf-8"),
                 live_studio.server.log_path.read_text(encoding="utf-8", errors="replace")):
        assert owner_key not in text
        assert live_studio.second_token not in text

    missing = runner.invoke(app, ["pull", "--url", live_studio.url, "--project", title, "-o",
                                  str(tmp_path / "x.jsonl")], env={API_KEY_ENV: ""})
    assert missing.exit_code == 2
    assert "LABEL_STUDIO_API_KEY is not set" in missing.output
