"""Cross-validation of the baseline on training documents: how its settings were chosen without dev or test.

The training documents are split into ``folds`` groups by a hash of their ids; each group is predicted
by a baseline learned from the other groups, and the predictions of all groups are scored together
against the training gold. Only training documents are involved, so settings chosen this way never
see dev or test gold.

>>> from eventgold.schema import Document
>>> docs = [Document.model_validate({"id": f"d{i}", "published": "2024-03-02", "text": "Troops clashed with rebels."})
...         for i in range(4)]
>>> report = cross_validate(docs, folds=2, resamples=1)
>>> report.documents
4
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from eventgold.schema import Document, UsageError

from .baseline import Baseline, BaselineSettings
from .report import ScoreReport, Settings, build_report
from .scoring import score_documents
from .systems import run_system


def fold_of(doc_id: str, folds: int) -> int:
    """The fold a document belongs to: a stable hash of its id, so adding documents moves no other."""
    return int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest(), 16) % folds


def cross_validate(train: Sequence[Document], settings: BaselineSettings | None = None, *, folds: int = 5,
                   resamples: int = 1000, seed: int = 0) -> ScoreReport:
    """Score the baseline on ``train`` by ``folds``-fold cross-validation (each fold predicted by a baseline
    learned from the other folds)."""
    if folds < 2:
        raise UsageError(f"folds must be at least 2, not {folds}")
    if len(train) < folds:
        raise UsageError(f"{len(train)} training documents cannot make {folds} folds")
    groups: list[list[Document]] = [[] for _ in range(folds)]
    for doc in train:
        groups[fold_of(doc.id, folds)].append(doc)
    predictions: dict[str, Document] = {}
    for i, held_out in enumerate(groups):
        if not held_out:
            continue
        learned_from = [d for j, group in enumerate(groups) if j != i for d in group]
        baseline = Baseline.from_training(learned_from, settings)
        for pred in run_system(baseline, held_out, name="baseline (cross-validation)"):
            predictions[pred.id] = pred
    return build_report(score_documents(train, predictions), Settings(resamples=resamples, seed=seed))
