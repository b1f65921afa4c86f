"""Scoring a corpus: pair predictions with gold documents, stream, add counts, optionally in parallel.

Gold documents are streamed one line at a time. Predictions are indexed by
document id (the byte offset of each line) and read when their gold document
comes, so neither file is held in memory. Each document's counts are added to
the corpus totals; only the few counts the confidence intervals need are kept
per document (:data:`eventgold.eval.metrics.BOOTSTRAP_COLUMNS`), in compact
blocks of consecutive documents (:class:`RowBlock`).

* a prediction whose id is not in the gold file is a :class:`DataError`;
* a gold document without a prediction is scored as an empty prediction and
  listed in ``CorpusScore.missing``;
* with ``num_proc > 1`` chunks of gold lines are scored by worker processes
  (multiprocessing), each returning the chunk's summed counts and row block;
  since counts add, the result is identical to ``num_proc=1``.
"""

from __future__ import annotations

import json
import multiprocessing
import sys
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import numpy as np

from eventgold.schema import DataError, Document, Problem, Profile, UsageError, parse_document

from .counts import Counts
from .document import DocumentScore, ScoringOptions, score_document
from .errors import UnknownDocuments, check_num_proc
from .findings import Finding
from .metrics import BOOTSTRAP_COLUMNS

CHUNK_SIZE = 64
_NARROW = (np.int8, np.int16, np.int32)


@dataclass(frozen=True)
class RowBlock:
    """The :data:`BOOTSTRAP_COLUMNS` counts of consecutive documents, keeping only the columns non-zero in any.

    ``values`` is documents × ``len(columns)`` in the narrowest integer type that holds the block's counts
    (most counts are small, so usually int8: ~100 bytes per document instead of 1,160 as int64).

    >>> block = RowBlock.of([Counts({BOOTSTRAP_COLUMNS[3]: 2}), Counts()])
    >>> block.columns.tolist(), block.values.tolist()
    ([3], [[2], [0]])
    """

    columns: np.ndarray
    values: np.ndarray

    @staticmethod
    def of(rows: Sequence[Counts]) -> RowBlock:
        full = np.array([[c[k] for k in BOOTSTRAP_COLUMNS] for c in rows], dtype=np.int64)
        full = full.reshape(len(rows), len(BOOTSTRAP_COLUMNS))
        columns = np.flatnonzero(full.any(axis=0)).astype(np.int16)
        values = full[:, columns]
        low, high = (int(values.min()), int(values.max())) if values.size else (0, 0)
        for dtype in _NARROW:
            limits = np.iinfo(dtype)
            if limits.min <= low and high <= limits.max:
                return RowBlock(columns, values.astype(dtype))
        return RowBlock(columns, values)

    def __len__(self) -> int:
        return int(self.values.shape[0])


@dataclass
class CorpusScore:
    """Summed counts of a corpus, the per-document count rows the intervals need, findings and warnings."""

    counts: Counts = field(default_factory=Counts)
    doc_ids: list[str] = field(default_factory=list)
    blocks: list[RowBlock] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    gold: str = ""
    predictions: str = ""
    groups: list[tuple[str, ...]] | None = None
    """With ``group_by``: per scored document (as ``doc_ids``), the values of the metadata key it has."""
    _pending: list[Counts] = field(default_factory=list, repr=False, compare=False)

    def add(self, score: DocumentScore, *, missing: bool = False, groups: tuple[str, ...] | None = None) -> None:
        """Add one scored document (its row joins a block once :data:`CHUNK_SIZE` rows are pending)."""
        self.counts.update(score.counts)
        self.doc_ids.append(score.doc_id)
        if groups is not None:
            self.groups = (self.groups or []) + [groups]
        self._pending.append(score.counts)
        if len(self._pending) == CHUNK_SIZE:
            self._flush()
        self.findings.extend(score.findings)
        if missing:
            self.missing.append(score.doc_id)

    def add_block(self, counts: Counts, doc_ids: Sequence[str], block: RowBlock,
                  findings: Sequence[Finding] = (), groups: Sequence[tuple[str, ...]] | None = None) -> None:
        """Add consecutive scored documents at once: their summed counts, ids (gold order) and row block."""
        if len(doc_ids) != len(block):
            raise ValueError(f"{len(doc_ids)} document ids for a block of {len(block)} rows")
        self._flush()
        self.counts.update(counts)
        self.doc_ids.extend(doc_ids)
        if groups is not None:
            self.groups = (self.groups or []) + list(groups)
        if len(block):
            self.blocks.append(block)
        self.findings.extend(findings)

    def _flush(self) -> None:
        if self._pending:
            self.blocks.append(RowBlock.of(self._pending))
            self._pending = []

    def matrix(self) -> np.ndarray:
        """Documents × :data:`BOOTSTRAP_COLUMNS` counts, in gold order (int32 unless a count needs int64)."""
        self._flush()
        wide = any(b.values.dtype == np.int64 for b in self.blocks)
        out = np.zeros((sum(len(b) for b in self.blocks), len(BOOTSTRAP_COLUMNS)),
                       dtype=np.int64 if wide else np.int32)  # exact: every block's values fit
        start = 0
        for b in self.blocks:
            out[start:start + len(b), b.columns] = b.values
            start += len(b)
        return out

    def __add__(self, other: CorpusScore) -> CorpusScore:
        """Concatenate two shards (``self`` first)."""
        self._flush()
        other._flush()
        groups = None if self.groups is None and other.groups is None else \
            (self.groups or []) + (other.groups or [])
        return CorpusScore(self.counts + other.counts, self.doc_ids + other.doc_ids, self.blocks + other.blocks,
                           self.findings + other.findings, self.missing + other.missing,
                           self.unknown + other.unknown, self.gold, self.predictions, groups)


