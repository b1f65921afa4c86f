"""The authoring format: annotations written by hand as YAML, turned into gold documents.

A report is three files in an authoring folder::

    reports/<id>.txt          the exact text (bytes kept as they are, CRLF included)
    reports/<id>.meta.yaml    id, published, source, region, country, ...
    annotations/<id>.yaml     the annotation, with mentions written as quoted strings

A mention is the exact text it covers; when that text occurs more than once in the
report, ``"text#N"`` picks the N-th occurrence (1-based). The build step turns each
string into ``{start, end, text}`` and fails, naming the file and the YAML path,
when a string is missing or ambiguous. Counts have short forms::

    count: 3                      # exact
    count: {at_least: 7}
    count: {at_most: 5}
    count: {about: 20}            # approximately
    count: {range: [5, 8]}
    count: {vague: dozens}        # interval from VAGUE_QUANTITIES
    count: unspecified

Arguments are written as ``{role: [entity ids]}``.

Check one document while writing it: ``python -m eventgold.corpus.authoring check DIR ID``;
find occurrences of a string: ``python -m eventgold.corpus.authoring find DIR ID "the attack"``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from eventgold.schema import DataError, Document, Problem, parse_document
from eventgold.schema.vocab import SCHEMA_VERSION, VAGUE_QUANTITIES

#: libyaml's loader when PyYAML was built with it (ten times faster on the corpus), else the pure-Python one.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NTH = re.compile(r"^(?P<text>.*)#(?P<n>[1-9][0-9]*)$", re.DOTALL)
_META_KEYS = {"id", "published", "source", "language", "synthetic"}
#: Writers' notes in the meta files that are not document metadata (``event_types`` would leak answers to systems).
_WRITER_NOTES = {"event_types"}


def read_text(path: Path) -> str:
    """Read a report exactly: UTF-8, line ends untouched."""
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def occurrences(text: str, needle: str) -> list[int]:
    """Start offsets of every whole-word occurrence of ``needle`` in ``text``.

    A match that starts or ends inside a word does not count: ``"IS"`` is not found in
    ``"ISIS"`` and ``"attack"`` is not found in ``"attacks"``.
    """
    starts, i = [], text.find(needle)
    while i != -1:
        before_ok = i == 0 or not (needle[0].isalnum() and text[i - 1].isalnum())
        j = i + len(needle)
        after_ok = j == len(text) or not (needle[-1].isalnum() and text[j].isalnum())
        if before_ok and after_ok:
            starts.append(i)
        i = text.find(needle, i + 1)
    return starts


def resolve_mention(text: str, spec: str) -> dict[str, Any]:
    """Turn ``"words"`` or ``"words#N"`` into ``{start, end, text}``; raise ValueError when missing or ambiguous."""
    m = _NTH.match(spec)
    needle, nth = (m.group("text"), int(m.group("n"))) if m else (spec, None)
    found = occurrences(text, needle)
    if not found:
        raise ValueError(f"{needle!r} does not occur in the text")
    if nth is None:
        if len(found) > 1:
            raise ValueError(f"{needle!r} occurs {len(found)} times (at {found}); write {needle + '#1'!r} ... "
                             f"{needle + '#' + str(len(found))!r} to pick one")
        nth = 1
    if nth > len(found):
        raise ValueError(f"{needle!r} occurs only {len(found)} times, so #{nth} does not exist")
    start = found[nth - 1]
    return {"start": start, "end": start + len(needle), "text": needle}


def expand_count(value: Any) -> Any:
    """Expand the short forms of a count into the schema's ``Quantity`` fields."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return {"qualifier": "exact", "low": value, "best": value, "high": value}
    if value == "unspecified":
        return {"qualifier": "unspecified"}
    if isinstance(value, dict) and len(value) == 1:
        (key, arg), = value.items()
        if key == "at_least":
            return {"qualifier": "at_least", "low": arg}
        if key == "at_most":
            return {"qualifier": "at_most", "high": arg}
        if key == "about":
            return {"qualifier": "approximately", "best": arg}
        if key == "range" and isinstance(arg, list) and len(arg) == 2:
            return {"qualifier": "range", "low": arg[0], "high": arg[1]}
        if key == "vague":
            if arg not in VAGUE_QUANTITIES:
                raise ValueError(f"unknown vague quantity {arg!r}; use one of {sorted(VAGUE_QUANTITIES)}")
            low, high = VAGUE_QUANTITIES[arg]
            return {"qualifier": "vague", "low": low, "high": high}
    return value


