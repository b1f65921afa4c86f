"""Where in a Label Studio export a problem sits, and how reading stops for a task with problems."""

from __future__ import annotations

from dataclasses import dataclass

from eventgold.schema import Problem


class Skip(Exception):
    """Raised while reading a task that cannot be read further; carries its reason and problems."""

    def __init__(self, reason: str, problems: list[Problem]) -> None:
        self.reason = reason
        self.problems = problems


@dataclass
class Where:
    """Where in the export we are, for messages: the file, the task, the document and the annotation."""

    file: str | None
    task: str
    doc_id: str | None = None
    source: str = ""

    def problem(self, message: str, hint: str, *parts: str, span: tuple[int, int] | None = None) -> Problem:
        path = ", ".join(p for p in (self.task, self.source, *parts) if p)
        return Problem(message, hint, file=self.file, doc_id=self.doc_id, path=path, span=span)


class Problems:
    """The problems found in one annotation, each with the short reason a skip is counted under."""

    def __init__(self, where: Where) -> None:
        self.where = where
        self.problems: list[Problem] = []
        self.reasons: list[str] = []

    def fail(self, reason: str, message: str, hint: str, *parts: str, span: tuple[int, int] | None = None) -> None:
        self.reasons.append(reason)
        self.problems.append(self.where.problem(message, hint, *parts, span=span))

    def check(self) -> None:
        """Stop reading (raise :class:`Skip`) when any problem was found."""
        if self.problems:
            raise Skip(self.reasons[0], self.problems)
