"""The rule-based baseline extractor (``eventgold extract --system baseline``).

It is built from training documents only: :meth:`Baseline.from_training` takes a list of gold
documents (the CLI passes the bundled corpus's *train* split) and learns from them

- a gazetteer of actors (canonical names, aliases, types, countries) and of locations
  (names, precision, country);
- how often each seed trigger word really is an event trigger, and of which event type given the
  weapons named around it, plus trigger words the seed lexicon lacks (seen in two or more training
  documents);
- which event words usually refer back to an event already mentioned;
- the actor type of description heads ("troops", "sources").

Nothing else reaches it: it never sees dev or test gold. Given a document it finds triggers,
decides their modality from negation, hedge and habit cues, groups coreferent triggers into
events, resolves dates against the publication date, finds actors, places, weapons and casualty
figures (with vague quantities), and attaches arguments by proximity. All spans carry exact
offsets.

>>> import datetime as dt
>>> from eventgold.schema import Document
>>> doc = Document(id="d1", published=dt.date(2024, 3, 14),
...                text="Gunmen killed three soldiers near Gao on Tuesday. The attack was not claimed.")
>>> pred = Baseline.from_training([])(doc)
>>> [(e.type.value, [t.text for t in e.triggers]) for e in pred.events]
[('attack', ['killed', 'attack'])]
>>> [(c.outcome.value, c.count.low, c.mentions[0].text) for c in pred.casualties]
[('killed', 3, 'three soldiers')]
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from eventgold.schema import (
    Actor,
    ActorType,
    Argument,
    Casualty,
    CasualtyOutcome,
    CountQualifier,
    Document,
    Event,
    EventType,
    Location,
    LocationPrecision,
    Mention,
    Modality,
    Quantity,
    Role,
    Time,
    Victim,
    VictimCategory,
    Weapon,
    WeaponCategory,
)

from .baseline_dates import DateMatch, find_dates
from .baseline_lexicon import (
    ACTOR_HEADS,
    ACTOR_MODIFIERS,
    CLAUSE_BREAK,
    COMMENT_SECTION,
    FUTURE_CUES,
    GROUP_NAME_WORDS,
    LEFT_CUES,
    LOCATION_KINDS,
    NATIONALITIES,
    OUTCOME_WORDS,
    RIGHT_CUES,
    TRIGGERS,
    VICTIM_WORDS,
    VIOLENT_TYPES,
    WEAPON_EVENT_TYPE,
    WEAPONS,
    TriggerEntry,
)
from .baseline_numbers import NUMBER, find_quantities
from .baseline_text import COMMON_CAPITALISED, SentenceIndex, names_in, norm, overlaps, split_sentences
from .baseline_text import Span as _Span

# --------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class BaselineSettings:
    """The knobs of the baseline; defaults chosen by 5-fold cross-validation on the train split
    (:func:`eventgold.eval.baseline_tuning.cross_validate`), never on dev or test."""

    threshold: float = 0.3
    """Keep a trigger candidate when its smoothed training precision reaches this."""
    smoothing: float = 2.0
    """Pseudo-count pulling a trigger's training precision towards its prior."""
    seed_prior: float = 0.5
    """Prior trigger precision of a seed lexicon entry."""
    learned_min_docs: int = 2
    """A trigger word missing from the seed lexicon is learned when it is a gold trigger in this many documents."""
    merge_window: int = 1
    """Same-type triggers at most this many sentences apart are merged into one event."""
    anaphor_window: int = 2
    """A definite description ("the attack") refers back to an event at most this many sentences before."""
    coref_rate: float = 0.5
    """A trigger key whose training occurrences are non-first mentions at least this often is an anaphor."""
    keep_unused_descriptions: bool = True
    """Keep description actors ("residents") that fill no role."""


# --------------------------------------------------------------------------- what is learned


@dataclass(frozen=True)
class ActorRecord:
    name: str
    type: ActorType
    country: str | None


@dataclass(frozen=True)
class LocationRecord:
    name: str
    precision: LocationPrecision
    country: str | None
    admin1: str | None


@dataclass
class TriggerStats:
    """How a trigger key behaved on the training documents."""

    total: int = 0
    positive: int = 0
    later_mention: int = 0
    types: Counter[EventType] = field(default_factory=Counter)
    context_types: dict[str, Counter[EventType]] = field(default_factory=lambda: defaultdict(Counter))
    docs: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class _Entry:
    key: str
    type: EventType | None
    anaphor: bool
    by_context: bool
    learned: bool


@dataclass
class _Cand:
    start: int
    end: int
    text: str
    entry: _Entry
    sentence: int = 0
    context: str = ""
    type: EventType | None = None
    modality: Modality = Modality.ACTUAL
    score: float = 0.0


_DEFINITE = re.compile(r"(?:\b(?:the|this|that|these|those|its|their|same|such)\s+(?:[\w'-]+\s+){0,2}$)|"
                       r"(?:\b\d{1,2}\s+[A-Z][a-z]+\s+$)", re.IGNORECASE)
_NEW_EVENT = re.compile(r"(?:\b(?:another|separate|second|third|earlier|previous|prior|similar|new|fresh|"
                        r"other|further|latest|last|recent)\s+(?:[\w'-]+\s+){0,2}$)|(?:\b(?:an?)\s+$)", re.IGNORECASE)
_COMPAT_GROUPS = [
    frozenset({EventType.REMOTE_EXPLOSIVE, EventType.SUICIDE_BOMB}),
    frozenset({EventType.PROTEST, EventType.RIOT}),
    frozenset({EventType.ARMED_CLASH, EventType.ATTACK}),
]


