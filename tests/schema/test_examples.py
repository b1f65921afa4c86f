"""The example gold file validates and covers every phenomenon of the genre (see docs/examples/README.md)."""

import unicodedata
from pathlib import Path

from eventgold.schema import CountQualifier, EventLinkType, Modality, Role, read_documents

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples" / "gold.jsonl"


def test_examples_cover_every_phenomenon() -> None:
    docs = list(read_documents(EXAMPLES, "gold"))
    assert len(docs) >= 3
    events = [e for d in docs for e in d.events]
    casualties = [c for d in docs for c in d.casualties]
    phenomena = {
        "several incidents in one report": all(len(d.events) >= 3 for d in docs),
        "event coreference": any(len(e.triggers) >= 2 for e in events),
        "actor aliases": any(a.aliases for d in docs for a in d.actors),
        "exact counts": any(c.count.qualifier is CountQualifier.EXACT for c in casualties),
        "lower bounds": any(c.count.qualifier is CountQualifier.AT_LEAST for c in casualties),
        "unknown counts": any(c.count.qualifier is CountQualifier.UNSPECIFIED for c in casualties),
        "vague counts": any(c.count.qualifier is CountQualifier.VAGUE for c in casualties),
        "total with breakdown": any(c.part_of for c in casualties),
        "injuries": any(c.outcome.value == "injured" for c in casualties),
        "victim nationality": any(c.victim.nationality for c in casualties),
        "forecast": any(e.modality is Modality.HYPOTHETICAL for e in events),
        "negated": any(e.modality is Modality.NEGATED for e in events),
        "generic": any(e.modality is Modality.GENERIC for e in events),
        "response link": any(lk.type is EventLinkType.RESPONSE_TO for d in docs for lk in d.links),
        "relative dates": any(t.relative for d in docs for t in d.times),
        "several place precisions": len({loc.precision for d in docs for loc in d.locations}) >= 3,
        "multi-location event": any(sum(a.role is Role.PLACE for a in e.arguments) >= 2 for e in events),
        "numbers that are not casualties": any(w.quantity for d in docs for w in d.weapons),
        "attribution": any(c.source for c in casualties) and any(a.role is Role.SOURCE for e in events for a in e.arguments),
        "emoji": any(any(unicodedata.category(ch) == "So" for ch in d.text) for d in docs),
        "CRLF": any("\r\n" in d.text for d in docs),
    }
    assert [name for name, ok in phenomena.items() if not ok] == []
