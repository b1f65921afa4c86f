"""The corpus as Hugging Face ``datasets``, with ``Features`` derived from the schema.

The features are built by walking the pydantic model, not inferred from data:
strings, integers, floats, booleans and dates map to ``Value``; the closed
vocabularies to ``ClassLabel`` with the schema's names; nested models to dicts;
lists to ``List``. Free ``metadata`` is stored as a JSON string. ``to_document``
reverses ``to_record`` exactly.

``to_dataset`` builds the Arrow table itself, a batch of documents at a time,
with ClassLabel indices encoded while dumping (``datasets``' generic per-value
encoder is bypassed; the table equals ``Dataset.from_list`` of ``to_record``
rows). ``iter_documents`` is the batch-wise way back.
"""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from enum import Enum
from pathlib import Path
from typing import Any

import datasets
import pyarrow as pa
from pydantic import BaseModel

from eventgold.schema import Document, UsageError, read_documents

from .folder import SPLITS, corpus_root

_SCALARS: dict[Any, str] = {str: "string", int: "int64", float: "float64", bool: "bool", dt.date: "date32"}
_JSON_FIELDS = {"metadata"}
#: Documents per Arrow record batch in ``to_dataset`` and per decoded batch in ``iter_documents``.
BATCH_SIZE = 1000


def _feature(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) != 1:
            raise TypeError(f"cannot map {annotation!r} to a feature")
        return _feature(args[0])
    if origin is typing.Annotated:
        return _feature(typing.get_args(annotation)[0])
    if origin is typing.Literal and all(isinstance(a, str) for a in typing.get_args(annotation)):
        return datasets.Value("string")
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
    """The ``datasets.Features`` of a document, derived from the schema (a new object each call)."""
    return datasets.Features({
        name: datasets.Value("string") if name in _JSON_FIELDS else _feature(field.annotation)
        for name, field in Document.model_fields.items()
    })


_DEFAULT_FEATURES: list[datasets.Features] = []


def _default_features() -> datasets.Features:
    """``document_features()`` built once, for internal use only (never handed out, so never mutated)."""
    if not _DEFAULT_FEATURES:
        _DEFAULT_FEATURES.append(document_features())
    return _DEFAULT_FEATURES[0]


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
    return _row_decoder(features)(record)


def _compile_decoder(feature: Any) -> Callable[[Any], Any]:
    """One function that does what ``_decode`` and then ``_drop_none`` do to a value of ``feature``."""
    if isinstance(feature, datasets.ClassLabel):
        names = list(feature.names)

        def class_label(value: Any) -> Any:
            return names[value] if isinstance(value, int) else value

        return class_label
    if isinstance(feature, datasets.List):
        item = _compile_decoder(feature.feature)
        return lambda value: [None if v is None else item(v) for v in value]
    if isinstance(feature, dict):
        return _compile_struct_decoder(feature)
    return _drop_none


def _compile_struct_decoder(features: dict[str, Any]) -> Callable[[Any], dict[str, Any]]:
    fields = [(name, _compile_decoder(f)) for name, f in features.items()]

    def struct(value: Any) -> dict[str, Any]:
        out = {}
        for name, decode in fields:
            v = value.get(name)
            if v is not None:
                out[name] = decode(v)
        return out

    return struct


def _decode_row(features: datasets.Features) -> Callable[[dict[str, Any]], Document]:
    decode = _compile_struct_decoder({n: f for n, f in features.items() if n not in _JSON_FIELDS})
    json_fields = [n for n in features if n in _JSON_FIELDS]

    def row(record: dict[str, Any]) -> Document:
        raw = decode(record)
        for name in json_fields:
            text = record.get(name)
            raw[name] = _drop_none(json.loads(text)) if text else {}
        return Document.model_validate(raw)

    return row


_DECODERS: list[tuple[datasets.Features, Callable[[dict[str, Any]], Document]]] = []


