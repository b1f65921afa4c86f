"""Time expressions as the baseline reads them, resolved against the publication date.

The rules follow the annotation guidelines (section 4): a day and month without a year take
the publication year, or the year before when that would put a past event after the
publication date; ``on Tuesday`` is the most recent Tuesday before the publication date (the
next one for future events); ``last week`` is the previous Monday-Sunday week; ``earlier this
month`` runs from the first of the month to the publication date.

>>> import datetime as dt
>>> [(m.text, str(m.value.start), str(m.value.end), m.value.precision.value, m.relative)
...  for m in find_dates("Shelling on 13 March hit the town.", dt.date(2023, 3, 14))]
[('13 March', '2023-03-13', '2023-03-13', 'day', True)]
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from eventgold.schema import DateInterval, DatePrecision

_MONTH_NAMES = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}

# Month names are matched with a capital letter only, so the verb "may" and the word "march" never match.
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
          r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DASH = r"\s*(?:-|–|—|to|and|until|through)\s*"
#: Time windows a vague past reference may point to, in days: the guidelines' "after the publication
#: date in the same year means the previous year for past events" applies beyond this many days.
FUTURE_WINDOW_DAYS = 45


@dataclass(frozen=True)
class DateMatch:
    """A time expression found in text: offsets, its normalized interval and whether it is relative."""

    start: int
    end: int
    text: str
    value: DateInterval
    relative: bool


def _month(name: str) -> int:
    return _MONTH_NAMES[name.lower().rstrip(".")]


def _day(token: str) -> int:
    return int(re.sub(r"\D", "", token))


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _pick_year(month: int, day: int, published: dt.date, future: bool) -> int:
    """The year of a day-month written without one.

    Past reading (default): the latest such date on or before the publication date, unless the
    date falls within :data:`FUTURE_WINDOW_DAYS` after it (then it is read as an upcoming date).
    Future reading: the first such date on or after the publication date.
    """
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        d = _safe_date(year, month, min(day, _last_day(year, month)))
        if d is not None:
            candidates.append(d)
    if future:
        # a forward-looking sentence may still name a date of the last few weeks
        upcoming = [d for d in candidates if (published - d).days <= 30]
        return upcoming[0].year if upcoming else published.year
    soon = [d for d in candidates if 0 < (d - published).days <= FUTURE_WINDOW_DAYS]
    if soon:
        return soon[0].year
    past = [d for d in candidates if d <= published]
    return past[-1].year if past else published.year


def _pick_month_year(month: int, published: dt.date, future: bool) -> int:
    if future:
        return published.year if month >= published.month else published.year + 1
    return published.year if month <= published.month else published.year - 1


def _month_interval(year: int, month: int, published: dt.date, future: bool) -> DateInterval:
    start = dt.date(year, month, 1)
    end = dt.date(year, month, _last_day(year, month))
    if not future and start <= published <= end:
        end = published
    return DateInterval(start=start, end=end, precision=DatePrecision.MONTH)


def _day_interval(a: dt.date, b: dt.date | None = None) -> DateInterval:
    b = a if b is None else b
    if b < a:
        a, b = b, a
    return DateInterval(start=a, end=b, precision=DatePrecision.DAY)


def _weekday(name: str, published: dt.date, future: bool, *, this_week: bool = False,
             inclusive: bool = True) -> dt.date:
    """The weekday ``name`` nearest the publication date: the latest one on or before it (``inclusive``: a
    report published on a Tuesday means that day by "on Tuesday"), or the next one after it for future events."""
    target = _WEEKDAYS[name.lower()]
    if this_week:
        return published - dt.timedelta(days=published.weekday()) + dt.timedelta(days=target)
    if future:
        delta = (target - published.weekday()) % 7 or 7
        return published + dt.timedelta(days=delta)
    delta = (published.weekday() - target) % 7
    if delta == 0 and not inclusive:
        delta = 7
    return published - dt.timedelta(days=delta)


def _week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


_RULES: list[tuple[str, re.Pattern[str]]] = [(name, re.compile(pattern)) for name, pattern in [
    ("iso", rf"\b(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)\b"),
    # 3-4 May 2023, 15-19 March, between 15 and 19 March
    ("day_range", rf"\b(?P<d1>{_DAY}){_DASH}(?P<d2>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?\b"),
    # 28 February to 2 March 2023
    ("cross_range", rf"\b(?P<d1>{_DAY})\s+(?P<m1>{_MONTH}){_DASH}(?P<d2>{_DAY})\s+(?P<m2>{_MONTH})"
                    rf"(?:,?\s+(?P<y>{_YEAR}))?\b"),
    # March 15-19, 2023
    ("us_range", rf"\b(?P<m>{_MONTH})\s+(?P<d1>{_DAY}){_DASH}(?P<d2>{_DAY})\b(?:,?\s+(?P<y>{_YEAR}))?"),
    # Sunday, 14 July (2024): one expression, dated by the day and month
    ("day_month", rf"\b{_WEEKDAY},?\s+(?:the\s+)?(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?\b"),
    # early/mid/late last month, late this year
    ("part_rel", r"\b(?P<part>[Ee]arly|[Mm]id|[Ll]ate)[\s-]+(?P<rel>last|this|next)\s+(?P<unit>month|year)\b"),
    # 13 March 2023, 13 March, the 13th of March
    ("day_month", rf"\b(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?\b"),
    # March 13, 2023 / March 13
    ("month_day", rf"\b(?P<m>{_MONTH})\s+(?P<d>{_DAY})\b(?:,?\s+(?P<y>{_YEAR})\b)?"),
    # early/mid/late March 2023, March 2023
    ("month_year", rf"(?:\b(?P<part>early|mid|late|the\s+end\s+of|the\s+beginning\s+of)[\s-]+)?\b(?P<m>{_MONTH})"
                   rf",?\s+(?P<y>{_YEAR})\b"),
    # in March, since December, early March (a month name alone needs a cue word before it)
    ("month", rf"(?:\b(?:in|In|since|Since|during|During|until|Until|by|By|through|Through|of|from|From)\s+)?"
              rf"(?P<span>(?:\b(?P<part>early|mid|late|the\s+end\s+of|the\s+beginning\s+of)[\s-]+)?"
              rf"(?P<m>{_MONTH}))\b(?!\s+\d)"),
    # late 2022, in 2019
    ("year", rf"(?:\b(?:in|In|since|Since|during|During|until|Until|of|throughout|Throughout)\s+)?"
             rf"(?P<span>(?:\b(?P<part>early|mid|late|the\s+end\s+of|the\s+beginning\s+of)[\s-]+)?"
             rf"(?P<y>{_YEAR}))\b(?![-–]\d)"),
    ("weekday", rf"\b(?:(?P<mod>last|this|next|Last|This|Next)\s+)?(?P<w>{_WEEKDAY})\b"),
    ("yesterday", r"\b(?:[Yy]esterday|[Ll]ast\s+night)(?:\s+(?:morning|afternoon|evening))?\b"),
    ("today", r"\b(?:(?:earlier|later)\s+)?(?:[Tt]oday|[Tt]onight|[Tt]his\s+(?:morning|afternoon|evening))\b"),
    ("tomorrow", r"\b[Tt]omorrow\b"),
    ("ago", r"\b(?P<n>\w+|\d+)\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b"),
    ("weekend", r"\b(?:(?P<mod>last|this|next|the\s+past|the\s+coming)\s+)?weekend\b"),
    ("rel_period", r"\b(?P<rel>[Ll]ast|[Tt]his|[Nn]ext|[Ee]arlier\s+this|[Ll]ater\s+this|[Tt]he\s+past|[Tt]he\s+previous|"
                   r"[Tt]he\s+coming|[Tt]he\s+following)\s+(?P<unit>week|month|year)\b"),
    ("past_days", r"\b(?:the\s+)?(?:past|last|previous)\s+(?P<n>\w+|\d+)\s+(?P<unit>days|weeks|months)\b"),
]]

_SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "a": 1, "an": 1, "several": 3, "few": 3}


def _count(token: str) -> int | None:
    token = token.lower()
    if token.isdigit():
        return int(token)
    return _SMALL.get(token)


def _part_of_month(part: str | None, year: int, month: int) -> tuple[dt.date, dt.date] | None:
    if not part:
        return None
    part = re.sub(r"\s+", " ", part.lower())
    last = _last_day(year, month)
    if part in ("early", "the beginning of"):
        return dt.date(year, month, 1), dt.date(year, month, 15)
    if part == "mid":
        return dt.date(year, month, 11), dt.date(year, month, 20)
    return dt.date(year, month, 16), dt.date(year, month, last)


def _resolve(rule: str, m: re.Match[str], published: dt.date, future: bool,
             anchor: dt.date) -> tuple[DateInterval, bool] | None:
    g = m.groupdict()
    if rule == "iso":
        d = _safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
        return (_day_interval(d), False) if d else None
    if rule in ("day_range", "us_range"):
        month = _month(g["m"])
        d1, d2 = _day(g["d1"]), _day(g["d2"])
        if d2 <= d1:
            return None
        year = int(g["y"]) if g.get("y") else _pick_year(month, d1, published, future)
        a, b = _safe_date(year, month, d1), _safe_date(year, month, d2)
        return (_day_interval(a, b), not g.get("y")) if a and b else None
    if rule == "cross_range":
        m1, m2 = _month(g["m1"]), _month(g["m2"])
        d1, d2 = _day(g["d1"]), _day(g["d2"])
        year2 = int(g["y"]) if g.get("y") else _pick_year(m2, d2, published, future)
        year1 = year2 if m1 <= m2 else year2 - 1
        a, b = _safe_date(year1, m1, d1), _safe_date(year2, m2, d2)
        return (_day_interval(a, b), not g.get("y")) if a and b and a < b else None
    if rule in ("day_month", "month_day"):
        month, day = _month(g["m"]), _day(g["d"])
        year = int(g["y"]) if g.get("y") else _pick_year(month, day, published, future)
        d = _safe_date(year, month, day)
        return (_day_interval(d), not g.get("y")) if d else None
    if rule in ("month_year", "month"):
        month = _month(g["m"])
        year = int(g["y"]) if g.get("y") else _pick_month_year(month, published, future)
        part = _part_of_month(g.get("part"), year, month)
        if part is not None:
            return DateInterval(start=part[0], end=part[1], precision=DatePrecision.MONTH), not g.get("y")
        return _month_interval(year, month, published, future), not g.get("y")
    if rule == "year":
        year = int(g["y"])
        year_part = re.sub(r"\s+", " ", (g.get("part") or "").lower())
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        if year_part in ("early", "the beginning of"):
            end = dt.date(year, 6, 30)
        elif year_part == "mid":
            start, end = dt.date(year, 4, 1), dt.date(year, 9, 30)
        elif year_part:
            start = dt.date(year, 7, 1)
        return DateInterval(start=start, end=end, precision=DatePrecision.YEAR), False
    if rule == "part_rel":
        step = {"last": -1, "this": 0, "next": 1}[g["rel"]]
        if g["unit"] == "month":
            y, mo = divmod(published.year * 12 + published.month - 1 + step, 12)
            span = _part_of_month(g["part"].lower(), y, mo + 1)
            if span is None:
                return None
            return DateInterval(start=span[0], end=span[1], precision=DatePrecision.MONTH), True
        year = published.year + step
        half = g["part"].lower()
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        if half == "early":
            end = dt.date(year, 6, 30)
        elif half == "mid":
            start, end = dt.date(year, 4, 1), dt.date(year, 9, 30)
        else:
            start = dt.date(year, 7, 1)
        return DateInterval(start=start, end=end, precision=DatePrecision.YEAR), True
    if rule == "weekday":
        mod = (g.get("mod") or "").lower()
        if mod == "next":
            d = _weekday(g["w"], published, True)
        elif mod == "this":
            d = _weekday(g["w"], published, future, this_week=True)
        else:
            d = _weekday(g["w"], published, future and mod != "last", inclusive=mod != "last")
        return _day_interval(d), True
    if rule == "yesterday":
        return _day_interval(published - dt.timedelta(days=1)), True
    if rule == "today":
        return _day_interval(published), True
    if rule == "tomorrow":
        return _day_interval(published + dt.timedelta(days=1)), True
    if rule == "ago":
        n = _count(g["n"])
        if n is None:
            return None
        unit = g["unit"].rstrip("s")
        if unit == "day":
            return _day_interval(published - dt.timedelta(days=n)), True
        if unit == "week":
            a, b = _week_of(published - dt.timedelta(days=7 * n))
            return DateInterval(start=a, end=b, precision=DatePrecision.WEEK), True
        if unit == "month":
            y, mo = divmod(published.year * 12 + published.month - 1 - n, 12)
            return _month_interval(y, mo + 1, published, False), True
        return DateInterval(start=dt.date(published.year - n, 1, 1), end=dt.date(published.year - n, 12, 31),
                            precision=DatePrecision.YEAR), True
    if rule == "weekend":
        mod = (g.get("mod") or "").lower()
        sat = _weekday("saturday", published, mod in ("next", "the coming") or (future and not mod))
        return _day_interval(sat, sat + dt.timedelta(days=1)), True
    if rule == "rel_period":
        rel = re.sub(r"\s+", " ", g["rel"].lower())
        unit = g["unit"]
        if rel in ("the following", "the previous"):
            base = anchor
            step = 1 if rel == "the following" else -1
        else:
            base = published
            step = {"last": -1, "the past": -1, "next": 1, "the coming": 1}.get(rel, 0)
        if unit == "week":
            if rel == "the past":
                return DateInterval(start=published - dt.timedelta(days=7), end=published,
                                    precision=DatePrecision.WEEK), True
            a, b = _week_of(base + dt.timedelta(days=7 * step))
            if rel == "earlier this" or (rel == "this" and not future):
                b = published
            elif rel == "later this":
                a = published
            return DateInterval(start=a, end=max(a, b), precision=DatePrecision.WEEK), True
        if unit == "month":
            if rel == "the past":
                return DateInterval(start=published - dt.timedelta(days=30), end=published,
                                    precision=DatePrecision.MONTH), True
            y, mo = divmod(base.year * 12 + base.month - 1 + step, 12)
            mo += 1
            start, end = dt.date(y, mo, 1), dt.date(y, mo, _last_day(y, mo))
            if rel in ("earlier this", "this") and not future:
                end = published
            elif rel == "later this":
                start = published
            return DateInterval(start=start, end=end, precision=DatePrecision.MONTH), True
        year = base.year + step
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        if rel in ("earlier this", "this") and not future:
            end = published
        elif rel == "later this":
            start = published
        if rel == "the past":
            start = published - dt.timedelta(days=365)
            end = published
        return DateInterval(start=start, end=end, precision=DatePrecision.YEAR), True
    if rule == "past_days":
        n = _count(g["n"])
        if n is None:
            return None
        days = {"days": 1, "weeks": 7, "months": 30}[g["unit"]] * n
        precision = {"days": DatePrecision.DAY, "weeks": DatePrecision.WEEK, "months": DatePrecision.MONTH}[g["unit"]]
        return DateInterval(start=published - dt.timedelta(days=days), end=published, precision=precision), True
    return None


_ANCHORED = re.compile(
    r"\b(?:the\s+(?:previous|following|next)\s+(?:day|morning|evening|night|afternoon)|the\s+day\s+before|"
    r"the\s+day\s+after|a\s+day\s+(?:earlier|later))\b",
    re.IGNORECASE)


def find_dates(text: str, published: dt.date, *, future: bool = False, start: int = 0, end: int | None = None,
               anchor: dt.date | None = None) -> Iterator[DateMatch]:
    """Every time expression in ``text[start:end]``, left to right, non-overlapping (longest rule first).

    ``future`` reads ambiguous expressions as upcoming (a forecast or a planned measure).
    ``anchor`` is the date that "the previous day"/"the following day" count from (default: the
    last day-precision date found before, else the publication date).
    """
    stop = len(text) if end is None else end
    found: list[tuple[int, int, str, re.Match[str]]] = []
    for rule, pattern in _RULES:
        for m in pattern.finditer(text, start, stop):
            if rule in ("month", "year"):
                # A month or year alone is a date only after a cue word or with early/mid/late.
                if m.group("part") is None and m.start("span") == m.start():
                    continue
                found.append((m.start("span"), m.end("span"), rule, m))
            else:
                found.append((m.start(), m.end(), rule, m))
    for m in _ANCHORED.finditer(text, start, stop):
        found.append((m.start(), m.end(), "anchored", m))
    found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
    last_end = -1
    current_anchor = anchor or published
    for s, e, rule, m in found:
        if s < last_end:
            continue
        if rule == "anchored":
            phrase = m.group(0).lower()
            step = -1 if ("previous" in phrase or "before" in phrase or "earlier" in phrase) else 1
            value = _day_interval(current_anchor + dt.timedelta(days=step))
            relative = True
        else:
            resolved = _resolve(rule, m, published, future, current_anchor)
            if resolved is None:
                continue
            value, relative = resolved
        text_span = text[s:e]
        last_end = e
        if value.precision is DatePrecision.DAY and value.start == value.end:
            current_anchor = value.start
        yield DateMatch(s, e, text_span, value, relative)


def resolve_date(expression: str, published: dt.date, *, future: bool = False) -> DateInterval | None:
    """The interval of one whole time expression, or None when it is not one.

    >>> resolve_date("last week", dt.date(2024, 3, 14)).model_dump(mode="json")
    {'start': '2024-03-04', 'end': '2024-03-10', 'precision': 'week'}
    """
    text = expression.strip()
    for match in find_dates(text, published, future=future):
        lead = text[:match.start]
        if match.end == len(text) and (not lead or re.fullmatch(r"(?:on|in|from|since|during)\s+", lead, re.I)):
            return match.value
    # Accept the expression with a leading preposition ("on Tuesday", "from 15-19 March").
    stripped = re.sub(r"^(?:on|in|from|since|during)\s+", "", text, flags=re.I)
    if stripped != text:
        return resolve_date(stripped, published, future=future)
    return None
