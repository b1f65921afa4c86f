"""Lint gold documents against the annotation guidelines: every rule a machine can check.

The schema (``eventgold validate``) says whether a document is well-formed; the lint says whether it follows
``docs/guidelines.md``. Each checkable rule is a row of :data:`RULES`: the guideline's rule id (``R..`` from version
1.1, ``G..`` from 2.0), a title, the guideline section, what the check looks for, and a check function from a
document to located hits, each with its message and the fix. Rules a machine cannot check are listed in
:data:`NOT_CHECKED` with the reason, so ``eventgold corpus lint --explain`` answers for every rule id.

The checks read the words around the annotated spans with plain regular expressions. Each was tuned on the bundled
corpus and the authoring drafts to keep false alarms rare: a check that cries wolf is worse than none, so every check
looks only where the guideline's own wording gives a cue, and says in ``looks_for`` what it cannot see.

>>> from eventgold.schema import Document
>>> doc = Document.model_validate({"id": "d1", "published": "2024-03-02", "text": "A drone attack hit Gao.",
...     "events": [{"id": "e1", "type": "air_drone_strike",
...                 "triggers": [{"start": 2, "end": 14, "text": "drone attack"}]}]})
>>> [f"{f.rule} {f.path} {f.text!r}" for f in lint_document(doc)]
["R4 events[0].triggers[0] 'drone attack'"]
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from eventgold.schema import (
    ActorType,
    Argument,
    CasualtyOutcome,
    Certainty,
    CountQualifier,
    DatePrecision,
    Document,
    EventLinkType,
    EventType,
    Location,
    LocationPrecision,
    Mention,
    Modality,
    Role,
    SpatialRelation,
    TimeAnchor,
    UsageError,
    WeaponCategory,
)

from .textspans import Sentences, words_before

#: Where the guidelines live in a source checkout; ``explain`` quotes them when the file is there.
GUIDELINES = Path(__file__).resolve().parents[1] / "docs" / "guidelines.md"


@dataclass(frozen=True)
class Finding:
    """One place where a document departs from a guideline rule."""

    rule: str
    doc_id: str
    path: str
    message: str
    span: tuple[int, int] | None = None
    text: str | None = None
    hint: str = ""
    file: str | None = None
    line: int | None = None

    def located(self, *, file: str | None = None, line: int | None = None) -> Finding:
        """A copy with the source file and line filled in."""
        return replace(self, file=file if file is not None else self.file, line=line if line is not None else self.line)

    def __str__(self) -> str:
        where = []
        if self.file is not None:
            where.append(f"{self.file}:{self.line}" if self.line is not None else self.file)
        where.append(f"document {self.doc_id!r}")
        where.append(self.path)
        if self.span is not None:
            where.append(f"chars {self.span[0]}-{self.span[1]} {self.text!r}")
        text = ": ".join([*where, f"{self.rule} {self.message}"])
        return f"{text}. {self.hint}" if self.hint else text


class Hit(NamedTuple):
    """What a check returns: where (JSON path, optional span) and what is wrong."""

    path: str
    span: tuple[int, int] | None
    message: str
    hint: str = ""


class Context:
    """One document and the lookups the checks share (entities by id, sentences, arguments per entity)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self.actors = {a.id: a for a in doc.actors}
        self.locations = {loc.id: loc for loc in doc.locations}
        self.times = {t.id: t for t in doc.times}
        self.events = {e.id: e for e in doc.events}

    @cached_property
    def sentences(self) -> Sentences:
        return Sentences(self.text)

    @cached_property
    def victim_actors(self) -> set[str]:
        """Actors that are victims: of a casualty statement or in a ``victim`` argument."""
        ids = {c.victim.actor for c in self.doc.casualties if c.victim.actor}
        ids |= {a.entity for e in self.doc.events for a in e.arguments if a.role is Role.VICTIM}
        return ids

    @cached_property
    def location_arguments(self) -> dict[str, list[tuple[int, int, Argument]]]:
        """Location id -> (event index, argument index, argument) of its ``place`` and ``target`` arguments."""
        out: dict[str, list[tuple[int, int, Argument]]] = {}
        for i, ev in enumerate(self.doc.events):
            for j, arg in enumerate(ev.arguments):
                if arg.role in (Role.PLACE, Role.TARGET) and arg.entity in self.locations:
                    out.setdefault(arg.entity, []).append((i, j, arg))
        return out

    @cached_property
    def trigger_owners(self) -> dict[tuple[int | None, int | None], int]:
        """How many events share each trigger span (R3: one word can be a trigger of several events)."""
        out: dict[tuple[int | None, int | None], int] = {}
        for ev in self.doc.events:
            for m in ev.triggers:
                out[(m.start, m.end)] = out.get((m.start, m.end), 0) + 1
        return out

    def has_trigger_in_sentence(self, event_index: int, offset: int) -> bool:
        """True when event ``event_index`` has a trigger in the sentence around ``offset``."""
        lo, hi = self.sentences.around(offset)
        return any(m.start is not None and lo <= m.start < hi for m in self.doc.events[event_index].triggers)


Check = Callable[[Context], Iterable[Hit]]


class Span(NamedTuple):
    """A mention that has offsets (the checks read the text around it)."""

    start: int
    end: int
    text: str


def _spans(mentions: Sequence[Mention]) -> Iterator[tuple[int, Span]]:
    """Mentions with offsets, with their index in the list (span-free mentions cannot be linted)."""
    for j, m in enumerate(mentions):
        if m.start is not None and m.end is not None:
            yield j, Span(m.start, m.end, m.text)


# Word lists shared by several checks.
_NUMBER_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
                 "seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred")
#: A count in figures (not a year) or words.
_NUMBER = (rf"(?:(?!(?:19|20)\d\d\b)\d+(?:[,.]\d+)*|(?:{_NUMBER_WORDS})(?:[ -](?:{_NUMBER_WORDS}))*|"
           r"a dozen|dozens|scores|hundreds|thousands|a hundred|a thousand|a million|millions)")
_QUALIFIER = r"(?:at least|more than|over|up to|about|around|nearly|almost|approximately|roughly|some|as many as|" \
             r"fewer than|less than|at most|an estimated|no fewer than|no less than|upwards of)"
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTH_NAMES = "|".join(name for name in calendar.month_name if name)
_VIOLENT_TYPES = frozenset({
    EventType.AIR_DRONE_STRIKE, EventType.SHELLING_MISSILE_ATTACK, EventType.REMOTE_EXPLOSIVE, EventType.SUICIDE_BOMB,
    EventType.ARMED_CLASH, EventType.ATTACK, EventType.ABDUCTION, EventType.MOB_VIOLENCE, EventType.GRENADE,
    EventType.CHEMICAL_WEAPON, EventType.SEXUAL_VIOLENCE, EventType.LOOTING_PROPERTY_DESTRUCTION,
    EventType.EXCESSIVE_FORCE_AGAINST_PROTESTERS,
})
_STATE_FORCES = frozenset({ActorType.POLICE, ActorType.STATE_MILITARY, ActorType.OTHER_STATE_FORCES,
                           ActorType.GOVERNMENT})


# --- 1. Spans ---------------------------------------------------------------------------------------------------

_LEVELS = ("province|oblast|district|region|governorate|state|county|sub-county|municipality|prefecture|raion|rayon|"
           "division|department|sub-district|subdistrict|zone|regency|commune|cercle|tehsil|woreda|territory")
_LEVEL_AFTER = re.compile(rf"^(?P<name>(?:[A-Z]|[a-z]{{1,3}}-[A-Z]).*?\S)\s+(?P<level>{_LEVELS})$")
#: 'Syrian territory', 'Houthi-held territory', 'NATO territory': the word before the level is not a place name (and
#: 'Iraqi territory' is a country, not one of the territories that are administrative units, as in 'Beni territory').
_NOT_A_PLACE_NAME = re.compile(r"(?:\b[A-Z]+|ian|ese|ish|-held|-controlled|-occupied)$")
_LEVEL_BEFORE = re.compile(rf"^(?P<level>{_LEVELS}) of (?P<name>[A-Z].*)$")


