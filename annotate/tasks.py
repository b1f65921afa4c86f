"""Gold documents and reports to Label Studio tasks; gold travels as annotations, system output as predictions.

A task is ``{"data": {...}, "annotations": [...], "predictions": [...]}``.
``data`` holds the text and every document field (:data:`~.scheme.DATA_KEYS`),
so a task alone gives the document back. One document's annotations become one
``result`` list (see :mod:`eventgold.annotate.scheme` for the representation):

>>> from eventgold.schema import Document
>>> doc = Document.model_validate({"id": "d1", "published": "2024-03-02", "text": "Gunmen attacked Gao.",
...     "actors": [{"id": "a1", "name": "gunmen", "type": "non_state_armed_group",
...                 "mentions": [{"start": 0, "end": 6, "text": "Gunmen"}]}],
...     "events": [{"id": "e1", "type": "attack", "triggers": [{"start": 7, "end": 15, "text": "attacked"}],
...                 "arguments": [{"role": "attacker", "entity": "a1"}]}]})
>>> [(r["id"], r["from_name"]) for r in document_result(doc) if r["type"] != "relation"]
[('a1-m0', 'label'), ('a1-m0', 'actor_type'), ('a1-m0', 'actor_name'), ('e1-t0', 'label'), ('e1-t0', 'modality')]
>>> [(r["from_id"], r["to_id"], r["labels"]) for r in document_result(doc) if r["type"] == "relation"]
[('e1-t0', 'a1-m0', ['attacker'])]

The writer never loses order: relations are written in the order of the
document's lists, and when one event has several roles for one entity (or two
events several links) that are not next to each other in the list, each gets
its own region pair, because Label Studio's editor keeps only one relation per
ordered pair of regions. Only when every pair is used (more non-adjacent runs
than triggers x mentions x 2) are labels merged onto one relation, which brings
them back grouped; :attr:`Summary.skipped` does not count these, they are
reported by :func:`document_result` through ``reordered``.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventgold.schema import (
    DataError,
    Document,
    Mention,
    Problem,
    Profile,
    Quantity,
    UsageError,
    atomic_write,
    read_documents,
)

from .readers import Source, read_sources
from .scheme import (
    CASUALTY_OF,
    CONTROLS_BY_NAME,
    DATA_FIELDS,
    DATA_ID,
    DATA_TEXT,
    KIND_LABELS,
    LABELS,
    PART_OF,
    SAME_AS,
    SOURCE,
    TEXT,
    TIME_OF,
    VICTIM,
    Kind,
    region_id,
)
from .summary import OnError, Summary, check_on_error

Region = tuple[str, int, int]  # (region id, start, end)
#: control name -> (result type, key of its answer in ``value``)
_RESULT_KEYS: dict[str, tuple[str, str]] = {c.name: (c.result_type, c.value_key) for c in CONTROLS_BY_NAME.values()}


def task_data(doc: Document) -> dict[str, Any]:
    """The task ``data``: the text plus every document field, so the task alone gives the document back."""
    return {
        DATA_TEXT: doc.text,
        DATA_ID: doc.id,
        DATA_FIELDS["published"]: doc.published.isoformat(),
        DATA_FIELDS["source"]: doc.source,
        DATA_FIELDS["language"]: doc.language,
        DATA_FIELDS["synthetic"]: doc.synthetic,
        DATA_FIELDS["metadata"]: doc.metadata,
    }


@dataclass
class _Pair:
    item: dict[str, Any]


class _Writer:
    """Builds one result list. Not reused across documents."""

    def __init__(self, doc: Document, *, where: str | None, span_free: OnError, summary: Summary | None,
                 scores: bool) -> None:
        self.doc = doc
        self.where = where
        self.span_free = span_free
        self.summary = summary
        self.scores = scores
        self.labels: list[dict[str, Any]] = []
        self.relations: list[dict[str, Any]] = []
        self.pairs: dict[tuple[str, str], dict[str, Any]] = {}
        self.regions: dict[str, list[Region]] = {}
        self.problems: list[Problem] = []
        self.reordered = 0

    # --- regions -------------------------------------------------------------------------------------------

    def _missing(self, path: str, message: str, reason: str, hint: str) -> None:
        problem = Problem(message, hint, file=self.where, doc_id=self.doc.id, path=path)
        if self.span_free == "raise":
            self.problems.append(problem)
        elif self.summary is not None:
            self.summary.skip(reason, problem)

    def spans(self, obj_id: str, mentions: Sequence[Mention], *, label: str, path: str, trigger: bool = False,
              score: float | None = None) -> list[Region]:
        """Write the labels results of an object's mentions; return its regions (span-free ones left out)."""
        out: list[Region] = []
        part = "triggers" if trigger else "mentions"
        for k, m in enumerate(mentions):
            if m.start is None or m.end is None:
                self._missing(f"{path}.{part}[{k}]", f"mention {m.text!r} has no offsets",
                              "span-free prediction mention left out",
                              "Label Studio needs character offsets to show a region: add start and end, or pass "
                              "--on-error skip to leave span-free mentions out (they are counted)")
                continue
            rid = region_id(obj_id, k, trigger=trigger)
            item: dict[str, Any] = {"id": rid, "from_name": LABELS, "to_name": TEXT, "type": "labels",
                                    "value": {"start": m.start, "end": m.end, "text": m.text, "labels": [label]}}
            if score is not None and not out:
                item["score"] = score
            self.labels.append(item)
            out.append((rid, m.start, m.end))
        if out:
            self.regions[obj_id] = out
        else:
            self._missing(path, f"{obj_id!r} has no mention with offsets",
                          "prediction object without any span left out",
                          "Give at least one mention with offsets, or pass --on-error skip to leave it out")
        return out

    def attr(self, region: Region, control: str, payload: Any) -> None:
        """Write one per-region attribute on ``region``."""
        result_type, value_key = _RESULT_KEYS[control]
        rid, start, end = region
        self.labels.append({"id": rid, "from_name": control, "to_name": TEXT, "type": result_type,
                            "value": {"start": start, "end": end, value_key: payload}})

    def count(self, region: Region, prefix: str, q: Quantity) -> None:
        self.attr(region, f"{prefix}_qualifier", [q.qualifier.value])
        for name in ("low", "best", "high"):
            value = getattr(q, name)
            if value is not None:
                self.attr(region, f"{prefix}_{name}", value)

    # --- relations -----------------------------------------------------------------------------------------

    def relate(self, a: str, b: str, label: str, direction: str = "right") -> dict[str, Any]:
        """Add ``label`` to the relation ``a -> b``, creating it when the pair is new."""
        item = self.pairs.get((a, b))
        if item is None:
            item = {"from_id": a, "to_id": b, "type": "relation", "direction": direction, "labels": [label]}
            self.pairs[(a, b)] = item
            self.relations.append(item)
        else:
            item["labels"].append(label)
        return item

    def free_pair(self, candidates: Iterable[tuple[str, str, str]]) -> tuple[str, str, str] | None:
        for a, b, direction in candidates:
            if (a, b) not in self.pairs:
                return a, b, direction
        return None

    def ordered(self, facts: Iterable[tuple[str, str, str]], candidates: Any) -> None:
        """Write ``(label, x, y)`` facts so that reading them back keeps their order (see module doc)."""
        prev: tuple[str, str] | None = None
        prev_item: dict[str, Any] | None = None
        last: dict[tuple[str, str], dict[str, Any]] = {}
        for label, x, y in facts:
            if prev == (x, y) and prev_item is not None:
                prev_item["labels"].append(label)
                continue
            slot = self.free_pair(candidates(x, y))
            if slot is None:
                item = last[(x, y)]
                item["labels"].append(label)
                self.reordered += 1
            else:
                item = self.relate(*slot[:2], label, slot[2])
            last[(x, y)] = item
            prev, prev_item = (x, y), item

    def result(self) -> list[dict[str, Any]]:
        return self.labels + self.relations


