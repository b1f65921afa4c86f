"""Metric definitions as data: every score is a formula over summed counts.

A formula receives ``get(key)``, which returns the summed count of a key as a
numpy array: a 0-d array for the point estimate, one value per resample for
the bootstrap. The same formula therefore computes the score and its interval,
and they cannot disagree.

:data:`TABLES` lists the precision/recall/F1 rows of every level (a new level
is a new row here); :data:`HEADLINES` the scores that get confidence intervals;
:data:`LABELLED` the per-label F1 scores that get them too (drawn as interval
bars in the HTML report).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np

from eventgold.schema import ActorType, CasualtyOutcome, EventType, LocationPrecision, Modality, Role

from . import arguments, casualties, dates, entities, events, modality
from .counts import ALL, GRADED_STATS, PRF_STATS, Counts, Key, Metric, divide, f1, precision, recall
from .mentions import MENTION_KINDS, SCHEME_COUNTS, SPAN_FREE, mention_level

Getter = Callable[[Key], np.ndarray]
Formula = Callable[[Getter, float], np.ndarray]


def safe_divide(num: np.ndarray, den: np.ndarray, zero_division: float) -> np.ndarray:
    """``num / den`` elementwise, ``zero_division`` where ``den`` is 0."""
    return divide(np.asarray(num, dtype=np.float64), np.asarray(den, dtype=np.float64), zero_division)


@dataclass(frozen=True)
class TableSpec:
    """One precision/recall/F1 row family: a metric of a level, overall and (optionally) per label.

    ``counts`` is the declared count family it reads: tp/fp/fn counts (``kind`` ``prf``) or SemEval
    cor/inc/par/mis/spu counts (``graded``, a partial match earning ``partial_weight``). ``name``
    tells two readings of the same counts apart.
    """

    counts: Metric
    name: str
    title: str
    partial_weight: float = 0.0
    labels: tuple[str, ...] | None = None
    headline: bool = False

    @property
    def level(self) -> str:
        return self.counts.level

    @property
    def metric(self) -> str:
        return self.counts.name

    @property
    def kind(self) -> str:
        return "prf" if self.counts.stats[:3] == PRF_STATS else "graded"

    @property
    def stats(self) -> tuple[str, ...]:
        """The raw counts a row shows."""
        return PRF_STATS if self.kind == "prf" else GRADED_STATS

    def parts(self, get: Getter, label: str = ALL) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(credit, predicted, gold) as arrays."""
        key = self.counts.key
        if self.kind == "prf":
            tp, fp, fn = (get(key(s, label)) for s in PRF_STATS)
            return tp, tp + fp, tp + fn
        cor, inc, par, mis, spu = (get(key(s, label)) for s in GRADED_STATS)
        credit = cor + self.partial_weight * par
        return credit, cor + inc + par + spu, cor + inc + par + mis

    def precision(self, get: Getter, zero_division: float, label: str = ALL) -> np.ndarray:
        credit, predicted, _ = self.parts(get, label)
        return precision(np.asarray(credit, dtype=np.float64), predicted, zero_division)

    def recall(self, get: Getter, zero_division: float, label: str = ALL) -> np.ndarray:
        credit, _, gold = self.parts(get, label)
        return recall(np.asarray(credit, dtype=np.float64), gold, zero_division)

    def f1(self, get: Getter, zero_division: float, label: str = ALL) -> np.ndarray:
        credit, predicted, gold = self.parts(get, label)
        return f1(np.asarray(credit, dtype=np.float64), predicted, gold, zero_division)

    def macro_f1(self, get: Getter, zero_division: float, labels: Sequence[str] | None = None) -> np.ndarray:
        """Mean F1 over the labels that occur (in gold or predictions) in the sample; nan when none does."""
        labels = labels if labels is not None else (self.labels or ())
        total: np.ndarray = np.zeros(())
        present: np.ndarray = np.zeros(())
        for label in labels:
            _, predicted, gold = self.parts(get, label)
            occurs = (predicted + gold) > 0
            total = total + np.where(occurs, self.f1(get, zero_division, label), 0.0)
            present = present + occurs
        return safe_divide(total, present, np.nan)


