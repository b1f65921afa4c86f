"""``eventgold annotate serve`` as an annotator runs it: start, log in, find the corpus, Ctrl-C, start again.

The server under test is a second Label Studio on its own port, started by the
command itself, on a copy of the session server's already migrated database
(so it starts in seconds instead of migrating again).
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from queue import Empty, Queue

import pytest

from eventgold.annotate.scheme import DATA_ID
from eventgold.annotate.serve import LOGIN_FILE, PASSWORD_ENV, local_login
from eventgold.annotate.server import StudioLogin, free_port, legacy_token, port_is_free
from eventgold.annotate.sync import API_KEY_ENV, connect, find_project, project_tasks
from eventgold.corpus import SPLITS, read_split
from tests.annotate.conftest import LiveStudio

pytestmark = pytest.mark.server

TITLE = "eventgold serve test"


class ServeProcess:
    """``python -m eventgold annotate serve`` in its own process group, its stdout read line by line."""

    def __init__(self, port: int, data_dir: Path, stderr_path: Path) -> None:
        env = {k: v for k, v in os.environ.items() if k not in (API_KEY_ENV, PASSWORD_ENV)}
        self.stderr_path = stderr_path
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "eventgold", "annotate", "serve", "--port", str(port), "--data-dir",
             str(data_dir), "--project", TITLE],
            stdout=subprocess.PIPE, stderr=open(stderr_path, "wb"), stdin=subprocess.DEVNULL, env=env,  # noqa: SIM115
            start_new_session=True, text=True, encoding="utf-8",
        )
        self.lines: Queue[str] = Queue()
        self.stdout: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_ready(self, timeout: float = 150.0) -> list[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except Empty:
                if self.proc.poll() is not None:
                    raise AssertionError(f"serve exited with {self.proc.returncode}:\n{self.stderr()}") from None
                continue
            self.stdout.append(line)
            if line == "Press Ctrl-C to stop.":
                return self.stdout
        raise AssertionError(f"serve was not ready after {timeout:.0f} s:\n{self.stderr()}")

    def stop(self, sig: signal.Signals, timeout: float = 30.0) -> int:
        """Send ``sig`` to the command's process group, as a terminal does for Ctrl-C, and wait for it."""
        os.killpg(self.proc.pid, sig)
        return self.proc.wait(timeout=timeout)

    def stderr(self) -> str:
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")

    def kill(self) -> None:
        """After a failed test: stop serve in order (so it stops its server), by force if it hangs."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


@pytest.fixture
def serve_data(live_studio: LiveStudio, tmp_path: Path) -> Iterator[Path]:
    yield live_studio.snapshot_database(tmp_path / "studio")


def test_serve_sets_up_the_corpus_project_and_stops_cleanly(serve_data: Path, tmp_path: Path) -> None:
    corpus = [doc for split in SPLITS for doc in read_split(split)]
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    first = ServeProcess(port, serve_data, tmp_path / "first.err")
    try:
        printed = first.wait_ready()
        login = local_login(serve_data)
        assert printed[0] == f"Label Studio is running at {url}"
        assert printed[2:4] == [f"  email:    {login.email}", f"  password: {login.password}"]
        assert printed[5] == f"  imported {len(corpus)} reports, 0 were already there"
        assert stat.S_IMODE((serve_data / LOGIN_FILE).stat().st_mode) == 0o600

        token = legacy_token(url, login)
        client = connect(url, api_key=token)
        project_id = find_project(client, TITLE)
        assert project_id is not None
        assert printed[1] == f"  project:  {url}/projects/{project_id}/data"
        tasks = list(project_tasks(client, project_id))
        assert sorted(t["data"][DATA_ID] for t in tasks) == sorted(d.id for d in corpus)
        texts = {d.id: d.text for d in corpus}
        assert all(t["data"]["text"] == texts[t["data"][DATA_ID]] for t in tasks)
        versions = {p["model_version"] for t in tasks for p in t["predictions"]}
        assert versions == {"eventgold-baseline-0.1.0"}
        assert client.projects.get(id=project_id).model_version == "eventgold-baseline-0.1.0"
        assert all(not t.annotations for t in client.tasks.list(project=project_id, fields="all"))

        assert first.stop(signal.SIGINT) == 0, first.stderr()
        assert port_is_free(port), first.stderr()
        assert first.stderr().rstrip().endswith("Label Studio stopped."), first.stderr()
        for output in ("\n".join(printed), first.stderr()):
            assert token not in output
    finally:
        first.kill()

    second = ServeProcess(port, serve_data, tmp_path / "second.err")
    try:
        printed = second.wait_ready()
        assert printed[3] == f"  password: {login.password}"
        assert printed[5] == f"  imported 0 reports, {len(corpus)} were already there"
        assert second.stop(signal.SIGTERM) == 0, second.stderr()
        assert port_is_free(port), second.stderr()
    finally:
        second.kill()


def test_local_login_is_generated_once_then_reused_and_the_environment_wins(tmp_path: Path) -> None:
    first = local_login(tmp_path, environ={})
    assert first.email == "annotator@localhost" and len(first.password) >= 16
    assert local_login(tmp_path, environ={}) == first
    assert local_login(tmp_path, environ={PASSWORD_ENV: "chosen-Pass-1"}) == StudioLogin(first.email, "chosen-Pass-1")
    assert "password" not in repr(first) and first.password not in repr(first)
