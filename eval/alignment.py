"""Document alignment: which predicted actor, location, weapon and event is which gold one.

Every level above mentions works on this alignment, built once per document
with the one matcher of :mod:`eventgold.eval.matching`.

**Entities** (actors, locations, weapons) are aligned one-to-one by canonical
identity: two entities may be paired when their normalized names and aliases
share a string (locations also when their gazetteer ids are equal). Among the
candidates an equal canonical name wins, then the overlap of all surface forms.

**Events** are aligned one-to-one by the similarity in :data:`EVENT_SIMILARITY`:
a weighted mean of the components that either side has data for (a component
neither side can fill is left out of the mean rather than counted as a
disagreement). A pair is allowed when its similarity reaches
``min_event_similarity`` (0.5 by default); the assignment maximizes the total.
Modality is deliberately not a component, so an event the system wrongly
reports as actual is still aligned and counted as a phantom; it only breaks
exact ties (two candidates of equal similarity), as equal trigger texts do.

**Where the triggers are.** When both events' triggers are placed in the text
(offsets given, or span-free triggers placed by :mod:`eventgold.eval.grounding`),
trigger offsets decide before trigger words: the ``offsets`` component is 1 for
two events whose triggers share a character, and a pair whose triggers do not
overlap is not allowed at all when either event's triggers overlap an event on
the other side. So a prediction whose trigger is gold event X's trigger never
aligns with another gold event Y that merely uses the same words ("such
attacks", a forecast of the same protests). Two placed events that overlap
nothing may still align by words (another mention of the same incident), and the
component is left out of their mean. A span-free prediction is placed first, so
it aligns exactly as its span-grounded twin whenever the placing rule puts its
triggers where the twin has them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from eventgold.schema import Actor, DateInterval, Document, Event, Location, Weapon

from .grounding import Span, spans_overlap, trigger_spans
from .matching import Alignment, Pair, match, matching_size
from .names import canonical_names, jaccard, mention_words, normalize, surface_forms


@dataclass(frozen=True)
class EntityInfo:
    """An entity with the normalized strings the scorer compares."""

    id: str
    kind: str
    entity: Actor | Location | Weapon
    index: int
    names: frozenset[str]
    surfaces: frozenset[str]
    gazetteer_id: str | None


def entity_infos(doc: Document) -> dict[str, EntityInfo]:
    out: dict[str, EntityInfo] = {}
    groups: tuple[tuple[str, Sequence[Actor | Location | Weapon]], ...] = (
        ("actor", doc.actors), ("location", doc.locations), ("weapon", doc.weapons))
    for kind, items in groups:
        for i, entity in enumerate(items):
            gaz = entity.gazetteer_id if isinstance(entity, Location) else None
            out[entity.id] = EntityInfo(entity.id, kind, entity, i, canonical_names(entity), surface_forms(entity), gaz)
    return out


def same_identity(gold: EntityInfo, pred: EntityInfo) -> bool:
    """Canonical identity: a shared normalized name or alias, or the same gazetteer id."""
    if gold.kind != pred.kind:
        return False
    return bool(gold.names & pred.names) or (gold.gazetteer_id is not None and gold.gazetteer_id == pred.gazetteer_id)


def compatible(gold: EntityInfo, pred: EntityInfo) -> bool:
    """Filler identity for arguments: identity, or any shared surface form (a coreferent mention's text)."""
    return gold.kind == pred.kind and (same_identity(gold, pred) or bool(gold.surfaces & pred.surfaces))


def _same_kind_of(gold: EntityInfo, pred: EntityInfo) -> bool:
    """Actor type, location precision or weapon category agree (only used to break ties)."""
    g, p = gold.entity, pred.entity
    if isinstance(g, Actor) and isinstance(p, Actor):
        return g.type == p.type
    if isinstance(g, Location) and isinstance(p, Location):
        return g.precision == p.precision
    if isinstance(g, Weapon) and isinstance(p, Weapon):
        return g.category == p.category
    return False


def identity_similarity(gold: EntityInfo, pred: EntityInfo) -> tuple[float, ...] | None:
    """Tiers: equal canonical name; then shared surface forms and agreeing type (ties only)."""
    if not same_identity(gold, pred):
        return None
    canonical = normalize(gold.entity.name) == normalize(pred.entity.name)
    return (int(canonical), (2.0 + jaccard(gold.surfaces, pred.surfaces) + _same_kind_of(gold, pred)) / 4)


def filler_similarity(gold: EntityInfo, pred: EntityInfo) -> tuple[float, ...] | None:
    if not compatible(gold, pred):
        return None
    return (int(same_identity(gold, pred)), (1.0 + jaccard(gold.surfaces, pred.surfaces)) / 2)


def _set_overlap(gold: list[EntityInfo], pred: list[EntityInfo]) -> float | None:
    """Jaccard of two entity sets under filler identity, counting one-to-one matches."""
    if not gold and not pred:
        return None
    if not gold or not pred:
        return 0.0
    matched = matching_size(gold, pred, compatible)
    return matched / (len(gold) + len(pred) - matched)


@dataclass(frozen=True)
class EventView:
    """An event with what the similarity needs, resolved against its document."""

    event: Event
    index: int
    words: frozenset[str]
    time: DateInterval | None
    places: list[EntityInfo]
    actors: list[EntityInfo]
    spans: tuple[Span, ...] = ()
    """Where the triggers are in the gold text (span-free ones placed); empty when none could be placed."""


def event_views(doc: Document, entities: dict[str, EntityInfo], text: str | None = None) -> list[EventView]:
    """The events of ``doc`` as the similarity sees them; span-free triggers are placed in ``text`` (the gold text)."""
    times = {t.id: t.value for t in doc.times}
    placed = trigger_spans(doc, doc.text if text is None else text)
    views = []
    for i, ev in enumerate(doc.events):
        fillers = [entities[a.entity] for a in ev.arguments if a.entity in entities]
        views.append(EventView(
            ev, i, mention_words(ev.triggers), times.get(ev.time) if ev.time else None,
            [f for f in fillers if f.kind == "location"], [f for f in fillers if f.kind == "actor"], placed[i],
        ))
    return views


def _type(g: EventView, p: EventView) -> float | None:
    return float(g.event.type == p.event.type)


def _trigger(g: EventView, p: EventView) -> float | None:
    if not g.event.triggers and not p.event.triggers:
        return None
    if not g.words or not p.words:
        return 0.0
    return len(g.words & p.words) / min(len(g.words), len(p.words))


def _offsets(g: EventView, p: EventView) -> float | None:
    return 1.0 if g.spans and p.spans and spans_overlap(g.spans, p.spans) else None


def _time(g: EventView, p: EventView) -> float | None:
    if g.time is None and p.time is None:
        return None
    if g.time is None or p.time is None:
        return 0.0
    return float(g.time.start <= p.time.end and p.time.start <= g.time.end)


def _places(g: EventView, p: EventView) -> float | None:
    return _set_overlap(g.places, p.places)


def _actors(g: EventView, p: EventView) -> float | None:
    return _set_overlap(g.actors, p.actors)


@dataclass(frozen=True)
class Component:
    name: str
    weight: float
    score: Callable[[EventView, EventView], float | None]
    description: str


#: The event similarity, as data. Each component gives a value in [0, 1], or None when neither side has data.
EVENT_SIMILARITY: tuple[Component, ...] = (
    Component("type", 2.0, _type, "1 when the event types are equal, else 0"),
    Component("offsets", 2.0, _offsets,
              "1 when the triggers share a character (span-free ones placed first); left out when they do not"),
    Component("trigger", 2.0, _trigger,
              "shared trigger content words over the smaller set (normalized, stop words and plural s removed)"),
    Component("time", 1.0, _time, "1 when the date intervals overlap, 0 when they do not or only one side has a date"),
    Component("places", 1.0, _places, "Jaccard of the place fillers, one-to-one under filler identity"),
    Component("actors", 1.0, _actors, "Jaccard of the actor fillers (any role), one-to-one under filler identity"),
)

DEFAULT_MIN_EVENT_SIMILARITY = 0.5


def event_similarity(gold: EventView, pred: EventView) -> tuple[float, dict[str, float]]:
    """The weighted mean of the available components, and each component's value."""
    parts: dict[str, float] = {}
    total = weight = 0.0
    for comp in EVENT_SIMILARITY:
        value = comp.score(gold, pred)
        if value is None:
            continue
        parts[comp.name] = value
        total += comp.weight * value
        weight += comp.weight
    return (total / weight if weight else 0.0), parts


@dataclass
class DocumentAlignment:
    """Everything aligned in one gold/predicted document pair."""

    gold: Document
    pred: Document
    gold_entities: dict[str, EntityInfo]
    pred_entities: dict[str, EntityInfo]
    actors: Alignment
    locations: Alignment
    weapons: Alignment
    gold_events: list[EventView]
    pred_events: list[EventView]
    events: Alignment
    event_parts: dict[tuple[int, int], dict[str, float]] = field(default_factory=dict)

    def pred_event_for(self, gold_event_id: str) -> Event | None:
        for pair in self.events.pairs:
            if self.gold.events[pair.gold].id == gold_event_id:
                return self.pred.events[pair.pred]
        return None

    def aligned_gold_event_ids(self) -> dict[str, str]:
        """Predicted event id -> gold event id, for aligned events."""
        return {self.pred.events[p.pred].id: self.gold.events[p.gold].id for p in self.events.pairs}

    def aligned_entity(self, pred_entity_id: str) -> str | None:
        """The gold entity id aligned (by canonical identity) with a predicted entity id."""
        info = self.pred_entities.get(pred_entity_id)
        if info is None:
            return None
        alignment = {"actor": self.actors, "location": self.locations, "weapon": self.weapons}[info.kind]
        gold_index = alignment.gold_of(info.index)
        if gold_index is None:
            return None
        items: dict[str, Sequence[Actor | Location | Weapon]] = {
            "actor": self.gold.actors, "location": self.gold.locations, "weapon": self.gold.weapons}
        return items[info.kind][gold_index].id


def pair_similarity(pair: Pair) -> float:
    """The event similarity of an aligned event pair (its first tier, stored to nine decimals)."""
    return pair.score[0] / 1e9


def _entities_of(infos: dict[str, EntityInfo], kind: str) -> list[EntityInfo]:
    return sorted((e for e in infos.values() if e.kind == kind), key=lambda e: e.index)


def anchored_events(gold: Sequence[EventView], pred: Sequence[EventView]) -> tuple[set[int], set[int]]:
    """Indices of the gold events whose triggers overlap a predicted event's, and of those predicted events."""
    gold_hit: set[int] = set()
    pred_hit: set[int] = set()
    for g in gold:
        for p in pred:
            if g.spans and p.spans and spans_overlap(g.spans, p.spans):
                gold_hit.add(g.index)
                pred_hit.add(p.index)
    return gold_hit, pred_hit


def align_document(gold: Document, pred: Document, *, min_event_similarity: float = DEFAULT_MIN_EVENT_SIMILARITY,
                   offsets: bool = True) -> DocumentAlignment:
    """Align the entities and events of ``pred`` with those of ``gold``.

    ``offsets=False`` aligns events by the other components only (trigger words, no ``offsets`` component and no
    anchoring): the alignment before offsets were read, which records keyed to it (an adjudication's decisions)
    still need.
    """
    ge, pe = entity_infos(gold), entity_infos(pred)
    entity_alignments = {kind: match(_entities_of(ge, kind), _entities_of(pe, kind), identity_similarity)
                         for kind in ("actor", "location", "weapon")}
    gv, pv = event_views(gold, ge), event_views(pred, pe, gold.text)
    if not offsets:
        gv = [replace(v, spans=()) for v in gv]
        pv = [replace(v, spans=()) for v in pv]
    parts: dict[tuple[int, int], dict[str, float]] = {}
    anchored = anchored_events(gv, pv)

    def sim(g: EventView, p: EventView) -> tuple[float, ...] | None:
        if g.spans and p.spans and (g.index in anchored[0] or p.index in anchored[1]) \
                and not spans_overlap(g.spans, p.spans):
            return None  # one of them has its own counterpart where its trigger is
        value, comps = event_similarity(g, p)
        if value < min_event_similarity or value <= 0:
            return None
        parts[(g.index, p.index)] = comps
        # ties of the similarity (to 1e-9) go to the pair with the same modality, then the same trigger texts
        same_triggers = {normalize(m.text) for m in g.event.triggers} == {normalize(m.text) for m in p.event.triggers}
        tie = (1.0 + (g.event.modality == p.event.modality) + same_triggers) / 3
        return (round(value * 1e9), tie)

    events = match(gv, pv, sim)
    kept = {(pair.gold, pair.pred): parts[(pair.gold, pair.pred)] for pair in events.pairs}
    return DocumentAlignment(gold, pred, ge, pe, entity_alignments["actor"], entity_alignments["location"],
                             entity_alignments["weapon"], gv, pv, events, kept)
