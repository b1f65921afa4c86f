"""Issue 16, cases 2, 7 and 8 on a real Label Studio server: concurrent pushes, pulls that leave nothing, wrong URLs.

(Case 8 also runs offline, against a tiny web server that answers every path with a large HTML 404 page.)
"""

from __future__ import annotations

import http.server
import json
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from eventgold.annotate import sync
from eventgold.annotate.sync import connect, find_project, pull, push, task_document_id
from eventgold.cli import build_app
from eventgold.schema import UsageError
from tests.annotate.conftest import LiveStudio
from tests.schema.malformed_cases import BASE

app = build_app()


def _together(*calls: Callable[[], Any]) -> list[Any]:
    """Run the calls in threads released at the same moment; return their results (re-raise the first error)."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)
    errors: list[BaseException] = []

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = calls[i]()
        except BaseException as exc:  # re-raised below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return results


def _doc_counts(studio: LiveStudio, title: str) -> Counter[str]:
    client = connect(studio.url, api_key=studio.owner_token)
    project_id = find_project(client, title)  # also fails if two projects carry the title
    assert project_id is not None
    return Counter(task_document_id(t) for t in sync.project_tasks(client, project_id, predictions=False))


# --- 2. concurrent pushes -----------------------------------------------------------------------------------------

N_DOCS = 14


@pytest.fixture(scope="module")
def simple_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Fourteen one-event gold documents (what they hold does not matter here, only that they travel)."""
    path = tmp_path_factory.mktemp("simple") / "gold.jsonl"
    path.write_text("".join(json.dumps({**BASE, "id": f"doc-{i:02d}"}) + "\n" for i in range(N_DOCS)), encoding="utf-8")
    return path



