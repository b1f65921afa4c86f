"""Counts that add, the names they are kept under, and the ratios derived from them.

Every level of the scorer turns one document into a :class:`Counts`: a sparse
mapping from a :data:`Key` ``(level, metric, label, stat)`` to a whole number.
Counts of two documents add with ``+``, so scoring shards apart and adding
their counts gives exactly the counts of the whole corpus; every score
(precision, recall, F1, accuracy, mean error) is then a ratio of summed counts.

Each ``(level, metric)`` and the stats it may hold is declared **once**, as a
:class:`Metric`, in the module that counts it (``events.IDENTIFICATION``,
``casualties.TOTALS``, ...); every reader takes its keys from there. In
**strict mode** (:func:`strict_keys`, which the test suite turns on) reading or
adding a key nobody declared raises ``KeyError`` instead of reading 0, so a
typo cannot report 0 silently.

>>> TP = Metric("example", "identification", PRF_STATS).key("tp")
>>> a = Counts({TP: 2})
>>> b = Counts({TP: 1, ("example", "identification", "*", "fn"): 1})
>>> (a + b)[TP]
3
>>> PRF(tp=3, fp=1, fn=1).f1()
0.75
>>> with strict_keys():
...     a[("example", "identfication", "*", "tp")]
Traceback (most recent call last):
KeyError: "undeclared count key ('example', 'identfication', '*', 'tp'): no Metric declares ('example', 'identfication')"
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from .errors import ParameterError

Key = tuple[str, str, str, str]
"""``(level, metric, label, stat)``; ``label`` is ``"*"`` for the total over all labels."""

ALL = "*"
PRF_STATS = ("tp", "fp", "fn")
"""True positives, false positives, false negatives."""
GRADED_STATS = ("cor", "inc", "par", "mis", "spu")
"""SemEval-2013 outcomes: correct, incorrect, partial, missed, spurious."""
N = ("n",)
"""One count (confusion cells, histograms, numbers of things)."""

#: Every declared (level, metric) and the stats it may hold.
DECLARED: dict[tuple[str, str], Metric] = {}
_strict = False


@dataclass(frozen=True)
class Metric:
    """One family of counts, ``(level, name)``, with the stats it holds: declared once, where it is counted.

    Declaring registers it (declaring the same pair again with other stats is an error); :meth:`key`
    builds its keys.
    """

    level: str
    name: str
    stats: tuple[str, ...]
    description: str = ""

    def __post_init__(self) -> None:
        known = DECLARED.get((self.level, self.name))
        if known is not None and known.stats != self.stats:
            raise ValueError(f"count family {(self.level, self.name)} declared twice, with stats {known.stats} "
                             f"and {self.stats}")
        DECLARED[(self.level, self.name)] = self

    def key(self, stat: str, label: str = ALL) -> Key:
        """The key of ``stat`` for ``label`` (``"*"``: all labels)."""
        return (self.level, self.name, label, stat)


def check_key(key: Key) -> None:
    """Raise ``KeyError`` unless ``key``'s level, metric and stat were declared by a :class:`Metric`."""
    metric = DECLARED.get((key[0], key[1]))
    if metric is None:
        raise KeyError(f"undeclared count key {key}: no Metric declares {(key[0], key[1])}")
    if key[3] not in metric.stats:
        raise KeyError(f"undeclared count key {key}: {(key[0], key[1])} holds {', '.join(metric.stats)}, "
                       f"not {key[3]!r}")


@contextmanager
def strict_keys(enabled: bool = True) -> Iterator[None]:
    """Within the block, reading or adding an undeclared key raises ``KeyError`` (the tests run this way)."""
    global _strict
    before, _strict = _strict, enabled
    try:
        yield
    finally:
        _strict = before


def set_strict_keys(enabled: bool) -> None:
    """Turn strict mode on or off for the rest of the process (see :func:`strict_keys`)."""
    global _strict
    _strict = enabled


def check_zero_division(value: float | str) -> float:
    """The one place a zero-division policy is checked: 0, 1 or nan (as in scikit-learn).

    ``nan`` makes an undefined score ``None`` in reports instead of a number.

    >>> check_zero_division("1")
    1.0
    >>> math.isnan(check_zero_division("nan"))
    True
    """
    if isinstance(value, str):
        text = value.strip().lower()
        if text == "nan":
            return math.nan
        try:
            value = float(text)
        except ValueError:
            raise ParameterError("zero_division", f"must be 0, 1 or nan, not {value!r}") from None
    if math.isnan(value):
        return math.nan
    if value not in (0.0, 1.0):
        raise ParameterError("zero_division", f"must be 0, 1 or nan, not {value!r}")
    return float(value)


Number = TypeVar("Number", float, np.ndarray)


def divide(numerator: Number, denominator: Number, zero_division: float = 0.0) -> Number:
    """``numerator / denominator``, or ``zero_division`` where the denominator is 0 (numbers or numpy arrays)."""
    if isinstance(numerator, np.ndarray) or isinstance(denominator, np.ndarray):
        num = np.asarray(numerator, dtype=np.float64)
        den = np.asarray(denominator, dtype=np.float64)
        out = np.full(np.broadcast(num, den).shape, zero_division, dtype=np.float64)
        np.divide(num, den, out=out, where=den != 0)
        return out
    return numerator / denominator if denominator else zero_division


