"""The live-server commands of `eventgold annotate`: push, pull, serve."""

from __future__ import annotations

from eventgold.cli_annotate import app  # noqa: F401
