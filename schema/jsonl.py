"""JSON Lines storage: one document per line, read lazily, written atomically.

Writing is deterministic: keys in model field order, ``None`` fields left out,
UTF-8 without ASCII escapes, ``\\n`` line ends. ``parse(dump(doc)) == doc``.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from . import strict_json
from .errors import MAX_SHOWN, DataError, Problem, UsageError
from .model import Document
from .validate import parse_document, version_problem
from .vocab import Profile


def dump_document(doc: Document) -> str:
    """One document as one JSON line (without the newline).

    What is written can be read back: NaN and infinities (possible in a document built in Python) and integers
    beyond :data:`~eventgold.schema.strict_json.MAX_INTEGER` raise :class:`DataError` instead of being written.
    """
    try:
        line = json.dumps(doc.model_dump(mode="json", exclude_none=True), ensure_ascii=False, separators=(",", ":"),
                          allow_nan=False)
    except ValueError:
        raise DataError(Problem("NaN or an infinite number in the document: it is not JSON",
                                "Use null for a missing value", doc_id=doc.id)) from None
    if _LONG_NUMBER.search(line):  # only then can an integer be out of range: parse to find it
        try:
            strict_json.loads(line)
        except DataError as exc:
            raise exc.located(doc_id=doc.id) from None
    return line


_LONG_NUMBER = re.compile(r"\d{16}")


def load_document(line: str, profile: Profile | str = Profile.GOLD) -> Document:
    """Parse and check one JSON line, strictly (see :mod:`eventgold.schema.strict_json`)."""
    return parse_document(strict_json.loads(line), profile, json_text=line)


@dataclass(frozen=True, slots=True)
class JsonLine:
    """One non-blank line of a JSONL file: its number, its text, and the JSON value parsed from it strictly."""

    number: int
    text: str
    value: Any


def iter_lines(path: str | Path) -> Iterator[tuple[int, int, bytes]]:
    """``(line number, byte offset, bytes)`` of every line of a file ('-': stdin), line end included.

    Lines end at ``\\n`` only (JSON Lines); a ``\\r`` inside a line is JSON whitespace.
    """
    name = str(path)
    if name == "-" and not hasattr(sys.stdin, "buffer"):  # a text stream put in place of stdin (tests, embedding)
        stream: Iterable[bytes] = (line.encode("utf-8", "surrogateescape") for line in sys.stdin)
    else:
        stream = _open_binary(path)
    try:
        offset = 0
        for lineno, raw in enumerate(stream, start=1):
            yield lineno, offset, raw
            offset += len(raw)
    finally:
        if name != "-" and isinstance(stream, io.IOBase):
            stream.close()


def decode_line(raw: bytes, *, file: str, line: int, offset: int) -> str:
    """The text of one line, without its line end; non-UTF-8 bytes are a :class:`DataError` located to the byte."""
    try:
        return raw.decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError as exc:
        raise DataError(Problem(
            f"not UTF-8 text: {exc.reason} at byte {exc.start + 1} of the line (byte offset {offset + exc.start} "
            "in the file)", "Save the file as UTF-8", file=file, line=line)) from None


def parse_line(raw: bytes, *, file: str, line: int, offset: int) -> JsonLine:
    """One line decoded and parsed strictly; every problem is a :class:`DataError` located by file and line."""
    text = decode_line(raw, file=file, line=line, offset=offset)
    try:
        value = strict_json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(Problem(
            f"invalid JSON: {exc.msg} at column {exc.colno}",
            "Each line must be one complete JSON object (JSON Lines)", file=file, line=line)) from None
    except DataError as exc:
        doc_id = _raw_id(text)
        raise exc.located(file=file, line=line, doc_id=doc_id) from None
    return JsonLine(line, text, value)


def _raw_id(text: str) -> str | None:
    """The document id of a line that failed strict parsing, when plain parsing can still read it."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    doc_id = value.get("id") if isinstance(value, dict) else None
    return doc_id if isinstance(doc_id, str) and len(doc_id) <= 200 else None


def _json_lines(path: str | Path) -> Iterator[JsonLine | list[Problem]]:
    """Every non-blank line parsed, or the problems of a line that could not be; reading goes on after a bad line."""
    name = str(path)
    for lineno, offset, raw in iter_lines(path):
        if not raw.strip():
            continue
        try:
            yield parse_line(raw, file=name, line=lineno, offset=offset)
        except DataError as exc:
            yield exc.problems


def iter_json_lines(path: str | Path) -> Iterator[tuple[int, Any]]:
    """Yield ``(line_number, parsed_json)`` for each non-blank line; bad JSON raises a located error.

    Parsing is strict (:mod:`eventgold.schema.strict_json`): repeated keys,
    NaN and out-of-range numbers, lone surrogates and runaway nesting are errors.
    """
    for item in _json_lines(path):
        if isinstance(item, list):
            raise DataError(item)
        yield item.number, item.value


