"""Counts that add, ratios, the zero-division policy."""

from __future__ import annotations

import math

import pytest

from eventgold.eval import PRF, Counts, Graded, check_zero_division
from eventgold.schema import UsageError

K = ("events", "identification", "*", "tp")


def test_counts_add_and_drop_zeros() -> None:
    a = Counts({K: 2, ("x", "y", "*", "fp"): 0})
    b = Counts({K: -2, ("x", "y", "*", "fn"): 1})
    total = a + b
    assert total[K] == 0
    assert len(total) == 1
    assert total == Counts({("x", "y", "*", "fn"): 1})
    assert Counts.total([a, a, a])[K] == 6


def test_prf_follows_harmonic_mean_and_policy() -> None:
    assert PRF(3, 1, 2).precision() == 0.75
    assert PRF(3, 1, 2).recall() == 0.6
    assert PRF(3, 1, 2).f1() == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert PRF(0, 0, 0).f1() == 0.0
    assert PRF(0, 0, 0).f1(1.0) == 1.0
    assert math.isnan(PRF(0, 0, 4).precision(math.nan))
    assert PRF(0, 0, 4).recall(math.nan) == 0.0
    assert PRF(1, 2, 3) + PRF(1, 1, 1) == PRF(2, 3, 4)


def test_graded_half_credit_for_partial() -> None:
    g = Graded(cor=2, inc=1, par=2, mis=1, spu=3)
    assert (g.possible, g.actual) == (6, 8)
    assert g.precision(0.5) == 3 / 8
    assert g.recall(0.5) == 3 / 6
    assert g.f1(0.0) == pytest.approx(2 * 2 / 14)


@pytest.mark.parametrize(("given", "expected"), [("0", 0.0), ("1", 1.0), (1, 1.0), (0.0, 0.0)])
def test_zero_division_accepted(given: str | float, expected: float) -> None:
    assert check_zero_division(given) == expected


@pytest.mark.parametrize("given", ["0.5", "warn", 2])
def test_zero_division_refused(given: str | float) -> None:
    with pytest.raises(UsageError, match="zero_division must be 0, 1 or nan"):
        check_zero_division(given)
