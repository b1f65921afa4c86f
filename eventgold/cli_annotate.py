"""The `eventgold annotate` commands: config, to-ls, from-ls here; adjudicate, push, pull and serve beside."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from eventgold.clikit import err_console, handles_errors, write_output

ON_ERROR_HELP = "raise: fail with every located problem (output untouched); skip: leave bad items out, counted."


@handles_errors
def config_command(
    output: Path = typer.Option(None, "-o", "--output", help="Write to this file instead of stdout."),
) -> None:
    """Print the Label Studio labeling config generated from the schema's vocabularies."""
    from eventgold.annotate.config import labeling_config

    write_output(labeling_config(), output)


@handles_errors
def to_ls_command(
    input_path: Path = typer.Argument(..., metavar="INPUT",
                                      help="Folder of .txt reports, a CSV or JSONL of reports, or gold JSONL."),
    output: Path = typer.Option(..., "-o", "--output", help="Tasks JSON to write ('-' for stdout)."),
    published: dt.datetime = typer.Option(None, "--published", formats=["%Y-%m-%d"],
                                          help="Publication date for reports that give none (YYYY-MM-DD)."),
    predictions: Path = typer.Option(None, "--predictions", help="System output (JSONL) to send as pre-annotations."),
    model_version: str = typer.Option(None, "--model-version",
                                      help="Model version of the predictions (default: the predictions file name)."),
    ground_truth: bool = typer.Option(True, "--ground-truth/--no-ground-truth",
                                      help="Mark gold annotations as ground truth (always written explicitly)."),
    completed_by: str = typer.Option(None, "--completed-by",
                                     help="Gold annotations' author: a Label Studio user id or member email."),
    on_error: str = typer.Option("raise", "--on-error", help="Predictions that cannot be shown (span-free): "
                                 + ON_ERROR_HELP),
) -> None:
    """Turn reports or gold documents into Label Studio tasks (gold as annotations, system output as predictions)."""
    from eventgold.annotate.tasks import convert_to_ls

    author: int | str | None = int(completed_by) if completed_by and completed_by.isdigit() else completed_by
    summary = convert_to_ls(input_path, output, published=published.date() if published else None,
                            predictions=predictions, model_version=model_version, ground_truth=ground_truth,
                            completed_by=author, on_error=on_error)
    err_console.print(summary.render("tasks"), markup=False)


@handles_errors
def from_ls_command(
    export: Path = typer.Argument(..., help="Label Studio JSON export (a list of tasks; snapshot exports too)."),
    output: Path = typer.Option(..., "-o", "--output", help="JSONL to write ('-' for stdout); atomic. Gold documents, "
                                "or with --prediction predictions (prediction profile, with the model's confidences)."),
    annotator: str = typer.Option(None, "--annotator", help="Take each task's annotation by this user (id or email)."),
    ground_truth: bool = typer.Option(False, "--ground-truth", help="Take each task's ground-truth annotation."),
    prediction: str = typer.Option(None, "--prediction", help="Take each task's prediction of this model version; "
                                   "the output is predictions (score them with eval score, check them with "
                                   "validate --profile prediction), not gold."),
    on_error: str = typer.Option("raise", "--on-error", help=ON_ERROR_HELP),
) -> None:
    """Turn a Label Studio export into gold documents (or, with --prediction, predictions), every problem located."""
    from eventgold.annotate.export import convert_from_ls

    summary = convert_from_ls(export, output, annotator=annotator, ground_truth=ground_truth, prediction=prediction,
                              on_error=on_error)
    err_console.print(summary.render("documents" if prediction is None else "predictions"), markup=False)
    if prediction is not None:
        err_console.print(f"note: these are the predictions of model version {prediction!r}, under the prediction "
                          f"profile (with confidences), not gold; check them with "
                          f"'eventgold validate --profile prediction {output}'", markup=False)


def build_app() -> typer.Typer:
    """The ``eventgold annotate`` group: these commands, ``adjudicate`` and the Label Studio server commands."""
    from eventgold import cli_adjudicate, cli_studio

    app = typer.Typer(help="Annotate in Label Studio: labeling config, tasks out, annotations back.",
                      no_args_is_help=True)
    app.command("config")(config_command)
    app.command("to-ls")(to_ls_command)
    app.command("from-ls")(from_ls_command)
    app.command("adjudicate")(cli_adjudicate.adjudicate_command)
    app.command("push")(cli_studio.push_command)
    app.command("pull")(cli_studio.pull_command)
    app.command("serve")(cli_studio.serve_command)
    return app
