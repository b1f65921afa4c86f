"""The scorer's own exceptions, in eventgold's one family (:mod:`eventgold.schema.errors`).

The library names its *parameters* (``num_proc``, ``system``); the command line
names the *flags* that set them (``--num-proc``, ``--system``). So a
:class:`ParameterError` keeps the parameter apart from the problem, and the CLI
writes the flag in its place.

>>> str(ParameterError("num_proc", "must be at least 1, not 0"))
'num_proc must be at least 1, not 0'
>>> ParameterError("num_proc", "must be at least 1, not 0").message("--num-proc")
'--num-proc must be at least 1, not 0'
"""

from __future__ import annotations

from collections.abc import Sequence

from eventgold.schema import DataError, Problem, UsageError


class ParameterError(UsageError):
    """A bad value for a parameter of an eval function: ``parameter`` names it, ``problem`` says what is wrong."""

    def __init__(self, parameter: str, problem: str, hint: str = "") -> None:
        self.parameter = parameter
        self.problem = problem
        self.hint = hint
        super().__init__(self.message())

    def message(self, name: str | None = None) -> str:
        """The message with ``name`` (a CLI flag, say) in place of the parameter."""
        text = f"{name or self.parameter} {self.problem}"
        return f"{text}. {self.hint}" if self.hint else text


class UnknownDocuments(DataError):
    """Predictions for documents that are not in the gold data; ``doc_ids`` lists them, ``gold`` names the gold."""

    def __init__(self, problems: Sequence[Problem], doc_ids: Sequence[str], gold: str) -> None:
        super().__init__(list(problems))
        self.doc_ids = list(doc_ids)
        self.gold = gold


def check_num_proc(num_proc: int) -> None:
    if num_proc < 1:
        raise ParameterError("num_proc", f"must be at least 1, not {num_proc}")
