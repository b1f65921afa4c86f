"""Properties on generated documents: self-agreement is perfect; span-free twins score alike above mentions."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventgold.eval import Counts, score_document
from eventgold.schema import Document
from tests.eval.builders import mutate, without_spans
from tests.strategies import documents

ERROR_STATS = {"fp", "fn", "inc", "par", "mis", "spu"}
FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def errors(counts: Counts) -> dict[tuple[str, str, str, str], int]:
    return {k: v for k, v in counts.items() if k[3] in ERROR_STATS or (k[1].endswith("confusion") and
                                                                          k[2].split(">")[0] != k[2].split(">")[1])}


@FAST
@given(documents())
def test_a_document_agrees_with_itself(doc: Document) -> None:
    counts = score_document(doc, doc).counts
    assert errors(counts) == {}
    assert counts[("modality", "accuracy", "*", "correct")] == len(doc.events)


@FAST
@given(documents(), st.integers(0, 10_000))
def test_span_free_twin_scores_the_same_above_mentions(doc: Document, seed: int) -> None:
    pred = mutate(doc, seed)
    grounded = score_document(doc, pred).counts
    twin = score_document(doc, without_spans(pred)).counts
    def above(c: Counts) -> dict[tuple[str, str, str, str], int]:
        return {k: v for k, v in c.items() if not k[0].startswith("mentions.")}
    assert above(grounded) == above(twin)
