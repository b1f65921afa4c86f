"""Conversion of older files to the current schema version.

Schema 2.0 only adds to 1.x: every 1.x field keeps its name and meaning, so a 1.x
document becomes a 2.0 document by gaining ``schema_version`` and nothing is lost.
The one rule 2.0 adds to the stored form is that gold mention lists are in text
order (1.x said so but did not check); their order carries no meaning, so migrate
sorts them. What 1.x could
not say (series, spatial relations, attribution certainty, ...) is left for
annotators to add; docs/guidelines.md says how.

>>> migrate_document({"id": "d1", "published": "2024-03-02", "text": "Shelling hit Kharkiv."})["schema_version"]
'2.0'
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import DataError, Problem
from .jsonl import iter_json_lines
from .vocab import SCHEMA_VERSION

#: Versions :func:`migrate_document` converts from (a missing version means 1.x).
MIGRATES_FROM = (None, "1.0", "1.1")


def migrate_document(raw: dict[str, Any]) -> dict[str, Any]:
    """Return the 2.0 form of a 1.x document (a new dict; ``schema_version`` first). 2.0 documents pass unchanged."""
    version = raw.get("schema_version")
    if version == SCHEMA_VERSION:
        return raw
    if version not in MIGRATES_FROM:
        raise ValueError(f"schema_version {version!r} is not one migrate converts (it converts 1.x to {SCHEMA_VERSION})")
    out = {"schema_version": SCHEMA_VERSION, **{k: v for k, v in raw.items() if k != "schema_version"}}
    for field in ("actors", "locations", "times", "weapons", "casualties", "events"):
        key = "triggers" if field == "events" else "mentions"
        for obj in out.get(field) or []:
            if isinstance(obj, dict) and isinstance(obj.get(key), list):
                obj[key] = _in_text_order(obj[key])
    return out


def _in_text_order(mentions: list[Any]) -> list[Any]:
    """Mentions sorted by offsets when every one has them (span-free prediction lists keep their order)."""
    spans = [(m.get("start"), m.get("end")) if isinstance(m, dict) else (None, None) for m in mentions]
    if any(not isinstance(a, int) or not isinstance(b, int) for a, b in spans):
        return mentions
    return [m for _, m in sorted(zip(spans, mentions, strict=True), key=lambda pair: pair[0])]


def migrate_lines(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Stream ``(line number, 2.0 document)`` from a JSONL file; a line that is not an object is an error."""
    for lineno, raw in iter_json_lines(path):
        if not isinstance(raw, dict):
            raise DataError(Problem("a line is not a JSON object", "Each line must be one document object",
                                    file=str(path), line=lineno))
        try:
            yield lineno, migrate_document(raw)
        except ValueError as exc:
            doc_id = raw.get("id") if isinstance(raw.get("id"), str) else None
            raise DataError(Problem(str(exc), "Check the file's schema_version", file=str(path), line=lineno,
                                    doc_id=doc_id, path="schema_version")) from None