def _star(w: _Writer, regions: list[Region]) -> None:
    """Coreference: the first region of an object points at each of its other regions."""
    for rid, _, _ in regions[1:]:
        w.relate(regions[0][0], rid, SAME_AS)


def document_result(doc: Document, *, where: str | None = None, span_free: OnError = "raise",
                    summary: Summary | None = None, scores: bool = False,
                    stats: dict[str, int] | None = None) -> list[dict[str, Any]]:
    """The Label Studio ``result`` list of one document's annotations.

    ``span_free`` decides what happens to mentions without offsets (only
    predictions have them): ``raise`` a located :class:`DataError`, or ``skip``
    them, counting each in ``summary``; objects left without any region are
    then skipped too, with the references to them. ``scores`` writes event
    confidences as region scores (for predictions). ``stats`` receives
    ``reordered``: how many labels had to share a relation out of order.
    """
    w = _Writer(doc, where=where, span_free=span_free, summary=summary, scores=scores)
    for i, a in enumerate(doc.actors):
        regs = w.spans(a.id, a.mentions, label=KIND_LABELS[Kind.ACTOR], path=f"actors[{i}]")
        if regs:
            r = regs[0]
            w.attr(r, "actor_type", [a.type.value])
            w.attr(r, "actor_name", [a.name])
            if a.aliases:
                w.attr(r, "actor_aliases", list(a.aliases))
            if a.country is not None:
                w.attr(r, "actor_country", [a.country])
    for i, loc in enumerate(doc.locations):
        regs = w.spans(loc.id, loc.mentions, label=KIND_LABELS[Kind.LOCATION], path=f"locations[{i}]")
        if regs:
            r = regs[0]
            w.attr(r, "location_name", [loc.name])
            if loc.aliases:
                w.attr(r, "location_aliases", list(loc.aliases))
            w.attr(r, "location_precision", [loc.precision.value])
            if loc.country is not None:
                w.attr(r, "location_country", [loc.country])
            if loc.admin1 is not None:
                w.attr(r, "location_admin1", [loc.admin1])
            if loc.coordinates is not None:
                w.attr(r, "location_lat", loc.coordinates.lat)
                w.attr(r, "location_lon", loc.coordinates.lon)
            if loc.gazetteer_id is not None:
                w.attr(r, "location_gazetteer", [loc.gazetteer_id])
    for i, t in enumerate(doc.times):
        regs = w.spans(t.id, t.mentions, label=KIND_LABELS[Kind.TIME], path=f"times[{i}]")
        if regs:
            r = regs[0]
            w.attr(r, "time_start", t.value.start.isoformat())
            w.attr(r, "time_end", t.value.end.isoformat())
            w.attr(r, "time_precision", [t.value.precision.value])
            if t.relative:
                w.attr(r, "time_relative", ["relative"])
    for i, wp in enumerate(doc.weapons):
        regs = w.spans(wp.id, wp.mentions, label=KIND_LABELS[Kind.WEAPON], path=f"weapons[{i}]")
        if regs:
            r = regs[0]
            w.attr(r, "weapon_name", [wp.name])
            w.attr(r, "weapon_category", [wp.category.value])
            if wp.quantity is not None:
                w.count(r, "weapon", wp.quantity)
    for i, ev in enumerate(doc.events):
        score = ev.confidence if scores else None
        regs = w.spans(ev.id, ev.triggers, label=ev.type.value, path=f"events[{i}]", trigger=True, score=score)
        if regs:
            w.attr(regs[0], "modality", [ev.modality.value])
    for i, c in enumerate(doc.casualties):
        if c.event not in w.regions:
            if c.mentions and any(m.start is not None for m in c.mentions):
                w._missing(f"casualties[{i}].event", f"casualty {c.id!r} belongs to event {c.event!r}, which has no "
                           "region", "prediction casualty of a left-out event left out",
                           "Give the event a trigger with offsets, or pass --on-error skip")
            continue
        regs = w.spans(c.id, c.mentions, label=KIND_LABELS[Kind.CASUALTY], path=f"casualties[{i}]")
        if regs:
            r = regs[0]
            w.attr(r, "casualty_outcome", [c.outcome.value])
            w.count(r, "casualty", c.count)
            w.attr(r, "victim_category", [c.victim.category.value])
            if c.victim.nationality is not None:
                w.attr(r, "victim_nationality", [c.victim.nationality])
    _relations(w, doc)
    if w.problems:
        raise DataError(w.problems)
    if stats is not None:
        stats["reordered"] = stats.get("reordered", 0) + w.reordered
    return w.result()


