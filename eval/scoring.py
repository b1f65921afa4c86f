"""Scoring a corpus: pair predictions with gold documents, stream, add counts, optionally in parallel.

Gold documents are streamed one line at a time. Predictions are indexed by
document id (the byte offset of each line) and read when their gold document
comes, so neither file is held in memory. Each document's counts are added to
the corpus totals; only the few counts the confidence intervals need are kept
per document (:data:`eventgold.eval.metrics.BOOTSTRAP_COLUMNS`).

* a prediction whose id is not in the gold file is a :class:`DataError`;
* a gold document without a prediction is scored as an empty prediction and
  listed in ``CorpusScore.missing``;
* with ``num_proc > 1`` chunks of gold lines are scored by worker processes
  (multiprocessing); since counts add, the result is identical to ``num_proc=1``.
"""

from __future__ import annotations

import json
import multiprocessing
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import numpy as np

from eventgold.schema import DataError, Document, Problem, Profile, UsageError, parse_document

from .counts import Counts
from .document import DocumentScore, ScoringOptions, score_document
from .findings import Finding
from .metrics import BOOTSTRAP_COLUMNS

CHUNK_SIZE = 64


@dataclass
class CorpusScore:
    """Summed counts of a corpus, the per-document count rows the intervals need, findings and warnings."""

    counts: Counts = field(default_factory=Counts)
    doc_ids: list[str] = field(default_factory=list)
    rows: list[np.ndarray] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    gold: str = ""
    predictions: str = ""

    def add(self, score: DocumentScore, *, missing: bool = False) -> None:
        self.counts.update(score.counts)
        self.doc_ids.append(score.doc_id)
        self.rows.append(doc_row(score.counts))
        self.findings.extend(score.findings)
        if missing:
            self.missing.append(score.doc_id)

    def matrix(self) -> np.ndarray:
        """Documents × :data:`BOOTSTRAP_COLUMNS` counts, in gold order."""
        if not self.rows:
            return np.zeros((0, len(BOOTSTRAP_COLUMNS)), dtype=np.int64)
        return np.vstack(self.rows)

    def __add__(self, other: CorpusScore) -> CorpusScore:
        """Concatenate two shards (``self`` first)."""
        return CorpusScore(self.counts + other.counts, self.doc_ids + other.doc_ids, self.rows + other.rows,
                           self.findings + other.findings, self.missing + other.missing,
                           self.unknown + other.unknown, self.gold, self.predictions)


def doc_row(counts: Counts) -> np.ndarray:
    return np.fromiter((counts[k] for k in BOOTSTRAP_COLUMNS), dtype=np.int64, count=len(BOOTSTRAP_COLUMNS))


def score_documents(gold: Iterable[Document], predictions: dict[str, Document] | None = None, *,
                    explain: bool = False, options: ScoringOptions | None = None) -> CorpusScore:
    """Score in-memory or streamed documents. ``predictions`` maps document id to prediction.

    >>> from eventgold.schema import Document
    >>> doc = Document.model_validate({"id": "d1", "published": "2024-03-02", "text": "Calm day."})
    >>> score_documents([doc], {}).missing
    ['d1']
    """
    predictions = predictions if predictions is not None else {}
    result = CorpusScore()
    seen: set[str] = set()
    for doc in gold:
        if doc.id in seen:
            raise DataError(Problem("duplicate gold document id", "Give every document its own id", doc_id=doc.id))
        seen.add(doc.id)
        pred = predictions.get(doc.id)
        result.add(score_document(doc, pred, explain=explain, options=options), missing=pred is None)
    unknown = sorted(set(predictions) - seen)
    if unknown:
        raise DataError([Problem("prediction for a document that is not in the gold data",
                                 "Remove it, or score against the gold file that has it", doc_id=i) for i in unknown])
    return result


