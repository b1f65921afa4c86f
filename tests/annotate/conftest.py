"""Fixtures for the tests that need a real Label Studio server or a real browser.

One server runs per test session (``live_studio``): it starts on a free
loopback port with a temporary data folder, runs its migrations once (about
30 s) and is shared by every ``server`` and ``browser`` test. Its owner logs in
with a legacy token; a second annotator signs up through the web form, as a
person would, and uses a personal access token, so both token kinds are
exercised.
"""

from __future__ import annotations

import os
import secrets
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from eventgold.annotate.server import (
    LocalStudio,
    StudioLogin,
    free_port,
    personal_access_token,
    sign_up,
    start_studio,
    studio_installed,
)
from eventgold.annotate.sync import connect
from eventgold.schema import Document, read_documents

REPO = Path(__file__).resolve().parents[2]
#: The documents pushed to the server: the bundled dev split when it exists, else the example file.
CORPUS_CANDIDATES = (REPO / "corpus" / "data" / "dev.jsonl", REPO / "docs" / "examples" / "gold.jsonl")

OWNER = StudioLogin("owner@example.com", "owner-Pass-4821")
SECOND = StudioLogin("second.annotator@example.com", "second-Pass-7390")


@dataclass(frozen=True)
class LiveStudio:
    """The session's server and its two accounts (tokens are test fixtures, never printed)."""

    server: LocalStudio
    owner: StudioLogin
    owner_token: str  # legacy token
    owner_id: int
    second: StudioLogin
    second_token: str  # personal access token (JWT refresh token)
    second_id: int

    @property
    def url(self) -> str:
        return self.server.url

    def snapshot_database(self, target_dir: Path) -> Path:
        """Copy the migrated database into ``target_dir`` (SQLite's online backup), for a second server."""
        target_dir.mkdir(parents=True, exist_ok=True)
        target = target_dir / "label_studio.sqlite3"
        with sqlite3.connect(self.server.data_dir / "label_studio.sqlite3") as src, sqlite3.connect(target) as dst:
            src.backup(dst)
        env_file = self.server.data_dir / ".env"
        if env_file.exists():
            shutil.copy(env_file, target_dir / ".env")
        return target_dir


def _missing(reason: str) -> None:
    """Skip on a developer's machine; fail in CI (CI=true), where a skip would hide a missing install step."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def live_studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveStudio]:
    if not studio_installed():
        _missing("label-studio is not installed: pip install -e '.[studio]'")
    base = tmp_path_factory.mktemp("label-studio")
    token = secrets.token_hex(20)
    server = start_studio(base / "data", port=free_port(), login=OWNER, token=token, log_path=base / "server.log")
    try:
        sign_up(server.url, SECOND)
        second_token = personal_access_token(server.url, SECOND)
        owner_id = connect(server.url, api_key=token).users.whoami().id
        second_id = connect(server.url, api_key=second_token).users.whoami().id
        if owner_id is None or second_id is None:
            raise RuntimeError("Label Studio returned users without ids")
        yield LiveStudio(server=server, owner=OWNER, owner_token=token, owner_id=owner_id, second=SECOND,
                         second_token=second_token, second_id=second_id)
    finally:
        server.stop()


@pytest.fixture(scope="session")
def corpus_file() -> Path:
    for path in CORPUS_CANDIDATES:
        if path.exists():
            return path
    pytest.fail(f"no corpus file to push: none of {', '.join(map(str, CORPUS_CANDIDATES))} exists")


@pytest.fixture(scope="session")
def corpus_docs(corpus_file: Path) -> list[Document]:
    return list(read_documents(corpus_file))


@pytest.fixture
def owner_key(live_studio: LiveStudio, monkeypatch: pytest.MonkeyPatch) -> str:
    """Set ``LABEL_STUDIO_API_KEY`` to the owner's legacy token for one test."""
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", live_studio.owner_token)
    return live_studio.owner_token


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Keep each phase's report on the test item, so the browser fixture can tell a failure apart."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    setattr(item, f"report_{report.when}", report)


CHROMIUM = Path(os.environ.get("EVENTGOLD_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture
def browser_page(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[object]:
    """A page in Debian's headless Chromium, driven by Playwright (no browser download).

    If the test fails, a full-page screenshot is saved as ``failure.png`` in
    the test's temporary folder and its path printed.
    """
    if not CHROMIUM.exists():
        _missing(f"{CHROMIUM} not found: apt-get install -y chromium (or set EVENTGOLD_CHROMIUM)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(30_000)
            yield page
            report = getattr(request.node, "report_call", None)
            if report is None or report.failed:
                shot = tmp_path / "failure.png"
                page.screenshot(path=str(shot), full_page=True)
                print(f"screenshot of the failed page: {shot}")
        finally:
            browser.close()
