"""Corpus 2.0: genres, natural densities, incidents kept together across splits, no templated text."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from typer.testing import CliRunner

from eventgold.cli import build_app
from eventgold.corpus import SPLITS, read_split
from eventgold.corpus.density import densities
from eventgold.corpus.overlap import shared_ngram_share, shared_ngrams
from eventgold.corpus.splits import assign_splits, incident_units
from eventgold.schema import Document

runner = CliRunner()
app = build_app()
GENRES = {"wire", "statement", "alert", "sitrep", "local_press", "live_updates", "claims", "analysis", "event_note"}


def all_docs() -> list[Document]:
    return [d for s in SPLITS for d in read_split(s)]


def _doc(doc_id: str, genre: str, incident: str | None = None, etype: str = "attack") -> Document:
    return Document.model_validate({
        "id": doc_id, "published": "2025-01-01", "text": f"Gunmen attacked a village ({doc_id}).",
        "metadata": {"genre": genre},
        "events": [{"id": "e1", "type": etype, "triggers": [{"start": 7, "end": 15, "text": "attacked"}],
                    **({"incident_id": incident} if incident else {})}]})


def test_every_document_has_a_known_genre() -> None:
    genres = Counter(d.metadata.get("genre") for d in all_docs())
    assert set(genres) <= GENRES, genres


def test_fewer_than_half_a_percent_of_word_8_grams_repeat_across_documents() -> None:
    docs = all_docs()
    share = shared_ngram_share(docs)
    worst = sorted(shared_ngrams(docs).items(), key=lambda kv: -len(kv[1]))[:5]
    assert share < 0.005, (share, worst)


def test_shared_ngrams_are_found() -> None:
    a, b = _doc("a", "wire"), _doc("b", "wire")
    assert shared_ngram_share([a, b], n=3) > 0 and shared_ngram_share([a], n=3) == 0.0


def test_documents_of_one_incident_share_a_split() -> None:
    split_of = {d.id: s for s in SPLITS for d in read_split(s)}
    by_incident: dict[str, set[str]] = {}
    for doc in all_docs():
        for ev in doc.events:
            if ev.incident_id:
                by_incident.setdefault(ev.incident_id, set()).add(split_of[doc.id])
    assert {k: v for k, v in by_incident.items() if len(v) > 1} == {}


def test_incident_units_join_documents_transitively() -> None:
    docs = [_doc("a", "wire", "inc-1"), _doc("b", "claims", "inc-1"), _doc("c", "sitrep"), _doc("d", "wire", "inc-2")]
    units = sorted(sorted(d.id for d in u) for u in incident_units(docs))
    assert units == [["a", "b"], ["c"], ["d"]]


def test_assignment_keeps_incidents_and_pins_and_stratifies_by_genre() -> None:
    docs = [_doc(f"w{i}", "wire") for i in range(20)] + [_doc(f"s{i}", "sitrep") for i in range(20)]
    docs += [_doc("x1", "wire", "inc-9"), _doc("x2", "claims", "inc-9")]
    out = assign_splits(docs, fractions={"dev": 0.2, "test": 0.3}, pinned={"x2": "dev", "w0": "test"})
    split_of = {d.id: s for s, ds in out.items() for d in ds}
    assert split_of["x1"] == split_of["x2"] == "dev" and split_of["w0"] == "test"
    test_genres = Counter(d.metadata["genre"] for d in out["test"])
    assert abs(test_genres["wire"] - test_genres["sitrep"]) <= 2, test_genres
    assert assign_splits(list(reversed(docs)), fractions={"dev": 0.2, "test": 0.3},
                         pinned={"x2": "dev", "w0": "test"}) == out


def test_densities_are_ratios_of_sums() -> None:
    doc = Document.model_validate({"id": "d", "published": "2024-05-02", "text": 'Police said "two died". Then calm.'})
    got = densities([doc, doc], by="genre")
    assert got["all"]["documents"] == 2 and got["(none)"]["documents"] == 2
    assert got["all"]["quote_share"] == len('"two died"') / len(doc.text)
    assert got["all"]["attribution_per_1000_chars"] == 1000 / len(doc.text)
    assert got["all"]["events_per_1000_chars"] == 0 and got["all"]["triggers_per_event"] is None


def test_stats_by_genre_gives_densities_per_genre() -> None:
    result = runner.invoke(app, ["corpus", "stats", "--by", "genre", "--json"])
    assert result.exit_code == 0, result.output
    groups = json.loads(result.stdout)["densities"]["groups"]
    assert groups["all"]["documents"] == len(all_docs())
    assert sum(v["documents"] for k, v in groups.items() if k != "all") == len(all_docs())
    for name, values in groups.items():
        if name != "all":
            assert sum(values[f"{s}_documents"] for s in SPLITS) == values["documents"]


def test_readme_of_authoring_lists_the_genres() -> None:
    text = (Path(__file__).resolve().parents[2] / "corpus" / "authoring" / "README.md").read_text(encoding="utf-8")
    assert all(f"`{g}`" in text for g in GENRES)
