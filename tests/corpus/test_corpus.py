"""The bundled corpus: valid, split, hashed, reproducible, loadable, and covering the phenomena it promises."""

import json
from pathlib import Path

import datasets
import pytest
from typer.testing import CliRunner

from eventgold.cli import build_app
from eventgold.corpus import (
    BUNDLED,
    SPLITS,
    STATISTICS,
    corpus_stats,
    load_corpus,
    read_manifest,
    read_split,
    to_document,
    unmet_minimums,
    validate_corpus,
)
from eventgold.corpus.authoring import build_all
from eventgold.corpus.splits import BUNDLED_FRACTIONS, make_corpus_folder
from eventgold.schema import Document, Modality, read_documents

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()
app = build_app()


def all_docs():
    return [d for s in SPLITS for d in read_split(s)]


def test_every_split_validates_and_manifest_matches() -> None:
    counts = validate_corpus()
    assert sum(counts.values()) == len(all_docs()) >= 60


def test_splits_are_disjoint_and_synthetic() -> None:
    ids = [d.id for d in all_docs()]
    assert len(ids) == len(set(ids))
    assert all(d.synthetic for d in all_docs())


def test_build_is_reproducible(tmp_path: Path) -> None:
    pinned = json.loads((ROOT / "corpus" / "authoring" / "splits.json").read_text(encoding="utf-8"))
    make_corpus_folder(build_all(ROOT / "corpus" / "authoring"), tmp_path, card=False, pinned=pinned,
                       fractions=BUNDLED_FRACTIONS)
    for split in SPLITS:
        assert (tmp_path / f"{split}.jsonl").read_bytes() == (BUNDLED / f"{split}.jsonl").read_bytes(), split
    assert json.loads((tmp_path / "manifest.json").read_text()) == read_manifest()


def test_rebuilding_keeps_every_document_in_its_split(tmp_path: Path) -> None:
    from eventgold.corpus.splits import assign_splits

    docs = all_docs()
    fresh = assign_splits(docs)
    moved = {fresh_doc.id: "test" for fresh_doc in fresh["train"][:3]}  # pretend three train documents were in test
    again = assign_splits(docs, pinned=moved)
    assert {d.id for d in again["test"]} >= set(moved)
    for split in SPLITS:
        pinned = {d.id: split for d in fresh[split]}
        assert {d.id for d in assign_splits(docs, pinned=pinned)[split]} == set(pinned)


def test_every_split_has_every_event_type_where_possible() -> None:
    from collections import Counter

    documents_per_type = Counter(t for d in all_docs() for t in {e.type for e in d.events})
    enough = {t for t, n in documents_per_type.items() if n >= 3}  # a type in one or two documents cannot be in both
    for split in ("dev", "test"):
        types = {e.type for d in read_split(split) for e in d.events}
        assert enough <= types, (split, enough - types)


def test_datasets_round_trip_is_exact_for_every_document() -> None:
    corpus = load_corpus()
    assert isinstance(corpus, datasets.DatasetDict) and list(corpus) == list(SPLITS)
    for split in SPLITS:
        ds = corpus[split]
        originals = list(read_split(split))
        assert ds.num_rows == len(originals)
        for row, doc in zip(ds, originals, strict=True):
            assert to_document(row, ds.features) == doc


def test_features_are_explicit_and_derived_from_the_schema() -> None:
    ds = load_corpus(split="dev")
    assert isinstance(ds, datasets.Dataset)
    modality = ds.features["events"].feature["modality"]
    assert isinstance(modality, datasets.ClassLabel) and modality.names == [m.value for m in Modality]
    assert ds.features["published"] == datasets.Value("date32")


