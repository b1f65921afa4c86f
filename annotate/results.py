"""Stage 1 of reading an export: the result items of one annotation, checked one by one.

Every item of a ``result`` list is one of three things (see
:mod:`eventgold.annotate.scheme`): a span region (``from_name`` is the labels
control), a per-region attribute (``from_name`` is one of
:data:`~.scheme.CONTROLS`, same ``id`` as its region) or a relation
(``type`` is ``relation``). Each has one reading path that accepts a
well-formed item and, at the first check it fails, records a located problem
that says what to do; nothing is half-read. What comes out is the
:class:`Reading`'s regions (with their attribute values) and relation facts,
which :mod:`eventgold.annotate.assemble` turns into objects.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from eventgold.schema import Profile

from .located import Problems, Where
from .scheme import (
    CHOICE_VALUES,
    CONTROLS_BY_NAME,
    LABEL_KINDS,
    LABELS,
    QUALIFIER_LABELS,
    RELATION_LABELS,
    RULES_BY_KEY,
    TEXT,
    Kind,
    Qualifier,
    RelationRule,
)

_RELATION_LABEL_SET = frozenset(RELATION_LABELS)
_DIRECTIONS = ("right", "left", "bi")
_WS = re.compile(r"\s+")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(slots=True)
class Region:
    """A span region: its id, its place in the result, kind, label, offsets, attribute values and score."""

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
class Fact:
    """One label of one relation, read: ``rule`` from ``a`` (its subject) to ``b`` (its object).

    ``qualifiers`` are the further labels of an argument relation (certainty, spatial relation).
    """

    rule: RelationRule
    a: Region
    b: Region
    item: dict[str, Any]
    qualifiers: tuple[tuple[Qualifier, str], ...] = ()


class Reading(Problems):
    """The explicit context of reading one annotation's result: what each stage reads and adds.

    Stage 1 (:func:`read_result`) fills ``regions`` and ``facts``; the stages
    of :mod:`eventgold.annotate.assemble` add the objects and the document body.
    """

    def __init__(self, text: str, where: Where, profile: Profile) -> None:
        super().__init__(where)
        self.text = text
        self.n = len(text)
        self.profile = profile
        self.regions: dict[str, Region] = {}
        #: ids of regions whose span result was rejected: their attributes are not reported again
        self.rejected: set[str] = set()
        self.facts: list[Fact] = []
        #: Filled by the later stages (see :mod:`eventgold.annotate.assemble`): the objects, the object of each
        #: region, event links and actor links with where each came from, and the document body.
        self.objects: list[Any] = []
        self.owner: dict[str, Any] = {}
        self.links: list[tuple[dict[str, Any], str, tuple[int, int] | None]] = []
        self.actor_links: list[tuple[int, dict[str, Any], str, tuple[int, int] | None]] = []
        self.body: dict[str, Any] = {}


def read_result(r: Reading, result: Any) -> None:
    """Read every item of ``result``: regions first, then their attributes, then relations."""
    if not isinstance(result, list):
        got = "missing" if result is None else f"{type(result).__name__}, not a list"
        r.fail("result is not a list", f"result is {got}", "Export the project in Label Studio's JSON format")
        r.check()
    attrs: list[tuple[int, dict[str, Any]]] = []
    relations: list[tuple[int, dict[str, Any]]] = []
    for i, item in enumerate(result):
        if type(item) is not dict:
            r.fail("malformed result item", "result item is not a JSON object",
                   "Export the project in Label Studio's JSON format", f"result[{i}]")
            continue
        name = item.get("from_name")
        if name == LABELS:
            if not read_region(r, i, item) and type(item.get("id")) is str:
                r.rejected.add(item["id"])
        elif type(name) is str and name in _SPECS:
            attrs.append((i, item))
        elif item.get("type") == "relation":
            relations.append((i, item))
        else:
            if type(item.get("id")) is str:
                r.rejected.add(item["id"])
            r.fail("unknown control", f"result comes from control {name!r}, which the labeling config does not "
                   "define", "Use the config from 'eventgold annotate config'; a project with another config cannot "
                   "be read", f"result[{i}]")
    for i, item in attrs:
        read_attribute(r, i, item)
    r.check()
    for i, item in relations:
        read_relation(r, i, item)
    r.check()


def _span(r: Reading, i: int, item: dict[str, Any], what: str) -> tuple[str, int, int, dict[str, Any]] | None:
    """The checks every region-bearing result shares; (id, start, end, value), or None after a failure."""
    rid = item.get("id")
    if type(rid) is not str or not rid:
        r.fail("region without id", f"{what} result has no region id",
               "Region results need an 'id'; re-export from Label Studio", f"result[{i}]")
        return None
    if item.get("to_name") != TEXT:
        r.fail("wrong object", f"{what} result labels {item.get('to_name')!r}, not {TEXT!r}",
               "Use the config from 'eventgold annotate config'", f"region {rid!r}")
        return None
    value = item.get("value")
    if type(value) is not dict:
        r.fail("malformed result item", f"{what} result has no 'value' object",
               "Re-export the project in Label Studio's JSON format", f"region {rid!r}")
        return None
    start, end = value.get("start"), value.get("end")
    if type(start) is not int or type(end) is not int:
        r.fail("offsets are not integers", f"offsets {start!r}-{end!r} are not character indices",
               "Regions must be made on the <Text> tag (not HyperText or Paragraphs)", f"region {rid!r}")
        return None
    if not 0 <= start < end <= r.n:
        r.fail("offsets out of range", f"offsets {start}-{end} are outside the text (length {r.n})",
               "Delete and redraw the region; offsets are [start, end) in code points", f"region {rid!r}",
               span=(start, end))
        return None
    return rid, start, end, value


def read_region(r: Reading, i: int, item: dict[str, Any]) -> bool:
    """Register a span region, or report why not and return False."""
    if item.get("type") != "labels":
        r.fail("wrong result type", f"result of {LABELS!r} has type {item.get('type')!r}, expected 'labels'",
               "Re-export the project in Label Studio's JSON format", f"result[{i}]")
        return False
    got = _span(r, i, item, "span")
    if got is None:
        return False
    rid, start, end, value = got
    labels = value.get("labels")
    if type(labels) is not list or len(labels) != 1 or type(labels[0]) is not str:
        r.fail("region without exactly one label", f"region has labels {labels!r}; a region takes exactly one label",
               "Give the region one label in Label Studio (or delete it)", f"region {rid!r}", span=(start, end))
        return False
    label = labels[0]
    kind = LABEL_KINDS.get(label)
    if kind is None:
        r.fail("unknown label", f"label {label!r} is not in the labeling config",
               "Use the config from 'eventgold annotate config'; relabel the region", f"region {rid!r}",
               span=(start, end))
        return False
    stored = value.get("text")
    if stored is not None:
        covered = r.text[start:end]
        if stored != covered and (type(stored) is not str or canon(stored) != canon(covered)):
            r.fail("stored text disagrees with the task text",
                   f"stored text {stored!r} does not match text[{start}:{end}] = {covered!r}",
                   "The task text changed after annotation, or the offsets are wrong; redraw the region",
                   f"region {rid!r}", span=(start, end))
            return False
    if rid in r.regions:
        r.fail("duplicate region id", f"two regions have the id {rid!r}", "Give every region its own id",
               f"region {rid!r}", span=(start, end))
        return False
    region = Region(rid, i, kind, label, start, end)
    if "meta" in item:
        meta = item["meta"]
        note = meta.get("text") if type(meta) is dict else None
        if note:
            r.fail("region note", f"region has a note {note!r}, which the gold schema cannot hold",
                   "Move the note to a task comment, or delete it (select the region, Meta)", f"region {rid!r}",
                   span=(start, end))
            return False
    if "score" in item and r.profile is Profile.PREDICTION and item["score"] is not None:
        score = item["score"]
        if type(score) is not int and type(score) is not float:
            r.fail("malformed score", f"score {score!r} is not a number", "Give scores between 0 and 1",
                   f"region {rid!r}", span=(start, end))
            return False
        region.score = float(score)
    r.regions[rid] = region
    return True


#: Per control name: the control, its result type, the key of its answer, its kind, tag, whether it is a flag, a
#: whole number, a list, and its stored choice values (made once from CONTROLS: no property lookups per item).
_SPECS: dict[str, tuple[str, str, str, Kind, str, bool, bool, bool, frozenset[str]]] = {
    c.name: (c.name, c.result_type, c.value_key, c.kind, c.tag, c.flag, c.whole, c.many,
             CHOICE_VALUES.get(c.name, frozenset())) for c in CONTROLS_BY_NAME.values()
}


def read_attribute(r: Reading, i: int, item: dict[str, Any]) -> None:
    """Put a per-region attribute's value on its region, or report why not."""
    name, result_type, value_key, kind, tag, flag, whole, many, choices = _SPECS[item["from_name"]]
    if item.get("type") != result_type:
        r.fail("wrong result type", f"result of {name!r} has type {item.get('type')!r}, expected {result_type!r}",
               "Re-export the project in Label Studio's JSON format", f"result[{i}]")
        return
    rid = item.get("id")
    if type(rid) is not str or not rid:
        r.fail("region without id", f"{name} result has no region id",
               "Region results need an 'id'; re-export from Label Studio", f"result[{i}]")
        return
    if item.get("to_name") != TEXT:
        r.fail("wrong object", f"{name} result labels {item.get('to_name')!r}, not {TEXT!r}",
               "Use the config from 'eventgold annotate config'", f"region {rid!r}")
        return
    value = item.get("value")
    if type(value) is not dict:
        r.fail("malformed result item", f"{name} result has no 'value' object",
               "Re-export the project in Label Studio's JSON format", f"region {rid!r}")
        return
    start, end = value.get("start"), value.get("end")
    region = r.regions.get(rid)
    # The region's own offsets were checked when it was read: an attribute only has to repeat them.
    if region is None or type(start) is not int or type(end) is not int or start != region.start \
            or end != region.end:
        if type(start) is not int or type(end) is not int:
            r.fail("offsets are not integers", f"offsets {start!r}-{end!r} are not character indices",
                   "Regions must be made on the <Text> tag (not HyperText or Paragraphs)", f"region {rid!r}")
        elif region is None:
            if rid not in r.rejected:
                r.fail("attribute of a region without label", f"{name} is set on region {rid!r}, which has no "
                       "span label", "Give the region a label, or remove the attribute", _attr_at(name, rid),
                       span=(start, end))
        elif region.kind is not kind:
            _wrong_kind(r, name, kind, region, rid, start, end)
        else:
            r.fail("attribute offsets differ from the region", f"{name} has offsets {start}-{end} but region "
                   f"{rid!r} is {region.start}-{region.end}", "Re-export from Label Studio; results of one region "
                   "share its offsets", _attr_at(name, rid), span=(start, end))
        return
    if region.kind is not kind:
        _wrong_kind(r, name, kind, region, rid, start, end)
        return
    attrs = region.attrs
    if name in attrs:
        r.fail("attribute given twice", f"{name} is given twice for region {rid!r}", "Keep one value",
               _attr_at(name, rid), span=(start, end))
        return
    raw = value.get(value_key)
    if tag == "Choices":
        if type(raw) is not list or len(raw) != 1 or type(raw[0]) is not str:
            r.fail("choice is not exactly one value", f"{name} is {raw!r}; choose exactly one value",
                   "Pick one option for the region", _attr_at(name, rid), span=(start, end))
        elif raw[0] not in choices:
            r.fail("unknown choice", f"{raw[0]!r} is not an option of {name}",
                   "Use the config from 'eventgold annotate config' and choose again", _attr_at(name, rid),
                   span=(start, end))
        else:
            attrs[name] = True if flag else raw[0]
    elif tag == "Number":
        if type(raw) is int:
            attrs[name] = raw
        elif type(raw) is not float:
            r.fail("number is not a number", f"{name} is {raw!r}, not a number", "Type a number",
                   _attr_at(name, rid), span=(start, end))
        elif whole and not raw.is_integer():
            r.fail("count is not a whole number", f"{name} is {raw!r}, not a whole number",
                   "Counts are whole numbers", _attr_at(name, rid), span=(start, end))
        else:
            attrs[name] = int(raw) if whole else raw
    elif tag == "TextArea":
        if type(raw) is not list or not all(type(x) is str for x in raw):
            r.fail("text is not a list of strings", f"{name} is {raw!r}, not a list of strings",
                   "Re-export the project in Label Studio's JSON format", _attr_at(name, rid), span=(start, end))
        elif many:
            attrs[name] = list(raw)
        elif len(raw) != 1:
            r.fail("several values for a single text", f"{name} has {len(raw)} entries {raw!r}; it takes one",
                   "Delete the extra entries", _attr_at(name, rid), span=(start, end))
        else:
            attrs[name] = raw[0]
    elif type(raw) is not str or not _DATE.match(raw):
        r.fail("date is not YYYY-MM-DD", f"{name} is {raw!r}, not a date YYYY-MM-DD",
               "Pick the date again in the date field", _attr_at(name, rid), span=(start, end))
    else:
        try:
            attrs[name] = dt.date.fromisoformat(raw)
        except ValueError:
            r.fail("date is not YYYY-MM-DD", f"{name} is {raw!r}, not a valid date", "Pick the date again",
                   _attr_at(name, rid), span=(start, end))


