"""Text plumbing for the baseline: sentences, capitalised names and span helpers, all with exact offsets.

>>> text = "Gunmen attacked a U.S. convoy near Gao. Two soldiers died."
>>> [text[s:e] for s, e in split_sentences(text)]
['Gunmen attacked a U.S. convoy near Gao.', 'Two soldiers died.']
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

_ABBREVIATIONS = frozenset({
    "u.s", "u.k", "u.n", "mr", "mrs", "ms", "dr", "gen", "col", "lt", "maj", "capt", "sgt", "st", "no", "vs", "etc",
    "e.g", "i.e", "a.m", "p.m", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "approx", "inc", "ltd", "co", "gov", "sen", "rep", "brig", "cpl", "pvt", "adm", "cmdr", "prof", "km", "mt",
})

_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+|$)|\n")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` offsets of the sentences of ``text``; line breaks always end a sentence.

    A period ends a sentence unless it closes a known abbreviation or a single-letter initial, or the
    next word starts in lower case.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if m.group(0) != "\n":
            word = re.search(r"([\w.]+)[.!?]+[\"'”’)\]]*$", text[max(start, m.start() - 20):end])
            token = word.group(1).lower().rstrip(".") if word else ""
            nxt = re.match(r"\s*(\S)", text[end:end + 10])
            if token in _ABBREVIATIONS or re.fullmatch(r"[a-z]", token) or (nxt and nxt.group(1).islower()):
                continue
        else:
            end = m.start()
        _add(text, start, end, spans)
        start = m.end()
    _add(text, start, n, spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


class SentenceIndex:
    """Which sentence a character offset falls in."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self._starts = [s for s, _ in spans]

    def of(self, offset: int) -> int:
        i = bisect_right(self._starts, offset) - 1
        return max(i, 0)

    def __len__(self) -> int:
        return len(self.spans)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


#: Lower-case words that may join the parts of a name ("Islamic State of Iraq", "Ras al Ain").
_NAME_JOINERS = r"(?:of|al|el|ad|ar|as|ash|an|at|az|ed|de|du|des|la|le|bin|ibn|wa|y|da|do|dos|das|van|von)"
_CAP_TOKEN = r"(?:[A-Z][\w'’]*(?:-[\w'’]+)*|(?:al|el|ad|ar|as|ash|an|at|az|ed)-[A-Z][\w'’]*(?:-[\w'’]+)*)"
NAME_RE = re.compile(rf"(?<![\w'’-]){_CAP_TOKEN}(?:\s+(?:{_NAME_JOINERS}\s+)?{_CAP_TOKEN})*")

#: Capitalised words that start sentences or headlines and are not names.
COMMON_CAPITALISED = frozenset("""
a an the this that these those there their they he she it its we our his her in on at of for from by with
without to into near after before during since until while when where which who what why how as and or but
if so yet also however meanwhile separately elsewhere further furthermore additionally according analyst
analysts comment update summary background assessment outlook note notes travel security local officials
police sources reports reported unidentified unknown suspected armed several some many most all both one two
three four five six seven eight nine ten eleven twelve no none other another earlier later last next monday
tuesday wednesday thursday friday saturday sunday january february march april may june july august september
october november december today yesterday tonight overnight following despite amid around over under about
residents witnesses authorities government forces troops soldiers militants gunmen protesters demonstrators
such each every any more less than then now recent recently further key incident incidents attack attacks
""".split())


def names_in(text: str, start: int = 0, end: int | None = None) -> Iterator[Span]:
    """Capitalised name sequences in ``text[start:end]``, with sentence-initial common words dropped."""
    stop = len(text) if end is None else end
    for m in NAME_RE.finditer(text, start, stop):
        s, e = m.start(), m.end()
        words = m.group(0).split()
        # drop leading common capitalised words ("The Taliban" -> "Taliban", "On Tuesday" -> skip)
        while words and words[0].lower() in COMMON_CAPITALISED:
            first = words.pop(0)
            s = text.index(first, s) + len(first)
            while s < e and text[s].isspace():
                s += 1
        # drop trailing joiners left over
        while words and re.fullmatch(_NAME_JOINERS, words[-1]):
            last = words.pop()
            e = text.rindex(last, s, e)
            while e > s and text[e - 1].isspace():
                e -= 1
        if not words or s >= e:
            continue
        yield Span(s, e, text[s:e])


def norm(text: str) -> str:
    """A key for comparing names: lower case, one space, no apostrophe variants or leading article."""
    t = text.replace("’", "'").replace("‘", "'").replace("`", "'").lower()
    t = re.sub(r"[\s\u00a0]+", " ", t).strip(" .,;:")
    t = re.sub(r"^(?:the|a|an) ", "", t)
    return t


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