def _values(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


MENTION_LABELS: dict[str, tuple[str, ...] | None] = {
    "trigger": _values(EventType), "actor": _values(ActorType), "location": ("location",), "time": ("time",),
    "casualty": _values(CasualtyOutcome),
}


def _mention_tables() -> list[TableSpec]:
    """Four schemes per kind of mention, each per label but ``exact``: a label's spans are scored alone on both
    sides, so per label the label always agrees and ``exact`` would repeat ``strict`` row for row."""
    out = []
    for kind, labels in MENTION_LABELS.items():
        for scheme, weight in (("strict", 0.0), ("exact", 0.0), ("partial", 0.5), ("type", 0.5)):
            title = scheme
            if kind == "trigger" and scheme in ("strict", "exact"):
                title = f"{scheme} ({'Trig-C' if scheme == 'strict' else 'Trig-I'})"
            headline = scheme == "strict" or (kind == "trigger" and scheme == "exact")
            per_label = None if scheme == "exact" else labels
            out.append(TableSpec(SCHEME_COUNTS[kind][scheme], scheme, title, weight, per_label, headline))
    return out


#: Every precision/recall/F1 row of the report, level by level.
TABLES: tuple[TableSpec, ...] = (
    *_mention_tables(),
    TableSpec(events.IDENTIFICATION, "identification", "identification", headline=True),
    TableSpec(events.CLASSIFICATION, "classification", "classification", labels=_values(EventType), headline=True),
    TableSpec(events.REALIS, "realis", "classification + modality", headline=True),
    TableSpec(arguments.IDENTIFICATION, "identification", "Arg-I", headline=True),
    TableSpec(arguments.CLASSIFICATION, "classification", "Arg-C", labels=_values(Role), headline=True),
    TableSpec(entities.ACTOR_IDENTITY, "identity", "canonical identity", headline=True),
    TableSpec(entities.ACTOR_TYPED, "typed", "identity + actor type", labels=_values(ActorType), headline=True),
    TableSpec(entities.DIRECTION, "direction", "direction (attacker/target/victim)",
              labels=("attacker", "target", "victim"), headline=True),
    TableSpec(entities.LOCATION_IDENTITY, "identity", "canonical identity", headline=True),
    TableSpec(entities.LOCATION_PRECISION, "precision", "identity + precision level",
              labels=_values(LocationPrecision)),
    TableSpec(entities.LOCATION_COUNTRY, "country", "identity + country"),
    TableSpec(dates.DATES, "exact", "exact interval and precision", 0.0, headline=True),
    TableSpec(dates.DATES, "overlap", "overlapping interval", 1.0, headline=True),
    TableSpec(casualties.IDENTIFICATION, "identification", "record for the right event"),
    TableSpec(casualties.OUTCOME, "outcome", "(event, outcome)", labels=_values(CasualtyOutcome)),
    TableSpec(casualties.TUPLE, "tuple", "(event, outcome, victim group)", labels=_values(CasualtyOutcome),
              headline=True),
    TableSpec(casualties.TOTALS, "totals_exact", "event totals, exact count", 0.0, headline=True),
    TableSpec(casualties.TOTALS, "totals_consistent", "event totals, count consistent (exact/inside/overlap)", 1.0,
              headline=True),
)


@dataclass(frozen=True)
class ConfusionSpec:
    """A confusion table of matched items: the count family whose labels are 'gold>predicted'."""

    name: str
    counts: Metric
    title: str
    order: tuple[str, ...] = ()


#: The confusion tables of the report.
CONFUSIONS: tuple[ConfusionSpec, ...] = (
    ConfusionSpec("events.type", events.CONFUSION, "Event types (rows gold, columns predicted)", _values(EventType)),
    ConfusionSpec("modality", modality.CONFUSION, "Modality on aligned events", _values(Modality)),
    ConfusionSpec("actors.type", entities.ACTOR_TYPE_CONFUSION, "Actor types of aligned actors", _values(ActorType)),
    ConfusionSpec("casualties.outcome", casualties.OUTCOME_CONFUSION, "Outcomes of matched casualty records",
                  _values(CasualtyOutcome)),
)


@dataclass(frozen=True)
class Extra:
    """A statistic beside the rows (``extras`` in the JSON report): a value computed from summed counts.

    ``omit_zero`` leaves it out of the report when it is 0 (e.g. span-free mentions when there are none).
    """

    level: str
    name: str
    value: Callable[[Counts], Any]
    description: str
    omit_zero: bool = False


def _count(key: Key) -> Callable[[Counts], int]:
    return lambda c: c[key]


def _share(num: Key, den: Key) -> Callable[[Counts], float | None]:
    """``num / den``, None when ``den`` is 0 (missing is not zero)."""
    return lambda c: c[num] / c[den] if c[den] else None


def _stats(metric: Metric, stats: Sequence[str]) -> Callable[[Counts], dict[str, int]]:
    return lambda c: {s: c[metric.key(s)] for s in stats}


def _by_label(metric: Metric, stat: str, labels: Sequence[str]) -> Callable[[Counts], dict[str, int]]:
    return lambda c: {label: c[metric.key(stat, label)] for label in labels}


def _histogram(metric: Metric) -> Callable[[Counts], dict[str, int]]:
    return lambda c: {label: c[metric.key("n", label)] for label in sorted(c.labels(metric.level, metric.name), key=int)}


_NON_ACTUAL = tuple(m.value for m in Modality if m is not Modality.ACTUAL)

#: Every extra statistic of the report, level by level (a new one is a row here).
EXTRAS: tuple[Extra, ...] = (
    *(Extra(mention_level(kind), "span_free_not_scored", _count(SPAN_FREE[kind].key("n")),
            "span-free predicted mentions, which cannot be placed and are not scored at this level", omit_zero=True)
      for kind in MENTION_KINDS),
    Extra("actors", "direction_reversed", _count(entities.DIRECTION.key("reversed")),
          "gold (actor, role) tuples missed because the aligned actor was put on the other side"),
    Extra("time", "compared", _count(dates.PRECISION.key("compared")), "aligned event pairs with a date on both sides"),
    Extra("time", "same_precision", _count(dates.PRECISION.key("same")), "of those, dates of the same precision"),
    Extra("time", "precision_agreement", _share(dates.PRECISION.key("same"), dates.PRECISION.key("compared")),
          "same precision / compared"),
    Extra("time", "mean_start_error_days", _share(dates.START_ERROR.key("days"), dates.START_ERROR.key("n")),
          "mean absolute distance of the interval starts, in days"),
    Extra("casualties", "record_counts", _stats(casualties.COUNT, (*casualties.COUNT_OUTCOMES, "compared")),
          "counts of (event, outcome, victim group) pairs compared as intervals"),
    Extra("casualties", "record_mae", _share(casualties.COUNT_ERROR.key("abs"), casualties.COUNT_ERROR.key("n")),
          "mean absolute error of those counts that are points on both sides"),
    Extra("casualties", "totals_inside", _count(casualties.TOTALS.key("inside")),
          "event totals whose predicted point is inside the gold range"),
    Extra("casualties", "totals_mae", _share(casualties.TOTALS_ERROR.key("abs"), casualties.TOTALS_ERROR.key("n")),
          "mean absolute error of event totals that are points on both sides"),
    Extra("casualties", "totals_points_compared", _count(casualties.TOTALS_ERROR.key("n")),
          "event totals that are points on both sides"),
    Extra("casualties", "totals_error_histogram", _histogram(casualties.TOTALS_ERROR_HIST),
          f"signed errors of point totals (predicted - gold, clipped to ±{casualties.ERROR_CLIP}), by value"),
    Extra("modality", "aligned", _count(modality.ACCURACY.key("total")), "aligned event pairs"),
    Extra("modality", "correct", _count(modality.ACCURACY.key("correct")), "of those, the same modality"),
    Extra("modality", "accuracy", _share(modality.ACCURACY.key("correct"), modality.ACCURACY.key("total")),
          "correct / aligned"),
    Extra("modality", "phantom_events", _count(modality.PHANTOM.key("n")),
          "non-actual gold events aligned with a predicted actual event"),
    Extra("modality", "non_actual_aligned", _count(modality.PHANTOM.key("total")), "aligned non-actual gold events"),
    Extra("modality", "phantom_by_gold_modality", _by_label(modality.PHANTOM, "n", _NON_ACTUAL),
          "phantom events by the gold event's modality"),
)


def extras(counts: Counts) -> dict[str, dict[str, Any]]:
    """The values of :data:`EXTRAS` for ``counts``, grouped by level."""
    out: dict[str, dict[str, Any]] = {}
    for extra in EXTRAS:
        value = extra.value(counts)
        if extra.omit_zero and not value:
            continue
        out.setdefault(extra.level, {})[extra.name] = value
    return out


LEVEL_ORDER = ("mentions.trigger", "mentions.actor", "mentions.location", "mentions.time", "mentions.casualty",
               "events", "arguments", "actors", "locations", "time", "casualties", "modality")

LEVEL_TITLES = {
    "mentions.trigger": "Mentions: event triggers", "mentions.actor": "Mentions: actors",
    "mentions.location": "Mentions: locations", "mentions.time": "Mentions: times",
    "mentions.casualty": "Mentions: casualties", "events": "Events", "arguments": "Arguments", "actors": "Actors",
    "locations": "Locations", "time": "Time", "casualties": "Casualties", "modality": "Modality",
}


@dataclass(frozen=True)
class Headline:
    """A score reported with a confidence interval."""

    name: str
    level: str
    title: str
    formula: Formula
    higher_is_better: bool = True
    unit: str = "ratio"


def _f1(spec: TableSpec) -> Formula:
    return lambda get, zd: spec.f1(get, zd)


def _macro(spec: TableSpec) -> Formula:
    return lambda get, zd: spec.macro_f1(get, zd)


def _ratio(num: Key, den: Key) -> Formula:
    return lambda get, zd: safe_divide(get(num), get(den), zd)


def _mean(total: Key, n: Key) -> Formula:
    return lambda get, zd: safe_divide(get(total), get(n), np.nan)


def _headlines() -> tuple[Headline, ...]:
    out = []
    for spec in TABLES:
        if spec.headline:
            out.append(Headline(f"{spec.level}.{spec.name}.f1", spec.level, f"{spec.title} F1", _f1(spec)))
        if spec.level in ("events", "arguments") and spec.metric == "classification":
            out.append(Headline(f"{spec.level}.{spec.name}.macro_f1", spec.level, f"{spec.title} macro-F1",
                                _macro(spec)))
    out += [
        Headline("casualties.totals.mae", "casualties", "event totals, mean absolute error",
                 _mean(casualties.TOTALS_ERROR.key("abs"), casualties.TOTALS_ERROR.key("n")),
                 higher_is_better=False, unit="people"),
        Headline("modality.accuracy", "modality", "accuracy on aligned events",
                 _ratio(modality.ACCURACY.key("correct"), modality.ACCURACY.key("total"))),
        Headline("modality.phantom_rate", "modality", "phantom rate (non-actual gold reported as actual)",
                 _ratio(modality.PHANTOM.key("n"), modality.PHANTOM.key("total")), higher_is_better=False),
    ]
    return tuple(out)


HEADLINES: tuple[Headline, ...] = _headlines()

#: Per-label F1 scores with intervals: (table, labels).
LABELLED: tuple[tuple[TableSpec, tuple[str, ...]], ...] = tuple(
    (spec, spec.labels or ()) for spec in TABLES
    if (spec.level, spec.name) in {("events", "classification"), ("arguments", "classification")}
)


def labelled_name(spec: TableSpec, label: str) -> str:
    return f"{spec.level}.{spec.name}[{label}].f1"


def labelled_formulas() -> dict[str, Formula]:
    out: dict[str, Formula] = {}
    for spec, labels in LABELLED:
        for label in labels:
            out[labelled_name(spec, label)] = (lambda s, lab: lambda get, zd: s.f1(get, zd, lab))(spec, label)
    return out


def all_formulas() -> dict[str, Formula]:
    """Every score that gets an interval, by name."""
    return {**{h.name: h.formula for h in HEADLINES}, **labelled_formulas()}


def _columns() -> tuple[Key, ...]:
    seen: dict[Key, None] = {}

    def record(key: Key) -> np.ndarray:
        seen.setdefault(key, None)
        return np.zeros(())

    for formula in all_formulas().values():
        formula(record, 0.0)
    return tuple(seen)


#: The counts kept per document for the bootstrap, in a fixed order.
BOOTSTRAP_COLUMNS: tuple[Key, ...] = _columns()
COLUMN_INDEX: dict[Key, int] = {k: i for i, k in enumerate(BOOTSTRAP_COLUMNS)}

MODALITY_LABELS = _values(Modality)
