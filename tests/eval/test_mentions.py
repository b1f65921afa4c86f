"""Mention level: SemEval-2013 schemes, hand-computed, and differential against nervaluate and seqeval."""

from __future__ import annotations

import random

import pytest
from nervaluate import Evaluator
from seqeval.metrics.v1 import precision_recall_fscore_support
from seqeval.scheme import IOB2

from eventgold.eval import Graded, Span, score_document, score_spans
from tests.eval.builders import at, edited, free, gold_fixture

NERVALUATE_NAMES = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}


def sp(start: int, end: int, label: str = "X", i: int = 0) -> Span:
    return Span(start, end, label, "", i, f"s[{i}]")


def spans(items: list[tuple[int, int, str]]) -> list[Span]:
    return [sp(s, e, lab, i) for i, (s, e, lab) in enumerate(items)]


GOLD = spans([(0, 5, "A"), (10, 15, "B"), (20, 25, "A"), (30, 35, "B")])
PRED = spans([(0, 5, "A"),    # exact, right label
              (10, 15, "A"),  # exact, wrong label
              (21, 25, "A"),  # overlap, right label
              (40, 45, "B")])  # spurious; gold (30, 35) missed


@pytest.mark.parametrize(("scheme", "expected"), [
    ("strict", Graded(cor=1, inc=2, par=0, mis=1, spu=1)),
    ("exact", Graded(cor=2, inc=1, par=0, mis=1, spu=1)),
    ("partial", Graded(cor=2, inc=0, par=1, mis=1, spu=1)),
    ("type", Graded(cor=2, inc=1, par=0, mis=1, spu=1)),
])
def test_hand_computed_schemes(scheme: str, expected: Graded) -> None:
    assert score_spans(GOLD, PRED, scheme).counts == expected


def test_documented_difference_from_greedy_nervaluate() -> None:
    """nervaluate pairs the first overlapping prediction; eventgold pairs the exact one."""
    gold = [sp(0, 10, "X")]
    pred = [sp(0, 5, "X", 0), sp(0, 10, "X", 1)]
    ours = score_spans(gold, pred, "strict").counts
    assert ours == Graded(cor=1, inc=0, par=0, mis=0, spu=1)
    theirs = Evaluator([_nv(gold)], [_nv(pred)], tags=["X"], loader="dict").evaluate()["overall"]["strict"]
    assert (theirs.correct, theirs.incorrect, theirs.partial, theirs.missed, theirs.spurious) == (0, 1, 0, 0, 1)
    assert ours.f1() == pytest.approx(2 / 3) and theirs.f1 == 0.0


def test_overlapping_prediction_counted_once() -> None:
    """nervaluate PR #85: a prediction over two gold spans must not be counted twice."""
    gold = [sp(0, 5, "X", 0), sp(6, 10, "X", 1)]
    pred = [sp(0, 10, "X")]
    assert score_spans(gold, pred, "partial").counts == Graded(cor=0, inc=0, par=1, mis=1, spu=0)


def _nv(items: list[Span]) -> list[dict[str, object]]:
    return [{"label": s.label, "start": s.start, "end": s.end - 1} for s in items]


def _random_pair(rng: random.Random) -> tuple[list[Span], list[Span]]:
    gold = []
    for _ in range(rng.randint(0, 6)):
        start = rng.randint(0, 80)
        gold.append((start, start + rng.randint(1, 12), rng.choice("ABC")))
    pred = []
    for s, e, lab in gold:
        roll = rng.random()
        if roll < 0.3:
            pred.append((s, e, lab))
        elif roll < 0.45:
            pred.append((s, e, rng.choice("ABC")))
        elif roll < 0.7:
            ns = max(0, s + rng.randint(-3, 3))
            pred.append((ns, max(ns + 1, e + rng.randint(-3, 3)), rng.choice([lab, lab, "C"])))
    for _ in range(rng.randint(0, 2)):
        start = rng.randint(0, 80)
        pred.append((start, start + rng.randint(1, 12), rng.choice("ABC")))
    rng.shuffle(pred)
    return spans(gold), spans(pred)


def _ambiguous(gold: list[Span], pred: list[Span]) -> bool:
    """True when some span overlaps two or more spans on the other side (greedy and optimal may differ)."""
    def hits(a: Span, others: list[Span]) -> int:
        return sum(1 for b in others if a.start < b.end and b.start < a.end)
    return any(hits(g, pred) > 1 for g in gold) or any(hits(p, gold) > 1 for p in pred)


def _as_graded(r: object) -> Graded:
    return Graded(r.correct, r.incorrect, r.partial, r.missed, r.spurious)  # type: ignore[attr-defined]


