"""Actor and location levels: canonical identity, type and direction.

On the entity alignment (:mod:`eventgold.eval.alignment`, one-to-one by
normalized names and aliases):

* ``actors.identity``: an aligned pair is a true positive. A system that splits
  one actor into two gets one right and one false positive;
* ``actors.typed``: aligned and the same actor type (per type: as for events);
* ``actors.direction``: the document's directed tuples (actor, role) for the
  roles attacker, target and victim, taken over all events; a predicted tuple
  is right when its actor is aligned with the gold tuple's actor and the role
  is the same. ``reversed`` counts gold tuples missed because the aligned actor
  was put on the other side (attacker versus target/victim);
* ``locations.identity``, ``locations.precision`` (aligned and the same
  precision level) and ``locations.country`` (aligned and the same country).
"""

from __future__ import annotations

from eventgold.schema import Document, Role

from .alignment import DocumentAlignment
from .counts import ALL, PRF_STATS, Counts, Metric, N
from .findings import FALSE_NEGATIVE, FALSE_POSITIVE, MISMATCH, Finding, ItemRef
from .matching import Alignment

DIRECTED_ROLES = (Role.ATTACKER, Role.TARGET, Role.VICTIM)
_SIDE = {Role.ATTACKER: "attacker", Role.TARGET: "receiver", Role.VICTIM: "receiver"}


def _ref(doc: Document, field: str, index: int) -> ItemRef:
    entity = getattr(doc, field)[index]
    return ItemRef.of(f"{field}[{index}]", entity.name, entity.mentions, doc.text)


ACTORS = "actors"
LOCATIONS = "locations"
ACTOR_IDENTITY = Metric(ACTORS, "identity", PRF_STATS, "actors aligned by canonical identity")
ACTOR_TYPED = Metric(ACTORS, "typed", PRF_STATS, "aligned actors of the same actor type; per type")
ACTOR_TYPE_CONFUSION = Metric(ACTORS, "type_confusion", N, "aligned actors by 'gold type>predicted type'")
DIRECTION = Metric(ACTORS, "direction", (*PRF_STATS, "reversed"),
                   "directed (actor, role) tuples; 'reversed': gold tuples missed with the actor on the other side")
LOCATION_IDENTITY = Metric(LOCATIONS, "identity", PRF_STATS, "locations aligned by canonical identity")
LOCATION_PRECISION = Metric(LOCATIONS, "precision", PRF_STATS, "aligned locations of the same precision level")
LOCATION_PRECISION_CONFUSION = Metric(LOCATIONS, "precision_confusion", N, "aligned locations by precision levels")
LOCATION_COUNTRY = Metric(LOCATIONS, "country", PRF_STATS, "aligned locations with the same country")
LOCATION_COUNTRY_CONFUSION = Metric(LOCATIONS, "country_confusion", N, "aligned locations by countries")


def _prf(counts: Counts, metric: Metric, label: str, tp: int, n_pred: int, n_gold: int) -> None:
    counts.add(metric.key("tp", label), tp)
    counts.add(metric.key("fp", label), n_pred - tp)
    counts.add(metric.key("fn", label), n_gold - tp)


def _identity(counts: Counts, al: DocumentAlignment, metric: Metric, field: str, alignment: Alignment,
              findings: list[Finding] | None) -> None:
    gold, pred = getattr(al.gold, field), getattr(al.pred, field)
    level = metric.level
    _prf(counts, metric, ALL, len(alignment.pairs), len(pred), len(gold))
    if findings is None:
        return
    for i in alignment.unmatched_gold:
        findings.append(Finding(level, FALSE_NEGATIVE, al.gold.id, gold[i].name,
                                "no predicted entity shares a normalized name or alias", _ref(al.gold, field, i)))
    for j in alignment.unmatched_pred:
        findings.append(Finding(level, FALSE_POSITIVE, al.gold.id, pred[j].name,
                                "no gold entity shares a normalized name or alias", pred=_ref(al.pred, field, j)))


