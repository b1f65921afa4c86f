"""Run xgrammar on the LLM answer schema in a process of its own: ``python xgrammar_check.py < job.json``.

The job is ``{"schema": {...}, "answers": ["...", ...]}``; the output is one JSON object: whether the
grammar compiled (``error`` otherwise) and, per answer, whether xgrammar accepts it whole.

xgrammar's Python package imports torch and transformers at the top for its token-bitmask and
tokenizer helpers, which a grammar check never calls, and its pip requirements pull both (several GB).
When they are not installed, this process stands in small placeholder modules for them, after
importing tvm_ffi (whose optional torch hooks must not see the placeholders). The grammar compiler and
matcher are xgrammar's native code either way. Running in a child process keeps the placeholders out
of the test session.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import types
from typing import Any


def _placeholder(name: str) -> None:
    module = types.ModuleType(name)
    made: dict[str, type] = {}

    def attribute(attr: str) -> type:
        if attr.startswith("__"):
            raise AttributeError(attr)
        if attr not in made:
            made[attr] = type(attr, (), {"__init__": lambda self, *args, **kwargs: None})
        return made[attr]

    module.__getattr__ = attribute  # type: ignore[method-assign]
    module.__path__ = []
    sys.modules[name] = module


def main() -> None:
    job: dict[str, Any] = json.load(sys.stdin)
    import tvm_ffi  # noqa: F401  (before any placeholder)

    for name in ("torch", "transformers"):
        if importlib.util.find_spec(name) is None:
            for sub in (name, f"{name}.utils", f"{name}.utils.cpp_extension"):
                _placeholder(sub)
    import xgrammar
    from xgrammar.testing import _is_grammar_accept_string

    try:
        grammar = xgrammar.Grammar.from_json_schema(json.dumps(job["schema"]), any_whitespace=True,
                                                    strict_mode=True)
    except Exception as exc:  # reported to the test, which fails with the message
        print(json.dumps({"error": f"{type(exc).__name__}: {exc}"}))
        return
    accepted = [bool(_is_grammar_accept_string(grammar, answer)) for answer in job["answers"]]
    print(json.dumps({"version": xgrammar.__version__ if hasattr(xgrammar, "__version__") else "",
                      "accepted": accepted}))


if __name__ == "__main__":
    main()
