"""Counts of the phenomena a gold corpus covers (what ``eventgold corpus stats`` prints).

Each statistic is a row of :data:`STATISTICS`: a name, a description and a function
from one document to a number, so per-split and whole-corpus counts are sums.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from eventgold.schema import CountQualifier, Document, Modality, Role

_NUMBER = re.compile(
    r"\b(\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|thousands?)\b",
    re.IGNORECASE)
_BOUNDED = {CountQualifier.AT_LEAST, CountQualifier.AT_MOST, CountQualifier.APPROXIMATELY, CountQualifier.RANGE,
            CountQualifier.VAGUE, CountQualifier.UNSPECIFIED}


def _non_casualty_numbers(doc: Document) -> int:
    covered = [(m.start, m.end) for c in doc.casualties for m in c.mentions if m.start is not None and m.end is not None]
    for match in _NUMBER.finditer(doc.text):
        if not any(s <= match.start() < e for s, e in covered):
            return 1
    return 0


def _special_characters(doc: Document) -> int:
    text = doc.text
    if "\r\n" in text:
        return 1
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Lo" or (category == "So" and ord(ch) > 0x2000):
            return 1
    return 0


@dataclass(frozen=True)
class Statistic:
    name: str
    description: str
    count: Callable[[Document], int]
    minimum: int | None = None


STATISTICS: list[Statistic] = [
    Statistic("documents", "reports", lambda d: 1, 60),
    Statistic("words", "whitespace-separated words", lambda d: len(d.text.split())),
    Statistic("events", "events of any modality", lambda d: len(d.events), 200),
    Statistic("negated_events", "events with modality negated",
              lambda d: sum(e.modality is Modality.NEGATED for e in d.events), 15),
    Statistic("hypothetical_events", "events with modality hypothetical (forecasts, plans, threats)",
              lambda d: sum(e.modality is Modality.HYPOTHETICAL for e in d.events), 20),
    Statistic("generic_events", "events with modality generic (habitual patterns)",
              lambda d: sum(e.modality is Modality.GENERIC for e in d.events), 10),
    Statistic("casualty_statements", "casualty statements", lambda d: len(d.casualties)),
    Statistic("vague_or_bounded_counts", "casualty statements whose count is not exact",
              lambda d: sum(c.count.qualifier in _BOUNDED for c in d.casualties), 40),
    Statistic("totals_with_breakdowns", "casualty totals that have at least one breakdown",
              lambda d: len({c.part_of for c in d.casualties if c.part_of is not None}), 10),
    Statistic("coreferent_events", "events with two or more trigger mentions",
              lambda d: sum(len(e.triggers) >= 2 for e in d.events), 60),
    Statistic("actors_with_aliases", "actors with at least one alias (spelling variant or other name)",
              lambda d: sum(bool(a.aliases) for a in d.actors), 20),
    Statistic("actors", "actor entities", lambda d: len(d.actors)),
    Statistic("locations", "location entities", lambda d: len(d.locations)),
    Statistic("relative_dates", "time entities resolved against the publication date",
              lambda d: sum(t.relative for t in d.times), 60),
    Statistic("multi_location_events", "events with two or more place arguments",
              lambda d: sum(sum(a.role is Role.PLACE for a in e.arguments) >= 2 for e in d.events), 10),
    Statistic("documents_with_3_events", "documents with three or more events", lambda d: int(len(d.events) >= 3), 25),
    Statistic("event_links", "event-to-event links", lambda d: len(d.links), 10),
    Statistic("documents_with_non_casualty_numbers", "documents with a number outside every casualty span",
              _non_casualty_numbers, 20),
    Statistic("documents_with_special_characters", "documents with emoji, non-Latin script or CRLF line ends",
              _special_characters, 3),
]


def corpus_stats(docs: Iterable[Document]) -> dict[str, int]:
    """Sum every statistic over the documents."""
    totals = {s.name: 0 for s in STATISTICS}
    for doc in docs:
        for stat in STATISTICS:
            totals[stat.name] += stat.count(doc)
    return totals


def unmet_minimums(totals: dict[str, int]) -> list[str]:
    """Names of the coverage minimums that ``totals`` does not reach."""
    return [s.name for s in STATISTICS if s.minimum is not None and totals[s.name] < s.minimum]
