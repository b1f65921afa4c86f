"""Agreement: kappa against scikit-learn, alpha against krippendorff, symmetric F1 per level."""

from __future__ import annotations

import random
from pathlib import Path

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from eventgold.eval import agreement, cohen_kappa, krippendorff_alpha
from eventgold.schema import Profile, parse_document
from tests.eval.builders import as_gold, corpus, write_jsonl


def _confusion(a: list[int], b: list[int], k: int) -> np.ndarray:
    m = np.zeros((k, k), dtype=np.int64)
    for x, y in zip(a, b, strict=True):
        m[x, y] += 1
    return m


@pytest.mark.parametrize("seed", range(8))
def test_kappa_and_alpha_against_reference_implementations(seed: int) -> None:
    rng = random.Random(seed)
    k = rng.randint(2, 5)
    n = rng.randint(5, 60)
    a = [rng.randrange(k) for _ in range(n)]
    b = [x if rng.random() < 0.6 else rng.randrange(k) for x in a]
    m = _confusion(a, b, k)
    expected_kappa = cohen_kappa_score(a, b)
    if np.isnan(expected_kappa):
        assert cohen_kappa(m) is None
    else:
        assert cohen_kappa(m) == pytest.approx(expected_kappa)
    assert krippendorff_alpha(m) == pytest.approx(
        krippendorff.alpha(reliability_data=[a, b], level_of_measurement="nominal"))


def test_undefined_coefficients() -> None:
    assert cohen_kappa(np.zeros((0, 0))) is None
    assert cohen_kappa(np.array([[5]])) is None
    assert krippendorff_alpha(np.array([[5]])) is None


def test_agreement_is_symmetric(tmp_path: Path) -> None:
    gold, pred = corpus(9)
    annotator_b = [parse_document(as_gold(p), Profile.GOLD) for p in pred]
    a = write_jsonl(tmp_path / "a.jsonl", gold)
    b = write_jsonl(tmp_path / "b.jsonl", annotator_b[:8])  # one document only annotated by A
    ab = agreement(a, b)
    ba = agreement(b, a)
    assert ab.only_in_a == ["doc-008"] and ab.only_in_b == []
    assert ba.only_in_a == [] and ba.only_in_b == ["doc-008"]
    assert ab.scores.documents == 8
    for r1, r2 in zip(ab.scores.rows, ba.scores.rows, strict=True):
        assert (r1.level, r1.name) == (r2.level, r2.name)
        assert r1.f1 == pytest.approx(r2.f1), (r1.level, r1.name)
    names = [x.name for x in ab.attributes]
    assert names == ["event_type", "modality", "casualty_outcome", "actor_type"]
    for x, y in zip(ab.attributes, ba.attributes, strict=True):
        assert x.items == y.items
        assert x.kappa == pytest.approx(y.kappa) if x.kappa is not None else y.kappa is None
        assert x.alpha == pytest.approx(y.alpha) if x.alpha is not None else y.alpha is None
    event_type = ab.attributes[0]
    assert event_type.items == ab.scores.counts[("events", "identification", "*", "tp")]