def check_r1(ctx: Context) -> Iterator[Hit]:
    """Place mentions that carry a lower-case level word ('Odesa oblast', 'district of Soran')."""
    for i, loc in enumerate(ctx.doc.locations):
        for j, m in _spans(loc.mentions):
            found = _LEVEL_AFTER.match(m.text) or _LEVEL_BEFORE.match(m.text)
            if found and not (found.group("level") == "territory" and (
                    _NOT_A_PLACE_NAME.search(found.group("name"))
                    or loc.precision not in (LocationPrecision.DISTRICT, LocationPrecision.REGION))):
                yield Hit(f"locations[{i}].mentions[{j}]", (m.start, m.end),
                          f"place mention includes the lower-case level word {found.group('level')!r}",
                          f"Span only the name ({found.group('name')!r}); the level goes into precision")


_QUALIFIED_NUMBER = re.compile(rf"^(?P<qualifier>{_QUALIFIER})\s+(?:a\s+)?{_NUMBER}\b", re.I)
_NUMBER_RIGHT_BEFORE = re.compile(rf"(?:^|[\s(\"“])({_NUMBER}) $", re.I)
_QUALIFIER_RIGHT_BEFORE = re.compile(rf"\b{_QUALIFIER} $", re.I)
#: 'between five and [eight] fighters', '10 to [12] people': R2 does not say where a range's victim mention starts.
_RANGE_BEFORE = re.compile(rf"(?:\bbetween\s+{_NUMBER}\s+and|{_NUMBER}\s*(?:to|-|–))\s*$", re.I)
_STARTS_WITH_NUMBER = re.compile(rf"^(?:{_NUMBER}|a |an )", re.I)


def check_r2(ctx: Context) -> Iterator[Hit]:
    """Victim mentions with the qualifier or without the number; casualty evidence without the qualifier."""
    text = ctx.text
    for i, actor in enumerate(ctx.doc.actors):
        if actor.id not in ctx.victim_actors:
            continue
        for j, m in _spans(actor.mentions):
            path, span = f"actors[{i}].mentions[{j}]", (m.start, m.end)
            qualified = _QUALIFIED_NUMBER.match(m.text)
            if qualified:
                yield Hit(path, span, f"victim mention includes the qualifier {qualified.group('qualifier')!r}",
                          "Start the victim mention at the number; the qualifier belongs to the casualty's evidence")
                continue
            before = _NUMBER_RIGHT_BEFORE.search(text, max(0, m.start - 30), m.start)
            if before and not _STARTS_WITH_NUMBER.match(m.text) and not _is_year(before.group(1)) \
                    and not _RANGE_BEFORE.search(text, max(0, before.start(1) - 30), before.start(1)):
                yield Hit(path, span, f"victim mention leaves out its number {before.group(1)!r}",
                          f"Start the mention at the number: {text[before.start(1):m.end]!r}")
    for i, cas in enumerate(ctx.doc.casualties):
        for j, m in _spans(cas.mentions):
            qualifier = _QUALIFIER_RIGHT_BEFORE.search(text, max(0, m.start - 25), m.start)
            if qualifier and _STARTS_WITH_NUMBER.match(m.text):
                yield Hit(f"casualties[{i}].mentions[{j}]", (m.start, m.end),
                          f"casualty evidence leaves out the qualifier {qualifier.group(0).strip()!r}",
                          f"Start the evidence at the qualifier: {text[qualifier.start():m.end]!r}")


def _is_year(number: str) -> bool:
    return bool(re.fullmatch(r"(1[89]|20)\d\d", number))


# --- 2. Events ---------------------------------------------------------------------------------------------------

_MEANS = ("drones?|suicide|rockets?|missiles?|mortars?|artillery|air|aerial|helicopter|car|truck|vehicle|roadside|"
          "grenades?|ied|ieds|landmines?|mines?|sniper|small-arms|machine-gun|gun|knife|bomb|explosives?|tank|uav|"
          "shells?|bulldozer|arson")
_HEADS = ("attacks?|strikes?|bombings?|bombs?|blasts?|explosions?|fire|shelling|raids?|assaults?|ambush(?:es)?|"
          "barrages?|incidents?")
_MEANS_TRIGGER = re.compile(rf"(?:^|\s)(?P<means>{_MEANS})[\s-]+(?P<head>{_HEADS})$", re.I)
_OBJECT_TRIGGER = re.compile(r"^(?P<head>\w+)\s+(?:of\s+)?(?P<object>responsibility)$", re.I)


def check_r4(ctx: Context) -> Iterator[Hit]:
    """Triggers that include the means ('drone attack', 'suicide bombing') or the object ('claimed responsibility')."""
    for i, ev in enumerate(ctx.doc.events):
        for j, m in _spans(ev.triggers):
            path, span = f"events[{i}].triggers[{j}]", (m.start, m.end)
            means = _MEANS_TRIGGER.search(m.text)
            if means:
                yield Hit(path, span, f"trigger includes the means {means.group('means')!r}",
                          f"Mark the head word ({means.group('head')!r}); the means is the instrument")
            obj = _OBJECT_TRIGGER.match(m.text)
            if obj:
                yield Hit(path, span, f"trigger includes the object {obj.group('object')!r}",
                          f"Mark the head word ({obj.group('head')!r})")


_REPORTING = re.compile(r"^(?:said|says|say|saying|told|tells|telling|stated|states|according(?: to)?|"
                        r"the statement said)(?:\s|$)(?!to\b)", re.I)  # 'told to stay indoors' is an instruction


def check_g3(ctx: Context) -> Iterator[Hit]:
    """Triggers that are, or start with, a reporting verb ('said', 'told', 'according to')."""
    for i, ev in enumerate(ctx.doc.events):
        for j, m in _spans(ev.triggers):
            verb = _REPORTING.match(m.text)
            if verb:
                yield Hit(f"events[{i}].triggers[{j}]", (m.start, m.end),
                          f"trigger is the reporting verb {verb.group(0).strip()!r}",
                          "Reporting verbs are attribution (section 11), never triggers; mark the word of the news "
                          "itself ('claimed', 'statement', 'warned'), or drop the event if only the reporting is left")


_OPERATION_NAME = re.compile(r"\bOperation(?:\s+[A-Z][\w'’-]*)+")
_CAPITALISED_WORD = re.compile(r"[A-Z][\w'’-]*")


def check_g4(ctx: Context) -> Iterator[Hit]:
    """Triggers inside a capitalised name: 'Operation Iron Harvest', 'the Rapid Strike Brigade'."""
    text = ctx.text
    operations = [(m.start(), m.end()) for m in _OPERATION_NAME.finditer(text)]
    for i, ev in enumerate(ctx.doc.events):
        for j, m in _spans(ev.triggers):
            inside_operation = any(s < m.start and m.end <= e for s, e in operations)
            if inside_operation or _inside_name(ctx, m):
                yield Hit(f"events[{i}].triggers[{j}]", (m.start, m.end),
                          "trigger is a word inside a name",
                          "Event words in names of operations, units or places are not triggers; remove it")


def _inside_name(ctx: Context, m: Span) -> bool:
    """A title-case trigger word that is not first in its sentence and has a capitalised neighbour."""
    first = m.text.split()[0]
    if not first[:1].isupper() or first.isupper():  # lower case, or an acronym / a headline in capitals
        return False
    line = ctx.text[ctx.text.rfind("\n", 0, m.start) + 1:]
    line = line[:line.find("\n")] if "\n" in line else line
    words = re.findall(r"[^\W\d_][\w'’-]*", line)
    if sum(w[0].isupper() for w in words) >= 0.6 * len(words):
        return False  # a headline in capitals or in title case
    lo, _ = ctx.sentences.around(m.start)
    before = ctx.text[lo:m.start]
    if not before.strip() or re.search(r"[\"'“‘(:\-–—]\s*$", before):  # sentence start, quote, heading
        return False
    previous = re.search(r"([\w'’-]+)\s+$", before)
    after = re.match(r"\s+([\w'’-]+)", ctx.text[m.end:])
    prev_cap = bool(previous and _CAPITALISED_WORD.fullmatch(previous.group(1))
                    and before[:previous.start()].strip() != "")
    next_cap = bool(after and _CAPITALISED_WORD.fullmatch(after.group(1)))
    return prev_cap or next_cap


