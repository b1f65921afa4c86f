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

import numpy as np

from eventgold.schema import ActorType, CasualtyOutcome, EventType, LocationPrecision, Modality, Role

from .counts import ALL, Key

Getter = Callable[[Key], np.ndarray]
Formula = Callable[[Getter, float], np.ndarray]


def safe_divide(num: np.ndarray, den: np.ndarray, zero_division: float) -> np.ndarray:
    """``num / den`` elementwise, ``zero_division`` where ``den`` is 0."""
    num = np.asarray(num, dtype=np.float64)
    den = np.asarray(den, dtype=np.float64)
    out = np.full(np.broadcast(num, den).shape, zero_division, dtype=np.float64)
    np.divide(num, den, out=out, where=den != 0)
    return out


@dataclass(frozen=True)
class TableSpec:
    """One precision/recall/F1 row family: a metric of a level, overall and (optionally) per label.

    ``kind`` is ``prf`` (tp/fp/fn counts) or ``graded`` (SemEval cor/inc/par/mis/spu counts, a
    partial match earning ``partial_weight``). ``name`` tells two readings of the same counts apart.
    """

    level: str
    metric: str
    name: str
    title: str
    kind: str
    partial_weight: float = 0.0
    labels: tuple[str, ...] | None = None
    headline: bool = False

    def credit_keys(self, label: str = ALL) -> tuple[list[Key], list[Key], list[Key]]:
        """Keys of (credited, predicted-total, gold-total) counts."""
        base = (self.level, self.metric, label)
        if self.kind == "prf":
            return [(*base, "tp")], [(*base, "tp"), (*base, "fp")], [(*base, "tp"), (*base, "fn")]
        return ([(*base, "cor"), (*base, "par")], [(*base, s) for s in ("cor", "inc", "par", "spu")],
                [(*base, s) for s in ("cor", "inc", "par", "mis")])

    def parts(self, get: Getter, label: str = ALL) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(credit, predicted, gold) as arrays."""
        base = (self.level, self.metric, label)
        if self.kind == "prf":
            tp, fp, fn = (get((*base, s)) for s in ("tp", "fp", "fn"))
            return tp, tp + fp, tp + fn
        cor, inc, par, mis, spu = (get((*base, s)) for s in ("cor", "inc", "par", "mis", "spu"))
        credit = cor + self.partial_weight * par
        return credit, cor + inc + par + spu, cor + inc + par + mis

    def precision(self, get: Getter, zero_division: float, label: str = ALL) -> np.ndarray:
        credit, predicted, _ = self.parts(get, label)
        return safe_divide(credit, predicted, zero_division)

    def recall(self, get: Getter, zero_division: float, label: str = ALL) -> np.ndarray:
        credit, _, gold = self.parts(get, label)
        return safe_divide(credit, gold, zero_division)

    def f1(self, get: Getter, zero_division: float, label: str = ALL) -> np.ndarray:
        credit, predicted, gold = self.parts(get, label)
        return safe_divide(2 * credit, predicted + gold, zero_division)

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

_SCHEME_TITLES = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "type"}


def _mention_tables() -> list[TableSpec]:
    out = []
    for kind, labels in MENTION_LABELS.items():
        for scheme, weight in (("strict", 0.0), ("exact", 0.0), ("partial", 0.5), ("type", 0.5)):
            title = scheme
            if kind == "trigger" and scheme in ("strict", "exact"):
                title = f"{scheme} ({'Trig-C' if scheme == 'strict' else 'Trig-I'})"
            headline = scheme == "strict" or (kind == "trigger" and scheme == "exact")
            out.append(TableSpec(f"mentions.{kind}", scheme, scheme, title, "graded", weight, labels, headline))
    return out


#: Every precision/recall/F1 row of the report, level by level.
TABLES: tuple[TableSpec, ...] = (
    *_mention_tables(),
    TableSpec("events", "identification", "identification", "identification", "prf", headline=True),
    TableSpec("events", "classification", "classification", "classification", "prf", labels=_values(EventType),
              headline=True),
    TableSpec("events", "realis", "realis", "classification + modality", "prf", headline=True),
    TableSpec("arguments", "identification", "identification", "Arg-I", "prf", headline=True),
    TableSpec("arguments", "classification", "classification", "Arg-C", "prf", labels=_values(Role), headline=True),
    TableSpec("actors", "identity", "identity", "canonical identity", "prf", headline=True),
    TableSpec("actors", "typed", "typed", "identity + actor type", "prf", labels=_values(ActorType), headline=True),
    TableSpec("actors", "direction", "direction", "direction (attacker/target/victim)", "prf",
              labels=("attacker", "target", "victim"), headline=True),
    TableSpec("locations", "identity", "identity", "canonical identity", "prf", headline=True),
    TableSpec("locations", "precision", "precision", "identity + precision level", "prf",
              labels=_values(LocationPrecision)),
    TableSpec("locations", "country", "country", "identity + country", "prf"),
    TableSpec("time", "dates", "exact", "exact interval and precision", "graded", 0.0, headline=True),
    TableSpec("time", "dates", "overlap", "overlapping interval", "graded", 1.0, headline=True),
    TableSpec("casualties", "identification", "identification", "record for the right event", "prf"),
    TableSpec("casualties", "outcome", "outcome", "(event, outcome)", "prf", labels=_values(CasualtyOutcome)),
    TableSpec("casualties", "tuple", "tuple", "(event, outcome, victim group)", "prf",
              labels=_values(CasualtyOutcome), headline=True),
    TableSpec("casualties", "totals", "totals_exact", "event totals, exact count", "graded", 0.0, headline=True),
    TableSpec("casualties", "totals", "totals_consistent", "event totals, count consistent (exact/inside/overlap)",
              "graded", 1.0, headline=True),
)

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
                 _mean(("casualties", "totals_error", ALL, "abs"), ("casualties", "totals_error", ALL, "n")),
                 higher_is_better=False, unit="people"),
        Headline("modality.accuracy", "modality", "accuracy on aligned events",
                 _ratio(("modality", "accuracy", ALL, "correct"), ("modality", "accuracy", ALL, "total"))),
        Headline("modality.phantom_rate", "modality", "phantom rate (non-actual gold reported as actual)",
                 _ratio(("modality", "phantom", ALL, "n"), ("modality", "phantom", ALL, "total")),
                 higher_is_better=False),
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
