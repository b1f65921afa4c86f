"""The Label Studio labeling config, generated from the schema's vocabularies.

>>> xml = labeling_config()
>>> xml.startswith("<View>") and 'alias="air_drone_strike"' in xml
True

Layout, top to bottom: a caption with the document id, date and source; the
span labels (one per event type, then Actor, Location, Time, Weapon,
Casualty figure, and the structural Argument detail, Series phrase, Dateline
and Actor link phrase); the text; the relation labels (roles, links and
references, then the certainty and spatial labels that qualify an argument);
then, for the selected region only, the attributes of its kind, each control
preceded by a ``<Header>`` caption (Label Studio draws ``<Number>`` inputs
without one); last, a collapsed guide to the relation labels.

Why one label per event type rather than one EVENT label plus a type choice:
the type is then chosen in the same click that marks the trigger, is visible
as a colour in the text without selecting anything, cannot be forgotten, and
Label Studio's own exports (CoNLL, agreement) see it. Labels show the schema's
human names and store the schema values (``alias``), so renaming a display
label never changes stored annotations.
"""

from __future__ import annotations

from collections.abc import Iterable

from .scheme import (
    ALWAYS_THERE,
    CONTROLS,
    CONTROLS_BY_KIND,
    DATA_FIELDS,
    ENTITY_OPTIONS,
    EVENT_OPTIONS,
    LABEL_KINDS,
    LABELS,
    NOUNS,
    QUALIFIERS,
    RELATION_HINTS,
    RELATION_LABELS,
    RELATION_RULES,
    TEXT,
    Control,
    Derived,
    Kind,
)

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;",
                          "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})

#: Colours of the span labels: warm shades for event types, one distinct colour per entity kind.
_EVENT_COLOURS = ("#D7301F", "#EF6548", "#FC8D59", "#B30000", "#E34A33", "#F03B20", "#BD0026", "#FD8D3C",
                  "#FEB24C", "#E6550D", "#A63603", "#D94801", "#F16913", "#8C2D04", "#CB181D", "#FC4E2A",
                  "#E31A1C", "#800026", "#FDAE6B", "#993404", "#CC4C02", "#EC7014", "#FE9929", "#67000D",
                  "#A50F15", "#EF3B2C", "#FB6A4A", "#662506")
_KIND_COLOURS = {Kind.ACTOR: "#2171B5", Kind.LOCATION: "#238B45", Kind.TIME: "#6A51A3", Kind.WEAPON: "#737373",
                 Kind.CASUALTY: "#C51B8A", Kind.DETAIL: "#BF812D", Kind.SERIES: "#8C6BB1", Kind.DATELINE: "#969696",
                 Kind.ACTOR_LINK: "#4292C6"}

_KIND_TITLES = {Kind.EVENT: "Event", Kind.ACTOR: "Actor", Kind.LOCATION: "Location", Kind.TIME: "Time",
                Kind.WEAPON: "Weapon", Kind.CASUALTY: "Casualty figure", Kind.DETAIL: "Argument detail",
                Kind.SERIES: "Series phrase", Kind.DATELINE: "Dateline", Kind.ACTOR_LINK: "Actor link phrase"}


def escape_attr(value: str) -> str:
    """Escape a string for a double-quoted XML attribute (quotes, ampersands, angle brackets, line breaks)."""
    return value.translate(_ESCAPES)


def _tag(name: str, attrs: Iterable[tuple[str, str | None]], children: list[str] | None = None, indent: int = 0) -> str:
    pad = "  " * indent
    rendered = "".join(f' {k}="{escape_attr(v)}"' for k, v in attrs if v is not None and v != "")
    if not children:
        return f"{pad}<{name}{rendered}/>"
    inner = "\n".join(children)
    return f"{pad}<{name}{rendered}>\n{inner}\n{pad}</{name}>"


def _when(kind: Kind) -> str:
    """The ``whenLabelValue`` that selects regions of ``kind`` (comma-separated stored labels)."""
    return ",".join(label for label, k in LABEL_KINDS.items() if k is kind)


def _control(c: Control, indent: int) -> list[str]:
    common: list[tuple[str, str | None]] = [("name", c.name), ("toName", TEXT), ("perRegion", "true"),
                                            ("whenLabelValue", _when(c.kind))]
    caption = _tag("Header", [("value", c.caption), ("size", "5")], indent=indent)
    if c.tag == "Choices":
        single = len(c.options) == 1
        attrs = common + [
            ("choice", "single" if single else "single-radio"),
            ("layout", "select" if c.select else None),
            ("showInline", None if c.select else "true"),
        ]
        options = [_tag("Choice", [("value", o.shown), ("alias", o.stored), ("hint", o.hint)], indent=indent + 1)
                   for o in c.options]
        return [caption, _tag("Choices", attrs, options, indent)]
    if c.tag == "Number":
        attrs = common + [
            ("min", None if c.minimum is None else f"{c.minimum:g}"),
            ("max", None if c.maximum is None else f"{c.maximum:g}"),
            ("step", c.step),
        ]
        return [caption, _tag("Number", attrs, indent=indent)]
    if c.tag == "TextArea":
        attrs = common + [("placeholder", c.placeholder), ("rows", "1"), ("editable", "true"),
                          ("maxSubmissions", None if c.many else "1")]
        return [caption, _tag("TextArea", attrs, indent=indent)]
    attrs = common + [("only", "date")]
    return [caption, _tag("DateTime", attrs, indent=indent)]