def _compile_triggers(learned: dict[str, EventType]) -> list[tuple[_Entry, re.Pattern[str]]]:
    compiled: list[tuple[_Entry, re.Pattern[str]]] = []
    for t in TRIGGERS:
        entry = _Entry(t.key, t.type, t.anaphor, t.by_context, False)
        compiled.append((entry, re.compile(rf"(?<![\w-])(?:{t.pattern})(?![\w-])", re.IGNORECASE)))
    for literal, type_ in sorted(learned.items()):
        words = [re.escape(w) for w in literal.split(" ")]
        pattern = r"\s+".join(words)
        entry = _Entry("lit:" + literal, type_, False, False, True)
        compiled.append((entry, re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", re.IGNORECASE)))
    return compiled


_WEAPON_RES = [(re.compile(rf"(?<![\w-])(?:{p})(?![\w-])", re.IGNORECASE), c) for p, c in WEAPONS]


def _weapon_spans(text: str) -> list[tuple[int, int, WeaponCategory]]:
    found: list[tuple[int, int, WeaponCategory]] = []
    for pattern, category in _WEAPON_RES:
        for m in pattern.finditer(text):
            found.append((m.start(), m.end(), category))
    return _non_overlapping(found)


def _non_overlapping(items: list[tuple[int, int, WeaponCategory]]) -> list[tuple[int, int, WeaponCategory]]:
    items = sorted(items, key=lambda x: (x[0], -(x[1] - x[0])))
    out: list[tuple[int, int, WeaponCategory]] = []
    last = -1
    for s, e, c in items:
        if s >= last:
            out.append((s, e, c))
            last = e
    return out


_WEAPON_NOUN_KEYS = frozenset({"ied", "bombing", "landmine"})


def _suicide_context(sentence_text: str) -> bool:
    return bool(re.search(r"\bsuicide\b|blew\s+(?:himself|herself|themselves)\s+up|S?VBIED", sentence_text, re.I))


class _CandidateFinder:
    """Trigger candidates of a text: seed and learned patterns, overlaps resolved, context attached."""

    def __init__(self, learned: dict[str, EventType]) -> None:
        self.patterns = _compile_triggers(learned)

    def find(self, text: str, sentences: SentenceIndex) -> list[_Cand]:
        raw: list[_Cand] = []
        for entry, pattern in self.patterns:
            for m in pattern.finditer(text):
                raw.append(_Cand(m.start(), m.end(), m.group(0), entry))
        # longest first; at equal length a learned literal beats a seed pattern
        raw.sort(key=lambda c: (-(c.end - c.start), not c.entry.learned, c.start))
        taken: list[tuple[int, int]] = []
        kept: list[_Cand] = []
        for c in raw:
            if any(overlaps((c.start, c.end), t) for t in taken):
                continue
            sent = sentences.of(c.start)
            s_start = sentences.spans[sent][0] if sentences.spans else 0
            if c.text[0].isupper() and c.start != s_start and sum(ch.isupper() for ch in c.text) < 2 and \
                    not re.search(r"[:;(\"“'‘—–-]\s*$", text[max(s_start, c.start - 3):c.start]):
                continue  # part of a name ("Security Media Cell"), not an event word
            taken.append((c.start, c.end))
            c.sentence = sent
            kept.append(c)
        kept.sort(key=lambda c: c.start)
        # "A roadside bomb struck ...": the weapon is not the trigger when an event word follows it
        kept = [c for i, c in enumerate(kept)
                if not (c.entry.key in _WEAPON_NOUN_KEYS and i + 1 < len(kept)
                        and re.fullmatch(r"\s+(?:[\w-]+\s+){0,2}", text[c.end:kept[i + 1].start])
                        and kept[i + 1].entry.key not in _WEAPON_NOUN_KEYS)]
        weapons = _weapon_spans(text)
        for c in kept:
            c.context = self._context(text, c, weapons, sentences)
        return kept

    @staticmethod
    def _context(text: str, cand: _Cand, weapons: list[tuple[int, int, WeaponCategory]],
                 sentences: SentenceIndex) -> str:
        s_start, s_end = sentences.spans[cand.sentence] if sentences.spans else (0, len(text))
        if _suicide_context(text[s_start:s_end]):
            return "suicide"
        best: tuple[int, WeaponCategory] | None = None
        for ws, we, cat in weapons:
            if ws >= s_start and we <= s_end and not overlaps((ws, we), (cand.start, cand.end)):
                dist = min(abs(ws - cand.end), abs(cand.start - we))
                if best is None or dist < best[0]:
                    best = (dist, cat)
        if best is None:
            # a weapon inside the trigger itself ("drone strike", "rocket fire")
            for ws, we, cat in weapons:
                if overlaps((ws, we), (cand.start, cand.end)):
                    return cat.value
            return ""
        return best[1].value


# --------------------------------------------------------------------------- the baseline


class Baseline:
    """A rule-based extractor whose gazetteers and trigger statistics come from training documents."""

    def __init__(self, *, actors: dict[str, ActorRecord], locations: dict[str, LocationRecord],
                 trigger_stats: dict[str, TriggerStats], learned_triggers: dict[str, EventType],
                 head_types: dict[str, ActorType], merge_stats: dict[tuple[str, int, bool], tuple[int, int]] | None = None,
                 settings: BaselineSettings | None = None) -> None:
        self.merge_stats = merge_stats or {}
        self.actors = actors
        self.locations = locations
        self.trigger_stats = trigger_stats
        self.learned_triggers = learned_triggers
        self.head_types = head_types
        self.settings = settings or BaselineSettings()
        self._finder = _CandidateFinder(learned_triggers)
        self._actor_re = _literal_regex(actors)
        self._location_re = _literal_regex(locations)

    def __getstate__(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items()}

    # ----------------------------------------------------------------- learning

    @classmethod
    def from_training(cls, docs: Iterable[Document], settings: BaselineSettings | None = None) -> Baseline:
        """Learn gazetteers and trigger statistics from gold training documents (and nothing else)."""
        settings = settings or BaselineSettings()
        train = list(docs)
        actor_votes: dict[str, Counter[tuple[str, ActorType, str | None]]] = defaultdict(Counter)
        location_votes: dict[str, Counter[tuple[str, LocationPrecision, str | None, str | None]]] = defaultdict(Counter)
        literal_docs: dict[str, set[str]] = defaultdict(set)
        literal_types: dict[str, Counter[EventType]] = defaultdict(Counter)
        head_votes: dict[str, Counter[ActorType]] = defaultdict(Counter)
        for doc in train:
            starts = _sentence_starts(doc.text)
            for actor in doc.actors:
                record = (actor.name, actor.type, actor.country)
                names = [actor.name, *actor.aliases] + [m.text for m in actor.mentions
                                                        if m.start is None or m.start not in starts]
                names += [m.text for m in actor.mentions if m.start in starts and _is_proper(m.text, initial=True)]
                for name in names:
                    if _is_proper(name):
                        actor_votes[name.strip()][record] += 1
                for m in actor.mentions:
                    head = _description_head(m.text)
                    if head:
                        head_votes[head][actor.type] += 1
            for loc in doc.locations:
                record_l = (loc.name, loc.precision, loc.country, loc.admin1)
                loc_names = [loc.name, *loc.aliases] + [m.text for m in loc.mentions
                                                        if m.start is None or m.start not in starts]
                loc_names += [m.text for m in loc.mentions if m.start in starts and _is_proper(m.text, initial=True)]
                for name in loc_names:
                    if _is_proper(name):
                        location_votes[name.strip()][record_l] += 1
            for ev in doc.events:
                for trig in ev.triggers:
                    literal = norm(trig.text)
                    if literal and len(literal) > 2 and not literal[0].isdigit():
                        literal_docs[literal].add(doc.id)
                        literal_types[literal][ev.type] += 1
        actors = {name: ActorRecord(*votes.most_common(1)[0][0]) for name, votes in actor_votes.items()}
        # a string that is more often a place than an actor is a place
        locations = {name: LocationRecord(*votes.most_common(1)[0][0]) for name, votes in location_votes.items()
                     if sum(votes.values()) >= sum(actor_votes.get(name, Counter()).values())}
        actors = {n: r for n, r in actors.items() if n not in locations}
        seed_finder = _CandidateFinder({})
        learned: dict[str, EventType] = {}
        for literal, docs_seen in literal_docs.items():
            if len(docs_seen) < settings.learned_min_docs:
                continue
            learned[literal] = literal_types[literal].most_common(1)[0][0]
        # drop learned literals the seed lexicon already finds exactly
        probe_sentences = SentenceIndex([(0, 10_000)])
        for literal in list(learned):
            found = seed_finder.find(literal, probe_sentences)
            if len(found) == 1 and found[0].start == 0 and found[0].end == len(literal):
                del learned[literal]
        finder = _CandidateFinder(learned)
        stats: dict[str, TriggerStats] = defaultdict(TriggerStats)
        for doc in train:
            sentences = SentenceIndex(split_sentences(doc.text))
            gold = [(m.start, m.end, ev.id, ev.type) for ev in doc.events for m in ev.triggers
                    if m.start is not None and m.end is not None]
            first_start: dict[str, int] = {}
            for s, _, ev_id, _ in sorted(gold):
                first_start.setdefault(ev_id, s)
            for cand in finder.find(doc.text, sentences):
                hit = next(((s, e, i, t) for s, e, i, t in gold if overlaps((s, e), (cand.start, cand.end))), None)
                # statistics per seed entry and per word form, so "closed" and "suspended" can differ
                for st in (stats[cand.entry.key], stats[_word_key(cand.text)]):
                    st.total += 1
                    if hit is None:
                        continue
                    st.positive += 1
                    st.docs.add(doc.id)
                    st.types[hit[3]] += 1
                    st.context_types[cand.context][hit[3]] += 1
                    if first_start[hit[2]] < hit[0]:
                        st.later_mention += 1
        head_types = {h: votes.most_common(1)[0][0] for h, votes in head_votes.items()}
        return cls(actors=actors, locations=locations, trigger_stats=dict(stats), learned_triggers=learned,
                   head_types=head_types, merge_stats=_merge_statistics(train), settings=settings)

    def same_event_rate(self, type_: EventType, gap: int, same_word: bool) -> float | None:
        """How often, in training, a trigger was the same event as the nearest earlier trigger of its type
        ``gap`` sentences before (None when seen fewer than 3 times)."""
        same, total = self.merge_stats.get((type_.value, gap, same_word), (0, 0))
        return same / total if total >= 3 else None

    # ----------------------------------------------------------------- extraction

    def __call__(self, doc: Document) -> Document:
        return _Extraction(self, doc).run()

    def trigger_precision(self, cand: _Cand) -> float:
        """How often this word form (backed off to its seed entry, then to a prior) was a trigger in training."""
        entry = cand.entry
        prior = self.settings.seed_prior if not entry.learned else 0.5
        if entry.by_context:
            prior = self.settings.seed_prior * 0.6
        k = self.settings.smoothing
        st = self.trigger_stats.get(entry.key)
        p_entry = prior if st is None else (st.positive + k * prior) / (st.total + k)
        word = self.trigger_stats.get(_word_key(cand.text))
        if word is None:
            return p_entry
        return (word.positive + k * p_entry) / (word.total + k)

    def trigger_type(self, cand: _Cand) -> EventType | None:
        """The event type of a trigger: training votes for this word in this context, backed off to the word,
        its seed entry, and the type the seed lexicon (or a weapon named nearby) suggests."""
        if cand.context == "suicide" and (cand.entry.type in (EventType.REMOTE_EXPLOSIVE, None)
                                          or cand.entry.key in ("attack", "blast", "bombing")):
            return EventType.SUICIDE_BOMB
        default = cand.entry.type
        if cand.entry.by_context and cand.context and cand.context != "suicide":
            default = WEAPON_EVENT_TYPE.get(WeaponCategory(cand.context), default)
        votes: dict[EventType, float] = defaultdict(float)
        if default is not None:
            votes[default] += 1.5
        word = self.trigger_stats.get(_word_key(cand.text))
        entry = self.trigger_stats.get(cand.entry.key)
        for stats, weight_ctx, weight_all in ((word, 1.0, 0.5), (entry, 0.3, 0.1)):
            if stats is None:
                continue
            for t, n in stats.context_types.get(cand.context, Counter()).items():
                votes[t] += weight_ctx * n
            for t, n in stats.types.items():
                votes[t] += weight_all * n
        if not votes:
            return None
        best = max(votes.values())
        return min((t for t, v in votes.items() if v == best), key=lambda t: list(EventType).index(t))

    def is_anaphor(self, entry: _Entry) -> bool:
        st = self.trigger_stats.get(entry.key)
        if st is not None and st.positive >= 3:
            return st.later_mention / st.positive >= self.settings.coref_rate
        return entry.anaphor


def _merge_statistics(docs: list[Document]) -> dict[tuple[str, int, bool], tuple[int, int]]:
    """For each gold trigger and the nearest earlier trigger of the same type at most 2 sentences before:
    (type, sentence gap, same word) -> (same event, all)."""
    counts: dict[tuple[str, int, bool], list[int]] = defaultdict(lambda: [0, 0])
    for doc in docs:
        sentences = SentenceIndex(split_sentences(doc.text))
        triggers = sorted((m.start, sentences.of(m.start), _word_key(m.text), ev.type.value, ev.id)
                          for ev in doc.events for m in ev.triggers if m.start is not None)
        for j, (_, sent, word, type_, ev_id) in enumerate(triggers):
            previous = [t for t in triggers[:j] if t[3] == type_ and 0 <= sent - t[1] <= 2]
            if not previous:
                continue
            _, p_sent, p_word, _, p_ev = previous[-1]
            key = (type_, sent - p_sent, word == p_word)
            counts[key][1] += 1
            counts[key][0] += int(ev_id == p_ev)
    return {k: (v[0], v[1]) for k, v in counts.items()}


def _word_key(text: str) -> str:
    return "w:" + re.sub(r"\s+", " ", text.lower())


def _literal_regex(records: Mapping[str, object]) -> re.Pattern[str] | None:
    if not records:
        return None
    names = sorted(records, key=len, reverse=True)
    alternation = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?<![\w'’-])(?:{alternation})(?![\w'’-])")


def _is_proper(name: str, *, initial: bool = False) -> bool:
    """Whether ``name`` is written as a proper name. ``initial``: it starts a sentence, so its first capital
    proves nothing and another capitalised word (or an all-capitals acronym) is needed."""
    t = name.strip()
    if not t or t[0].islower() and not re.match(r"(?:al|el|ad|ar|as|ash|an|at|az|ed)-[A-Z]", t):
        return False
    words = t.split()
    if words[0].lower() in COMMON_CAPITALISED and len(words) == 1:
        return False
    if initial:
        return any(w[:1].isupper() for w in words[1:]) or (len(words[0]) > 1 and words[0].isupper())
    return any(w[:1].isupper() for w in words) and len(t) >= 2


def _sentence_starts(text: str) -> set[int]:
    """Offsets where a sentence, a line or a heading's text begins (capitals there prove nothing)."""
    starts = {s for s, _ in split_sentences(text)}
    starts |= {m.end() for m in re.finditer(r"[:;]\s+", text)}
    return starts


_HEAD_RE = re.compile("|".join(rf"(?:{p})" for p, _ in ACTOR_HEADS), re.IGNORECASE)


def _description_head(text: str) -> str | None:
    matches = list(_HEAD_RE.finditer(text))
    m = matches[-1] if matches else None
    if m is None or m.end() != len(text.rstrip()):
        return None
    return m.group(0).lower()


# --------------------------------------------------------------------------- one document


_NATIONALITY_ALT = "|".join(f"(?:{p})" for p, _ in NATIONALITIES)
_NATIONALITY_RE = re.compile(rf"(?<![\w-])(?:{_NATIONALITY_ALT})(?![\w-])")
_NATIONALITY_CODES = [(re.compile(rf"^(?:{p})$"), code) for p, code in NATIONALITIES]
_ACTOR_DESCRIPTION_RE = re.compile(
    rf"(?<![\w-])(?:(?:the|The)\s+)?(?P<body>(?:(?:{_NATIONALITY_ALT})\s+)?(?:{ACTOR_MODIFIERS})*"
    rf"(?P<head>{'|'.join(f'(?:{p})' for p, _ in ACTOR_HEADS)}))(?![\w-])",
    re.IGNORECASE)
_VICTIM_HEAD = "|".join(f"(?:{p})" for p, _ in VICTIM_WORDS)
_VICTIM_RES = [(re.compile(rf"^(?:{p})$", re.IGNORECASE), cat) for p, cat in VICTIM_WORDS]
_OUTCOME_RES = [(o, re.compile(rf"(?<![\w-])(?:{p})(?![\w-])", re.IGNORECASE)) for o, p in OUTCOME_WORDS]
_VICTIM_NP = re.compile(
    rf"\s+(?P<mods>(?:(?!(?:were|was|and|in|who|had|have|at|on|by|after|during|when|while)\b)[\w.'’-]+\s+){{0,3}}?)"
    rf"(?P<head>{_VICTIM_HEAD})(?![\w-])"
    rf"(?P<of>\s+of\s+(?:the\s+)?(?:[A-Z][\w'’-]*|al-[A-Z][\w'’-]*)(?:\s+(?:of\s+|al\s+)?[A-Z][\w'’-]*)*"
    rf"(?:\s+\([A-Z][A-Za-z]*\))?)?")
_SINGLE_VICTIM = re.compile(rf"(?<![\w-])(?:a|an|one)(?=\s+(?:[\w.'’-]+\s+){{0,2}}?(?:{_VICTIM_HEAD})(?![\w-]))",
                            re.IGNORECASE)
_SOURCE_RE = re.compile(r"\baccording\s+to\b|\b(?:said|says|reported|report|told|stated|confirmed|announced|"
                        r"claimed|indicated|added|noted)\b", re.IGNORECASE)
_PLACE_KIND_RE = [(re.compile(rf"(?<![\w-])(?P<name>(?:[A-Z][\w'’-]*|(?:al|el|ad|ar|as|ash|an)-[A-Z][\w'’-]*)"
                              rf"(?:[\s-](?:al-|el-)?[A-Z][\w'’-]*)*)\s+(?:{kind})(?![\w-])"), precision)
                  for kind, precision in LOCATION_KINDS]
_PLACE_KIND_OF_RE = re.compile(rf"\b(?:{'|'.join(k for k, p in LOCATION_KINDS if p in ('region', 'district'))})\s+of\s+"
                               rf"(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)")
_PLACE_PREP_RE = re.compile(
    r"\b(?P<prep>in|near|at|outside|around|from|into|across|towards?|inside|throughout|of|between|and|to|"
    r"north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west)"
    r"(?:\s+of)?\s+(?:the\s+)?(?=[A-Z]|(?:al|el|ad|ar|as|ash|an)-[A-Z])")
_MONTHS_WEEKDAYS = frozenset("""january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday""".split())
_COUNTRY_NAMES: dict[str, str] = {}
for _pattern, _code in NATIONALITIES:
    for _alt in _pattern.split("|"):
        _plain = _alt.replace("\\s+", " ").replace("\\.", ".")
        if not re.search(r"(?:an|ian|ese|i|ish|ch|ic|er|ine|ine)$", _plain) or _plain in (
                "Iran", "Pakistan", "Afghanistan", "Sudan", "Oman", "Jordan", "Azerbaijan", "Tajikistan",
                "Kyrgyzstan", "Kazakhstan", "Mali", "Niger", "Chad", "Yemen", "Benin", "Haiti", "Burundi", "Nepal",
                "Israel", "Lebanon", "Ukraine", "Libya", "Syria", "Russia", "India", "Nigeria", "Somalia", "Kenya",
                "Ethiopia", "Egypt", "Tunisia", "Algeria", "Colombia", "Venezuela", "Mozambique", "Uganda",
                "Cameroon", "Congo", "Myanmar", "Burma", "Iraq"):
            if _plain not in ("Iraqi", "US", "UK") and not _plain.endswith(("ian", "ese")):
                _COUNTRY_NAMES[_plain] = _code
_FACILITY_WORDS = re.compile(r"\b(?:base|airbase|air\s+base|camp|checkpoint|outpost|post|barracks|station|"
                             r"compound|embassy|consulate|convoy|patrol)s?\b", re.IGNORECASE)
_ARMED_TYPES = frozenset({ActorType.STATE_MILITARY, ActorType.POLICE, ActorType.OTHER_STATE_FORCES,
                          ActorType.NON_STATE_ARMED_GROUP, ActorType.INTERNATIONAL_FORCES})
_STATE_TYPES = frozenset({ActorType.STATE_MILITARY, ActorType.POLICE, ActorType.OTHER_STATE_FORCES,
                          ActorType.GOVERNMENT, ActorType.INTERNATIONAL_FORCES, ActorType.DIPLOMATIC_MISSION})
#: Keywords anywhere in a description that decide its type, strongest first.
_DESCRIPTION_KEYWORDS: list[tuple[str, ActorType]] = [
    (r"\b(?:sources|witnesses|suspects?)$", ActorType.UNKNOWN),
    (r"\b(?:peacekeep|coalition|multinational)", ActorType.INTERNATIONAL_FORCES),
    (r"\b(?:embassy|consulate|diplomat)", ActorType.DIPLOMATIC_MISSION),
    (r"\b(?:protesters|protestors|demonstrators|marchers)\b", ActorType.PROTESTERS),
    (r"\b(?:rioters)\b", ActorType.RIOTERS),
    (r"\b(?:gunmen|militants?|insurgents?|rebels?|jihadists?|militia|bandits|extremists|attackers|assailants|"
     r"fighters|terrorists|armed\s+men|gang)", ActorType.NON_STATE_ARMED_GROUP),
    (r"\b(?:security\s+forces|security\s+personnel|border\s+guard|intelligence|paramilitar|gendarm|"
     r"national\s+guard)", ActorType.OTHER_STATE_FORCES),
    (r"\bpolice", ActorType.POLICE),
    (r"\b(?:army|military|soldiers?|troops|armed\s+forces|servicem|service\s+members|marines|navy|air\s+force|"
     r"commandos?|special\s+forces)", ActorType.STATE_MILITARY),
    (r"\b(?:government|authorities|officials?|ministry|minister|governor|spokes|administration|council|mayor|"
     r"president|cabinet|prosecutor)", ActorType.GOVERNMENT),
]
_SINGLE_WORD_GROUPS = re.compile(r"Taliban|Hezbollah|Hizballah|Hamas|Shabaab|Shabab|Houthis?|Huthis?|Wagner|ISIS|ISIL|"
                                 r"Daesh|Polisario|Peshmerga|Hashd|Mujahideen|Ansaru|Janjaweed")
_CATEGORY_ACTOR_TYPE = {
    VictimCategory.MILITARY: ActorType.STATE_MILITARY,
    VictimCategory.POLICE: ActorType.POLICE,
    VictimCategory.CIVILIAN: ActorType.CIVILIANS,
    VictimCategory.MILITANT: ActorType.NON_STATE_ARMED_GROUP,
    VictimCategory.UNKNOWN: ActorType.UNKNOWN,
}
_OUTCOME_EVENT_TYPES: dict[CasualtyOutcome, frozenset[EventType]] = {
    CasualtyOutcome.KILLED: VIOLENT_TYPES,
    CasualtyOutcome.INJURED: VIOLENT_TYPES,
    CasualtyOutcome.MISSING: VIOLENT_TYPES,
    CasualtyOutcome.ABDUCTED: frozenset({EventType.ABDUCTION}),
    CasualtyOutcome.ARRESTED: frozenset({EventType.ARREST}),
}


@dataclass
class _ActorMention:
    start: int
    end: int
    key: str
    name: str
    type: ActorType
    country: str | None
    kind: str  # "gazetteer", "named", "description", "victim"
    entity: str = ""


@dataclass
class _LocMention:
    start: int
    end: int
    key: str
    name: str
    precision: LocationPrecision
    country: str | None
    admin1: str | None
    entity: str = ""


@dataclass
class _Ev:
    type: EventType
    modality: Modality
    triggers: list[_Cand]
    score: float
    id: str = ""

    @property
    def sentences(self) -> list[int]:
        return sorted({t.sentence for t in self.triggers})

    @property
    def last_sentence(self) -> int:
        return max(t.sentence for t in self.triggers)


@dataclass
class _Cas:
    start: int
    end: int
    outcome: CasualtyOutcome
    quantity: Quantity
    category: VictimCategory
    nationality: str | None
    sentence: int
    total: _Cas | None = None
    actor: str | None = None
    event: _Ev | None = None
    id: str = ""


class _Extraction:
    def __init__(self, model: Baseline, doc: Document) -> None:
        self.m = model
        self.doc = doc
        self.text = doc.text
        self.sentences = SentenceIndex(split_sentences(doc.text))
        country = doc.metadata.get("country")
        self.doc_country = country if isinstance(country, str) else None
        comment = COMMENT_SECTION.search(doc.text)
        self.comment_start = comment.start() if comment else None

    # ----------------------------------------------------------------- pipeline

    def run(self) -> Document:
        self.times = self._times()
        self.weapons = self._weapons()
        self.casualties = self._casualty_phrases()
        self.actor_mentions = self._actors()
        self.loc_mentions = self._locations()
        events = self._events()
        self._attach_casualties(events)
        return self._build(events)

    # ----------------------------------------------------------------- sentences

    def _sentence_text(self, i: int) -> tuple[int, str]:
        s, e = self.sentences.spans[i]
        return s, self.text[s:e]

    def _sentence_range(self, i: int) -> tuple[int, int]:
        return self.sentences.spans[i]

    # ----------------------------------------------------------------- times

    def _times(self) -> list[DateMatch]:
        """Time expressions sentence by sentence (future-looking sentences read dates forward)."""
        out: list[DateMatch] = []
        anchor = None
        for i in range(len(self.sentences)):
            s, e = self._sentence_range(i)
            future = bool(FUTURE_CUES.search(self.text, s, e))
            for m in find_dates(self.text, self.doc.published, future=future, start=s, end=e, anchor=anchor):
                out.append(m)
                if m.value.precision.value == "day" and m.value.start == m.value.end:
                    anchor = m.value.start
        return out

    # ----------------------------------------------------------------- weapons

    def _weapons(self) -> list[tuple[int, int, str, WeaponCategory, Quantity | None]]:
        out = []
        for s, e, cat in _weapon_spans(self.text):
            quantity = None
            start = s
            for q in find_quantities(self.text, start=max(0, s - 40), end=s):
                if re.fullmatch(r"\s+(?:[\w-]+\s+)?", self.text[q.end:s]):
                    quantity, start = q.quantity, q.start
            if quantity is not None and quantity.qualifier is CountQualifier.EXACT and quantity.low == 1:
                quantity, start = None, s
            out.append((start, e, self.text[s:e], cat, quantity))
        return out

    # ----------------------------------------------------------------- casualties (phrases only)

    def _casualty_phrases(self) -> list[_Cas]:
        found: list[_Cas] = []
        for i in range(len(self.sentences)):
            s, e = self._sentence_range(i)
            counts = [(q.start, q.end, q.quantity) for q in find_quantities(self.text, start=s, end=e)]
            for m in _SINGLE_VICTIM.finditer(self.text, s, e):
                if not any(overlaps((m.start(), m.end()), (a, b)) for a, b, _ in counts):
                    counts.append((m.start(), m.end(),
                                   Quantity(qualifier=CountQualifier.EXACT, low=1, best=1, high=1)))
            counts.sort(key=lambda c: c[0])
            phrases: list[_Cas] = []
            last_end = -1
            for cs, ce, quantity in counts:
                if cs < last_end:
                    continue
                np_match = _VICTIM_NP.match(self.text, ce, e)
                if np_match is not None and self._is_weapon_or_place_word(np_match):
                    np_match = None
                if np_match is not None:
                    end = np_match.end()
                    head = np_match.group("head")
                    category = self._category(head, np_match.group("of") or "", np_match.group("mods"))
                    nationality = self._nationality(np_match.group("mods") + " " + (np_match.group("of") or ""))
                else:
                    if self.text[cs:ce].lower() in ("a", "an", "one"):
                        continue
                    end = ce
                    category = VictimCategory.UNKNOWN
                    nationality = None
                last_end = end
                phrases.append(_Cas(cs, end, CasualtyOutcome.KILLED, quantity, category, nationality, i))
            found.extend(self._group_and_decide(phrases, s, e))
        self._settle_victims(found)
        return found

    def _settle_victims(self, found: list[_Cas]) -> None:
        """Categories of elliptical figures ("18 wounded", "several others") and the nationality convention."""
        previous: _Cas | None = None
        for cas in found:
            phrase = self.text[cas.start:cas.end]
            elliptical = cas.category is VictimCategory.UNKNOWN and (
                re.fullmatch(rf"(?:{NUMBER}|[\w\s-]+?)", phrase, re.I) is not None
                and not re.search(r"\b(?:suspects?|people|persons|detainees|prisoners|inmates|victims)\b", phrase, re.I))
            if elliptical and previous is not None and cas.sentence - previous.sentence <= 1:
                cas.category = previous.category
                cas.nationality = previous.nationality
            # the gold convention: state forces carry their state's nationality, others only a foreign one
            if cas.category in (VictimCategory.MILITARY, VictimCategory.POLICE):
                if cas.nationality is None:
                    cas.nationality = self.doc_country
            elif cas.nationality == self.doc_country:
                cas.nationality = None
            previous = cas

    def _group_and_decide(self, phrases: list[_Cas], s: int, e: int) -> list[_Cas]:
        """Join conjoined figures, find each group's outcome, link breakdowns to their totals."""
        groups: list[list[_Cas]] = []
        for p in phrases:
            if groups:
                prev = groups[-1][-1]
                between = self.text[prev.end:p.start]
                if re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", between):
                    groups[-1].append(p)
                    continue
            groups.append([p])
        out: list[_Cas] = []
        for group in groups:
            has_np = any(p.end > p.start and not re.fullmatch(rf"(?:{NUMBER}|\w+\s+{NUMBER})", self.text[p.start:p.end],
                                                               re.I) for p in group)
            outcome = self._outcome(group[0].start, group[-1].end, s, e, has_np=has_np)
            if outcome is None and out and re.match(
                    r"\s*,?\s*(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them)\s*$",
                    self.text[out[-1].end:group[0].start], re.I):
                outcome = out[-1].outcome  # a breakdown of the figure before it
            if outcome is None:
                continue
            merged: list[_Cas] = []
            for p in group:
                p.outcome = outcome
                last = merged[-1] if merged else None
                if last is not None and last.category == p.category and \
                        last.quantity.qualifier is CountQualifier.EXACT and \
                        p.quantity.qualifier is CountQualifier.EXACT and \
                        last.quantity.low is not None and p.quantity.low is not None:
                    total = last.quantity.low + p.quantity.low
                    last.end = p.end
                    last.quantity = Quantity(qualifier=CountQualifier.EXACT, low=total, best=total, high=total)
                    continue
                merged.append(p)
            out.extend(merged)
        # "at least nine people, including three police officers and a child"
        for idx, p in enumerate(out):
            for prev in reversed(out[:idx]):
                between = self.text[prev.end:p.start]
                if re.match(r"\s*,?\s*(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them)\b", between,
                            re.I) and prev.total is None:
                    p.total = prev
                    p.outcome = prev.outcome
                    break
                if prev.total is not None and re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", between):
                    p.total = prev.total
                    p.outcome = prev.outcome
                    break
                break
        return out

    def _is_weapon_or_place_word(self, np_match: re.Match[str]) -> bool:
        mods = np_match.group("mods") or ""
        return bool(re.search(r"\b(?:rockets?|missiles?|mortars?|shells|vehicles?|houses?|homes|buildings?|"
                              r"villages?|hours?|days?|weeks?|km|kilometres?|miles?|metres?)\b", mods, re.I))

    @staticmethod
    def _category(head: str, of_part: str, mods: str) -> VictimCategory:
        if of_part and re.search(r"\b(?:Forces|Army|Police|Guard)\b", of_part) and \
                not re.search(r"\bDemocratic|Liberation|Rapid\b", of_part):
            if re.search(r"Police", of_part):
                return VictimCategory.POLICE
            return VictimCategory.MILITARY
        if of_part:
            return VictimCategory.MILITANT
        if re.search(r"\bpolice\b", mods, re.I) and re.fullmatch(r"officers?", head, re.I):
            return VictimCategory.POLICE
        if re.search(r"\b(?:army|military)\b", mods, re.I) and re.fullmatch(r"officers?", head, re.I):
            return VictimCategory.MILITARY
        for pattern, category in _VICTIM_RES:
            if pattern.match(head):
                return category
        return VictimCategory.UNKNOWN

    @staticmethod
    def _nationality(words: str) -> str | None:
        for m in _NATIONALITY_RE.finditer(words):
            for pattern, code in _NATIONALITY_CODES:
                if pattern.match(m.group(0)):
                    return code
        return None

    def _outcome(self, cs: int, ce: int, s: int, e: int, *, has_np: bool) -> CasualtyOutcome | None:
        after = self.text[ce:e]
        before = self.text[s:cs]
        # passive or resultative after the phrase: "three soldiers were killed", "12 dead"
        m_after = re.match(r"^(?:\s*,)?\s+(?:(?:who|that)\s+)?(?:(?:were|was|have|has|had|been|are|is|being|reportedly|"
                           r"also|later|all|subsequently|allegedly|critically|seriously|severely|slightly|lightly|"
                           r"fatally|badly|left|reported|confirmed|believed|to\s+have|to\s+be)\s+){0,4}", after, re.I)
        tail = after[m_after.end():] if m_after else after
        best: tuple[int, CasualtyOutcome] | None = None
        for outcome, pattern in _OUTCOME_RES:
            m = pattern.match(tail)
            if m:
                best = (0, CasualtyOutcome(outcome))
                break
        if best is not None:
            return best[1]
        # active before the phrase: "killing three soldiers", "wounded 14 others", "left 12 dead"
        window = before[-45:]
        hits: list[tuple[int, CasualtyOutcome]] = []
        for outcome, pattern in _OUTCOME_RES:
            for m in pattern.finditer(window):
                between = window[m.end():]
                if re.search(r"[.;]|\band\b\s+(?!\w+\s+(?:others|people))", between):
                    continue
                if len(between.split()) <= 3:
                    hits.append((len(window) - m.end(), CasualtyOutcome(outcome)))
        if hits:
            if re.search(r"^\s+(?:dead|killed)\b", after, re.I):
                return CasualtyOutcome.KILLED
            return min(hits, key=lambda h: h[0])[1]
        if re.match(r"^\s+(?:dead|killed)\b", after, re.I) or (
                re.search(r"\b(?:left|leaving)\s+$", before, re.I) and re.match(r"^\s+dead\b", after, re.I)):
            return CasualtyOutcome.KILLED
        if re.search(r"death\s+toll\b[^.;]{0,40}$", before, re.I):
            return CasualtyOutcome.KILLED
        if not has_np:
            return None
        return None

    # ----------------------------------------------------------------- actors

    def _actors(self) -> list[_ActorMention]:
        text = self.text
        mentions: list[_ActorMention] = []
        taken: list[tuple[int, int]] = []

        def add(mention: _ActorMention) -> None:
            if any(overlaps((mention.start, mention.end), t) for t in taken):
                return
            taken.append((mention.start, mention.end))
            mentions.append(mention)

        # victims of casualty figures are actors of their own
        for cas in self.casualties:
            atype = _CATEGORY_ACTOR_TYPE[cas.category]
            if cas.nationality and self.doc_country and cas.nationality != self.doc_country and \
                    atype in (ActorType.STATE_MILITARY, ActorType.POLICE):
                atype = ActorType.INTERNATIONAL_FORCES
            if cas.category is VictimCategory.UNKNOWN and cas.outcome is CasualtyOutcome.ARRESTED:
                atype = ActorType.UNKNOWN
            span_text = text[cas.start:cas.end]
            if re.fullmatch(rf"(?:[\w-]+\s+)*?(?:{NUMBER}|dozens|hundreds|several|others|some)", span_text, re.I):
                continue  # a bare figure ("18 wounded") names no group of its own
            mention = _ActorMention(cas.start, cas.end, f"victim:{cas.start}", span_text, atype,
                                    cas.nationality, "victim")
            if any(overlaps((cas.start, cas.end), t) for t in taken):
                continue
            taken.append((cas.start, cas.end))
            mentions.append(mention)
            cas.actor = mention.key
        # known place names are not actors
        loc_spans: list[tuple[int, int]] = []
        if self.m._location_re is not None:
            loc_spans = [(m.start(), m.end()) for m in self.m._location_re.finditer(text)]
        # named groups: a capitalised name with a group word in it
        for span in names_in(text):
            if any(overlaps((span.start, span.end), t) for t in taken):
                continue
            if re.search(r"['’]s$", span.text):  # "Taliban's": the possessive is not part of the name
                span = _Span(span.start, span.end - 2, span.text[:-2])
            if re.search(r"-(?:appointed|backed|linked|led|allied|aligned|affiliated|controlled|held|run)$", span.text):
                continue  # "Taliban-appointed officials": a modifier, not the actor
            known = self.m.actors.get(span.text)
            if known is None and not re.search(rf"\b(?:{GROUP_NAME_WORDS})\b", span.text):
                continue
            if known is None and len(span.text.split()) < 2 and not _SINGLE_WORD_GROUPS.fullmatch(span.text):
                continue  # "Union", "State" alone are not names of groups
            if any(overlaps((span.start, span.end), t) for t in loc_spans) and \
                    not any(t[0] >= span.start and t[1] <= span.end and (t[1] - t[0]) < len(span.text)
                            for t in loc_spans):
                continue
            atype = ActorType.NON_STATE_ARMED_GROUP
            country = None
            inner = next((self.m.actors[m.group(0)] for m in self.m._actor_re.finditer(span.text)), None) \
                if self.m._actor_re is not None else None
            if known is not None:
                atype, country = known.type, known.country
            elif inner is not None:
                atype, country = inner.type, inner.country  # "Islamic State Khorasan Province" is like "Islamic State"
            nat = _NATIONALITY_RE.match(span.text)
            if nat and re.search(r"\b(?:Army|Armed\s+Forces|Navy|Air\s+Force|Defen[cs]e\s+Forces)\b", span.text):
                atype = ActorType.STATE_MILITARY
                country = self._nationality(nat.group(0))
            elif re.search(r"\bPolice\b", span.text):
                atype = ActorType.POLICE
            name = known.name if known is not None else span.text
            add(_ActorMention(span.start, span.end, "name:" + norm(name), name, atype, country, "named"))
            # "Islamic State (IS)": the acronym is an alias of the same actor
            after = re.match(r"\s*\((?P<abbr>[A-Z][A-Za-z'-]{1,9})\)", text[span.end:span.end + 14])
            if after:
                a_s = span.end + after.start("abbr")
                add(_ActorMention(a_s, a_s + len(after.group("abbr")), "name:" + norm(name), name, atype, country,
                                  "named"))
        # the gazetteer learned from the training split
        if self.m._actor_re is not None:
            for m in self.m._actor_re.finditer(text):
                rec = self.m.actors[m.group(0)]
                add(_ActorMention(m.start(), m.end(), "name:" + norm(rec.name), rec.name, rec.type, rec.country,
                                  "gazetteer"))
        # descriptions: "unidentified gunmen", "Iraqi security forces", "local police sources"
        for m in _ACTOR_DESCRIPTION_RE.finditer(text):
            s, e = m.start(), m.end()
            body_start = m.start("body")
            head = m.group("head").lower()
            if any(overlaps((s, e), t) for t in loc_spans):
                continue
            if head in ("people", "men", "man", "women", "woman", "group", "mission", "council", "cells", "cell",
                        "family", "staff", "forces", "officers", "military") and body_start == m.start("head") and \
                    not text[s:body_start].strip():
                continue
            atype = self._description_type(text[body_start:e])
            nat_m = _NATIONALITY_RE.match(text, body_start)
            country = self._nationality(nat_m.group(0)) if nat_m else None
            if country and self.doc_country and country != self.doc_country and \
                    atype in (ActorType.STATE_MILITARY, ActorType.POLICE, ActorType.OTHER_STATE_FORCES):
                atype = ActorType.INTERNATIONAL_FORCES
            if atype in _STATE_TYPES and country is None and self.doc_country and \
                    atype is not ActorType.INTERNATIONAL_FORCES:
                country = self.doc_country
            keep_article = head in ("group", "militants", "gunmen", "attackers", "assailants", "militia")
            start = s if keep_article else body_start
            key = f"desc:{atype.value}:{country}"
            if atype in (ActorType.CIVILIANS, ActorType.UNKNOWN):
                key = f"desc:{atype.value}:{norm(text[body_start:e])}"
            add(_ActorMention(start, e, key, text[body_start:e], atype, country, "description"))
        mentions.sort(key=lambda a: a.start)
        return mentions

    def _description_type(self, body: str) -> ActorType:
        """Actor type of a description: the longest learned head, else the strongest keyword."""
        words = body.split()
        for n in range(min(3, len(words)), 0, -1):
            head = " ".join(words[-n:]).lower()
            if head in self.m.head_types:
                return self.m.head_types[head]
        low = body.lower()
        for pattern, atype in _DESCRIPTION_KEYWORDS:
            if re.search(pattern, low):
                return atype
        return _default_head_type(words[-1].lower()) if words else ActorType.UNKNOWN

    # ----------------------------------------------------------------- locations

    def _locations(self) -> list[_LocMention]:
        text = self.text
        actor_spans = [(a.start, a.end) for a in self.actor_mentions]
        taken: list[tuple[int, int]] = []
        out: list[_LocMention] = []

        def add(m: _LocMention) -> None:
            if any(overlaps((m.start, m.end), t) for t in taken + actor_spans):
                return
            taken.append((m.start, m.end))
            out.append(m)

        for pattern, precision in _PLACE_KIND_RE:
            for m in pattern.finditer(text):
                name = m.group("name")
                if name.split()[0].lower() in COMMON_CAPITALISED or _NATIONALITY_RE.fullmatch(name):
                    continue
                rec = self._gazetteer_location(m.group(0)) or self._gazetteer_location(name)
                key = norm(name)
                full = m.group(0)
                prec = LocationPrecision(precision)
                if rec is not None:
                    add(_LocMention(m.start(), m.end(), norm(rec.name).split(" province")[0], rec.name,
                                    rec.precision, rec.country, rec.admin1))
                else:
                    add(_LocMention(m.start(), m.end(), key, full, prec, self.doc_country, None))
        if self.m._location_re is not None:
            for m in self.m._location_re.finditer(text):
                rec = self.m.locations[m.group(0)]
                add(_LocMention(m.start(), m.end(), _loc_key(rec.name), rec.name, rec.precision, rec.country,
                                rec.admin1))
        for m in _PLACE_PREP_RE.finditer(text):
            prep = m.group("prep").lower()
            names = list(names_in(text, m.end(), min(len(text), m.end() + 60)))
            if not names or names[0].start != m.end():
                continue
            span = names[0]
            first_word = span.text.split()[0].lower()
            if first_word in _MONTHS_WEEKDAYS or first_word in COMMON_CAPITALISED:
                continue
            if re.search(rf"\b(?:{GROUP_NAME_WORDS})\b", span.text) and not re.search(
                    r"\b(?:State|Province)$", span.text):
                continue
            if prep in ("of", "and", "to", "from", "between") and not self._looks_like_place(span.text):
                continue
            if _NATIONALITY_RE.fullmatch(span.text) and span.text not in _COUNTRY_NAMES:
                continue
            if re.match(r"\s*(?:" + "|".join(p for p, _ in ACTOR_HEADS) + r")\b", text[span.end:span.end + 30], re.I):
                continue  # "Iraqi police", "Kurdish forces": a description, not a place
            if span.text in _COUNTRY_NAMES:
                precision = LocationPrecision.COUNTRY
                country: str | None = _COUNTRY_NAMES[span.text]
            elif prep in ("near", "outside", "around") or prep.startswith(("north", "south", "east", "west")):
                precision = LocationPrecision.NEAR
                country = self.doc_country
            else:
                precision = LocationPrecision.EXACT
                country = self.doc_country
            add(_LocMention(span.start, span.end, _loc_key(span.text), span.text, precision, country, None))
        out.sort(key=lambda x: x.start)
        return out

    def _gazetteer_location(self, name: str) -> LocationRecord | None:
        return self.m.locations.get(name)

    def _looks_like_place(self, name: str) -> bool:
        return name in self.m.locations or name in _COUNTRY_NAMES

    # ----------------------------------------------------------------- events

    def _events(self) -> list[_Ev]:
        cands = self.m._finder.find(self.text, self.sentences)
        kept: list[_Cand] = []
        actor_spans = [(a.start, a.end) for a in self.actor_mentions if a.kind in ("gazetteer", "named")]
        loc_spans = [(lm.start, lm.end) for lm in self.loc_mentions]
        for c in cands:
            if any(overlaps((c.start, c.end), sp) for sp in actor_spans + loc_spans):
                continue
            c.score = self.m.trigger_precision(c)
            if c.score < self.m.settings.threshold:
                continue
            c.type = self.m.trigger_type(c)
            kept.append(c)
        previous: _Cand | None = None
        for c in kept:
            c.modality = self._modality(c, previous)
            previous = c
        events: list[_Ev] = []
        for c in kept:
            target = self._antecedent(c, events)
            if target is None:
                if c.type is None or (c.entry.type is None and not c.entry.by_context):
                    continue  # "the incident", or "strike" with nothing to tell its type: only ever refers back
                events.append(_Ev(c.type, c.modality, [c], c.score))
            else:
                target.triggers.append(c)
                if target.type is EventType.PROTEST and c.type is EventType.RIOT:
                    target.type = EventType.RIOT  # a demonstration that "turned violent" is a riot
                target.score = max(target.score, c.score)
        return events

    def _modality(self, c: _Cand, previous: _Cand | None) -> Modality:
        s, e = self.sentences.spans[c.sentence]
        if previous is not None and previous.sentence == c.sentence:
            between = self.text[previous.end:c.start]
            if re.fullmatch(r"\s*(?:,|or|and|nor|,\s*or|,\s*and)\s*(?:[\w-]+\s+)?", between):
                return previous.modality  # "no reports of demonstrations or clashes"
            s = previous.end  # a cue before the previous trigger belongs to it ("No group claimed the attack")
        modality = modality_of(self.text, c.start, c.end, (s, e))
        date = self._trigger_date(c)
        if modality is Modality.ACTUAL and date is not None and date[0] > self.doc.published:  # type: ignore[operator]
            return Modality.HYPOTHETICAL  # dated after the report: planned or announced, not yet happened
        if modality is Modality.ACTUAL and self.comment_start is not None and c.start > self.comment_start \
                and re.search(r"[^s]s$", c.text) and not self._has_date(c):
            # a bare plural or a present-tense verb in the analysis part: a habit, not an incident
            return Modality.GENERIC
        return modality

    def _has_date(self, c: _Cand) -> bool:
        s, e = self.sentences.spans[c.sentence]
        return any(s <= m.start < e for m in self.times)

    def _antecedent(self, c: _Cand, events: list[_Ev]) -> _Ev | None:
        s_start = self.sentences.spans[c.sentence][0]
        left = self.text[max(s_start, c.start - 40):c.start]
        definite = bool(_DEFINITE.search(left))
        new_cue = _NEW_EVENT.search(left)
        if new_cue and not definite and not re.fullmatch(r"(?i)an?\s+", new_cue.group(0)):
            return None  # "another attack", "a separate raid"
        anaphoric = definite or self.m.is_anaphor(c.entry) or c.type is None
        my_date = self._trigger_date(c, attributive_only=definite)
        settings = self.m.settings
        # 1. nearby mention of the same kind of event ("a drone strike" may still join "killed" in its sentence)
        for ev in reversed(events):
            gap = c.sentence - ev.last_sentence
            window = 0 if new_cue and not definite else settings.merge_window
            if gap <= window and ev.modality is c.modality and \
                    self._compatible(ev, c, general=c.type is None or c.entry.by_context) and \
                    self._dates_agree(ev, my_date):
                rate = None if c.type is None or c.entry.by_context or definite else self.m.same_event_rate(
                    c.type, gap, any(_word_key(t.text) == _word_key(c.text) for t in ev.triggers))
                if rate is not None and rate < 0.5:
                    break  # in training, such a pair was usually two events
                return ev
        if not anaphoric or (new_cue and not definite):
            return None
        # 2. a definite description of the same kind of event, anywhere before (dates permitting)
        for ev in reversed(events):
            gap = c.sentence - ev.last_sentence
            if ev.modality is c.modality and self._compatible(ev, c, general=False) and \
                    self._dates_agree(ev, my_date) and (gap <= settings.anaphor_window or (definite and (ev.type is c.type or
                                                                      self._same_date(ev, my_date)))):
                return ev
        # 3. a general word ("the attack", "the incident") for any violent event nearby or on the same date
        for ev in reversed(events):
            gap = c.sentence - ev.last_sentence
            if ev.modality is c.modality and self._compatible(ev, c, general=True) and \
                    self._dates_agree(ev, my_date) and (gap <= settings.anaphor_window or self._same_date(ev, my_date)):
                return ev
        return None

    def _compatible(self, ev: _Ev, c: _Cand, *, general: bool) -> bool:
        if c.type is None:
            return general and ev.type in VIOLENT_TYPES
        if ev.type is c.type:
            return True
        if any(ev.type in g and c.type in g for g in _COMPAT_GROUPS):
            return True
        if general and (c.entry.anaphor or c.entry.by_context or c.entry.key in ("blast", "bombing")) and \
                ev.type in VIOLENT_TYPES and c.type in VIOLENT_TYPES:
            return True
        return False

    def _trigger_date(self, c: _Cand, *, attributive_only: bool = False, reach: int = 60) -> tuple[object, ...] | None:
        """The date said of this trigger: the nearest time expression in its clause, within 60 characters.

        With ``attributive_only`` only a date right before the trigger counts ("the 6 September attack").
        """
        best: tuple[int, tuple[object, ...]] | None = None
        s, e = self.sentences.spans[c.sentence]
        for m in self.times:
            ts, te = m.start, m.end
            if not s <= ts < e:
                continue
            if attributive_only and not (te <= c.start and re.fullmatch(r"[\s'’s-]*(?:[\w-]+\s+)?",
                                                                          self.text[te:c.start])):
                continue
            lo, hi = (te, c.start) if te <= c.start else (c.end, ts)
            if hi - lo > reach or CLAUSE_BREAK.search(self.text, lo, hi) is not None:
                continue
            v = m.value
            dist = hi - lo
            if best is None or dist < best[0]:
                best = (dist, (v.start, v.end))
        return best[1] if best else None

    def _event_dates(self, ev: _Ev) -> list[tuple[object, ...]]:
        return [d for d in (self._trigger_date(t, reach=200) for t in ev.triggers) if d is not None]

    def _event_date(self, ev: _Ev) -> tuple[object, ...] | None:
        dates = self._event_dates(ev)
        return dates[0] if dates else None

    def _dates_agree(self, ev: _Ev, my_date: tuple[object, ...] | None) -> bool:
        other = self._event_date(ev)
        return my_date is None or other is None or other == my_date

    def _same_date(self, ev: _Ev, my_date: tuple[object, ...] | None) -> bool:
        return my_date is not None and self._event_date(ev) == my_date

    # ----------------------------------------------------------------- casualties to events

    def _attach_casualties(self, events: list[_Ev]) -> None:
        for cas in self.casualties:
            if cas.total is not None:
                cas.event = cas.total.event
                continue
            allowed = _OUTCOME_EVENT_TYPES[cas.outcome]
            best: tuple[int, _Ev] | None = None
            for ev in events:
                if ev.type not in allowed:
                    continue
                for t in ev.triggers:
                    if t.sentence == cas.sentence:
                        dist = abs(t.start - cas.start) + (0 if t.start < cas.start else 5)
                        if best is None or dist < best[0]:
                            best = (dist, ev)
            if best is None:
                for ev in reversed(events):
                    if ev.type in allowed and any(cas.sentence - 2 <= t.sentence < cas.sentence for t in ev.triggers):
                        best = (0, ev)
                        break
            if best is not None and best[1].modality is Modality.ACTUAL:
                cas.event = best[1]

    # ----------------------------------------------------------------- output

    def _build(self, events: list[_Ev]) -> Document:
        text = self.text

        def mention(start: int, end: int) -> Mention:
            return Mention(start=start, end=end, text=text[start:end])

        for i, ev in enumerate(events, start=1):
            ev.id = f"e{i}"
        # times: one entity per distinct interval
        times: dict[tuple[object, ...], Time] = {}
        mention_time: dict[int, str] = {}
        for dm in self.times:
            key = (dm.value.start, dm.value.end, dm.value.precision)
            if key not in times:
                times[key] = Time(id=f"t{len(times) + 1}", value=dm.value, relative=dm.relative)
            times[key].mentions.append(mention(dm.start, dm.end))
            mention_time[dm.start] = times[key].id
        # weapons: one entity per name
        weapons: dict[str, Weapon] = {}
        weapon_at: list[tuple[int, int, str]] = []
        for ws, we, name, category, quantity in self.weapons:
            wkey = norm(name)
            if wkey not in weapons:
                weapons[wkey] = Weapon(id=f"w{len(weapons) + 1}", name=name, category=category)
            weapon = weapons[wkey]
            weapon.mentions.append(mention(ws, we))
            if quantity is not None and weapon.quantity is None:
                weapon.quantity = quantity
            weapon_at.append((ws, we, weapon.id))
        # actors: one entity per key
        actors: dict[str, Actor] = {}
        kinds: dict[str, str] = {}
        for am in self.actor_mentions:
            if am.key not in actors:
                actors[am.key] = Actor(id=f"a{len(actors) + 1}", name=am.name, type=am.type, country=am.country)
                kinds[actors[am.key].id] = am.kind
            actor = actors[am.key]
            am.entity = actor.id
            actor.mentions.append(mention(am.start, am.end))
            surface = text[am.start:am.end]
            if am.kind in ("gazetteer", "named") and surface != actor.name and surface not in actor.aliases \
                    and _is_proper(surface):
                actor.aliases.append(surface)
        for actor in actors.values():
            if kinds[actor.id] == "description":
                # the first description with a name in it names the entity ("Chadian army" rather than "army"),
                # else the fullest one
                texts = [re.sub(r"^(?:the|The)\s+", "", m.text) for m in actor.mentions]
                named = [t for t in texts if any(w[:1].isupper() for w in t.split()[1:]) or
                         _NATIONALITY_RE.match(t)]
                actor.name = named[0] if named else max(texts, key=len)
        actor_id_of = {key: a.id for key, a in actors.items()}
        for cas in self.casualties:
            if cas.actor is not None:
                cas.actor = actor_id_of.get(cas.actor)
        # locations: one entity per key
        locations: dict[str, Location] = {}
        for lm in self.loc_mentions:
            if lm.key not in locations:
                locations[lm.key] = Location(id=f"l{len(locations) + 1}", name=lm.name, precision=lm.precision,
                                             country=lm.country, admin1=lm.admin1)
            lm.entity = locations[lm.key].id
            locations[lm.key].mentions.append(mention(lm.start, lm.end))
        # events and their arguments
        used_actors: set[str] = set()
        out_events: list[Event] = []
        actor_type = {a.id: a.type for a in actors.values()}
        for ev in events:
            args = self._arguments(ev, weapon_at)
            hit = {actor_type[ent] for role, ent in args if role in (Role.TARGET, Role.VICTIM) and ent in actor_type}
            if ev.type is EventType.ATTACK and hit & _ARMED_TYPES:
                ev.type = EventType.ARMED_CLASH  # armed violence against armed people is a clash
            elif ev.type is EventType.ARMED_CLASH and hit and not hit & _ARMED_TYPES:
                ev.type = EventType.ATTACK  # against people who cannot fight back
            used_actors |= {ent for role, ent in args if role not in (Role.PLACE, Role.INSTRUMENT)}
            ordered = sorted(ev.triggers, key=lambda t: t.start)
            time_id = next((tid for tid in (self._time_for(t, mention_time) for t in ordered) if tid), None)
            out_events.append(Event(
                id=ev.id, type=ev.type, modality=ev.modality, triggers=[mention(t.start, t.end) for t in ordered],
                time=time_id, arguments=[Argument(role=r, entity=ent) for r, ent in args],
                confidence=round(min(1.0, ev.score), 3)))
        # casualties
        out_cas: list[Casualty] = []
        for cas in self.casualties:
            if cas.event is None or (cas.total is not None and cas.total.id == ""):
                continue
            cas.id = f"c{len(out_cas) + 1}"
            if cas.actor:
                used_actors.add(cas.actor)
            out_cas.append(Casualty(
                id=cas.id, event=cas.event.id, outcome=cas.outcome, count=cas.quantity,
                victim=Victim(actor=cas.actor, category=cas.category, nationality=cas.nationality),
                part_of=cas.total.id if cas.total is not None else None,
                mentions=[mention(cas.start, cas.end)]))
        # a breakdown that cannot fit inside its total is not one
        for total in out_cas:
            parts = [c for c in out_cas if c.part_of == total.id]
            if parts and total.count.high is not None and \
                    sum(c.count.low or 0 for c in parts) > total.count.high:
                for c in parts:
                    c.part_of = None
        # keep named actors; keep descriptions only when they take part in something
        kept_actors = [a for a in actors.values()
                       if kinds[a.id] not in ("description", "victim") or a.id in used_actors
                       or self.m.settings.keep_unused_descriptions]
        kept_ids = {a.id for a in kept_actors}
        for ev_out in out_events:
            ev_out.arguments = [a for a in ev_out.arguments if a.role in (Role.PLACE, Role.INSTRUMENT)
                                or a.entity in kept_ids]
        for cas_out in out_cas:
            if cas_out.victim.actor is not None and cas_out.victim.actor not in kept_ids:
                cas_out.victim.actor = None
        return Document(
            id=self.doc.id, published=self.doc.published, source=self.doc.source, language=self.doc.language,
            metadata=dict(self.doc.metadata), text=text, actors=kept_actors, locations=list(locations.values()),
            times=list(times.values()), weapons=list(weapons.values()), events=out_events, casualties=out_cas)

    def _time_for(self, trig: _Cand, mention_time: dict[int, str]) -> str | None:
        s, e = self.sentences.spans[trig.sentence]
        best: tuple[int, str] | None = None
        for m in self.times:
            ts, te = m.start, m.end
            if not s <= ts < e:
                continue
            lo, hi = (te, trig.start) if te <= trig.start else (trig.end, ts)
            if CLAUSE_BREAK.search(self.text, lo, hi):
                continue
            dist = hi - lo
            if best is None or dist < best[0]:
                best = (dist, mention_time[ts])
        return best[1] if best else None

    def _arguments(self, ev: _Ev, weapon_at: list[tuple[int, int, str]]) -> list[tuple[Role, str]]:
        args: list[tuple[Role, str]] = []

        def add(role: Role, entity: str) -> None:
            if (role, entity) not in args:
                args.append((role, entity))

        first = min(ev.triggers, key=lambda t: t.start)
        # arguments come from the sentences that introduce the event, not from later references back to it
        trig_sents = [i for i in ev.sentences if i - first.sentence <= self.m.settings.merge_window]
        for sent in trig_sents:
            s, e = self.sentences.spans[sent]
            trig = min((t for t in ev.triggers if t.sentence == sent), key=lambda t: t.start)
            for lm in self.loc_mentions:
                if s <= lm.start < e:
                    add(Role.PLACE, lm.entity)
            if ev.type in VIOLENT_TYPES:
                for ws, _, wid in weapon_at:
                    if s <= ws < e:
                        add(Role.INSTRUMENT, wid)
            in_sentence = [a for a in self.actor_mentions if s <= a.start < e and a.entity]
            sources = [a for a in in_sentence if self._is_source(a, s, e)]
            for a in sources:
                add(Role.SOURCE, a.entity)
            actors = [a for a in in_sentence if a not in sources]
            before = [a for a in actors if a.end <= trig.start]
            after = [a for a in actors if a.start >= trig.end]
            sentence_text = self.text[s:e]
            self._role_by_type(ev, trig, before, after, actors, sentence_text, add)
        # no place in its own sentences: the places of the sentence before, in the same paragraph
        if not any(role is Role.PLACE for role, _ in args) and first.sentence > 0:
            prev_s, prev_e = self.sentences.spans[first.sentence - 1]
            if "\n" not in self.text[prev_e:self.sentences.spans[first.sentence][0]]:
                for lm in self.loc_mentions:
                    if prev_s <= lm.start < prev_e:
                        add(Role.PLACE, lm.entity)
        # victims of the event's casualty figures
        for cas in self.casualties:
            if cas.event is ev and cas.actor:
                add(Role.VICTIM, cas.actor)
        return args

    def _is_source(self, a: _ActorMention, s: int, e: int) -> bool:
        before = self.text[max(s, a.start - 30):a.start]
        after = self.text[a.end:min(e, a.end + 45)]
        if re.search(r"(?:according\s+to|quoted\s+by|cited\s+by|reported\s+by|,\s+citing)\s+(?:the\s+)?"
                     r"(?:[\w'’-]+\s+){0,2}$", before, re.I):
            return True
        return bool(re.match(r"^(?:'s?)?\s*(?:[\w'’-]+\s+){0,4}?(?:said|says|reported|told|stated|confirmed|indicated|"
                             r"noted|quoted|cited)\b", after, re.I)) and a.kind != "victim"

    def _role_by_type(self, ev: _Ev, trig: _Cand, before: list[_ActorMention], after: list[_ActorMention],
                      actors: list[_ActorMention], sentence_text: str, add: object) -> None:
        add_ = add  # type: ignore[assignment]
        t = ev.type
        armed_before = [a for a in before if a.type in _ARMED_TYPES or a.type is ActorType.UNKNOWN]
        non_victims_after = [a for a in after if a.kind != "victim"]
        by_agent = self._by_agent(trig, after)
        if t in VIOLENT_TYPES and t not in (EventType.ARMED_CLASH, EventType.PROTEST, EventType.RIOT,
                                            EventType.MOB_VIOLENCE):
            attacker = by_agent or (armed_before[-1] if armed_before else None)
            if attacker is not None and attacker.kind != "victim":
                add_(Role.ATTACKER, attacker.entity)  # type: ignore[operator]
            for a in non_victims_after[:1]:
                if attacker is None or a.entity != attacker.entity:
                    if t is EventType.ABDUCTION:
                        add_(Role.VICTIM, a.entity)  # type: ignore[operator]
                    else:
                        add_(Role.TARGET, a.entity)  # type: ignore[operator]
        elif t is EventType.ARMED_CLASH:
            sides = [a for a in actors if a.type in _ARMED_TYPES and a.kind != "victim"]
            for a in sides:
                add_(Role.PARTICIPANT, a.entity)  # type: ignore[operator]
            if armed_before and non_victims_after and armed_before[-1].entity != non_victims_after[0].entity:
                add_(Role.ATTACKER, armed_before[-1].entity)  # type: ignore[operator]
                add_(Role.TARGET, non_victims_after[0].entity)  # type: ignore[operator]
        elif t in (EventType.PROTEST, EventType.RIOT, EventType.MOB_VIOLENCE):
            for a in actors:
                if a.type in (ActorType.PROTESTERS, ActorType.RIOTERS, ActorType.CIVILIANS) and a.kind != "victim":
                    add_(Role.PARTICIPANT, a.entity)  # type: ignore[operator]
        elif t is EventType.ARREST:
            state = [a for a in actors if a.type in _STATE_TYPES]
            if state:
                add_(Role.AUTHORITY, state[0].entity)  # type: ignore[operator]
            for a in actors:
                if a.type not in _STATE_TYPES and a.start >= trig.end:
                    add_(Role.VICTIM, a.entity)  # type: ignore[operator]
                    break
        elif t in (EventType.SECURITY_ALERT, EventType.SECURITY_MEASURE, EventType.STATEMENT):
            subject = before[-1] if before else (after[0] if t is not EventType.STATEMENT and after else None)
            if subject is not None and subject.kind != "victim":
                add_(Role.AUTHORITY, subject.entity)  # type: ignore[operator]
        elif t is EventType.DEPLOYMENT:
            for a in actors:
                if a.type in _STATE_TYPES or a.type is ActorType.NON_STATE_ARMED_GROUP:
                    add_(Role.PARTICIPANT, a.entity)  # type: ignore[operator]
                    break

    def _by_agent(self, trig: _Cand, after: list[_ActorMention]) -> _ActorMention | None:
        for a in after:
            between = self.text[trig.end:a.start]
            if re.search(r"\bby\s+(?:the\s+)?(?:suspected\s+)?$", between, re.I) and len(between) < 60:
                return a
        return None


def _loc_key(name: str) -> str:
    key = norm(name)
    return re.sub(r"\s+(?:province|governorate|district|region|state|city|town|village|county)$", "", key)


def _default_head_type(head: str) -> ActorType:
    for pattern, atype in ACTOR_HEADS:
        if re.fullmatch(pattern, head, re.IGNORECASE):
            return atype
    return ActorType.UNKNOWN


# --------------------------------------------------------------------------- modality


def modality_of(text: str, start: int, end: int, sentence: tuple[int, int]) -> Modality:
    """The modality a trigger at ``[start, end)`` gets from cue words in its clause.

    Negation cues ("no reports of", "did not"), habit cues ("routinely", "frequently") and hedge or
    future cues ("likely", "expected", "may", "will") before the trigger in the same clause, or right
    after it ("... are likely"), decide; otherwise the event is actual.

    >>> t = "No reports of clashes emerged."
    >>> modality_of(t, 14, 21, (0, len(t))).value
    'negated'
    >>> t = "Protests are expected on Friday."
    >>> modality_of(t, 0, 8, (0, len(t))).value
    'hypothetical'
    """
    s, e = sentence
    left = text[s:start]
    breaks = list(CLAUSE_BREAK.finditer(left))
    if breaks:
        left = left[breaks[-1].end():]
    left_words = left.split()
    window = " ".join(left_words[-8:])
    for modality, pattern in LEFT_CUES:
        if re.search(pattern, window, re.IGNORECASE):
            if modality is Modality.NEGATED and re.search(r"\bnot\s+only\b", window, re.I):
                continue
            return modality
    right = text[end:e]
    cut = CLAUSE_BREAK.search(right)
    if cut:
        right = right[:cut.start()]
    right_window = " ".join(right.split()[:8])
    for modality, pattern in RIGHT_CUES:
        if re.search(pattern, " " + right_window, re.IGNORECASE):
            return modality
    return Modality.ACTUAL


# --------------------------------------------------------------------------- the keyword floor


class KeywordMatcher:
    """The floor: every seed keyword is one actual event of the keyword's default type; nothing else.

    It needs no training and finds no arguments; the baseline must beat it by a clear margin.
    """

    def __init__(self) -> None:
        self._finder = _CandidateFinder({})

    def __call__(self, doc: Document) -> Document:
        sentences = SentenceIndex(split_sentences(doc.text))
        events: list[Event] = []
        for c in self._finder.find(doc.text, sentences):
            if c.entry.type is None:
                continue
            events.append(Event(id=f"e{len(events) + 1}", type=c.entry.type,
                                triggers=[Mention(start=c.start, end=c.end, text=c.text)]))
        return Document(id=doc.id, published=doc.published, source=doc.source, language=doc.language,
                        metadata=dict(doc.metadata), text=doc.text, events=events)


__all__ = ["Baseline", "BaselineSettings", "KeywordMatcher", "TriggerEntry", "modality_of"]
