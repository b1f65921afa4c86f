"""One exception family for every part of eventgold.

A :class:`Problem` says where (file, line, document id, JSON path, character
offsets), what is wrong and how to fix it. :class:`DataError` carries one or
more problems and is what the CLI turns into exit code 1; :class:`UsageError`
becomes exit code 2.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

#: How many problems a command prints (and :func:`~eventgold.schema.jsonl.validate_files` keeps); the rest are counted.
MAX_SHOWN = 200


class EventgoldError(Exception):
    """Base class of every error eventgold raises on purpose."""


class UsageError(EventgoldError):
    """The call itself is wrong (bad option, missing file): exit code 2."""


@dataclass(frozen=True)
class Problem:
    """One located problem in input data."""

    message: str
    hint: str = ""
    file: str | None = None
    line: int | None = None
    doc_id: str | None = None
    path: str | None = None
    span: tuple[int, int] | None = None

    def located(self, *, file: str | None = None, line: int | None = None, doc_id: str | None = None) -> Problem:
        """Return a copy with the location filled in where it was not known yet."""
        return replace(
            self,
            file=self.file if self.file is not None else file,
            line=self.line if self.line is not None else line,
            doc_id=self.doc_id if self.doc_id is not None else doc_id,
        )

    def __str__(self) -> str:
        where = []
        if self.file is not None:
            where.append(f"{self.file}:{self.line}" if self.line is not None else self.file)
        if self.doc_id is not None:
            where.append(f"document {self.doc_id!r}")
        if self.path:
            where.append(self.path)
        if self.span is not None:
            where.append(f"chars {self.span[0]}-{self.span[1]}")
        text = ": ".join(where + [self.message]) if where else self.message
        return f"{text}. {self.hint}" if self.hint else text


class DataError(EventgoldError):
    """Input data is invalid. ``problems`` lists the located problems found; ``omitted`` counts more not kept."""

    def __init__(self, problems: list[Problem] | Problem, *, omitted: int = 0) -> None:
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        self.omitted = omitted
        super().__init__("\n".join(str(p) for p in self.problems))

    def located(self, *, file: str | None = None, line: int | None = None, doc_id: str | None = None) -> DataError:
        return DataError([p.located(file=file, line=line, doc_id=doc_id) for p in self.problems], omitted=self.omitted)
