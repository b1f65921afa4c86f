"""Bootstrap intervals and paired comparison: contain the estimate, reproducible, fast, exact."""

from __future__ import annotations

import time

import numpy as np
import pytest

from eventgold.eval import (
    CorpusScore,
    Settings,
    bootstrap_intervals,
    build_report,
    compare_scores,
    paired_bootstrap,
    resample_weights,
    score_documents,
)
from eventgold.eval.metrics import BOOTSTRAP_COLUMNS, COLUMN_INDEX, HEADLINES, all_formulas
from tests.eval.builders import corpus

GOLD, PRED = corpus(12)
SCORED = score_documents(GOLD, {p.id: p for p in PRED})


def test_intervals_contain_the_point_estimate() -> None:
    report = build_report(SCORED, Settings(resamples=1000, seed=0))
    checked = 0
    for h in report.headlines:
        if h.value is not None and h.low is not None and h.high is not None:
            assert h.low - 1e-12 <= h.value <= h.high + 1e-12, h
            checked += 1
    assert checked >= 20
    assert report.headline("events.classification.f1").low < report.headline("events.classification.f1").high


def test_reproducible_by_seed() -> None:
    a = build_report(SCORED, Settings(resamples=300, seed=5)).to_json()["headlines"]
    b = build_report(SCORED, Settings(resamples=300, seed=5)).to_json()["headlines"]
    c = build_report(SCORED, Settings(resamples=300, seed=6)).to_json()["headlines"]
    assert a == b
    assert a != c


def test_matches_a_plain_float64_recomputation() -> None:
    matrix = SCORED.matrix()
    name = "events.identification.f1"
    got = bootstrap_intervals(matrix, {name: all_formulas()[name]}, resamples=200, seed=9)[name]
    tp, fp, fn = (COLUMN_INDEX[("events", "identification", "*", s)] for s in ("tp", "fp", "fn"))
    values = []
    for weights in resample_weights(matrix.shape[0], 200, 9):
        sums = weights.astype(np.float64) @ matrix.astype(np.float64)
        values.append(2 * sums[:, tp] / (2 * sums[:, tp] + sums[:, fp] + sums[:, fn]))
    low, high = np.quantile(np.concatenate(values), [0.025, 0.975])
    assert (got.low, got.high) == pytest.approx((low, high))


def test_large_counts_switch_to_float64() -> None:
    matrix = np.full((3, len(BOOTSTRAP_COLUMNS)), 2**23, dtype=np.int64)
    name = "events.identification.f1"
    iv = bootstrap_intervals(matrix, {name: all_formulas()[name]}, resamples=20)[name]
    assert iv.low == pytest.approx(0.5) and iv.high == pytest.approx(0.5)


def test_thousand_resamples_of_ten_thousand_documents_is_fast() -> None:
    rng = np.random.default_rng(0)
    matrix = rng.integers(0, 6, size=(10_000, len(BOOTSTRAP_COLUMNS)))
    start = time.perf_counter()
    intervals = bootstrap_intervals(matrix, all_formulas(), resamples=1000, seed=0)
    elapsed = time.perf_counter() - start
    assert len(intervals) == len(all_formulas())
    assert elapsed < 2.0


def test_paired_bootstrap_of_a_system_with_itself() -> None:
    formulas = {h.name: h.formula for h in HEADLINES}
    diffs = paired_bootstrap(SCORED.matrix(), SCORED.matrix(), formulas, resamples=200)
    d = diffs["events.classification.f1"]
    assert (d.difference, d.low, d.high, d.p_value) == (0.0, 0.0, 0.0, 1.0)


def test_paired_bootstrap_finds_a_clear_difference() -> None:
    perfect = score_documents(GOLD, {g.id: g for g in GOLD})
    report = compare_scores(perfect, SCORED, Settings(resamples=500))
    row = next(r for r in report.differences if r.name == "events.classification.f1")
    assert row.diff.a == 1.0
    assert row.diff.difference is not None and row.diff.difference > 0.2
    assert row.diff.low is not None and row.diff.low > 0
    assert row.diff.p_value is not None and row.diff.p_value < 0.01


def test_compare_needs_the_same_documents() -> None:
    with pytest.raises(ValueError, match="same gold documents"):
        compare_scores(SCORED, CorpusScore())


def test_undefined_scores_have_no_interval() -> None:
    nothing = score_documents(GOLD[:2], {})
    report = build_report(nothing, Settings(resamples=50, zero_division=float("nan")))
    h = report.headline("casualties.totals.mae")
    assert (h.value, h.low, h.high) == (None, None, None)
    assert report.headline("events.identification.f1").value == 0.0
    assert report.row("events", "identification").precision is None