def test_differential_against_nervaluate() -> None:
    rng = random.Random(2013)
    same = differ = 0
    for _ in range(300):
        gold, pred = _random_pair(rng)
        if not gold and not pred:
            continue
        theirs = Evaluator([_nv(gold)], [_nv(pred)], tags=["A", "B", "C"], loader="dict").evaluate()
        ambiguous = _ambiguous(gold, pred)
        for scheme, name in NERVALUATE_NAMES.items():
            ours = score_spans(gold, pred, scheme).counts
            ref = _as_graded(theirs["overall"][name])
            assert (ours.possible, ours.actual) == (ref.possible, ref.actual)
            if not ambiguous:
                assert ours == ref, (scheme, gold, pred)
                for label, per in theirs["entities"].items():
                    g = [s for s in gold if s.label == label]
                    p = [s for s in pred if s.label == label]
                    assert score_spans(g, p, scheme).counts == _as_graded(per[name])
                same += 1
            else:
                weight = 0.5 if scheme in ("partial", "type") else 0.0
                assert ours.credit(weight) >= ref.credit(weight)
                differ += ours != ref
    assert same >= 400 and differ >= 20


def _tags(n_tokens: int, items: list[tuple[int, int, str]]) -> list[str]:
    tags = ["O"] * n_tokens
    for start, end, label in items:
        tags[start] = f"B-{label}"
        for k in range(start + 1, end):
            tags[k] = f"I-{label}"
    return tags


def _non_overlapping(rng: random.Random, n_tokens: int) -> list[tuple[int, int, str]]:
    out = []
    k = 0
    while k < n_tokens:
        if rng.random() < 0.3:
            length = min(rng.randint(1, 3), n_tokens - k)
            out.append((k, k + length, rng.choice(["LOC", "ORG", "PER"])))
            k += length
        k += 1
    return out


def test_differential_against_seqeval_strict_iob2() -> None:
    """Spans on token boundaries turned into IOB2 tags: eventgold's strict scheme equals seqeval's strict mode."""
    rng = random.Random(1)
    y_true, y_pred = [], []
    gold_all: list[Span] = []
    pred_all: list[Span] = []
    offset = 0
    for _ in range(60):
        n = rng.randint(3, 15)
        gold = _non_overlapping(rng, n)
        pred = [g for g in gold if rng.random() < 0.6]
        pred = [(s, e, lab if rng.random() < 0.8 else "LOC") for s, e, lab in pred]
        if rng.random() < 0.5:
            pred = _non_overlapping(rng, n)
        y_true.append(_tags(n, gold))
        y_pred.append(_tags(n, pred))
        # token k covers characters [10k, 10k + 5) of the concatenated text
        gold_all += [sp(offset + 10 * s, offset + 10 * (e - 1) + 5, lab) for s, e, lab in gold]
        pred_all += [sp(offset + 10 * s, offset + 10 * (e - 1) + 5, lab) for s, e, lab in pred]
        offset += 10 * n + 100
    p, r, f, support = precision_recall_fscore_support(y_true, y_pred, average=None, scheme=IOB2, zero_division=0)
    for k, label in enumerate(["LOC", "ORG", "PER"]):
        ours = score_spans([s for s in gold_all if s.label == label], [s for s in pred_all if s.label == label],
                           "strict").counts
        assert ours.possible == support[k]
        assert ours.precision(0.0) == pytest.approx(p[k])
        assert ours.recall(0.0) == pytest.approx(r[k])
        assert ours.f1(0.0) == pytest.approx(f[k])
    mp, mr, mf, _ = precision_recall_fscore_support(y_true, y_pred, average="micro", scheme=IOB2)
    ours = score_spans(gold_all, pred_all, "strict").counts
    assert (ours.precision(), ours.recall(), ours.f1()) == pytest.approx((mp, mr, mf))


def test_document_mentions_span_free_are_counted_not_scored() -> None:
    gold = gold_fixture()
    events = [ev.model_dump(mode="json", exclude_none=True) for ev in gold.events]
    events[0]["triggers"] = [free("struck"), at("the attack")]
    events[1]["type"] = "attack"
    counts = score_document(gold, edited(gold, events=events)).counts
    assert counts[("mentions.trigger", "span_free", "*", "n")] == 1
    assert counts[("mentions.trigger", "strict", "*", "cor")] == 3
    assert counts[("mentions.trigger", "strict", "*", "inc")] == 1  # 'arrested' labelled attack
    assert counts[("mentions.trigger", "exact", "*", "cor")] == 4
    assert counts[("mentions.trigger", "strict", "*", "mis")] == 1
    assert counts[("mentions.trigger", "strict", "attack", "spu")] == 1
    assert counts[("mentions.trigger", "strict", "arrest", "mis")] == 1
