"""Scoring one document: every level's counts, and (optionally) the findings that explain them.

>>> from eventgold.schema import Document
>>> gold = Document.model_validate({"id": "d1", "published": "2024-03-02", "text": "Shelling hit Kharkiv.",
...     "events": [{"id": "e1", "type": "shelling_missile_attack",
...                 "triggers": [{"start": 0, "end": 8, "text": "Shelling"}]}]})
>>> score = score_document(gold, gold)
>>> score.counts[("events", "classification", "*", "tp")]
1
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from eventgold.schema import DataError, Document, Problem, iter_mentions

from .alignment import DEFAULT_MIN_EVENT_SIMILARITY, DocumentAlignment, align_document
from .arguments import count_arguments
from .casualties import count_casualties
from .counts import Counts, Metric, N
from .dates import count_dates
from .entities import count_entities
from .events import count_events
from .findings import FALSE_NEGATIVE, FALSE_POSITIVE, MISMATCH, Finding, ItemRef, snippet
from .mentions import MENTION_KINDS, SPAN_FREE, SchemeResult, Span, count_mentions
from .modality import count_modality

DOCUMENTS = Metric("documents", "n", N, "documents scored")


@dataclass(frozen=True)
class ScoringOptions:
    """Settings that change what counts as a match (recorded in every report)."""

    min_event_similarity: float = DEFAULT_MIN_EVENT_SIMILARITY


@dataclass
class DocumentScore:
    """One document's counts (they add across documents), its findings, and its alignment when kept."""

    doc_id: str
    counts: Counts
    findings: list[Finding] = field(default_factory=list)
    alignment: DocumentAlignment | None = None


#: The levels above mentions, as data: (name, counting function over the alignment).
LEVELS: tuple[tuple[str, Callable[[DocumentAlignment, list[Finding] | None], Counts]], ...] = (
    ("events", count_events),
    ("arguments", count_arguments),
    ("entities", count_entities),
    ("time", count_dates),
    ("casualties", count_casualties),
    ("modality", count_modality),
)


def empty_prediction(gold: Document) -> Document:
    """What a missing prediction is scored as: the gold text with nothing annotated."""
    return Document(id=gold.id, published=gold.published, text=gold.text)


def _check_text(gold: Document, pred: Document) -> None:
    if pred.text == gold.text:
        return
    grounded = [(path, m) for path, m in iter_mentions(pred) if m.start is not None]
    if grounded:
        path, m = grounded[0]
        raise DataError(Problem(
            "the prediction's text differs from the gold text, so its offsets cannot be compared",
            "Copy the gold document's text into the prediction, or leave its mentions span-free",
            doc_id=pred.id, path=path, span=(m.start, m.end) if m.start is not None and m.end is not None else None))


def _mention_findings(doc_id: str, kind: str, gold_text: str, pred_text: str, result: SchemeResult,
                      gold_spans: list[Span], pred_spans: list[Span], span_free: int) -> list[Finding]:
    level = f"mentions.{kind}"

    def ref(span: Span, text: str) -> ItemRef:
        return ItemRef(span.owner, span.text, span.start, span.end, snippet(text, span.start, span.end))

    out: list[Finding] = []
    for pair, outcome in zip(result.alignment.pairs, result.outcomes, strict=True):
        if outcome == "cor":
            continue
        g, p = gold_spans[pair.gold], pred_spans[pair.pred]
        why = []
        if (g.start, g.end) != (p.start, p.end):
            why.append("boundaries differ")
        if g.label != p.label:
            why.append(f"label {p.label}")
        out.append(Finding(level, MISMATCH, doc_id, g.label, "strict: " + ", ".join(why),
                           ref(g, gold_text), ref(p, pred_text)))
    missed = "strict: no overlapping prediction"
    if span_free:
        missed += f" ({span_free} span-free predicted mention{'s' if span_free > 1 else ''} could not be placed)"
    for i in result.alignment.unmatched_gold:
        out.append(Finding(level, FALSE_NEGATIVE, doc_id, gold_spans[i].label, missed, ref(gold_spans[i], gold_text)))
    for j in result.alignment.unmatched_pred:
        out.append(Finding(level, FALSE_POSITIVE, doc_id, pred_spans[j].label, "strict: overlaps no gold span",
                           pred=ref(pred_spans[j], pred_text)))
    return out


def score_document(gold: Document, pred: Document | None, *, explain: bool = False, keep_alignment: bool = False,
                   options: ScoringOptions | None = None) -> DocumentScore:
    """Score one predicted document against its gold document at every level.

    ``pred`` None scores an empty prediction. With ``explain`` the findings (every false positive,
    false negative and mismatch) are collected; with ``keep_alignment`` the alignment is kept too.
    """
    options = options or ScoringOptions()
    if pred is None:
        pred = empty_prediction(gold)
    elif pred.id != gold.id:
        raise DataError(Problem(f"prediction {pred.id!r} paired with gold document {gold.id!r}",
                                "Pair each prediction with the gold document of the same id", doc_id=pred.id))
    _check_text(gold, pred)
    counts = Counts()
    findings: list[Finding] | None = [] if explain else None
    for kind in MENTION_KINDS:
        kind_counts, results, gold_spans, pred_spans = count_mentions(gold, pred, kind, explain=findings is not None)
        counts.update(kind_counts)
        if findings is not None:
            findings.extend(_mention_findings(gold.id, kind, gold.text, pred.text, results["strict"],
                                              gold_spans, pred_spans,
                                              kind_counts[SPAN_FREE[kind].key("n")]))
    alignment = align_document(gold, pred, min_event_similarity=options.min_event_similarity)
    for _name, level in LEVELS:
        counts.update(level(alignment, findings))
    counts.add(DOCUMENTS.key("n"))
    return DocumentScore(gold.id, counts, findings or [], alignment if keep_alignment else None)