def iter_json_text(path: str | Path) -> Iterator[JsonLine]:
    """Like :func:`iter_json_lines`, with each line's text (for :func:`parse_document`'s ``json_text``)."""
    for item in _json_lines(path):
        if isinstance(item, list):
            raise DataError(item)
        yield item


def _open_binary(path: str | Path) -> IO[bytes]:
    if str(path) == "-":
        return sys.stdin.buffer
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file. Check the path") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a folder, expected a .jsonl file") from None
    except PermissionError:
        raise UsageError(f"{path}: permission denied. Check the file's permissions") from None


def read_documents(
    path: str | Path, profile: Profile | str = Profile.GOLD, *, collect: bool = False
) -> Iterator[Document]:
    """Stream documents from a JSONL file, checking each under ``profile``.

    The first invalid line raises :class:`DataError` located by file and line.
    With ``collect=True`` every line is checked first and all problems are raised
    together, before any document is yielded (the documents are held meanwhile;
    :func:`validate_files` checks without holding them).
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


def validate_files(paths: Iterable[str | Path], profile: Profile | str = Profile.GOLD, *,
                   keep: int = MAX_SHOWN) -> int:
    """Check every document of every file under ``profile``, streaming; return how many there are.

    Memory does not grow with the files: documents are dropped once checked,
    and only the first ``keep`` problems are kept (the rest are counted). A file
    without any document is a problem too. Raises :class:`DataError` when
    anything is wrong.
    """
    problems: list[Problem] = []
    omitted = 0
    total = 0
    for path in paths:
        found = 0
        for doc_or_problems in _parse_lines(path, profile):
            if isinstance(doc_or_problems, Document):
                found += 1
                continue
            room = max(keep - len(problems), 0)
            problems.extend(doc_or_problems[:room])
            omitted += len(doc_or_problems[room:])
        if not found and not any(p.file == str(path) for p in problems):
            problems.append(Problem("empty: no documents", "A JSONL file holds one document per line; "
                                    "check that this is the file you meant", file=str(path)))
        total += found
    if problems:
        raise DataError(problems, omitted=omitted)
    return total


def _parse_lines(path: str | Path, profile: Profile | str) -> Iterator[Document | list[Problem]]:
    name = str(path)
    seen: dict[str, int] = {}
    for item in _json_lines(path):
        if isinstance(item, list):
            yield item
            continue
        lineno, raw = item.number, item.value
        stale = version_problem(raw, profile)
        if stale is not None:
            doc_id = raw.get("id") if isinstance(raw.get("id"), str) else None
            yield [stale.located(file=name, line=lineno, doc_id=doc_id)]
            continue
        try:
            doc = parse_document(raw, profile, json_text=item.text)
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
    """Open a temporary file beside ``path`` and move it into place only when the block succeeds.

    Missing parent folders are created. A target that cannot be written (a
    folder, under a file, no permission) is a :class:`UsageError` raised before
    anything is written; text that is not Unicode (a lone surrogate) is a
    :class:`DataError`, and the target is left as it was.
    """
    if str(path) == "-":
        yield sys.stdout
        return
    target = Path(path)
    fd, tmp = _temporary_beside(target)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            try:
                yield out
            except UnicodeEncodeError as exc:
                raise DataError(Problem(
                    f"cannot write text with a lone surrogate (\\u{ord(exc.object[exc.start]):04x}): it is not "
                    "Unicode", "Remove the character from the input (eventgold validate finds it)",
                    file=str(path))) from None
            out.flush()
            os.fsync(out.fileno())
        try:
            os.replace(tmp, target)
        except OSError as exc:
            raise _unwritable(target, exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _temporary_beside(target: Path) -> tuple[int, str]:
    """A new temporary file in ``target``'s folder (created if missing), with the mode a plain open() would give."""
    if target.is_dir():
        raise UsageError(f"{target}: is a folder. Give a file name, e.g. {target / 'out.jsonl'}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise _unwritable(target, exc) from None
    os.chmod(tmp, _default_mode(target))  # mkstemp makes 0600; give the file the mode a plain open() would
    return fd, tmp


def _unwritable(target: Path, exc: OSError) -> UsageError:
    reason = {
        IsADirectoryError: "it is a folder",
        NotADirectoryError: "a part of the path is a file, not a folder",
        FileExistsError: "a part of the path is a file or a broken link, not a folder",
        FileNotFoundError: "a folder on the path is missing and could not be made",
        PermissionError: "permission denied",
    }.get(type(exc), exc.strerror or str(exc))
    return UsageError(f"{target}: cannot write here ({reason}). Choose another output path")


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
            try:
                line = dump_document(doc)
            except DataError as exc:
                raise exc.located(file=str(path)) from None
            try:
                out.write(line)
            except UnicodeEncodeError as exc:
                raise DataError(Problem(
                    f"lone surrogate \\u{ord(exc.object[exc.start]):04x} in the document: it is not Unicode, so it "
                    "cannot be written as UTF-8", "Remove it (eventgold validate locates it)",
                    file=str(path), doc_id=doc.id)) from None
            out.write("\n")
            n += 1
    return n
