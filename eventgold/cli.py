"""The ``eventgold`` command: the root that composes the four areas.

Each command parses its arguments and calls a public library function; exit
codes are 0 (ok), 1 (data error) and 2 (usage error).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import typer

from eventgold import __version__
from eventgold.clikit import console, err_console, handles_errors
from eventgold.schema import DataError, Document, Problem, Profile, json_schema, read_documents

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
@handles_errors
def schema_command(
    output: Path = typer.Option(None, "-o", "--output", help="Write to this file instead of stdout."),
    version: str = typer.Option("2", "--version", help="Schema major version to print: 2 (current) or 1."),
    llm: bool = typer.Option(False, "--llm", help="The schema of an LLM's answer (annotations only, every field "
                                                  "required, null for absent) for structured-output engines."),
    describe: bool = typer.Option(False, "--describe", help="With --llm: every field of the answer and every "
                                                            "vocabulary as Markdown, ready for a prompt."),
) -> None:
    """Print the JSON Schema (Draft 2020-12) of a document, for validators and tools; --llm for LLM answers."""
    from eventgold.clikit import write_output
    from eventgold.schema import JSON_SCHEMA_VERSIONS, UsageError, describe_llm_answer, llm_json_schema

    if version not in JSON_SCHEMA_VERSIONS:
        raise UsageError(f"--version {version!r}: choose one of {', '.join(JSON_SCHEMA_VERSIONS)}")
    if describe and not llm:
        raise UsageError("--describe describes the LLM answer: add --llm")
    if llm and version != "2":
        raise UsageError("--llm gives the answer of the current schema; leave out --version")
    if describe:
        write_output(describe_llm_answer(), output)
    elif llm:
        write_output(json.dumps(llm_json_schema(), indent=2, ensure_ascii=False), output)
    else:
        write_output(json.dumps(json_schema(version), indent=2, ensure_ascii=False), output)


@app.command("migrate")
@handles_errors
def migrate_command(
    source: Path = typer.Argument(..., help="JSONL file of schema 1.x documents ('-' for stdin)."),
    output: Path = typer.Option(..., "-o", "--output", help="Where to write the 2.0 documents ('-' for stdout)."),
    profile: Profile = typer.Option(Profile.GOLD, "--profile", help="Validate the results as gold or as predictions."),
) -> None:
    """Convert documents from schema 1.x to 2.0 without losing anything; every result is validated."""
    from eventgold.schema import migrate_lines, parse_document, write_documents

    def converted() -> Iterator[Document]:
        for lineno, raw in migrate_lines(source):
            try:
                yield parse_document(raw, profile)
            except DataError as exc:
                raise exc.located(file=str(source), line=lineno) from None

    n = write_documents(output, converted())
    err_console.print(f"migrated {n} documents to schema 2.0: {output}", markup=False)


@app.command("validate")
@handles_errors
def validate_command(
    files: list[Path] = typer.Argument(..., help="JSONL files of documents ('-' for stdin)."),
    profile: Profile = typer.Option(Profile.GOLD, "--profile", help="gold: evidence spans required; prediction: span-free allowed."),
) -> None:
    """Check documents against the schema; list every problem with its location."""
    problems: list[Problem] = []
    total = 0
    for path in files:
        try:
            total += sum(1 for _ in read_documents(path, profile, collect=True))
        except DataError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DataError(problems)
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
