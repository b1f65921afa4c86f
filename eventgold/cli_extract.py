"""The `eventgold extract` command."""

from __future__ import annotations


def extract_command() -> None:
    """Run an extraction system over documents and write predictions."""
