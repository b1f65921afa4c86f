"""Counts that add, ratios, the zero-division policy."""

from __future__ import annotations

import math

import pytest

from eventgold.eval import PRF, Counts, Graded, check_zero_division, score_document
from eventgold.eval.counts import Metric, check_key, strict_keys
from eventgold.schema import UsageError

K = ("events", "identification", "*", "tp")


FN = ("events", "realis", "*", "fn")


def test_counts_add_and_drop_zeros() -> None:
    a = Counts({K: 2, ("events", "realis", "*", "fp"): 0})
    b = Counts({K: -2, FN: 1})
    total = a + b
    assert total[K] == 0
    assert len(total) == 1
    assert total == Counts({FN: 1})
    assert Counts.total([a, a, a])[K] == 6


@pytest.mark.parametrize("key", [("events", "identfication", "*", "tp"), ("events", "identification", "*", "tps"),
                                 ("casualties", "totals_eror", "*", "abs")])
def test_strict_mode_refuses_an_undeclared_key_instead_of_reading_0(key: tuple[str, str, str, str]) -> None:
    counts = Counts({K: 1})
    with pytest.raises(KeyError, match="undeclared count key"):
        counts[key]  # noqa: B018
    with pytest.raises(KeyError, match="undeclared count key"):
        counts.add(key)
    with strict_keys(False):
        assert counts[key] == 0


def test_every_count_the_scorer_writes_or_reads_is_declared() -> None:
    from eventgold.eval import TABLES
    from eventgold.eval.counts import DECLARED
    from tests.eval.builders import corpus

    gold, pred = corpus(3)
    for g, p in zip(gold, pred, strict=True):
        for key in score_document(g, p).counts:
            check_key(key)
    assert {(spec.level, spec.metric) for spec in TABLES} <= set(DECLARED)


def test_a_family_declared_twice_with_other_stats_is_an_error() -> None:
    with pytest.raises(ValueError, match="declared twice"):
        Metric("events", "identification", ("tp",))


def test_f1_is_one_definition_for_numbers_and_arrays() -> None:
    import numpy as np

    from eventgold.eval.counts import f1

    assert f1(3.0, 4.0, 5.0) == PRF(3, 1, 2).f1() == Graded(cor=3, inc=0, mis=2, spu=1).f1(0.0)
    assert f1(np.array([3.0, 0.0]), np.array([4.0, 0.0]), np.array([5.0, 0.0]), 1.0).tolist() == [6 / 9, 1.0]


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
