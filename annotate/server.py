"""Start and stop a local Label Studio server, and get API tokens from it.

The server runs as a child process in its own process group, bound to
127.0.0.1, with its data (SQLite database, uploads, exports) in one folder and
every outbound call switched off: no version check against the package index,
no analytics, no error reporting. The first start on an empty folder runs the
database migrations (about 30 s); later starts take a few seconds.

Secrets (the password and the API token) travel only through the child's
environment and HTTP requests; this module never prints or logs them.

>>> env = studio_environment(Path("/tmp/ls"), StudioLogin("a@example.com", "pw-123456"), token=None, base={})
>>> env["LATEST_VERSION_CHECK"], env["COLLECT_ANALYTICS"], env["SENTRY_DSN"]
('false', 'false', '')
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO

import httpx
import platformdirs

from eventgold.schema import EventgoldError, UsageError

LOOPBACK = "127.0.0.1"
DEFAULT_PORT = 8080

# Variables Label Studio would pick up from the caller's shell (its get_env tries
# LABEL_STUDIO_X, HEARTEX_X and then the bare X). Bare HOST is set by zsh, USERNAME
# by Windows: either would silently change the server, so the child never sees them.
_SHADOWED = ("HOST", "PORT", "USERNAME", "PASSWORD", "USER_TOKEN", "BASE_DATA_DIR", "DATA_DIR",
             "DISABLE_SIGNUP_WITHOUT_LINK", "DJANGO_DB", "DATABASE_NAME")


class StudioError(EventgoldError):
    """The local Label Studio server could not be started, reached or logged into."""


@dataclass(frozen=True)
class StudioLogin:
    """An account on a Label Studio server. The password is kept out of ``repr``."""

    email: str
    password: str = field(repr=False)


def default_data_dir() -> Path:
    """Where ``eventgold annotate serve`` keeps Label Studio's data: the user's data folder."""
    return Path(platformdirs.user_data_dir("eventgold", appauthor=False)) / "label-studio"


def studio_installed() -> bool:
    """True when the ``label-studio`` package (the ``studio`` extra) can be imported."""
    return importlib.util.find_spec("label_studio") is not None


def free_port() -> int:
    """A TCP port on the loopback interface that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        port: int = sock.getsockname()[1]
        return port


def port_is_free(port: int) -> bool:
    """True when nothing listens on ``127.0.0.1:port`` (closed connections lingering in TIME_WAIT do not count)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as Label Studio's own server does
        try:
            sock.bind((LOOPBACK, port))
        except OSError:
            return False
        return True


def studio_environment(
    data_dir: Path,
    login: StudioLogin | None,
    *,
    token: str | None,
    base: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The environment for the server process.

    ``base`` (default: this process's environment) is copied without any
    ``LABEL_STUDIO_*``/``HEARTEX_*`` variable and without the bare names Label
    Studio would read as settings. ``login`` creates that user (as the owner of
    a new organization) on the first start; ``token`` becomes that user's
    legacy API token, and legacy tokens are enabled for the organization.
    """
    env = {
        key: value
        for key, value in (os.environ if base is None else base).items()
        if not key.startswith(("LABEL_STUDIO_", "HEARTEX_")) and key not in _SHADOWED
    }
    env.update({
        "LABEL_STUDIO_BASE_DATA_DIR": str(data_dir),
        "DJANGO_DB": "sqlite",
        "LATEST_VERSION_CHECK": "false",
        "SENTRY_DSN": "",
        "FRONTEND_SENTRY_DSN": "",
        "COLLECT_ANALYTICS": "false",
        "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN": "true",
        "PYTHONUNBUFFERED": "1",
    })
    if login is not None:
        env["LABEL_STUDIO_USERNAME"] = login.email
        env["LABEL_STUDIO_PASSWORD"] = login.password
    if token is not None:
        if len(token) <= 5:
            raise UsageError("the Label Studio user token must be longer than 5 characters")
        env["LABEL_STUDIO_USER_TOKEN"] = token
    return env


