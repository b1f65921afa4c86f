"""The ``datasets`` bridge built batch-wise on Arrow: the same table as ``Dataset.from_list``, the same documents back."""

from pathlib import Path

import datasets
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventgold.corpus import SPLITS, read_split
from eventgold.corpus.hf import document_features, iter_documents, to_dataset, to_document, to_record
from eventgold.schema import Document, UsageError
from tests.strategies import documents


def bundled() -> list[Document]:
    return [d for s in SPLITS for d in read_split(s)]


def reference(docs: list[Document]) -> datasets.Dataset:
    """What ``to_dataset`` did before: ``datasets``' own encoder on ``to_record`` rows."""
    return datasets.Dataset.from_list([to_record(d) for d in docs], features=document_features())


def assert_same_dataset(ours: datasets.Dataset, ref: datasets.Dataset) -> None:
    assert ours.features == ref.features == document_features()
    assert ours.data.table.schema.equals(ref.data.table.schema, check_metadata=True)
    assert ours.data.table.equals(ref.data.table)
    assert ours.to_list() == ref.to_list()


@pytest.mark.parametrize("batch_size", [1, 7, 1000])
def test_table_equals_from_list_for_every_bundled_document(batch_size: int) -> None:
    docs = bundled()
    assert len(docs) > 7
    ours = to_dataset(iter(docs), batch_size=batch_size)
    assert ours.num_rows == len(docs)
    assert_same_dataset(ours, reference(docs))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(documents(), min_size=1, max_size=4))
def test_table_equals_from_list_for_generated_documents(docs: list[Document]) -> None:
    ours = to_dataset(docs, batch_size=3)
    assert_same_dataset(ours, reference(docs))
    assert list(iter_documents(ours, batch_size=2)) == docs


def test_no_documents_give_an_empty_table_with_the_features() -> None:
    ours = to_dataset([])
    assert ours.num_rows == 0
    assert ours.features == document_features()
    assert list(iter_documents(ours)) == []


@pytest.mark.parametrize("batch_size", [1, 5, 1000])
def test_iter_documents_gives_back_every_bundled_document(batch_size: int) -> None:
    docs = bundled()
    assert list(iter_documents(to_dataset(docs), batch_size=batch_size)) == docs


def test_iter_documents_agrees_with_to_document_row_by_row() -> None:
    docs = list(read_split("dev"))
    ds = to_dataset(docs)
    assert [to_document(row, ds.features) for row in ds] == list(iter_documents(ds, batch_size=3)) == docs
    assert [to_document(to_record(d)) for d in docs] == docs  # unencoded rows (label names) decode too


def test_iter_documents_follows_selected_and_shuffled_rows() -> None:
    docs = list(read_split("dev"))
    order = list(range(len(docs)))[::-1][: max(1, len(docs) // 2)]
    picked = to_dataset(docs).select(order)
    assert list(iter_documents(picked, batch_size=4)) == [docs[i] for i in order]
    shuffled = to_dataset(docs).shuffle(seed=0)
    ids = shuffled["id"]
    assert ids != [d.id for d in docs]
    by_id = {d.id: d for d in docs}
    assert list(iter_documents(shuffled, batch_size=4)) == [by_id[i] for i in ids]


def test_saved_and_loaded_dataset_decodes_the_same(tmp_path: Path) -> None:
    docs = list(read_split("test"))
    to_dataset(docs).save_to_disk(str(tmp_path / "ds"))
    loaded = datasets.load_from_disk(str(tmp_path / "ds"))
    assert isinstance(loaded, datasets.Dataset)
    assert list(iter_documents(loaded)) == docs


def test_batch_size_must_be_positive() -> None:
    with pytest.raises(UsageError, match=r"^batch_size must be at least 1, got 0; pass a positive number of documents per batch$"):
        to_dataset([], batch_size=0)
    with pytest.raises(UsageError, match=r"^batch_size must be at least 1, got -1; pass a positive number of documents per batch$"):
        next(iter_documents(to_dataset([]), batch_size=-1))


def test_to_document_decodes_with_the_features_it_is_given_even_when_changed_in_place() -> None:
    doc = next(d for d in read_split("dev") if d.events)
    row = to_dataset([doc])[0]
    features = document_features()
    names = features["events"].feature["modality"].names
    reversed_labels = datasets.ClassLabel(names=names[::-1])
    swapped = [names[len(names) - 1 - names.index(e.modality.value)] for e in doc.events]

    def modalities(d: Document) -> list[str]:
        return [e.modality.value for e in d.events]

    assert swapped != modalities(doc)
    assert to_document(row, features) == to_document(row) == doc
    other = document_features()
    other["events"].feature["modality"] = reversed_labels
    assert modalities(to_document(row, other)) == swapped
    assert to_document(row, features) == doc
    features["events"].feature["modality"] = reversed_labels  # the same object, changed after it was used
    assert modalities(to_document(row, features)) == swapped
    assert to_document(row) == doc