_INCIDENT_NOUNS = re.compile(r"(?:attacks|strikes|airstrikes|bombings|raids|ambushes|shootings|killings|massacres|"
                             r"assaults|abductions|kidnappings|clashes|incidents|operations)$", re.I)
_COUNT_CUE = re.compile(
    rf"\b(?P<count>(?:(?:more than|at least|over|nearly|almost|about|some|up to)\s+)?(?:{_NUMBER}|multiple|numerous|"
    r"several)|dozens of|scores of|hundreds of|a series of|a string of|a spate of|a wave of|a number of|a dozen)"
    r"(?P<between>(?:[ \t]+(?!(?:after|before|during|in|on|at|of|and|or|by|for|with|from|against|people|men|women|"
    r"civilians|residents|soldiers|days|weeks|months|years)\b)[\w'’-]+){0,2})[ \t]+$", re.I)


def check_g7(ctx: Context) -> Iterator[Hit]:
    """Counted incidents ('more than 40 rocket attacks', 'a series of raids') on an event without a series."""
    for i, ev in enumerate(ctx.doc.events):
        if ev.series is not None or ev.type not in _VIOLENT_TYPES or \
                ev.modality in (Modality.HYPOTHETICAL, Modality.NEGATED):
            continue
        for j, m in _spans(ev.triggers):
            if not _INCIDENT_NOUNS.search(m.text) or ctx.trigger_owners.get((m.start, m.end), 0) > 1:
                continue
            cue = _COUNT_CUE.search(ctx.text, max(0, m.start - 60), m.start)
            if cue:
                yield Hit(f"events[{i}].triggers[{j}]", (cue.start(), m.end),
                          f"counted incidents ({cue.group('count')!r}) on an event without a series",
                          "One event of the attacks' type, modality actual, with series: {count: ..., time: ...} and "
                          "the count phrase as its mention")
                break


# --- 4. Time -----------------------------------------------------------------------------------------------------

_TIME_EXTRAS = re.compile(
    r"^(?P<extra>the\s+|(?:(?:on|in|during)\s+the\s+)?(?:early\s+|late\s+)?(?:morning|afternoon|evening|night|early "
    r"hours)\s+of\s+|overnight\s+(?:on|of|between|from)\s+|(?:late|early)\s+on\s+)(?P<rest>\S.*)$", re.I | re.S)


def check_r10(ctx: Context) -> Iterator[Hit]:
    """Time mentions with a leading article, 'evening of', 'overnight on', 'late on'."""
    for i, tm in enumerate(ctx.doc.times):
        for j, m in _spans(tm.mentions):
            extra = _TIME_EXTRAS.match(m.text)
            if extra:
                yield Hit(f"times[{i}].mentions[{j}]", (m.start, m.end),
                          f"time mention includes {extra.group('extra').strip()!r}",
                          f"Span the date part only: {extra.group('rest')!r}")


_COMING = re.compile(r"^(?:(?:in|over|during|for)\s+)?(?:the\s+)?coming\s+(?P<unit>days|weeks|months)$", re.I)
_THIS_YEAR = re.compile(r"^(?:(?:so far|earlier)\s+)?this year$", re.I)
_MONTH_PART = re.compile(rf"^(?P<part>early|late)[ -](?P<month>{_MONTH_NAMES})(?:,?\s+(?P<year>\d{{4}}))?$", re.I)
_YEAR_PART = re.compile(r"^(?P<part>early|mid|late)[ -](?P<year>\d{4})$", re.I)
_RANGE_WORD_BEFORE = re.compile(r"\b(?:since|from|until|till|through|by|before|after)\s+$", re.I)


def _add_months(day: dt.date, months: int) -> dt.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _r11_expected(text: str, published: dt.date, value_start: dt.date) -> tuple[dt.date, dt.date, DatePrecision] | None:
    """The interval R11 prescribes for a time expression, or None when R11 does not cover it."""
    coming = _COMING.match(text)
    if coming:
        start = published + dt.timedelta(days=1)
        unit = coming.group("unit").lower()
        if unit == "days":
            return start, start + dt.timedelta(days=6), DatePrecision.WEEK
        if unit == "weeks":
            return start, start + dt.timedelta(days=27), DatePrecision.WEEK
        return start, _add_months(start, 3) - dt.timedelta(days=1), DatePrecision.MONTH
    if _THIS_YEAR.match(text):
        return dt.date(published.year, 1, 1), published, DatePrecision.YEAR
    part = _MONTH_PART.match(text)
    if part:
        month = _MONTHS[part.group("month").lower()]
        year = int(part.group("year")) if part.group("year") else value_start.year
        first, last = (1, 15) if part.group("part").lower() == "early" else (16, calendar.monthrange(year, month)[1])
        start, end = dt.date(year, month, first), dt.date(year, month, last)
        return start, published if start <= published < end else end, DatePrecision.MONTH  # the current half ends today
    part = _YEAR_PART.match(text)
    if part:
        year = int(part.group("year"))
        months = {"early": (1, 6), "mid": (4, 9), "late": (7, 12)}[part.group("part").lower()]
        return dt.date(year, months[0], 1), dt.date(year, months[1], calendar.monthrange(year, months[1])[1]), \
            DatePrecision.YEAR
    return None


def check_r11(ctx: Context) -> Iterator[Hit]:
    """Values of 'in the coming days/weeks/months', 'this year', 'early/late <month>', 'early/mid/late <year>', and of
    'since X' spanning a series."""
    published = ctx.doc.published
    series_times = {ev.series.time for ev in ctx.doc.events if ev.series is not None and ev.series.time}
    for i, tm in enumerate(ctx.doc.times):
        if tm.anchor not in (None, TimeAnchor.PUBLISHED):
            continue
        since = next((m for _, m in _spans(tm.mentions) if re.match(r"since\b", m.text, re.I)), None)
        if tm.id in series_times and since is not None and tm.value.end != published:
            yield Hit(f"times[{i}].value", (since.start, since.end),
                      f"{since.text!r} spans a series but ends {tm.value.end}, not at publication ({published})",
                      f"'since X' giving the span of a series runs from X to the publication date: end: {published}")
            continue
        for _, m in _spans(tm.mentions):
            lo, _ = ctx.sentences.around(m.start)
            if _RANGE_WORD_BEFORE.search(words_before(ctx.text, m.start, 1)) or \
                    re.search(r"\bsince\b", ctx.text[lo:m.start], re.I):
                continue  # '(ever) since ... late 2021' runs to publication: R11 leaves 'since X' to the annotator
            expected = _r11_expected(m.text, published, tm.value.start)
            if expected is None:
                continue
            start, end, precision = expected
            got = (tm.value.start, tm.value.end, tm.value.precision)
            if got != (start, end, precision):
                yield Hit(f"times[{i}].value", (m.start, m.end),
                          f"{m.text!r} is {got[0]}..{got[1]} ({got[2].value}), R11 gives {start}..{end} "
                          f"({precision.value})",
                          f"Set value: {{start: {start}, end: {end}, precision: {precision.value}}}")
                break


_UNTIL_BEFORE = re.compile(r"\b(?:until|till|through|to|by|before)\s+(?:\S+\s+){0,2}$", re.I)


def check_r12(ctx: Context) -> Iterator[Hit]:
    """Actual events dated after the publication date."""
    for i, ev in enumerate(ctx.doc.events):
        if ev.modality is not Modality.ACTUAL or ev.time not in ctx.times:
            continue
        tm = ctx.times[ev.time]
        if tm.value.start <= ctx.doc.published:
            continue
        mention = next((m for _, m in _spans(tm.mentions)), None)
        if mention is not None and _UNTIL_BEFORE.search(words_before(ctx.text, mention.start, 3)):
            continue  # 'extended the ban until 23 January': an actual measure with a stated end
        span = (mention.start, mention.end) if mention is not None else None
        yield Hit(f"events[{i}].time", span,
                  f"actual event {ev.id!r} is dated {tm.value.start}, after publication ({ctx.doc.published})",
                  "A day-month later than publication is last year's for past events; a measure announced for a date "
                  "after publication is hypothetical")


