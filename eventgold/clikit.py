"""What every eventgold command shares: consoles, error handling, exit codes, output."""

from __future__ import annotations

import functools
import sys
import time
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

import typer
from rich.console import Console

from eventgold.schema import DataError, EventgoldError, UsageError, atomic_write

console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2

F = TypeVar("F", bound=Callable[..., Any])


class ReportFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    """Print ``message`` to stderr and return the Exit to raise."""
    err_console.print(f"[bold red]error:[/] {message}", markup=True, highlight=False)
    return typer.Exit(code)


def flag(parameter: str) -> str:
    """The command-line flag that sets a library parameter: ``num_proc`` -> ``--num-proc``."""
    return "--" + parameter.replace("_", "-")


def cli_message(exc: UsageError) -> str:
    """A usage error as the command line says it: a library parameter named by its flag.

    Errors that name a parameter (``eventgold.eval.errors.ParameterError``) carry ``parameter`` and ``message(name)``.
    """
    parameter = getattr(exc, "parameter", None)
    message = getattr(exc, "message", None)
    if isinstance(parameter, str) and callable(message):
        return str(message(flag(parameter)))
    return str(exc)


def handles_errors(func: F) -> F:
    """Turn eventgold's exceptions into a clear message and the documented exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DataError as exc:
            for problem in exc.problems[:200]:
                err_console.print(f"error: {problem}", markup=False)
            if len(exc.problems) > 200:
                err_console.print(f"... and {len(exc.problems) - 200} more problems", markup=False)
            raise typer.Exit(EXIT_DATA) from None
        except UsageError as exc:
            raise fail(cli_message(exc), EXIT_USAGE) from None
        except EventgoldError as exc:
            raise fail(str(exc), EXIT_DATA) from None

    return wrapper  # type: ignore[return-value]


def write_output(text: str, output: Path | None) -> None:
    """Write ``text`` atomically to ``output``, or to stdout when it is None or '-'."""
    if output is None or str(output) == "-":
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    with atomic_write(output) as out:
        out.write(text if text.endswith("\n") else text + "\n")


def count_lines(path: str | Path | None) -> int | None:
    """Non-blank lines of a file (documents of a JSONL file), or None for stdin or a missing file."""
    if path is None or str(path) == "-":
        return None
    try:
        with open(path, "rb") as stream:
            return sum(1 for line in stream if line.strip())
    except OSError:
        return None


def interactive(output: Path | str | None = None) -> bool:
    """True when a person watches: stderr is a terminal, and the result goes to a file or to a terminal too."""
    to_stdout = output is None or str(output) == "-"
    return err_console.is_terminal and (not to_stdout or console.is_terminal)


class ProgressBar:
    """Documents done of total, rate and time left, on stderr.

    It appears only when ``enabled`` (see :func:`interactive`) and once the run has taken ``delay`` seconds, so
    quick runs, pipes and machine-readable output stay free of it. Call it with the number of documents done.
    """

    def __init__(self, description: str, total: int | None, *, enabled: bool = True, delay: float = 1.0) -> None:
        self.description = description
        self.total = total
        self.enabled = enabled
        self.delay = delay
        self.started = time.monotonic()
        self._progress: Any = None
        self._task: Any = None

    def __call__(self, done: int) -> None:
        if not self.enabled:
            return
        if self._progress is None:
            if time.monotonic() - self.started < self.delay:
                return
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                ProgressColumn,
                TextColumn,
                TimeRemainingColumn,
            )
            from rich.text import Text

            class Rate(ProgressColumn):
                def render(self, task: Any) -> Text:
                    speed = task.finished_speed or task.speed
                    return Text("" if speed is None else f"{speed:,.1f} docs/s")

            self._progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), Rate(),
                                      TimeRemainingColumn(), console=err_console, transient=True)
            self._progress.start()
            self._task = self._progress.add_task(self.description, total=self.total, completed=0)
        self._progress.update(self._task, completed=done)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
