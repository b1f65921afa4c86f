"""Document-level bootstrap: confidence intervals and paired comparison of two systems.

Documents are resampled with replacement (seeded numpy ``default_rng``). A
resample is a vector of weights (how often each document was drawn); the
resampled counts are ``weights @ counts`` for the per-document count matrix,
and every score is recomputed from them with the same formula as the point
estimate (:mod:`eventgold.eval.metrics`). Intervals are percentile intervals.

For a paired comparison both systems' count matrices are resampled with the
*same* weights, so each resample compares the two systems on the same
documents. The p-value is two-sided and centred: the share of resampled
differences at least as far from the observed difference as the observed
difference is from 0, with add-one smoothing, ``(1 + #{|d_r - d| >= |d|}) / (R + 1)``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import numpy as np
from threadpoolctl import threadpool_limits

from .counts import Key
from .errors import ParameterError
from .metrics import BOOTSTRAP_COLUMNS, COLUMN_INDEX, Formula, Getter

DEFAULT_RESAMPLES = 1000
DEFAULT_CONFIDENCE = 0.95
DEFAULT_SEED = 0
_BLOCK = 128


@dataclass(frozen=True)
class Interval:
    low: float | None
    high: float | None


@dataclass(frozen=True)
class Difference:
    """System A minus system B on one score, with its paired-bootstrap interval and p-value."""

    a: float | None
    b: float | None
    difference: float | None
    low: float | None
    high: float | None
    p_value: float | None


def check_settings(resamples: int, confidence: float) -> None:
    if resamples < 1:
        raise ParameterError("resamples", f"must be at least 1, not {resamples}")
    if not 0 < confidence < 1:
        raise ParameterError("confidence", f"must be between 0 and 1 (e.g. 0.95), not {confidence}")


def resample_weights(n_docs: int, resamples: int, seed: int) -> Iterator[np.ndarray]:
    """Blocks of resampling weights, shape (block, n_docs): how often each document was drawn."""
    rng = np.random.default_rng(seed)
    done = 0
    while done < resamples:
        block = min(_BLOCK, resamples - done)
        draws = rng.integers(0, n_docs, size=(block, n_docs), dtype=np.int64)
        draws += (np.arange(block, dtype=np.int64) * n_docs)[:, None]
        yield np.bincount(draws.ravel(), minlength=block * n_docs).reshape(block, n_docs)
        done += block


def _getter(sums: np.ndarray, columns: Mapping[Key, int]) -> Getter:
    def get(key: Key) -> np.ndarray:
        return sums[..., columns[key]]
    return get


def point_estimates(totals: np.ndarray, formulas: Mapping[str, Formula], zero_division: float,
                    columns: Mapping[Key, int] = COLUMN_INDEX) -> dict[str, float]:
    get = _getter(totals.astype(np.float64), columns)
    return {name: float(f(get, zero_division)) for name, f in formulas.items()}


def _exact_dtype(matrices: tuple[np.ndarray, ...]) -> type:
    """float32 (fast) when float32 holds every resampled sum exactly, float64 otherwise.

    A resample's weights add up to the number of documents n, so no sum (nor partial sum) of
    non-negative whole counts exceeds ``n * max(count)``; below 2**24 float32 is exact.
    """
    n = matrices[0].shape[0]
    largest = max((float(np.abs(m).max()) if m.size else 0.0) for m in matrices)
    return np.float32 if n * largest < 2**24 else np.float64


def _resampled(matrices: tuple[np.ndarray, ...], formulas: Mapping[str, Formula], zero_division: float,
               resamples: int, seed: int, columns: Mapping[Key, int]) -> dict[str, np.ndarray]:
    """Each formula on each resample; with two matrices, formula(A) - formula(B) on the same resample."""
    out: dict[str, list[np.ndarray]] = {name: [] for name in formulas}
    dtype = _exact_dtype(matrices)
    floats: list[np.ndarray] = [m.astype(dtype) for m in matrices]
    # One BLAS thread: these products are small, and on a busy machine several threads spinning
    # against each other made them up to ten times slower.
    with threadpool_limits(limits=1, user_api="blas"):
        for weights in resample_weights(matrices[0].shape[0], resamples, seed):
            w: np.ndarray = weights.astype(dtype)
            getters = [_getter((w @ m).astype(np.float64), columns) for m in floats]
            for name, f in formulas.items():
                value = f(getters[0], zero_division)
                if len(getters) == 2:
                    value = value - f(getters[1], zero_division)
                out[name].append(np.broadcast_to(value, (weights.shape[0],)))
    return {name: np.concatenate(parts) for name, parts in out.items()}


def _clean(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def bootstrap_intervals(matrix: np.ndarray, formulas: Mapping[str, Formula], *, resamples: int = DEFAULT_RESAMPLES,
                        confidence: float = DEFAULT_CONFIDENCE, seed: int = DEFAULT_SEED, zero_division: float = 0.0,
                        columns: Mapping[Key, int] = COLUMN_INDEX) -> dict[str, Interval]:
    """Percentile intervals of each formula over document resamples of ``matrix`` (documents × columns)."""
    check_settings(resamples, confidence)
    if matrix.shape[0] == 0:
        return {name: Interval(None, None) for name in formulas}
    alpha = (1 - confidence) / 2
    out = {}
    for name, values in _resampled((matrix,), formulas, zero_division, resamples, seed, columns).items():
        finite = values[~np.isnan(values)]
        if finite.size == 0:
            out[name] = Interval(None, None)
            continue
        low, high = np.quantile(finite, [alpha, 1 - alpha])
        out[name] = Interval(float(low), float(high))
    return out


def paired_bootstrap(matrix_a: np.ndarray, matrix_b: np.ndarray, formulas: Mapping[str, Formula], *,
                     resamples: int = DEFAULT_RESAMPLES, confidence: float = DEFAULT_CONFIDENCE,
                     seed: int = DEFAULT_SEED, zero_division: float = 0.0,
                     columns: Mapping[Key, int] = COLUMN_INDEX) -> dict[str, Difference]:
    """A minus B for each formula, resampling the same documents for both (rows must be the same documents)."""
    check_settings(resamples, confidence)
    if matrix_a.shape != matrix_b.shape:
        raise ValueError("both systems must be scored on the same documents, in the same order")
    a_point = point_estimates(matrix_a.sum(axis=0), formulas, zero_division, columns)
    b_point = point_estimates(matrix_b.sum(axis=0), formulas, zero_division, columns)
    if matrix_a.shape[0] == 0:
        return {n: Difference(_clean(a_point[n]), _clean(b_point[n]), None, None, None, None) for n in formulas}
    diffs = _resampled((matrix_a, matrix_b), formulas, zero_division, resamples, seed, columns)
    alpha = (1 - confidence) / 2
    out = {}
    for name in formulas:
        observed = a_point[name] - b_point[name]
        values = diffs[name][~np.isnan(diffs[name])]
        if np.isnan(observed) or values.size == 0:
            out[name] = Difference(_clean(a_point[name]), _clean(b_point[name]), _clean(observed), None, None, None)
            continue
        low, high = np.quantile(values, [alpha, 1 - alpha])
        extreme = int(np.sum(np.abs(values - observed) >= abs(observed) - 1e-12))
        p = (1 + extreme) / (values.size + 1)
        out[name] = Difference(_clean(a_point[name]), _clean(b_point[name]), float(observed), float(low), float(high),
                               float(p))
    return out


__all__ = ["BOOTSTRAP_COLUMNS", "DEFAULT_CONFIDENCE", "DEFAULT_RESAMPLES", "DEFAULT_SEED", "Difference", "Interval",
           "bootstrap_intervals", "paired_bootstrap", "point_estimates", "resample_weights"]