_DATELINE_RELATIVE = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|"
                                r"tonight)\b", re.I)


def check_g24(ctx: Context) -> Iterator[Hit]:
    """Weekday names and 'yesterday' in a story whose dateline date is not the publication date, anchored elsewhere."""
    dateline = ctx.doc.dateline
    if dateline is None or dateline.date is None or dateline.date == ctx.doc.published:
        return
    for i, tm in enumerate(ctx.doc.times):
        if not tm.relative or tm.anchor not in (None, TimeAnchor.PUBLISHED):
            continue
        for _, m in _spans(tm.mentions):
            if _DATELINE_RELATIVE.search(m.text):
                yield Hit(f"times[{i}].anchor", (m.start, m.end),
                          f"{m.text!r} in a story datelined {dateline.date} (published {ctx.doc.published}) is "
                          "resolved against publication",
                          "Set anchor: dateline and resolve the value against the dateline's date")
                break


def check_g25(ctx: Context) -> Iterator[Hit]:
    """'In recent months/years' and 'last week': approximate, with the G25 interval."""
    published = ctx.doc.published
    for i, tm in enumerate(ctx.doc.times):
        if tm.anchor not in (None, TimeAnchor.PUBLISHED):
            continue
        for _, m in _spans(tm.mentions):
            expected = _g25_expected(m.text, published)
            if expected is None:
                continue
            start, end, precision = expected
            problems = []
            if not tm.approximate:
                problems.append("approximate is not set")
            if (tm.value.start, tm.value.end, tm.value.precision) != (start, end, precision):
                problems.append(f"the value is {tm.value.start}..{tm.value.end} ({tm.value.precision.value}), "
                                f"G25 gives {start}..{end} ({precision.value})")
            if problems:
                yield Hit(f"times[{i}]", (m.start, m.end),
                          f"vague period {m.text!r}: " + "; ".join(problems),
                          f"Set approximate: true and value: {{start: {start}, end: {end}, precision: {precision.value}}}")
                break


def _g25_expected(text: str, published: dt.date) -> tuple[dt.date, dt.date, DatePrecision] | None:
    phrase = re.sub(r"^(?:in|over|during)\s+(?:the\s+)?", "", text.strip(), flags=re.I).lower()
    if phrase == "recent months":
        return _add_months(published, -3), published, DatePrecision.MONTH
    if phrase == "recent years":
        return _add_months(published, -36), published, DatePrecision.YEAR
    if phrase == "last week":
        monday = published - dt.timedelta(days=published.weekday() + 7)
        return monday, monday + dt.timedelta(days=6), DatePrecision.WEEK
    return None


def check_g26(ctx: Context) -> Iterator[Hit]:
    """Time mentions inside the dateline."""
    dateline = ctx.doc.dateline
    if dateline is None or dateline.mention.start is None or dateline.mention.end is None:
        return
    lo, hi = dateline.mention.start, dateline.mention.end
    for i, tm in enumerate(ctx.doc.times):
        for j, m in _spans(tm.mentions):
            if m.start < hi and m.end > lo:
                yield Hit(f"times[{i}].mentions[{j}]", (m.start, m.end),
                          "time mention inside the dateline",
                          "The dateline's date is the document's dateline.date, never an event time; events use it "
                          "only through anchor: dateline")


_CLAIM_OR_DENIAL = re.compile(r"^(?:claim|den[iy]|reject|admit|disown|responsib)", re.I)
_RESPONSE_TYPES = frozenset({EventType.DISRUPTED_WEAPONS_USE, EventType.ARREST, EventType.SECURITY_MEASURE,
                             EventType.SECURITY_ALERT})


def check_g27(ctx: Context) -> Iterator[Hit]:
    """Incident ids on hypothetical or generic events; direct responses (claims, denials, interceptions, arrests,
    closures, alerts) to an incident's event without its id."""
    index = {ev.id: i for i, ev in enumerate(ctx.doc.events)}
    for i, ev in enumerate(ctx.doc.events):
        if ev.incident_id is not None and ev.modality in (Modality.HYPOTHETICAL, Modality.GENERIC):
            first = next((m for _, m in _spans(ev.triggers)), None)
            yield Hit(f"events[{i}].incident_id", (first.start, first.end) if first else None,
                      f"{ev.modality.value} event {ev.id!r} carries incident_id {ev.incident_id!r}",
                      "Hypothetical responses and habits are not part of a reported incident: remove the incident_id")
    for link in ctx.doc.links:
        source, target = ctx.events.get(link.source), ctx.events.get(link.target)
        if link.type is not EventLinkType.RESPONSE_TO or source is None or target is None \
                or target.incident_id is None or source.incident_id == target.incident_id \
                or source.modality not in (Modality.ACTUAL, Modality.NEGATED):
            continue
        claim = source.type is EventType.STATEMENT and any(_CLAIM_OR_DENIAL.match(m.text) for m in source.triggers)
        if claim or source.type in _RESPONSE_TYPES:
            first = next((m for _, m in _spans(source.triggers)), None)
            yield Hit(f"events[{index[source.id]}].incident_id", (first.start, first.end) if first else None,
                      f"{source.type.value} {source.id!r} responds to {target.id!r} of incident "
                      f"{target.incident_id!r} but carries {source.incident_id!r}",
                      f"A claim, denial, interception, arrest, closure or alert an incident caused carries its id: "
                      f"incident_id: {target.incident_id}")


# --- 5. Actors ---------------------------------------------------------------------------------------------------

_NAME_PARTICLES = frozenset({"of", "the", "and", "for", "al", "de", "du", "la", "el", "wal", "in", "on", "des", "del",
                             "y", "e", "bin", "ibn", "van", "von", "da", "do", "dos", "das", "le", "les", "an", "ul"})
_DESCRIPTIONS = frozenset({"militants", "gunmen", "bandits", "insurgents", "jihadists", "attackers", "fighters",
                           "rebels", "terrorists", "soldiers", "troops", "police", "forces", "group", "militia",
                           "militias", "separatists", "assailants", "kidnappers", "the group", "the militants"})


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).casefold()


def _looks_like_name(name: str) -> bool:
    words = [w for w in re.findall(r"[\w'’-]+", name) if w.lower() not in _NAME_PARTICLES]
    return bool(words) and all(w[0].isupper() or w[0].isdigit() or w.lower().startswith("al-") for w in words)


def check_r15(ctx: Context) -> Iterator[Hit]:
    """Canonical names missing from the text; aliases that are descriptions or do not occur in the text."""
    text = _normalise(ctx.text)
    for i, actor in enumerate(ctx.doc.actors):
        if _looks_like_name(actor.name) and _normalise(actor.name) not in text:
            names = sorted({m.text for m in actor.mentions if _looks_like_name(m.text) and not m.text.isupper()},
                           key=len, reverse=True)
            example = f" (of its mentions: {names[0]!r})" if names else ""
            yield Hit(f"actors[{i}].name", None, f"canonical name {actor.name!r} does not occur in the text",
                      f"Use the fullest name the text gives{example}; a name from outside the text is not canonical")
        for k, alias in enumerate(actor.aliases):
            if alias.lower().startswith("the ") or alias.lower() in _DESCRIPTIONS:
                yield Hit(f"actors[{i}].aliases[{k}]", None, f"alias {alias!r} is a description, not a name",
                          "Descriptions are mentions, never aliases; remove it from aliases")
            elif _normalise(alias) not in text:
                yield Hit(f"actors[{i}].aliases[{k}]", None, f"alias {alias!r} does not occur in the text",
                          "Aliases are the other names and spellings the text uses; remove it")