def _wrong_kind(r: Reading, name: str, kind: Kind, region: Region, rid: str, start: int, end: int) -> None:
    r.fail("attribute of the wrong kind", f"{name} applies to {kind.value} regions, not to {article(region.kind)} "
           f"region", f"Remove {name} from the region, or relabel it as {kind.value}", _attr_at(name, rid),
           span=(start, end))


def _attr_at(name: str, rid: str) -> str:
    return f"{name} of region {rid!r}"


def read_relation(r: Reading, i: int, item: dict[str, Any]) -> None:
    """Add the facts of one relation (one per role, link or reference label), or report why not."""
    a_id, b_id = item.get("from_id"), item.get("to_id")
    a = r.regions.get(a_id) if type(a_id) is str else None
    b = r.regions.get(b_id) if type(b_id) is str else None
    if a is None or b is None:
        missing = a_id if a is None else b_id
        r.fail("relation to a missing region", f"relation points to region {missing!r}, which does not exist",
               "Delete the relation and draw it again between existing regions", rel_at(item))
        return
    if a is b:
        r.fail("relation of a region to itself", "relation links a region to itself", "Delete the relation",
               rel_at(item))
        return
    labels = item.get("labels")
    if not labels:
        r.fail("relation without label", f"relation from {a.at} to {b.at} has no label",
               "Choose its label in the Relations panel, or delete the relation", rel_at(item))
        return
    direction = item.get("direction", "right")
    if direction not in _DIRECTIONS:
        r.fail("bad relation direction", f"direction {direction!r} is not right, left or bi",
               "Re-export the project in Label Studio's JSON format", rel_at(item))
        return
    facts: list[Fact] = []
    qualifiers: list[tuple[Qualifier, str]] = []
    before = len(r.problems)
    for label in labels if type(labels) is list else [labels]:
        rule = RULES_BY_KEY.get((label, a.kind, b.kind)) if type(label) is str else None
        subject, obj = a, b
        if rule is not None and rule.directed:
            if direction == "bi":
                r.fail("two-way relation that needs a direction", f"{label!r} goes one way but the relation is "
                       "two-way (bi)", "Set the relation's direction in the Relations panel", rel_at(item))
                continue
            if direction == "left":
                subject, obj = b, a
        elif rule is None:
            if type(label) is not str or label not in _RELATION_LABEL_SET:
                r.fail("unknown relation label", f"relation label {label!r} is not in the labeling config",
                       "Use the config from 'eventgold annotate config' and relabel the relation", rel_at(item))
                continue
            if label in QUALIFIER_LABELS:
                qualifiers.append((QUALIFIER_LABELS[label], label))
                continue
            rule = RULES_BY_KEY.get((label, b.kind, a.kind))
            if rule is None or rule.directed:
                allowed = sorted({f"{x.subject.value} -> {x.object.value}" for x in RULES_BY_KEY.values()
                                  if x.label == label})
                r.fail("relation label between the wrong kinds", f"{label!r} cannot link {article(a.kind)} region "
                       f"to {article(b.kind)} region (it links {', '.join(allowed)})",
                       "Choose another label, or link other regions", rel_at(item))
                continue
            subject, obj = b, a
        facts.append(Fact(rule, subject, obj, item))
    if qualifiers and len(r.problems) == before:
        _qualify(r, facts, qualifiers, rel_at(item))
    r.facts.extend(facts)


