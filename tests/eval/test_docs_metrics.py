"""docs/metrics.md names every score the reports contain, and the scorer's docstring examples run."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

from eventgold.eval import HEADLINES, TABLES

DOC = (Path(__file__).resolve().parents[2] / "docs" / "metrics.md").read_text(encoding="utf-8")


def test_every_headline_and_row_is_documented() -> None:
    for h in HEADLINES:
        assert f"`{h.name}`" in DOC, h.name
    for spec in TABLES:
        assert f"`{spec.name}`" in DOC, (spec.level, spec.name)
    for key in ("format", "version", "kind", "documents", "settings", "headlines", "rows", "per_label", "macro",
                "confusions", "extras", "counts", "findings", "differences", "attributes"):
        assert f"`{key}`" in DOC, key


@pytest.mark.parametrize("module", ["eventgold.eval", "eventgold.eval.counts", "eventgold.eval.matching",
                                    "eventgold.eval.names", "eventgold.eval.findings", "eventgold.eval.document",
                                    "eventgold.eval.scoring", "eventgold.eval.agreement"])
def test_docstring_examples(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module))
    assert result.failed == 0 and result.attempted > 0
