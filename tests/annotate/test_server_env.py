"""What happens before a Label Studio server runs: its environment, the token variable, early failures.

No server is started here; these run in every test session.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from eventgold.annotate import server
from eventgold.annotate.server import StudioError, StudioLogin, start_studio, studio_environment, wait_healthy
from eventgold.annotate.sync import TOKEN_HELP, api_key_from_env, connect
from eventgold.schema import UsageError


def test_the_server_environment_is_offline_and_ignores_the_callers_shell() -> None:
    shell = {"PATH": "/usr/bin", "HOST": "my-laptop", "PORT": "9999", "USERNAME": "me", "PASSWORD": "x",
             "LABEL_STUDIO_API_KEY": "secret-token", "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK": "true",
             "HEARTEX_HOST": "h", "DJANGO_DB": "postgresql", "COLLECT_ANALYTICS": "true"}
    env = studio_environment(Path("/data/ls"), StudioLogin("a@example.com", "pw-123456"), token="t0k3n-long",
                             base=shell)
    assert env == {
        "PATH": "/usr/bin",
        "LABEL_STUDIO_BASE_DATA_DIR": "/data/ls",
        "DJANGO_DB": "sqlite",
        "LATEST_VERSION_CHECK": "false",
        "SENTRY_DSN": "",
        "FRONTEND_SENTRY_DSN": "",
        "COLLECT_ANALYTICS": "false",
        "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN": "true",
        "PYTHONUNBUFFERED": "1",
        "LABEL_STUDIO_USERNAME": "a@example.com",
        "LABEL_STUDIO_PASSWORD": "pw-123456",
        "LABEL_STUDIO_USER_TOKEN": "t0k3n-long",
    }


def test_a_short_user_token_is_refused() -> None:
    with pytest.raises(UsageError, match=r"^the Label Studio user token must be longer than 5 characters$"):
        studio_environment(Path("/data/ls"), None, token="abc", base={})


def test_the_api_key_comes_from_the_environment_trimmed() -> None:
    assert api_key_from_env({"LABEL_STUDIO_API_KEY": "  abc123\n"}) == "abc123"
    for environ in ({}, {"LABEL_STUDIO_API_KEY": "   "}):
        with pytest.raises(UsageError) as err:
            api_key_from_env(environ)
        assert str(err.value) == f"LABEL_STUDIO_API_KEY is not set, so eventgold cannot log in to Label Studio. {TOKEN_HELP}"


def test_a_url_without_scheme_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match=r"^--url must start with http:// or https://, got 'localhost:8080'$"):
        connect("localhost:8080", api_key="x" * 40)


def test_a_busy_port_is_reported_before_anything_starts(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(UsageError) as err:
            start_studio(tmp_path / "data", port=port)
    assert str(err.value) == f"port {port} on 127.0.0.1 is already in use. Choose another one with --port"
    assert not (tmp_path / "data").exists()


def test_without_the_studio_extra_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch,
                                                                 tmp_path: Path) -> None:
    monkeypatch.setattr(server, "studio_installed", lambda: False)
    with pytest.raises(UsageError) as err:
        start_studio(tmp_path / "data", port=server.free_port())
    assert str(err.value) == "Label Studio is not installed. Install the studio extra: pip install 'eventgold[studio]'"


def test_a_server_that_dies_while_starting_shows_its_last_output(tmp_path: Path) -> None:
    log = tmp_path / "server.log"
    with open(log, "wb") as out:
        process = subprocess.Popen([sys.executable, "-c", "print('no such table: django_migrations'); exit(3)"],
                                   stdout=out, stderr=subprocess.STDOUT)
    with pytest.raises(StudioError) as err:
        wait_healthy(f"http://127.0.0.1:{server.free_port()}", timeout=30, process=process, log_path=log)
    assert str(err.value) == (f"Label Studio exited with code 3 before it was ready. Its output is in {log}:\n"
                              "no such table: django_migrations")


def test_a_server_that_never_answers_times_out_with_its_output(tmp_path: Path) -> None:
    log = tmp_path / "server.log"
    log.write_text("Performing system checks...\n", encoding="utf-8")
    with pytest.raises(StudioError) as err:
        wait_healthy(f"http://127.0.0.1:{server.free_port()}", timeout=0.2, log_path=log, interval=0.05)
    assert str(err.value).endswith(f"was not healthy after 0 s. Its output is in {log}:\nPerforming system checks...")
