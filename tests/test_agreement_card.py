"""The agreement figures in the dataset card are the ones the two annotation files give."""

import importlib.util
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("agreement_script", ROOT / "scripts" / "agreement.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_card_agreement_section_is_current(tmp_path: Path) -> None:
    card = tmp_path / "README.md"
    shutil.copy(ROOT / "corpus" / "README.md", card)
    assert not _script().refresh_card(card), "regenerate with: python scripts/agreement.py card"


def test_selection_rule_gives_the_committed_subset() -> None:
    from eventgold.schema import read_documents

    script = _script()
    selected = script.select(script.study_ids())
    assert len(selected) >= 15 and len(selected) >= 0.2 * len(script.study_ids())
    for name in ("annotator_a.jsonl", "annotator_b.jsonl"):
        assert [d.id for d in read_documents(ROOT / "corpus" / "agreement" / name)] == selected


def test_the_gold_is_the_adjudicated_merge_of_the_two_annotations() -> None:
    from eventgold.corpus import SPLITS, read_split
    from eventgold.eval.adjudication import adjudicate, read_decisions
    from eventgold.schema import read_documents

    agreement_dir = ROOT / "corpus" / "agreement"
    decisions = read_decisions((agreement_dir / "decisions.yaml").read_text(encoding="utf-8"))
    merged, comparisons, totals = adjudicate(read_documents(agreement_dir / "annotator_a.jsonl"),
                                             read_documents(agreement_dir / "annotator_b.jsonl"), decisions)
    assert totals["undecided"] == 0 and len(decisions) == sum(len(c.disagreements) for c in comparisons)
    assert merged == list(read_documents(agreement_dir / "adjudicated.jsonl"))
    gold = {d.id: d for split in SPLITS for d in read_split(split)}
    # the gold's metadata gained `genre` in corpus 0.2.0, after the study; the annotations are the merge's
    assert all(gold[doc.id].model_copy(update={"metadata": doc.metadata}) == doc for doc in merged)
    assert all(gold[doc.id].metadata == {**doc.metadata, "genre": "alert"} for doc in merged)


def test_card_agreement_v2_section_is_current(tmp_path: Path) -> None:
    card = tmp_path / "README.md"
    shutil.copy(ROOT / "corpus" / "README.md", card)
    assert not _script().refresh_card_v2(card), "regenerate with: python scripts/agreement.py card-v2"


def test_v2_study_covers_its_seeded_selection_and_a_quarter_of_the_corpus() -> None:
    from eventgold.corpus import SPLITS, read_split
    from eventgold.schema import read_documents

    script = _script()
    selected = sorted(i for ids in script.select_v2().values() for i in ids)
    a = [d.id for d in read_documents(ROOT / "corpus" / "agreement" / "v2" / "annotator_a.jsonl")]
    b = [d.id for d in read_documents(ROOT / "corpus" / "agreement" / "v2" / "annotator_b.jsonl")]
    assert a == b == selected
    total = sum(1 for s in SPLITS for _ in read_split(s))
    assert len(selected) + len(script.select(script.study_ids())) >= max(75, 0.25 * total)
