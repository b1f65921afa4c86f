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
    #: The first problem seen for each reason, shown as an example in the report.
    examples: dict[str, Problem] = field(default_factory=dict)
    #: Records written as they are but worth a word (an empty annotation), by reason.
    notes: Counter[str] = field(default_factory=Counter)

    def skip(self, reason: str, problem: Problem | None = None, count: int = 1) -> None:
        self.skipped[reason] += count
        if problem is not None:
            self.examples.setdefault(reason, problem)

    def note(self, reason: str, problem: Problem | None = None) -> None:
        """Count a record that was written but deserves a word in the report."""
        self.notes[reason] += 1
        if problem is not None:
            self.examples.setdefault(f"note: {reason}", problem)

    @property
    def total_skipped(self) -> int:
        return sum(self.skipped.values())

    def render(self, what: str = "documents") -> str:
        """A few lines for the terminal: what was written, then each skip reason with its count and an example."""
        noun = what[:-1] if self.written == 1 and what.endswith("s") else what
        lines = [f"wrote {self.written} {noun}"]
        if self.skipped:
            lines[0] += f", skipped {self.total_skipped}:"
            for reason, n in sorted(self.skipped.items(), key=lambda kv: (-kv[1], kv[0])):
                lines.append(f"  {n:>6}  {reason}")
                if reason in self.examples:
                    lines.append(f"          e.g. {self.examples[reason]}")
        for reason, n in sorted(self.notes.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"note: {reason}: {n}")
            if f"note: {reason}" in self.examples:
                lines.append(f"          e.g. {self.examples[f'note: {reason}']}")
        return "\n".join(lines)