def group_values(doc: Document, key: str) -> tuple[str, ...]:
    """The groups a document belongs to under metadata ``key``: its value; each value of a list; '(none)' if unset.

    >>> doc = Document.model_validate({"id": "d1", "published": "2024-03-02", "text": "Calm.",
    ...                                "metadata": {"genre": "brief", "tags": ["a", "b"], "n": 3}})
    >>> group_values(doc, "genre"), group_values(doc, "tags"), group_values(doc, "n"), group_values(doc, "region")
    (('brief',), ('a', 'b'), ('3',), ('(none)',))
    """
    value = doc.metadata.get(key)
    items = value if isinstance(value, list) else [value]
    out = tuple(dict.fromkeys(NO_GROUP if v is None else v if isinstance(v, str) else json.dumps(v, sort_keys=True)
                              for v in items))
    return out or (NO_GROUP,)


NO_GROUP = "(none)"


def score_documents(gold: Iterable[Document], predictions: dict[str, Document] | None = None, *,
                    explain: bool = False, options: ScoringOptions | None = None,
                    group_by: str | None = None) -> CorpusScore:
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
        result.add(score_document(doc, pred, explain=explain, options=options), missing=pred is None,
                   groups=group_values(doc, group_by) if group_by is not None else None)
    unknown = sorted(set(predictions) - seen)
    if unknown:
        raise UnknownDocuments([Problem("prediction for a document that is not in the gold data",
                                        "Remove it, or score against gold data that has this document", doc_id=i)
                                for i in unknown], unknown, "")
    return result


def _key(doc_id: str) -> bytes:
    # UTF-8 never holds the byte 0xff: the end mark keeps numpy's fixed-width bytes from dropping trailing NULs.
    return doc_id.encode("utf-8", "surrogatepass") + b"\xff"


