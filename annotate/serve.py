"""One command for an annotator: a local Label Studio with the eventgold project and the reports in it.

:func:`serve` starts Label Studio on 127.0.0.1 with its data in the user's data
folder (see :func:`~.server.default_data_dir`), logs in as the local annotator
(created on the first start), creates or updates the project with the labeling
config generated from the schema, imports the tasks it is given (documents
already in the project are skipped, so restarting imports nothing twice), tells
the caller where to point the browser, and runs until Ctrl-C or SIGTERM, when it
stops the server's whole process group.

The login is ``annotator@localhost`` with a password generated on the first
start and kept in ``eventgold-login.json`` in the data folder (readable by the
user only), or taken from ``EVENTGOLD_STUDIO_PASSWORD``. The API token is read
through that login and kept in memory only.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import stat
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from eventgold.schema import UsageError

from .config import labeling_config
from .server import DEFAULT_PORT, LocalStudio, StudioError, StudioLogin, default_data_dir, legacy_token, start_studio
from .sync import PushReport, connect, ensure_project, push_tasks, talking_to, task_document_id

DEFAULT_EMAIL = "annotator@localhost"
DEFAULT_PROJECT = "eventgold"
PASSWORD_ENV = "EVENTGOLD_STUDIO_PASSWORD"
LOGIN_FILE = "eventgold-login.json"


@dataclass(frozen=True)
class ServeInfo:
    """What the annotator needs: where to go and how to log in. Holds no API token."""

    url: str
    project_url: str
    login: StudioLogin
    data_dir: Path
    log_path: Path
    push: PushReport


def local_login(data_dir: Path, *, email: str = DEFAULT_EMAIL, environ: dict[str, str] | None = None) -> StudioLogin:
    """The annotator's login for the server in ``data_dir``.

    ``EVENTGOLD_STUDIO_PASSWORD`` wins when set. Otherwise the password saved
    on the first start is read back, or a new one is generated and saved with
    owner-only permissions.
    """
    env = os.environ if environ is None else environ
    given = env.get(PASSWORD_ENV, "")
    if given:
        return StudioLogin(email, given)
    path = data_dir / LOGIN_FILE
    if path.exists():
        try:
            saved = json.loads(path.read_text(encoding="utf-8"))
            return StudioLogin(str(saved["email"]), str(saved["password"]))
        except (ValueError, KeyError, TypeError):
            raise UsageError(
                f"{path} is damaged. Delete it and set {PASSWORD_ENV} to the annotator's password, "
                "or delete the whole data folder to start afresh"
            ) from None
    login = StudioLogin(email, secrets.token_urlsafe(12))
    data_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, stat.S_IRUSR | stat.S_IWUSR)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump({"email": login.email, "password": login.password}, out)
        out.write("\n")
    return login


def open_project(
    studio: LocalStudio,
    login: StudioLogin,
    tasks: Sequence[dict[str, Any]],
    *,
    title: str = DEFAULT_PROJECT,
    model_version: str | None = None,
    batch_size: int = 100,
) -> tuple[PushReport, str]:
    """Create or update the project on the running ``studio`` and import ``tasks``; return the push report and its URL."""
    token = legacy_token(studio.url, login)
    client = connect(studio.url, api_key=token)
    with talking_to(studio.url):
        project = ensure_project(client, title, labeling_config())
        report = push_tasks(client, project, tasks, document_id=task_document_id, batch_size=batch_size,
                            model_version=model_version)
    return report, f"{studio.url}/projects/{project.id}/data"


def serve(
    tasks: Sequence[dict[str, Any]],
    *,
    data_dir: Path | None = None,
    port: int = DEFAULT_PORT,
    title: str = DEFAULT_PROJECT,
    model_version: str | None = None,
    on_ready: Callable[[ServeInfo], None] | None = None,
) -> int | None:
    """Start Label Studio, set up the project with ``tasks``, and block until Ctrl-C or SIGTERM.

    Returns the server's exit code after a clean stop (None when stopped while
    it was still starting). Raises
    :class:`~.server.StudioError` if the server dies on its own.
    """
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    data_dir.mkdir(parents=True, exist_ok=True)
    login = local_login(data_dir)
    with _stop_on_signals():
        try:
            studio = start_studio(data_dir, port=port, login=login)
        except KeyboardInterrupt:
            return None  # start_studio has stopped the half-started server
        try:
            report, project_url = open_project(studio, login, tasks, title=title, model_version=model_version)
            if on_ready is not None:
                on_ready(ServeInfo(url=studio.url, project_url=project_url, login=login, data_dir=data_dir,
                                   log_path=studio.log_path, push=report))
            code = studio.process.wait()
            raise StudioError(f"Label Studio stopped on its own with exit code {code}. "
                              f"Its output is in {studio.log_path}")
        except KeyboardInterrupt:
            return studio.stop()
        finally:
            studio.stop()


class _Stop(KeyboardInterrupt):
    """Raised in the main thread when SIGINT or SIGTERM arrives, so both stop the server like Ctrl-C."""


@contextmanager
def _stop_on_signals() -> Iterator[None]:
    """Handle SIGINT and SIGTERM explicitly: a shell starts background jobs with SIGINT ignored, and Python
    then never raises KeyboardInterrupt, so without this Ctrl-C (or ``kill -INT``) would not stop serve."""

    def handler(signum: int, frame: FrameType | None) -> None:
        raise _Stop(signal.Signals(signum).name)

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
