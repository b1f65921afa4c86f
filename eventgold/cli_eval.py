"""The `eventgold eval` commands: score, compare, agreement.

Each command parses its options and calls one public function of :mod:`eventgold.eval`. The options the
three commands share are declared once, by :func:`eval_options` (as sqlite-utils' ``output_options``): it adds
them to a command and hands the command a :class:`~eventgold.eval.Settings` built from them, whose defaults
are the options' defaults. The gold split of the bundled corpus is looked up here, because the eval library
does not import the corpus library.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import math
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import typer

from eventgold.clikit import (
    ProgressBar,
    ReportFormat,
    count_lines,
    err_console,
    handles_errors,
    interactive,
    write_output,
)
from eventgold.schema import DataError, UsageError

if TYPE_CHECKING:
    from eventgold.eval import Settings

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_SPLIT = "test"


def split_file(name: str) -> Path:
    """The JSONL file of a split of the bundled corpus."""
    try:
        from eventgold.corpus import split_path
    except ImportError:
        import eventgold.corpus

        path = Path(eventgold.corpus.__file__).parent / "data" / f"{name}.jsonl"
        if not path.is_file():
            raise UsageError(f"{path}: no such split file in the bundled corpus; give --gold FILE") from None
        return path
    return Path(split_path(name))


def gold_file(gold: Path | None, split: str | None) -> Path:
    if gold is not None and split is not None:
        raise UsageError("give either --gold FILE or --split NAME, not both")
    return gold if gold is not None else split_file(split or DEFAULT_SPLIT)


@dataclass(frozen=True)
class Output:
    """How a report is written: format, file, whether findings are listed, worker processes."""

    fmt: ReportFormat
    path: Path | None
    errors: bool
    num_proc: int


@dataclass(frozen=True)
class _Option:
    name: str
    annotation: Any
    info: Any


def _settings_defaults() -> dict[str, Any]:
    from eventgold.eval import Settings

    return {f.name: f.default for f in dataclasses.fields(Settings)}


def _zero_division_text(value: float) -> str:
    return "nan" if math.isnan(value) else f"{value:g}"


#: Help of each Settings field's option; the default comes from Settings itself.
SETTING_HELP = {
    "seed": ("--seed", int, "Seed of the bootstrap resampling."),
    "resamples": ("--resamples", int, "Number of bootstrap resamples."),
    "confidence": ("--confidence", float, "Confidence level of the intervals."),
    "zero_division": ("--zero-division", str, "Value of an undefined score: 0, 1 or nan (shown as –)."),
    "min_event_similarity": ("--min-event-similarity", float, "Lowest similarity at which two events may be aligned."),
}


def _options(with_gold: bool) -> list[_Option]:
    out: list[_Option] = []
    if with_gold:
        out += [
            _Option("gold", Path | None, typer.Option(None, "--gold", help="Gold JSONL file (instead of a split of "
                                                      "the bundled corpus).")),
            _Option("split", str | None, typer.Option(None, "--split", help="Split of the bundled corpus used as "
                                                      f"gold (default: {DEFAULT_SPLIT}).")),
        ]
    out += [
        _Option("fmt", ReportFormat, typer.Option(ReportFormat.TABLE, "--format", "-f",
                                                  help="Report format: table, json, markdown or html.")),
        _Option("output", Path | None, typer.Option(None, "-o", "--output",
                                                    help="Write the report to this file instead of stdout.")),
        _Option("errors", bool, typer.Option(False, "--errors",
                                             help="List every false positive and false negative, grouped by level.")),
        _Option("num_proc", int, typer.Option(1, "--num-proc",
                                              help="Worker processes for scoring (the result is the same for any "
                                                   "number).")),
    ]
    for name, default in _settings_defaults().items():
        flag, kind, text = SETTING_HELP[name]
        value = _zero_division_text(default) if name == "zero_division" else default
        out.append(_Option(name, kind, typer.Option(value, flag, help=text)))
    return out


def _resolve(annotation: Any, func: Callable[..., Any]) -> Any:
    """A string annotation (``from __future__ import annotations``) evaluated where ``func`` was defined."""
    return eval(annotation, func.__globals__) if isinstance(annotation, str) else annotation  # noqa: S307


def eval_options(*, with_gold: bool = True) -> Callable[[F], F]:
    """Add the options every eval command takes, and pass the command ``settings``, ``out`` (and ``gold``).

    The decorated function declares its own arguments and options plus the keyword-only parameters
    ``settings: Settings``, ``out: Output`` and, ``with_gold``, ``gold: Path`` (from --gold or --split); the
    decorator replaces those three by the shared options, builds them from the parsed values and calls it.
    """

    def decorate(func: F) -> F:
        options = _options(with_gold)
        own = [p.replace(annotation=_resolve(p.annotation, func))
               for p in inspect.signature(func).parameters.values() if p.name not in ("settings", "out", "gold")]
        added = [inspect.Parameter(o.name, inspect.Parameter.KEYWORD_ONLY, default=o.info, annotation=o.annotation)
                 for o in options]
        names = {o.name for o in options}

        @functools.wraps(func)
        def wrapper(**kwargs: Any) -> Any:
            from eventgold.eval import Settings

            shared = {name: kwargs.pop(name) for name in names}
            settings = Settings(**{name: shared[name] for name in _settings_defaults()})
            out = Output(shared["fmt"], shared["output"], shared["errors"], shared["num_proc"])
            if with_gold:
                kwargs["gold"] = gold_file(shared["gold"], shared["split"])
            return func(**kwargs, settings=settings, out=out)

        params = own + added
        wrapper.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
        wrapper.__annotations__ = {p.name: p.annotation for p in params}
        return typing.cast(F, wrapper)

    return decorate


DETAIL = typer.Option(False, "--detail", help="Show every level's rows with raw counts, per-label tables, "
                                             "confusions and extra statistics (HTML and JSON always have them).")
BY = typer.Option(None, "--by", metavar="KEY", help="Also give every headline per value of this metadata key of "
                                                    "the gold documents (e.g. genre), with intervals.")


def _warn_missing(missing: list[str], what: str) -> None:
    if missing:
        shown = ", ".join(missing[:10]) + (", …" if len(missing) > 10 else "")
        err_console.print(f"warning: {len(missing)} {what}: {shown}", markup=False)


def _more(fmt: ReportFormat, *, detail: bool, errors: bool, compare: bool = False) -> str | None:
    """The closing line of a text report: how to see more."""
    if fmt not in (ReportFormat.TABLE, ReportFormat.MARKDOWN):
        return None
    asks = []
    if not detail:
        asks.append("--full (both systems' reports)" if compare else
                    "--detail (every level with raw counts, per label, confusions)")
    if not errors:
        asks.append("--errors (every false positive and negative)")
    asks.append("--format html (all of it, with plots)")
    return "More: " + "; ".join(asks) + "."


def _progress(description: str, total: int | None, out: Output) -> ProgressBar:
    return ProgressBar(description, total, enabled=out.fmt != ReportFormat.JSON and interactive(out.path))


def _suggest_split(exc: DataError, gold: Path) -> DataError:
    """For predictions of documents that are in another split of the bundled corpus, say which split has them."""
    from eventgold.eval.errors import UnknownDocuments

    if not isinstance(exc, UnknownDocuments):
        return exc
    found: dict[str, str] = {}
    try:
        from eventgold.corpus import split_path
        from eventgold.schema import read_documents

        for name in ("train", "dev", "test"):
            path = Path(split_path(name))
            if path.resolve() == gold.resolve():
                continue
            ids = {doc.id for doc in read_documents(path)}
            found.update({i: name for i in exc.doc_ids if i in ids and i not in found})
    except Exception:  # the suggestion is a courtesy; the error stands without it
        return exc
    if not found:
        return exc
    splits = sorted(set(found.values()))
    hint = (f"These documents are in the bundled corpus's {' and '.join(splits)} split: use "
            + " or ".join(f"--split {name}" for name in splits))
    problems = [dataclasses.replace(p, hint=hint) if p.doc_id in found else p for p in exc.problems]
    return DataError(problems)


@handles_errors
@eval_options()
def score_command(
    predictions: Path = typer.Argument(..., help="Predictions: JSONL documents under the prediction profile ('-' for stdin)."),
    detail: bool = DETAIL,
    by: str | None = BY,
    *, settings: Settings, out: Output, gold: Path,
) -> None:
    """Score predictions against gold at every level, with bootstrap confidence intervals."""
    from eventgold.eval import evaluate, render

    with _progress("scoring", count_lines(gold), out) as bar:
        try:
            report = evaluate(gold, predictions, settings=settings, explain=out.errors, num_proc=out.num_proc,
                              group_by=by, on_progress=bar)
        except DataError as exc:
            raise _suggest_split(exc, gold) from None
    _warn_missing(report.missing, "gold documents have no prediction and were scored as empty")
    if by is not None and [g.value for g in report.groups] == ["(none)"]:
        err_console.print(f"warning: no gold document has the metadata key {by!r}", markup=False)
    write_output(render(report, out.fmt.value, detail=detail, more=_more(out.fmt, detail=detail, errors=out.errors)),
                 out.path)


@handles_errors
@eval_options()
def compare_command(
    pred_a: Path = typer.Argument(..., help="Predictions of system A (JSONL)."),
    pred_b: Path = typer.Argument(..., help="Predictions of system B (JSONL)."),
    full: bool = typer.Option(False, "--full", help="Also show both systems' full reports (JSON always has them)."),
    by: str | None = BY,
    *, settings: Settings, out: Output, gold: Path,
) -> None:
    """Compare two systems on the same gold documents: paired bootstrap per headline score."""
    from eventgold.eval import compare, render

    if str(pred_a) == "-" or str(pred_b) == "-":
        raise UsageError("compare reads both prediction files twice over; give files, not '-'")
    documents = count_lines(gold)
    with _progress("comparing", None if documents is None else 2 * documents, out) as bar:
        try:
            report = compare(gold, pred_a, pred_b, settings=settings, explain=out.errors, num_proc=out.num_proc,
                             group_by=by, on_progress=bar)
        except DataError as exc:
            raise _suggest_split(exc, gold) from None
    _warn_missing(report.a.missing, "gold documents have no prediction from A and were scored as empty")
    _warn_missing(report.b.missing, "gold documents have no prediction from B and were scored as empty")
    write_output(render(report, out.fmt.value, detail=full,
                        more=_more(out.fmt, detail=full, errors=out.errors, compare=True)), out.path)


@handles_errors
@eval_options(with_gold=False)
def agreement_command(
    a: Path = typer.Argument(..., help="Annotator A's gold JSONL."),
    b: Path = typer.Argument(..., help="Annotator B's gold JSONL."),
    *, settings: Settings, out: Output,
) -> None:
    """Agreement of two annotators: symmetric F1 per level, Cohen's kappa and Krippendorff's alpha on attributes."""
    from eventgold.eval import agreement, render

    report = agreement(a, b, settings=settings, explain=out.errors, num_proc=out.num_proc)
    _warn_missing(report.only_in_a, f"documents are only in {a} and were left out")
    _warn_missing(report.only_in_b, f"documents are only in {b} and were left out")
    write_output(render(report, out.fmt.value), out.path)


def build_app() -> typer.Typer:
    """The ``eventgold eval`` group."""
    app = typer.Typer(help="Score predictions, compare two systems, measure annotator agreement.",
                      no_args_is_help=True)
    app.command("score")(score_command)
    app.command("compare")(compare_command)
    app.command("agreement")(agreement_command)
    return app
