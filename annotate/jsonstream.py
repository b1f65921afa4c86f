"""Streaming the tasks of a Label Studio JSON export: one task at a time from a sliding buffer, never the whole file.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "export.json"
>>> _ = path.write_text('[{"id": 1}, {"id": 2}]', encoding="utf-8")
>>> [task["id"] for task in iter_export(path)]
[1, 2]
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventgold.schema import DataError, Problem, UsageError

_CHUNK = 1 << 22  # characters read at a time while streaming an export


def iter_export(path: str | Path) -> Iterator[Any]:
    """Stream the tasks of a Label Studio JSON export (a JSON array) without loading the whole file.

    Tasks are decoded one at a time with the standard library's C decoder from
    a sliding buffer, which measured faster than ijson's yajl backend (about
    3x on 35 kB tasks) and needs no extra package.
    """
    name = str(path)
    try:
        f = open(path, encoding="utf-8-sig")
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file. Check the path") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a folder, expected a Label Studio JSON export") from None
    with f:
        try:
            yield from _stream_array(f, name)
        except UnicodeDecodeError as exc:
            raise DataError(Problem(f"not UTF-8 text ({exc.reason})", "Export the project again", file=name)) from None


def _stream_array(f: Any, name: str) -> Iterator[Any]:
    decoder = json.JSONDecoder()
    buf = f.read(_CHUNK)
    pos = 0
    lines = 0  # newlines in the text already dropped from the buffer
    eof = len(buf) < _CHUNK
    index = 0

    def bad(message: str, at: int) -> DataError:
        line = lines + buf.count("\n", 0, at) + 1
        return DataError(Problem(message, "Export the project again in Label Studio's JSON format; the file is cut "
                                 "or damaged", file=name, line=line))

    def more() -> bool:
        nonlocal buf, pos, lines, eof
        if eof:
            return False
        lines += buf.count("\n", 0, pos)
        chunk = f.read(max(_CHUNK, len(buf)))
        eof = len(chunk) == 0
        buf = buf[pos:] + chunk
        pos = 0
        return not eof

    while True:
        while pos < len(buf) and buf[pos].isspace():
            pos += 1
        if pos < len(buf) or not more():
            break
    if pos >= len(buf) or buf[pos] != "[":
        what = "an object" if buf[pos:pos + 1] == "{" else ("empty" if pos >= len(buf) else "not a JSON array")
        raise DataError(Problem(f"the export is {what}; expected a JSON array of tasks",
                                "Export the project in Label Studio's JSON format (not JSON_MIN, CSV or CONLL)",
                                file=name))
    pos += 1
    while True:
        while True:  # skip whitespace, reading more when the buffer runs out
            while pos < len(buf) and buf[pos] in " \t\r\n":
                pos += 1
            if pos < len(buf) or not more():
                break
        if pos >= len(buf):
            raise bad("the file ends inside the array of tasks", pos)
        if buf[pos] == "]":
            rest = buf[pos + 1:].strip() or f.read(1).strip()
            if rest:
                raise bad("text after the end of the array", pos + 1)
            return
        if index:
            if buf[pos] != ",":
                raise bad(f"expected ',' between tasks, found {buf[pos]!r}", pos)
            pos += 1
            while True:
                while pos < len(buf) and buf[pos] in " \t\r\n":
                    pos += 1
                if pos < len(buf) or not more():
                    break
        while True:
            try:
                item, end = decoder.raw_decode(buf, pos)
            except json.JSONDecodeError as exc:
                if more():
                    continue
                raise bad(f"invalid JSON: {exc.msg} (in task {index} of the array)", exc.pos) from None
            if end == len(buf) and buf[pos] not in "{[\"" and more():
                continue  # a bare number may go on in the next chunk
            break
        pos = end
        index += 1
        yield item
