"""Findings: the false positives, false negatives and mismatches behind the counts, located for a reader.

A :class:`Finding` names the level, the document, the gold and/or predicted
item (its JSON path, text, offsets and a context snippet) and says why it was
counted. ``eventgold eval score --errors`` lists them, grouped by level.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from eventgold.schema import Mention

SNIPPET_CONTEXT = 40

FALSE_NEGATIVE = "false_negative"
FALSE_POSITIVE = "false_positive"
MISMATCH = "mismatch"


def snippet(text: str, start: int, end: int, context: int = SNIPPET_CONTEXT) -> str:
    """The span with ``context`` characters either side, marked with ⟦ ⟧, on one line.

    >>> snippet("Rockets hit the camp near Gao on Monday.", 16, 20, context=8)
    '…hit the ⟦camp⟧ near Ga…'
    """
    left = max(0, start - context)
    right = min(len(text), end + context)
    body = f"{text[left:start]}⟦{text[start:end]}⟧{text[end:right]}"
    body = " ".join(body.split())
    return ("…" if left > 0 else "") + body + ("…" if right < len(text) else "")


@dataclass(frozen=True)
class ItemRef:
    """Where an item is: its JSON path in its document, its text, offsets when it has them, and context."""

    path: str
    text: str
    start: int | None = None
    end: int | None = None
    snippet: str | None = None

    @staticmethod
    def of(path: str, text: str, mentions: list[Mention], doc_text: str) -> ItemRef:
        """Locate an item by the first of its mentions that has offsets valid in ``doc_text``."""
        for m in mentions:
            if m.start is not None and m.end is not None and m.end <= len(doc_text):
                return ItemRef(path, text, m.start, m.end, snippet(doc_text, m.start, m.end))
        return ItemRef(path, text)


@dataclass(frozen=True)
class Finding:
    """One error: a missed gold item, a spurious prediction, or a pair that disagrees."""

    level: str
    kind: str
    doc_id: str
    label: str
    detail: str
    gold: ItemRef | None = None
    pred: ItemRef | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"level": self.level, "kind": self.kind, "doc_id": self.doc_id, "label": self.label,
                               "detail": self.detail}
        for side in ("gold", "pred"):
            ref = getattr(self, side)
            if ref is not None:
                out[side] = {k: v for k, v in asdict(ref).items() if v is not None}
        return out
