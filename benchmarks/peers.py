"""The same mention data in eventgold's, nervaluate's and seqeval's formats, and each tool's counts.

Spans come from the synthetic documents through eventgold's own
:func:`eventgold.eval.collect_spans` (every mention kind; kinds never overlap
in the synthetic texts and their labels are distinct, so one list per document
holds them all). nervaluate gets ``{"label", "start", "end"}`` dicts with an
inclusive end, seqeval IOB2 tags over the tokens of :data:`benchmarks.synth.TOKEN`.

Converting the data is not timed; each tool is timed on its own input format.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from eventgold.eval import Graded, Span, collect_spans
from eventgold.eval.mentions import MENTION_KINDS, MentionTally, SchemeCounts
from eventgold.schema import Document

from .synth import TOKEN

#: nervaluate's names of the four SemEval-2013 schemes.
NERVALUATE_NAMES = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}

def document_spans(doc: Document) -> list[Span]:
    """Every grounded mention of ``doc`` as one list of labelled spans, in text order."""
    items = [s for kind in MENTION_KINDS for s in collect_spans(doc, kind)[0]]
    items.sort(key=lambda s: (s.start, s.end))
    return [Span(s.start, s.end, s.label, s.text, k, s.owner) for k, s in enumerate(items)]


def eventgold_schemes(gold: Sequence[Sequence[Span]], pred: Sequence[Sequence[Span]]) -> SchemeCounts:
    """The four schemes, overall and per label, summed over documents (what nervaluate reports).

    :class:`eventgold.eval.mentions.MentionTally`: per label, the spans of that label alone are
    scored on both sides, as nervaluate does and as the document scorer does.
    """
    tally = MentionTally()
    for g, p in zip(gold, pred, strict=True):
        tally.add(g, p)
    return tally.counts()


def eventgold_strict(gold: Sequence[Sequence[Span]], pred: Sequence[Sequence[Span]]) -> tuple[Graded, dict[str, Graded]]:
    """The strict scheme, overall and per label (what seqeval reports); the other schemes come along."""
    return eventgold_schemes(gold, pred)["strict"]


# --- nervaluate -------------------------------------------------------------------------------------------


def nervaluate_input(docs: Sequence[Sequence[Span]]) -> list[list[dict[str, Any]]]:
    """nervaluate's ``dict`` loader format: inclusive ``end``."""
    return [[{"label": s.label, "start": s.start, "end": s.end - 1} for s in spans] for spans in docs]


def nervaluate_schemes(gold: list[list[dict[str, Any]]], pred: list[list[dict[str, Any]]], tags: list[str]
                       ) -> SchemeCounts:
    from nervaluate import Evaluator

    results = Evaluator(gold, pred, tags=tags, loader="dict").evaluate()
    return _nervaluate_counts(results)


def _graded(r: Any) -> Graded:
    return Graded(r.correct, r.incorrect, r.partial, r.missed, r.spurious)


def _nervaluate_counts(results: dict[str, Any]) -> SchemeCounts:
    out: SchemeCounts = {}
    for ours, theirs in NERVALUATE_NAMES.items():
        per = {label: _graded(by[theirs]) for label, by in results["entities"].items()}
        out[ours] = (_graded(results["overall"][theirs]), per)
    return out


# --- seqeval ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tagged:
    """Documents as tag sequences for seqeval, and the labels in seqeval's (sorted) order."""

    gold: list[list[str]]
    pred: list[list[str]]


def iob2(text: str, spans: Sequence[Span]) -> list[str]:
    """IOB2 tags of ``spans`` over the tokens of ``text``; a span must start and end on token boundaries."""
    tokens = [(m.start(), m.end()) for m in TOKEN.finditer(text)]
    starts = [s for s, _ in tokens]
    tags = ["O"] * len(tokens)
    for span in spans:
        k = bisect.bisect_left(starts, span.start)
        if k == len(tokens) or starts[k] != span.start:
            raise ValueError(f"span {span.start}-{span.end} does not start on a token")
        tags[k] = f"B-{span.label}"
        k += 1
        while k < len(tokens) and tokens[k][1] <= span.end:
            tags[k] = f"I-{span.label}"
            k += 1
        if tokens[k - 1][1] != span.end:
            raise ValueError(f"span {span.start}-{span.end} does not end on a token")
    return tags


def seqeval_input(texts: Sequence[str], gold: Sequence[Sequence[Span]], pred: Sequence[Sequence[Span]]) -> Tagged:
    return Tagged([iob2(t, g) for t, g in zip(texts, gold, strict=True)],
                  [iob2(t, p) for t, p in zip(texts, pred, strict=True)])


def seqeval_strict(tagged: Tagged) -> dict[str, tuple[float, float, float, int]]:
    """seqeval's strict IOB2 precision, recall, F1 and support per label."""
    from seqeval.metrics.v1 import precision_recall_fscore_support
    from seqeval.scheme import IOB2

    p, r, f, support = precision_recall_fscore_support(tagged.gold, tagged.pred, average=None, scheme=IOB2,
                                                       zero_division=0)
    # seqeval orders its per-label arrays by label name (every label here starts with B- somewhere)
    labels = sorted({tag[2:] for seqs in (tagged.gold, tagged.pred) for seq in seqs for tag in seq if tag != "O"})
    return {label: (float(p[k]), float(r[k]), float(f[k]), int(support[k])) for k, label in enumerate(labels)}


# --- checks -----------------------------------------------------------------------------------------------


def differences_schemes(ours: SchemeCounts, theirs: SchemeCounts) -> list[str]:
    """Every count that differs between two tools (empty when they agree on all schemes and labels)."""
    out = []
    for scheme, (overall, per) in ours.items():
        other_overall, other_per = theirs[scheme]
        if overall != other_overall:
            out.append(f"{scheme} overall: eventgold {overall} vs {other_overall}")
        for label in sorted(set(per) | set(other_per)):
            a, b = per.get(label, Graded()), other_per.get(label, Graded())
            if a != b:
                out.append(f"{scheme} {label}: eventgold {a} vs {b}")
    return out


def differences_strict(ours: tuple[Graded, dict[str, Graded]],
                       theirs: dict[str, tuple[float, float, float, int]]) -> list[str]:
    """Per label, eventgold's strict precision, recall, F1 and gold count against seqeval's."""
    out = []
    _, per = ours
    for label in sorted(set(per) | set(theirs)):
        g = per.get(label, Graded())
        mine = (g.precision(0.0, 0.0), g.recall(0.0, 0.0), g.f1(0.0, 0.0), g.possible)
        other = theirs.get(label, (0.0, 0.0, 0.0, 0))
        if mine[3] != other[3] or any(abs(a - b) > 1e-12 for a, b in zip(mine[:3], other[:3], strict=True)):
            out.append(f"{label}: eventgold P/R/F1/support {mine} vs seqeval {other}")
    return out