@pytest.mark.server
@pytest.mark.parametrize("existing", [True, False], ids=["into an existing project", "creating the project"])
def test_2_two_pushes_at_once_leave_one_task_per_document(live_studio: LiveStudio, simple_file: Path,
                                                           existing: bool, tmp_path: Path) -> None:
    title = f"concurrent push {'existing' if existing else 'new'}"
    if existing:
        one = tmp_path / "one.jsonl"
        one.write_text(simple_file.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
        push(live_studio.url, title, one, api_key=live_studio.owner_token)
        assert _doc_counts(live_studio, title) == Counter({"doc-00": 1})

    def one_push() -> sync.PushReport:
        return push(live_studio.url, title, simple_file, batch_size=3, api_key=live_studio.owner_token)[0]

    a, b = _together(one_push, one_push)
    n = N_DOCS
    assert _doc_counts(live_studio, title) == Counter({f"doc-{i:02d}": 1 for i in range(n)})
    assert a.project.id == b.project.id
    assert a.imported + b.imported == n - (1 if existing else 0)
    assert a.total == b.total == n
    out = tmp_path / "gold.jsonl"
    assert pull(live_studio.url, title, out, ground_truth=True, api_key=live_studio.owner_token).summary.written == n


# --- 7. pull leaves no export behind --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pulled_project(live_studio: LiveStudio, simple_file: Path) -> str:
    title = "pull leaves nothing"
    push(live_studio.url, title, simple_file, api_key=live_studio.owner_token)
    return title


def _export_files(studio: LiveStudio) -> set[str]:
    """Every file in the server's export folders (snapshots go to media/export/ID/, synchronous exports to export/)."""
    root = studio.server.data_dir
    return {str(p.relative_to(root)) for folder in (root / "export", root / "media" / "export") if folder.is_dir()
            for p in folder.rglob("*") if p.is_file()}


@pytest.mark.server
def test_7_ten_interrupted_pulls_leave_no_export_on_the_server(live_studio: LiveStudio, pulled_project: str,
                                                               tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _export_files(live_studio)
    client = connect(live_studio.url, api_key=live_studio.owner_token)
    project_id = find_project(client, pulled_project)
    assert project_id is not None
    real_list = client.tasks.list.__func__  # type: ignore[attr-defined]
    real_docs = sync.iter_documents

    def interrupted_after(n: int) -> Callable[..., Iterator[Any]]:
        def list_tasks(self: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
            for i, task in enumerate(real_list(self, *args, **kwargs)):
                if i == n:
                    raise KeyboardInterrupt  # Ctrl-C while the tasks come in
                yield task
        return list_tasks

    def cut_docs(*args: Any, **kwargs: Any) -> Iterator[Any]:
        for doc in real_docs(*args, **kwargs):
            yield doc
            raise KeyboardInterrupt  # Ctrl-C while converting

    tasks_client = type(client.tasks)
    out = tmp_path / "gold.jsonl"
    for attempt in range(10):
        with monkeypatch.context() as patch:
            if attempt % 2 == 0:
                patch.setattr(sync, "iter_documents", cut_docs)
            else:
                patch.setattr(tasks_client, "list", interrupted_after(attempt // 2))
            with pytest.raises(KeyboardInterrupt):
                pull(live_studio.url, pulled_project, out, ground_truth=True, api_key=live_studio.owner_token)
        assert _export_files(live_studio) - before == set(), f"after interrupted pull {attempt + 1}"
    assert not out.exists()
    assert list(client.projects.exports.list(id=project_id)) == []
    report = pull(live_studio.url, pulled_project, out, ground_truth=True, api_key=live_studio.owner_token)
    assert report.summary.written == report.tasks > 0
    assert _export_files(live_studio) - before == set()


@pytest.mark.server
def test_7_a_snapshot_left_by_an_old_pull_is_removed(live_studio: LiveStudio, pulled_project: str,
                                                     tmp_path: Path) -> None:
    client = connect(live_studio.url, api_key=live_studio.owner_token)
    project_id = find_project(client, pulled_project)
    assert project_id is not None
    client.projects.exports.create(id=project_id, title="eventgold pull 2026-01-01T00:00:00Z")
    client.projects.exports.create(id=project_id, title="someone else's export")
    pull(live_studio.url, pulled_project, tmp_path / "gold.jsonl", ground_truth=True, api_key=live_studio.owner_token)
    left = [e.title for e in client.projects.exports.list(id=project_id)]
    assert left == ["someone else's export"]
    for export in client.projects.exports.list(id=project_id):
        client.projects.exports.delete(id=project_id, export_pk=export.id)


@pytest.mark.server
def test_7_concurrent_pulls_all_succeed(live_studio: LiveStudio, pulled_project: str, tmp_path: Path) -> None:
    outs = [tmp_path / f"gold{i}.jsonl" for i in range(3)]
    before = _export_files(live_studio)
    reports = _together(*[lambda o=o: pull(live_studio.url, pulled_project, o, ground_truth=True,
                                            api_key=live_studio.owner_token) for o in outs])
    assert len({r.summary.written for r in reports}) == 1
    assert len({o.read_bytes() for o in outs}) == 1
    assert _export_files(live_studio) - before == set()


# --- 8. a wrong URL path -------------------------------------------------------------------------------------------

PAGE = ("<!DOCTYPE html><html><head><title>404 | Label Studio</title></head><body>"
        + "<div class='app'>" + "x" * 170_000 + "</div></body></html>")


class _NotFound(http.server.BaseHTTPRequestHandler):
    def _answer(self) -> None:
        body = PAGE.encode()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def not_found_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _NotFound)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_8_an_html_404_page_is_named_not_printed(not_found_server: str, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", "not-a-real-token-123")
    url = f"{not_found_server}/label-studio/wrong"
    result = CliRunner().invoke(app, ["annotate", "pull", "--url", url, "--project", "p16", "-o", str(tmp_path / "g.jsonl")])
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"error: {url} answered HTTP 404 (a web page titled '404 | Label Studio' "
                             f"({len(PAGE):,} characters)) where Label Studio's API should be. Check --url: it is the "
                             "server's address, without a path (e.g. http://127.0.0.1:8080)\n")


@pytest.mark.server
def test_8_a_wrong_path_on_a_real_server_is_a_short_usage_error(live_studio: LiveStudio, tmp_path: Path) -> None:
    with pytest.raises(UsageError) as info:
        pull(f"{live_studio.url}/wrong/path", "anything", tmp_path / "g.jsonl", api_key=live_studio.owner_token)
    message = str(info.value)
    assert message.startswith(f"{live_studio.url}/wrong/path answered HTTP 404 (a web page titled ")
    assert len(message) < 400 and "<html" not in message.lower()
    assert json.dumps(message)  # a plain one-line message