def _row_decoder(features: datasets.Features | None) -> Callable[[dict[str, Any]], Document]:
    """The compiled row decoder of ``features`` (the schema's by default), remembered for a few distinct features.

    Looked up by equality against a private copy (``Dataset.features`` hands out a new copy on every access, and a
    caller may change its own object later).
    """
    if features is None:
        features = _default_features()
    for known, decoder in _DECODERS:
        if known == features:
            return decoder
    decoder = _decode_row(features)
    _DECODERS.insert(0, (features.copy(), decoder))
    del _DECODERS[4:]
    return decoder


def iter_documents(dataset: datasets.Dataset, batch_size: int = BATCH_SIZE) -> Iterator[Document]:
    """The documents of a ``Dataset`` made by ``to_dataset`` (or saved and loaded again), decoded a batch at a time.

    Yields the same documents as ``to_document`` on every row, holding one batch of rows at a time.
    """
    if batch_size < 1:
        raise UsageError(f"batch_size must be at least 1, got {batch_size}; pass a positive number of documents per batch")
    decode = _decode_row(dataset.features)
    for batch in dataset.with_format("arrow").iter(batch_size=batch_size):
        for record in typing.cast(pa.Table, batch).to_pylist():
            yield decode(record)


def _drop_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value]
    return value


def _compile_encoder(annotation: Any) -> Callable[[Any], Any] | None:
    """A function turning a ``model_dump(mode="python")`` value into its Arrow value (enums to ClassLabel indices).

    None where the dumped value is already the Arrow value (no enum below it).
    """
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        inner = _compile_encoder(next(a for a in typing.get_args(annotation) if a is not type(None)))
        if inner is None:
            return None
        return lambda value: None if value is None else inner(value)
    if origin is typing.Annotated:
        return _compile_encoder(typing.get_args(annotation)[0])
    if origin is list:
        item = _compile_encoder(typing.get_args(annotation)[0])
        if item is None:
            return None
        return lambda value: [item(v) for v in value]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        index = {member: i for i, member in enumerate(annotation)}
        index.update({member.value: i for i, member in enumerate(annotation)})
        return index.__getitem__
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _compile_model_encoder(annotation, set())
    return None


def _compile_model_encoder(model: type[BaseModel], json_fields: set[str]) -> Callable[[Any], Any] | None:
    fields = [(name, _compile_encoder(f.annotation)) for name, f in model.model_fields.items() if name not in json_fields]
    encoded = [(name, encode) for name, encode in fields if encode is not None]
    if not encoded and not json_fields:
        return None

    def encode_model(value: dict[str, Any]) -> dict[str, Any]:
        for name, encode in encoded:
            value[name] = encode(value[name])
        for name in json_fields:
            value[name] = json.dumps(value[name], ensure_ascii=False, sort_keys=False)
        return value

    return encode_model


def _arrow_record(encode: Callable[[Any], Any] | None, doc: Document) -> dict[str, Any]:
    record = doc.model_dump(mode="python")
    return record if encode is None else typing.cast(dict[str, Any], encode(record))


def to_dataset(docs: Iterable[Document], batch_size: int = BATCH_SIZE) -> datasets.Dataset:
    """Documents as one in-memory ``datasets.Dataset`` with the schema's features.

    The Arrow table is built ``batch_size`` documents at a time, so besides the table only one batch of
    Python rows is held; it equals ``Dataset.from_list([to_record(d) for d in docs], features=document_features())``.
    """
    if batch_size < 1:
        raise UsageError(f"batch_size must be at least 1, got {batch_size}; pass a positive number of documents per batch")
    features = document_features()
    schema = features.arrow_schema
    encode = _compile_model_encoder(Document, set(_JSON_FIELDS))
    batches = []
    records: list[dict[str, Any]] = []
    for doc in docs:
        records.append(_arrow_record(encode, doc))
        if len(records) == batch_size:
            batches.append(pa.RecordBatch.from_pylist(records, schema=schema))
            records = []
    if records or not batches:
        batches.append(pa.RecordBatch.from_pylist(records, schema=schema))
    table = pa.Table.from_batches(batches, schema=schema)
    return datasets.Dataset(datasets.table.InMemoryTable(table), info=datasets.DatasetInfo(features=features))


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