_BACKING = re.compile(r"\b(?P<cue>(?P<base>(?!(?:The|A|An)\s)(?:[A-Z][\w'’]*\s)?[\w'’]+(?:-[A-Z][\w'’]*)*)-(?:backed|sponsored|supported|allied|aligned|"
                      r"affiliated|linked)|affiliated (?:to|with)|(?:armed|political|military) wing of|"
                      r"(?:faction|branch|affiliate) of|unit of)\b")


def check_g16(ctx: Context) -> Iterator[Hit]:
    """'Iran-backed', 'affiliated to', 'armed wing of' between two actors, with no actor link on those words."""
    text = ctx.text
    linked = [(m.start, m.end) for link in ctx.doc.actor_links for _, m in _spans(link.mentions)]
    spans = [(m.start, m.end, a) for a in ctx.doc.actors for _, m in _spans(a.mentions)]
    by_words = {_normalise(m.text): a for a in ctx.doc.actors for _, m in _spans(a.mentions)}
    for cue in _BACKING.finditer(text):
        start, end = cue.span("cue")
        if any(s < end and e > start for s, e in linked):
            continue
        base = cue.group("base")
        containing = next((a for s, e, a in spans if s <= start and e >= end), None)
        after = next((a for s, e, a in spans
                      if s >= end and re.fullmatch(r"\s*(?:the\s+)?", text[end:s])), None)
        if base is not None:  # 'Iran-backed militia': the militia is backed by Iran
            if not base[:1].isupper() and _normalise(base) not in by_words:
                continue  # 'state-backed firm': no named backer
            source, target = containing or after, by_words.get(_normalise(base))
            kind = "backed_by" if re.search(r"backed|sponsored|supported", cue.group("cue")) else "affiliated_with"
        else:  # 'the TPNPB, the armed wing of the Free Papua Movement': the wing is part of the movement
            before = next((a for s, e, a in spans if e <= start
                           and re.fullmatch(r"[\s,)]*(?:the\s+|an?\s+|[\w-]+\s+)?", text[e:start])), None)
            source, target = containing or before, after
            kind = "part_of" if re.match(r"unit|wing|branch", cue.group("cue")) else "affiliated_with"
        if source is None or source is target:
            continue
        target_text = f"{target.id} ({target.name})" if target is not None else "<the actor it names>"
        yield Hit("actor_links", (start, end),
                  f"{cue.group('cue')!r} relates actor {source.id!r} ({source.name}) to "
                  f"{target_text if target is not None else 'another actor'}, but no actor link has these words as "
                  "evidence",
                  f"Add actor_links: {{type: {kind}, source: {source.id}, target: {target_text}, "
                  f"mentions: [{cue.group('cue')!r}]}}")


# --- 6. Locations and 8. Arguments -----------------------------------------------------------------------------------

_COMPASS = r"north|south|east|west|north-?east|north-?west|south-?east|south-?west"
_SPATIAL_CUE = re.compile(rf"""
    (?P<cue>\b(?:
        (?P<near>near|outside|around|close\ to|next\ to)
      | (?:on\s+)?the\s+(?:(?:{_COMPASS})(?:ern)?\s+)?(?P<outskirts>outskirts)\s+of
      | (?P<dist>{_NUMBER}|a\ few|several)(?:-|\s*)(?:km|kilometres|kilometers|miles|nautical\ miles)\s+
            (?:\(\S+\)\s+)?(?:(?P<dir>{_COMPASS})\s+of|from|outside|off)
      | (?<!the\ )(?P<compass>{_COMPASS})(?:ern)?\s+of
    ))\s+(?:the\s+)?$""", re.I | re.X)


def _spatial_cues(ctx: Context) -> Iterator[tuple[int, int, int, Location, re.Match[str]]]:
    """(location index, mention start, mention end, location, cue match) for place mentions right after a cue."""
    for i, loc in enumerate(ctx.doc.locations):
        for _, m in _spans(loc.mentions):
            lo, _ = ctx.sentences.around(m.start)
            cue = _SPATIAL_CUE.search(ctx.text, max(lo, m.start - 60), m.start)
            if cue and not (cue.group("near") and _STARTS_WITH_NUMBER.match(m.text)):  # 'around 200 villages'
                yield i, m.start, m.end, loc, cue


def _relation_of(cue: re.Match[str]) -> str:
    if cue.group("outskirts"):
        return "outskirts"
    direction = cue.group("dir") or cue.group("compass")
    if direction:
        return direction.lower().replace("-", "")
    return "near"


#: 'fired from a truck parked 15 km east of the base', 'a position which lies 10 km from the village': the cue
#: says where something else is, not where the event happened.
_ELSEWHERE_BEFORE = re.compile(r"\b(?:from|which|that|who|where|lies|lie|sits|located|situated|based)\b(?:\s+\S+){0,7}\s*$",
                               re.I)


def check_g14(ctx: Context) -> Iterator[Hit]:
    """'South of X', '20 km from X', 'near X' before a place whose argument in that sentence has no spatial relation."""
    reported: set[tuple[int, str]] = set()
    for _, start, end, loc, cue in _spatial_cues(ctx):
        if _ELSEWHERE_BEFORE.search(words_before(ctx.text, cue.start("cue"), 8)) \
                or ctx.text.startswith(("'s", "’s"), end):
            continue  # the cue says where something else is; "near Niamey's airport" is near the airport
        by_event: dict[int, list[tuple[int, Argument]]] = {}
        for i, j, arg in ctx.location_arguments.get(loc.id, []):
            by_event.setdefault(i, []).append((j, arg))
        for i, args in by_event.items():
            if (i, loc.id) in reported or not ctx.has_trigger_in_sentence(i, start) \
                    or any(a.spatial is not None and a.spatial.relation is not SpatialRelation.IN for _, a in args):
                continue
            reported.add((i, loc.id))
            j, arg = min(args, key=lambda ja: ja[1].role is not Role.PLACE)  # the place argument when there is one
            relation = _relation_of(cue)
            distance = f", distance_km: {cue.group('dist')}" if cue.group("dist") else ""
            old_style = " (precision near is the 1.1 way; 2.0 puts the relation on the argument)" \
                if loc.precision is LocationPrecision.NEAR else ""
            yield Hit(f"events[{i}].arguments[{j}]", (cue.start("cue"), end),
                      f"{ctx.text[cue.start('cue'):end]!r} places event {ctx.doc.events[i].id!r} relative to "
                      f"{loc.id!r} ({loc.name}), but its {arg.role.value} argument has no spatial relation{old_style}",
                      f"Add spatial: {{relation: {relation}{distance}}} to the argument (miles converted to km); the "
                      "location is the named place itself")


_LONG_FEATURE = re.compile(r"^(?!.*\b(?:on|along|near|at|in|off)\s).*\b(?:road|highway|border|corridor|frontier|route|"
                           r"motorway|expressway|boundary line|front ?line)s?$", re.I)


def check_r17(ctx: Context) -> Iterator[Hit]:
    """Long features (roads, corridors, borders) with a precision other than near."""
    for i, loc in enumerate(ctx.doc.locations):
        if loc.precision is LocationPrecision.NEAR or not _LONG_FEATURE.match(loc.name):
            continue
        first = next((m for _, m in _spans(loc.mentions)), None)
        yield Hit(f"locations[{i}].precision", (first.start, first.end) if first else None,
                  f"{loc.id!r} ({loc.name}) is a long feature, but its precision is {loc.precision.value}",
                  "Roads, corridors and borders are precision near")


def check_r19(ctx: Context) -> Iterator[Hit]:
    """Police, army or officials as participants of a protest or riot."""
    protest_types = (EventType.PROTEST, EventType.PROTEST_WITH_INTERVENTION)  # in a riot both sides may clash
    for i, ev in enumerate(ctx.doc.events):
        if ev.type not in protest_types:
            continue
        for j, arg in enumerate(ev.arguments):
            actor = ctx.actors.get(arg.entity)
            if arg.role is Role.PARTICIPANT and actor is not None and actor.type in _STATE_FORCES:
                yield Hit(f"events[{i}].arguments[{j}]", None,
                          f"{actor.type.value} actor {actor.id!r} ({actor.name}) is a participant of {ev.type.value} "
                          f"{ev.id!r}",
                          "Forces that police or disperse a protest are its authority (and a dispersed protest is "
                          "protest_with_intervention, G1)")