def _typed(counts: Counts, al: DocumentAlignment, metric: Metric, confusion: Metric, field: str,
           alignment: Alignment, attr: str, findings: list[Finding] | None) -> None:
    gold, pred = getattr(al.gold, field), getattr(al.pred, field)
    level = metric.level

    def label(entity: object) -> str:
        value = getattr(entity, attr)
        return "-" if value is None else str(getattr(value, "value", value))

    for entity in gold:
        counts.add(metric.key("fn"))
        counts.add(metric.key("fn", label(entity)))
    for entity in pred:
        counts.add(metric.key("fp"))
        counts.add(metric.key("fp", label(entity)))
    for pair in alignment.pairs:
        g, p = gold[pair.gold], pred[pair.pred]
        counts.add(confusion.key("n", f"{label(g)}>{label(p)}"))
        if label(g) == label(p):
            for lab in (ALL, label(g)):
                counts.add(metric.key("tp", lab))
                counts.add(metric.key("fp", lab), -1)
                counts.add(metric.key("fn", lab), -1)
        elif findings is not None:
            findings.append(Finding(level, MISMATCH, al.gold.id, label(g), f"{attr} {label(g)} predicted as {label(p)}",
                                    _ref(al.gold, field, pair.gold), _ref(al.pred, field, pair.pred)))


def _directed(doc: Document) -> dict[tuple[str, Role], int]:
    """(actor id, role) -> index of the first event that has it."""
    out: dict[tuple[str, Role], int] = {}
    actor_ids = {a.id for a in doc.actors}
    for i, ev in enumerate(doc.events):
        for arg in ev.arguments:
            if arg.role in DIRECTED_ROLES and arg.entity in actor_ids:
                out.setdefault((arg.entity, arg.role), i)
    return out


def _direction(counts: Counts, al: DocumentAlignment, findings: list[Finding] | None) -> None:
    gold_tuples = _directed(al.gold)
    pred_tuples = _directed(al.pred)
    mapped = {(al.aligned_entity(a), role): (a, role) for a, role in pred_tuples}
    for label in (ALL, *(r.value for r in DIRECTED_ROLES)):
        g = [t for t in gold_tuples if label in (ALL, t[1].value)]
        p = [t for t in pred_tuples if label in (ALL, t[1].value)]
        tp = sum(1 for t in g if t in mapped)
        _prf(counts, DIRECTION, label, tp, len(p), len(g))
    gold_names = {a.id: a.name for a in al.gold.actors}
    pred_names = {a.id: a.name for a in al.pred.actors}
    for (actor, role), ev in gold_tuples.items():
        if (actor, role) in mapped:
            continue
        sides = {_SIDE[r] for (a, r) in mapped if a == actor}
        reversed_ = bool(sides) and _SIDE[role] not in sides
        if reversed_:
            counts.add(DIRECTION.key("reversed"))
        if findings is not None:
            why = "the aligned actor is on the other side" if reversed_ else "no aligned actor in this role"
            findings.append(Finding("actors", FALSE_NEGATIVE, al.gold.id, role.value,
                                    f"direction: {gold_names[actor]} as {role.value} ({why})",
                                    ItemRef(f"events[{ev}]", f"{role.value}: {gold_names[actor]}")))
    if findings is not None:
        hit = {v for k, v in mapped.items() if k in gold_tuples}
        for (actor, role), ev in pred_tuples.items():
            if (actor, role) not in hit:
                findings.append(Finding("actors", FALSE_POSITIVE, al.gold.id, role.value,
                                        f"direction: {pred_names[actor]} as {role.value} has no gold counterpart",
                                        pred=ItemRef(f"events[{ev}]", f"{role.value}: {pred_names[actor]}")))


def count_entities(al: DocumentAlignment, findings: list[Finding] | None = None) -> Counts:
    counts = Counts()
    _identity(counts, al, ACTOR_IDENTITY, "actors", al.actors, findings)
    _typed(counts, al, ACTOR_TYPED, ACTOR_TYPE_CONFUSION, "actors", al.actors, "type", findings)
    _direction(counts, al, findings)
    _identity(counts, al, LOCATION_IDENTITY, "locations", al.locations, findings)
    _typed(counts, al, LOCATION_PRECISION, LOCATION_PRECISION_CONFUSION, "locations", al.locations, "precision",
           findings)
    _typed(counts, al, LOCATION_COUNTRY, LOCATION_COUNTRY_CONFUSION, "locations", al.locations, "country", findings)
    return counts
