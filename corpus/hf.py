"""The corpus as Hugging Face ``datasets``, with ``Features`` derived from the schema.

The features are built by walking the pydantic model, not inferred from data:
strings, integers, floats, booleans and dates map to ``Value``; the closed
vocabularies to ``ClassLabel`` with the schema's names; nested models to dicts;
lists to ``List``. Free ``metadata`` is stored as a JSON string. ``to_document``
reverses ``to_record`` exactly.
"""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import Any

import datasets
from pydantic import BaseModel

from eventgold.schema import Document, read_documents

from .folder import SPLITS, corpus_root

_SCALARS: dict[Any, str] = {str: "string", int: "int64", float: "float64", bool: "bool", dt.date: "date32"}
_JSON_FIELDS = {"metadata"}


def _feature(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) != 1:
            raise TypeError(f"cannot map {annotation!r} to a feature")
        return _feature(args[0])
    if origin is typing.Annotated:
        return _feature(typing.get_args(annotation)[0])
    if origin is list:
        return datasets.List(_feature(typing.get_args(annotation)[0]))
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return datasets.ClassLabel(names=[m.value for m in annotation])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {name: _feature(f.annotation) for name, f in annotation.model_fields.items()}
    if annotation in _SCALARS:
        return datasets.Value(_SCALARS[annotation])
    raise TypeError(f"cannot map {annotation!r} to a feature")


def document_features() -> datasets.Features:
    """The ``datasets.Features`` of a document, derived from the schema."""
    return datasets.Features({
        name: datasets.Value("string") if name in _JSON_FIELDS else _feature(field.annotation)
        for name, field in Document.model_fields.items()
    })


def to_record(doc: Document) -> dict[str, Any]:
    """A document as a ``datasets`` row (enums as their names; ClassLabel encodes them)."""
    record = doc.model_dump(mode="python")
    for name in _JSON_FIELDS:
        record[name] = json.dumps(record[name], ensure_ascii=False, sort_keys=False)
    return _enum_values(record)


def _enum_values(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _enum_values(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_enum_values(v) for v in value]
    return value


def _decode(value: Any, feature: Any) -> Any:
    if value is None:
        return None
    if isinstance(feature, datasets.ClassLabel):
        return feature.int2str(value) if isinstance(value, int) else value
    if isinstance(feature, datasets.List):
        return [_decode(v, feature.feature) for v in value]
    if isinstance(feature, dict):
        return {k: _decode(value.get(k), f) for k, f in feature.items()}
    return value


def to_document(record: dict[str, Any], features: datasets.Features | None = None) -> Document:
    """A ``datasets`` row back to a schema document, losing nothing."""
    features = features or document_features()
    raw = {name: _decode(record.get(name), feature) for name, feature in features.items()}
    for name in _JSON_FIELDS:
        raw[name] = json.loads(raw[name]) if raw[name] else {}
    return Document.model_validate(_drop_none(raw))


def _drop_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value]
    return value


def to_dataset(docs: Iterable[Document]) -> datasets.Dataset:
    """Documents as one ``datasets.Dataset`` with the schema's features."""
    features = document_features()
    return datasets.Dataset.from_list([to_record(d) for d in docs], features=features)


def load_corpus(path: str | Path | None = None, split: str | None = None) -> datasets.DatasetDict | datasets.Dataset:
    """Load a corpus folder (the bundled corpus by default) as a ``DatasetDict``, or one split as a ``Dataset``.

    >>> corpus = load_corpus()
    >>> sorted(corpus)
    ['dev', 'test', 'train']
    """
    root = corpus_root(path)
    names = SPLITS if split is None else (split,)
    loaded = {}
    for name in names:
        from .folder import split_path

        loaded[name] = to_dataset(read_documents(split_path(name, root), "gold"))
    return loaded[split] if split is not None else datasets.DatasetDict(loaded)


def export_hf(out: str | Path, path: str | Path | None = None) -> dict[str, Path]:
    """Write a corpus folder as a ``datasets`` folder (``save_to_disk``) and as Parquet files, with the card."""
    out = Path(out)
    corpus = typing.cast(datasets.DatasetDict, load_corpus(path))
    corpus.save_to_disk(str(out / "hf"))
    parquet = out / "parquet"
    parquet.mkdir(parents=True, exist_ok=True)
    for name, ds in corpus.items():
        ds.to_parquet(str(parquet / f"{name}.parquet"))
    card = corpus_root(path) / "README.md"
    if not card.is_file():
        card = corpus_root(path).parent / "README.md"
    if card.is_file():
        (out / "README.md").write_text(card.read_text(encoding="utf-8"), encoding="utf-8")
    return {"hf": out / "hf", "parquet": parquet}