_SUSPECT_BEFORE = re.compile(r"\b(?:suspected|alleged|presumed|purported)\b(?:\s+[\w'’-]+){0,3}\s+$", re.I)
_CLAIM_AFTER = re.compile(r"^(?:\s*\([^)]{1,20}\))?\s+(?:(?:has|had|have|later|also|quickly|swiftly|then|itself)\s+)*"
                          r"(?P<cue>claimed|claims|claiming)\b", re.I)
_DENY_AFTER = re.compile(r"^(?:\s*\([^)]{1,20}\))?,?\s+(?:(?:has|had|have|later|also|quickly|swiftly|then)\s+)*"
                         r"(?P<cue>denied|denies|rejected|rejects)\b", re.I)
_BLAME_BEFORE = re.compile(r"""\b(?P<cue>
      (?:accused|accuses|accusing|blamed|blames|blaming)(?=\s+(?:the\s+)?$)
    | (?:blamed|blames|blaming)(?=\s+(?:[\w'’-]+\s+){0,4}?on\s+(?:the\s+)?(?:[\w'’-]+\s+of\s+(?:the\s+)?)?$)
    | (?:attributed|attributes|attributing)(?=\s+(?:[\w'’-]+\s+){0,4}?to\s+(?:the\s+)?(?:[\w'’-]+\s+of\s+(?:the\s+)?)?$)
    | hallmarks\s+of(?=\s+(?:the\s+)?$)
    )""", re.I | re.X)
_PASSIVE_BLAME_AFTER = re.compile(r"^\s+(?:(?:is|was|were|are|has been|have been|had been|widely)\s+)*"
                                  r"(?P<cue>blamed for|accused of|believed to (?:be|have))\b", re.I)
_NEGATION_BEFORE = re.compile(r"\b(?:no|not|never|nobody)\b(?:\s+[\w'’-]+){0,3}\s+$", re.I)


def _certainty_cue(ctx: Context, m: Span) -> tuple[Certainty, str, int] | None:
    """The certainty the words around an attacker mention call for, with the cue and where it starts."""
    text = ctx.text
    lo, hi = ctx.sentences.around(m.start)
    inside = re.search(r"\b(?:suspected|alleged|presumed)\b", m.text, re.I)
    if inside:
        return Certainty.SUSPECTED, inside.group(0), m.start + inside.start()
    before = text[max(lo, m.start - 60):m.start]
    after = text[m.end:hi]
    cue = _SUSPECT_BEFORE.search(before)
    if cue:
        return Certainty.SUSPECTED, cue.group(0).split()[0], m.start - len(before) + cue.start()
    cue = _CLAIM_AFTER.match(after)
    if cue and not _NEGATION_BEFORE.search(before):
        return Certainty.CLAIMED, cue.group("cue"), m.end + cue.start("cue")
    cue = _DENY_AFTER.match(after)
    if cue:
        return Certainty.DENIED, cue.group("cue"), m.end + cue.start("cue")
    cue = _BLAME_BEFORE.search(text[max(lo, m.start - 80):m.start])
    if cue:
        return Certainty.SUSPECTED, cue.group("cue"), max(lo, m.start - 80) + cue.start("cue")
    cue = _PASSIVE_BLAME_AFTER.match(after)
    if cue:
        return Certainty.SUSPECTED, cue.group("cue"), m.end + cue.start("cue")
    return None


def check_g12(ctx: Context) -> Iterator[Hit]:
    """An attacker with no certainty whose mention is claimed, blamed, suspected or denied next to the event."""
    claims = _claim_links(ctx)
    for i, ev in enumerate(ctx.doc.events):
        if ev.modality is not Modality.ACTUAL:
            continue
        for j, arg in enumerate(ev.arguments):
            if arg.role is not Role.ATTACKER or arg.certainty is not None or arg.entity not in ctx.actors:
                continue
            actor = ctx.actors[arg.entity]
            found: tuple[Certainty, str, tuple[int, int] | None] | None = None
            for _, m in _spans(actor.mentions):
                if not ctx.has_trigger_in_sentence(i, m.start):
                    continue
                cue = _certainty_cue(ctx, m)
                if cue is not None:
                    found = (cue[0], f"{cue[1]!r}", (min(cue[2], m.start), max(m.end, cue[2] + len(cue[1]))))
                    break
            if found is None and (ev.id, actor.id) in claims:
                statement = claims[(ev.id, actor.id)]
                found = (Certainty.CLAIMED, f"the claim {statement!r}", None)
            if found is not None:
                certainty, cue_text, span = found
                yield Hit(f"events[{i}].arguments[{j}]", span,
                          f"attacker {actor.id!r} ({actor.name}) of {ev.id!r} has no certainty, but the text has "
                          f"{cue_text}",
                          f"Set certainty: {certainty.value} (and asserted_by: the actor who says so)")


def _claim_links(ctx: Context) -> dict[tuple[str, str], str]:
    """(event id, actor id) -> statement id, for actual claim statements linked to an event and made by the actor."""
    out = {}
    for link in ctx.doc.links:
        statement = ctx.events.get(link.source)
        if statement is None or link.type is not EventLinkType.RESPONSE_TO or statement.type is not EventType.STATEMENT \
                or statement.modality is not Modality.ACTUAL:
            continue
        if not any(m.text.lower().startswith("claim") for m in statement.triggers):
            continue
        for arg in statement.arguments:
            if arg.role in (Role.AUTHORITY, Role.SOURCE, Role.PARTICIPANT, Role.ATTACKER):
                out[(link.target, arg.entity)] = statement.id
    return out


# --- 7. Weapons and 9. Casualties -----------------------------------------------------------------------------------

_ARTICLE_BEFORE = re.compile(r"\b(?P<article>an?)\s+(?:(?!(?:with|of|and|or|in|on|to|from|by|for|carrying|at|the|that|"
                             r"which|who|its|their|his|her|was|were|is|are|had|has|after|before|when)\b)[\w'’-]+\s+)"
                             r"{0,2}$", re.I)
_NOT_ONE = re.compile(r"^(?:an?\s+)?(?:second|third|fourth|further|another|other|number|few|couple|dozen|series|"
                      r"barrage|salvo|volley|hail|wave|string|swarm|pair|handful|total)\b", re.I)


def check_r20(ctx: Context) -> Iterator[Hit]:
    """Weapons written with 'a'/'an' ('a grenade') whose quantity is not set."""
    text = ctx.text
    for i, weapon in enumerate(ctx.doc.weapons):
        if weapon.quantity is not None or weapon.category is WeaponCategory.VEHICLE:
            continue  # a vehicle that only carries attackers is no weapon at all (R20): a quantity is not the fix
        mentions = [m for _, m in _spans(weapon.mentions)]
        if any(_plural(m.text) or _counted(text, m) for m in mentions):
            continue  # some mention counts several: one 'a' mention does not make the quantity one
        for m in mentions:
            article = _ARTICLE_BEFORE.search(text, max(0, m.start - 40), m.start)
            phrase_start = article.start() if article else m.start
            phrase = text[phrase_start:m.end]
            if (article or re.match(r"an?\s", m.text, re.I)) and not _NOT_ONE.match(phrase):
                yield Hit(f"weapons[{i}].quantity", (phrase_start, m.end),
                          f"weapon {weapon.id!r} is written {phrase!r}, but its quantity is not set",
                          "A weapon written with 'a'/'an' has quantity exact 1 (count: 1)")
                break


def _plural(text: str) -> bool:
    last = text.split()[-1].lower() if text.split() else ""
    return last.endswith("s") and not last.endswith(("ss", "us", "is")) or last in {"munitions", "arms", "weapons"}


def _counted(text: str, m: Span) -> bool:
    return bool(re.search(rf"\b(?!one\b)(?:{_NUMBER})\s+(?:[\w'’-]+\s+)?$", text[max(0, m.start - 30):m.start], re.I))