def _mentions(text: str, specs: Any, path: str, problems: list[Problem]) -> list[dict[str, Any]]:
    out = []
    for j, spec in enumerate(specs or []):
        if isinstance(spec, dict):
            out.append(spec)
            continue
        try:
            out.append(resolve_mention(text, str(spec)))
        except ValueError as exc:
            problems.append(Problem(str(exc), "Quote the exact text, with #N for the N-th occurrence", path=f"{path}[{j}]"))
    return sorted(out, key=lambda m: (m.get("start", 0), m.get("end", 0)))  # gold lists mentions in text order


def expand_annotation(text: str, meta: dict[str, Any], ann: dict[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """Build the raw JSON of a gold document from the authoring files; return it with the problems found."""
    problems: list[Problem] = []
    raw: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    raw.update({k: meta[k] for k in ("id", "published", "source", "language", "synthetic") if k in meta})
    raw["published"] = str(raw.get("published", ""))
    raw.setdefault("synthetic", True)
    raw["metadata"] = {k: v for k, v in meta.items() if k not in _META_KEYS | _WRITER_NOTES}
    raw["metadata"].update(ann.get("metadata") or {})
    raw["text"] = text
    for field in ("actors", "locations", "times", "weapons"):
        items = []
        for i, item in enumerate(ann.get(field) or []):
            item = dict(item)
            item["mentions"] = _mentions(text, item.get("mentions"), f"{field}[{i}].mentions", problems)
            if field == "times" and isinstance(item.get("value"), dict):
                item["value"] = {k: str(v) if k in ("start", "end") else v for k, v in item["value"].items()}
            if field == "weapons" and "quantity" in item:
                item["quantity"] = _count(item["quantity"], f"{field}[{i}].quantity", problems)
            items.append(item)
        raw[field] = items
    events = []
    for i, ev in enumerate(ann.get("events") or []):
        ev = dict(ev)
        ev["triggers"] = _mentions(text, ev.get("triggers"), f"events[{i}].triggers", problems)
        args = ev.get("arguments") or {}
        if isinstance(args, dict):
            ev["arguments"] = [_argument(role, ent, f"events[{i}].arguments.{role}", problems)
                               for role, ents in args.items()
                               for ent in ([ents] if isinstance(ents, str | dict) else ents or [])]
        if isinstance(ev.get("series"), dict):
            series = dict(ev["series"])
            series["count"] = _count(series.get("count"), f"events[{i}].series.count", problems)
            series["mentions"] = _mentions(text, series.get("mentions"), f"events[{i}].series.mentions", problems)
            ev["series"] = series
        events.append(ev)
    raw["events"] = events
    if isinstance(ann.get("dateline"), dict):
        dateline = dict(ann["dateline"])
        found = _mentions(text, [dateline.get("mention")], "dateline.mention", problems)
        dateline["mention"] = found[0] if found else dateline.get("mention")
        if "date" in dateline and dateline["date"] is not None:
            dateline["date"] = str(dateline["date"])
        raw["dateline"] = dateline
    links = []
    for i, link in enumerate(ann.get("actor_links") or []):
        link = dict(link)
        link["mentions"] = _mentions(text, link.get("mentions"), f"actor_links[{i}].mentions", problems)
        links.append(link)
    raw["actor_links"] = links
    casualties = []
    for i, cas in enumerate(ann.get("casualties") or []):
        cas = dict(cas)
        cas["mentions"] = _mentions(text, cas.get("mentions"), f"casualties[{i}].mentions", problems)
        cas["count"] = _count(cas.get("count"), f"casualties[{i}].count", problems)
        casualties.append(cas)
    raw["casualties"] = casualties
    raw["links"] = list(ann.get("links") or [])
    return raw, problems


def _argument(role: str, entry: Any, path: str, problems: list[Problem]) -> dict[str, Any]:
    """An argument from ``id`` or ``{entity: id, quantity: ..., spatial: ..., certainty: ..., asserted_by: ...}``."""
    if not isinstance(entry, dict):
        return {"role": role, "entity": entry}
    arg = {"role": role, **entry}
    if "quantity" in arg:
        arg["quantity"] = _count(arg["quantity"], f"{path}.quantity", problems)
    return arg


def mention_spec(text: str, mention: dict[str, Any]) -> Any:
    """The shortest authoring form of a mention: ``"words"``, ``"words#N"``, or the offsets themselves."""
    found = occurrences(text, mention["text"])
    if mention["start"] in found:
        nth = found.index(mention["start"]) + 1
        return mention["text"] if len(found) == 1 else f"{mention['text']}#{nth}"
    return {"start": mention["start"], "end": mention["end"], "text": mention["text"]}


def to_authoring(doc: Document, meta: dict[str, Any]) -> dict[str, Any]:
    """The annotation YAML of a document (the inverse of :func:`expand_annotation` for the given meta file)."""
    raw = doc.model_dump(mode="json", exclude_none=True)
    text = doc.text
    out: dict[str, Any] = {}
    for field in ("actors", "locations", "times", "weapons"):
        items = []
        for item in raw[field]:
            item["mentions"] = [mention_spec(text, m) for m in item["mentions"]]
            items.append(item)
        out[field] = items
    events = []
    for ev in raw["events"]:
        ev["triggers"] = [mention_spec(text, m) for m in ev["triggers"]]
        args: dict[str, list[Any]] = {}
        for arg in ev.pop("arguments"):
            role = arg.pop("role")
            args.setdefault(role, []).append(arg["entity"] if len(arg) == 1 else arg)
        ev["arguments"] = args
        if "series" in ev:
            ev["series"]["mentions"] = [mention_spec(text, m) for m in ev["series"]["mentions"]]
        events.append(ev)
    out["events"] = events
    if "dateline" in raw:
        out["dateline"] = {**raw["dateline"], "mention": mention_spec(text, raw["dateline"]["mention"])}
    if raw["actor_links"]:
        out["actor_links"] = [{**a, "mentions": [mention_spec(text, m) for m in a["mentions"]]}
                              for a in raw["actor_links"]]
    out["casualties"] = [{**c, "mentions": [mention_spec(text, m) for m in c["mentions"]]} for c in raw["casualties"]]
    out["links"] = raw["links"]
    extra = {k: v for k, v in raw["metadata"].items() if meta.get(k) != v}
    if extra:
        out["metadata"] = extra
    return out


def _count(value: Any, path: str, problems: list[Problem]) -> Any:
    try:
        return expand_count(value)
    except ValueError as exc:
        problems.append(Problem(str(exc), "See the count short forms in eventgold.corpus.authoring", path=path))
        return value


def _load_yaml(path: Path) -> Any:
    try:
        with open(path, encoding="utf-8") as f:
            return yaml.load(f, Loader=_SafeLoader)
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise DataError(Problem(f"invalid YAML: {getattr(exc, 'problem', exc)}", "Fix the YAML syntax",
                                file=str(path), line=None if line is None else line + 1)) from None


def build_document(root: str | Path, doc_id: str) -> Document:
    """Build and validate one gold document from an authoring folder."""
    root = Path(root)
    text = read_text(root / "reports" / f"{doc_id}.txt")
    meta = _load_yaml(root / "reports" / f"{doc_id}.meta.yaml") or {}
    ann_path = root / "annotations" / f"{doc_id}.yaml"
    ann = _load_yaml(ann_path) or {}
    raw, problems = expand_annotation(text, meta, ann)
    if problems:
        raise DataError([p.located(file=str(ann_path), doc_id=doc_id) for p in problems])
    try:
        return parse_document(raw, "gold")
    except DataError as exc:
        raise exc.located(file=str(ann_path), doc_id=doc_id) from None


_PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_MENTION_LISTS = {"mentions", "triggers"}


def compose_annotation(path: str | Path) -> yaml.Node | None:
    """The YAML node tree of an annotation file, with line marks (None for an empty file)."""
    with open(path, encoding="utf-8") as f:
        return yaml.compose(f, Loader=_SafeLoader)


def annotation_line(root: yaml.Node | None, text: str, json_path: str, span: tuple[int, int] | None = None) -> int | None:
    """The line (1-based) of the annotation YAML that writes the gold document's ``json_path``.

    Built documents list mentions in text order and arguments as one list; the YAML keeps the writer's order and
    groups arguments by role. Mentions are found by the offsets ``span`` their string resolves to, arguments by
    counting through the roles in order. When the path goes deeper than the YAML (a field left out), the line of
    the deepest node written is given.

    >>> root = yaml.compose("events:\\n- id: e1\\n  triggers: [raid, attack]\\n  arguments:\\n    place: [l1, l2]\\n")
    >>> annotation_line(root, "An attack, a raid.", "events[0].triggers[1]", (12, 16))
    3
    >>> annotation_line(root, "An attack, a raid.", "events[0].arguments[1].spatial")
    5
    """
    node: yaml.Node | None = root
    line = None if root is None else root.start_mark.line + 1
    parent_key: str | None = None
    for key, index in _PATH_PART.findall(json_path):
        if key:
            if not isinstance(node, yaml.MappingNode):
                break
            pair = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
            if pair is None:
                break
            line, node, parent_key = pair[0].start_mark.line + 1, pair[1], key
            continue
        i = int(index)
        items: list[yaml.Node] = []
        if parent_key == "arguments" and isinstance(node, yaml.MappingNode):
            items = [e for _, ents in node.value for e in (ents.value if isinstance(ents, yaml.SequenceNode) else [ents])]
        elif isinstance(node, yaml.SequenceNode):
            items = node.value
            if parent_key in _MENTION_LISTS and span is not None:
                by_offsets = [item for item in items if _resolves_to(text, item, span[0])]
                if len(by_offsets) == 1:
                    items, i = by_offsets, 0
        if i >= len(items):
            break
        node = items[i]
        line = node.start_mark.line + 1
    return line


def _resolves_to(text: str, node: yaml.Node, start: int) -> bool:
    if not isinstance(node, yaml.ScalarNode):
        return False
    try:
        return resolve_mention(text, node.value)["start"] == start
    except ValueError:
        return False


def annotated_ids(root: str | Path) -> list[str]:
    """Ids of the reports that have an annotation file, sorted."""
    return sorted(p.stem for p in (Path(root) / "annotations").glob("*.yaml"))


def build_all(root: str | Path) -> Iterator[Document]:
    """Build every annotated document; collect all problems and raise them together."""
    problems: list[Problem] = []
    docs = []
    for doc_id in annotated_ids(root):
        try:
            docs.append(build_document(root, doc_id))
        except DataError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DataError(problems)
    yield from docs


def _main(argv: list[str]) -> int:
    if len(argv) >= 3 and argv[0] == "check":
        root, ids = argv[1], argv[2:]
        status = 0
        for doc_id in ids:
            try:
                doc = build_document(root, doc_id)
            except DataError as exc:
                print(exc, file=sys.stderr)
                status = 1
                continue
            print(f"ok {doc_id}: {len(doc.events)} events, {len(doc.actors)} actors, {len(doc.locations)} locations, "
                  f"{len(doc.times)} times, {len(doc.weapons)} weapons, {len(doc.casualties)} casualties, "
                  f"{len(doc.links)} links")
        return status
    if len(argv) == 4 and argv[0] == "find":
        text = read_text(Path(argv[1]) / "reports" / f"{argv[2]}.txt")
        for n, start in enumerate(occurrences(text, argv[3]), start=1):
            ctx = text[max(0, start - 40):start + len(argv[3]) + 40].replace("\n", " ")
            print(f"#{n} at {start}: ...{ctx}...")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
