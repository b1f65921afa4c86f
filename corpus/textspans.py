"""Plain-text helpers for checks that read the words around a span: sentences, the words before a span.

These are deliberately simple (regular expressions, no tokenizer model): the reports are short, edited English, and a
check that needs more than this should not be a lint rule.

>>> text = "Gunmen killed two men in Gao. Police said the U.S. embassy closed.\\nNo one was hurt."
>>> [text[s:e] for s, e in sentence_bounds(text)]
['Gunmen killed two men in Gao. ', 'Police said the U.S. embassy closed.\\n', 'No one was hurt.']
>>> words_before(text, text.index(" men") + 1, 2)
'killed two '
"""

from __future__ import annotations

import bisect
import re

#: Words that end with a full stop without ending a sentence.
ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "st", "no", "nos", "lt", "col", "gen", "maj", "sgt", "capt", "cpl", "pte", "rep", "sen",
    "gov", "jr", "sr", "vs", "etc", "approx", "est", "fig", "inc", "ltd", "co", "corp", "dept", "mt", "ft", "rev",
    "brig", "adm", "cmdr", "insp", "supt", "hon", "h.e", "u.s", "u.n", "u.k", "e.g", "i.e", "a.m", "p.m", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
})
_BOUNDARY = re.compile(r"[.!?][\"'’”)\]]*\s+(?=[\"'‘“(\[A-Z0-9])|\n+")
_WORD_BEFORE = re.compile(r"([\w.]+)[.!?][\"'’”)\]]*\s+$")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every sentence; a line break always ends one (headlines, list items, datelines)."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group(0)[0] == ".":
            before = _WORD_BEFORE.search(text, max(0, m.start() - 20), m.end())
            word = before.group(1).lower() if before else ""
            if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
        bounds.append((start, m.end()))
        start = m.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


class Sentences:
    """The sentences of one text, with a fast lookup of the sentence an offset falls in."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.bounds = sentence_bounds(text)
        self._starts = [s for s, _ in self.bounds]

    def around(self, offset: int) -> tuple[int, int]:
        """The sentence containing ``offset`` (the last one for the end of the text)."""
        i = max(0, bisect.bisect_right(self._starts, offset) - 1)
        return self.bounds[i] if self.bounds else (0, len(self.text))

    def same(self, a: int, b: int) -> bool:
        """True when offsets ``a`` and ``b`` are in one sentence."""
        return self.around(a) == self.around(b)


def words_before(text: str, offset: int, n: int) -> str:
    """The ``n`` words (and the spaces after them) that end right before ``offset``, within its line."""
    line_start = text.rfind("\n", 0, offset) + 1
    m = re.search(rf"((?:\S+[ \t]+){{0,{n}}})$", text[line_start:offset])
    return m.group(1) if m else ""