def _relations(w: _Writer, doc: Document) -> None:
    regions = w.regions
    for field in ("actors", "locations", "times", "weapons", "events", "casualties"):
        for obj in getattr(doc, field):
            if obj.id in regions:
                _star(w, regions[obj.id])

    def head(obj_id: str | None) -> str | None:
        return regions[obj_id][0][0] if obj_id is not None and obj_id in regions else None

    def lost(path: str, ref: str) -> None:
        w._missing(path, f"reference to {ref!r}, which has no region", "prediction reference to a left-out object left out",
                   "Give the object a mention with offsets, or pass --on-error skip")


    def region_pairs(first: str, second: str) -> Iterator[tuple[str, str, str]]:
        """Every (from, to, direction) pair of regions of two objects: first to second, then second to first."""
        for a, _, _ in regions[first]:
            for b, _, _ in regions[second]:
                yield a, b, "right"
        for a, _, _ in regions[first]:
            for b, _, _ in regions[second]:
                yield b, a, "left"

    for i, ev in enumerate(doc.events):
        if ev.id not in regions:
            continue
        trigger = regions[ev.id][0][0]
        if ev.time is not None:
            if (time_head := head(ev.time)) is None:
                lost(f"events[{i}].time", ev.time)
            else:
                w.relate(trigger, time_head, TIME_OF)
        facts = []
        for j, arg in enumerate(ev.arguments):
            if arg.entity not in regions:
                lost(f"events[{i}].arguments[{j}].entity", arg.entity)
            else:
                facts.append((arg.role.value, ev.id, arg.entity))

        w.ordered(facts, region_pairs)

    links = []
    for i, link in enumerate(doc.links):
        if link.source not in regions or link.target not in regions:
            lost(f"links[{i}]", link.source if link.source not in regions else link.target)
        else:
            links.append((link.type.value, link.source, link.target))

    w.ordered(links, region_pairs)

    for i, c in enumerate(doc.casualties):
        if c.id not in regions:
            continue
        me = regions[c.id][0][0]
        w.relate(me, regions[c.event][0][0], CASUALTY_OF)
        for path, ref, label in ((f"casualties[{i}].victim.actor", c.victim.actor, VICTIM),
                                 (f"casualties[{i}].source", c.source, SOURCE),
                                 (f"casualties[{i}].part_of", c.part_of, PART_OF)):
            if ref is None:
                continue
            if (other := head(ref)) is None:
                lost(path, ref)
            else:
                w.relate(me, other, label)


