"""Extraction systems and how eventgold runs them.

A **system** is any Python callable ``Document -> Document``: it receives a document stripped
of every annotation (id, text, published, source, language and metadata only — see
:func:`strip_document`) and returns a prediction document with the same id, text and published
date, valid under the *prediction* profile (span-free mentions allowed).

Three ways to name one:

- a built-in name: ``baseline`` (the rule-based extractor, built from training documents) or
  ``keywords`` (a bare trigger-keyword matcher, the floor the baseline must beat);
- ``package.module:attr`` or ``path/to/file.py:attr``: ``attr`` is a system, a class or a
  zero-argument factory returning one; a factory or class whose only parameter is named
  ``training`` receives the training documents;
- an external command (:func:`run_command`) that reads documents as JSON Lines on stdin and
  writes one prediction per line on stdout — how an LLM or any tool outside Python plugs in.
  With ``answer_format="llm"`` it writes only an LLM answer per line (``eventgold schema --llm``),
  in input order, and eventgold builds the prediction document (:func:`eventgold.schema.from_llm_answer`).

**The harness completes answers.** A system's answer need not repeat what it was given: a
missing ``published`` or ``text`` is taken from the input (so is a missing ``id`` of a command's
output line: the line answers the input document on the same line number), and a *span-free*
answer (no offsets anywhere) whose text differs from the input (an LLM that paraphrased or cut
the report) gets the input text: nothing in it points into the text. An answer with offsets must
carry the input text unchanged, since its offsets index into it. Every prediction is then checked
under the prediction profile as it arrives; errors name the output line and the document id.

>>> from eventgold.schema import Document
>>> doc = Document.model_validate({"id": "d1", "published": "2024-03-02", "text": "Shelling hit Kharkiv."})
>>> [p.id for p in run_system(lambda d: d.model_copy(), [doc])]
['d1']
"""

from __future__ import annotations

import collections
import importlib
import importlib.util
import inspect
import json
import multiprocessing
import shlex
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from eventgold.schema import DataError, Document, Problem, Profile, UsageError, from_llm_answer, parse_document

from .errors import ParameterError, check_num_proc

System = Callable[[Document], Document]
"""A system: takes an annotation-free document, returns its prediction document."""

TrainingProvider = Callable[[], Iterable[Document]]
"""Gives the training documents a built-in system learns from (the train split, never dev or test)."""

#: Metadata keys that carry answers and are removed before a system sees a document.
ANSWER_METADATA_KEYS = frozenset({"event_types", "events", "annotations", "annotator", "annotators", "notes",
                                  "adjudication", "casualties", "actors"})

_STRIPPED_FIELDS = ("id", "published", "source", "language", "metadata", "text")


def strip_document(doc: Document) -> Document:
    """The document as a system may see it: id, text, published, source, language and metadata.

    Annotations (events, actors, locations, times, weapons, casualties, links) are dropped, and
    so are metadata keys that carry answers (:data:`ANSWER_METADATA_KEYS`, e.g. ``event_types``).

    >>> d = Document.model_validate({"id": "d1", "published": "2024-03-02", "text": "Riot.",
    ...     "metadata": {"region": "Africa", "event_types": ["riot"]}})
    >>> strip_document(d).metadata
    {'region': 'Africa'}
    """
    metadata = {k: v for k, v in doc.metadata.items() if k not in ANSWER_METADATA_KEYS}
    return Document(id=doc.id, published=doc.published, source=doc.source, language=doc.language,
                    metadata=metadata, text=doc.text)


def input_line(doc: Document) -> str:
    """The JSON line an external command receives for ``doc``: only the fields a system may see.

    >>> d = Document.model_validate({"id": "d1", "published": "2024-03-02", "text": "Riot."})
    >>> input_line(d)
    '{"id":"d1","published":"2024-03-02","source":"","language":"en","metadata":{},"text":"Riot."}'
    """
    stripped = strip_document(doc)
    return json.dumps(stripped.model_dump(mode="json", include=set(_STRIPPED_FIELDS)), ensure_ascii=False,
                      separators=(",", ":"))


