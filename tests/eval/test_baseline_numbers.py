"""Counts as the baseline reads them: a table of phrases with their exact Quantity."""

from __future__ import annotations

import pytest

from eventgold.eval.baseline_numbers import find_quantities, parse_number, parse_quantity
from eventgold.schema import CountQualifier, Quantity

Q = CountQualifier


def exact(n: int) -> Quantity:
    return Quantity(qualifier=Q.EXACT, low=n, best=n, high=n)


PHRASES: list[tuple[str, Quantity | None]] = [
    ("three", exact(3)),
    ("3", exact(3)),
    ("twenty-three", exact(23)),
    ("twenty three", exact(23)),
    ("one hundred and five", exact(105)),
    ("1,200", exact(1200)),
    ("two thousand", exact(2000)),
    ("another 14", exact(14)),
    ("a total of 9", exact(9)),
    ("at least three", Quantity(qualifier=Q.AT_LEAST, low=3)),
    ("at least 18", Quantity(qualifier=Q.AT_LEAST, low=18)),
    ("no fewer than ten", Quantity(qualifier=Q.AT_LEAST, low=10)),
    ("more than six", Quantity(qualifier=Q.AT_LEAST, low=7)),
    ("over 100", Quantity(qualifier=Q.AT_LEAST, low=101)),
    ("seven or more", Quantity(qualifier=Q.AT_LEAST, low=7)),
    ("at least a dozen", Quantity(qualifier=Q.AT_LEAST, low=12)),
    ("more than a dozen", Quantity(qualifier=Q.AT_LEAST, low=13)),
    ("up to five", Quantity(qualifier=Q.AT_MOST, high=5)),
    ("as many as 50", Quantity(qualifier=Q.AT_MOST, high=50)),
    ("fewer than ten", Quantity(qualifier=Q.AT_MOST, high=9)),
    ("about 20", Quantity(qualifier=Q.APPROXIMATELY, best=20)),
    ("nearly 30", Quantity(qualifier=Q.APPROXIMATELY, best=30)),
    ("some 40", Quantity(qualifier=Q.APPROXIMATELY, best=40)),
    ("an estimated 200", Quantity(qualifier=Q.APPROXIMATELY, best=200)),
    ("two dozen", Quantity(qualifier=Q.APPROXIMATELY, best=24)),
    ("between five and eight", Quantity(qualifier=Q.RANGE, low=5, high=8)),
    ("10-12", Quantity(qualifier=Q.RANGE, low=10, high=12)),
    ("five to seven", Quantity(qualifier=Q.RANGE, low=5, high=7)),
    ("two or three", Quantity(qualifier=Q.RANGE, low=2, high=3)),
    ("dozens", Quantity(qualifier=Q.VAGUE, low=12)),
    ("dozens of", Quantity(qualifier=Q.VAGUE, low=12)),
    ("a dozen", Quantity(qualifier=Q.VAGUE, low=12, high=12)),
    ("several", Quantity(qualifier=Q.VAGUE, low=3)),
    ("a few", Quantity(qualifier=Q.VAGUE, low=2, high=5)),
    ("a handful of", Quantity(qualifier=Q.VAGUE, low=2, high=5)),
    ("a couple of", Quantity(qualifier=Q.VAGUE, low=2, high=2)),
    ("hundreds", Quantity(qualifier=Q.VAGUE, low=100)),
    ("thousands of", Quantity(qualifier=Q.VAGUE, low=1000)),
    ("an unknown number", Quantity(qualifier=Q.UNSPECIFIED)),
    ("an unspecified number of", Quantity(qualifier=Q.UNSPECIFIED)),
    ("rockets", None),
    ("8-5", None),
    ("no", None),
]


@pytest.mark.parametrize(("phrase", "expected"), PHRASES, ids=[p for p, _ in PHRASES])
def test_parse_quantity(phrase: str, expected: Quantity | None) -> None:
    assert parse_quantity(phrase) == expected


@pytest.mark.parametrize(("words", "value"), [
    ("zero", 0), ("eleven", 11), ("ninety-nine", 99), ("three hundred", 300), ("a hundred", 100),
    ("2,500", 2500), ("four thousand five hundred", 4500), ("banana", None), ("", None),
])
def test_parse_number(words: str, value: int | None) -> None:
    assert parse_number(words) == value


def test_find_quantities_gives_offsets_and_skips_dates_times_and_years() -> None:
    text = ("On 13 March gunmen killed at least 12 people and wounded dozens of others; "
            "a 48 hours curfew followed at 22:00. In 2019 an unknown number of residents fled.")
    found = [(m.start, m.end, m.text, m.quantity) for m in find_quantities(text)]
    assert found == [
        (26, 37, "at least 12", Quantity(qualifier=Q.AT_LEAST, low=12)),
        (57, 63, "dozens", Quantity(qualifier=Q.VAGUE, low=12)),
        (120, 137, "an unknown number", Quantity(qualifier=Q.UNSPECIFIED)),
    ]
    for start, end, covered, _ in found:
        assert text[start:end] == covered
