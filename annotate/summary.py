"""What a conversion did: how many records it wrote and what it skipped, and why.

Skipping is never silent: with ``on_error="skip"`` every skipped record (or
item) is counted under its reason, and the CLI prints the summary at the end.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal, get_args

from eventgold.schema import Problem, UsageError

OnError = Literal["raise", "skip"]


def check_on_error(value: str) -> OnError:
    """Return ``value`` as an :data:`OnError` mode or raise :class:`UsageError`."""
    if value not in get_args(OnError):
        raise UsageError(f"--on-error must be raise or skip, not {value!r}")
    return value  # type: ignore[return-value]


@dataclass
class Summary:
    """Counts of one conversion. ``skipped`` maps a reason to how many records or items it removed."""

    written: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    #: The first problems that caused a skip, for the report (at most ``keep`` of them).
    examples: list[Problem] = field(default_factory=list)
    keep: int = 20

    def skip(self, reason: str, problem: Problem | None = None, count: int = 1) -> None:
        self.skipped[reason] += count
        if problem is not None and len(self.examples) < self.keep:
            self.examples.append(problem)

    @property
    def total_skipped(self) -> int:
        return sum(self.skipped.values())

    def render(self, what: str = "documents") -> str:
        """A few lines for the terminal: what was written, then each skip reason with its count."""
        lines = [f"wrote {self.written} {what}"]
        if self.skipped:
            lines[0] += f", skipped {self.total_skipped}"
            for reason, n in sorted(self.skipped.items(), key=lambda kv: (-kv[1], kv[0])):
                lines.append(f"  {n:>6}  {reason}")
            for problem in self.examples:
                lines.append(f"  e.g. {problem}")
        return "\n".join(lines)