_SEVERITY_CUE = re.compile(r"\b(?:seriously|critically|severely|lightly|slightly|(?:critical|serious) condition|"
                           r"(?:minor|light|serious|critical|life-threatening|severe) (?:injuries|injury|wounds))\b",
                           re.I)
_INJURED = (CasualtyOutcome.INJURED, CasualtyOutcome.KILLED_OR_INJURED)


def check_g20(ctx: Context) -> Iterator[Hit]:
    """Severity words ('seriously', 'in critical condition', 'lightly') next to injury figures with no severity."""
    evidence = [(m.start, c) for c in ctx.doc.casualties for _, m in _spans(c.mentions)]
    for cue in _SEVERITY_CUE.finditer(ctx.text):
        lo, hi = ctx.sentences.around(cue.start())
        injured = [c for s, c in evidence if lo <= s < hi and c.outcome in _INJURED]
        if injured and all(c.severity is None for c in injured):
            ids = ", ".join(repr(c.id) for c in injured)
            yield Hit(f"casualties[{ctx.doc.casualties.index(injured[0])}].severity", cue.span(),
                      f"{cue.group(0)!r} states a severity, but no injury figure of the sentence ({ids}) has one",
                      "Set severity (minor, serious, critical) on the figure it describes; a breakdown ('two of them "
                      "critically') is its own injured statement part_of the total (R20)")


_COUNT_WORDS = re.compile(rf"\b(?:{_NUMBER}|several|some|many|numerous|a few|a handful|dozens|scores)\b", re.I)


def check_g18(ctx: Context) -> Iterator[Hit]:
    """Counted victims ('killed four people') whose casualty statement has no victim actor."""
    for i, cas in enumerate(ctx.doc.casualties):
        if cas.victim.actor is not None or cas.part_of is not None \
                or cas.count.qualifier is CountQualifier.UNSPECIFIED:
            continue
        for _, m in _spans(cas.mentions):
            if _COUNT_WORDS.search(m.text):
                yield Hit(f"casualties[{i}].victim.actor", (m.start, m.end),
                          f"casualty {cas.id!r} counts victims ({m.text!r}) but names no victim actor",
                          "Add a victim actor (civilians or unknown) whose mention is the count phrase, and point "
                          "victim.actor and the event's victim argument to it")
                break


def check_g19(ctx: Context) -> Iterator[Hit]:
    """'Casualties' figures recorded as killed or as injured."""
    for i, cas in enumerate(ctx.doc.casualties):
        if cas.outcome not in (CasualtyOutcome.KILLED, CasualtyOutcome.INJURED):
            continue
        for _, m in _spans(cas.mentions):
            if re.search(r"\bcasualt(?:y|ies)\b", m.text, re.I):
                yield Hit(f"casualties[{i}].outcome", (m.start, m.end),
                          f"{m.text!r} does not tell deaths from injuries, but the outcome is {cas.outcome.value}",
                          "Use outcome killed_or_injured")
                break


# --- 10. Links ---------------------------------------------------------------------------------------------------

def check_r21(ctx: Context) -> Iterator[Hit]:
    """'related' links whose target happened after their source (the earlier event is the target)."""
    for i, link in enumerate(ctx.doc.links):
        if link.type is not EventLinkType.RELATED:
            continue
        source, target = ctx.events.get(link.source), ctx.events.get(link.target)
        if source is None or target is None or source.time not in ctx.times or target.time not in ctx.times \
                or source.modality is not Modality.ACTUAL or target.modality is not Modality.ACTUAL:
            continue  # 'earlier' is about incidents that happened; a foiled plot's planned date is not
        s, t = ctx.times[source.time].value, ctx.times[target.time].value
        if t.start > s.end:
            yield Hit(f"links[{i}]", None,
                      f"related link {source.id!r} -> {target.id!r}: the target ({t.start}) is later than the source "
                      f"(ends {s.end})",
                      "The event the report is about is the source and the earlier event the target: swap them")


# --- The table ------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Rule:
    """A guideline rule the lint checks: its id, what it says, where the guidelines say it, and the check."""

    id: str
    title: str
    section: str
    looks_for: str
    check: Check


RULES: tuple[Rule, ...] = (
    Rule("R1", "place spans leave out lower-case level words", "1 Spans",
         "place mentions ending in a lower-case level word (province, oblast, district, region, governorate, state, "
         "county, zone, ...) or starting with '<level> of'; capitalised levels ('Borno State') and plurals "
         "('Anglophone regions') are names or descriptions and pass", check_r1),
    Rule("R2", "victim mentions include the number but not the qualifier", "1 Spans, 9 Casualties",
         "mentions of victim actors that start with a qualifier ('at least 13 residents') or follow a number they leave "
         "out ('13 [residents]'); casualty evidence that follows a qualifier it leaves out", check_r2),
    Rule("R4", "triggers are head words, without the means or the object", "2 Events",
         "triggers ending in '<means> <head>' ('drone attack', 'suicide bombing', 'rocket fire', 'air strikes') and "
         "'claimed responsibility'; verb phrases ('opened fire', 'blew up') pass", check_r4),
    Rule("R10", "time spans are the date part only", "4 Time",
         "time mentions that start with 'the', '(on the) evening/night/morning of', 'overnight on', 'late on'; 'a day "
         "later' and 'overnight' alone pass", check_r10),
    Rule("R11", "fixed values for coming days/weeks/months, this year, early/late month, early/mid/late year, "
         "'since X'", "4 Time",
         "the value of times whose whole mention is 'in the coming days|weeks|months', '(so far) this year', "
         "'early|late <Month> [year]', 'early|mid|late <year>', anchored on publication (mentions in a sentence with "
         "'since', or after 'from', 'until', are left alone); and times of a series whose mention is 'since X' that do "
         "not end at publication. 'Since X' dating a single event is not checked (X itself is not parsed)", check_r11),
    Rule("R12", "actual events are not dated after publication", "4 Time",
         "actual events whose time starts after the publication date (a date resolved into the wrong year, or a "
         "measure announced for the future marked actual); times after 'until', 'through', 'by' are stated ends of "
         "measures in force and pass", check_r12),
    Rule("R15", "canonical names occur in the text; aliases are names used in the text", "5 Actors",
         "actor names that look like proper names (every word capitalised) and do not occur in the text "
         "(case-insensitive); aliases that start with 'the', are a bare description ('militants') or do not occur in "
         "the text", check_r15),
    Rule("R17", "roads, corridors and borders are precision near", "6 Locations",
         "locations whose canonical name ends in road, highway, border, corridor, frontier, route, boundary line or "
         "front line (not 'a checkpoint on the X road') with a precision other than near; the 'near X', 'south of X' "
         "half of R17 is checked by G14, which in 2.0 puts the relation on the place argument", check_r17),
    Rule("R19", "police in a protest are its authority, not participants", "8 Arguments",
         "participant arguments of protest, riot and protest_with_intervention events filled by police, military, "
         "other state forces or government actors", check_r19),
    Rule("R20", "a weapon written with 'a'/'an' has quantity exact 1", "7 Weapons, 9 Casualties",
         "weapons without a quantity that are written 'a/an (modifier) <weapon>', unless a mention is plural or "
         "counted ('a second missile', 'a number of drones' pass)", check_r20),
    Rule("R21", "in a related link the earlier event is the target", "10 Links",
         "related links whose target event's time starts after the source event's time ends; links between events "
         "without times, or with overlapping times, cannot be judged and pass", check_r21),
    Rule("G3", "reporting verbs are never triggers", "2 Events",
         "triggers that are or start with said, says, told, stated, according to", check_g3),
    Rule("G4", "event words inside names are not triggers", "2 Events",
         "triggers inside 'Operation <Name>' and title-case triggers inside a run of capitalised words (not first in "
         "the sentence, not an acronym, not in an all-capitals headline)", check_g4),
    Rule("G7", "counted incidents are one event with a series", "2 Events",
         "actual or generic violent events without a series whose plural incident trigger ('attacks', 'strikes', "
         "'raids', ...) follows a count ('more than 40', 'dozens of', 'a series of', 'several'); triggers shared by "
         "several events (R3) pass", check_g7),
    Rule("G12", "attribution certainty on attackers", "8 Arguments",
         "attackers of actual events without certainty whose mention, in a sentence with the event's trigger, is "
         "'suspected X', 'X claimed', 'X denied', 'blamed ... on X', 'accused X', 'X was believed to be', or who made "
         "an actual claim statement linked to the event", check_g12),
    Rule("G14", "spatial relations on place arguments", "8 Arguments",
         "place mentions right after 'near', 'outside', 'around', 'on the outskirts of', '<compass> of', 'N km from' "
         "whose location is a place or target of an event triggered in the same sentence with no spatial relation",
         check_g14),
    Rule("G16", "actor links for 'X-backed', 'affiliated to', 'armed wing of'", "5 Actors",
         "'<Name>-backed|-aligned|-allied|-linked', 'affiliated to|with', 'armed wing of', 'faction of', 'unit of' "
         "inside or right before an actor mention, with no actor link whose evidence covers the words; lower-case "
         "backers ('state-backed') pass unless they are an actor's mention", check_g16),
    Rule("G18", "counted victims get a victim actor", "5 Actors",
         "casualty statements (not breakdowns, not unspecified counts) whose evidence has a number or vague quantity "
         "and whose victim has no actor", check_g18),
    Rule("G19", "'casualties' is killed_or_injured", "9 Casualties",
         "killed or injured casualty statements whose evidence says 'casualties'", check_g19),
    Rule("G20", "stated injury severity is recorded", "9 Casualties",
         "'seriously', 'critically', 'lightly', 'in critical condition', 'minor injuries' in a sentence whose injury "
         "figures all lack a severity", check_g20),
    Rule("G24", "weekday times of a datelined story count from the dateline", "4 Time",
         "in documents whose dateline date differs from the publication date: relative times named by a weekday, "
         "'yesterday', 'today' anchored on publication", check_g24),
    Rule("G25", "vague periods are approximate, with the G25 interval", "4 Time",
         "times whose whole mention is '(in) recent months', '(in) recent years' or 'last week' that are not "
         "approximate or whose value differs from G25's", check_g25),
    Rule("G26", "a dateline is never a time of an event", "4 Time, 13 Document fields",
         "time mentions that overlap the dateline mention", check_g26),
    Rule("G27", "which events of a reported incident carry its incident_id", "4 Time, 13 Document fields",
         "hypothetical or generic events with an incident_id; actual or negated claims and denials (statements whose "
         "trigger is claim/deny/reject...), interceptions, arrests, security measures and alerts linked response_to an "
         "event of an incident without its id; other responses (retaliations, threats) are left to the reading",
         check_g27),
)

