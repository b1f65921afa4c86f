"""Label Studio exports back to gold documents, with every problem located.

Reads Label Studio's full JSON export (a list of tasks; the synchronous export
and a snapshot export with full predictions have the same shape) and turns one
annotation per task -- chosen by annotator (``completed_by``), by the ground
truth flag, or one prediction by ``model_version`` -- into a schema
:class:`Document`. The representation is the one in
:mod:`eventgold.annotate.scheme`; :mod:`eventgold.annotate.tasks` writes it.

Reading rules, so nothing is dropped or invented:

* span text is taken from the task text, ``text[start:end]``; a stored
  ``value.text`` is only checked, allowing for Label Studio's own rewriting
  (newlines stored as a literal backslash-n, runs of whitespace collapsed);
* the mentions of an object are the regions joined by ``same_as`` relations;
  its attributes may sit on any of its regions but must agree;
* an object keeps the id its regions were written with (``a1-m0`` is a mention
  of ``a1``); objects an annotator created get the next free ``a1``, ``e1``, ...
  id of their kind;
* a missing canonical name is the text of the object's first mention, a missing
  modality is ``actual``, a missing victim category ``unknown``, a missing
  last day of a time the first day; every other required attribute (actor
  type, location precision, weapon category, casualty outcome, count
  qualifier, first day and precision of a time, the event of a casualty) is an
  error when missing;
* region scores are read as event confidences only from predictions (an
  annotation copied from a prediction keeps the model's scores, which are not
  gold); drafts (unsubmitted work) are not read;
* what the schema cannot hold is rejected, not dropped: a region note
  (``meta.text``), a task data key other than the document fields.

Every problem names the export file, the task, the annotation, the region or
relation and the character offsets, and says what to do. With
``on_error="skip"`` a task with problems is left out and counted instead.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from eventgold.schema import (
    DataError,
    Document,
    Problem,
    Profile,
    UsageError,
    check_document,
    strict_json,
    write_documents,
)
from eventgold.schema.strict_json import free_form_problems

from .scheme import (
    CHOICE_VALUES,
    CONTROLS,
    CONTROLS_BY_NAME,
    DATA_FIELDS,
    DATA_ID,
    DATA_KEYS,
    DATA_TEXT,
    EVENT_LABELS,
    ID_PREFIXES,
    KIND_FIELDS,
    LABEL_KINDS,
    LABELS,
    RELATION_LABELS,
    RULES_BY_KEY,
    TEXT,
    Control,
    Kind,
    RelationRule,
    object_id_of,
)
from .summary import OnError, Summary, check_on_error

_RELATION_LABEL_SET = frozenset(RELATION_LABELS)
#: A relation read: (rule, subject region, object region, the relation result item).
Fact = tuple[RelationRule, "_Region", "_Region", dict[str, Any]]
#: JSON path of an object or link of a built document -> (where in Label Studio, offsets)
Origins = dict[str, tuple[str, tuple[int, int] | None]]
_DIRECTIONS = ("right", "left", "bi")
_WS = re.compile(r"\s+")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: Per control, what the fast path needs: name, result type, value key, kind, tag, many, is a count, choices.
_FAST: dict[str, tuple[str, str, str, Kind, str, bool, bool, frozenset[str]]] = {
    c.name: (c.name, c.result_type, c.value_key, c.kind, c.tag, c.many, c.step == "1",
             CHOICE_VALUES.get(c.name, frozenset())) for c in CONTROLS
}


@dataclass(frozen=True)
class Selection:
    """Which annotation of a task becomes the document.

    ``annotator`` is a user id (digits) or an email; ``ground_truth`` takes the
    annotation marked as ground truth; both together take that annotator's
    ground-truth annotation. ``prediction`` takes the prediction of that
    ``model_version`` instead of an annotation. With none of them a task must
    have exactly one annotation. A cancelled (skipped) annotation is chosen
    only when it is the only candidate (and is then an error): beside a
    submitted annotation it is not a second choice.
    """

    annotator: str | None = None
    ground_truth: bool = False
    prediction: str | None = None

    def __post_init__(self) -> None:
        if self.prediction is not None and (self.annotator is not None or self.ground_truth):
            raise UsageError("--prediction reads a model's prediction; it cannot be combined with --annotator or "
                             "--ground-truth")


class _Skip(Exception):
    """Raised inside the reader when a task cannot be read further; carries its problems."""

    def __init__(self, reason: str, problems: list[Problem]) -> None:
        self.reason = reason
        self.problems = problems


@dataclass
class _Where:
    """Where in the export we are, for messages."""

    file: str | None
    task: str
    doc_id: str | None = None
    source: str = ""

    def problem(self, message: str, hint: str, *parts: str, span: tuple[int, int] | None = None) -> Problem:
        path = ", ".join(p for p in (self.task, self.source, *parts) if p)
        return Problem(message, hint, file=self.file, doc_id=self.doc_id, path=path, span=span)


@dataclass(slots=True)
class _Region:
    rid: str
    index: int
    kind: Kind
    label: str
    start: int
    end: int
    attrs: dict[str, Any] = field(default_factory=dict)
    score: float | None = None

    @property
    def at(self) -> str:
        return f"region {self.rid!r} ({self.label})"


@dataclass(slots=True)
class _Object:
    kind: Kind
    regions: list[_Region]
    id: str = ""
    raw: dict[str, Any] = field(default_factory=dict)


class _Reader:
    """Reads one annotation (or prediction) result of one task. Collects problems; never half-builds a document."""

    def __init__(self, text: str, where: _Where, profile: Profile) -> None:
        self.text = text
        self.n = len(text)
        self.where = where
        self.profile = profile
        self.problems: list[Problem] = []
        self.reasons: list[str] = []
        self.regions: dict[str, _Region] = {}
        #: ids of regions whose span result was rejected: their attributes are not reported again
        self.rejected: set[str] = set()
        self._placed: tuple[list[_Object], list[dict[str, Any]]] = ([], [])

    def fail(self, reason: str, message: str, hint: str, *parts: str, span: tuple[int, int] | None = None) -> None:
        self.reasons.append(reason)
        self.problems.append(self.where.problem(message, hint, *parts, span=span))

    def check(self) -> None:
        if self.problems:
            raise _Skip(self.reasons[0], self.problems)

    # --- regions -------------------------------------------------------------------------------------------

    def read(self, result: Any) -> dict[str, Any]:
        if not isinstance(result, list):
            got = "missing" if result is None else f"{type(result).__name__}, not a list"
            self.fail("result is not a list", f"result is {got}",
                      "Export the project in Label Studio's JSON format")
            self.check()
        attrs: list[tuple[int, dict[str, Any]]] = []
        relations: list[tuple[int, dict[str, Any]]] = []
        regions = self.regions
        for i, item in enumerate(result):
            if type(item) is not dict:
                self.fail("malformed result item", "result item is not a JSON object",
                          "Export the project in Label Studio's JSON format", f"result[{i}]")
                continue
            if item.get("type") == "relation":
                relations.append((i, item))
                continue
            name = item.get("from_name")
            if name == LABELS:
                if not self._labels_fast(i, item) and not self._labels(i, item) and type(item.get("id")) is str:
                    self.rejected.add(item["id"])
            elif type(name) is str and name in CONTROLS_BY_NAME:
                attrs.append((i, item))
            else:
                if type(item.get("id")) is str:
                    self.rejected.add(item["id"])
                self.fail("unknown control", f"result comes from control {name!r}, which the labeling config does "
                          "not define", "Use the config from 'eventgold annotate config'; a project with another "
                          "config cannot be read", f"result[{i}]")
        for i, item in attrs:
            if not self._attr_fast(item, regions):
                self._attr(i, item)
        self.check()
        facts = [f for i, item in relations for f in self._relation(i, item)]
        self.check()
        return self._assemble(facts)

    def _labels_fast(self, i: int, item: dict[str, Any]) -> bool:
        """Accept a well-formed span region without diagnostics; False sends it to the full checks."""
        rid = item.get("id")
        value = item.get("value")
        if type(rid) is not str or not rid or type(value) is not dict or item.get("type") != "labels" \
                or item.get("to_name") != TEXT or rid in self.regions or "score" in item \
                or "meta" in item:
            return False
        start, end, labels = value.get("start"), value.get("end"), value.get("labels")
        if type(start) is not int or type(end) is not int or not 0 <= start < end <= self.n \
                or type(labels) is not list or len(labels) != 1 or type(labels[0]) is not str:
            return False
        kind = LABEL_KINDS.get(labels[0])
        if kind is None:
            return False
        stored = value.get("text")
        if stored is not None and stored != self.text[start:end]:
            return False
        self.regions[rid] = _Region(rid, i, kind, labels[0], start, end)
        return True

    def _attr_fast(self, item: dict[str, Any], regions: dict[str, _Region]) -> bool:
        """Accept a well-formed attribute result without diagnostics; False sends it to the full checks."""
        try:
            name, result_type, value_key, kind, tag, many, counts, choices = _FAST[item["from_name"]]
            region = regions[item["id"]]
            value = item["value"]
            if item["type"] != result_type or region.kind is not kind or item["to_name"] != TEXT \
                    or name in region.attrs or value["start"] != region.start or value["end"] != region.end:
                return False
            raw = value[value_key]
        except (KeyError, TypeError):
            return False
        if tag == "Choices":
            if type(raw) is list and len(raw) == 1 and type(raw[0]) is str and raw[0] in choices:
                region.attrs[name] = raw[0]
                return True
        elif tag == "TextArea":
            if type(raw) is list and (many or len(raw) == 1) and all(type(x) is str for x in raw):
                region.attrs[name] = list(raw) if many else raw[0]
                return True
        elif tag == "Number":
            if type(raw) is int and not (counts and raw < 0):
                region.attrs[name] = raw
                return True
            if type(raw) is float and not counts:
                region.attrs[name] = raw
                return True
        return False

    def _span(self, i: int, item: dict[str, Any], what: str) -> tuple[str, int, int, dict[str, Any]] | None:
        """Common checks of a region-bearing result; returns (id, start, end, value) or None after a failure."""
        rid = item.get("id")
        at = f"result[{i}]"
        if not isinstance(rid, str) or not rid:
            self.fail("region without id", f"{what} result has no region id",
                      "Region results need an 'id'; re-export from Label Studio", at)
            return None
        at = f"region {rid!r}"
        if item.get("to_name") != TEXT:
            self.fail("wrong object", f"{what} result labels {item.get('to_name')!r}, not {TEXT!r}",
                      "Use the config from 'eventgold annotate config'", at)
            return None
        value = item.get("value")
        if not isinstance(value, dict):
            self.fail("malformed result item", f"{what} result has no 'value' object",
                      "Re-export the project in Label Studio's JSON format", at)
            return None
        start, end = value.get("start"), value.get("end")
        if type(start) is not int or type(end) is not int:
            self.fail("offsets are not integers", f"offsets {start!r}-{end!r} are not character indices",
                      "Regions must be made on the <Text> tag (not HyperText or Paragraphs)", at)
            return None
        if not 0 <= start < end <= self.n:
            self.fail("offsets out of range", f"offsets {start}-{end} are outside the text (length {self.n})",
                      "Delete and redraw the region; offsets are [start, end) in code points", at, span=(start, end))
            return None
        return rid, start, end, value

    def _labels(self, i: int, item: dict[str, Any]) -> bool:
        """The full checks of a span result: register the region, or report why not and return False."""
        if item.get("type") != "labels":
            self.fail("wrong result type", f"result of {LABELS!r} has type {item.get('type')!r}, expected 'labels'",
                      "Re-export the project in Label Studio's JSON format", f"result[{i}]")
            return False
        got = self._span(i, item, "span")
        if got is None:
            return False
        rid, start, end, value = got
        at = f"region {rid!r}"
        labels = value.get("labels")
        if not isinstance(labels, list) or len(labels) != 1 or not isinstance(labels[0], str):
            self.fail("region without exactly one label", f"region has labels {labels!r}; a region takes exactly "
                      "one label", "Give the region one label in Label Studio (or delete it)", at, span=(start, end))
            return False
        label = labels[0]
        kind = LABEL_KINDS.get(label)
        if kind is None:
            self.fail("unknown label", f"label {label!r} is not in the labeling config",
                      "Use the config from 'eventgold annotate config'; relabel the region", at, span=(start, end))
            return False
        stored = value.get("text")
        if stored is not None:
            covered = self.text[start:end]
            if not isinstance(stored, str) or (stored != covered and _canon(stored) != _canon(covered)):
                self.fail("stored text disagrees with the task text",
                          f"stored text {stored!r} does not match text[{start}:{end}] = {covered!r}",
                          "The task text changed after annotation, or the offsets are wrong; redraw the region",
                          at, span=(start, end))
                return False
        if rid in self.regions:
            self.fail("duplicate region id", f"two regions have the id {rid!r}",
                      "Give every region its own id", at, span=(start, end))
            return False
        meta = item.get("meta")
        note = meta.get("text") if isinstance(meta, dict) else None
        if note:
            self.fail("region note", f"region has a note {note!r}, which the gold schema cannot hold",
                      "Move the note to a task comment, or delete it (select the region, Meta)", at,
                      span=(start, end))
            return False
        score = item.get("score")
        region = _Region(rid, i, kind, label, start, end)
        if self.profile is Profile.PREDICTION and score is not None:
            if isinstance(score, bool) or not isinstance(score, int | float):
                self.fail("malformed score", f"score {score!r} is not a number", "Give scores between 0 and 1", at,
                          span=(start, end))
                return False
            region.score = float(score)
        self.regions[rid] = region
        return True

    def _attr(self, i: int, item: dict[str, Any]) -> None:
        c = CONTROLS_BY_NAME[item["from_name"]]
        if item.get("type") != c.result_type:
            self.fail("wrong result type", f"result of {c.name!r} has type {item.get('type')!r}, expected "
                      f"{c.result_type!r}", "Re-export the project in Label Studio's JSON format", f"result[{i}]")
            return
        got = self._span(i, item, c.name)
        if got is None:
            return
        rid, start, end, value = got
        region = self.regions.get(rid)
        at = f"{c.name} of region {rid!r}"
        if region is None and rid in self.rejected:
            return
        if region is None:
            self.fail("attribute of a region without label", f"{c.name} is set on region {rid!r}, which has no "
                      "span label", "Give the region a label, or remove the attribute", at, span=(start, end))
            return
        if region.kind is not c.kind:
            self.fail("attribute of the wrong kind", f"{c.name} applies to {c.kind.value} regions, not to "
                      f"{_a(region.kind)} region", f"Remove {c.name} from the region, or relabel it as "
                      f"{c.kind.value}", at, span=(start, end))
            return
        if (start, end) != (region.start, region.end):
            self.fail("attribute offsets differ from the region", f"{c.name} has offsets {start}-{end} but region "
                      f"{rid!r} is {region.start}-{region.end}", "Re-export from Label Studio; results of one region "
                      "share its offsets", at, span=(start, end))
            return
        if c.name in region.attrs:
            self.fail("attribute given twice", f"{c.name} is given twice for region {rid!r}",
                      "Keep one value", at, span=(start, end))
            return
        parsed = self._payload(c, value.get(c.value_key), at, (start, end))
        if parsed is not _BAD:
            region.attrs[c.name] = parsed

    def _payload(self, c: Control, raw: Any, at: str, span: tuple[int, int]) -> Any:
        if c.tag == "Choices":
            if not isinstance(raw, list) or len(raw) != 1 or not isinstance(raw[0], str):
                self.fail("choice is not exactly one value", f"{c.name} is {raw!r}; choose exactly one value",
                          "Pick one option for the region", at, span=span)
                return _BAD
            if raw[0] not in CHOICE_VALUES[c.name]:
                self.fail("unknown choice", f"{raw[0]!r} is not an option of {c.name}",
                          "Use the config from 'eventgold annotate config' and choose again", at, span=span)
                return _BAD
            return raw[0]
        if c.tag == "Number":
            if isinstance(raw, bool) or not isinstance(raw, int | float):
                self.fail("number is not a number", f"{c.name} is {raw!r}, not a number", "Type a number", at,
                          span=span)
                return _BAD
            if c.step == "1":
                if raw != int(raw):
                    self.fail("count is not a whole number", f"{c.name} is {raw!r}, not a whole number",
                              "Counts are whole numbers", at, span=span)
                    return _BAD
                return int(raw)
            return raw
        if c.tag == "TextArea":
            if not isinstance(raw, list) or not all(isinstance(s, str) for s in raw):
                self.fail("text is not a list of strings", f"{c.name} is {raw!r}, not a list of strings",
                          "Re-export the project in Label Studio's JSON format", at, span=span)
                return _BAD
            if c.many:
                return list(raw)
            if len(raw) != 1:
                self.fail("several values for a single text", f"{c.name} has {len(raw)} entries {raw!r}; it takes "
                          "one", "Delete the extra entries", at, span=span)
                return _BAD
            return raw[0]
        if not isinstance(raw, str) or not _DATE.match(raw):
            self.fail("date is not YYYY-MM-DD", f"{c.name} is {raw!r}, not a date YYYY-MM-DD",
                      "Pick the date again in the date field", at, span=span)
            return _BAD
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            self.fail("date is not YYYY-MM-DD", f"{c.name} is {raw!r}, not a valid date", "Pick the date again", at,
                      span=span)
            return _BAD

    # --- relations -----------------------------------------------------------------------------------------

    def _relation_fast(self, item: dict[str, Any]) -> list[Fact] | None:
        """The facts of a well-formed relation, or None to run the full checks."""
        try:
            a = self.regions[item["from_id"]]
            b = self.regions[item["to_id"]]
            labels = item["labels"]
        except (KeyError, TypeError):
            return None
        direction = item.get("direction", "right")
        if a is b or type(labels) is not list or not labels or direction not in _DIRECTIONS:
            return None
        out: list[Fact] = []
        for label in labels:
            if type(label) is not str:
                return None
            rule = RULES_BY_KEY.get((label, a.kind, b.kind))
            if rule is not None:
                if not rule.directed:
                    out.append((rule, a, b, item))
                elif direction == "bi":
                    return None
                else:
                    out.append((rule, b, a, item) if direction == "left" else (rule, a, b, item))
                continue
            rule = RULES_BY_KEY.get((label, b.kind, a.kind))
            if rule is None or rule.directed:
                return None
            out.append((rule, b, a, item))
        return out

    def _relation(self, i: int, item: dict[str, Any]) -> list[Fact]:
        fast = self._relation_fast(item)
        if fast is not None:
            return fast
        a_id, b_id = item.get("from_id"), item.get("to_id")
        at = _rel_at(item)
        a = self.regions.get(a_id) if isinstance(a_id, str) else None
        b = self.regions.get(b_id) if isinstance(b_id, str) else None
        if a is None or b is None:
            missing = a_id if a is None else b_id
            self.fail("relation to a missing region", f"relation points to region {missing!r}, which does not exist",
                      "Delete the relation and draw it again between existing regions", at)
            return []
        if a is b:
            self.fail("relation of a region to itself", "relation links a region to itself",
                      "Delete the relation", at)
            return []
        labels = item.get("labels")
        if not labels:
            self.fail("relation without label", f"relation from {a.at} to {b.at} has no label",
                      "Choose its label in the Relations panel, or delete the relation", at)
            return []
        direction = item.get("direction", "right")
        if direction not in _DIRECTIONS:
            self.fail("bad relation direction", f"direction {direction!r} is not right, left or bi",
                      "Re-export the project in Label Studio's JSON format", at)
            return []
        out = []
        for label in labels if isinstance(labels, list) else [labels]:
            if not isinstance(label, str) or label not in _RELATION_LABEL_SET:
                self.fail("unknown relation label", f"relation label {label!r} is not in the labeling config",
                          "Use the config from 'eventgold annotate config' and relabel the relation", at)
                continue
            rule = RULES_BY_KEY.get((label, a.kind, b.kind))
            subject, obj = a, b
            if rule is not None and rule.directed:
                if direction == "bi":
                    self.fail("two-way relation that needs a direction", f"{label!r} goes one way but the relation "
                              "is two-way (bi)", "Set the relation's direction in the Relations panel", at)
                    continue
                if direction == "left":
                    subject, obj = b, a
            elif rule is None:
                rule = RULES_BY_KEY.get((label, b.kind, a.kind))
                if rule is None or rule.directed:
                    allowed = sorted({f"{r.subject.value} -> {r.object.value}" for r in RULES_BY_KEY.values()
                                      if r.label == label})
                    self.fail("relation label between the wrong kinds", f"{label!r} cannot link {_a(a.kind)} "
                              f"region to {_a(b.kind)} region (it links {', '.join(allowed)})",
                              "Choose another label, or link other regions", at)
                    continue
                subject, obj = b, a
            out.append((rule, subject, obj, item))
        return out

    # --- objects -------------------------------------------------------------------------------------------

    def _assemble(self, facts: list[Fact]) -> dict[str, Any]:
        parent: dict[str, str] = {rid: rid for rid in self.regions}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for rule, a, b, _ in facts:
            if rule.meaning == "coref":
                ra, rb = find(a.rid), find(b.rid)
                if ra != rb:
                    # keep the earlier region as the root so components keep result order
                    if self.regions[ra].index < self.regions[rb].index:
                        parent[rb] = ra
                    else:
                        parent[ra] = rb
        components: dict[str, _Object] = {}
        for rid, region in self.regions.items():
            root = find(rid)
            obj = components.get(root)
            if obj is None:
                components[root] = _Object(region.kind, [region])
            else:
                obj.regions.append(region)
        objects = list(components.values())
        self._name(objects)
        owner: dict[str, _Object] = {r.rid: o for o in objects for r in o.regions}
        for obj in objects:
            self._attributes(obj)
        links: list[dict[str, Any]] = []
        link_at: list[dict[str, Any]] = []
        for rule, a, b, rel in facts:
            if rule.meaning != "coref":
                self._fact(rule, owner[a.rid], owner[b.rid], rel, links, link_at)
        self.check()
        for obj in objects:
            self._required(obj)
        self.check()
        out: dict[str, list[dict[str, Any]]] = {f: [] for f in KIND_FIELDS.values()}
        for obj in objects:
            out[KIND_FIELDS[obj.kind]].append(obj.raw)
        self._placed = (objects, link_at)
        return {**out, "links": links}

    def origins(self) -> Origins:
        """Where each object and link of the built document came from, by JSON path (made when a problem needs it)."""
        objects, link_at = self._placed
        origins: Origins = {}
        counts = dict.fromkeys(KIND_FIELDS.values(), 0)
        for obj in objects:
            fld = KIND_FIELDS[obj.kind]
            head = obj.regions[0]
            origins[f"{fld}[{counts[fld]}]"] = (head.at, (head.start, head.end))
            counts[fld] += 1
        for j, rel in enumerate(link_at):
            origins[f"links[{j}]"] = (_rel_at(rel), None)
        return origins

    def _name(self, objects: list[_Object]) -> None:
        """Give each object the id its regions were written with, or the next free id of its kind."""
        claimed: set[str] = set()
        for obj in objects:
            for region in obj.regions:
                cand = object_id_of(region.rid, obj.kind)
                if cand is not None and cand not in claimed:
                    obj.id = cand
                    claimed.add(cand)
                    break
        counters = dict.fromkeys(Kind, 0)
        for obj in objects:
            if not obj.id:
                prefix = ID_PREFIXES[obj.kind]
                while True:
                    counters[obj.kind] += 1
                    cand = f"{prefix}{counters[obj.kind]}"
                    if cand not in claimed:
                        break
                obj.id = cand
                claimed.add(cand)

    def _attributes(self, obj: _Object) -> None:
        """Merge the attributes of an object's regions; values given on several regions must agree."""
        first = obj.regions[0]
        if len(obj.regions) == 1:
            obj.raw = _build(obj, first.attrs, [{"start": first.start, "end": first.end,
                                                 "text": self.text[first.start:first.end]}])
            return
        merged: dict[str, tuple[Any, _Region]] = {}
        for region in obj.regions:
            for name, value in region.attrs.items():
                seen = merged.get(name)
                if seen is None:
                    merged[name] = (value, region)
                elif seen[0] != value:
                    self.fail("mentions of one object disagree", f"{name} is {_show(seen[0])} on {seen[1].at} but "
                              f"{_show(value)} on {region.at}, and both are mentions of {obj.kind.value} {obj.id!r}",
                              "Set the attribute on one mention only, or make the values agree",
                              region.at, span=(region.start, region.end))
        if obj.kind is Kind.EVENT:
            types = {r.label for r in obj.regions}
            if len(types) > 1:
                self.fail("triggers of one event have different types", f"event {obj.id!r} has triggers labelled "
                          f"{', '.join(sorted(types))}", "Label every trigger of one event with the same type, or "
                          "remove the same_as relation", first.at, span=(first.start, first.end))
            scores = {r.score for r in obj.regions if r.score is not None}
            if len(scores) > 1:
                self.fail("triggers of one event have different scores", f"event {obj.id!r} has scores "
                          f"{sorted(scores)}", "Give the event one score", first.at, span=(first.start, first.end))
        values = {name: v for name, (v, _) in merged.items()}
        mentions = [{"start": r.start, "end": r.end, "text": self.text[r.start:r.end]} for r in obj.regions]
        obj.raw = _build(obj, values, mentions)

    def _fact(self, rule: RelationRule, a: _Object, b: _Object, rel: dict[str, Any], links: list[dict[str, Any]],
              link_at: list[dict[str, Any]]) -> None:
        raw = a.raw
        meaning = rule.meaning
        if meaning == "argument":
            arg = {"role": rule.label, "entity": b.id}
            if arg in raw["arguments"]:
                self.fail("argument given twice", f"event {a.id!r} already has {rule.label} {b.id!r}",
                          "Delete the repeated relation", _rel_at(rel))
                return
            raw["arguments"].append(arg)
        elif meaning == "link":
            links.append({"type": rule.label, "source": a.id, "target": b.id})
            link_at.append(rel)
        else:
            slot = {"time": ("time",), "casualty_event": ("event",), "victim_actor": ("victim", "actor"),
                    "casualty_source": ("source",), "breakdown": ("part_of",)}[meaning]
            holder = raw
            for key in slot[:-1]:
                holder = holder[key]
            current = holder.get(slot[-1])
            if current is not None and current != b.id:
                self.fail("one value linked twice", f"{a.kind.value} {a.id!r} has two {rule.label} links: "
                          f"{current!r} and {b.id!r}", "Keep one of the two relations", _rel_at(rel))
                return
            holder[slot[-1]] = b.id

    def _required(self, obj: _Object) -> None:
        first = obj.regions[0]
        raw = obj.raw
        if obj.kind is Kind.WEAPON and "quantity" in raw and raw["quantity"]["qualifier"] is None:
            self.fail("weapon quantity without qualifier", f"weapon {obj.id!r} has a quantity but no qualifier",
                      f"Select the region and fill in '{CONTROLS_BY_NAME['weapon_qualifier'].caption}'", first.at,
                      span=(first.start, first.end))
        coords = raw.get("coordinates") if obj.kind is Kind.LOCATION else None
        if coords is not None and (coords["lat"] is None or coords["lon"] is None):
            have, lack = ("latitude", "longitude") if coords["lon"] is None else ("longitude", "latitude")
            self.fail("coordinates incomplete", f"location {obj.id!r} has a {have} but no {lack}",
                      "Give both coordinates or neither", first.at, span=(first.start, first.end))
        for key, control in _REQUIRED[obj.kind]:
            node: Any = obj.raw
            for part in key:
                node = node.get(part) if isinstance(node, dict) else None
            if node is None:
                caption = CONTROLS_BY_NAME[control].caption if control in CONTROLS_BY_NAME else control
                what = {"casualty_of": "is not linked to its event"}.get(control, f"has no {key[-1]}")
                hint = ("Draw a casualty_of relation from the casualty figure to its event" if control == "casualty_of"
                        else f"Select the region and fill in '{caption}'")
                self.fail(f"{obj.kind.value} {what}", f"{obj.kind.value} {obj.id!r} {what}", hint, first.at,
                          span=(first.start, first.end))


