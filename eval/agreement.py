"""Agreement of two annotators, with the same matcher and the same definitions that score systems.

Annotator B is scored against annotator A. Because every match is one-to-one
and every similarity is symmetric, F1 does not depend on which file is called
gold (precision of B against A is recall of A against B); it is reported as
the agreement of each level. On the *matched* items, the agreement on their
attributes is measured with Cohen's kappa and Krippendorff's alpha (nominal):

* event type and modality, on aligned events;
* casualty outcome, on matched casualty records;
* actor type, on actors aligned by canonical identity.

Both coefficients are computed from the summed confusion counts, so they too
add over shards. Documents present in one file only are listed and left out.

>>> import numpy as np
>>> round(cohen_kappa(np.array([[20, 5], [10, 15]])), 4)
0.4
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from eventgold.schema import ActorType, CasualtyOutcome, EventType, Modality, Profile

from . import casualties, entities, events, modality
from .counts import Counts, Metric
from .document import ScoringOptions
from .provenance import provenance
from .report import FORMAT_NAME, FORMAT_VERSION, LEGEND, ScoreReport, Settings, _num, build_report
from .scoring import CorpusScore, score_files

#: Attributes compared on matched items: name -> (confusion counts, title, label order).
ATTRIBUTES: dict[str, tuple[Metric, str, tuple[str, ...]]] = {
    "event_type": (events.CONFUSION, "Event type (aligned events)", tuple(t.value for t in EventType)),
    "modality": (modality.CONFUSION, "Modality (aligned events)", tuple(m.value for m in Modality)),
    "casualty_outcome": (casualties.OUTCOME_CONFUSION, "Casualty outcome (matched records)",
                         tuple(o.value for o in CasualtyOutcome)),
    "actor_type": (entities.ACTOR_TYPE_CONFUSION, "Actor type (aligned actors)", tuple(a.value for a in ActorType)),
}


def cohen_kappa(confusion: np.ndarray) -> float | None:
    """Cohen's kappa (scikit-learn) of a square confusion matrix (rows annotator A, columns B); None when undefined.

    The matrix is handed to :func:`sklearn.metrics.cohen_kappa_score` as one weighted item per
    cell. Undefined when there are no items or when chance agreement is 1 (both annotators used
    one and the same label throughout); scikit-learn returns nan there.
    """
    from sklearn.metrics import cohen_kappa_score  # imported here: scikit-learn is slow to import

    c = np.asarray(confusion, dtype=np.int64)
    if c.size == 0 or c.sum() == 0:
        return None
    rows, cols = np.nonzero(c)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # undefined kappa is reported as None, not warned about
        value = float(cohen_kappa_score(rows, cols, labels=np.arange(c.shape[0]), sample_weight=c[rows, cols]))
    return None if np.isnan(value) else value


def krippendorff_alpha(confusion: np.ndarray) -> float | None:
    """Krippendorff's alpha for nominal data from two annotators with no missing values; None when undefined.

    The coincidence matrix of two coders is ``C + Cᵀ``; with ``n`` pairable values (twice the
    items) and ``n_c`` the marginals, ``alpha = 1 - (n - 1) · (n - trace) / (n² - Σ n_c²)``.
    """
    c = np.asarray(confusion, dtype=np.float64)
    coincidence = c + c.T
    n = coincidence.sum()
    marginals = coincidence.sum(axis=1)
    expected = n * n - float(marginals @ marginals)
    if n <= 1 or expected == 0:
        return None
    return float(1 - (n - 1) * (n - np.trace(coincidence)) / expected)


def square_confusion(counts: Counts, metric: Metric, order: tuple[str, ...] = ()
                     ) -> tuple[list[str], np.ndarray]:
    """The labels and the square matrix of matched pairs (the '-' row and column of unmatched items left out)."""
    cells: dict[tuple[str, str], int] = {}
    for (lv, mt, label, stat), n in counts.items():
        if (lv, mt) == (metric.level, metric.name) and stat == "n":
            a, _, b = label.partition(">")
            if a != "-" and b != "-":
                cells[(a, b)] = n
    present = {a for a, _ in cells} | {b for _, b in cells}
    labels = [x for x in order if x in present] + sorted(present - set(order))
    at = {lab: i for i, lab in enumerate(labels)}
    matrix = np.zeros((len(labels), len(labels)), dtype=np.int64)
    for (a, b), n in cells.items():
        matrix[at[a], at[b]] = n
    return labels, matrix


@dataclass(frozen=True)
class AttributeAgreement:
    name: str
    title: str
    items: int
    observed: float | None
    kappa: float | None
    alpha: float | None
    labels: list[str]
    matrix: list[list[int]]

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title, "items": self.items, "observed": _num(self.observed),
                "cohen_kappa": _num(self.kappa), "krippendorff_alpha": _num(self.alpha), "labels": self.labels,
                "matrix": self.matrix}


def attribute_agreement(counts: Counts) -> list[AttributeAgreement]:
    out = []
    for name, (metric, title, order) in ATTRIBUTES.items():
        labels, matrix = square_confusion(counts, metric, order)
        items = int(matrix.sum())
        observed = float(np.trace(matrix) / items) if items else None
        out.append(AttributeAgreement(name, title, items, observed, cohen_kappa(matrix), krippendorff_alpha(matrix),
                                      labels, matrix.tolist()))
    return out


@dataclass
class AgreementReport:
    """Symmetric F1 per level (the scores of B against A) and attribute agreement on matched items."""

    scores: ScoreReport
    attributes: list[AttributeAgreement]
    only_in_a: list[str]
    only_in_b: list[str]
    kind: str = "agreement"

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT_NAME, "version": FORMAT_VERSION, "kind": self.kind,
                "provenance": self.scores.provenance, "a": self.scores.gold, "b": self.scores.predictions,
                "documents": {"shared": self.scores.documents, "only_in_a": self.only_in_a,
                              "only_in_b": self.only_in_b},
                "settings": self.scores.settings.to_json(),
                "attributes": [a.to_json() for a in self.attributes],
                "legend": LEGEND,
                "levels": self.scores.to_json()}


def agreement_from_scores(corpus: CorpusScore, settings: Settings | None = None, *, explain: bool = False
                          ) -> AgreementReport:
    scores = build_report(corpus, settings, explain=explain)
    scores.kind = "agreement"
    scores.missing = []
    scores.provenance = provenance(corpus.gold, {"a": corpus.gold, "b": corpus.predictions})
    return AgreementReport(scores, attribute_agreement(corpus.counts), list(corpus.missing), list(corpus.unknown))


def agreement(a: str | Path, b: str | Path, *, settings: Settings | None = None, explain: bool = False,
              num_proc: int = 1, profile: Profile | str = Profile.GOLD) -> AgreementReport:
    """Agreement of two annotators' JSONL files over the documents both contain."""
    settings = settings or Settings()
    corpus = score_files(a, b, num_proc=num_proc, explain=explain, gold_profile=profile, pred_profile=profile,
                         only_shared=True, options=ScoringOptions(settings.min_event_similarity))
    return agreement_from_scores(corpus, settings, explain=explain)
