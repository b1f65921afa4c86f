"""A corpus folder: ``train.jsonl``, ``dev.jsonl``, ``test.jsonl``, ``manifest.json`` and a card.

The bundled corpus is such a folder (``corpus/data/`` in the source tree, shipped
as package data); a user's own corpus made with ``eventgold corpus split`` is
another. Every corpus function takes either.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventgold.schema import DataError, Document, Problem, UsageError, atomic_write, read_documents

SPLITS = ("train", "dev", "test")
MANIFEST = "manifest.json"
BUNDLED = Path(__file__).resolve().parent / "data"
CORPUS_NAME = "eventgold-incidents"
CORPUS_VERSION = "0.2.0"


def corpus_root(root: str | Path | None = None) -> Path:
    """The corpus folder: ``root`` when given, else the bundled corpus."""
    path = BUNDLED if root is None else Path(root)
    if not path.is_dir():
        raise UsageError(f"{path}: no such corpus folder. Make one with 'eventgold corpus split GOLD.jsonl --out DIR'")
    return path


def split_path(name: str, root: str | Path | None = None) -> Path:
    """Path of one split's JSONL file in a corpus folder (the bundled one by default)."""
    if name not in SPLITS:
        raise UsageError(f"unknown split {name!r}; choose one of {', '.join(SPLITS)}")
    path = corpus_root(root) / f"{name}.jsonl"
    if not path.is_file():
        raise UsageError(f"{path}: split file missing from the corpus folder")
    return path


def read_split(name: str, root: str | Path | None = None) -> Iterator[Document]:
    """Stream the gold documents of one split."""
    return read_documents(split_path(name, root), "gold")


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_manifest(root: str | Path | None = None) -> dict[str, Any]:
    path = corpus_root(root) / MANIFEST
    try:
        return dict(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise UsageError(f"{path}: manifest missing; rebuild the folder with 'eventgold corpus split'") from None


def write_manifest(root: str | Path, *, name: str, version: str, method: dict[str, Any]) -> dict[str, Any]:
    """Write ``manifest.json`` with each split's document count and content hash."""
    root = Path(root)
    splits = {}
    for split in SPLITS:
        path = root / f"{split}.jsonl"
        ids = [d.id for d in read_documents(path)]
        splits[split] = {"file": path.name, "documents": len(ids), "sha256": file_sha256(path), "ids": ids}
    manifest = {"name": name, "version": version, "splits": splits, "split_method": method}
    with atomic_write(root / MANIFEST) as out:
        out.write(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return manifest


def verify_manifest(root: str | Path | None = None) -> list[Problem]:
    """Problems where the split files differ from the manifest's hashes and counts."""
    root = corpus_root(root)
    manifest = read_manifest(root)
    problems = []
    for split, entry in manifest.get("splits", {}).items():
        path = root / entry["file"]
        if not path.is_file():
            problems.append(Problem(f"split {split!r} is listed in the manifest but missing", "Restore the file", file=str(path)))
            continue
        digest = file_sha256(path)
        if digest != entry["sha256"]:
            problems.append(Problem(f"content hash {digest[:12]}… differs from the manifest's {entry['sha256'][:12]}…",
                                    "The file changed after the manifest was written: rebuild the corpus folder",
                                    file=str(path)))
    return problems


def validate_corpus(root: str | Path | None = None) -> dict[str, int]:
    """Check every split under the gold profile, disjoint ids and the manifest; return documents per split."""
    root = corpus_root(root)
    problems: list[Problem] = []
    counts: dict[str, int] = {}
    seen: dict[str, str] = {}
    for split in SPLITS:
        path = root / f"{split}.jsonl"
        try:
            docs = list(read_documents(path, "gold", collect=True))
        except DataError as exc:
            problems.extend(exc.problems)
            continue
        counts[split] = len(docs)
        for doc in docs:
            if doc.id in seen:
                problems.append(Problem(f"document also in split {seen[doc.id]!r}", "Splits must be disjoint",
                                        file=str(path), doc_id=doc.id))
            seen[doc.id] = split
    problems.extend(verify_manifest(root))
    if problems:
        raise DataError(problems)
    return counts