_BAD = object()

#: Attributes without a default, by kind: (path in the object, control that sets it).
_REQUIRED: dict[Kind, tuple[tuple[tuple[str, ...], str], ...]] = {
    Kind.EVENT: (),
    Kind.ACTOR: ((("type",), "actor_type"),),
    Kind.LOCATION: ((("precision",), "location_precision"),),
    Kind.TIME: ((("value", "start"), "time_start"), (("value", "precision"), "time_precision")),
    Kind.WEAPON: ((("category",), "weapon_category"),),
    Kind.CASUALTY: ((("event",), "casualty_of"), (("outcome",), "casualty_outcome"),
                    (("count", "qualifier"), "casualty_qualifier")),
}


def _rel_at(item: dict[str, Any]) -> str:
    return f"relation {item.get('from_id')!r} -> {item.get('to_id')!r}"


def _a(kind: Kind) -> str:
    return f"{'an' if kind.value[0] in 'aeiou' else 'a'} {kind.value}"


def _show(value: Any) -> str:
    return repr(value.isoformat() if isinstance(value, dt.date) else value)


def _canon(s: str) -> str:
    """Text as Label Studio may store it: newlines as a literal backslash-n, whitespace runs collapsed."""
    return _WS.sub(" ", s.replace("\\n", " ")).strip()


