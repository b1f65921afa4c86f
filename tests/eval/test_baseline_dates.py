"""Date resolution against the publication date: a table of expressions with their exact intervals."""

from __future__ import annotations

import datetime as dt

import pytest

from eventgold.eval.baseline_dates import find_dates, resolve_date
from eventgold.schema import DateInterval, DatePrecision

PUB = dt.date(2023, 3, 14)  # a Tuesday
D = dt.date


def iv(start: dt.date, end: dt.date, precision: str) -> DateInterval:
    return DateInterval(start=start, end=end, precision=DatePrecision(precision))


CASES: list[tuple[str, dt.date, bool, DateInterval | None]] = [
    # absolute and day-month
    ("13 March", PUB, False, iv(D(2023, 3, 13), D(2023, 3, 13), "day")),
    ("13 March 2023", PUB, False, iv(D(2023, 3, 13), D(2023, 3, 13), "day")),
    ("March 13, 2021", PUB, False, iv(D(2021, 3, 13), D(2021, 3, 13), "day")),
    ("the 2nd of March", PUB, False, None),
    ("2 March", PUB, False, iv(D(2023, 3, 2), D(2023, 3, 2), "day")),
    ("2023-01-05", PUB, False, iv(D(2023, 1, 5), D(2023, 1, 5), "day")),
    # a past day-month later in the year than publication is last year's
    ("28 December", PUB, False, iv(D(2022, 12, 28), D(2022, 12, 28), "day")),
    ("10 June", PUB, False, iv(D(2022, 6, 10), D(2022, 6, 10), "day")),
    ("10 June", PUB, True, iv(D(2023, 6, 10), D(2023, 6, 10), "day")),
    ("3 January", D(2023, 12, 28), False, iv(D(2024, 1, 3), D(2024, 1, 3), "day")),
    # ranges
    ("from 15-19 March", PUB, False, iv(D(2023, 3, 15), D(2023, 3, 19), "day")),
    ("15-19 March", PUB, False, iv(D(2023, 3, 15), D(2023, 3, 19), "day")),
    ("3-4 May 2023", PUB, False, iv(D(2023, 5, 3), D(2023, 5, 4), "day")),
    ("28 February to 2 March", PUB, False, iv(D(2023, 2, 28), D(2023, 3, 2), "day")),
    ("March 15-19", PUB, False, iv(D(2023, 3, 15), D(2023, 3, 19), "day")),
    # weekdays
    ("on Tuesday", PUB, False, iv(D(2023, 3, 14), D(2023, 3, 14), "day")),  # published on a Tuesday: that day
    ("last Tuesday", PUB, False, iv(D(2023, 3, 7), D(2023, 3, 7), "day")),
    ("on Monday", PUB, False, iv(D(2023, 3, 13), D(2023, 3, 13), "day")),
    ("Friday", PUB, True, iv(D(2023, 3, 17), D(2023, 3, 17), "day")),
    ("last Thursday", PUB, False, iv(D(2023, 3, 9), D(2023, 3, 9), "day")),
    ("Sunday", PUB, False, iv(D(2023, 3, 12), D(2023, 3, 12), "day")),
    ("Sunday, 12 March", PUB, False, iv(D(2023, 3, 12), D(2023, 3, 12), "day")),
    ("Sunday night", PUB, False, None),  # the date is "Sunday"; the part of the day is left out of the span
    # relative days, weeks, months, years
    ("yesterday", PUB, False, iv(D(2023, 3, 13), D(2023, 3, 13), "day")),
    ("overnight", PUB, False, None),  # alone it dates nothing the corpus annotates
    ("three days ago", PUB, False, iv(D(2023, 3, 11), D(2023, 3, 11), "day")),
    ("last week", PUB, False, iv(D(2023, 3, 6), D(2023, 3, 12), "week")),
    ("earlier this week", PUB, False, iv(D(2023, 3, 13), D(2023, 3, 14), "week")),
    ("next week", PUB, False, iv(D(2023, 3, 20), D(2023, 3, 26), "week")),
    ("earlier this month", PUB, False, iv(D(2023, 3, 1), D(2023, 3, 14), "month")),
    ("last month", PUB, False, iv(D(2023, 2, 1), D(2023, 2, 28), "month")),
    ("last year", PUB, False, iv(D(2022, 1, 1), D(2022, 12, 31), "year")),
    # months and years
    ("in December 2019", PUB, False, iv(D(2019, 12, 1), D(2019, 12, 31), "month")),
    ("in December", PUB, False, iv(D(2022, 12, 1), D(2022, 12, 31), "month")),
    ("in March", PUB, False, iv(D(2023, 3, 1), D(2023, 3, 14), "month")),
    ("late July", PUB, False, iv(D(2022, 7, 16), D(2022, 7, 31), "month")),
    ("early April", PUB, True, iv(D(2023, 4, 1), D(2023, 4, 15), "month")),
    ("late last month", PUB, False, iv(D(2023, 2, 16), D(2023, 2, 28), "month")),
    ("1 August", D(2023, 8, 3), True, iv(D(2023, 8, 1), D(2023, 8, 1), "day")),
    ("in 2019", PUB, False, iv(D(2019, 1, 1), D(2019, 12, 31), "year")),
    ("late 2022", PUB, False, iv(D(2022, 7, 1), D(2022, 12, 31), "year")),
    # not dates
    ("may", PUB, False, None),
    ("march", PUB, False, None),
    ("2019", PUB, False, None),
]


@pytest.mark.parametrize(("expression", "published", "future", "expected"), CASES,
                         ids=[f"{c[0]}-{'future' if c[2] else 'past'}" for c in CASES])
def test_resolve_date(expression: str, published: dt.date, future: bool, expected: DateInterval | None) -> None:
    assert resolve_date(expression, published, future=future) == expected


def test_find_dates_spans_relative_flags_and_anchor() -> None:
    text = ("Rockets hit the camp on 11 March, a week after strikes in December 2019. "
            "The next day, police set up a cordon. Services are suspended from 15-19 March.")
    found = [(m.text, text[m.start:m.end], m.value.start, m.value.end, m.relative) for m in find_dates(text, PUB)]
    assert found == [
        ("11 March", "11 March", D(2023, 3, 11), D(2023, 3, 11), True),
        ("December 2019", "December 2019", D(2019, 12, 1), D(2019, 12, 31), False),
        ("The next day", "The next day", D(2023, 3, 12), D(2023, 3, 12), True),
        ("15-19 March", "15-19 March", D(2023, 3, 15), D(2023, 3, 19), True),
    ]


def test_may_the_verb_is_not_a_month() -> None:
    text = "Militants may attack convoys in May."
    assert [(m.text, m.value.start) for m in find_dates(text, PUB)] == [("May", D(2022, 5, 1))]
