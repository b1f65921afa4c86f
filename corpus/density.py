"""How a corpus reads: the natural-density figures of issue-style corpus targets, per group of documents.

Every figure is a ratio of two sums over documents (characters inside quotes over characters, events over
characters, ...), so a group's figure is computed from the sums of its documents, never as a mean of ratios.
:data:`DENSITIES` lists them; :func:`densities` computes them for documents grouped by a metadata key (genre).

>>> from eventgold.schema import Document
>>> doc = Document(id="d", published="2024-05-02", text='Police said: "Two were hurt."')
>>> round(densities([doc])["all"]["quote_share"], 2)
0.55
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from eventgold.schema import Document, Modality

#: Attribution verbs and phrases counted by ``attribution_per_1000_chars`` (reporting-genre measurements use these).
ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|told|tells|according to|stated|states|claimed|claims|added|reported|announced|confirmed)\b",
    re.IGNORECASE)
#: A quotation: straight or typographic double quotes, on one paragraph.
QUOTE = re.compile(r"\"[^\"\n]+\"|\u201c[^\u201d\n]+\u201d")


@dataclass(frozen=True)
class Sums:
    """The additive counts of one document from which every density is derived."""

    documents: int = 0
    characters: int = 0
    words: int = 0
    quoted_characters: int = 0
    attribution_verbs: int = 0
    events: int = 0
    triggers: int = 0
    non_actual_events: int = 0

    def __add__(self, other: Sums) -> Sums:
        return Sums(*(a + b for a, b in zip(self.__dict__.values(), other.__dict__.values(), strict=True)))


def document_sums(doc: Document) -> Sums:
    text = doc.text
    return Sums(
        documents=1,
        characters=len(text),
        words=len(text.split()),
        quoted_characters=sum(len(m.group()) for m in QUOTE.finditer(text)),
        attribution_verbs=len(ATTRIBUTION.findall(text)),
        events=len(doc.events),
        triggers=sum(len(e.triggers) for e in doc.events),
        non_actual_events=sum(e.modality is not Modality.ACTUAL for e in doc.events),
    )


@dataclass(frozen=True)
class Density:
    name: str
    short: str  # column heading
    description: str
    value: Callable[[Sums], float | None]


def _ratio(num: float, den: float, scale: float = 1.0) -> float | None:
    return None if den == 0 else scale * num / den


DENSITIES: list[Density] = [
    Density("documents", "docs", "documents", lambda s: s.documents),
    Density("mean_words", "words", "words per document", lambda s: _ratio(s.words, s.documents)),
    Density("quote_share", "quoted", "share of characters inside quotation marks", lambda s: _ratio(s.quoted_characters, s.characters)),
    Density("attribution_per_1000_chars", "attrib/1k", "attribution verbs (said, told, according to, ...) per 1,000 characters",
            lambda s: _ratio(s.attribution_verbs, s.characters, 1000)),
    Density("events_per_1000_chars", "events/1k", "events per 1,000 characters", lambda s: _ratio(s.events, s.characters, 1000)),
    Density("triggers_per_event", "trig/ev", "trigger mentions per event", lambda s: _ratio(s.triggers, s.events)),
    Density("non_actual_share", "non-act", "share of events that are negated, hypothetical or generic",
            lambda s: _ratio(s.non_actual_events, s.events)),
]


def group_key(doc: Document, key: str) -> str:
    """The document's value of metadata ``key`` as a group name ("(none)" when it has none)."""
    value = doc.metadata.get(key)
    return "(none)" if value is None else str(value)


def densities(docs: Iterable[Document], by: str | None = None) -> dict[str, dict[str, float | None]]:
    """Every density for all documents (``"all"``) and, with ``by``, for each value of that metadata key."""
    groups: dict[str, Sums] = {}
    total = Sums()
    for doc in docs:
        sums = document_sums(doc)
        total = total + sums
        if by is not None:
            name = group_key(doc, by)
            groups[name] = groups.get(name, Sums()) + sums
    out = {name: {d.name: d.value(s) for d in DENSITIES} for name, s in sorted(groups.items())}
    out["all"] = {d.name: d.value(total) for d in DENSITIES}
    return out
