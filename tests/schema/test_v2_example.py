"""The schema 2.0 example (docs/examples/v2): one invented report that uses every 2.0 addition.

It validates, migrates to itself, survives datasets byte-identically and scores perfectly against itself.
(The Label Studio round trip of the same document is in tests/annotate.)
"""

from __future__ import annotations

from pathlib import Path

from eventgold.corpus.authoring import build_document
from eventgold.corpus.hf import to_dataset, to_document
from eventgold.eval.document import score_document
from eventgold.schema import Document, dump_document, migrate_document, parse_document
from tests.eval.test_properties import errors

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "v2"


def example() -> Document:
    return build_document(EXAMPLE, "ex-201")


def test_example_uses_every_schema_2_addition() -> None:
    doc = example()
    assert doc.dateline is not None and doc.dateline.date is not None
    assert {link.type.value for link in doc.actor_links} >= {"backed_by", "part_of"}
    events = {e.id: e for e in doc.events}
    assert any(e.series and e.series.ordinal for e in doc.events) and any(e.series and not e.series.ordinal
                                                                       for e in doc.events)
    args = [a for e in doc.events for a in e.arguments]
    assert any(a.quantity for a in args) and any(a.spatial and a.spatial.distance_km for a in args)
    assert {a.certainty.value for a in args if a.certainty} >= {"claimed", "suspected", "denied"}
    assert {e.type.value for e in events.values()} >= {"disrupted_weapons_use"}
    cas = doc.casualties
    assert any(c.outcome.value == "killed_or_injured" for c in cas) and any(c.severity for c in cas)
    assert any(c.descriptor for c in cas) and any(c.status for c in cas) and any(c.also_events for c in cas)
    assert any(c.revises for c in cas) and sum(c.part_of is not None for c in cas) >= 2
    assert {t.anchor.value for t in doc.times if t.anchor} >= {"dateline", "event"}
    assert any(t.approximate for t in doc.times)
    places = [a for e in doc.events for a in e.arguments if a.role.value == "place"]
    countries = {loc.country for loc in doc.locations if loc.id in {a.entity for a in places}}
    assert {"SY", "IQ"} <= countries


def test_example_is_valid_gold_and_migrates_to_itself() -> None:
    doc = example()
    raw = doc.model_dump(mode="json", exclude_none=True)
    assert parse_document(raw, "gold") == doc
    assert migrate_document(raw) == raw


def test_example_round_trips_through_datasets_byte_identically() -> None:
    doc = example()
    back = to_document(to_dataset([doc])[0])
    assert dump_document(back) == dump_document(doc)


def test_example_scores_perfectly_against_itself() -> None:
    doc = example()
    counts = score_document(doc, doc).counts
    assert errors(counts) == {}
    assert counts[("events", "identification", "*", "tp")] == len(doc.events) > 0