class PredictionIndex:
    """Where each prediction is in its JSONL file, by document id; reads one document on demand."""

    def __init__(self, path: str | Path, profile: Profile | str = Profile.PREDICTION) -> None:
        self.path = str(path)
        self.profile = Profile(profile)
        self.offsets: dict[str, tuple[int, int]] = {}
        self._lines: dict[str, str] | None = None
        self._handle: IO[bytes] | None = None
        if self.path == "-":
            self._lines = {}
            for lineno, line in enumerate(sys.stdin, start=1):
                self._register(line, lineno, 0, line)
            return
        try:
            with open(self.path, "rb") as stream:
                offset = 0
                for lineno, raw in enumerate(stream, start=1):
                    self._register(raw, lineno, offset, None)
                    offset += len(raw)
        except FileNotFoundError:
            raise UsageError(f"{self.path}: no such file. Check the path") from None
        except IsADirectoryError:
            raise UsageError(f"{self.path}: is a folder, expected a .jsonl file") from None

    def _register(self, raw: str | bytes, lineno: int, offset: int, keep: str | None) -> None:
        if not raw.strip():
            return
        data = _parse_json(raw, self.path, lineno)
        doc_id = data.get("id") if isinstance(data, dict) else None
        if not isinstance(doc_id, str):
            raise DataError(Problem("a prediction needs a string 'id' naming its gold document",
                                    "Give each prediction the id of the document it was made for",
                                    file=self.path, line=lineno, path="id"))
        if doc_id in self.offsets:
            first = self.offsets[doc_id][1]
            raise DataError(Problem(f"duplicate prediction for this document (first on line {first})",
                                    "Keep one prediction per document", file=self.path, line=lineno, doc_id=doc_id))
        self.offsets[doc_id] = (offset, lineno)
        if self._lines is not None and keep is not None:
            self._lines[doc_id] = keep

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self.offsets

    def load(self, doc_id: str) -> Document | None:
        """The prediction for ``doc_id`` checked under the prediction profile, or None when there is none."""
        if doc_id not in self.offsets:
            return None
        offset, lineno = self.offsets[doc_id]
        if self._lines is not None:
            raw: str | bytes = self._lines[doc_id]
        else:
            if self._handle is None:
                self._handle = open(self.path, "rb")  # noqa: SIM115 (kept open while scoring)
            self._handle.seek(offset)
            raw = self._handle.readline()
        data = _parse_json(raw, self.path, lineno)
        try:
            return parse_document(data, self.profile)
        except DataError as exc:
            raise exc.located(file=self.path, line=lineno) from None

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_handle"] = None
        return state


def _parse_json(raw: str | bytes, name: str, lineno: int) -> Any:
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise DataError(Problem(f"invalid JSON: {exc.msg} at column {exc.colno}",
                                "Each line must be one complete JSON object (JSON Lines)", file=name,
                                line=lineno)) from None
    except UnicodeDecodeError as exc:
        raise DataError(Problem(f"not UTF-8 text ({exc.reason} at byte {exc.start})", "Save the file as UTF-8",
                                file=name, line=lineno)) from None


def _gold_lines(path: str | Path) -> Iterator[tuple[int, str]]:
    name = str(path)
    if name == "-":
        stream: IO[str] = sys.stdin
    else:
        try:
            stream = open(path, encoding="utf-8", newline="")  # noqa: SIM115
        except FileNotFoundError:
            raise UsageError(f"{name}: no such file. Check the path") from None
        except IsADirectoryError:
            raise UsageError(f"{name}: is a folder, expected a .jsonl file") from None
    try:
        for lineno, line in enumerate(stream, start=1):
            if line.strip():
                yield lineno, line
    except UnicodeDecodeError as exc:
        raise DataError(Problem(f"not UTF-8 text ({exc.reason} at byte {exc.start})", "Save the file as UTF-8",
                                file=name)) from None
    finally:
        if stream is not sys.stdin:
            stream.close()


@dataclass(frozen=True)
class _Job:
    gold_path: str
    gold_profile: str
    index: PredictionIndex
    explain: bool
    options: ScoringOptions
    skip_missing: bool


