"""Reading reports to annotate: a folder of ``.txt`` files, one ``.txt``, a CSV file, or a JSONL file of reports or gold.

Each record becomes a :class:`Source`: a schema :class:`Document` (with no
annotations for a plain report) and whether it is gold, i.e. whether its
annotations should travel to Label Studio as an annotation.

* **Folder**: every ``*.txt`` is one report; its id is the file name without
  ``.txt`` and its text the exact file content (line ends kept). Document
  fields come from a sidecar beside it (``NAME.json``, ``NAME.yaml``,
  ``NAME.yml``, or the same with ``.meta`` before the suffix): ``id``,
  ``published`` (or ``date``), ``source``, ``language``, ``synthetic``,
  ``metadata``; any other key goes into ``metadata``. A single ``.txt`` file
  is read the same way, as a folder holding only that report.
* **CSV** (header row required): columns ``id``, ``text``, ``published`` or
  ``date``, and optionally ``source``, ``language``, ``synthetic``; any other
  column goes into ``metadata`` as text.
* **JSONL**: one object per line. A line with any annotation field
  (``actors``, ``events``, ``dateline``, ...) is a gold document, checked
  under the gold profile (it must say its ``schema_version``; ``eventgold
  migrate`` converts 1.x files); any other line is a report with the same
  keys as a sidecar plus ``text``.

A report without a date takes ``published`` from the caller (``--published``);
without either it is an error, as the publication date anchors relative dates.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventgold.schema import DataError, Document, Problem, Profile, UsageError, iter_json_text, parse_document
from eventgold.schema.validate import version_problem

#: Fields of a document that are not annotations.
REPORT_FIELDS = ("schema_version", "id", "published", "source", "language", "synthetic", "metadata", "text")
#: A JSONL record with any of these keys is a gold document.
ANNOTATION_FIELDS = ("dateline", "actors", "actor_links", "locations", "times", "weapons", "events", "casualties",
                     "links")
SIDECAR_SUFFIXES = (".json", ".yaml", ".yml", ".meta.json", ".meta.yaml", ".meta.yml")


@dataclass(frozen=True)
class Source:
    """One input record: the document, whether it is gold, and where it came from (``file`` or ``file:line``)."""

    doc: Document
    gold: bool
    where: str


def read_sources(path: str | Path, *, published: dt.date | None = None) -> Iterator[Source]:
    """Stream the records of a folder of ``.txt`` files, one ``.txt``, a ``.csv`` or a ``.jsonl`` file.

    Raises :class:`DataError` (located by file and line) for a bad record and
    :class:`UsageError` for a path that is none of these. Document ids must be
    unique across the input.
    """
    p = Path(path)
    if p.is_dir():
        records = _read_folder(p, published)
    elif p.suffix.lower() == ".txt" and p.is_file():
        records = _read_reports([p], published)
    elif p.suffix.lower() == ".csv":
        records = _read_csv(p, published)
    elif p.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        records = _read_jsonl(p, published)
    elif not p.exists():
        raise UsageError(f"{p}: no such file or folder. Check the path")
    else:
        raise UsageError(f"{p}: unknown input; give a folder of .txt files, a .txt, a .csv or a .jsonl file")
    seen: dict[str, str] = {}
    for source in records:
        if source.doc.id in seen:
            raise DataError(Problem(f"duplicate document id (first in {seen[source.doc.id]})",
                                    "Give every report its own id", file=source.where, doc_id=source.doc.id))
        seen[source.doc.id] = source.where
        yield source


def _plain(value: Any) -> Any:
    """YAML values as JSON values (dates become ISO strings)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _report(fields: dict[str, Any], text: str, published: dt.date | None, *, file: str,
            line: int | None = None) -> Document:
    """Build a report document from loose fields: ``date`` is ``published``, unknown keys go to ``metadata``."""
    raw: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in fields.items():
        if key == "date" and "published" not in fields:
            raw["published"] = value
        elif key in REPORT_FIELDS:
            raw[key] = value
        else:
            extra[key] = value
    raw["text"] = text
    if extra:
        metadata = raw.get("metadata", {})
        if not isinstance(metadata, dict):
            raise DataError(Problem("metadata must be an object", "Write metadata as key: value pairs",
                                    file=file, line=line, doc_id=raw.get("id") if isinstance(raw.get("id"), str) else None))
        raw["metadata"] = {**_plain(extra), **metadata}
    if raw.get("published") in (None, ""):
        if published is None:
            raise DataError(Problem(
                "no publication date", "Add 'published: YYYY-MM-DD' to the record (or its sidecar) or pass --published",
                file=file, line=line, doc_id=raw.get("id") if isinstance(raw.get("id"), str) else None))
        raw["published"] = published.isoformat()
    raw = _plain(raw)
    try:
        return parse_document(raw)
    except DataError as exc:
        raise exc.located(file=file, line=line) from None


