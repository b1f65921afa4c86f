"""Counts as the baseline reads them: number words, digits, qualifiers and vague quantities.

:func:`parse_quantity` turns a whole count phrase into a :class:`~eventgold.schema.Quantity`
following the qualifier rules of the schema (``COUNT_QUALIFIER_RULES``) and the annotation
guidelines (section 9); :func:`find_quantities` finds such phrases in running text with their
``[start, end)`` offsets.

>>> parse_quantity("at least three")
Quantity(qualifier=<CountQualifier.AT_LEAST: 'at_least'>, low=3, best=None, high=None)
>>> parse_quantity("between five and eight").model_dump(exclude_none=True)
{'qualifier': <CountQualifier.RANGE: 'range'>, 'low': 5, 'high': 8}
>>> parse_quantity("dozens").low
12
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from eventgold.schema import VAGUE_QUANTITIES, CountQualifier, Quantity

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000}

_UNIT_RE = "|".join(sorted(_UNITS, key=len, reverse=True))
_TENS_RE = "|".join(_TENS)
# "twenty", "twenty-three", "twenty three", "seven", "one hundred and five", "two thousand"
_WORD_NUMBER = (
    rf"(?:(?:{_TENS_RE})(?:[- ](?:{_UNIT_RE}))?|{_UNIT_RE}|a|an)"
    rf"(?:\s+(?:hundred|thousand)(?:\s+(?:and\s+)?(?:(?:{_TENS_RE})(?:[- ](?:{_UNIT_RE}))?|{_UNIT_RE}))?)?"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+"
#: A single cardinal: digits or number words (``a``/``an`` count as one only before a scale word or a noun).
NUMBER = rf"(?:{_DIGITS}|(?:{_WORD_NUMBER})(?![\w-]))"
_NUMBER_RE = re.compile(rf"^(?:{NUMBER})$", re.IGNORECASE)


def parse_number(text: str) -> int | None:
    """The value of one cardinal written in digits or words, or None.

    >>> parse_number("twenty-three"), parse_number("1,200"), parse_number("one hundred and five")
    (23, 1200, 105)
    """
    words = text.strip().lower()
    if not words:
        return None
    if re.fullmatch(_DIGITS, words):
        return int(words.replace(",", ""))
    if words == "a dozen":
        return 12
    total = 0
    current = 0
    seen = False
    for word in re.split(r"[\s-]+", words):
        if word == "and" and seen:
            continue
        if word in ("a", "an") and not seen:
            current, seen = 1, True
        elif word in _UNITS:
            current += _UNITS[word]
            seen = True
        elif word in _TENS:
            current += _TENS[word]
            seen = True
        elif word in _SCALES and seen:
            scale = _SCALES[word]
            if scale == 100:
                current *= 100
            else:
                total += current * scale
                current = 0
        elif word == "dozen" and seen:
            current *= 12
        else:
            return None
    return total + current if seen else None


_VAGUE_RE = "|".join(re.escape(k) for k in sorted(VAGUE_QUANTITIES, key=len, reverse=True))
_N = rf"(?:{NUMBER}(?:\s+dozen)?|a\s+dozen)"

# Order matters: the first pattern that matches the whole phrase wins.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("unspecified", re.compile(
        r"^(?:an?\s+)?(?:unknown|unspecified|undetermined|unconfirmed|undisclosed|unidentified|"
        r"indeterminate|unclear|uncertain)\s+number(?:\s+of)?$", re.I)),
    ("range", re.compile(rf"^between\s+(?P<a>{_N})\s+(?:and|to)\s+(?P<b>{_N})$", re.I)),
    ("range", re.compile(rf"^(?:from\s+)?(?P<a>{_N})\s*(?:-|–|to)\s*(?P<b>{_N})$", re.I)),
    ("range", re.compile(rf"^(?P<a>{_N})\s+or\s+(?P<b>{_N})$", re.I)),
    ("at_least_plus", re.compile(rf"^(?:more\s+than|over|upwards\s+of|in\s+excess\s+of)\s+(?P<a>{_N})$", re.I)),
    ("at_least", re.compile(
        rf"^(?:at\s+least|no\s+(?:fewer|less)\s+than|a\s+minimum\s+of|not\s+less\s+than)\s+(?P<a>{_N})$", re.I)),
    ("at_least", re.compile(rf"^(?P<a>{_N})\s+or\s+more$", re.I)),
    ("at_most_minus", re.compile(rf"^(?:fewer|less)\s+than\s+(?P<a>{_N})$", re.I)),
    ("at_most", re.compile(
        rf"^(?:up\s+to|at\s+most|no\s+more\s+than|as\s+many\s+as|a\s+maximum\s+of|not\s+more\s+than)\s+(?P<a>{_N})$",
        re.I)),
    ("approximately", re.compile(
        rf"^(?:about|around|approximately|roughly|nearly|almost|some|an\s+estimated|close\s+to|"
        rf"circa|an?\s+approximate|approx\.?|estimated|around\s+some)\s+(?P<a>{_N})$", re.I)),
    ("approximately", re.compile(rf"^(?P<a>{_N})\s+or\s+so$", re.I)),
    ("at_least_vague", re.compile(rf"^(?:at\s+least|more\s+than|over)\s+(?P<v>{_VAGUE_RE})$", re.I)),
    ("vague", re.compile(rf"^(?P<v>{_VAGUE_RE})(?:\s+of)?$", re.I)),
    ("exact", re.compile(rf"^(?:another\s+|a\s+further\s+|an\s+additional\s+|a\s+total\s+of\s+)?(?P<a>{_N})$", re.I)),
]


def _value(text: str) -> int | None:
    text = re.sub(r"\s+", " ", text.strip().lower())
    if text.endswith(" dozen"):
        head = text[: -len(" dozen")]
        base = 1 if head in ("a", "an") else parse_number(head)
        return None if base is None else base * 12
    return parse_number(text)


def parse_quantity(phrase: str) -> Quantity | None:
    """The count stated by a whole phrase, or None when the phrase is not a count.

    ``low``/``best``/``high`` follow the schema's qualifier rules: "at least three" is
    ``at_least`` with low 3; "more than six" is ``at_least`` with low 7; "up to five" is
    ``at_most`` with high 5; "about 20" is ``approximately`` with best 20; "between five and
    eight" is a ``range``; vague words map through ``VAGUE_QUANTITIES``; "an unknown number" is
    ``unspecified``; a bare number is ``exact``.
    """
    text = re.sub(r"\s+", " ", phrase.strip())
    for kind, pattern in _PATTERNS:
        m = pattern.match(text)
        if m is None:
            continue
        if kind == "unspecified":
            return Quantity(qualifier=CountQualifier.UNSPECIFIED)
        if kind in ("vague", "at_least_vague"):
            key = m.group("v").lower()
            low, high = VAGUE_QUANTITIES[key]
            if kind == "at_least_vague":
                plus = 0 if text.lower().startswith("at least") else 1
                return Quantity(qualifier=CountQualifier.AT_LEAST, low=low + plus)
            return Quantity(qualifier=CountQualifier.VAGUE, low=low, high=high)
        a = _value(m.group("a"))
        if a is None:
            continue
        if kind == "range":
            b = _value(m.group("b"))
            if b is None or b <= a:
                continue
            return Quantity(qualifier=CountQualifier.RANGE, low=a, high=b)
        if kind == "at_least":
            return Quantity(qualifier=CountQualifier.AT_LEAST, low=a)
        if kind == "at_least_plus":
            return Quantity(qualifier=CountQualifier.AT_LEAST, low=a + 1)
        if kind == "at_most":
            return Quantity(qualifier=CountQualifier.AT_MOST, high=a)
        if kind == "at_most_minus":
            if a == 0:
                continue
            return Quantity(qualifier=CountQualifier.AT_MOST, high=a - 1)
        if kind == "approximately" or re.search(r"\bdozen$", m.group("a"), re.I):
            # "two dozen" is a round figure, not a count: approximately 24.
            return Quantity(qualifier=CountQualifier.APPROXIMATELY, best=a)
        return Quantity(qualifier=CountQualifier.EXACT, low=a, best=a, high=a)
    return None


_QUALIFIER_PREFIX = (
    r"(?:at\s+least|no\s+(?:fewer|less)\s+than|not\s+less\s+than|a\s+minimum\s+of|more\s+than|over|upwards\s+of|"
    r"in\s+excess\s+of|fewer\s+than|less\s+than|up\s+to|at\s+most|no\s+more\s+than|not\s+more\s+than|as\s+many\s+as|"
    r"a\s+maximum\s+of|about|around|approximately|roughly|nearly|almost|some|an\s+estimated|close\s+to|"
    r"another|a\s+further|an\s+additional|a\s+total\s+of)"
)
#: A count phrase inside running text (the longest alternatives first).
COUNT_PHRASE = re.compile(
    r"(?<![\w:./-])(?:"
    r"(?:an?\s+)?(?:unknown|unspecified|undetermined|unconfirmed|undisclosed|indeterminate)\s+number(?:\s+of)?"
    rf"|between\s+{_N}\s+(?:and|to)\s+{_N}"
    rf"|{_N}\s*(?:-|–|\bto\b)\s*{_N}(?![\w-])"
    rf"|{_N}\s+or\s+(?:{_N}|more|so)(?![\w-])"
    rf"|(?:at\s+least|more\s+than|over)\s+(?:{_VAGUE_RE})(?![\w-])"
    rf"|{_QUALIFIER_PREFIX}\s+{_N}(?![\w-])"
    rf"|(?:{_VAGUE_RE})(?![\w-])"
    rf"|{_N}(?![\w-])"
    r")",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CountMatch:
    """A count phrase found in text: offsets into the searched string and its value."""

    start: int
    end: int
    text: str
    quantity: Quantity


def find_quantities(text: str, *, start: int = 0, end: int | None = None) -> Iterator[CountMatch]:
    """Every count phrase in ``text[start:end]``, left to right, offsets into ``text``.

    Phrases are trimmed of a trailing ``of`` ("dozens of" gives the span "dozens").
    Numbers that are part of a date or a time of day are not counts and are skipped.

    >>> [(m.text, m.quantity.qualifier.value) for m in find_quantities("at least 12 people and dozens of cars")]
    [('at least 12', 'at_least'), ('dozens', 'vague')]
    """
    stop = len(text) if end is None else end
    for m in COUNT_PHRASE.finditer(text, start, stop):
        phrase = m.group(0)
        s, e = m.start(), m.end()
        trimmed = re.sub(r"\s+of$", "", phrase, flags=re.I)
        e = s + len(trimmed)
        if re.fullmatch(r"an?|some|one", trimmed, re.I):
            # "a", "an", "some" and "one" alone are too ambiguous here; callers that know a
            # singular noun follows handle them.
            continue
        if _looks_like_date_or_time(text, s, e):
            continue
        quantity = parse_quantity(trimmed)
        if quantity is None:
            continue
        yield CountMatch(s, e, text[s:e], quantity)


_MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
           r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")


def _looks_like_date_or_time(text: str, start: int, end: int) -> bool:
    after = text[end:end + 12]
    before = text[max(0, start - 12):start]
    if re.match(rf"\s*{_MONTHS}\b", after, re.I) or re.search(rf"{_MONTHS}\s*$", before, re.I):
        return True
    if re.match(r"(?::\d\d|\s*(?:a\.?m\.?|p\.?m\.?|hours?\b|hrs\b|GMT|UTC|local time))", after, re.I):
        return True
    phrase = text[start:end]
    return bool(re.fullmatch(r"(?:19|20)\d\d", phrase))
