"""Deterministic, stratified train/dev/test splits.

Documents are ordered by a seeded hash of their id (so adding a document moves no
other). Test, then dev, first take documents that cover event types they do not
have yet, until every type present in the corpus is covered or the split is full;
the rest of each quota follows the hash order; train takes what remains.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from eventgold.schema import Document, UsageError, write_documents

from .folder import CORPUS_NAME, CORPUS_VERSION, SPLITS, write_manifest

DEFAULT_FRACTIONS = {"dev": 0.15, "test": 0.2}
DEFAULT_SEED = "eventgold-split-v1"


def _rank(doc_id: str, seed: str) -> str:
    return hashlib.sha256(f"{seed}:{doc_id}".encode()).hexdigest()


def assign_splits(docs: Sequence[Document], *, fractions: dict[str, float] | None = None,
                  seed: str = DEFAULT_SEED) -> dict[str, list[Document]]:
    """Split documents into train/dev/test, stratified by event type, deterministically."""
    fractions = dict(DEFAULT_FRACTIONS if fractions is None else fractions)
    if set(fractions) != {"dev", "test"} or any(not 0 <= f < 1 for f in fractions.values()) or sum(fractions.values()) >= 1:
        raise UsageError("fractions must give dev and test, each in [0, 1), adding up to less than 1")
    remaining = sorted(docs, key=lambda d: _rank(d.id, seed))
    all_types = {e.type for d in docs for e in d.events}
    out: dict[str, list[Document]] = {"train": [], "dev": [], "test": []}
    for split in ("test", "dev"):
        quota = round(len(docs) * fractions[split])
        covered: set[Any] = set()
        while len(out[split]) < quota:
            uncovered = all_types - covered
            gains = [len({e.type for e in d.events} & uncovered) for d in remaining]
            best = max(range(len(remaining)), key=lambda i: gains[i], default=None)
            if best is None or gains[best] == 0:
                break
            doc = remaining.pop(best)
            out[split].append(doc)
            covered |= {e.type for e in doc.events}
        while len(out[split]) < quota and remaining:
            out[split].append(remaining.pop(0))
    out["train"] = remaining
    return {name: sorted(out[name], key=lambda d: d.id) for name in SPLITS}


def make_corpus_folder(docs: Iterable[Document], out: str | Path, *, fractions: dict[str, float] | None = None,
                       seed: str = DEFAULT_SEED, name: str = CORPUS_NAME, version: str = CORPUS_VERSION,
                       card: bool = True) -> dict[str, Any]:
    """Write a corpus folder (splits, manifest and, unless one exists, a card skeleton); return the manifest."""
    out = Path(out)
    docs = list(docs)
    ids = [d.id for d in docs]
    if len(set(ids)) != len(ids):
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        raise UsageError(f"document ids repeat across the input files: {', '.join(dupes[:10])}")
    splits = assign_splits(docs, fractions=fractions, seed=seed)
    for split, members in splits.items():
        write_documents(out / f"{split}.jsonl", members)
    method = {"seed": seed, "fractions": fractions or DEFAULT_FRACTIONS,
              "rule": "seeded hash order; test then dev first cover every event type, then fill by hash order"}
    manifest = write_manifest(out, name=name, version=version, method=method)
    if card and not (out / "README.md").exists():
        from .card import card_skeleton

        (out / "README.md").write_text(card_skeleton(out, manifest), encoding="utf-8")
    return manifest
