"""Placing span-free trigger mentions in the text, so that events can be compared by where they are named.

Event alignment (:mod:`eventgold.eval.alignment`) compares where two events'
triggers are in the text. A prediction that gives offsets is already placed;
a span-free trigger (only ``text``) is placed here first, by one rule:

1. **Occurrences.** The trigger text is looked for in the gold document's text
   as whole words (not inside a longer word; any run of white space matches any
   other). Occurrences with the same case come first, in text order, then the
   others (case-insensitive), in text order.
2. **Several occurrences.** The span-free triggers of a prediction are taken in
   the order the prediction lists them (events in order, then each event's
   triggers in order); each takes the *first of its occurrences that no
   trigger of the prediction holds yet* (grounded triggers and triggers placed
   before it). When every occurrence is taken, it takes the first one (two
   events named by the same words in one place, as a grounded prediction may
   have them). A system that lists events in text order is therefore placed
   exactly; one that does not, or that names an event with a word the text
   uses for another event too (a forecast and a denial of "demonstrations"),
   should give offsets or a longer trigger phrase that occurs once.
3. **No occurrence.** A trigger whose text does not occur in the gold text stays
   unplaced; an event none of whose triggers is placed is compared by trigger
   words only, as before offsets were read.

So a span-free prediction whose triggers are placed where its span-grounded
twin has them aligns exactly as that twin.

>>> from eventgold.schema import Document
>>> text = "Rockets hit the base. Such attacks are common; rockets are cheap."
>>> doc = Document.model_validate({"id": "d1", "published": "2024-03-02", "text": text, "events": [
...     {"id": "e1", "type": "shelling_missile_attack", "triggers": [{"text": "rockets"}]},
...     {"id": "e2", "type": "shelling_missile_attack", "triggers": [{"text": "rockets"}, {"text": "attack"}]}]})
>>> placed = trigger_spans(doc, text)
>>> [[text[s:e] for s, e in spans] for spans in placed]
[['rockets'], ['Rockets']]
>>> placed[0]
((47, 54),)
"""

from __future__ import annotations

import re
from functools import lru_cache

from eventgold.schema import Document

Span = tuple[int, int]


@lru_cache(maxsize=4096)
def _pattern(phrase: str, ignore_case: bool) -> re.Pattern[str] | None:
    words = phrase.split()
    if not words:
        return None
    body = r"\s+".join(re.escape(w) for w in words)
    before = r"(?<!\w)" if re.match(r"\w", words[0]) else ""
    after = r"(?!\w)" if re.search(r"\w$", words[-1]) else ""
    return re.compile(before + body + after, re.IGNORECASE if ignore_case else 0)


def occurrences(text: str, phrase: str) -> list[Span]:
    """Where ``phrase`` occurs in ``text`` as whole words: case-sensitive matches first, then the other ones.

    >>> occurrences("An Attack; attacks; an attack.", "attack")
    [(23, 29), (3, 9)]
    """
    exact, folded = _pattern(phrase, False), _pattern(phrase, True)
    if exact is None or folded is None:
        return []
    first = [m.span() for m in exact.finditer(text)]
    seen = set(first)
    return first + [m.span() for m in folded.finditer(text) if m.span() not in seen]


def place_triggers(doc: Document, text: str) -> list[list[Span | None]]:
    """Per event of ``doc``, per trigger: its offsets, as given or placed in ``text`` by the rule above (None: unplaced).

    ``text`` is the gold text (a span-free prediction may carry any text).
    """
    taken: list[Span] = [(m.start, m.end) for ev in doc.events for m in ev.triggers
                         if m.start is not None and m.end is not None]
    out: list[list[Span | None]] = []
    for ev in doc.events:
        spans: list[Span | None] = []
        for m in ev.triggers:
            if m.start is not None and m.end is not None:
                spans.append((m.start, m.end))
                continue
            found = occurrences(text, m.text)
            free = [span for span in found if not any(s < span[1] and span[0] < e for s, e in taken)]
            span = free[0] if free else (found[0] if found else None)
            if span is not None:
                taken.append(span)
            spans.append(span)
        out.append(spans)
    return out


def trigger_spans(doc: Document, text: str) -> list[tuple[Span, ...]]:
    """Per event of ``doc``, the offsets of its placed triggers (:func:`place_triggers` without the unplaced ones)."""
    return [tuple(span for span in spans if span is not None) for spans in place_triggers(doc, text)]


def spans_overlap(a: tuple[Span, ...], b: tuple[Span, ...]) -> bool:
    """Whether any span of ``a`` shares a character with any span of ``b``."""
    return any(s < f and t < e for s, e in a for t, f in b)