def _quantity(values: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    q = {k: values[f"{prefix}_{k}"] for k in ("low", "best", "high") if f"{prefix}_{k}" in values}
    qualifier = values.get(f"{prefix}_qualifier")
    if qualifier is None and not q:
        return None
    return {"qualifier": qualifier, **q}


def _build(obj: _Object, v: dict[str, Any], mentions: list[dict[str, Any]]) -> dict[str, Any]:
    """The schema object for one component, from its merged attribute values (missing required fields stay None)."""
    first_text = mentions[0]["text"]
    kind = obj.kind
    if kind is Kind.EVENT:
        raw: dict[str, Any] = {"id": obj.id, "type": EVENT_LABELS[obj.regions[0].label].value,
                               "modality": v.get("modality", "actual"), "triggers": mentions, "arguments": []}
        scores = [r.score for r in obj.regions if r.score is not None]
        if scores:
            raw["confidence"] = scores[0]
        return raw
    if kind is Kind.ACTOR:
        raw = {"id": obj.id, "name": v.get("actor_name", first_text), "aliases": v.get("actor_aliases", []),
               "type": v.get("actor_type")}
        if "actor_country" in v:
            raw["country"] = v["actor_country"]
        raw["mentions"] = mentions
        return raw
    if kind is Kind.LOCATION:
        raw = {"id": obj.id, "name": v.get("location_name", first_text), "aliases": v.get("location_aliases", [])}
        for key, control in (("country", "location_country"), ("admin1", "location_admin1")):
            if control in v:
                raw[key] = v[control]
        if "location_lat" in v or "location_lon" in v:
            raw["coordinates"] = {"lat": v.get("location_lat"), "lon": v.get("location_lon")}
        if "location_gazetteer" in v:
            raw["gazetteer_id"] = v["location_gazetteer"]
        raw["precision"] = v.get("location_precision")
        raw["mentions"] = mentions
        return raw
    if kind is Kind.TIME:
        start = v.get("time_start")
        value = {"start": start, "end": v.get("time_end", start), "precision": v.get("time_precision")}
        return {"id": obj.id, "value": value, "relative": "time_relative" in v, "mentions": mentions}
    if kind is Kind.WEAPON:
        raw = {"id": obj.id, "name": v.get("weapon_name", first_text), "category": v.get("weapon_category")}
        quantity = _quantity(v, "weapon")
        if quantity is not None:
            raw["quantity"] = quantity
        raw["mentions"] = mentions
        return raw
    victim: dict[str, Any] = {"category": v.get("victim_category", "unknown")}
    if "victim_nationality" in v:
        victim["nationality"] = v["victim_nationality"]
    return {"id": obj.id, "event": None, "outcome": v.get("casualty_outcome"),
            "count": _quantity(v, "casualty") or {"qualifier": None}, "victim": victim, "mentions": mentions}


# --- tasks and annotations -----------------------------------------------------------------------------------

def _task_label(task: Any, index: int | None) -> str:
    tid = task.get("id") if isinstance(task, dict) else None
    if isinstance(tid, int | str) and not isinstance(tid, bool):
        return f"task {tid}"
    return f"tasks[{index}]" if index is not None else "task"


def _user(completed_by: Any) -> tuple[int | None, str | None]:
    """(id, email) of an annotation's ``completed_by`` (an int, or an object in some exports)."""
    if isinstance(completed_by, int) and not isinstance(completed_by, bool):
        return completed_by, None
    if isinstance(completed_by, dict):
        uid = completed_by.get("id")
        email = completed_by.get("email")
        return (uid if isinstance(uid, int) else None), (email.lower() if isinstance(email, str) else None)
    return None, None


def _by(annotation: dict[str, Any], annotator: str) -> bool:
    uid, email = _user(annotation.get("completed_by"))
    if annotator.isdigit():
        return uid == int(annotator)
    return email == annotator.lower()


def _who(annotation: dict[str, Any]) -> str:
    uid, email = _user(annotation.get("completed_by"))
    return email or (f"annotator {uid}" if uid is not None else "an unknown annotator")


def _select(task: dict[str, Any], select: Selection, where: _Where) -> tuple[Any, Profile]:
    """The result list the selection picks, and the profile to check it under."""
    def skip(reason: str, message: str, hint: str) -> _Skip:
        return _Skip(reason, [where.problem(message, hint)])

    if select.prediction is not None:
        preds = task.get("predictions") or []
        if not isinstance(preds, list):
            raise skip("malformed predictions", "predictions is not a list", "Re-export the project")
        if any(not isinstance(p, dict) for p in preds):
            raise skip("predictions exported as ids", "predictions are exported as ids only",
                       "Export a snapshot with full predictions (eventgold annotate pull does)")
        found = [p for p in preds if p.get("model_version") == select.prediction]
        if len(found) != 1:
            versions = sorted({str(p.get("model_version")) for p in preds})
            if not found:
                raise skip("no prediction of the model", f"no prediction from model {select.prediction!r} (found: "
                           f"{', '.join(versions) or 'none'})", "Check --prediction against the model versions")
            raise skip("several predictions of the model", f"{len(found)} predictions from model "
                       f"{select.prediction!r}", "Delete the extra predictions in Label Studio")
        pred = found[0]
        where.source = f"prediction {pred.get('id', '?')} ({select.prediction})"
        return pred.get("result"), Profile.PREDICTION

    anns = task.get("annotations") or []
    if not isinstance(anns, list) or any(not isinstance(a, dict) for a in anns):
        raise skip("malformed annotations", "annotations is not a list of objects",
                   "Export the project in Label Studio's JSON format")
    cands = anns
    wanted = []
    if select.ground_truth:
        cands = [a for a in cands if a.get("ground_truth") is True]
        wanted.append("ground-truth")
    if select.annotator is not None:
        cands = [a for a in cands if _by(a, select.annotator)]
    if not cands:
        if select.annotator is not None:
            who = ", ".join(sorted({_who(a).removeprefix("annotator ") for a in anns})) or "none"
            hint = "Choose one of the annotators listed, or pass --on-error skip to leave such tasks out"
            if "@" in select.annotator and all(_user(a.get("completed_by"))[1] is None for a in anns) and anns:
                hint = "This export names annotators by user id; pass --annotator with the id"
            wanted_s = " ".join(wanted + ["annotation"])
            raise skip("no annotation by the annotator", f"no {wanted_s} by annotator {select.annotator} "
                       f"(annotators here: {who})", hint)
        if select.ground_truth:
            raise skip("no ground-truth annotation", f"none of the {len(anns)} annotations is marked as ground truth",
                       "Mark one annotation as ground truth in Label Studio, or choose --annotator")
        raise skip("task without annotation", "task has no annotation",
                   "Annotate the task, or pass --on-error skip to leave unannotated tasks out")
    submitted = [a for a in cands if a.get("was_cancelled") is not True]
    if len(submitted) > 1:
        ids = ", ".join(f"{a.get('id', '?')} by {_who(a)}" + (" (cancelled)" if a.get("was_cancelled") is True else "")
                        for a in cands)
        hint = ("Keep one annotation per annotator, or mark one as ground truth" if select.annotator is not None
                else "Choose one with --annotator ID|EMAIL or --ground-truth")
        raise skip("several annotations", f"{len(submitted)} annotations to choose from ({ids})", hint)
    if not submitted:
        ann = cands[0]
        where.source = f"annotation {ann.get('id', '?')}"
        if len(cands) > 1:
            ids = ", ".join(f"{a.get('id', '?')} by {_who(a)}" for a in cands)
            raise skip("cancelled annotation", f"all {len(cands)} annotations were cancelled (skipped): {ids}",
                       "Leave cancelled annotations out with --on-error skip, or annotate the task")
        raise skip("cancelled annotation", f"annotation was cancelled (skipped) by {_who(ann)}",
                   "Leave cancelled annotations out with --on-error skip, or annotate the task")
    ann = submitted[0]  # a cancelled annotation beside it is a skip, not a second candidate
    where.source = f"annotation {ann.get('id', '?')}"
    return ann.get("result"), Profile.GOLD


def from_task(task: Any, *, select: Selection | None = None, file: str | None = None,
              index: int | None = None) -> Document:
    """One exported task as a gold document (or a prediction document with ``select.prediction``).

    Raises :class:`DataError` listing every located problem of the task.
    """
    try:
        return _from_task(task, select or Selection(), file, index)[0]
    except _Skip as exc:
        raise DataError(exc.problems) from None


#: The note for an annotation whose result list is empty: it is written, as a document without annotations.
EMPTY_RESULT = "annotations with an empty result, written as documents without annotations"


def _from_task(task: Any, select: Selection, file: str | None, index: int | None) -> tuple[Document, list[Problem]]:
    """The document of one task, and notes on what it was made from (an empty result)."""
    where = _Where(file, _task_label(task, index))
    if isinstance(task, _BadTask):
        raise _Skip("invalid JSON", task.problems)
    if not isinstance(task, dict):
        raise _Skip("task is not an object", [where.problem("task is not a JSON object",
                                                            "Export the project in Label Studio's JSON format")])
    data = task.get("data")
    if not isinstance(data, dict):
        raise _Skip("task without data", [where.problem(
            "task has no 'data' object", "Export in Label Studio's JSON format (JSON_MIN and CSV lose the regions)")])
    doc_id = data.get(DATA_ID)
    where.doc_id = doc_id if isinstance(doc_id, str) else None
    text = data.get(DATA_TEXT)
    if not isinstance(text, str) or not text:
        raise _Skip("task without text", [where.problem(
            f"task has no text (data.{DATA_TEXT})", "Import tasks made by 'eventgold annotate to-ls'")])
    extra = sorted(str(k) for k in data if k not in DATA_KEYS)
    if extra:
        raise _Skip("task data the document cannot hold", [where.problem(
            f"task data has key(s) {', '.join(map(repr, extra))}, which a document does not hold",
            "Move them into data.metadata, or import tasks made by 'eventgold annotate to-ls'")])
    fields: dict[str, Any] = {}
    for field_name, key in DATA_FIELDS.items():
        if key in data and field_name != "id":
            fields[field_name] = data[key]
    result, profile = _select(task, select, where)
    reader = _Reader(text, where, profile)
    body = reader.read(result)
    raw = {"id": doc_id, **fields, "text": text, **body}
    deep = free_form_problems(raw)
    if deep:
        raise _Skip("invalid document", [where.problem(f"data.{p.path}: {p.message}", p.hint) for p in deep])
    try:
        doc = Document.model_validate(raw)
    except ValidationError as exc:
        origins = reader.origins()
        raise _Skip("invalid document", [_locate_pydantic(err, where, origins) for err in exc.errors(
            include_url=False)]) from None
    problems = check_document(doc, profile)
    if problems:
        origins = reader.origins()
        raise _Skip("invalid document", [_relocate(p, where, origins) for p in problems])
    notes = []
    if result == []:
        notes.append(where.problem("the result is empty: nothing was annotated in this task",
                                   "If the report has nothing to annotate this is right; otherwise annotate it"))
    return doc, notes


_DATA_FIELDS = {name: f"data.{key}" for name, key in DATA_FIELDS.items()}


def _origin(path: str, origins: Origins) -> tuple[str, tuple[int, int] | None, str]:
    """(where in Label Studio, its offsets, rest of the JSON path) for a document JSON path."""
    head = path.split(".", 1)
    if head[0] in origins:
        at, span = origins[head[0]]
        return at, span, head[1] if len(head) > 1 else ""
    return "", None, path


def _locate_pydantic(err: Any, where: _Where, origins: Origins) -> Problem:
    from eventgold.schema.validate import json_path

    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
    msg = err["msg"].removeprefix("Value error, ")
    if loc and loc[0] in _DATA_FIELDS:
        return where.problem(f"{_DATA_FIELDS[str(loc[0])]}: {msg}",
                             "Fix the task data (eventgold annotate to-ls writes every document field)")
    at, span, rest = _origin(json_path(loc), origins)
    return where.problem(f"{rest}: {msg}" if rest else msg, "Fix the attribute in Label Studio", at, span=span)


def _relocate(p: Problem, where: _Where, origins: Origins) -> Problem:
    at, span, rest = _origin(p.path or "", origins)
    return where.problem(f"{rest}: {p.message}" if rest else p.message, p.hint, at, span=span or p.span)


# --- files ---------------------------------------------------------------------------------------------------

_CHUNK = 1 << 22  # bytes read at a time while streaming an export


@dataclass(frozen=True)
class _BadTask:
    """A task of the array that is well-formed JSON but not strict JSON: its located problems, to skip or raise."""

    problems: list[Problem]


def iter_export(path: str | Path) -> Iterator[Any]:
    """Stream the tasks of a Label Studio JSON export (a JSON array) without loading the whole file ('-': stdin).

    Tasks are decoded one at a time with the standard library's C decoder from
    a sliding buffer, which measured faster than ijson's yajl backend (about
    3x on 35 kB tasks) and needs no extra package. Parsing is strict
    (:mod:`eventgold.schema.strict_json`); a task that breaks only its rules
    (a repeated key, NaN, a lone surrogate) comes as a problem of that task,
    so ``on_error="skip"`` can leave it out.
    """
    name = str(path)
    if name == "-":
        yield from _stream_array(sys.stdin.buffer, name)
        return
    try:
        f = open(path, "rb")
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file. Check the path") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a folder, expected a Label Studio JSON export") from None
    with f:
        yield from _stream_array(f, name)


