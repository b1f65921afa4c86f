"""The ``eventgold`` command: the root that composes the four areas.

Each command parses its arguments and calls a public library function; exit
codes are 0 (ok), 1 (data error) and 2 (usage error). :func:`build_app` builds
the whole command line afresh on each call; importing a module registers nothing.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import typer

from eventgold import __version__
from eventgold.clikit import console, err_console, handles_errors
from eventgold.schema import DataError, Document, Problem, Profile, UsageError, json_schema, read_documents


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
    """Check documents against the schema; list every problem with its location."""
    problems: list[Problem] = []
    total = 0
    for path in files:
        n, found = check_file(path, profile)
        total += n
        problems.extend(found)
    if problems:
        raise DataError(problems)
    err_console.print(f"ok: {total} documents valid under the {profile.value} profile", markup=False)


def check_file(path: Path | str, profile: Profile) -> tuple[int, list[Problem]]:
    """The valid documents of a JSONL file and every problem in it, broken JSON lines included.

    ``read_documents(collect=True)`` stops at the first line that is not JSON (and loses the problems found
    before it); here such lines are reported and blanked (so line numbers stay), and the rest is read by it.
    """
    import tempfile
    from dataclasses import replace

    name = str(path)
    try:
        raw_lines = sys.stdin.buffer.read().splitlines(keepends=True) if name == "-" else \
            Path(path).read_bytes().splitlines(keepends=True)
    except FileNotFoundError:
        raise UsageError(f"{name}: no such file. Check the path") from None
    except IsADirectoryError:
        raise UsageError(f"{name}: is a folder, expected a .jsonl file") from None
    problems: list[Problem] = []
    kept: list[str] = []
    for lineno, raw in enumerate(raw_lines, start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(Problem(f"not UTF-8 text ({exc.reason} at byte {exc.start})", "Save the file as UTF-8",
                                    file=name, line=lineno))
            kept.append("\n")
            continue
        if line.strip():
            try:
                json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(Problem(f"invalid JSON: {exc.msg} at column {exc.colno}",
                                        "Each line must be one complete JSON object (JSON Lines)", file=name,
                                        line=lineno))
                kept.append("\n")
                continue
        kept.append(line if line.endswith("\n") else line + "\n")
    n = 0
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "checked.jsonl"
        copy.write_text("".join(kept), encoding="utf-8", newline="")
        try:
            n = sum(1 for _ in read_documents(copy, profile, collect=True))
        except DataError as exc:
            problems += [replace(p, file=name) if p.file == str(copy) else p for p in exc.problems]
    problems.sort(key=lambda p: p.line or 0)
    return n, problems


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
