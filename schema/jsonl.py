"""JSON Lines storage: one document per line, read lazily, written atomically.

Writing is deterministic: keys in model field order, ``None`` fields left out,
UTF-8 without ASCII escapes, ``\\n`` line ends. ``parse(dump(doc)) == doc``.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from .errors import DataError, Problem, UsageError
from .model import Document
from .validate import parse_document, version_problem
from .vocab import Profile


def dump_document(doc: Document) -> str:
    """One document as one JSON line (without the newline)."""
    return json.dumps(doc.model_dump(mode="json", exclude_none=True), ensure_ascii=False, separators=(",", ":"))


def load_document(line: str, profile: Profile | str = Profile.GOLD) -> Document:
    """Parse and check one JSON line."""
    return parse_document(json.loads(line), profile)


def iter_json_lines(path: str | Path) -> Iterator[tuple[int, Any]]:
    """Yield ``(line_number, parsed_json)`` for each non-blank line; bad JSON raises a located error."""
    name = str(path)
    stream = _open_text(path)
    try:
        for lineno, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                yield lineno, json.loads(line.rstrip("\r\n"))
            except json.JSONDecodeError as exc:
                raise DataError(Problem(
                    f"invalid JSON: {exc.msg} at column {exc.colno}",
                    "Each line must be one complete JSON object (JSON Lines)", file=name, line=lineno)) from None
    except UnicodeDecodeError as exc:
        raise DataError(Problem(f"not UTF-8 text ({exc.reason} at byte {exc.start})",
                                "Save the file as UTF-8", file=name)) from None
    finally:
        if stream is not sys.stdin:
            stream.close()


def _open_text(path: str | Path) -> IO[str]:
    if str(path) == "-":
        return sys.stdin
    try:
        return open(path, encoding="utf-8", newline="")
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file. Check the path") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a folder, expected a .jsonl file") from None


def read_documents(
    path: str | Path, profile: Profile | str = Profile.GOLD, *, collect: bool = False
) -> Iterator[Document]:
    """Stream documents from a JSONL file, checking each under ``profile``.

    The first invalid line raises :class:`DataError` located by file and line.
    With ``collect=True`` every line is checked first and all problems are raised
    together (what ``eventgold validate`` does).
    """
    if collect:
        docs: list[Document] = []
        problems: list[Problem] = []
        for doc_or_problems in _parse_lines(path, profile):
            if isinstance(doc_or_problems, Document):
                docs.append(doc_or_problems)
            else:
                problems.extend(doc_or_problems)
        if problems:
            raise DataError(problems)
        yield from docs
        return
    for doc_or_problems in _parse_lines(path, profile):
        if isinstance(doc_or_problems, Document):
            yield doc_or_problems
        else:
            raise DataError(doc_or_problems)


def _parse_lines(path: str | Path, profile: Profile | str) -> Iterator[Document | list[Problem]]:
    name = str(path)
    seen: dict[str, int] = {}
    for lineno, raw in iter_json_lines(path):
        stale = version_problem(raw, profile)
        if stale is not None:
            doc_id = raw.get("id") if isinstance(raw.get("id"), str) else None
            yield [stale.located(file=name, line=lineno, doc_id=doc_id)]
            continue
        try:
            doc = parse_document(raw, profile)
        except DataError as exc:
            yield exc.located(file=name, line=lineno).problems
            continue
        if doc.id in seen:
            yield [Problem(f"duplicate document id (first on line {seen[doc.id]})",
                           "Give every document its own id", file=name, line=lineno, doc_id=doc.id)]
            continue
        seen[doc.id] = lineno
        yield doc


@contextmanager
def atomic_write(path: str | Path) -> Iterator[IO[str]]:
    """Open a temporary file beside ``path`` and move it into place only when the block succeeds."""
    if str(path) == "-":
        yield sys.stdout
        return
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.chmod(tmp, _default_mode(target))  # mkstemp makes 0600; give the file the mode a plain open() would
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _default_mode(target: Path) -> int:
    if target.exists():
        return target.stat().st_mode & 0o777
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_documents(path: str | Path, docs: Iterable[Document]) -> int:
    """Write documents as JSONL atomically; return how many were written."""
    n = 0
    with atomic_write(path) as out:
        for doc in docs:
            out.write(dump_document(doc))
            out.write("\n")
            n += 1
    return n