class _Text:
    """UTF-8 text read from a binary stream a chunk at a time, with byte offsets and line numbers for messages."""

    def __init__(self, f: Any, name: str) -> None:
        self.f = f
        self.name = name
        self.pending = b""  # the start of a character cut by the chunk boundary
        self.base = 0  # byte offset of ``pending`` in the file
        self.newlines = 0  # newlines before ``base``
        self.first = True

    def read(self) -> str:
        """The next chunk of text ('' only at the end); a byte that is not UTF-8 is a located :class:`DataError`."""
        while True:
            chunk = self.f.read(_CHUNK)
            data = self.pending + chunk
            if self.first:
                if len(data) < 3 and chunk:
                    self.pending = data  # not enough bytes yet to tell a byte order mark
                    continue
                self.first = False
                if data.startswith(b"\xef\xbb\xbf"):  # a byte order mark, as utf-8-sig reads it
                    data = data[3:]
                    self.base = 3
            text = self._decode(data, final=not chunk)
            if text or not chunk:
                return text

    def _decode(self, data: bytes, *, final: bool) -> str:
        try:
            text, used = codecs.utf_8_decode(data, "strict", final)
        except UnicodeDecodeError as exc:
            line = self.newlines + data.count(b"\n", 0, exc.start) + 1
            raise DataError(Problem(
                f"not UTF-8 text: {exc.reason} at byte offset {self.base + exc.start} in the file",
                "Export the project again; the file was changed by a program that does not write UTF-8",
                file=self.name, line=line)) from None
        self.newlines += data.count(b"\n", 0, used)
        self.base += used
        self.pending = data[used:]
        return text


