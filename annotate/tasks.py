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

Every object's attributes are written from :data:`~.scheme.CONTROLS` (the
value at each control's schema path) and its references from the slot rules
of :data:`~.scheme.RELATION_RULES`, the same tables the reader of exports
uses.

The writer never loses order: relations are written in the order of the
document's lists, and when one event has several roles for one entity (or two
events several links) that are not next to each other in the list, each gets
its own region pair, because Label Studio's editor keeps only one relation per
ordered pair of regions. An argument that finds no free pair goes through an
argument detail region of its own, as do arguments with a count, a distance or
an attribution. Only event links (and actor links without a phrase) that find
no free pair (more non-adjacent runs than triggers x triggers x 2) have their
labels merged onto one relation, which brings them back grouped;
:attr:`Summary.skipped` does not count these, they are reported by
:func:`document_result` through ``reordered``.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from eventgold.schema import (
    ActorLink,
    Argument,
    DataError,
    Document,
    Mention,
    Problem,
    Profile,
    UsageError,
    atomic_write,
    read_documents,
)

from .readers import Source, read_sources
from .scheme import (
    CONTROLS_BY_KIND,
    CONTROLS_BY_NAME,
    DATA_FIELDS,
    DATA_ID,
    DATA_TEXT,
    DATELINE_ID,
    KIND_FIELDS,
    KIND_LABELS,
    LABELS,
    MENTION_FIELDS,
    SAME_AS,
    SERIES_OF,
    SLOTS,
    TEXT,
    Control,
    Kind,
    RelationRule,
    actor_link_prefix,
    detail_id,
    mention_prefix,
    series_prefix,
)
from .summary import OnError, Summary, check_on_error

Region = tuple[str, int, int]  # (region id, start, end)
#: control name -> (result type, key of its answer in ``value``)
_RESULT_KEYS: dict[str, tuple[str, str]] = {c.name: (c.result_type, c.value_key) for c in CONTROLS_BY_NAME.values()}


def task_data(doc: Document) -> dict[str, Any]:
    """The task ``data``: the text plus every document field, so the task alone gives the document back."""
    return {
        DATA_TEXT: doc.text,
        DATA_FIELDS["schema_version"]: doc.schema_version,
        DATA_ID: doc.id,
        DATA_FIELDS["published"]: doc.published.isoformat(),
        DATA_FIELDS["source"]: doc.source,
        DATA_FIELDS["language"]: doc.language,
        DATA_FIELDS["synthetic"]: doc.synthetic,
        DATA_FIELDS["metadata"]: doc.metadata,
    }


def value_at(obj: Any, path: tuple[str, ...]) -> Any:
    """The value at ``path`` in a schema object (None when any step is unset)."""
    for part in path:
        obj = getattr(obj, part)
        if obj is None:
            return None
    return obj


# How a schema value becomes a control's answer (see :func:`answer`).
_NUMBER, _CHOICE, _FLAG, _TEXT, _TEXTS, _DATE = range(6)


def _mode(c: Control) -> int:
    if c.tag == "Choices":
        return _FLAG if c.flag else _CHOICE
    if c.tag == "TextArea":
        return _TEXTS if c.many else _TEXT
    return _DATE if c.tag == "DateTime" else _NUMBER


def answer(c: Control, value: Any) -> Any:
    """What a result of control ``c`` holds for the schema value ``value``; None when nothing is written."""
    return None if value is None else _answer(_mode(c), value, c.options[0].stored if c.flag else "")


def _answer(mode: int, value: Any, flag: str) -> Any:
    if mode == _CHOICE:
        return [str(value)]  # a StrEnum's str() is its value; country codes are plain strings
    if mode == _NUMBER:
        return value
    if mode == _TEXT:
        return [value]
    if mode == _DATE:
        return value.isoformat()
    if mode == _FLAG:
        return [flag] if value else None
    return list(value) or None


#: Per kind, the slot rules the writer writes (references, not series membership).
_SLOT_PLAN: dict[Kind, tuple[RelationRule, ...]] = {
    kind: tuple(rule for rule in SLOTS[kind] if rule.meaning == "slot") for kind in Kind}

#: Per kind, each control as the writer walks it: first path step, the rest, name, result type, value key, mode,
#: the stored option of a flag. Made from CONTROLS once, so writing an object is a loop over plain tuples.
_WRITE_PLAN: dict[Kind, tuple[tuple[str, tuple[str, ...], str, str, str, int, str], ...]] = {
    kind: tuple((c.path[0], c.path[1:], c.name, c.result_type, c.value_key, _mode(c),
                 c.options[0].stored if c.flag else "") for c in CONTROLS_BY_KIND[kind]) for kind in Kind
}