def labeling_config() -> str:
    """The labeling config XML for the current schema (deterministic; ends with a newline)."""
    labels = [
        _tag("Label", [("value", o.shown), ("alias", o.stored), ("background", _EVENT_COLOURS[i % len(_EVENT_COLOURS)]),
                       ("hint", o.hint)], indent=2)
        for i, o in enumerate(EVENT_OPTIONS)
    ] + [
        _tag("Label", [("value", o.shown), ("alias", o.stored), ("background", _KIND_COLOURS[Kind(o.stored)]),
                       ("hint", o.hint)], indent=2)
        for o in ENTITY_OPTIONS
    ]
    relations = [_tag("Relation", [("value", label)], indent=2) for label in RELATION_LABELS]
    body = [
        _tag("Header", [("value", f"Report ${DATA_FIELDS['id']}, published ${DATA_FIELDS['published']}"), ("size", "4")],
             indent=1),
        _tag("Header", [("value", f"Source: ${DATA_FIELDS['source']}"), ("size", "5")], indent=1),
        _tag("Labels", [("name", LABELS), ("toName", TEXT), ("showInline", "true")], labels, indent=1),
        _tag("Text", [("name", TEXT), ("value", "$text"), ("granularity", "symbol")], indent=1),
        _tag("Relations", [("choice", "multiple")], relations, indent=1),
    ]
    for kind in Kind:
        controls = [line for c in CONTROLS_BY_KIND[kind] for line in _control(c, indent=2)]
        if not controls:
            continue
        title = _tag("Header", [("value", f"{_KIND_TITLES[kind]} attributes"), ("size", "4")], indent=2)
        body.append(_tag("View", [("visibleWhen", "region-selected"), ("whenLabelValue", _when(kind))],
                         [title, *controls], indent=1))
    guide = [_tag("Header", [("value", f"{label}: {RELATION_HINTS.get(label, '')}"), ("size", "5")], indent=3)
             for label in RELATION_LABELS]
    body.append(_tag("Collapse", [], [_tag("Panel", [("value", "Relation labels: what they mean")], guide, indent=2)],
                     indent=1))
    return _tag("View", [], body) + "\n"


def mapping_tables() -> str:
    """The mapping as Markdown tables, made from the same tables the writer and reader use (for docs/annotate.md).

    >>> "| `modality` | event (trigger) | `modality` | `actual` |  |" in mapping_tables()
    True
    """
    def default(c: Control) -> str:
        if c.default is None:
            return ""
        if isinstance(c.default, Derived):
            return c.default.value
        if isinstance(c.default, tuple):
            return "none"
        return f"`{str(c.default).lower() if isinstance(c.default, bool) else c.default}`"

    lines = ["| control | on regions of | schema field | empty means | required |", "|---|---|---|---|---|"]
    for c in CONTROLS:
        kind = "event (trigger)" if c.kind is Kind.EVENT else NOUNS[c.kind]
        optional = next((c.path[:k] for k in range(1, len(c.path)) if (c.kind, c.path[:k]) not in ALWAYS_THERE), ())
        required = ("yes, when it has " + ".".join(optional) if optional else "yes") if c.required else ""
        lines.append(f"| `{c.name}` | {kind} | `{'.'.join(c.path)}` | {default(c)} | {required} |")
    lines += ["", "Relation labels (`RELATION_RULES`, `QUALIFIERS`): between which kinds of region each may be drawn, and "
              "what it fills; any other pair of kinds is refused with a message.", "",
              "| relation label | from | to | fills (a field of the *from* object) |", "|---|---|---|---|"]
    for r in RELATION_RULES:
        fills = {"coref": "one more mention of the same object", "argument": f"an argument with role `{r.label}`",
                 "link": f"`{r.field}[]` (`type` `{r.label}`)"}.get(r.meaning, f"`{'.'.join(r.path)}`")
        if r.meaning == "slot" and r.many:
            fills = f"`{'.'.join(r.path)}[]`"
        elif r.meaning == "member":
            fills = f"a mention of the event's `{'.'.join(r.path[:-1])}`"
        if r.required:
            fills += " (required)"
        lines.append(f"| `{r.label}` | {NOUNS[r.subject]} | {NOUNS[r.object]} | {fills} |")
    for q in QUALIFIERS:
        values = ", ".join(f"`{v}`" for v in q.values)
        lines.append(f"| {values} | event | actor, location, weapon or argument detail | the argument's "
                     f"`{'.'.join(q.path)}` (beside exactly one role label) |")
    return "\n".join(lines) + "\n"
