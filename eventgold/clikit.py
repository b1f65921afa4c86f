"""What every eventgold command shares: consoles, error handling, exit codes, output."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

import typer
from rich.console import Console

from eventgold.schema import DataError, EventgoldError, UsageError, atomic_write
from eventgold.schema.errors import MAX_SHOWN

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


def handles_errors(func: F) -> F:
    """Turn eventgold's exceptions into a clear message and the documented exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DataError as exc:
            for problem in exc.problems[:MAX_SHOWN]:
                err_console.print(f"error: {problem}", markup=False)
            more = len(exc.problems[MAX_SHOWN:]) + exc.omitted
            if more:
                err_console.print(f"... and {more} more problems", markup=False)
            raise typer.Exit(EXIT_DATA) from None
        except UsageError as exc:
            raise fail(str(exc), EXIT_USAGE) from None
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
