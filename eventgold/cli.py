"""The ``eventgold`` command: the root that composes the four areas.

Each command parses its arguments and calls a public library function; exit
codes are 0 (ok), 1 (data error) and 2 (usage error).
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from eventgold import __version__
from eventgold.clikit import console, err_console, handles_errors
from eventgold.schema import Profile, json_schema, validate_files

app = typer.Typer(
    name="eventgold",
    help="Gold-standard data for conflict and security incident reports, and a scorer for event extractors.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        console.print(f"eventgold {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """eventgold: build gold-standard incident datasets and score event extractors against them."""


@app.command("schema")
def schema_command(
    output: Path = typer.Option(None, "-o", "--output", help="Write to this file instead of stdout."),
) -> None:
    """Print the JSON Schema of a document (for tools and LLM structured output)."""
    from eventgold.clikit import write_output

    write_output(json.dumps(json_schema(), indent=2, ensure_ascii=False), output)


@app.command("validate")
@handles_errors
def validate_command(
    files: list[Path] = typer.Argument(..., help="JSONL files of documents ('-' for stdin)."),
    profile: Profile = typer.Option(Profile.GOLD, "--profile", help="gold: evidence spans required; prediction: span-free allowed."),
) -> None:
    """Check documents against the schema; list every problem with its location (a file without documents is one)."""
    total = validate_files(files, profile)
    err_console.print(f"ok: {total} documents valid under the {profile.value} profile", markup=False)


def _register_areas() -> None:
    from eventgold import cli_adjudicate, cli_studio  # noqa: F401  (add commands to the annotate group)
    from eventgold.cli_annotate import app as annotate_app
    from eventgold.cli_corpus import app as corpus_app
    from eventgold.cli_eval import app as eval_app
    from eventgold.cli_extract import extract_command

    app.add_typer(corpus_app, name="corpus")
    app.add_typer(annotate_app, name="annotate")
    app.add_typer(eval_app, name="eval")
    app.command("extract")(extract_command)


def main() -> None:
    _register_areas()
    app()
