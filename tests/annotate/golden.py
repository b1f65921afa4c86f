"""Golden files of the annotate tests: compared byte for byte; rewritten with EVENTGOLD_REGEN_GOLDEN=1."""

from __future__ import annotations

import os
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def check_golden(name: str, actual: str) -> None:
    """Assert that ``actual`` equals the golden file ``data/<name>`` (or rewrite it when asked to)."""
    path = DATA / name
    if os.environ.get("EVENTGOLD_REGEN_GOLDEN") == "1":
        path.write_bytes(actual.encode("utf-8"))
    expected = path.read_bytes().decode("utf-8")
    assert actual == expected, f"{name} changed; if on purpose, rerun with EVENTGOLD_REGEN_GOLDEN=1 and review the diff"