def _stream_array(f: Any, name: str) -> Iterator[Any]:
    source = _Text(f, name)
    buf = source.read()
    pos = 0
    lines = 0  # newlines in the text already dropped from the buffer
    eof = not buf
    index = 0

    def line_at(at: int) -> int:
        return lines + buf.count("\n", 0, at) + 1

    def bad(message: str, at: int) -> DataError:
        return DataError(Problem(message, "Export the project again in Label Studio's JSON format; the file is cut "
                                 "or damaged", file=name, line=line_at(at)))

    def more() -> bool:
        nonlocal buf, pos, lines, eof
        if eof:
            return False
        lines += buf.count("\n", 0, pos)
        chunk = source.read()
        eof = not chunk
        buf = buf[pos:] + chunk
        pos = 0
        return not eof

    def skip_space() -> None:
        nonlocal pos
        while True:
            while pos < len(buf) and buf[pos] in " \t\r\n":
                pos += 1
            if pos < len(buf) or not more():
                return

    skip_space()
    if pos >= len(buf) or buf[pos] != "[":
        what = "an object" if buf[pos:pos + 1] == "{" else ("empty" if pos >= len(buf) else "not a JSON array")
        raise DataError(Problem(f"the export is {what}; expected a JSON array of tasks",
                                "Export the project in Label Studio's JSON format (not JSON_MIN, CSV or CONLL)",
                                file=name))
    pos += 1
    while True:
        skip_space()
        if pos >= len(buf):
            raise bad("the file ends inside the array of tasks", pos)
        if buf[pos] == "]":
            pos += 1
            skip_space()  # reads on past the buffer: whatever follows the array must be whitespace only
            if pos < len(buf):
                raise bad("text after the end of the array", pos)
            return
        if index:
            if buf[pos] != ",":
                raise bad(f"expected ',' between tasks, found {buf[pos]!r}", pos)
            pos += 1
            skip_space()
        while True:
            try:
                item, end = strict_json.raw_decode(buf, pos)
            except json.JSONDecodeError as exc:
                if more():
                    continue
                raise bad(f"invalid JSON: {exc.msg} (in task {index} of the array)", exc.pos) from None
            except DataError as exc:
                problems = [replace(p, file=name, line=line_at(pos),
                                    path=f"tasks[{index}]" + (_sub(p.path) if p.path else "")) for p in exc.problems]
                item, end = _BadTask(problems), _end_of_value(buf, pos)
                if end < 0 and more():
                    continue
                if end < 0:  # too deep even to find where the task ends: the rest of the file cannot be read
                    raise DataError(problems) from None
            if end == len(buf) and buf[pos] not in "{[\"" and more():
                continue  # a bare number may go on in the next chunk
            break
        pos = end
        index += 1
        yield item


def _sub(path: str) -> str:
    return path if path.startswith("[") else f".{path}"


def _end_of_value(buf: str, pos: int) -> int:
    """Where the JSON value at ``pos`` ends (parsed leniently, after a strict parse refused it); -1 if cut."""
    try:
        return json.JSONDecoder(parse_constant=str, parse_int=len).raw_decode(buf, pos)[1]
    except (json.JSONDecodeError, RecursionError):
        return -1


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
            label = _task_label(task, index)
            if doc.id in seen:
                raise _Skip("duplicate document id", [Problem(
                    f"document id {doc.id!r} is also the id of {seen[doc.id]}", "Give every task its own data.doc_id",
                    file=file, doc_id=doc.id, path=label)])
            seen[doc.id] = label
        except _Skip as exc:
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
