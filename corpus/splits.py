"""Deterministic, stratified train/dev/test splits.

Documents that report the same incident (events sharing an ``incident_id``) form one
unit and always land in the same split; every other document is a unit of its own.
Units are ordered by a seeded hash of their first id. Test, then dev, first take units
that cover event types they do not have yet, until every type present in the corpus is
covered or the split is full; the rest of each quota follows the hash order, stratified
by a metadata key (``genre`` by default): a unit is taken while the genres of its
documents still have room in that split's per-genre quota. Train takes what remains.

Once a corpus folder exists its assignment is kept: rebuilding it (after a correction
or adjudication changed some annotations, or after new documents were added) leaves
every existing document in its split and assigns only the new ones, so a published
test split never changes under its users.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from eventgold.schema import Document, UsageError, write_documents

from .folder import CORPUS_NAME, CORPUS_VERSION, SPLITS, write_manifest

DEFAULT_FRACTIONS = {"dev": 0.15, "test": 0.2}
#: The bundled corpus's shares (``eventgold corpus build``): a large test split, so intervals can separate systems.
BUNDLED_FRACTIONS = {"dev": 0.15, "test": 0.3}
DEFAULT_SEED = "eventgold-split-v1"


def _rank(doc_id: str, seed: str) -> str:
    return hashlib.sha256(f"{seed}:{doc_id}".encode()).hexdigest()


def existing_assignment(folder: str | Path) -> dict[str, str]:
    """Document id -> split of a corpus folder that already exists (empty when there is none)."""
    out: dict[str, str] = {}
    for split in SPLITS:
        path = Path(folder) / f"{split}.jsonl"
        if path.is_file():
            with open(path, encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        out[json.loads(line)["id"]] = split
    return out


def incident_units(docs: Sequence[Document]) -> list[list[Document]]:
    """Group documents that share an incident (transitively); documents without one are units of one."""
    parent: dict[str, str] = {d.id: d.id for d in docs}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first_doc: dict[str, str] = {}
    for doc in docs:
        for incident in {e.incident_id for e in doc.events if e.incident_id}:
            if incident in first_doc:
                parent[find(doc.id)] = find(first_doc[incident])
            else:
                first_doc[incident] = doc.id
    units: dict[str, list[Document]] = {}
    for doc in docs:
        units.setdefault(find(doc.id), []).append(doc)
    return list(units.values())


def assign_splits(docs: Sequence[Document], *, fractions: dict[str, float] | None = None,
                  seed: str = DEFAULT_SEED, pinned: Mapping[str, str] | None = None,
                  stratify_by: str | None = "genre") -> dict[str, list[Document]]:
    """Split documents into train/dev/test deterministically: incidents together, event types covered, by genre.

    Documents in ``pinned`` (id -> split) stay in their split, and so do the other documents of their incidents.
    """
    fractions = dict(DEFAULT_FRACTIONS if fractions is None else fractions)
    if set(fractions) != {"dev", "test"} or any(not 0 <= f < 1 for f in fractions.values()) or sum(fractions.values()) >= 1:
        raise UsageError("fractions must give dev and test, each in [0, 1), adding up to less than 1")
    pinned = pinned or {}
    out: dict[str, list[Document]] = {"train": [], "dev": [], "test": []}
    remaining: list[list[Document]] = []
    for unit in incident_units(docs):
        fixed = next((pinned[d.id] for d in unit if pinned.get(d.id) in out), None)
        if fixed is None:
            remaining.append(unit)
            continue
        for doc in unit:
            out[pinned[doc.id] if pinned.get(doc.id) in out else fixed].append(doc)
    remaining.sort(key=lambda u: _rank(min(d.id for d in u), seed))

    def stratum(doc: Document) -> str:
        value = doc.metadata.get(stratify_by) if stratify_by else None
        return "" if value is None else str(value)

    size: dict[str, int] = {}
    for doc in docs:
        size[stratum(doc)] = size.get(stratum(doc), 0) + 1
    all_types = {e.type for d in docs for e in d.events}
    for split in ("test", "dev"):
        quota = round(len(docs) * fractions[split])
        room = {g: round(n * fractions[split]) for g, n in size.items()}
        for doc in out[split]:
            room[stratum(doc)] -= 1

        def take(i: int, split: str = split, room: dict[str, int] = room) -> None:
            unit = remaining.pop(i)
            out[split].extend(unit)
            for doc in unit:
                room[stratum(doc)] -= 1

        covered: set[Any] = {e.type for d in out[split] for e in d.events}
        while len(out[split]) < quota:
            uncovered = all_types - covered
            gains = [len({e.type for d in u for e in d.events} & uncovered) for u in remaining]
            best = max(range(len(remaining)), key=lambda i: gains[i], default=None)
            if best is None or gains[best] == 0:
                break
            covered |= {e.type for d in remaining[best] for e in d.events}
            take(best)
        i = 0
        while len(out[split]) < quota and i < len(remaining):
            unit = remaining[i]
            if sum(room[stratum(d)] > 0 for d in unit) * 2 >= len(unit):
                take(i)
            else:
                i += 1
        while len(out[split]) < quota and remaining:  # strata full but the split is not: fill by hash order
            take(0)
    out["train"] += [d for u in remaining for d in u]
    return {name: sorted(out[name], key=lambda d: d.id) for name in SPLITS}


def make_corpus_folder(docs: Iterable[Document], out: str | Path, *, fractions: dict[str, float] | None = None,
                       seed: str = DEFAULT_SEED, name: str = CORPUS_NAME, version: str = CORPUS_VERSION,
                       card: bool = True, pinned: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Write a corpus folder (splits, manifest and, unless one exists, a card skeleton); return the manifest.

    ``pinned`` (id -> split) keeps documents in the splits they had; by default, those of the folder being rewritten.
    """
    out = Path(out)
    docs = list(docs)
    ids = [d.id for d in docs]
    if len(set(ids)) != len(ids):
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        raise UsageError(f"document ids repeat across the input files: {', '.join(dupes[:10])}")
    if pinned is None:
        pinned = existing_assignment(out)
    splits = assign_splits(docs, fractions=fractions, seed=seed, pinned=pinned)
    for split, members in splits.items():
        write_documents(out / f"{split}.jsonl", members)
    method = {"seed": seed, "fractions": fractions or DEFAULT_FRACTIONS,
              "rule": "incidents kept together; seeded hash order; test then dev first cover every event type, "
                      "then fill by hash order within per-genre quotas"}
    manifest = write_manifest(out, name=name, version=version, method=method)
    if card and not (out / "README.md").exists():
        from .card import card_skeleton

        (out / "README.md").write_text(card_skeleton(out, manifest), encoding="utf-8")
    return manifest