def _has_offsets(node: Any) -> bool:
    """Whether a JSON document (or any part of it) has a mention with offsets."""
    if isinstance(node, dict):
        return ("start" in node and "text" in node) or any(_has_offsets(v) for v in node.values())
    if isinstance(node, list):
        return any(_has_offsets(v) for v in node)
    return False


def complete_answer(raw: dict[str, Any], source: Document) -> dict[str, Any]:
    """A system's JSON answer with what the harness adds from the input: ``id``, ``published`` and ``text``.

    A missing ``id``, ``published`` or ``text`` is the input's; a span-free answer's differing text is replaced
    by the input's (nothing points into it). An answer with offsets keeps its text, and is then checked against
    the input's.

    >>> source = Document.model_validate({"id": "d1", "published": "2024-03-02", "text": "Riot in Gao."})
    >>> complete_answer({"events": [{"id": "e1", "type": "riot", "triggers": [{"text": "Riot"}]}]}, source)["text"]
    'Riot in Gao.'
    >>> complete_answer({"id": "d1", "text": "Riot.", "events": []}, source)["text"]
    'Riot in Gao.'
    """
    out = dict(raw)
    out.setdefault("id", source.id)
    if out.get("published") in (None, ""):
        out["published"] = source.published.isoformat()
    if out.get("text") in (None, "") or (out.get("text") != source.text and not _has_offsets(out)):
        out["text"] = source.text
    return out


def check_prediction(pred: Any, source: Document, *, origin: str, line: int | None = None) -> Document:
    """Check one system output against the input it answers; return it parsed under the prediction profile.

    ``origin`` names where the output came from (a system name or a command's stdout) for the message.
    A span-free prediction whose text differs from the input's gets the input's (:func:`complete_answer`).
    """
    if not isinstance(pred, Document):
        raise DataError(Problem(
            f"system returned {type(pred).__name__}, expected an eventgold Document",
            "A system is a callable Document -> Document (eventgold.schema.Document)",
            file=origin, line=line, doc_id=source.id))
    try:
        parsed = parse_document(complete_answer(pred.model_dump(mode="json", exclude_none=True), source),
                                Profile.PREDICTION)
    except DataError as exc:
        raise exc.located(file=origin, line=line, doc_id=source.id) from None
    _check_same_document(parsed, source, origin=origin, line=line)
    return parsed


def _check_same_document(pred: Document, source: Document, *, origin: str, line: int | None) -> None:
    if pred.id != source.id:
        raise DataError(Problem(f"prediction has id {pred.id!r} for input document {source.id!r}",
                                "Return the input document's id unchanged", file=origin, line=line, doc_id=source.id))
    if pred.text != source.text:
        raise DataError(Problem("prediction text differs from the input text, and its mentions have offsets",
                                "Copy the input text unchanged (offsets index into it), leave the text out (the "
                                "harness adds it), or give span-free mentions", file=origin, line=line,
                                doc_id=source.id, path="text"))
    if pred.published != source.published:
        raise DataError(Problem(
            f"prediction published {pred.published.isoformat()} differs from the input's "
            f"{source.published.isoformat()}", "Copy the input's published date unchanged",
            file=origin, line=line, doc_id=source.id, path="published"))


# --------------------------------------------------------------------------- resolving systems


@dataclass(frozen=True)
class Builtin:
    """A built-in system: how to build it and whether it learns from training documents."""

    description: str
    factory: Callable[..., System]
    needs_training: bool


def _build_baseline(training: Iterable[Document]) -> System:
    from eventgold.eval.baseline import Baseline

    return Baseline.from_training(training)


def _build_keywords() -> System:
    from eventgold.eval.baseline import KeywordMatcher

    return KeywordMatcher()


BUILTIN_SYSTEMS: dict[str, Builtin] = {
    "baseline": Builtin("rule-based extractor with gazetteers learned from the train split", _build_baseline, True),
    "keywords": Builtin("one event per trigger keyword, nothing else (a floor to compare against)",
                        _build_keywords, False),
}


