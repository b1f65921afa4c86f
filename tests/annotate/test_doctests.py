"""The docstring examples of the offline annotate modules run, so they cannot go stale."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["eventgold.annotate.config", "eventgold.annotate.tasks", "eventgold.annotate.export",
           "eventgold.annotate.jsonstream", "eventgold.annotate.results", "eventgold.annotate.assemble",
           "eventgold.annotate.scheme", "eventgold.annotate.readers", "eventgold.annotate.summary"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_the_examples_exist() -> None:
    counts = [doctest.testmod(importlib.import_module(n)).attempted for n in MODULES[:2]]
    assert all(c > 0 for c in counts)