@dataclass
class _Fact:
    """One relation to write in order: ``labels`` from the region of object ``x`` to that of ``y``.

    A ``plain`` fact (one role or link label) may share a relation with the
    facts next to it. ``own`` is a writer that puts the fact on its own
    region instead: an argument detail (used always when ``always``, for a
    count, a distance or an attribution; otherwise when no pair of regions is
    free), or the phrase of an actor link.
    """

    labels: list[str]
    x: str
    y: str
    plain: bool = True
    own: Callable[[], None] | None = None
    always: bool = False


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

    def spans(self, obj_id: str, mentions: Sequence[Mention], *, label: str, path: str, field: str, prefix: str,
              score: float | None = None, needed: bool = True) -> list[Region]:
        """Write the labels results of mentions (region ids ``prefix`` + k); return their regions.

        Span-free mentions are left out (or raise, see :func:`document_result`); ``needed``: an object left
        without any region is reported (a series' phrases are not needed). ``path`` and ``field`` locate them.
        """
        out: list[Region] = []
        append = self.labels.append
        for k, m in enumerate(mentions):
            start, end = m.start, m.end
            if start is None or end is None:
                self._missing(f"{path}.{field}[{k}]", f"mention {m.text!r} has no offsets",
                              "span-free prediction mention left out",
                              "Label Studio needs character offsets to show a region: add start and end, or pass "
                              "--on-error skip to leave span-free mentions out (they are counted)")
                continue
            rid = f"{prefix}{k}"
            item: dict[str, Any] = {"id": rid, "from_name": LABELS, "to_name": TEXT, "type": "labels",
                                    "value": {"start": start, "end": end, "text": m.text, "labels": [label]}}
            if score is not None and not out:
                item["score"] = score
            append(item)
            out.append((rid, start, end))
        if needed and not out:
            self._missing(path, f"{obj_id!r} has no mention with offsets", "prediction object without any span left out",
                          "Give at least one mention with offsets, or pass --on-error skip to leave it out")
        return out

    def region(self, rid: str, start: int, end: int, label: str) -> Region:
        """Write one region over ``text[start:end]``."""
        self.labels.append({"id": rid, "from_name": LABELS, "to_name": TEXT, "type": "labels",
                            "value": {"start": start, "end": end, "text": self.doc.text[start:end], "labels": [label]}})
        return rid, start, end

    def objects(self, obj: Any, kind: Kind, field: str, i: int, *, label: str | None = None,
                score: float | None = None) -> list[Region]:
        """Write an object's regions and its attributes (on the first region); return the regions."""
        regs = self.spans(obj.id, getattr(obj, MENTION_FIELDS[kind]), label=label or KIND_LABELS[kind],
                          path=f"{field}[{i}]", field=MENTION_FIELDS[kind],
                          prefix=mention_prefix(obj.id, trigger=kind is Kind.EVENT), score=score)
        if regs:
            self.regions[obj.id] = regs
            self.attrs(regs[0], obj, kind)
        return regs

    def attrs(self, region: Region, obj: Any, kind: Kind) -> None:
        """Write the per-region attributes of ``obj`` (every control of its kind with a value) on ``region``."""
        rid, start, end = region
        append = self.labels.append
        for first, rest, name, result_type, value_key, mode, flag in _WRITE_PLAN[kind]:
            value = getattr(obj, first)
            if rest:
                for part in rest:
                    if value is None:
                        break
                    value = getattr(value, part)
            if value is None:
                continue
            if mode == _CHOICE:
                payload = [str(value)]
            elif mode == _NUMBER:
                payload = value
            else:
                payload = _answer(mode, value, flag)
                if payload is None:
                    continue
            append({"id": rid, "from_name": name, "to_name": TEXT, "type": result_type,
                    "value": {"start": start, "end": end, value_key: payload}})

    # --- relations -----------------------------------------------------------------------------------------

    def relate(self, a: str, b: str, labels: list[str], direction: str = "right") -> dict[str, Any]:
        """Add ``labels`` to the relation ``a -> b``, creating it when the pair is new."""
        item = self.pairs.get((a, b))
        if item is None:
            item = {"from_id": a, "to_id": b, "type": "relation", "direction": direction, "labels": list(labels)}
            self.pairs[(a, b)] = item
            self.relations.append(item)
        else:
            item["labels"].extend(labels)
        return item

    def head(self, obj_id: str | None) -> str | None:
        regs = self.regions.get(obj_id) if obj_id is not None else None
        return regs[0][0] if regs else None

    def lost(self, path: str, ref: str) -> None:
        self._missing(path, f"reference to {ref!r}, which has no region",
                      "prediction reference to a left-out object left out",
                      "Give the object a mention with offsets, or pass --on-error skip")

    def slots(self, rid: str, obj: Any, kind: Kind, path: str) -> None:
        """Write the references of ``obj`` (every slot rule of its kind) as relations from region ``rid``."""
        for rule in _SLOT_PLAN[kind]:
            value = value_at(obj, rule.path)
            if value is None or value == []:
                continue
            for k, ref in enumerate(value if rule.many else (value,)):
                target = self.head(ref)
                if target is None:
                    self.lost(f"{path}.{'.'.join(rule.path)}" + (f"[{k}]" if rule.many else ""), ref)
                else:
                    self.relate(rid, target, [rule.label])

    def pairs_of(self, first: str, second: str) -> Iterator[tuple[str, str, str]]:
        """Every (from, to, direction) pair of regions of two objects: first to second, then second to first."""
        for a, _, _ in self.regions[first]:
            for b, _, _ in self.regions[second]:
                yield a, b, "right"
        for a, _, _ in self.regions[first]:
            for b, _, _ in self.regions[second]:
                yield b, a, "left"

    def ordered(self, facts: Iterable[_Fact], path: str) -> None:
        """Write facts so that reading them back keeps their order (see the module doc)."""
        prev: tuple[str, str] | None = None
        prev_item: dict[str, Any] | None = None
        last: dict[tuple[str, str], dict[str, Any]] = {}
        for fact in facts:
            key = (fact.x, fact.y)
            if fact.own is not None and fact.always:
                fact.own()
                prev, prev_item = None, None
                continue
            if fact.plain and prev == key and prev_item is not None:
                prev_item["labels"].extend(fact.labels)
                continue
            slot = next(((a, b, d) for a, b, d in self.pairs_of(*key) if (a, b) not in self.pairs), None)
            if slot is None and fact.own is not None:
                fact.own()
                prev, prev_item = None, None
                continue
            if slot is None:
                item = last.get(key)
                if item is None or not fact.plain:
                    self.problems.append(Problem(
                        f"{' '.join(fact.labels)} from {fact.x!r} to {fact.y!r} finds no free pair of their regions",
                        "Label Studio keeps one relation per pair of regions: give one of them another mention",
                        file=self.where, doc_id=self.doc.id, path=path))
                    continue
                item["labels"].extend(fact.labels)
                self.reordered += 1
            else:
                item = self.relate(slot[0], slot[1], fact.labels, slot[2])
            last[key] = item
            prev, prev_item = key, (item if fact.plain else None)

    def result(self) -> list[dict[str, Any]]:
        return self.labels + self.relations


