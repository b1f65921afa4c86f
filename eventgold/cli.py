"""The ``eventgold`` command: the root that composes the four areas.

Each command parses its arguments and calls a public library function; exit
codes are 0 (ok), 1 (data error) and 2 (usage error). :func:`build_app` builds
the whole command line afresh on each call; importing a module registers nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import typer

from eventgold import __version__
from eventgold.clikit import console, err_console, handles_errors
from eventgold.schema import DataError, Document, Profile, UsageError, json_schema, validate_files


def _version(value: bool) -> None:
    if value:
        console.print(f"eventgold {__version__}")
        raise typer.Exit()


def root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """eventgold: build gold-standard incident datasets and score event extractors against them."""


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
    from eventgold.schema import JSON_SCHEMA_VERSIONS, describe_llm_answer, llm_json_schema

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


@handles_errors
def validate_command(
    files: list[Path] = typer.Argument(..., help="JSONL files of documents ('-' for stdin)."),
    profile: Profile = typer.Option(Profile.GOLD, "--profile", help="gold: evidence spans required; prediction: span-free allowed."),
) -> None:
    """Check documents against the schema; list every problem with its location (a file without documents is one).

    Files are streamed (:func:`eventgold.schema.validate_files`): a line that is not JSON or not UTF-8 is reported
    and reading goes on, and memory does not grow with the file.
    """
    total = validate_files(files, profile)
    err_console.print(f"ok: {total} documents valid under the {profile.value} profile", markup=False)


def build_app() -> typer.Typer:
    """The ``eventgold`` command line: the root commands and the groups of the four areas, built fresh."""
    from eventgold import cli_annotate, cli_corpus, cli_eval
    from eventgold.cli_extract import extract_command

    app = typer.Typer(
        name="eventgold",
        help="Gold-standard data for conflict and security incident reports, and a scorer for event extractors.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    app.callback()(root)
    app.command("schema")(schema_command)
    app.command("migrate")(migrate_command)
    app.command("validate")(validate_command)
    app.command("extract")(extract_command)
    app.add_typer(cli_corpus.build_app(), name="corpus")
    app.add_typer(cli_annotate.build_app(), name="annotate")
    app.add_typer(cli_eval.build_app(), name="eval")
    return app


def main() -> None:
    build_app()()


def __getattr__(name: str) -> typer.Typer:
    """``eventgold.cli.app``: a freshly built command line (for tools that expect a module-level app)."""
    if name == "app":
        return build_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