def resolve_system(spec: str, *, training: TrainingProvider | None = None) -> System:
    """The system named by ``spec``: a built-in name, ``package.module:attr`` or ``file.py:attr``.

    ``training`` supplies training documents to systems that learn (the built-in ``baseline``, or a
    factory with a ``training`` parameter); the caller decides which documents those are, so a
    system can never reach evaluation gold by itself.
    """
    if spec in BUILTIN_SYSTEMS:
        builtin = BUILTIN_SYSTEMS[spec]
        if builtin.needs_training:
            if training is None:
                raise UsageError(f"system {spec!r} learns from training documents and none were given. "
                                 "Pass training= (the CLI passes the bundled train split)")
            return builtin.factory(list(training()))
        return builtin.factory()
    if ":" not in spec:
        names = ", ".join(sorted(BUILTIN_SYSTEMS))
        raise UsageError(f"unknown system {spec!r}. Use a built-in name ({names}), 'package.module:attr' "
                         "or 'path/to/file.py:attr'")
    module_name, _, attr = spec.rpartition(":")
    module = _import(module_name, spec)
    target: Any = module
    for part in attr.split("."):
        if not hasattr(target, part):
            raise ParameterError("system", f"{spec!r}: {module_name!r} has no attribute {attr!r}",
                                 "Check the name after the colon")
        target = getattr(target, part)
    return _instantiate(target, spec, training)


def _import(module_name: str, spec: str) -> Any:
    if module_name.endswith(".py"):
        path = Path(module_name)
        if not path.is_file():
            raise ParameterError("system", f"{spec!r}: {module_name}: no such file", "Check the path")
        mod_spec = importlib.util.spec_from_file_location(f"eventgold_user_system_{path.stem}", path)
        if mod_spec is None or mod_spec.loader is None:
            raise UsageError(f"{module_name}: cannot be imported as a Python module")
        module = importlib.util.module_from_spec(mod_spec)
        sys.modules[mod_spec.name] = module
        mod_spec.loader.exec_module(module)
        return module
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        raise ParameterError("system", f"{spec!r}: cannot import {module_name!r}: {exc}",
                             "Install the package or add its folder to PYTHONPATH") from None


def _instantiate(target: Any, spec: str, training: TrainingProvider | None) -> System:
    if not callable(target):
        raise UsageError(f"{spec!r} is a {type(target).__name__}, not a callable. "
                         "Point to a function Document -> Document, a class or a factory")
    if isinstance(target, type):
        params = _required_params(target, skip_self=False)
        system = _call_factory(target, params, spec, training)
    else:
        params = _required_params(target, skip_self=False)
        if params == ["training"]:
            system = _call_factory(target, params, spec, training)
        elif not params:
            system = target()
        else:
            return target  # type: ignore[no-any-return]
    if not callable(system):
        raise UsageError(f"factory {spec!r} returned {type(system).__name__}, not a callable system")
    return system  # type: ignore[no-any-return]


