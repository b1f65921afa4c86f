"""Counts that add, and the ratios derived from them.

Every level of the scorer turns one document into a :class:`Counts`: a sparse
mapping from a :data:`Key` ``(level, metric, label, stat)`` to a whole number.
Counts of two documents add with ``+``, so scoring shards apart and adding
their counts gives exactly the counts of the whole corpus; every score
(precision, recall, F1, accuracy, mean error) is then a ratio of summed counts.

>>> a = Counts({("events", "identification", "*", "tp"): 2})
>>> b = Counts({("events", "identification", "*", "tp"): 1, ("events", "identification", "*", "fn"): 1})
>>> (a + b)[("events", "identification", "*", "tp")]
3
>>> PRF(tp=3, fp=1, fn=1).f1()
0.75
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from eventgold.schema import UsageError

Key = tuple[str, str, str, str]
"""``(level, metric, label, stat)``; ``label`` is ``"*"`` for the total over all labels."""

ALL = "*"


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
            raise UsageError(f"zero_division must be 0, 1 or nan, not {value!r}") from None
    if math.isnan(value):
        return math.nan
    if value not in (0.0, 1.0):
        raise UsageError(f"zero_division must be 0, 1 or nan, not {value!r}")
    return float(value)


def ratio(numerator: float, denominator: float, zero_division: float = 0.0) -> float:
    """``numerator / denominator``, or the zero-division value when the denominator is 0."""
    return numerator / denominator if denominator else zero_division


class Counts:
    """A sparse, additive bag of named whole numbers (zeros are not stored).

    Missing keys read as 0; ``+`` adds key by key; equality compares the non-zero entries.
    """

    __slots__ = ("_data",)

    def __init__(self, data: dict[Key, int] | None = None) -> None:
        self._data: dict[Key, int] = {k: v for k, v in (data or {}).items() if v}

    def __getitem__(self, key: Key) -> int:
        return self._data.get(key, 0)

    def add(self, key: Key, value: int = 1) -> None:
        """Add ``value`` to ``key`` in place."""
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
        return ratio(self.tp, self.tp + self.fp, zero_division)

    def recall(self, zero_division: float = 0.0) -> float:
        return ratio(self.tp, self.tp + self.fn, zero_division)

    def f1(self, zero_division: float = 0.0) -> float:
        """``2tp / (2tp + fp + fn)``: the harmonic mean of P and R, defined whenever either is."""
        return ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn, zero_division)


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

    STATS = ("cor", "inc", "par", "mis", "spu")

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
        return self.cor + partial_weight * self.par

    def precision(self, partial_weight: float = 0.5, zero_division: float = 0.0) -> float:
        return ratio(self.credit(partial_weight), self.actual, zero_division)

    def recall(self, partial_weight: float = 0.5, zero_division: float = 0.0) -> float:
        return ratio(self.credit(partial_weight), self.possible, zero_division)

    def f1(self, partial_weight: float = 0.5, zero_division: float = 0.0) -> float:
        return ratio(2 * self.credit(partial_weight), self.actual + self.possible, zero_division)
