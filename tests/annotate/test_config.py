"""The labeling config: golden file, Label Studio's own validator, derived from the vocabularies, escaped."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET

import pytest
from label_studio_sdk._legacy.exceptions import LabelStudioValidationErrorSentryIgnored
from label_studio_sdk.label_interface import LabelInterface

from eventgold.annotate.config import escape_attr, labeling_config, mapping_tables
from eventgold.annotate.scheme import CONTROLS, LABEL_KINDS, LABELS, RELATION_LABELS, TEXT
from eventgold.schema import (
    ActorLinkType,
    ActorType,
    CasualtyOutcome,
    CasualtyStatus,
    Certainty,
    CountQualifier,
    DatePrecision,
    EventLinkType,
    EventType,
    InjurySeverity,
    LocationPrecision,
    Modality,
    Role,
    SpatialRelation,
    TimeAnchor,
    VictimCategory,
    WeaponCategory,
)
from tests.annotate.golden import DATA, check_golden

CONFIG = labeling_config()
ROOT = ET.fromstring(CONFIG)


def test_config_matches_golden_file() -> None:
    check_golden("config.golden.xml", CONFIG)


def test_config_is_deterministic() -> None:
    assert labeling_config() == CONFIG


def test_label_studio_validator_accepts_the_config() -> None:
    interface = LabelInterface(CONFIG)
    interface.validate()
    assert interface.is_valid
    assert {c.name for c in interface.controls} == {LABELS, *(c.name for c in CONTROLS)}
    assert [o.name for o in interface.objects] == [TEXT]


def test_label_studio_validator_can_fail() -> None:
    broken = CONFIG.replace(f'<Labels name="{LABELS}" toName="{TEXT}"', f'<Labels name="{LABELS}" toName="nowhere"')
    with pytest.raises(LabelStudioValidationErrorSentryIgnored):
        LabelInterface(broken).validate()


def _stored(tag: str, name: str) -> list[str]:
    (control,) = [e for e in ROOT.iter(tag) if e.get("name") == name]
    return [child.get("alias") or child.get("value") or "" for child in control]


def test_span_labels_are_the_event_types_then_the_entity_kinds() -> None:
    assert _stored("Labels", LABELS) == [t.value for t in EventType] + [
        "actor", "location", "time", "weapon", "casualty", "detail", "series", "dateline", "actor_link"]


@pytest.mark.parametrize(("control", "vocabulary"), [
    ("modality", Modality), ("actor_type", ActorType), ("location_precision", LocationPrecision),
    ("time_precision", DatePrecision), ("weapon_category", WeaponCategory), ("weapon_qualifier", CountQualifier),
    ("casualty_outcome", CasualtyOutcome), ("casualty_qualifier", CountQualifier), ("victim_category", VictimCategory),
    ("series_qualifier", CountQualifier), ("argument_qualifier", CountQualifier), ("time_anchor", TimeAnchor),
    ("casualty_severity", InjurySeverity), ("casualty_status", CasualtyStatus), ("actor_link_type", ActorLinkType),
])
def test_choices_are_the_schema_vocabulary(control: str, vocabulary: type) -> None:
    assert _stored("Choices", control) == [m.value for m in vocabulary]  # type: ignore[attr-defined]


def test_relation_labels_cover_roles_links_references_and_qualifiers() -> None:
    values = [e.get("value") for e in ROOT.iter("Relation")]
    assert values == list(RELATION_LABELS)
    assert set(values) == {r.value for r in Role} | {t.value for t in EventLinkType} | {
        t.value for t in ActorLinkType} | {c.value for c in Certainty} | {s.value for s in SpatialRelation} | {
        "same_as", "time", "series_time", "casualty_of", "also_casualty_of", "revises", "disputes", "anchor", "entity",
        "asserted_by", "series_of"}
    assert len(values) == len(set(values))


def test_country_choices_are_iso_codes_shown_with_their_names() -> None:
    (control,) = [e for e in ROOT.iter("Choices") if e.get("name") == "actor_country"]
    shown = {c.get("alias"): c.get("value") for c in control}
    assert len(shown) == 250
    assert shown["XK"] == "Kosovo (XK)"  # the schema's one code beside ISO 3166-1
    assert shown["CI"] == "Côte d'Ivoire (CI)"
    assert shown["KP"] == "Korea, Democratic People's Republic of (KP)"
    assert control.get("layout") == "select"


def test_every_when_label_value_names_existing_labels() -> None:
    """Label Studio's validator does not check whenLabelValue; a typo would hide a control for good."""
    labels = set(LABEL_KINDS)
    seen = 0
    for element in ROOT.iter():
        when = element.get("whenLabelValue")
        if when is not None:
            assert set(when.split(",")) <= labels, element.attrib
            seen += 1
    assert seen == len(CONTROLS) + len({c.kind for c in CONTROLS})


def test_per_region_controls_are_region_scoped_and_captioned() -> None:
    """Each control sits in a View shown only for its kind, right after a Header (Number inputs have no caption)."""
    controls = {c.name: c for c in CONTROLS}
    found = 0
    for view in ROOT.findall("View"):
        assert view.get("visibleWhen") == "region-selected"
        children = list(view)
        for before, element in zip(children, children[1:], strict=False):
            if element.get("name") in controls:
                c = controls[element.get("name") or ""]
                assert element.tag == c.tag and element.get("perRegion") == "true"
                assert element.get("whenLabelValue") == view.get("whenLabelValue")
                assert before.tag == "Header" and before.get("value") == c.caption
                found += 1
    assert found == len(CONTROLS)


def test_attribute_values_with_xml_special_characters_survive_parsing() -> None:
    hints = {e.get("alias"): e.get("hint") for e in ROOT.iter("Label")}
    assert hints["mob_violence"] == ("An unorganised crowd attacks people or property outside a demonstration "
                                     "(lynching, vigilante attacks).")
    assert "'no casualties were reported'" in next(
        e.get("hint") or "" for e in ROOT.iter("Choice") if e.get("alias") == "negated")
    assert "&apos;" in CONFIG and "'" not in CONFIG.split("<Choices", 1)[1].split(">", 1)[0]


@pytest.mark.parametrize("value", ["A & B", "<Label>", 'say "hi"', "it's", "two\nlines", "tab\there", "plain"])
def test_escape_attr_round_trips_through_an_xml_parser(value: str) -> None:
    element = ET.fromstring(f'<Label value="{escape_attr(value)}"/>')
    assert element.get("value") == value


def test_docs_annotate_md_holds_the_generated_mapping() -> None:
    """docs/annotate.md shows the mapping tables made from CONTROLS and RELATION_RULES (rewritten on request)."""
    path = DATA.parents[2] / "docs" / "annotate.md"
    text = path.read_text(encoding="utf-8")
    head, rest = text.split("<!-- mapping:start -->\n", 1)
    _, tail = rest.split("<!-- mapping:end -->", 1)
    expected = f"{head}<!-- mapping:start -->\n{mapping_tables()}<!-- mapping:end -->{tail}"
    if os.environ.get("EVENTGOLD_REGEN_GOLDEN") == "1":
        path.write_text(expected, encoding="utf-8")
    assert text == expected, "docs/annotate.md is stale; rerun with EVENTGOLD_REGEN_GOLDEN=1"
