"""Shared word n-grams between documents: a measure of templated writing.

A corpus whose genres collapse into templates repeats long word sequences across documents.
:func:`shared_ngram_share` is the share of distinct word 8-grams that occur in more than one
document (case-folded, punctuation stripped); the bundled corpus is held under 0.5% by a test.

>>> from eventgold.schema import Document
>>> a = Document(id="a", published="2024-01-01", text="one two three four five six seven eight nine")
>>> b = Document(id="b", published="2024-01-01", text="zero one two three four five six seven eight")
>>> shared_ngram_share([a, b], n=8)
0.3333333333333333
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from eventgold.schema import Document

_WORD = re.compile(r"\w+(?:['’-]\w+)*")


def ngrams(text: str, n: int = 8) -> set[tuple[str, ...]]:
    """The distinct word ``n``-grams of a text, case-folded."""
    words = [w.casefold() for w in _WORD.findall(text)]
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def shared_ngrams(docs: Iterable[Document], n: int = 8) -> dict[tuple[str, ...], list[str]]:
    """Every ``n``-gram found in two or more documents, with the ids of those documents."""
    seen: dict[tuple[str, ...], list[str]] = {}
    for doc in docs:
        for gram in ngrams(doc.text, n):
            seen.setdefault(gram, []).append(doc.id)
    return {g: ids for g, ids in seen.items() if len(ids) > 1}


def shared_ngram_share(docs: Iterable[Document], n: int = 8) -> float:
    """Share of distinct ``n``-grams that occur in more than one document (0.0 for no n-grams)."""
    counts: Counter[tuple[str, ...]] = Counter()
    for doc in docs:
        counts.update(ngrams(doc.text, n))
    return 0.0 if not counts else sum(c > 1 for c in counts.values()) / len(counts)