class PredictionIndex:
    """Where each prediction is in its JSONL file, by document id; reads one document on demand.

    The ids are kept as one sorted numpy array of UTF-8 bytes, with the byte offsets and line numbers
    in numpy arrays beside it: a position in these arrays names a prediction (:meth:`position`).
    """

    def __init__(self, path: str | Path, profile: Profile | str = Profile.PREDICTION) -> None:
        self.path = str(path)
        self.profile = Profile(profile)
        self._handle: IO[bytes] | None = None
        ids: list[str] = []
        offsets = array("q")
        lines = array("q")
        kept: list[str] | None = None
        if self.path == "-":
            kept = []
            for lineno, line in enumerate(sys.stdin, start=1):
                if self._register(line, lineno, ids, lines):
                    offsets.append(0)
                    kept.append(line)
        else:
            try:
                with open(self.path, "rb") as stream:
                    offset = 0
                    for lineno, raw in enumerate(stream, start=1):
                        if self._register(raw, lineno, ids, lines):
                            offsets.append(offset)
                        offset += len(raw)
            except FileNotFoundError:
                raise UsageError(f"{self.path}: no such file. Check the path") from None
            except IsADirectoryError:
                raise UsageError(f"{self.path}: is a folder, expected a .jsonl file") from None
        order, self._keys = _sorted_keys(ids)
        self._offsets: np.ndarray = np.frombuffer(offsets, dtype=np.int64)[order]
        self._lineno: np.ndarray = np.frombuffer(lines, dtype=np.int64)[order]
        self._kept: list[str] | None = [kept[i] for i in order.tolist()] if kept is not None else None
        _first_duplicate(self._keys, self._lineno, self.path)

    def _register(self, raw: str | bytes, lineno: int, ids: list[str], lines: array[int]) -> bool:
        if not raw.strip():
            return False
        try:
            data = _parse_json(raw, self.path, lineno)
            doc_id = data.get("id") if isinstance(data, dict) else None
            if not isinstance(doc_id, str):
                raise DataError(Problem("a prediction needs a string 'id' naming its gold document",
                                        "Give each prediction the id of the document it was made for",
                                        file=self.path, line=lineno, path="id"))
        except DataError:
            # a duplicate on an earlier line is the file's first problem
            order, keys = _sorted_keys(ids)
            _first_duplicate(keys, np.frombuffer(lines, dtype=np.int64)[order], self.path)
            raise
        ids.append(doc_id)
        lines.append(lineno)
        return True

    def __len__(self) -> int:
        return int(self._keys.shape[0])

    def position(self, doc_id: str) -> int:
        """Where ``doc_id`` is in the index, or -1 when it has no prediction."""
        key = _key(doc_id)
        if len(key) > self._keys.dtype.itemsize or not len(self._keys):
            return -1
        pos = int(np.searchsorted(self._keys, key))
        return pos if pos < len(self._keys) and self._keys[pos] == key else -1

    def __contains__(self, doc_id: str) -> bool:
        return self.position(doc_id) >= 0

    def doc_id(self, pos: int) -> str:
        return bytes(self._keys[pos])[:-1].decode("utf-8", "surrogatepass")

    def line(self, pos: int) -> int:
        """The line number of the prediction at ``pos``."""
        return int(self._lineno[pos])

    def load(self, doc_id: str) -> Document | None:
        """The prediction for ``doc_id`` checked under the prediction profile, or None when there is none."""
        pos = self.position(doc_id)
        return None if pos < 0 else self.load_at(pos)

    def load_at(self, pos: int) -> Document:
        """The prediction at ``pos`` (see :meth:`position`) checked under the prediction profile."""
        lineno = self.line(pos)
        if self._kept is not None:
            raw: str | bytes = self._kept[pos]
        else:
            if self._handle is None:
                self._handle = open(self.path, "rb")  # noqa: SIM115 (kept open while scoring)
            self._handle.seek(int(self._offsets[pos]))
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