_WORKER_JOB: _Job | None = None


def _init_worker(job: _Job) -> None:
    global _WORKER_JOB
    _WORKER_JOB = job


def _score_chunk(chunk: Sequence[tuple[int, str]], job: _Job | None = None
                 ) -> list[tuple[int, DocumentScore | str, bool]]:
    job = job or _WORKER_JOB
    if job is None:
        raise RuntimeError("worker started without a job")
    out: list[tuple[int, DocumentScore | str, bool]] = []
    for lineno, line in chunk:
        data = _parse_json(line, job.gold_path, lineno)
        try:
            gold = parse_document(data, job.gold_profile)
        except DataError as exc:
            raise exc.located(file=job.gold_path, line=lineno) from None
        pred = job.index.load(gold.id)
        if pred is None and job.skip_missing:
            out.append((lineno, gold.id, True))
            continue
        try:
            score = score_document(gold, pred, explain=job.explain, options=job.options)
        except DataError as exc:
            raise exc.located(file=job.index.path, line=job.index.offsets[gold.id][1]) from None
        out.append((lineno, score, pred is None))
    return out


def _chunks(lines: Iterator[tuple[int, str]], size: int) -> Iterator[list[tuple[int, str]]]:
    chunk: list[tuple[int, str]] = []
    for item in lines:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def score_files(gold: str | Path, predictions: str | Path, *, num_proc: int = 1, explain: bool = False,
                options: ScoringOptions | None = None, gold_profile: Profile | str = Profile.GOLD,
                pred_profile: Profile | str = Profile.PREDICTION, only_shared: bool = False) -> CorpusScore:
    """Score a JSONL file of predictions against a JSONL gold file (either may be '-' for stdin, not both).

    With ``only_shared`` (used for agreement) documents found in one file only are listed in
    ``missing``/``unknown`` and left out, instead of scored empty or refused.
    """
    if str(gold) == "-" and str(predictions) == "-":
        raise UsageError("gold and predictions cannot both be read from stdin; give one of them as a file")
    if num_proc < 1:
        raise UsageError(f"--num-proc must be at least 1, not {num_proc}")
    index = PredictionIndex(predictions, pred_profile)
    job = _Job(str(gold), Profile(gold_profile).value, index, explain, options or ScoringOptions(), only_shared)
    result = CorpusScore(gold=str(gold), predictions=str(predictions))
    seen: dict[str, int] = {}

    def take(batch: list[tuple[int, DocumentScore | str, bool]]) -> None:
        for lineno, score, missing in batch:
            doc_id = score if isinstance(score, str) else score.doc_id
            if doc_id in seen:
                raise DataError(Problem(f"duplicate document id (first on line {seen[doc_id]})",
                                        "Give every document its own id", file=str(gold), line=lineno,
                                        doc_id=doc_id))
            seen[doc_id] = lineno
            if isinstance(score, str):
                result.missing.append(score)
            else:
                result.add(score, missing=missing)

    chunks = _chunks(_gold_lines(gold), CHUNK_SIZE)
    try:
        if num_proc == 1:
            for chunk in chunks:
                take(_score_chunk(chunk, job))
        else:
            context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods()
                                                  else "spawn")
            with context.Pool(num_proc, initializer=_init_worker, initargs=(job,)) as pool:
                for batch in pool.imap(_score_chunk, chunks):
                    take(batch)
    finally:
        index.close()
    unknown = [(doc_id, line) for doc_id, (_, line) in index.offsets.items() if doc_id not in seen]
    if unknown and only_shared:
        result.unknown = sorted(doc_id for doc_id, _ in unknown)
    elif unknown:
        raise DataError([Problem("prediction for a document that is not in the gold data",
                                 f"Remove it, or score against the gold file that has it ({gold})",
                                 file=index.path, line=line, doc_id=doc_id) for doc_id, line in sorted(unknown,
                                                                                                       key=lambda x: x[1])])
    return result