def test_stats_json_matches_a_recount() -> None:
    result = runner.invoke(app, ["corpus", "stats", "--json"])
    assert result.exit_code == 0, result.output
    reported = json.loads(result.stdout)
    for split in SPLITS:
        docs = list(read_split(split))
        assert reported["splits"][split]["documents"] == len(docs)
        assert reported["splits"][split]["events"] == sum(len(d.events) for d in docs)
        assert reported["splits"][split]["negated_events"] == sum(e.modality is Modality.NEGATED for d in docs for e in d.events)
        assert reported["splits"][split]["totals_with_breakdowns"] == len({(d.id, c.part_of) for d in docs for c in d.casualties if c.part_of})
    assert reported["total"] == corpus_stats(all_docs())


def test_coverage_minimums_are_met() -> None:
    totals = corpus_stats(all_docs())
    assert unmet_minimums(totals) == [], {s.name: (totals[s.name], s.minimum) for s in STATISTICS if s.minimum}


def test_user_corpus_folder_works_like_the_bundled_one(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text((BUNDLED / "dev.jsonl").read_text(encoding="utf-8") + (BUNDLED / "test.jsonl").read_text(encoding="utf-8"),
                    encoding="utf-8")
    out = tmp_path / "mine"
    result = runner.invoke(app, ["corpus", "split", str(gold), "--out", str(out), "--name", "mine"])
    assert result.exit_code == 0, result.output
    assert (out / "README.md").read_text(encoding="utf-8").startswith("---\nlicense:")
    assert runner.invoke(app, ["corpus", "validate", str(out)]).exit_code == 0
    assert runner.invoke(app, ["corpus", "stats", str(out), "--json"]).exit_code == 0
    loaded = load_corpus(out)
    assert sum(ds.num_rows for ds in loaded.values()) == len(list(read_documents(gold)))
    export = tmp_path / "export"
    assert runner.invoke(app, ["corpus", "export-hf", str(export), "--corpus", str(out)]).exit_code == 0
    assert datasets.load_from_disk(str(export / "hf"))["train"].num_rows == loaded["train"].num_rows
    assert sorted(p.name for p in (export / "parquet").iterdir()) == ["dev.parquet", "test.parquet", "train.parquet"]


def test_tampered_split_is_reported(tmp_path: Path) -> None:
    out = tmp_path / "c"
    make_corpus_folder(read_split("dev"), out)
    with open(out / "test.jsonl", "a", encoding="utf-8") as f:
        f.write("\n")
    result = runner.invoke(app, ["corpus", "validate", str(out)])
    assert result.exit_code == 1
    assert "differs from the manifest" in result.stderr


def test_unknown_split_is_a_usage_error() -> None:
    with pytest.raises(Exception, match="unknown split 'validation'; choose one of train, dev, test"):
        load_corpus(split="validation")


def test_reports_are_20_to_1500_words() -> None:
    lengths = {d.id: len(d.text.split()) for d in all_docs()}
    assert all(20 <= n <= 1500 for n in lengths.values()), {k: n for k, n in lengths.items() if not 20 <= n <= 1500}


def test_card_statistics_are_current(tmp_path: Path) -> None:
    from eventgold.corpus.card import refresh_card

    card = tmp_path / "README.md"
    card.write_text((ROOT / "corpus" / "README.md").read_text(encoding="utf-8"), encoding="utf-8")
    assert not refresh_card(card, BUNDLED), "regenerate: python -m eventgold.corpus.card corpus/README.md corpus/data"


def test_authoring_round_trip_for_every_document() -> None:
    import yaml

    from eventgold.corpus.authoring import expand_annotation, read_text, to_authoring

    authoring = ROOT / "corpus" / "authoring" / "reports"
    for doc in all_docs():
        meta = yaml.safe_load((authoring / f"{doc.id}.meta.yaml").read_text(encoding="utf-8"))
        ann = yaml.safe_load(yaml.safe_dump(to_authoring(doc, meta), allow_unicode=True, sort_keys=False))
        raw, problems = expand_annotation(read_text(authoring / f"{doc.id}.txt"), meta, ann)
        assert problems == []
        assert Document.model_validate(raw) == doc, doc.id
