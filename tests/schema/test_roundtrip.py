from hypothesis import given, settings

from eventgold.schema import Document, dump_document, load_document, parse_document, read_documents, write_documents
from tests.strategies import documents


@given(documents())
@settings(max_examples=150, deadline=None)
def test_gold_round_trip(doc: Document) -> None:
    line = dump_document(doc)
    assert load_document(line) == doc
    assert dump_document(load_document(line)) == line


@given(documents(profile="prediction", span_free=True))
@settings(max_examples=75, deadline=None)
def test_span_free_prediction_round_trip(doc: Document) -> None:
    assert load_document(dump_document(doc), "prediction") == doc


@given(documents())
@settings(max_examples=25, deadline=None)
def test_file_round_trip_is_byte_stable(tmp_path_factory, doc: Document) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("rt") / "docs.jsonl"
    write_documents(path, [doc])
    first = path.read_bytes()
    write_documents(path, read_documents(path))
    assert path.read_bytes() == first
    assert parse_document(doc.model_dump(mode="json")) == doc


def test_written_files_get_ordinary_permissions(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os

    path = tmp_path / "out.jsonl"
    write_documents(path, [])
    mask = os.umask(0)
    os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask
