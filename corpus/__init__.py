"""The gold corpus: a folder of split JSONL files, loading as Hugging Face ``datasets``, statistics and splits.

>>> from eventgold.corpus import load_corpus
>>> load_corpus()["test"].num_rows > 0
True
"""

from typing import Any

from .folder import BUNDLED, SPLITS, corpus_root, read_manifest, read_split, split_path, validate_corpus
from .splits import assign_splits, make_corpus_folder
from .stats import STATISTICS, corpus_stats, unmet_minimums

_HF_NAMES = ("document_features", "export_hf", "iter_documents", "load_corpus", "to_dataset", "to_document",
             "to_record")


def __getattr__(name: str) -> Any:
    """Import the ``datasets`` bridge only when it is used (``datasets`` takes about a second to import)."""
    if name in _HF_NAMES:
        from . import hf

        return getattr(hf, name)
    raise AttributeError(f"module 'eventgold.corpus' has no attribute {name!r}")

__all__ = [
    "BUNDLED", "SPLITS", "STATISTICS", "assign_splits", "corpus_root", "corpus_stats", "document_features",
    "export_hf", "iter_documents", "load_corpus", "make_corpus_folder", "read_manifest", "read_split", "split_path", "to_dataset",
    "to_document", "to_record", "unmet_minimums", "validate_corpus",
]