def ratio(numerator: float, denominator: float, zero_division: float = 0.0) -> float:
    """``numerator / denominator``, or the zero-division value when the denominator is 0."""
    return divide(float(numerator), float(denominator), zero_division)


def precision(credit: Number, predicted: Number, zero_division: float = 0.0) -> Number:
    """Credit over predicted items."""
    return divide(credit, predicted, zero_division)


def recall(credit: Number, gold: Number, zero_division: float = 0.0) -> Number:
    """Credit over gold items."""
    return divide(credit, gold, zero_division)


def f1(credit: Number, predicted: Number, gold: Number, zero_division: float = 0.0) -> Number:
    """The one definition of F1: ``2 credit / (predicted + gold)``, the harmonic mean of P and R whenever either is
    defined. For tp/fp/fn counts credit is tp, predicted tp + fp, gold tp + fn."""
    return divide(2 * credit, predicted + gold, zero_division)


class Counts:
    """A sparse, additive bag of named whole numbers (zeros are not stored).

    Missing keys read as 0; ``+`` adds key by key; equality compares the non-zero entries.
    """

    __slots__ = ("_data",)

    def __init__(self, data: dict[Key, int] | None = None) -> None:
        self._data: dict[Key, int] = {k: v for k, v in (data or {}).items() if v}
        if _strict:
            for key in self._data:
                check_key(key)

    def __getitem__(self, key: Key) -> int:
        value = self._data.get(key)
        if value is None:
            if _strict:
                check_key(key)
            return 0
        return value

    def add(self, key: Key, value: int = 1) -> None:
        """Add ``value`` to ``key`` in place."""
        if _strict:
            check_key(key)
        if value:
            new = self._data.get(key, 0) + value
            if new:
                self._data[key] = new
            else:
                del self._data[key]

    def update(self, other: Counts) -> None:
        """Add every entry of ``other`` in place."""
        data = self._data
        for key, value in other._data.items():  # values are never 0, so a new sum of 0 means the key was there
            new = data.get(key, 0) + value
            if new:
                data[key] = new
            else:
                del data[key]

    def __add__(self, other: Counts) -> Counts:
        out = Counts(self._data)
        out.update(other)
        return out

    def __iter__(self) -> Iterator[Key]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def items(self) -> Iterable[tuple[Key, int]]:
        return self._data.items()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Counts) and self._data == other._data

    def __repr__(self) -> str:
        return f"Counts({dict(sorted(self._data.items()))!r})"

    def labels(self, level: str, metric: str) -> list[str]:
        """Labels other than ``"*"`` that have any count under ``level``/``metric``, sorted."""
        return sorted({k[2] for k in self._data if k[0] == level and k[1] == metric and k[2] != ALL})

    def prf(self, level: str, metric: str, label: str = ALL) -> PRF:
        return PRF(self[(level, metric, label, "tp")], self[(level, metric, label, "fp")],
                   self[(level, metric, label, "fn")])

    def graded(self, level: str, metric: str, label: str = ALL) -> Graded:
        return Graded(*(self[(level, metric, label, s)] for s in Graded.STATS))

    @staticmethod
    def total(parts: Iterable[Counts]) -> Counts:
        out = Counts()
        for part in parts:
            out.update(part)
        return out


@dataclass(frozen=True)
class PRF:
    """True positives, false positives and false negatives; adds with ``+``."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def precision(self, zero_division: float = 0.0) -> float:
        return precision(float(self.tp), float(self.tp + self.fp), zero_division)

    def recall(self, zero_division: float = 0.0) -> float:
        return recall(float(self.tp), float(self.tp + self.fn), zero_division)

    def f1(self, zero_division: float = 0.0) -> float:
        """``2tp / (2tp + fp + fn)`` (:func:`f1`)."""
        return f1(float(self.tp), float(self.tp + self.fp), float(self.tp + self.fn), zero_division)


@dataclass(frozen=True)
class Graded:
    """SemEval-2013 outcomes: correct, incorrect, partial, missed, spurious.

    ``possible = cor + inc + par + mis`` (gold items), ``actual = cor + inc + par + spu``
    (predicted items); a partial match earns ``partial_weight`` of a correct one.
    """

    cor: int = 0
    inc: int = 0
    par: int = 0
    mis: int = 0
    spu: int = 0

    STATS = GRADED_STATS

    def __add__(self, other: Graded) -> Graded:
        return Graded(self.cor + other.cor, self.inc + other.inc, self.par + other.par, self.mis + other.mis,
                      self.spu + other.spu)

    @property
    def possible(self) -> int:
        return self.cor + self.inc + self.par + self.mis

    @property
    def actual(self) -> int:
        return self.cor + self.inc + self.par + self.spu

    def credit(self, partial_weight: float) -> float:
        return float(self.cor + partial_weight * self.par)

    def precision(self, partial_weight: float = 0.5, zero_division: float = 0.0) -> float:
        return precision(self.credit(partial_weight), float(self.actual), zero_division)

    def recall(self, partial_weight: float = 0.5, zero_division: float = 0.0) -> float:
        return recall(self.credit(partial_weight), float(self.possible), zero_division)

    def f1(self, partial_weight: float = 0.5, zero_division: float = 0.0) -> float:
        return f1(self.credit(partial_weight), float(self.actual), float(self.possible), zero_division)