def _star(w: _Writer, regions: list[Region]) -> None:
    """Coreference: the first region of an object points at each of its other regions."""
    for rid, _, _ in regions[1:]:
        w.relate(regions[0][0], rid, [SAME_AS])


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
    for kind in (Kind.ACTOR, Kind.LOCATION, Kind.TIME, Kind.WEAPON):
        field = KIND_FIELDS[kind]
        for i, obj in enumerate(getattr(doc, field)):
            w.objects(obj, kind, field, i)
    for i, ev in enumerate(doc.events):
        w.objects(ev, Kind.EVENT, "events", i, label=str(ev.type), score=ev.confidence if scores else None)
    for i, c in enumerate(doc.casualties):
        if c.event not in w.regions:
            if c.mentions and any(m.start is not None for m in c.mentions):
                w._missing(f"casualties[{i}].event", f"casualty {c.id!r} belongs to event {c.event!r}, which has no "
                           "region", "prediction casualty of a left-out event left out",
                           "Give the event a trigger with offsets, or pass --on-error skip")
            continue
        w.objects(c, Kind.CASUALTY, "casualties", i)
    _relations(w, doc)
    if w.problems:
        raise DataError(w.problems)
    if stats is not None:
        stats["reordered"] = stats.get("reordered", 0) + w.reordered
    return w.result()


def _qualifiers(arg: Argument) -> list[str]:
    """The closed choices of an argument as further labels of its role relation."""
    out = [arg.certainty.value] if arg.certainty is not None else []
    if arg.spatial is not None:
        out.append(arg.spatial.relation.value)
    return out