#: Rules of the guidelines that the lint does not check, and why.
NOT_CHECKED: dict[str, str] = {
    "R3": "Whether one word sums up several entities or events is a reading of the text; the lint only avoids "
          "flagging shared triggers.",
    "R5": "Whether measures came from one authority on one day and belong in one event needs the reading the "
          "annotator made.",
    "R6": "Telling a summary sentence from separately described strikes needs discourse understanding.",
    "R7": "Replaced by G8.",
    "R8": "Claims that were not made, and vague aims, are phrased too freely for a pattern.",
    "R9": "Telling attribution from a statement that is news needs the reading of the sentence.",
    "R13": "Victim groups merged into the force they belong to cannot be told from coreference by surface cues.",
    "R14": "The country of local actors needs knowledge of where the places are.",
    "R16": "Actor types of sources and bystanders: the words ('sources', 'staff') are too varied to check without many "
           "false alarms.",
    "R18": "Which attributions make an attacker (hallmarks yes, habits no) needs the reading; G12 checks the certainty "
           "once an attacker is there.",
    "G1": "Choosing the event type is the annotator's reading; the schema checks the vocabulary.",
    "G2": "Interceptions and foiled attacks need to know which weapons were launched and which were stopped.",
    "G5": "Figurative uses of event words cannot be told from incidents by patterns.",
    "G6": "Whether one sentence holds a retaliation and the attack it answers needs the reading.",
    "G8": "Whether background states countable facts needs the reading; G7 checks counted incidents.",
    "G9": "Uncertain events keep modality actual; a pattern cannot tell them from hypothetical ones.",
    "G10": "Already a validation rule of the schema ('eventgold validate').",
    "G11": "Whether a part_of link describes a component of an annotated event needs the reading.",
    "G13": "Which source holds which certainty needs the reading; G12 checks that certainty is set at all.",
    "G15": "Whether places are in different countries needs a gazetteer.",
    "G17": "Titles in canonical names: the title words ('General', 'Chief') start many organisation names "
           "('General Staff', 'General Service Unit'); on the corpus every hit was a false alarm.",
    "G21": "Whether one figure covers several events is phrased too freely for a pattern.",
    "G22": "Which figure revises or disputes another needs the reading of sources and times.",
    "G23": "Coordinated victim groups are rare and their spans too varied for a pattern.",
}

RULE_IDS: tuple[str, ...] = tuple(r.id for r in RULES)
_BY_ID = {r.id: r for r in RULES}


def rule(rule_id: str) -> Rule:
    """The rule with id ``rule_id`` (case-insensitive); a UsageError names the known ids."""
    found = _BY_ID.get(rule_id.upper())
    if found is None:
        raise UsageError(f"unknown rule {rule_id!r}; the lint checks {', '.join(RULE_IDS)}")
    return found


def select_rules(ids: Iterable[str] | None = None) -> tuple[Rule, ...]:
    """The rules with the given ids, in table order (all of them for None)."""
    if ids is None:
        return RULES
    wanted = {rule(i).id for i in ids}
    return tuple(r for r in RULES if r.id in wanted)


def lint_document(doc: Document, rules: Sequence[Rule] = RULES) -> list[Finding]:
    """Every finding of ``rules`` in one (valid) document, in text order."""
    ctx = Context(doc)
    findings = []
    for r in rules:
        for hit in r.check(ctx):
            text = doc.text[hit.span[0]:hit.span[1]] if hit.span is not None else None
            findings.append(Finding(r.id, doc.id, hit.path, hit.message, hit.span, text, hit.hint))
    return sorted(findings, key=lambda f: (f.span or (len(doc.text), 0), RULE_IDS.index(f.rule), f.path))


def guideline_text(rule_id: str, guidelines: str | None = None) -> str | None:
    """The guideline's own paragraph for ``rule_id`` (from ``docs/guidelines.md``), or None when it is not there."""
    if guidelines is None:
        if not GUIDELINES.is_file():
            return None
        guidelines = GUIDELINES.read_text(encoding="utf-8")
    lines = guidelines.splitlines()
    own = re.compile(rf"^- \({re.escape(rule_id)}[,)]")  # '- (R4) ...', '- (R7, replaced by G8) ...'
    inline = re.compile(rf"^- .*\({re.escape(rule_id)}[,:)]")  # '- `outcome`: ... (G19: "12 casualties") ...'
    starts = [k for k, line in enumerate(lines) if own.match(line)] or \
        [k for k, line in enumerate(lines) if inline.match(line)]
    if not starts:
        return None
    block = [lines[starts[0]]]
    for more in lines[starts[0] + 1:]:
        if not more.startswith("  ") or not more.strip():  # the bullet ends at the next bullet or a blank line
            break
        block.append(more)
    return "\n".join(block)


def explain(rule_id: str) -> str:
    """What rule ``rule_id`` says, where, and what the lint checks of it (or why it does not)."""
    key = rule_id.upper()
    if key in NOT_CHECKED:
        quoted = guideline_text(key)
        parts = [f"{key}: not checked by the lint. {NOT_CHECKED[key]}"]
        if quoted:
            parts.append(f"\nThe guideline (docs/guidelines.md):\n{quoted}")
        return "\n".join(parts)
    r = rule(key)
    parts = [f"{r.id}: {r.title}", f"Guidelines: docs/guidelines.md, section {r.section}, rule ({r.id})."]
    quoted = guideline_text(r.id)
    if quoted:
        parts.append(f"\n{quoted}\n")
    parts.append(f"The lint flags: {r.looks_for}.")
    return "\n".join(parts)
