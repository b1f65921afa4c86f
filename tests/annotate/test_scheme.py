"""The one table of the mapping (annotate/scheme.py) agrees with the schema and covers every field of it."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from pydantic import BaseModel

from eventgold.annotate.config import labeling_config
from eventgold.annotate.scheme import (
    CONTROLS,
    DATA_FIELDS,
    KIND_FIELDS,
    MENTION_FIELDS,
    MODELS,
    QUALIFIERS,
    RELATION_RULES,
    Control,
    Derived,
    Kind,
    field_model,
)
from eventgold.schema import Argument, Document, Mention

#: Fields that are neither a control nor a reference: the object's id and mentions, what the span label or the
#: region score carries, an argument's role (the relation label), and the structural lists.
STRUCTURAL: dict[Kind, set[tuple[str, ...]]] = {
    Kind.EVENT: {("id",), ("type",), ("triggers",), ("arguments",), ("confidence",), ("series", "mentions")},
    Kind.ACTOR: {("id",), ("mentions",)},
    Kind.LOCATION: {("id",), ("mentions",)},
    Kind.TIME: {("id",), ("mentions",)},
    Kind.WEAPON: {("id",), ("mentions",)},
    Kind.CASUALTY: {("id",), ("mentions",)},
    Kind.DETAIL: {("role",)},
    Kind.DATELINE: {("mention",)},
    Kind.ACTOR_LINK: {("mentions",)},
}


def _field(kind: Kind, path: tuple[str, ...]) -> Any:
    model: type[BaseModel] = MODELS[kind]
    for name in path[:-1]:
        model = field_model(model, name)
    assert path[-1] in model.model_fields, f"{kind.value}: {'.'.join(path)} is not a schema field"
    return model.model_fields[path[-1]]


def _leaves(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every leaf field path of a model: nested models are walked, except mentions (regions) and arguments (the
    detail kind covers those)."""
    out = []
    for name in model.model_fields:
        try:
            inner = field_model(model, name)
        except TypeError:
            inner = None
        if inner is None or inner in (Mention, Argument):
            out.append((*prefix, name))
        else:
            out.extend(_leaves(inner, (*prefix, name)))
    return out


@pytest.mark.parametrize("control", CONTROLS, ids=lambda c: c.name)
def test_every_control_names_a_schema_field_with_the_same_default_and_requirement(control: Control) -> None:
    info = _field(control.kind, control.path)
    if control.required:
        assert info.is_required(), f"{control.name} is required here but optional in the schema"
        assert control.default is None
    elif isinstance(control.default, Derived):
        assert info.is_required(), f"{control.name}'s derived default stands for a value the schema requires"
    elif control.default is not None:
        schema_default = info.get_default(call_default_factory=True)
        assert schema_default == (list(control.default) if isinstance(control.default, tuple) else control.default)
    else:
        assert not info.is_required() and info.default is None, f"{control.name}: an empty control must be unset"
    if control.flag:
        assert info.annotation is bool


def test_every_schema_field_is_a_control_a_reference_a_qualifier_or_structure() -> None:
    covered: dict[Kind, set[tuple[str, ...]]] = {k: set(STRUCTURAL[k]) for k in MODELS}
    for c in CONTROLS:
        covered[c.kind].add(c.path)
    for rule in RELATION_RULES:
        if rule.meaning in ("slot", "member") and rule.subject in covered:
            covered[rule.subject if rule.meaning == "slot" else rule.object].add(rule.path)
    for q in QUALIFIERS:
        covered[Kind.DETAIL].add(q.path)
    covered[Kind.DETAIL].add(("entity",))
    missing = {k.value: sorted(".".join(p) for p in _leaves(MODELS[k]) if p not in covered[k]) for k in MODELS}
    assert {k: v for k, v in missing.items() if v} == {}


def test_every_document_field_travels() -> None:
    carried = set(DATA_FIELDS) | set(KIND_FIELDS.values()) | {"text", "links", "dateline", "actor_links"}
    assert set(Document.model_fields) == carried


def test_every_reference_path_is_an_id_field_of_its_subject() -> None:
    for rule in RELATION_RULES:
        if rule.meaning == "slot":
            info = _field(rule.subject, rule.path)
            assert "A-Za-z0-9_.:" in repr(info.annotation) + repr(info.metadata), rule  # an id pattern: a Ref
            assert repr(info.annotation).startswith("list[") == rule.many, rule
        elif rule.meaning == "member":
            assert _field(rule.object, rule.path).annotation == list[Mention]


def test_mention_fields_are_lists_of_mentions() -> None:
    for kind, name in MENTION_FIELDS.items():
        assert _field(kind, (name,)).annotation == list[Mention]


# --- hotkeys -------------------------------------------------------------------------------------------------

#: Label Studio 1.23 gives every label or choice without a ``hotkey`` the next free one of these keys, in the
#: order of the config (web/libs/editor/src/core/Hotkey.ts, ``makeComb``); when they run out, no hotkey.
AUTO_HOTKEYS = "1234567890qwetasdfgzxcvbyiopjklnm"


def test_the_span_labels_take_every_one_key_hotkey_so_no_attribute_can_be_changed_by_a_stray_key() -> None:
    """A one-key hotkey on a per-region choice changes the selected region's attribute when pressed by accident.

    The span labels come first in the config and use up Label Studio's automatic keys; the structural labels
    (detail, series, dateline, actor link) come after them and get none, and no choice gets one.
    """
    root = ET.fromstring(labeling_config())
    keyed = [e for e in root.iter() if e.tag in ("Label", "Choice") and not e.get("hotkey")]
    with_key = keyed[:len(AUTO_HOTKEYS)]
    assert {e.tag for e in with_key} == {"Label"}
    assert [e.get("alias") for e in with_key][-5:] == ["actor", "location", "time", "weapon", "casualty"]
    assert all(e.get("hotkey") is None for e in root.iter())
    assert not re.search(r'hotkey="', labeling_config())
