"""The `eventgold annotate` commands."""

from __future__ import annotations

import typer

app = typer.Typer(help="annotate commands.", no_args_is_help=True)
