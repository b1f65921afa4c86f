"""Normalized names: how the scorer decides that two strings name the same thing.

Used for canonical identity of actors and locations, for argument fillers
(any coreferent mention, the canonical name or an alias counts) and for
trigger words. Comparison is on strings only, never on offsets, so a span-free
prediction and its span-grounded twin are judged alike.

>>> normalize("The  Kata'ib Hizballah")
'kataib hizballah'
>>> normalize("Policía Nacional")
'policia nacional'
>>> sorted(content_words("the air strikes on Gao"))
['air', 'gao', 'strike']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import TypeAlias

from eventgold.schema import Actor, Location, Mention, Weapon

_APOSTROPHES = re.compile(r"['\u2019\u2018`\u02bc\u02bb]")
_NON_WORD = re.compile(r"[\W_]+")
_ARTICLES = frozenset({"the", "a", "an"})
STOPWORDS = frozenset({
    "the", "a", "an", "of", "on", "in", "at", "to", "for", "by", "with", "and", "or", "from", "its", "their", "his",
    "her", "this", "that", "these", "those", "was", "were", "is", "are", "be", "been", "has", "have", "had",
})

Entity: TypeAlias = Actor | Location | Weapon


@lru_cache(maxsize=1 << 16)
def normalize(text: str) -> str:
    """Case-folded, accents removed, apostrophes dropped, other punctuation a space, leading article removed."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    words = _NON_WORD.sub(" ", _APOSTROPHES.sub("", plain)).split()
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)


def content_words(text: str) -> frozenset[str]:
    """Normalized words without stop words; a trailing plural ``s`` is removed from words longer than three letters."""
    out = set()
    for word in normalize(text).split():
        if word in STOPWORDS:
            continue
        out.add(word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word)
    return frozenset(out)


def _norm_set(texts: Iterable[str]) -> frozenset[str]:
    return frozenset(n for n in (normalize(t) for t in texts) if n)


def canonical_names(entity: Entity) -> frozenset[str]:
    """The entity's name and aliases, normalized: what canonical identity compares."""
    aliases = entity.aliases if isinstance(entity, Actor | Location) else []
    return _norm_set([entity.name, *aliases])


def surface_forms(entity: Entity) -> frozenset[str]:
    """Name, aliases and the text of every mention, normalized: what argument fillers compare."""
    return canonical_names(entity) | _norm_set(m.text for m in entity.mentions)


def mention_words(mentions: Iterable[Mention]) -> frozenset[str]:
    """Content words of several mentions together (an event's triggers)."""
    out: set[str] = set()
    for m in mentions:
        out |= content_words(m.text)
    return frozenset(out)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """``|a ∩ b| / |a ∪ b|``; 0 when both are empty."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0