def _relations(w: _Writer, doc: Document) -> None:
    regions = w.regions
    for field in ("actors", "locations", "times", "weapons", "events", "casualties"):
        for obj in getattr(doc, field):
            if obj.id in regions:
                _star(w, regions[obj.id])

    for i, ev in enumerate(doc.events):
        if ev.id not in regions:
            continue
        trigger = regions[ev.id][0][0]
        w.slots(trigger, ev, Kind.EVENT, f"events[{i}]")
        facts = []
        for j, arg in enumerate(ev.arguments):
            if arg.entity not in regions:
                w.lost(f"events[{i}].arguments[{j}].entity", arg.entity)
                continue
            labels = [arg.role.value, *_qualifiers(arg)]
            always = arg.quantity is not None or arg.asserted_by is not None or (
                arg.spatial is not None and arg.spatial.distance_km is not None)
            facts.append(_Fact(labels, ev.id, arg.entity, plain=len(labels) == 1 and not always,
                               own=partial(_write_detail, w, trigger, ev.id, i, j, arg, labels), always=always))
        w.ordered(facts, f"events[{i}].arguments")
        if ev.series is not None:
            for rid, _, _ in w.spans(ev.id, ev.series.mentions, label=KIND_LABELS[Kind.SERIES],
                                     path=f"events[{i}].series", field="mentions", prefix=series_prefix(ev.id),
                                     needed=False):
                w.relate(rid, trigger, [SERIES_OF])

    links = []
    for i, link in enumerate(doc.links):
        if link.source not in regions or link.target not in regions:
            w.lost(f"links[{i}]", link.source if link.source not in regions else link.target)
        else:
            links.append(_Fact([link.type.value], link.source, link.target))
    w.ordered(links, "links")

    for field, kind in (("casualties", Kind.CASUALTY), ("times", Kind.TIME)):
        for i, obj in enumerate(getattr(doc, field)):
            if obj.id in regions:
                w.slots(regions[obj.id][0][0], obj, kind, f"{field}[{i}]")

    if doc.dateline is not None:
        m = doc.dateline.mention
        if m.start is None or m.end is None:
            w._missing("dateline.mention", f"dateline {m.text!r} has no offsets", "span-free prediction dateline left out",
                       "Label Studio needs character offsets to show a region: add start and end, or pass "
                       "--on-error skip to leave it out (it is counted)")
        else:
            head = w.region(DATELINE_ID, m.start, m.end, KIND_LABELS[Kind.DATELINE])
            w.attrs(head, doc.dateline, Kind.DATELINE)
            w.slots(head[0], doc.dateline, Kind.DATELINE, "dateline")

    actor_links = []
    for i, alink in enumerate(doc.actor_links):
        if alink.source not in regions or alink.target not in regions:
            w.lost(f"actor_links[{i}]", alink.source if alink.source not in regions else alink.target)
            continue
        phrase = partial(_write_link_phrase, w, i, alink) if alink.mentions else None
        actor_links.append(_Fact([alink.type.value], alink.source, alink.target, own=phrase, always=bool(phrase)))
    w.ordered(actor_links, "actor_links")


def _write_detail(w: _Writer, trigger: str, event_id: str, i: int, j: int, arg: Argument, labels: list[str]) -> None:
    """Write argument ``j`` through its own detail region (placed on the entity's first mention)."""
    _, start, end = w.regions[arg.entity][0]
    region = w.region(detail_id(event_id, j), start, end, KIND_LABELS[Kind.DETAIL])
    w.attrs(region, arg, Kind.DETAIL)
    w.relate(trigger, region[0], labels)
    w.slots(region[0], arg, Kind.DETAIL, f"events[{i}].arguments[{j}]")


def _write_link_phrase(w: _Writer, i: int, alink: ActorLink) -> None:
    """Write actor link ``i`` as its phrase regions (type on the first, source and target relations from it)."""
    regs = w.spans(f"actor_links[{i}]", alink.mentions, label=KIND_LABELS[Kind.ACTOR_LINK],
                   path=f"actor_links[{i}]", field="mentions", prefix=actor_link_prefix(i), needed=False)
    if not regs:  # every phrase was span-free (a prediction): the link alone, as a relation
        w.relate(w.regions[alink.source][0][0], w.regions[alink.target][0][0], [alink.type.value])
        return
    _star(w, regs)
    w.attrs(regs[0], alink, Kind.ACTOR_LINK)
    w.slots(regs[0][0], alink, Kind.ACTOR_LINK, f"actor_links[{i}]")


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
