"""Settings for every test: the scorer's counts are read in strict mode (an undeclared key raises, never reads 0)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from eventgold.eval.counts import strict_keys


@pytest.fixture(autouse=True)
def _strict_count_keys() -> Iterator[None]:
    with strict_keys():
        yield