def _read_folder(folder: Path, published: dt.date | None) -> Iterator[Source]:
    files = sorted(folder.glob("*.txt"))
    if not files:
        raise UsageError(f"{folder}: no .txt files in this folder")
    return _read_reports(files, published)


def _read_reports(files: list[Path], published: dt.date | None) -> Iterator[Source]:
    """``.txt`` reports, each with its sidecar when it has one."""
    for txt in files:
        folder = txt.parent
        stem = txt.name[: -len(".txt")]
        sidecars = [folder / f"{stem}{suffix}" for suffix in SIDECAR_SUFFIXES if (folder / f"{stem}{suffix}").is_file()]
        if len(sidecars) > 1:
            raise DataError(Problem(f"several sidecars: {', '.join(s.name for s in sidecars)}",
                                    "Keep one sidecar per report", file=str(txt)))
        fields: dict[str, Any] = {"id": stem}
        if sidecars:
            fields.update(_read_sidecar(sidecars[0]))
        with open(txt, encoding="utf-8", newline="") as f:
            try:
                text = f.read()
            except UnicodeDecodeError as exc:
                raise DataError(Problem(f"not UTF-8 text ({exc.reason} at byte {exc.start})", "Save the file as UTF-8",
                                        file=str(txt))) from None
        yield Source(_report(fields, text, published, file=str(sidecars[0] if sidecars else txt)), False, str(txt))


def _read_sidecar(path: Path) -> dict[str, Any]:
    content = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        try:
            data = json.loads(content)
        except json.JSONDecodeError as exc:
            raise DataError(Problem(f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
                                    "Write the sidecar as one JSON object", file=str(path))) from None
    else:
        try:
            import yaml
        except ImportError:
            raise UsageError(f"{path}: reading YAML sidecars needs pyyaml (pip install pyyaml)") from None
        try:
            data = yaml.safe_load(content)
        except yaml.YAMLError as exc:
            raise DataError(Problem(f"invalid YAML: {str(exc).splitlines()[0]}",
                                    "Write the sidecar as a YAML mapping (key: value lines)", file=str(path))) from None
    if not isinstance(data, dict):
        raise DataError(Problem("sidecar is not a mapping", "Write key: value pairs (id, published, source, ...)",
                                file=str(path)))
    return {str(k): v for k, v in data.items()}


_TRUE = {"true", "1", "yes", "y"}
_FALSE = {"false", "0", "no", "n", ""}


def _read_csv(path: Path, published: dt.date | None) -> Iterator[Source]:
    name = str(path)
    try:
        f = open(path, encoding="utf-8", newline="")
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file. Check the path") from None
    with f:
        reader = csv.DictReader(f)
        columns = reader.fieldnames or []
        missing = [c for c in ("id", "text") if c not in columns]
        if missing:
            raise DataError(Problem(f"missing column(s) {', '.join(missing)} (found: {', '.join(columns) or 'none'})",
                                    "The header row needs id and text, and published or date", file=name, line=1))
        line = 1
        for row in reader:
            where_line = line + 1
            line = reader.line_num
            if None in row:
                raise DataError(Problem("more cells than header columns", "Quote cells that contain commas",
                                        file=name, line=where_line))
            fields: dict[str, Any] = {k: v for k, v in row.items() if k != "text"}
            flag = fields.get("synthetic")
            if isinstance(flag, str):
                if flag.strip().lower() not in _TRUE | _FALSE:
                    raise DataError(Problem(f"synthetic is {flag!r}", "Write true or false", file=name,
                                            line=where_line, doc_id=row.get("id")))
                fields["synthetic"] = flag.strip().lower() in _TRUE
            for key in ("source", "language"):
                if fields.get(key) == "":
                    del fields[key]
            yield Source(_report(fields, row["text"] or "", published, file=name, line=where_line), False,
                         f"{name}:{where_line}")


def _read_jsonl(path: Path, published: dt.date | None) -> Iterator[Source]:
    name = str(path)
    for record in iter_json_text(path):
        lineno, raw = record.number, record.value
        if not isinstance(raw, dict):
            raise DataError(Problem("line is not a JSON object", "Write one object per line", file=name, line=lineno))
        if any(k in raw for k in ANNOTATION_FIELDS):
            old = version_problem(raw, Profile.GOLD)
            if old is not None:
                raise DataError(old.located(file=name, line=lineno,
                                            doc_id=raw.get("id") if isinstance(raw.get("id"), str) else None))
            try:
                doc = parse_document(raw, json_text=record.text)
            except DataError as exc:
                raise exc.located(file=name, line=lineno) from None
            yield Source(doc, True, f"{name}:{lineno}")
            continue
        text = raw.get("text")
        if not isinstance(text, str):
            raise DataError(Problem("record has no text", "Add the report text as \"text\"", file=name, line=lineno,
                                    doc_id=raw.get("id") if isinstance(raw.get("id"), str) else None))
        fields = {k: v for k, v in raw.items() if k != "text"}
        yield Source(_report(fields, text, published, file=name, line=lineno), False, f"{name}:{lineno}")