@dataclass
class LocalStudio:
    """A running local Label Studio server; use as a context manager or call :meth:`stop`."""

    url: str
    port: int
    data_dir: Path
    log_path: Path
    process: subprocess.Popen[bytes]

    def running(self) -> bool:
        return self.process.poll() is None

    def stop(self, *, timeout: float = 20.0) -> int:
        """Terminate the server's process group (SIGTERM, then SIGKILL after ``timeout`` s); return its exit code."""
        if self.process.poll() is None:
            _signal_group(self.process, signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                _signal_group(self.process, signal.SIGKILL)
                self.process.wait(timeout=timeout)
        return self.process.returncode

    def __enter__(self) -> LocalStudio:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()


def _signal_group(process: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    try:
        if hasattr(os, "killpg"):
            os.killpg(process.pid, sig)  # the child leads its own session, so its pid is the group id
        else:  # pragma: no cover - Windows
            process.send_signal(sig)
    except ProcessLookupError:
        pass


def start_studio(
    data_dir: Path,
    *,
    port: int = DEFAULT_PORT,
    login: StudioLogin | None = None,
    token: str | None = None,
    log_path: Path | None = None,
    timeout: float = 240.0,
) -> LocalStudio:
    """Start ``label-studio`` on ``127.0.0.1:port`` with its data in ``data_dir`` and wait until it is healthy.

    The server's output goes to ``log_path`` (default ``data_dir/eventgold-server.log``).
    Raises :class:`UsageError` when Label Studio is not installed or the port is taken,
    :class:`StudioError` when the server exits or is not healthy within ``timeout`` seconds.
    """
    if not studio_installed():
        raise UsageError(
            "Label Studio is not installed. Install the studio extra: pip install 'eventgold[studio]'"
        )
    if not port_is_free(port):
        raise UsageError(f"port {port} on {LOOPBACK} is already in use. Choose another one with --port")
    data_dir = Path(data_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    log_path = Path(log_path) if log_path is not None else data_dir / "eventgold-server.log"
    command = [sys.executable, "-m", "label_studio.server", "start", "--no-browser",
               "-p", str(port), "--internal-host", LOOPBACK]
    log: IO[bytes] = open(log_path, "ab")  # noqa: SIM115 - handed to the child, closed below
    try:
        process = subprocess.Popen(
            command,
            env=studio_environment(data_dir, login, token=token),
            cwd=data_dir,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        )
    finally:
        log.close()
    studio = LocalStudio(url=f"http://{LOOPBACK}:{port}", port=port, data_dir=data_dir, log_path=log_path,
                         process=process)
    try:
        wait_healthy(studio.url, timeout=timeout, process=process, log_path=log_path)
    except BaseException:
        studio.stop()
        raise
    return studio


def _die_with_parent() -> None:
    """In the child, before exec: ask Linux to send SIGTERM when the parent goes away.

    The server runs in its own session so that Ctrl-C reaches eventgold, which
    stops it in order; this covers the case where eventgold itself is killed
    (SIGKILL, a crash) and would otherwise leave the server running.
    """
    import ctypes

    pr_set_pdeathsig = 1
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, int(signal.SIGTERM), 0, 0, 0)


def wait_healthy(
    url: str,
    *,
    timeout: float,
    process: subprocess.Popen[bytes] | None = None,
    log_path: Path | None = None,
    interval: float = 0.5,
) -> None:
    """Poll ``url/health`` until it answers ``{"status": "UP"}``; fail early if ``process`` exits."""
    deadline = time.monotonic() + timeout
    health = url.rstrip("/") + "/health"
    while True:
        if process is not None and process.poll() is not None:
            raise StudioError(
                f"Label Studio exited with code {process.returncode} before it was ready. "
                f"Its output is in {log_path}:\n{_tail(log_path)}"
            )
        with contextlib.suppress(httpx.HTTPError, ValueError):
            response = httpx.get(health, timeout=2.0)
            if response.status_code == 200 and response.json().get("status") == "UP":
                return
        if time.monotonic() > deadline:
            raise StudioError(
                f"Label Studio at {url} was not healthy after {timeout:.0f} s. Its output is in {log_path}:\n"
                f"{_tail(log_path)}"
            )
        time.sleep(interval)


def _tail(path: Path | None, lines: int = 15) -> str:
    if path is None or not path.exists():
        return "(no output)"
    text = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return "\n".join(text[-lines:])


# --- accounts and tokens through the web login (what a browser does) ---------------------------------------


@contextlib.contextmanager
def web_session(url: str, login: StudioLogin, *, timeout: float = 30.0) -> Iterator[httpx.Client]:
    """An HTTP client logged in to Label Studio as ``login`` (session cookie and CSRF header set)."""
    with httpx.Client(base_url=url.rstrip("/"), timeout=timeout, follow_redirects=False) as client:
        response = _form_post(client, "/user/login/", {"email": login.email, "password": login.password})
        if response.status_code != 302:
            raise StudioError(
                f"Label Studio at {url} refused the login for {login.email}: wrong email or password. "
                "If the account was created with another password, reset it with "
                "`label-studio reset_password --username EMAIL --password NEW` (same data folder)"
            )
        client.headers["X-CSRFToken"] = client.cookies.get("csrftoken") or ""
        client.headers["Referer"] = url.rstrip("/") + "/"
        yield client


def _form_post(client: httpx.Client, path: str, fields: dict[str, str]) -> httpx.Response:
    try:
        client.get(path)
        csrf = client.cookies.get("csrftoken")
        if csrf is None:
            raise StudioError(f"{client.base_url}{path} set no CSRF cookie; is this a Label Studio server?")
        return client.post(path, data={**fields, "csrfmiddlewaretoken": csrf},
                           headers={"Referer": f"{client.base_url}{path}"})
    except httpx.HTTPError as exc:
        raise StudioError(f"cannot reach Label Studio at {client.base_url}: {exc}") from None


def sign_up(url: str, login: StudioLogin) -> None:
    """Create an account through the sign-up form; on Community it joins the server's organization.

    Community has no API to create a user with a password (``POST /api/users/``
    makes a member without one, who cannot log in), so this fills in the form a
    person would. Fails if sign-up is disabled or the email is taken.
    """
    with httpx.Client(base_url=url.rstrip("/"), timeout=30.0, follow_redirects=False) as client:
        response = _form_post(client, "/user/signup/", {"email": login.email, "password": login.password})
        if response.status_code != 302:
            raise StudioError(
                f"Label Studio at {url} refused to sign up {login.email} (HTTP {response.status_code}): "
                "the email may be taken, the password too weak, or sign-up disabled"
            )


def legacy_token(url: str, login: StudioLogin) -> str:
    """The user's legacy API token (``Authorization: Token ...``), read after logging in."""
    with web_session(url, login) as client:
        response = client.get("/api/current-user/token")
        if response.status_code != 200:
            raise StudioError(f"Label Studio at {url} gave no legacy token for {login.email} "
                              f"(HTTP {response.status_code})")
        token: str = response.json()["token"]
        return token


def personal_access_token(url: str, login: StudioLogin) -> str:
    """Create the user's personal access token (a JWT refresh token) after logging in.

    Label Studio allows one live personal access token per user: a second call
    fails with a message to revoke the first in Account & Settings.
    """
    with web_session(url, login) as client:
        response = client.post("/api/token/")
        if response.status_code == 409:
            raise StudioError(
                f"{login.email} already has a personal access token on {url}; Label Studio allows only one. "
                "Use it, or revoke it under Account & Settings > Personal Access Token and create a new one"
            )
        if response.status_code != 201:
            raise StudioError(f"Label Studio at {url} did not create a personal access token for {login.email} "
                              f"(HTTP {response.status_code})")
        token: str = response.json()["token"]
        return token
