"""The `eventgold eval` commands: score, compare, agreement.

Each command parses its options and calls one public function of
:mod:`eventgold.eval`; the gold split of the bundled corpus is looked up here,
because the eval library does not import the corpus library.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from eventgold.clikit import ReportFormat, err_console, handles_errors, write_output
from eventgold.schema import UsageError

if TYPE_CHECKING:
    from eventgold.eval import Settings

app = typer.Typer(help="Score predictions, compare two systems, measure annotator agreement.", no_args_is_help=True)

FORMAT = typer.Option(ReportFormat.TABLE, "--format", "-f", help="Report format: table, json, markdown or html.")
OUTPUT = typer.Option(None, "-o", "--output", help="Write the report to this file instead of stdout.")
ERRORS = typer.Option(False, "--errors", help="List every false positive and false negative, grouped by level.")
SEED = typer.Option(0, "--seed", help="Seed of the bootstrap resampling.")
RESAMPLES = typer.Option(1000, "--resamples", help="Number of bootstrap resamples.")
CONFIDENCE = typer.Option(0.95, "--confidence", help="Confidence level of the intervals.")
NUM_PROC = typer.Option(1, "--num-proc", help="Worker processes for scoring (the result is the same for any number).")
ZERO_DIVISION = typer.Option("0", "--zero-division", help="Value of an undefined score: 0, 1 or nan (shown as –).")
MIN_SIM = typer.Option(0.5, "--min-event-similarity", help="Lowest similarity at which two events may be aligned.")
GOLD = typer.Option(None, "--gold", help="Gold JSONL file (instead of a split of the bundled corpus).")
SPLIT = typer.Option(None, "--split", help="Split of the bundled corpus used as gold (default: test).")


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
    return gold if gold is not None else split_file(split or "test")


def _settings(seed: int, resamples: int, confidence: float, zero_division: str, min_sim: float) -> Settings:
    from eventgold.eval import Settings, check_zero_division
    from eventgold.eval.bootstrap import check_settings

    check_settings(resamples, confidence, seed)  # before scoring, which may take long
    if not 0 < min_sim <= 1:
        raise UsageError(f"--min-event-similarity must be in (0, 1], not {min_sim}")
    return Settings(seed=seed, resamples=resamples, confidence=confidence,
                    zero_division=check_zero_division(zero_division), min_event_similarity=min_sim)


def _warn_missing(missing: list[str], what: str) -> None:
    if missing:
        shown = ", ".join(missing[:10]) + (", …" if len(missing) > 10 else "")
        err_console.print(f"warning: {len(missing)} {what}: {shown}", markup=False)


@app.command("score")
@handles_errors
def score_command(
    predictions: Path = typer.Argument(..., help="Predictions: JSONL documents under the prediction profile ('-' for stdin)."),
    gold: Path = GOLD,
    split: str = SPLIT,
    fmt: ReportFormat = FORMAT,
    output: Path = OUTPUT,
    errors: bool = ERRORS,
    seed: int = SEED,
    resamples: int = RESAMPLES,
    confidence: float = CONFIDENCE,
    num_proc: int = NUM_PROC,
    zero_division: str = ZERO_DIVISION,
    min_event_similarity: float = MIN_SIM,
) -> None:
    """Score predictions against gold at every level, with bootstrap confidence intervals."""
    from eventgold.eval import evaluate, render

    settings = _settings(seed, resamples, confidence, zero_division, min_event_similarity)
    report = evaluate(gold_file(gold, split), predictions, settings=settings, explain=errors, num_proc=num_proc)
    _warn_missing(report.missing, "gold documents have no prediction and were scored as empty")
    write_output(render(report, fmt.value), output)


@app.command("compare")
@handles_errors
def compare_command(
    pred_a: Path = typer.Argument(..., help="Predictions of system A (JSONL)."),
    pred_b: Path = typer.Argument(..., help="Predictions of system B (JSONL)."),
    gold: Path = GOLD,
    split: str = SPLIT,
    fmt: ReportFormat = FORMAT,
    output: Path = OUTPUT,
    errors: bool = ERRORS,
    seed: int = SEED,
    resamples: int = RESAMPLES,
    confidence: float = CONFIDENCE,
    num_proc: int = NUM_PROC,
    zero_division: str = ZERO_DIVISION,
    min_event_similarity: float = MIN_SIM,
) -> None:
    """Compare two systems on the same gold documents: paired bootstrap per headline score."""
    from eventgold.eval import compare, render

    if str(pred_a) == "-" or str(pred_b) == "-":
        raise UsageError("compare reads both prediction files twice over; give files, not '-'")
    settings = _settings(seed, resamples, confidence, zero_division, min_event_similarity)
    report = compare(gold_file(gold, split), pred_a, pred_b, settings=settings, explain=errors, num_proc=num_proc)
    _warn_missing(report.a.missing, "gold documents have no prediction from A and were scored as empty")
    _warn_missing(report.b.missing, "gold documents have no prediction from B and were scored as empty")
    write_output(render(report, fmt.value), output)


@app.command("agreement")
@handles_errors
def agreement_command(
    a: Path = typer.Argument(..., help="Annotator A's gold JSONL."),
    b: Path = typer.Argument(..., help="Annotator B's gold JSONL."),
    fmt: ReportFormat = FORMAT,
    output: Path = OUTPUT,
    errors: bool = ERRORS,
    seed: int = SEED,
    resamples: int = RESAMPLES,
    confidence: float = CONFIDENCE,
    num_proc: int = NUM_PROC,
    zero_division: str = ZERO_DIVISION,
    min_event_similarity: float = MIN_SIM,
) -> None:
    """Agreement of two annotators: symmetric F1 per level, Cohen's kappa and Krippendorff's alpha on attributes."""
    from eventgold.eval import agreement, render

    settings = _settings(seed, resamples, confidence, zero_division, min_event_similarity)
    report = agreement(a, b, settings=settings, explain=errors, num_proc=num_proc)
    _warn_missing(report.only_in_a, f"documents are only in {a} and were left out")
    _warn_missing(report.only_in_b, f"documents are only in {b} and were left out")
    write_output(render(report, fmt.value), output)