def _qualify(r: Reading, facts: list[Fact], qualifiers: list[tuple[Qualifier, str]], at: str) -> None:
    """Attach certainty and spatial labels to the one argument of their relation."""
    named = ", ".join(repr(v) for _, v in qualifiers)
    verb = "qualifies" if len(qualifiers) == 1 else "qualify"
    if not facts:
        r.fail("qualifier without a role", f"{named} {verb} an argument, but the relation names no role",
               f"Add the role label (attacker, place, ...) to the relation, or remove {named}", at)
        return
    if len(facts) > 1:
        roles = ", ".join(f.rule.label for f in facts)
        r.fail("qualifier with several roles", f"{named} {verb} one argument, but the relation names {roles}",
               f"Draw each role as its own relation and keep {named} on the one it qualifies", at)
        facts.clear()
        return
    fact = facts[0]
    if fact.rule.meaning != "argument":
        r.fail("qualifier on a relation that is no argument", f"{named} {verb} an argument, not a "
               f"{fact.rule.label} relation", f"Remove {named} from this relation", at)
        facts.clear()
        return
    seen: dict[tuple[str, ...], str] = {}
    for q, value in qualifiers:
        if q.path in seen:
            r.fail("one choice given twice", f"relation has {seen[q.path]!r} and {value!r}, two values of "
                   f"{'.'.join(q.path)}", "Keep one of them; two sources that disagree are two arguments, each through its own detail", at)
            facts.clear()
            return
        seen[q.path] = value
    fact.qualifiers = tuple(qualifiers)


def rel_at(item: dict[str, Any]) -> str:
    return f"relation {item.get('from_id')!r} -> {item.get('to_id')!r}"


def article(kind: Kind) -> str:
    return f"{'an' if kind.value[0] in 'aeiou' else 'a'} {kind.value}"


def canon(s: str) -> str:
    """Text as Label Studio may store it: newlines as a literal backslash-n, whitespace runs collapsed."""
    return _WS.sub(" ", s.replace("\\n", " ")).strip()
