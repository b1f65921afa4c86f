"""Typed results of an evaluation, built from summed counts, and their stable JSON layout.

:func:`evaluate` is the main entry point: score a prediction file against a
gold file and return a :class:`ScoreReport` (every level's rows with raw
counts, headline scores with bootstrap intervals, confusion tables, extra
statistics and, on request, the findings). :func:`compare` scores two systems
on the same gold data and adds a paired bootstrap per headline score.
Reporters (:mod:`eventgold.eval.render`) only read these objects.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .bootstrap import (
    DEFAULT_CONFIDENCE,
    DEFAULT_RESAMPLES,
    DEFAULT_SEED,
    Difference,
    Interval,
    bootstrap_intervals,
    check_settings,
    paired_bootstrap,
    point_estimates,
)
from .counts import ALL, Counts, check_zero_division
from .document import ScoringOptions
from .errors import ParameterError
from .findings import Finding
from .mentions import MENTION_KINDS, SCHEME_COUNTS, SPAN_FREE, mention_level
from .metrics import (
    CONFUSIONS,
    HEADLINES,
    LABELLED,
    TABLES,
    ConfusionSpec,
    Formula,
    TableSpec,
    all_formulas,
    extras,
    labelled_name,
)
from .provenance import display_path, provenance
from .scoring import CorpusScore, score_files

#: What every abbreviation and mark in a report means; every format carries it (JSON as ``legend``).
LEGEND: dict[str, str] = {
    "P": "precision: credited predicted items / predicted items",
    "R": "recall: credited gold items / gold items",
    "F1": "the harmonic mean of precision and recall: 2 credit / (predicted + gold)",
    "interval": "percentile interval of a document bootstrap (documents resampled with replacement)",
    "tp": "true positives: matched pairs",
    "fp": "false positives: predicted items with no gold partner",
    "fn": "false negatives: gold items with no predicted partner",
    "cor": "correct: a pair that earns full credit",
    "inc": "incorrect: an overlapping pair with other boundaries or label (mentions), or a disjoint date or count",
    "par": "partial: a pair that earns partial credit (half for mentions; an overlapping date or count)",
    "mis": "missed: a gold item with no predicted partner",
    "spu": "spurious: a predicted item with no gold partner",
    "n/a": "not scored: the predictions give only span-free mentions of this kind, so there are no offsets to compare",
    "–": "undefined (zero division under the nan policy)",
    "definitions": "docs/metrics.md in the eventgold repository defines every score",
}

FORMAT_NAME = "eventgold-eval"
FORMAT_VERSION = 1
DIGITS = 6


@dataclass(frozen=True)
class Settings:
    """Everything that changes the numbers, recorded in every report."""

    seed: int = DEFAULT_SEED
    resamples: int = DEFAULT_RESAMPLES
    confidence: float = DEFAULT_CONFIDENCE
    zero_division: float = 0.0
    min_event_similarity: float = ScoringOptions().min_event_similarity

    def __post_init__(self) -> None:
        check_settings(self.resamples, self.confidence)
        object.__setattr__(self, "zero_division", check_zero_division(self.zero_division))
        if not 0 < self.min_event_similarity <= 1:
            raise ParameterError("min_event_similarity", f"must be in (0, 1], not {self.min_event_similarity}")

    def to_json(self) -> dict[str, Any]:
        return {"seed": self.seed, "resamples": self.resamples, "confidence": self.confidence,
                "zero_division": _num(self.zero_division), "min_event_similarity": self.min_event_similarity}


@dataclass(frozen=True)
class Row:
    """Precision, recall and F1 of one metric (and label), with the raw counts behind them."""

    level: str
    name: str
    title: str
    label: str
    counts: dict[str, int]
    precision: float | None
    recall: float | None
    f1: float | None
    f1_low: float | None = None
    f1_high: float | None = None
    scored: bool = True
    """False when the level could not be scored (span-free predictions at mention level): the scores are None."""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"level": self.level, "metric": self.name, "title": self.title, "label": self.label,
                               **self.counts, "precision": _num(self.precision), "recall": _num(self.recall),
                               "f1": _num(self.f1)}
        if self.f1_low is not None or self.f1_high is not None:
            out["f1_low"], out["f1_high"] = _num(self.f1_low), _num(self.f1_high)
        out["scored"] = self.scored
        return out


@dataclass(frozen=True)
class HeadlineScore:
    name: str
    level: str
    title: str
    value: float | None
    low: float | None
    high: float | None
    higher_is_better: bool
    unit: str
    scored: bool = True
    """False when the level could not be scored (span-free predictions at mention level): value None, 'n/a'."""

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "level": self.level, "title": self.title, "value": _num(self.value),
                "low": _num(self.low), "high": _num(self.high), "higher_is_better": self.higher_is_better,
                "unit": self.unit, "scored": self.scored}


@dataclass(frozen=True)
class GroupScores:
    """The headline scores of the documents whose metadata key has one value (``--by KEY``)."""

    value: str
    documents: int
    headlines: list[HeadlineScore]

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "documents": self.documents, "headlines": [h.to_json() for h in self.headlines]}


@dataclass(frozen=True)
class Confusion:
    """Counts of (gold label, predicted label) pairs; ``-`` is 'no aligned item'."""

    name: str
    title: str
    gold_labels: list[str]
    pred_labels: list[str]
    matrix: list[list[int]]

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title, "gold_labels": self.gold_labels,
                "pred_labels": self.pred_labels, "matrix": self.matrix}


@dataclass
class ScoreReport:
    """The result of scoring one system (or one annotator against another)."""

    gold: str
    predictions: str
    documents: int
    missing: list[str]
    settings: Settings
    headlines: list[HeadlineScore]
    rows: list[Row]
    per_label: dict[str, list[Row]]
    macro: dict[str, dict[str, float | None]]
    confusions: list[Confusion]
    extras: dict[str, dict[str, Any]]
    counts: Counts
    findings: list[Finding] | None = None
    kind: str = "score"
    provenance: dict[str, Any] = field(default_factory=dict)
    by: str | None = None
    """The metadata key of ``groups`` (``--by KEY``), or None."""
    groups: list[GroupScores] = field(default_factory=list)

    def headline(self, name: str) -> HeadlineScore:
        for h in self.headlines:
            if h.name == name:
                return h
        raise KeyError(name)

    def row(self, level: str, name: str, label: str = ALL) -> Row:
        if label == ALL:
            for r in self.rows:
                if (r.level, r.name) == (level, name):
                    return r
        else:
            for r in self.per_label.get(f"{level}.{name}", []):
                if r.label == label:
                    return r
        raise KeyError((level, name, label))

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "format": FORMAT_NAME, "version": FORMAT_VERSION, "kind": self.kind, "provenance": self.provenance,
            "gold": self.gold, "predictions": self.predictions,
            "documents": {"scored": self.documents, "missing_predictions": self.missing},
            "settings": self.settings.to_json(),
            "headlines": [h.to_json() for h in self.headlines],
            "legend": LEGEND,
            "rows": [r.to_json() for r in self.rows],
            "per_label": {k: [r.to_json() for r in v] for k, v in self.per_label.items()},
            "macro": {k: {m: _num(x) for m, x in v.items()} for k, v in self.macro.items()},
            "confusions": [c.to_json() for c in self.confusions],
            "extras": _json_clean(self.extras),
            "counts": counts_to_json(self.counts),
        }
        if self.by is not None:
            out["by"] = {"key": self.by, "groups": [g.to_json() for g in self.groups]}
        if self.findings is not None:
            out["findings"] = findings_by_level(self.findings)
        return out


def findings_by_level(findings: list[Finding]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for f in findings:
        grouped.setdefault(f.level, []).append(f.to_json())
    return grouped


def _num(x: float | None) -> float | None:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return None
    return round(float(x), DIGITS)


def _json_clean(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _json_clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_clean(v) for v in value]
    if isinstance(value, float):
        return _num(value)
    return value


def counts_to_json(counts: Counts) -> dict[str, Any]:
    """Summed counts nested as level -> metric -> label -> stat -> n, keys sorted."""
    out: dict[str, Any] = {}
    for (level, metric, label, stat), n in sorted(counts.items()):
        out.setdefault(level, {}).setdefault(metric, {}).setdefault(label, {})[stat] = n
    return out


def counts_from_json(data: dict[str, Any]) -> Counts:
    """Inverse of :func:`counts_to_json`: lets reports from shards be added up."""
    return Counts({(level, metric, label, stat): int(n)
                   for level, metrics in data.items() for metric, labels in metrics.items()
                   for label, stats in labels.items() for stat, n in stats.items()})


def _get(counts: Counts) -> Any:
    return lambda key: np.asarray(float(counts[key]))


def _value(x: np.ndarray | float) -> float | None:
    v = float(x)
    return None if math.isnan(v) else v


def _row(spec: TableSpec, counts: Counts, zd: float, label: str = ALL,
         ci: tuple[float | None, float | None] = (None, None), *, scored: bool = True) -> Row:
    get = _get(counts)
    raw = {s: counts[spec.counts.key(s, label)] for s in spec.stats}
    if not scored:
        return Row(spec.level, spec.name, spec.title, label, raw, None, None, None, scored=False)
    return Row(spec.level, spec.name, spec.title, label, raw, _value(spec.precision(get, zd, label)),
               _value(spec.recall(get, zd, label)), _value(spec.f1(get, zd, label)), ci[0], ci[1])


def _labels(spec: TableSpec, counts: Counts) -> list[str]:
    present = set(counts.labels(spec.level, spec.metric))
    known = [lab for lab in (spec.labels or ()) if lab in present]
    return known + sorted(present - set(known))


def _confusion(counts: Counts, spec: ConfusionSpec) -> Confusion | None:
    name, title, order = spec.name, spec.title, spec.order
    cells: dict[tuple[str, str], int] = {}
    for (lv, mt, label, stat), n in counts.items():
        if (lv, mt) == (spec.counts.level, spec.counts.name) and stat == "n":
            gold, _, pred = label.partition(">")
            cells[(gold, pred)] = n
    if not cells:
        return None

    def ordered(values: set[str]) -> list[str]:
        known = [v for v in order if v in values]
        rest = sorted(values - set(known) - {"-"})
        return known + rest + (["-"] if "-" in values else [])

    gold_labels = ordered({g for g, _ in cells})
    pred_labels = ordered({p for _, p in cells})
    matrix = [[cells.get((g, p), 0) for p in pred_labels] for g in gold_labels]
    return Confusion(name, title, gold_labels, pred_labels, matrix)


def unscored_levels(counts: Counts) -> frozenset[str]:
    """Mention levels that cannot be scored: predictions gave span-free mentions of that kind and no placed one.

    Their rows and headlines are 'n/a' (None), not 0: nothing was compared.
    """
    out = set()
    for kind in MENTION_KINDS:
        strict = SCHEME_COUNTS[kind]["strict"]
        predicted = sum(counts[strict.key(s)] for s in ("cor", "inc", "par", "spu"))
        if counts[SPAN_FREE[kind].key("n")] and not predicted:
            out.add(mention_level(kind))
    return frozenset(out)


def headline_scores(matrix: np.ndarray, settings: Settings, unscored: frozenset[str] = frozenset(),
                    formulas: dict[str, Formula] | None = None) -> tuple[list[HeadlineScore], dict[str, Interval]]:
    """The headline scores of a documents × counts matrix with their bootstrap intervals (and every interval)."""
    zd = check_zero_division(settings.zero_division)
    formulas = formulas or all_formulas()
    points = point_estimates(matrix.sum(axis=0) if len(matrix) else np.zeros(matrix.shape[1]), formulas, zd)
    intervals = bootstrap_intervals(matrix, formulas, resamples=settings.resamples, confidence=settings.confidence,
                                    seed=settings.seed, zero_division=zd)
    headlines = []
    for h in HEADLINES:
        if h.level in unscored:
            headlines.append(HeadlineScore(h.name, h.level, h.title, None, None, None, h.higher_is_better, h.unit,
                                           scored=False))
        else:
            headlines.append(HeadlineScore(h.name, h.level, h.title, _value(points[h.name]), intervals[h.name].low,
                                           intervals[h.name].high, h.higher_is_better, h.unit))
    return headlines, intervals


def group_rows(corpus: CorpusScore) -> dict[str, list[int]]:
    """Row numbers of the scored documents per group value (values in order of first appearance)."""
    if corpus.groups is None:
        raise ValueError("the corpus was scored without group_by; score it with group_by=KEY")
    rows: dict[str, list[int]] = {}
    for i, values in enumerate(corpus.groups):
        for value in values:
            rows.setdefault(value, []).append(i)
    return rows


def build_report(corpus: CorpusScore, settings: Settings | None = None, *, explain: bool = False,
                 group_by: str | None = None) -> ScoreReport:
    """Turn summed counts (and per-document rows) into the typed report, with bootstrap intervals.

    With ``group_by`` (the corpus must have been scored with it) the headlines are also given per value.
    """
    settings = settings or Settings()
    zd = check_zero_division(settings.zero_division)
    counts = corpus.counts
    matrix = corpus.matrix()
    unscored = unscored_levels(counts)
    headlines, intervals = headline_scores(matrix, settings, unscored)
    by_name = {f"{h.level}.{h.name.split('.')[-2]}": h for h in headlines if h.name.endswith(".f1")}
    rows = []
    for spec in TABLES:
        h = by_name.get(f"{spec.level}.{spec.name}")
        rows.append(_row(spec, counts, zd, ci=(h.low, h.high) if h else (None, None),
                         scored=spec.level not in unscored))
    labelled = {(spec.level, spec.name) for spec, _ in LABELLED}
    per_label: dict[str, list[Row]] = {}
    macro: dict[str, dict[str, float | None]] = {}
    for spec in TABLES:
        labels = _labels(spec, counts)
        if spec.labels is None or not labels or spec.level in unscored:
            continue
        key = f"{spec.level}.{spec.name}"
        label_rows = []
        for label in labels:
            ci: tuple[float | None, float | None] = (None, None)
            if (spec.level, spec.name) in labelled and labelled_name(spec, label) in intervals:
                iv = intervals[labelled_name(spec, label)]
                ci = (iv.low, iv.high)
            label_rows.append(_row(spec, counts, zd, label, ci))
        per_label[key] = label_rows
        get = _get(counts)
        macro[key] = {
            "precision": _macro_of([r.precision for r in label_rows]),
            "recall": _macro_of([r.recall for r in label_rows]),
            "f1": _value(spec.macro_f1(get, zd, labels)),
        }
    confusions = [c for c in (_confusion(counts, spec) for spec in CONFUSIONS) if c is not None]
    groups = []
    if group_by is not None:
        formulas = {h.name: h.formula for h in HEADLINES}
        for value, members in group_rows(corpus).items():
            group_headlines, _ = headline_scores(matrix[members], settings, unscored, formulas)
            groups.append(GroupScores(value, len(members), group_headlines))
    return ScoreReport(display_path(corpus.gold), display_path(corpus.predictions), len(corpus.doc_ids),
                       list(corpus.missing), settings, headlines, rows, per_label, macro, confusions, extras(counts),
                       counts, list(corpus.findings) if explain else None,
                       provenance=provenance(corpus.gold, {"predictions": corpus.predictions}),
                       by=group_by, groups=groups)


def _macro_of(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def evaluate(gold: str | Path, predictions: str | Path, *, settings: Settings | None = None, explain: bool = False,
             num_proc: int = 1, group_by: str | None = None,
             on_progress: Callable[[int], None] | None = None) -> ScoreReport:
    """Score a prediction file against a gold file at every level, with confidence intervals.

    ``group_by`` names a metadata key: the headlines are given per value too. ``on_progress`` is called with the
    number of gold documents scored so far.
    """
    settings = settings or Settings()
    corpus = score_files(gold, predictions, num_proc=num_proc, explain=explain,
                         options=ScoringOptions(settings.min_event_similarity), group_by=group_by,
                         on_progress=on_progress)
    return build_report(corpus, settings, explain=explain, group_by=group_by)


@dataclass(frozen=True)
class DifferenceRow:
    name: str
    level: str
    title: str
    higher_is_better: bool
    diff: Difference
    scored: bool = True

    def to_json(self) -> dict[str, Any]:
        d = self.diff
        return {"name": self.name, "level": self.level, "title": self.title, "higher_is_better": self.higher_is_better,
                "a": _num(d.a), "b": _num(d.b), "difference": _num(d.difference), "low": _num(d.low),
                "high": _num(d.high), "p_value": _num(d.p_value), "scored": self.scored}


@dataclass(frozen=True)
class GroupDifferences:
    """A − B per headline on the documents whose metadata key has one value (``--by KEY``)."""

    value: str
    documents: int
    differences: list[DifferenceRow]

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "documents": self.documents,
                "differences": [d.to_json() for d in self.differences]}


@dataclass
class ComparisonReport:
    """Two systems on the same gold documents, with a paired bootstrap per headline score."""

    a: ScoreReport
    b: ScoreReport
    differences: list[DifferenceRow] = field(default_factory=list)
    kind: str = "compare"
    provenance: dict[str, Any] = field(default_factory=dict)
    by: str | None = None
    groups: list[GroupDifferences] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "format": FORMAT_NAME, "version": FORMAT_VERSION, "kind": self.kind, "provenance": self.provenance,
            "gold": self.a.gold, "a": self.a.predictions, "b": self.b.predictions,
            "settings": self.a.settings.to_json(),
            "differences": [d.to_json() for d in self.differences], "legend": LEGEND}
        if self.by is not None:
            out["by"] = {"key": self.by, "groups": [g.to_json() for g in self.groups]}
        out["system_a"] = self.a.to_json()
        out["system_b"] = self.b.to_json()
        return out


def compare(gold: str | Path, pred_a: str | Path, pred_b: str | Path, *, settings: Settings | None = None,
            explain: bool = False, num_proc: int = 1, group_by: str | None = None,
            on_progress: Callable[[int], None] | None = None) -> ComparisonReport:
    """Score two systems on the same gold file; paired bootstrap (same resampled documents) per headline.

    ``on_progress`` is called with the number of gold documents scored so far, over both systems (A's first).
    """
    settings = settings or Settings()
    options = ScoringOptions(settings.min_event_similarity)
    corpus_a = score_files(gold, pred_a, num_proc=num_proc, explain=explain, options=options, group_by=group_by,
                           on_progress=on_progress)
    done = len(corpus_a.doc_ids)
    later = None if on_progress is None else (lambda n: on_progress(done + n))
    corpus_b = score_files(gold, pred_b, num_proc=num_proc, explain=explain, options=options, group_by=group_by,
                           on_progress=later)
    return compare_scores(corpus_a, corpus_b, settings, explain=explain, group_by=group_by)


def _differences(matrix_a: np.ndarray, matrix_b: np.ndarray, settings: Settings,
                 unscored: frozenset[str]) -> list[DifferenceRow]:
    zd = check_zero_division(settings.zero_division)
    formulas = {h.name: h.formula for h in HEADLINES}
    diffs = paired_bootstrap(matrix_a, matrix_b, formulas, resamples=settings.resamples,
                             confidence=settings.confidence, seed=settings.seed, zero_division=zd)
    none = Difference(None, None, None, None, None, None)
    return [DifferenceRow(h.name, h.level, h.title, h.higher_is_better,
                          none if h.level in unscored else diffs[h.name], h.level not in unscored) for h in HEADLINES]


def compare_scores(corpus_a: CorpusScore, corpus_b: CorpusScore, settings: Settings | None = None, *,
                   explain: bool = False, group_by: str | None = None) -> ComparisonReport:
    settings = settings or Settings()
    if corpus_a.doc_ids != corpus_b.doc_ids:
        raise ValueError("both systems must be scored on the same gold documents in the same order")
    unscored = unscored_levels(corpus_a.counts) | unscored_levels(corpus_b.counts)
    matrix_a, matrix_b = corpus_a.matrix(), corpus_b.matrix()
    rows = _differences(matrix_a, matrix_b, settings, unscored)
    groups = []
    if group_by is not None:
        for value, members in group_rows(corpus_a).items():
            groups.append(GroupDifferences(value, len(members),
                                           _differences(matrix_a[members], matrix_b[members], settings, unscored)))
    return ComparisonReport(build_report(corpus_a, settings, explain=explain),
                            build_report(corpus_b, settings, explain=explain), rows,
                            provenance=provenance(corpus_a.gold, {"a": corpus_a.predictions,
                                                                  "b": corpus_b.predictions}),
                            by=group_by, groups=groups)
