"""Label Studio exports back to gold documents, with every problem located.

Reads Label Studio's full JSON export (a list of tasks; the synchronous export
and a snapshot export with full predictions have the same shape) and turns one
annotation per task -- chosen by annotator (``completed_by``), by the ground
truth flag, or one prediction by ``model_version`` -- into a schema
:class:`Document`. The representation is the one in
:mod:`eventgold.annotate.scheme`; :mod:`eventgold.annotate.tasks` writes it.

Reading one task is a list of stages, each in its own module:

1. the export is streamed a task at a time (:mod:`~.jsonstream`);
2. the task's data gives the document fields, and the selection picks one
   annotation or prediction (:mod:`~.selection`);
3. each result item is read and checked: regions, their attributes, relations
   (:mod:`~.results`);
4. regions and relations become objects: coreference, ids, attributes at their
   schema paths, references, arguments and links, defaults and required values,
   the document lists (:data:`~.assemble.STAGES`);
5. the document is validated by the schema (pydantic, then the whole-document
   checks), and each problem is located back on the region or relation it came
   from.

Reading rules, so nothing is dropped or invented:

* span text is taken from the task text, ``text[start:end]``; a stored
  ``value.text`` is only checked, allowing for Label Studio's own rewriting
  (newlines stored as a literal backslash-n, runs of whitespace collapsed);
* the mentions of an object are the regions joined by ``same_as`` relations;
  its attributes may sit on any of its regions but must agree;
* an object keeps the id its regions were written with (``a1-m0`` is a mention
  of ``a1``); objects an annotator created get the next free ``a1``, ``e1``, ...
  id of their kind;
* an empty control means its default (:data:`~.scheme.CONTROLS`): a missing
  canonical name is the text of the object's first mention, a missing
  modality is ``actual``, a missing victim category ``unknown``, a missing
  last day of a time the first day; every other required attribute (actor
  type, location precision, weapon category, casualty outcome, count
  qualifier, first day and precision of a time, an actor link's type) and
  every required reference (the event of a casualty, the entity of an
  argument detail, the two actors of an actor link phrase) is an error when
  missing;
* region scores are read as event confidences only from predictions (an
  annotation copied from a prediction keeps the model's scores, which are not
  gold); drafts (unsubmitted work) are not read;
* what the schema cannot hold is rejected, not dropped: a region note
  (``meta.text``), a task data key other than the document fields. The span
  of an argument detail region is the one thing not kept: the schema has no
  place for it (the writer puts it on the entity's first mention).

Every problem names the export file, the task, the annotation, the region or
relation and the character offsets, and says what to do. With
``on_error="skip"`` a task with problems is left out and counted instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from eventgold.schema import DataError, Document, Problem, check_document, write_documents
from eventgold.schema.strict_json import free_form_problems

from .assemble import STAGES, Origins, origins
from .jsonstream import BadTask, iter_export
from .located import Skip, Where
from .results import Reading, read_result
from .scheme import DATA_FIELDS, DATA_ID, DATA_KEYS, DATA_TEXT
from .selection import Selection, select_result, task_label
from .summary import OnError, Summary, check_on_error

__all__ = ["Selection", "convert_from_ls", "from_task", "iter_documents", "iter_export"]


def from_task(task: Any, *, select: Selection | None = None, file: str | None = None,
              index: int | None = None) -> Document:
    """One exported task as a gold document (or a prediction document with ``select.prediction``).

    Raises :class:`DataError` listing every located problem of the task.
    """
    try:
        return _from_task(task, select or Selection(), file, index)[0]
    except Skip as exc:
        raise DataError(exc.problems) from None


#: The note for an annotation whose result list is empty: it is written, as a document without annotations.
EMPTY_RESULT = "annotations with an empty result, written as documents without annotations"


def _from_task(task: Any, select: Selection, file: str | None, index: int | None) -> tuple[Document, list[Problem]]:
    """The document of one task, and notes on what it was made from (an empty result)."""
    where = Where(file, task_label(task, index))
    if isinstance(task, BadTask):
        raise Skip("invalid JSON", task.problems)
    if not isinstance(task, dict):
        raise Skip("task is not an object", [where.problem("task is not a JSON object",
                                                           "Export the project in Label Studio's JSON format")])
    data = task.get("data")
    if not isinstance(data, dict):
        raise Skip("task without data", [where.problem(
            "task has no 'data' object", "Export in Label Studio's JSON format (JSON_MIN and CSV lose the regions)")])
    doc_id = data.get(DATA_ID)
    where.doc_id = doc_id if isinstance(doc_id, str) else None
    text = data.get(DATA_TEXT)
    if not isinstance(text, str) or not text:
        raise Skip("task without text", [where.problem(
            f"task has no text (data.{DATA_TEXT})", "Import tasks made by 'eventgold annotate to-ls'")])
    extra = sorted(str(k) for k in data if k not in DATA_KEYS)
    if extra:
        raise Skip("task data the document cannot hold", [where.problem(
            f"task data has key(s) {', '.join(map(repr, extra))}, which a document does not hold",
            "Move them into data.metadata, or import tasks made by 'eventgold annotate to-ls'")])
    fields: dict[str, Any] = {}
    for field_name, key in DATA_FIELDS.items():
        if key in data and field_name != "id":
            fields[field_name] = data[key]
    result, profile = select_result(task, select, where)
    reading = Reading(text, where, profile)
    read_result(reading, result)
    for stage in STAGES:
        stage(reading)
    raw = {"id": doc_id, **fields, "text": text, **reading.body}
    deep = free_form_problems(raw)
    if deep:
        raise Skip("invalid document", [where.problem(f"data.{p.path}: {p.message}", p.hint) for p in deep])
    try:
        doc = Document.model_validate(raw)
    except ValidationError as exc:
        found = origins(reading)
        raise Skip("invalid document", [_locate_pydantic(err, where, found) for err in exc.errors(
            include_url=False)]) from None
    problems = check_document(doc, profile)
    if problems:
        found = origins(reading)
        raise Skip("invalid document", [_relocate(p, where, found) for p in problems])
    notes = []
    if result == []:
        notes.append(where.problem("the result is empty: nothing was annotated in this task",
                                   "If the report has nothing to annotate this is right; otherwise annotate it"))
    return doc, notes


_DATA_FIELDS = {name: f"data.{key}" for name, key in DATA_FIELDS.items()}


def _origin(path: str, found: Origins) -> tuple[str, tuple[int, int] | None, str]:
    """(where in Label Studio, its offsets, rest of the JSON path) for a document JSON path: its longest known prefix."""
    cut = len(path)
    while cut > 0:
        head = path[:cut]
        if head in found:
            at, span = found[head]
            return at, span, path[cut:].lstrip(".")
        cut = max(path.rfind(".", 0, cut), path.rfind("[", 0, cut))
    return "", None, path


def _locate_pydantic(err: Any, where: Where, found: Origins) -> Problem:
    from eventgold.schema.validate import json_path

    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
    msg = err["msg"].removeprefix("Value error, ")
    if loc and loc[0] in _DATA_FIELDS:
        return where.problem(f"{_DATA_FIELDS[str(loc[0])]}: {msg}",
                             "Fix the task data (eventgold annotate to-ls writes every document field)")
    at, span, rest = _origin(json_path(loc), found)
    return where.problem(f"{rest}: {msg}" if rest else msg, "Fix the attribute in Label Studio", at, span=span)


def _relocate(p: Problem, where: Where, found: Origins) -> Problem:
    at, span, rest = _origin(p.path or "", found)
    return where.problem(f"{rest}: {p.message}" if rest else p.message, p.hint, at, span=span or p.span)


def iter_documents(tasks: Iterable[Any], *, select: Selection | None = None, file: str | None = None,
                   on_error: OnError = "raise", summary: Summary | None = None) -> Iterator[Document]:
    """Documents from exported tasks, in task order.

    With ``on_error="raise"`` every task is still read, and one
    :class:`DataError` listing all problems is raised at the end (so a writer
    of the output never commits it); with ``"skip"`` tasks with problems are
    left out and counted in ``summary``. Document ids must be unique.
    """
    mode = on_error
    sel = select or Selection()
    summary = summary if summary is not None else Summary()
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for index, task in enumerate(tasks):
        try:
            doc, notes = _from_task(task, sel, file, index)
            label = task_label(task, index)
            if doc.id in seen:
                raise Skip("duplicate document id", [Problem(
                    f"document id {doc.id!r} is also the id of {seen[doc.id]}", "Give every task its own data.doc_id",
                    file=file, doc_id=doc.id, path=label)])
            seen[doc.id] = label
        except Skip as exc:
            if mode == "skip":
                summary.skip(exc.reason, exc.problems[0])
            else:
                problems.extend(exc.problems)
            continue
        for note in notes:
            summary.note(EMPTY_RESULT, note)
        summary.written += 1
        yield doc
    if problems:
        raise DataError(problems)


def convert_from_ls(export: str | Path, output: str | Path, *, annotator: str | int | None = None,
                    ground_truth: bool = False, prediction: str | None = None, on_error: str = "raise") -> Summary:
    """``eventgold annotate from-ls``: a Label Studio JSON export to a JSONL file, written atomically.

    The documents are gold, or, with ``prediction`` (a model version), predictions under the prediction profile
    (with the model's region scores as event confidences, which gold may not carry).
    """
    mode = check_on_error(on_error)
    select = Selection(annotator=None if annotator is None else str(annotator), ground_truth=ground_truth,
                       prediction=prediction)
    summary = Summary()
    docs = iter_documents(iter_export(export), select=select, file=str(export), on_error=mode, summary=summary)
    write_documents(output, docs)
    return summary
