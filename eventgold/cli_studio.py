"""The live-server commands of `eventgold annotate`: push, pull, serve.

:func:`eventgold.cli_annotate.build_app` adds them to the ``annotate`` group. ``serve``
is where the areas meet: it reads the bundled corpus (``eventgold.corpus``) and
pre-annotates with the baseline extractor (``eventgold.eval``) when that is
installed, and hands both to :func:`eventgold.annotate.serve.serve`, which
knows neither.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from eventgold.clikit import console, err_console, handles_errors

URL_OPTION = typer.Option(
    "http://127.0.0.1:8080", "--url", envvar="LABEL_STUDIO_URL",
    help="Label Studio server (env LABEL_STUDIO_URL). The token comes from LABEL_STUDIO_API_KEY.",
)
PROJECT_OPTION = typer.Option(..., "--project", help="Project title (matched exactly; at least 3 characters).")


class _Bar:
    """A rich progress bar on stderr that appears with the first update (so early errors print cleanly)."""

    def __init__(self, description: str) -> None:
        self.description = description
        self.progress: Progress | None = None
        self.task_id: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.progress is None:
            self.progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                     TimeElapsedColumn(), console=err_console)
            self.progress.start()
            self.task_id = self.progress.add_task(self.description, total=total)
        self.progress.update(self.task_id, completed=done, total=total)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()


@handles_errors
def push_command(
    input_path: Path = typer.Argument(..., metavar="INPUT",
                                      help="Folder of .txt reports, a CSV or JSONL of reports, or gold JSONL."),
    url: str = URL_OPTION,
    project: str = PROJECT_OPTION,
    predictions: Path = typer.Option(None, "--predictions", help="System output (JSONL) to pre-annotate with."),
    model_version: str = typer.Option(None, "--model-version",
                                      help="Name of the predictions' model (default: the predictions file name)."),
    batch_size: int = typer.Option(100, "--batch-size", min=1, help="Tasks per import request."),
    published: dt.datetime = typer.Option(None, "--published", formats=["%Y-%m-%d"],
                                          help="Publication date for reports that give none."),
    ground_truth: bool = typer.Option(True, "--ground-truth/--no-ground-truth",
                                      help="Mark imported gold annotations as ground truth."),
    completed_by: str = typer.Option(None, "--completed-by",
                                     help="Attribute imported gold annotations to this member (user id or email)."),
    on_error: str = typer.Option("raise", "--on-error", help="raise: stop at the first bad record; skip: count it."),
) -> None:
    """Create or update a project with the generated config and import tasks; rerunning adds no duplicates."""
    from eventgold.annotate.sync import PushOptions, push

    options = PushOptions(predictions=predictions, model_version=model_version,
                          published=published.date() if published is not None else None,
                          ground_truth=ground_truth,
                          completed_by=int(completed_by) if completed_by and completed_by.isdigit() else completed_by,
                          on_error=on_error)
    bar = _Bar(f"importing into {project!r}")
    try:
        report, summary = push(url, project, input_path, options=options, batch_size=batch_size, on_progress=bar)
    finally:
        bar.close()
    verb = "created" if report.project.created else ("updated the config of" if report.project.config_updated
                                                     else "found")
    lines = [f"{verb} project {project!r} (id {report.project.id}) at {url}",
             f"imported {report.imported} tasks, skipped {report.skipped} already in the project"]
    if report.predictions_added:
        lines.append(f"added {report.predictions_added} predictions to tasks already in the project")
    if summary.skipped:
        lines.append(summary.render("tasks"))
    err_console.print("\n".join(lines), markup=False)


@handles_errors
def pull_command(
    url: str = URL_OPTION,
    project: str = PROJECT_OPTION,
    output: Path = typer.Option(..., "-o", "--output", help="Gold JSONL to write ('-' for stdout); replaced atomically."),
    annotator: str = typer.Option(None, "--annotator", help="Take each task's annotation by this user (id or email)."),
    ground_truth: bool = typer.Option(False, "--ground-truth", help="Take each task's ground-truth annotation."),
    prediction: str = typer.Option(None, "--prediction", help="Take each task's prediction of this model version."),
    on_error: str = typer.Option("raise", "--on-error",
                                 help="raise: fail on any bad task (output untouched); skip: leave it out, counted."),
    save_export: Path = typer.Option(None, "--save-export", help="Also keep Label Studio's raw JSON export here."),
) -> None:
    """Export a project (snapshot with full predictions) and convert it to gold documents."""
    from eventgold.annotate.sync import pull

    report = pull(url, project, output, annotator=annotator, ground_truth=ground_truth, prediction=prediction,
                  on_error=on_error, save_export=save_export)
    err_console.print(f"exported {report.tasks} tasks from project {project!r} (id {report.project_id}); "
                      f"{report.summary.render()}", markup=False)


@handles_errors
def serve_command(
    port: int = typer.Option(8080, "--port", min=1, max=65535, help="Port on 127.0.0.1."),
    data_dir: Path = typer.Option(None, "--data-dir",
                                  help="Label Studio's data folder (default: eventgold's folder in your data dir)."),
    project: str = typer.Option("eventgold", "--project", help="Project title."),
    predictions: bool = typer.Option(True, "--predictions/--no-predictions",
                                     help="Pre-annotate with the baseline extractor when it is installed."),
) -> None:
    """Start a local Label Studio with the bundled corpus to annotate; Ctrl-C stops it."""
    from eventgold.annotate.serve import ServeInfo, serve

    tasks, model_version, note = corpus_tasks(with_predictions=predictions)
    err_console.print(f"{len(tasks)} reports from the bundled corpus; {note}", markup=False)
    err_console.print("starting Label Studio (the first start sets up its database, about 30 s) ...", markup=False)

    def ready(info: ServeInfo) -> None:
        console.print(
            f"Label Studio is running at {info.url}\n"
            f"  project:  {info.project_url}\n"
            f"  email:    {info.login.email}\n"
            f"  password: {info.login.password}\n"
            f"  data:     {info.data_dir} (server log: {info.log_path})\n"
            f"  imported {info.push.imported} reports, {info.push.skipped} were already there\n"
            "Press Ctrl-C to stop.",
            markup=False,
        )

    serve(tasks, data_dir=data_dir, port=port, title=project, model_version=model_version, on_ready=ready)
    err_console.print("Label Studio stopped.", markup=False)


def corpus_tasks(*, with_predictions: bool) -> tuple[list[dict[str, Any]], str | None, str]:
    """Tasks for every report of the bundled corpus (text only), with baseline pre-annotations when available.

    Returns the tasks, the predictions' model version (None without
    predictions) and a sentence saying which.
    """
    from eventgold import __version__
    from eventgold.annotate.readers import Source
    from eventgold.annotate.summary import Summary
    from eventgold.annotate.tasks import iter_tasks
    from eventgold.corpus import SPLITS, read_split
    from eventgold.schema import Document

    gold = [(split, doc) for split in SPLITS for doc in read_split(split)]
    sources = [Source(_report_only(doc), gold=False, where=f"bundled corpus, {split} split") for split, doc in gold]
    predictions: dict[str, tuple[Document, str]] | None = None
    model_version: str | None = None
    note = "no pre-annotations (--no-predictions)"
    if with_predictions:
        try:
            from eventgold.eval.baseline import Baseline
        except ImportError:
            note = "no pre-annotations (the baseline extractor is not installed)"
        else:
            model = Baseline.from_training(doc for split, doc in gold if split == "train")
            model_version = f"eventgold-baseline-{__version__}"
            predictions = {s.doc.id: (model(s.doc), model_version) for s in sources}
            note = f"pre-annotated by {model_version}"
    summary = Summary()
    tasks = list(iter_tasks(sources, predictions=predictions, model_version=model_version or "eventgold",
                            on_error="skip", summary=summary))
    if summary.skipped:
        note += f"; {summary.total_skipped} span-free predicted items left out"
    return tasks, model_version, note


def _report_only(doc: Any) -> Any:
    """The document without its annotations: what an annotator starts from."""
    return doc.model_copy(update={"actors": [], "locations": [], "times": [], "weapons": [], "events": [],
                                  "casualties": [], "links": []})