def to_annotation(doc: Document, *, ground_truth: bool, completed_by: int | str | None = None) -> dict[str, Any]:
    """A gold document as a Label Studio annotation.

    ``ground_truth`` is always written: Label Studio marks imported annotations
    as ground truth unless told otherwise. ``completed_by`` is a user id, or an
    email of an existing member.
    """
    ann: dict[str, Any] = {"result": document_result(doc), "ground_truth": ground_truth, "was_cancelled": False}
    if completed_by is not None:
        ann["completed_by"] = completed_by if isinstance(completed_by, int) else {"email": completed_by}
    return ann


def to_prediction(doc: Document, *, model_version: str, span_free: OnError = "raise",
                  summary: Summary | None = None, where: str | None = None) -> dict[str, Any]:
    """A system's output for one document as a Label Studio prediction (pre-annotation).

    Event confidences become region scores; the prediction's ``score`` is their
    mean, and is left out when no event has a confidence.
    """
    result = document_result(doc, where=where, span_free=span_free, summary=summary, scores=True)
    pred: dict[str, Any] = {"model_version": model_version, "result": result}
    confidences = [ev.confidence for ev in doc.events if ev.confidence is not None]
    if confidences:
        pred["score"] = statistics.fmean(confidences)
    return pred


def to_task(doc: Document, *, gold: bool, ground_truth: bool = True, completed_by: int | str | None = None,
            predictions: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
    """One Label Studio task: the report, its gold annotation when ``gold``, and any predictions."""
    task: dict[str, Any] = {"data": task_data(doc)}
    if gold:
        task["annotations"] = [to_annotation(doc, ground_truth=ground_truth, completed_by=completed_by)]
    if predictions:
        task["predictions"] = list(predictions)
    return task


def read_predictions(path: str | Path) -> dict[str, tuple[Document, str]]:
    """System output (prediction profile) by document id, each with its ``file:line``."""
    out: dict[str, tuple[Document, str]] = {}
    for doc in read_documents(path, Profile.PREDICTION):
        out[doc.id] = (doc, str(path))
    return out


def iter_tasks(sources: Iterable[Source], *, predictions: Mapping[str, tuple[Document, str]] | None = None,
               model_version: str = "eventgold", ground_truth: bool = True, completed_by: int | str | None = None,
               on_error: OnError = "raise", summary: Summary | None = None) -> Iterator[dict[str, Any]]:
    """Tasks for a stream of sources, each with its prediction when ``predictions`` has one for its id.

    Every prediction must match a source by id and text; predictions that
    cannot be shown (span-free mentions) raise or are skipped per ``on_error``.
    """
    remaining = dict(predictions or {})
    for src in sources:
        preds = []
        found = remaining.pop(src.doc.id, None)
        if found is not None:
            pdoc, pwhere = found
            if pdoc.text != src.doc.text:
                raise DataError(Problem(
                    f"the prediction's text differs from the report's ({src.where})",
                    "Predictions must be made on exactly the report text; their offsets index into it",
                    file=pwhere, doc_id=pdoc.id))
            preds.append(to_prediction(pdoc, model_version=model_version, span_free=on_error, summary=summary,
                                       where=pwhere))
        yield to_task(src.doc, gold=src.gold, ground_truth=ground_truth, completed_by=completed_by,
                      predictions=preds)
        if summary is not None:
            summary.written += 1
    if remaining:
        doc_id, (_, where) = next(iter(remaining.items()))
        raise DataError(Problem(f"prediction for a document that is not in the input ({len(remaining)} such)",
                                "Predict on the same reports you convert, or remove the extra predictions",
                                file=where, doc_id=doc_id))


def _json_dumps() -> Any:
    """Compact JSON, UTF-8 text: ujson when present (a dependency of label-studio-sdk; 2-3x faster), else json."""
    try:
        import ujson
    except ImportError:
        return lambda obj: json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return lambda obj: ujson.dumps(obj, ensure_ascii=False, escape_forward_slashes=False)


dump_json = _json_dumps()


def write_tasks(path: str | Path, tasks: Iterable[dict[str, Any]]) -> int:
    """Write tasks as a JSON array, one task per line, atomically; return how many were written."""
    n = 0
    with atomic_write(path) as out:
        out.write("[")
        for task in tasks:
            out.write("\n" if n == 0 else ",\n")
            out.write(dump_json(task))
            n += 1
        out.write("\n]\n" if n else "]\n")
    return n


def convert_to_ls(input_path: str | Path, output: str | Path, *, published: Any = None,
                  predictions: str | Path | None = None, model_version: str | None = None,
                  ground_truth: bool = True, completed_by: int | str | None = None,
                  on_error: str = "raise") -> Summary:
    """``eventgold annotate to-ls``: reports or gold in ``input_path``, tasks JSON in ``output``.

    ``model_version`` defaults to the predictions file's name without suffix.
    """
    mode = check_on_error(on_error)
    if model_version is not None and predictions is None:
        raise UsageError("--model-version names the predictions; give --predictions PRED.jsonl too")
    preds = read_predictions(predictions) if predictions is not None else None
    version = model_version or (Path(predictions).stem if predictions is not None else "eventgold")
    summary = Summary()
    tasks = iter_tasks(read_sources(input_path, published=published), predictions=preds, model_version=version,
                       ground_truth=ground_truth, completed_by=completed_by, on_error=mode, summary=summary)
    write_tasks(output, tasks)
    return summary