def _required_params(func: Any, *, skip_self: bool) -> list[str]:
    try:
        sig = inspect.signature(func)
    except (TypeError, ValueError):
        return ["?"]
    names = [p.name for p in sig.parameters.values()
             if p.default is inspect.Parameter.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    if skip_self and names and names[0] == "self":
        names = names[1:]
    return names


def _call_factory(factory: Any, params: list[str], spec: str, training: TrainingProvider | None) -> Any:
    if not params:
        return factory()
    if params == ["training"]:
        if training is None:
            raise UsageError(f"{spec!r} wants training documents and none were given")
        return factory(list(training()))
    raise UsageError(f"{spec!r} needs arguments {params}; give a zero-argument factory, a class without "
                     "required arguments, or one whose only parameter is 'training'")


# --------------------------------------------------------------------------- running a Python system

_WORKER_SYSTEM: dict[str, Any] = {}


def _worker_init(system: System, name: str) -> None:
    _WORKER_SYSTEM["system"] = system
    _WORKER_SYSTEM["name"] = name


def _worker_call(doc: Document) -> Document:
    return _apply(_WORKER_SYSTEM["system"], doc, _WORKER_SYSTEM["name"])


def _apply(system: System, doc: Document, name: str) -> Document:
    stripped = strip_document(doc)
    try:
        pred = system(stripped)
    except DataError as exc:
        raise exc.located(file=name, doc_id=doc.id) from None
    except Exception as exc:  # a user system's own bug: report which document triggered it
        raise DataError(Problem(f"system failed: {type(exc).__name__}: {exc}",
                                "Fix the system (run it on this document alone to debug)",
                                file=name, doc_id=doc.id)) from exc
    return check_prediction(pred, stripped, origin=name)


def run_system(system: System, docs: Iterable[Document], *, name: str = "system", num_proc: int = 1,
               on_progress: Callable[[int], None] | None = None) -> Iterator[Document]:
    """Run ``system`` on each document (stripped of its annotations); yield checked predictions in input order.

    With ``num_proc > 1`` documents are spread over worker processes (the system must be picklable
    or the platform must fork).
    """
    check_num_proc(num_proc)
    done = 0
    if num_proc == 1:
        for doc in docs:
            yield _apply(system, doc, name)
            done += 1
            if on_progress:
                on_progress(done)
        return
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ctx.Pool(num_proc, initializer=_worker_init, initargs=(system, name)) as pool:
        for pred in pool.imap(_worker_call, docs, chunksize=4):
            yield pred
            done += 1
            if on_progress:
                on_progress(done)


# --------------------------------------------------------------------------- running an external command

STDERR_TAIL_LINES = 20


class AnswerFormat(StrEnum):
    """What an external command prints per input document."""

    DOCUMENT = "document"
    """A prediction document with the input's id, published date and text (matched by id)."""
    LLM = "llm"
    """Only the LLM answer (``eventgold schema --llm``), one line per input document in input order."""


class _Feeder(threading.Thread):
    """Writes the stripped input documents to the command's stdin and remembers them by id."""

    def __init__(self, proc: subprocess.Popen[str], docs: Iterable[Document]) -> None:
        super().__init__(daemon=True)
        self.proc = proc
        self.docs = docs
        self.sent: dict[str, Document] = {}
        self.order: list[str] = []
        self.error: BaseException | None = None
        self.broken_pipe = False
        self.finished = threading.Event()

    def run(self) -> None:
        stdin = self.proc.stdin
        if stdin is None:  # pragma: no cover - Popen was given stdin=PIPE
            return
        try:
            for doc in self.docs:
                stripped = strip_document(doc)
                if stripped.id in self.sent:
                    raise DataError(Problem("duplicate input document id", "Give every document its own id",
                                            doc_id=stripped.id))
                self.sent[stripped.id] = stripped
                self.order.append(stripped.id)
                stdin.write(input_line(stripped) + "\n")
                stdin.flush()
        except (BrokenPipeError, ConnectionResetError):
            self.broken_pipe = True
        except BaseException as exc:  # re-raised in the reading thread; the command is stopped there
            self.error = exc
        finally:
            self.finished.set()
            try:
                stdin.close()
            except (BrokenPipeError, OSError):
                self.broken_pipe = True


def _to_stderr(line: str) -> None:
    sys.stderr.write(line if line.endswith("\n") else line + "\n")
    sys.stderr.flush()


class _StderrTail(threading.Thread):
    """Passes the command's stderr through, line by line, and keeps its last lines for error messages."""

    def __init__(self, proc: subprocess.Popen[str], sink: Callable[[str], None] | None) -> None:
        super().__init__(daemon=True)
        self.proc = proc
        self.sink = sink
        self.lines: collections.deque[str] = collections.deque(maxlen=STDERR_TAIL_LINES)

    def run(self) -> None:
        if self.proc.stderr is None:  # pragma: no cover
            return
        for line in self.proc.stderr:
            self.lines.append(line.rstrip("\n"))
            if self.sink is not None:
                self.sink(line.rstrip("\n"))

    def text(self) -> str:
        return "\n".join(self.lines)


def command_argv(command: str | Sequence[str]) -> list[str]:
    """Split a command line the way a POSIX shell would (without running a shell)."""
    if isinstance(command, str):
        try:
            argv = shlex.split(command)
        except ValueError as exc:
            raise ParameterError("command", f"{command!r} cannot be parsed: {exc}") from None
    else:
        argv = list(command)
    if not argv:
        raise ParameterError("command", "is empty", "Give the program to run, e.g. 'python my_system.py'")
    return argv


def run_command(command: str | Sequence[str], docs: Iterable[Document], *, num_proc: int = 1,
                on_progress: Callable[[int], None] | None = None,
                stderr: Callable[[str], None] | None = _to_stderr,
                answer_format: AnswerFormat | str = AnswerFormat.DOCUMENT) -> Iterator[Document]:
    """Run an external command as a system: documents as JSONL on its stdin, predictions as JSONL on its stdout.

    The command receives each document stripped of annotations (:func:`strip_document`), one JSON
    object per line, and must write exactly one prediction document per input document (in any
    order) under the prediction profile. Output is checked line by line as it streams; any problem
    stops the command and raises :class:`DataError` naming the output line and document id. A
    non-zero exit status raises with the last lines of the command's stderr. Each line the command
    writes on stderr is passed to ``stderr`` as it comes (our stderr by default; None to drop them).
    The answers are completed by :func:`complete_answer`. The command is started without a shell;
    use ``sh -c '...'`` for pipes.

    With ``answer_format="llm"`` the command prints only an LLM answer per line (the JSON Schema is
    ``eventgold schema --llm``), answering the input documents in their order; each answer becomes
    a prediction document with the input's id, date and text.

    With ``num_proc > 1``, that many copies run side by side on contiguous shards of the input and
    the predictions are yielded shard by shard (input order across shards).
    """
    argv = command_argv(command)
    try:
        answer_format = AnswerFormat(answer_format)
    except ValueError:
        raise UsageError(f"unknown answer format {answer_format!r}; choose one of "
                         f"{', '.join(f.value for f in AnswerFormat)}") from None
    check_num_proc(num_proc)
    if num_proc == 1:
        yield from _run_one_command(argv, docs, on_progress=on_progress, stderr=stderr, answer_format=answer_format)
        return
    materialized = list(docs)
    size = -(-len(materialized) // num_proc) if materialized else 0
    shards = [materialized[i:i + size] for i in range(0, len(materialized), size)] if size else []
    results: list[list[Document]] = [[] for _ in shards]
    errors: list[BaseException | None] = [None for _ in shards]
    lock = threading.Lock()
    done = [0]

    def count(_: int) -> None:
        with lock:
            done[0] += 1
            if on_progress:
                on_progress(done[0])

    def work(i: int) -> None:
        try:
            results[i] = list(_run_one_command(argv, shards[i], on_progress=count, shard=i + 1, stderr=stderr,
                                               answer_format=answer_format))
        except BaseException as exc:  # collected and re-raised below in shard order
            errors[i] = exc

    threads = [threading.Thread(target=work, args=(i,), daemon=True) for i in range(len(shards))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for err in errors:
        if err is not None:
            raise err
    for shard_preds in results:
        yield from shard_preds


def _run_one_command(argv: list[str], docs: Iterable[Document], *, on_progress: Callable[[int], None] | None,
                     shard: int | None = None, stderr: Callable[[str], None] | None = _to_stderr,
                     answer_format: AnswerFormat = AnswerFormat.DOCUMENT) -> Iterator[Document]:
    label = shlex.join(argv)
    origin = f"stdout of {label!r}" + (f" (shard {shard})" if shard is not None else "")
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, encoding="utf-8", bufsize=1)
    except FileNotFoundError:
        raise UsageError(f"cannot run {label!r}: {argv[0]!r} not found. Check the program name and PATH") from None
    except PermissionError:
        raise UsageError(f"cannot run {label!r}: {argv[0]!r} is not executable") from None
    feeder = _Feeder(proc, docs)
    tail = _StderrTail(proc, stderr)
    feeder.start()
    tail.start()
    seen: dict[str, int] = {}
    finished_ok = False
    try:
        assert proc.stdout is not None  # Popen was given stdout=PIPE  # noqa: S101
        for lineno, line in enumerate(proc.stdout, start=1):
            if feeder.error is not None:
                break
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataError(Problem(f"invalid JSON: {exc.msg} at column {exc.colno}",
                                        "The command must print one JSON document per line and nothing else "
                                        "on stdout (send logs to stderr)", file=origin, line=lineno)) from None
            if answer_format is AnswerFormat.LLM:
                pred = _from_answer_line(raw, feeder, len(seen), origin=origin, line=lineno)
                seen[pred.id] = lineno
                yield pred
                if on_progress:
                    on_progress(len(seen))
                continue
            if not isinstance(raw, dict):
                raise DataError(Problem(f"output line is a JSON {type(raw).__name__}, not an object",
                                        "Each output line is one prediction document (a JSON object)",
                                        file=origin, line=lineno))
            doc_id = raw.get("id")
            if doc_id is None and len(seen) < len(feeder.order):
                doc_id = feeder.order[len(seen)]  # no id: it answers the input on the same line number
            if not isinstance(doc_id, str):
                raise DataError(Problem("output line has no string 'id'",
                                        "Give each output line the id of the input it answers, or write the "
                                        "answers in input order without ids", file=origin, line=lineno))
            if doc_id in seen:
                raise DataError(Problem(f"second prediction for the same document (first on line {seen[doc_id]})",
                                        "Write exactly one prediction per input document",
                                        file=origin, line=lineno, doc_id=doc_id))
            source = feeder.sent.get(doc_id)
            if source is None:
                raise DataError(Problem("prediction for a document id that is not in the input",
                                        "Return the id of the input document unchanged",
                                        file=origin, line=lineno, doc_id=doc_id))
            try:
                pred = parse_document(complete_answer({**raw, "id": doc_id}, source), Profile.PREDICTION)
            except DataError as exc:
                raise exc.located(file=origin, line=lineno, doc_id=doc_id) from None
            _check_same_document(pred, source, origin=origin, line=lineno)
            seen[doc_id] = lineno
            yield pred
            if on_progress:
                on_progress(len(seen))
        feeder.join()
        if feeder.error is not None:
            raise feeder.error
        status = proc.wait()
        tail.join(timeout=5)
        if status != 0:
            raise DataError(Problem(
                f"command {label!r} failed with exit status {status}",
                _stderr_hint(tail.text()), file=origin))
        missing = [i for i in feeder.order if i not in seen]
        if missing:
            shown = ", ".join(repr(i) for i in missing[:10]) + (" ..." if len(missing) > 10 else "")
            raise DataError(Problem(
                f"command {label!r} wrote no prediction for {len(missing)} of {len(feeder.order)} input documents: "
                f"{shown}", "Write one prediction per input document, even an empty one (no events)",
                file=origin))
        finished_ok = True
    finally:
        if not finished_ok and proc.poll() is None:
            proc.kill()
        for stream in (proc.stdout,):
            if stream is not None:
                stream.close()
        proc.wait()
        feeder.join(timeout=5)
        tail.join(timeout=5)
        if proc.stderr is not None:
            proc.stderr.close()


def _from_answer_line(raw: Any, feeder: _Feeder, index: int, *, origin: str, line: int) -> Document:
    """The prediction document for the ``index``-th LLM answer, which answers the ``index``-th input document."""
    if index >= len(feeder.order):
        raise DataError(Problem(f"answer {index + 1} but only {len(feeder.order)} input documents were sent",
                                "Print one answer per input document, in input order", file=origin, line=line))
    source = feeder.sent[feeder.order[index]]
    try:
        return from_llm_answer(raw, id=source.id, published=source.published, text=source.text)
    except DataError as exc:
        raise exc.located(file=origin, line=line, doc_id=source.id) from None


def _stderr_hint(tail: str) -> str:
    if not tail.strip():
        return "It wrote nothing on stderr; run it by hand on the input to see what happens"
    return f"Last lines of its stderr:\n{tail}"