def _sorted_keys(ids: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The stable sorting order of ``ids`` and their sorted keys (fixed-width bytes)."""
    keys = np.array([_key(i) for i in ids], dtype=np.bytes_) if ids else np.zeros(0, dtype="S1")
    order = np.argsort(keys, kind="stable")
    return order, keys[order]


def _first_duplicate(keys: np.ndarray, lines: np.ndarray, path: str) -> None:
    """Raise for the repeated id on the earliest line, if any (``keys`` sorted, equal keys in line order)."""
    if len(keys) < 2:
        return
    repeats = np.flatnonzero(keys[1:] == keys[:-1]) + 1
    if not repeats.size:
        return
    j = int(repeats[np.argmin(lines[repeats])])
    first = j
    while first > 0 and keys[first - 1] == keys[j]:
        first -= 1
    doc_id = bytes(keys[j])[:-1].decode("utf-8", "surrogatepass")
    raise DataError(Problem(f"duplicate prediction for this document (first on line {int(lines[first])})",
                            "Keep one prediction per document", file=path, line=int(lines[j]), doc_id=doc_id))


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
    group_by: str | None = None


@dataclass
class _ChunkScore:
    """What a worker sends back for a chunk: little per document, the counts already added up."""

    docs: list[tuple[int, str, int, bool]]  # line, document id, position in the prediction index (-1: none), scored
    counts: Counts
    block: RowBlock
    findings: list[Finding]
    groups: list[tuple[str, ...]] | None = None  # of the scored documents, with group_by


_WORKER_JOB: _Job | None = None


def _init_worker(job: _Job) -> None:
    global _WORKER_JOB
    _WORKER_JOB = job


def _score_chunk(chunk: Sequence[tuple[int, str]], job: _Job | None = None) -> _ChunkScore:
    job = job or _WORKER_JOB
    if job is None:
        raise RuntimeError("worker started without a job")
    docs: list[tuple[int, str, int, bool]] = []
    total = Counts()
    rows: list[Counts] = []
    findings: list[Finding] = []
    groups: list[tuple[str, ...]] | None = [] if job.group_by is not None else None
    for lineno, line in chunk:
        data = _parse_json(line, job.gold_path, lineno)
        try:
            gold = parse_document(data, job.gold_profile)
        except DataError as exc:
            raise exc.located(file=job.gold_path, line=lineno) from None
        pos = job.index.position(gold.id)
        if pos < 0 and job.skip_missing:
            docs.append((lineno, gold.id, pos, False))
            continue
        pred = job.index.load_at(pos) if pos >= 0 else None
        try:
            score = score_document(gold, pred, explain=job.explain, options=job.options)
        except DataError as exc:
            raise exc.located(file=job.index.path, line=job.index.line(pos)) from None
        docs.append((lineno, gold.id, pos, True))
        if groups is not None and job.group_by is not None:
            groups.append(group_values(gold, job.group_by))
        total.update(score.counts)
        rows.append(score.counts)
        findings.extend(score.findings)
    return _ChunkScore(docs, total, RowBlock.of(rows), findings, groups)


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
                pred_profile: Profile | str = Profile.PREDICTION, only_shared: bool = False,
                group_by: str | None = None, on_progress: Callable[[int], None] | None = None) -> CorpusScore:
    """Score a JSONL file of predictions against a JSONL gold file (either may be '-' for stdin, not both).

    With ``only_shared`` (used for agreement) documents found in one file only are listed in
    ``missing``/``unknown`` and left out, instead of scored empty or refused. With ``group_by`` each
    scored document's values of that metadata key are kept (:func:`group_values`), for scores per value.
    ``on_progress`` is called with the number of gold documents done, after each chunk.
    """
    if str(gold) == "-" and str(predictions) == "-":
        raise UsageError("gold and predictions cannot both be read from stdin; give one of them as a file")
    check_num_proc(num_proc)
    index = PredictionIndex(predictions, pred_profile)
    job = _Job(str(gold), Profile(gold_profile).value, index, explain, options or ScoringOptions(), only_shared,
               group_by)
    result = CorpusScore(gold=str(gold), predictions=str(predictions))
    # the gold line of each prediction's document (0: not met yet); gold documents without a prediction by id
    gold_line = np.zeros(len(index), dtype=np.int64)
    unpredicted: dict[str, int] = {}
    done = [0]

    def take(part: _ChunkScore) -> None:
        scored: list[str] = []
        for lineno, doc_id, pos, was_scored in part.docs:
            first = int(gold_line[pos]) if pos >= 0 else unpredicted.get(doc_id, 0)
            if first:
                raise DataError(Problem(f"duplicate document id (first on line {first})",
                                        "Give every document its own id", file=str(gold), line=lineno,
                                        doc_id=doc_id))
            if pos >= 0:
                gold_line[pos] = lineno
            else:
                unpredicted[doc_id] = lineno
                result.missing.append(doc_id)
            if was_scored:
                scored.append(doc_id)
        result.add_block(part.counts, scored, part.block, part.findings, part.groups)
        done[0] += len(part.docs)
        if on_progress is not None:
            on_progress(done[0])

    chunks = _chunks(_gold_lines(gold), CHUNK_SIZE)
    try:
        if num_proc == 1:
            for chunk in chunks:
                take(_score_chunk(chunk, job))
        else:
            context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods()
                                                  else "spawn")
            with context.Pool(num_proc, initializer=_init_worker, initargs=(job,)) as pool:
                for part in pool.imap(_score_chunk, chunks):
                    take(part)
    finally:
        index.close()
    unknown = [(index.doc_id(pos), index.line(pos)) for pos in np.flatnonzero(gold_line == 0).tolist()]
    if unknown and only_shared:
        result.unknown = sorted(doc_id for doc_id, _ in unknown)
    elif unknown:
        ordered = sorted(unknown, key=lambda x: x[1])
        raise UnknownDocuments([Problem(f"prediction for a document that is not in the gold file {gold}",
                                        "Remove it, or score against a gold file that has this document",
                                        file=index.path, line=line, doc_id=doc_id) for doc_id, line in ordered],
                               [doc_id for doc_id, _ in ordered], str(gold))
    return result
