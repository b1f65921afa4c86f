"""Cross-validation on training documents only: folds are stable, and no document predicts itself."""

from __future__ import annotations

import pytest

from eventgold.eval.baseline import Baseline
from eventgold.eval.baseline_tuning import cross_validate, fold_of
from eventgold.schema import Document, UsageError

from .baseline_documents import DOCUMENTS


def test_folds_are_stable_hashes() -> None:
    assert [fold_of(d.id, 2) for d in DOCUMENTS] == [fold_of(d.id, 2) for d in DOCUMENTS]
    assert {fold_of(f"d{i}", 5) for i in range(100)} == {0, 1, 2, 3, 4}


def test_no_document_is_predicted_by_a_baseline_that_learned_from_it(monkeypatch: pytest.MonkeyPatch) -> None:
    learned: list[set[str]] = []
    original = Baseline.from_training.__func__  # type: ignore[attr-defined]

    def spy(cls: type[Baseline], docs: list[Document], settings: object = None) -> Baseline:
        docs = list(docs)
        learned.append({d.id for d in docs})
        return original(cls, docs, settings)

    monkeypatch.setattr(Baseline, "from_training", classmethod(spy))
    report = cross_validate(DOCUMENTS, folds=2, resamples=5)
    assert report.documents == 4
    assert len(learned) == 2 and learned[0].isdisjoint(learned[1])
    assert set().union(*learned) == {d.id for d in DOCUMENTS}
    assert 0 < report.row("events", "identification").f1 <= 1


def test_cross_validation_needs_enough_documents() -> None:
    with pytest.raises(UsageError, match="4 training documents cannot make 5 folds"):
        cross_validate(DOCUMENTS, folds=5)
    with pytest.raises(UsageError, match="folds must be at least 2, not 1"):
        cross_validate(DOCUMENTS, folds=1)
