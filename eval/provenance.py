"""Where a report's numbers come from: versions, the gold data and its hash, the date.

Every report records the eventgold version, the schema version, the gold file
(its path relative to the working directory when it is inside it, its SHA-256,
and the corpus name, version and split when a ``manifest.json`` beside it lists
it), the predictions' paths, and when the report was made (UTC; the environment
variable ``SOURCE_DATE_EPOCH`` fixes it, so that reruns give byte-identical
files, as reproducible builds do).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from typing import Any


def display_path(path: str | Path) -> str:
    """``path`` relative to the working directory when it is inside it, else absolute; '-' stays '-'."""
    text = str(path)
    if text == "-" or not text:
        return text
    absolute = Path(text).resolve()
    try:
        return absolute.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return absolute.as_posix()


def sha256_of(path: str | Path) -> str | None:
    """The SHA-256 of a file, or None for stdin or a file that cannot be read."""
    if str(path) in ("-", ""):
        return None
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def corpus_of(path: str | Path) -> dict[str, Any] | None:
    """Name, version and split of the corpus whose ``manifest.json`` (beside ``path``) lists the file, if any."""
    if str(path) in ("-", ""):
        return None
    file = Path(path)
    manifest = file.parent / "manifest.json"
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("splits"), dict):
        return None
    for split, entry in data["splits"].items():
        if isinstance(entry, dict) and entry.get("file") == file.name:
            return {"name": data.get("name"), "version": data.get("version"), "split": split}
    return None


def created() -> str:
    """The report's date and time (UTC, to the second), or ``SOURCE_DATE_EPOCH``'s when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch and epoch.isdigit()
              else dt.datetime.now(dt.UTC))
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def provenance(gold: str | Path, predictions: dict[str, str | Path]) -> dict[str, Any]:
    """The provenance block of a report scoring ``predictions`` (name -> path) against ``gold``."""
    from eventgold import __version__
    from eventgold.schema import SCHEMA_VERSION

    return {
        "eventgold": __version__,
        "schema": SCHEMA_VERSION,
        "created": created(),
        "gold": {"path": display_path(gold), "sha256": sha256_of(gold), "corpus": corpus_of(gold)},
        "predictions": {name: display_path(path) for name, path in predictions.items()},
    }
