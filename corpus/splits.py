"""Deterministic, stratified train/dev/test splits.

Documents are ordered by a seeded hash of their id. Test, then dev, first take
documents that cover event types they do not have yet, until every type present in
the corpus is covered or the split is full; the rest of each quota follows the hash
order; train takes what remains.

Once a corpus folder exists its assignment is kept: rebuilding it (after a correction
or adjudication changed some annotations, or after new documents were added) leaves
every existing document in its split and assigns only the new ones, so a published
test split never changes under its users.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from eventgold.schema import DataError, Document, Problem, UsageError, iter_json_lines, write_documents

from .folder import CORPUS_NAME, CORPUS_VERSION, SPLITS, write_manifest

DEFAULT_FRACTIONS = {"dev": 0.15, "test": 0.2}
DEFAULT_SEED = "eventgold-split-v1"


def _rank(doc_id: str, seed: str) -> str:
    return hashlib.sha256(f"{seed}:{doc_id}".encode()).hexdigest()


def existing_assignment(folder: str | Path) -> dict[str, str]:
    """Document id -> split of a corpus folder that already exists (empty when there is none)."""
    out: dict[str, str] = {}
    for split in SPLITS:
        path = Path(folder) / f"{split}.jsonl"
        if path.is_file():
            for lineno, raw in iter_json_lines(path):
                doc_id = raw.get("id") if isinstance(raw, dict) else None
                if not isinstance(doc_id, str):
                    raise DataError(Problem("line has no string 'id'", "The corpus folder is damaged: restore the "
                                            "file, or write the new corpus to another folder", file=str(path),
                                            line=lineno))
                out[doc_id] = split
    return out


def assign_splits(docs: Sequence[Document], *, fractions: dict[str, float] | None = None,
                  seed: str = DEFAULT_SEED, pinned: Mapping[str, str] | None = None) -> dict[str, list[Document]]:
    """Split documents into train/dev/test, stratified by event type, deterministically.

    Documents in ``pinned`` (id -> split) stay in their split; the others are assigned by the rule.
    """
    fractions = dict(DEFAULT_FRACTIONS if fractions is None else fractions)
    if set(fractions) != {"dev", "test"} or any(not 0 <= f < 1 for f in fractions.values()) or sum(fractions.values()) >= 1:
        raise UsageError("fractions must give dev and test, each in [0, 1), adding up to less than 1")
    pinned = pinned or {}
    out: dict[str, list[Document]] = {"train": [], "dev": [], "test": []}
    for doc in docs:
        if pinned.get(doc.id) in out:
            out[pinned[doc.id]].append(doc)
    remaining = sorted((d for d in docs if pinned.get(d.id) not in out), key=lambda d: _rank(d.id, seed))
    all_types = {e.type for d in docs for e in d.events}
    for split in ("test", "dev"):
        quota = round(len(docs) * fractions[split])
        covered: set[Any] = {e.type for d in out[split] for e in d.events}
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
    out["train"] += remaining
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
    if out.exists():
        return _write_folder(out, splits, seed=seed, fractions=fractions, name=name, version=version, card=card)
    # a new folder is built beside its place and moved there whole, so a failure leaves nothing behind
    out.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    try:
        manifest = _write_folder(building, splits, seed=seed, fractions=fractions, name=name, version=version,
                                 card=card)
        os.chmod(building, 0o777 & ~_umask())
        os.rename(building, out)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return manifest


def _write_folder(out: Path, splits: dict[str, list[Document]], *, seed: str, fractions: dict[str, float] | None,
                  name: str, version: str, card: bool) -> dict[str, Any]:
    for split, members in splits.items():
        write_documents(out / f"{split}.jsonl", members)
    method = {"seed": seed, "fractions": fractions or DEFAULT_FRACTIONS,
              "rule": "seeded hash order; test then dev first cover every event type, then fill by hash order"}
    manifest = write_manifest(out, name=name, version=version, method=method)
    if card and not (out / "README.md").exists():
        from .card import card_skeleton

        (out / "README.md").write_text(card_skeleton(out, manifest), encoding="utf-8")
    return manifest


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
