"""The baseline end to end: valid predictions, what it finds on small original documents, and its honesty."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from typer.testing import CliRunner

from eventgold.cli import build_app
from eventgold.cli_extract import preannotate, training_documents
from eventgold.eval.baseline import Baseline, KeywordMatcher
from eventgold.eval.systems import run_system, strip_document
from eventgold.schema import (
    CountQualifier,
    Document,
    Modality,
    Profile,
    UsageError,
    check_document,
    read_documents,
    write_documents,
)
from tests.strategies import documents

from .baseline_documents import BARDARASH, DIKWA, DOCUMENTS, KADUNA, KOLBIO

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "gold.jsonl"
app = build_app()
runner = CliRunner()


def _gold_files() -> list[Document]:
    docs = list(DOCUMENTS)
    if EXAMPLE.exists():
        docs += list(read_documents(EXAMPLE))
    return docs


@pytest.mark.parametrize("train", [[], DOCUMENTS], ids=["untrained", "trained"])
def test_every_prediction_is_valid_under_the_prediction_profile(train: list[Document]) -> None:
    baseline = Baseline.from_training(train)
    for doc in _gold_files():
        pred = baseline(strip_document(doc))
        assert check_document(pred, Profile.PREDICTION) == [], doc.id
        # every mention is span-grounded and exact
        for obj in [*pred.actors, *pred.locations, *pred.times, *pred.weapons, *pred.casualties]:
            assert all(m.start is not None and doc.text[m.start:m.end] == m.text for m in obj.mentions)
        assert (pred.id, pred.text, pred.published) == (doc.id, doc.text, doc.published)


def _events(pred: Document) -> list[tuple[str, str, list[str]]]:
    return [(e.type.value, e.modality.value, [t.text for t in e.triggers]) for e in pred.events]


def test_dikwa_attack_curfew_and_forecast() -> None:
    pred = Baseline.from_training([])(strip_document(DIKWA))
    assert _events(pred) == [
        # gunmen against police at a checkpoint: the corpus calls armed violence against armed people a clash
        ("armed_clash", "actual", ["opened fire", "killing", "attack"]),
        ("statement", "negated", ["claimed"]),
        ("security_measure", "actual", ["curfew"]),
        ("attack", "hypothetical", ["attacks"]),
    ]
    attack = pred.events[0]
    times = {t.id: (t.value.start, t.value.end, t.relative) for t in pred.times}
    assert times[attack.time] == (dt.date(2023, 5, 8), dt.date(2023, 5, 8), True)
    casualties = [(c.outcome.value, c.count, c.victim.category.value, c.mentions[0].text) for c in pred.casualties]
    assert casualties == [
        ("killed", DIKWA.casualties[0].count, "police", "at least three police officers"),
        ("injured", DIKWA.casualties[1].count, "police", "two others"),  # "others" of the figure before
    ]
    names = {a.id: a.name for a in pred.actors}
    roles = {(arg.role.value, names.get(arg.entity, arg.entity)) for arg in attack.arguments}
    assert {("attacker", "Unidentified gunmen"), ("source", "local officials"),
            ("victim", "at least three police officers")} <= roles


def test_kolbio_range_source_and_negated_arrests() -> None:
    pred = Baseline.from_training([])(strip_document(KOLBIO))
    assert _events(pred) == [
        ("air_drone_strike", "actual", ["killed", "drone strike", "hit", "strike"]),
        ("protest", "actual", ["protested"]),
        ("arrest", "negated", ["arrests"]),
    ]
    (cas,) = pred.casualties
    assert (cas.count.qualifier, cas.count.low, cas.count.high) == (CountQualifier.RANGE, 5, 8)
    assert [t.value.start for t in pred.times] == [dt.date(2022, 11, 1), dt.date(2022, 11, 2)]


def test_kaduna_abduction_missing_arrests_and_generic() -> None:
    pred = Baseline.from_training([])(strip_document(KADUNA))
    assert [(e.type.value, e.modality.value) for e in pred.events] == [
        ("abduction", "actual"), ("security_alert", "actual"), ("deployment", "actual"), ("arrest", "actual"),
        ("abduction", "generic"),
    ]
    assert [(c.outcome.value, c.count.qualifier.value, c.mentions[0].text) for c in pred.casualties] == [
        ("abducted", "exact", "14 passengers"),
        ("missing", "unspecified", "An unknown number of others"),
        ("arrested", "exact", "two suspects"),
    ]


def test_bardarash_breakdown_weapon_quantity_and_future_range() -> None:
    pred = Baseline.from_training([])(strip_document(BARDARASH))
    by_id = {c.id: c for c in pred.casualties}
    breakdown = [c for c in pred.casualties if c.part_of]
    assert [(c.mentions[0].text, by_id[c.part_of].mentions[0].text) for c in breakdown] == [
        ("six children", "about 20 residents")]
    rockets = [w for w in pred.weapons if w.name == "rockets"]
    assert rockets[0].quantity is not None and rockets[0].quantity.low == 18
    assert rockets[0].mentions[0].text == "At least 18 rockets"
    measure = next(e for e in pred.events if e.type.value == "security_measure")
    assert measure.modality is Modality.HYPOTHETICAL
    times = {t.id: t.value for t in pred.times}
    assert (times[measure.time].start, times[measure.time].end) == (dt.date(2023, 3, 15), dt.date(2023, 3, 19))
    assert {e.modality.value for e in pred.events if e.triggers[0].text in ("Rocket fire", "airstrikes")} == {"generic"}


def test_training_teaches_names_and_places() -> None:
    raw = Document(id="new", published=dt.date(2022, 11, 20),
                   text="Somali National Army troops clashed with militants near Kolbio on Friday.")
    untrained = Baseline.from_training([])(raw)
    trained = Baseline.from_training([KOLBIO])(raw)
    assert [(a.name, a.type.value) for a in trained.actors if a.name == "Somali National Army"] == [
        ("Somali National Army", "state_military")]
    assert {loc.name for loc in trained.locations} == {"Kolbio"}
    assert {loc.name for loc in untrained.locations} == {"Kolbio"}  # found by "near" + name, too


def test_keyword_matcher_is_a_floor() -> None:
    pred = KeywordMatcher()(strip_document(DIKWA))
    assert [(e.type.value, e.triggers[0].text) for e in pred.events] == [
        ("attack", "opened fire"), ("attack", "killing"), ("statement", "claimed"), ("attack", "attack"),
        ("security_measure", "curfew"), ("attack", "attacks")]
    assert not pred.actors and not pred.casualties


# --------------------------------------------------------------------------- the CLI and its honesty


def _corpus(tmp_path: Path, train: list[Document], dev: list[Document], test: list[Document]) -> Path:
    root = tmp_path / "corpus"
    for name, docs in (("train", train), ("dev", dev), ("test", test)):
        write_documents(root / f"{name}.jsonl", docs)
    return root


def test_baseline_learns_from_the_train_split_only(tmp_path: Path) -> None:
    """A name only the dev gold knows is not found; the same name in the train gold is."""
    secret = Document.model_validate({
        "id": "secret", "published": "2023-01-10", "text": "Qarlo attacked a village.",
        "actors": [{"id": "a1", "name": "Qarlo", "type": "non_state_armed_group",
                    "mentions": [{"start": 0, "end": 5, "text": "Qarlo"}]}],
        "events": [{"id": "e1", "type": "attack", "triggers": [{"start": 6, "end": 14, "text": "attacked"}],
                    "arguments": [{"role": "attacker", "entity": "a1"}]}]})
    raw = tmp_path / "raw.jsonl"
    raw.write_text(json.dumps({"id": "r1", "published": "2023-02-01",
                               "text": "Later, Qarlo fighters attacked a market."}) + "\n", encoding="utf-8")
    out = tmp_path / "pred.jsonl"
    for train, dev, found in (([KADUNA], [secret], False), ([KADUNA, secret], [], True)):
        root = _corpus(tmp_path, train, dev, [secret])
        result = runner.invoke(app, ["extract", "--system", "baseline", str(raw), "--corpus", str(root),
                                     "-o", str(out)])
        assert result.exit_code == 0, result.output
        (pred,) = read_documents(out, Profile.PREDICTION)
        assert ("Qarlo" in {a.name for a in pred.actors}) is found
    assert [d.id for d in training_documents(root)] == ["t-kaduna", "secret"]


def test_extract_split_writes_valid_predictions_and_reports(tmp_path: Path) -> None:
    root = _corpus(tmp_path, [KADUNA], [KOLBIO, DIKWA], [BARDARASH])
    out = tmp_path / "pred.jsonl"
    result = runner.invoke(app, ["extract", "--system", "baseline", "--split", "dev", "--corpus", str(root),
                                 "-o", str(out), "--num-proc", "2"])
    assert result.exit_code == 0, result.output
    assert [d.id for d in read_documents(out, Profile.PREDICTION)] == ["t-kolbio", "t-dikwa"]
    assert f"extract: wrote 2 predictions to {out} (baseline on split dev," in result.stderr


def test_extract_is_deterministic(tmp_path: Path) -> None:
    root = _corpus(tmp_path, [KADUNA, KOLBIO], [DIKWA], [BARDARASH])
    outs = []
    for i in range(2):
        out = tmp_path / f"p{i}.jsonl"
        assert runner.invoke(app, ["extract", "-s", "baseline", "--split", "test", "--corpus", str(root), "-q",
                                   "-o", str(out)]).exit_code == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_extract_usage_errors(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    write_documents(gold, [DIKWA])
    out = str(tmp_path / "p.jsonl")
    cases = [
        (["extract", str(gold), "-o", out], "give the system to run: --system NAME (e.g. baseline) or --command 'CMD'"),
        (["extract", str(gold), "-s", "keywords", "-c", "cat", "-o", out],
         "give either --system NAME or --command 'CMD', not both"),
        (["extract", "-s", "keywords", "-o", out],
         "give the documents to run on: an INPUT file or folder, or --split NAME"),
        (["extract", "-s", "keywords", str(gold), "--split", "dev", "-o", out],
         "give either an INPUT file or folder or --split NAME, not both"),
        (["extract", "-s", "keywords", "--split", "valid", "--corpus", str(tmp_path), "-o", out],
         "unknown split 'valid'; choose one of train, dev, test"),
    ]
    for args, message in cases:
        result = runner.invoke(app, args)
        assert result.exit_code == 2, args
        assert message in " ".join(result.stderr.split()), result.stderr
    assert not Path(out).exists()


def test_extract_with_a_command_failing_leaves_no_output(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    write_documents(gold, [DIKWA, KOLBIO])
    script = tmp_path / "half.py"
    script.write_text("import sys\nprint(sys.stdin.readline().strip())\n", encoding="utf-8")
    out = tmp_path / "p.jsonl"
    import sys

    result = runner.invoke(app, ["extract", "--command", f"{sys.executable} {script}", str(gold), "-o", str(out)])
    assert result.exit_code == 1
    assert "wrote no prediction for 1 of 2 input documents: 't-kolbio'" in result.stderr
    assert not out.exists()


def test_preannotate_uses_the_train_split(tmp_path: Path) -> None:
    root = _corpus(tmp_path, [KOLBIO], [], [])
    preds = preannotate([KADUNA, DIKWA], corpus=root)
    assert [p.id for p in preds] == ["t-kaduna", "t-dikwa"]
    assert all(check_document(p, Profile.PREDICTION) == [] for p in preds)
    assert preds == list(run_system(Baseline.from_training([KOLBIO]), [KADUNA, DIKWA]))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_baseline_never_fails_and_stays_valid_on_generated_documents(doc: Document) -> None:
    pred = _TRAINED(strip_document(doc))
    assert check_document(pred, Profile.PREDICTION) == []
    assert KeywordMatcher()(strip_document(doc)).id == doc.id


_TRAINED = Baseline.from_training(DOCUMENTS)


def test_baseline_from_the_bundled_train_split_is_valid_on_every_corpus_document() -> None:
    from eventgold.corpus import SPLITS, corpus_root, read_split

    try:
        corpus_root()
    except UsageError:
        pytest.skip("the bundled corpus is not built")
    baseline = Baseline.from_training(list(read_split("train")))
    for split in SPLITS:
        for doc in read_split(split):
            pred = baseline(strip_document(doc))
            assert check_document(pred, Profile.PREDICTION) == [], (split, doc.id)


def test_every_event_type_has_seed_triggers() -> None:
    from eventgold.eval.baseline_lexicon import TRIGGERS
    from eventgold.schema import EventType

    assert {t.type for t in TRIGGERS if t.type is not None} == set(EventType)
