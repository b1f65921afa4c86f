"""The lint allowlist: reviewed exceptions to guideline rules, each with its reason.

An allowlist is a YAML list; each entry names the rule, the document, where (the JSON path of the finding, its
character span, or both) and why the finding is a deliberate exception or a false alarm::

    - rule: G14
      document: eg-058
      span: [1234, 1255]                # or path: events[2].arguments[1]
      text: "10 km from the village"    # optional: the covered text, checked too
      reason: "The distance says where the army position is, not where the raid happened."

An entry suppresses the findings it matches. An entry that matches no finding of a document that was linted, for a
rule that was run, is stale: the annotation changed, or the rule did, and the entry must be removed or updated.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from eventgold.schema import DataError, Problem, UsageError

from .lint import RULE_IDS, Finding

#: The bundled corpus's allowlist.
BUNDLED_ALLOWLIST = Path(__file__).resolve().parent / "lint-allowlist.yaml"
_FIELDS = {"rule", "document", "path", "span", "text", "reason"}


@dataclass(frozen=True)
class AllowEntry:
    """One reviewed exception: which finding it covers and why."""

    rule: str
    document: str
    reason: str
    path: str | None = None
    span: tuple[int, int] | None = None
    text: str | None = None
    file: str | None = None
    line: int | None = None

    def matches(self, finding: Finding) -> bool:
        """True when the finding is the one this entry describes."""
        return (finding.rule == self.rule and finding.doc_id == self.document
                and (self.path is None or finding.path == self.path)
                and (self.span is None or finding.span == self.span)
                and (self.text is None or finding.text == self.text))

    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.file is not None else "allowlist"

    def __str__(self) -> str:
        target = ", ".join(p for p in (self.path and f"path {self.path}", self.span and f"span {list(self.span)}",
                                       self.text and f"text {self.text!r}") if p)
        return f"{self.rule} in {self.document} at {target}"


def read_allowlist(path: str | Path) -> list[AllowEntry]:
    """Read and check an allowlist file; problems are raised together, located by line."""
    path = Path(path)
    try:
        with open(path, encoding="utf-8") as f:
            root = yaml.compose(f)
    except FileNotFoundError:
        raise UsageError(f"{path}: no such allowlist file. Check the path, or pass --no-allowlist") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataError(Problem(f"invalid YAML: {getattr(exc, 'problem', exc)}", "Fix the YAML syntax", file=str(path),
                                line=None if mark is None else mark.line + 1)) from None
    if root is None:
        return []
    if not isinstance(root, yaml.SequenceNode):
        raise DataError(Problem("an allowlist is a list of entries", "Write one '- rule: ...' item per exception",
                                file=str(path), line=root.start_mark.line + 1))
    entries, problems = [], []
    for node in root.value:
        line = node.start_mark.line + 1
        raw = yaml.safe_load(yaml.serialize(node))
        entry, entry_problems = _entry(raw, str(path), line)
        problems.extend(entry_problems)
        if entry is not None:
            entries.append(entry)
    if problems:
        raise DataError(problems)
    return entries


def _entry(raw: Any, file: str, line: int) -> tuple[AllowEntry | None, list[Problem]]:
    def problem(message: str, hint: str) -> Problem:
        return Problem(message, hint, file=file, line=line)

    if not isinstance(raw, dict):
        return None, [problem("an allowlist entry is a mapping", "Give rule, document, path or span, and reason")]
    problems = []
    unknown = sorted(set(raw) - _FIELDS)
    if unknown:
        problems.append(problem(f"unknown field(s) {', '.join(unknown)}", f"Use only {', '.join(sorted(_FIELDS))}"))
    rule = str(raw.get("rule", "")).upper()
    if rule not in RULE_IDS:
        problems.append(problem(f"rule {raw.get('rule')!r} is not a rule the lint checks",
                                f"Use one of {', '.join(RULE_IDS)}"))
    if not raw.get("document"):
        problems.append(problem("entry names no document", "Add document: <id>"))
    if not str(raw.get("reason") or "").strip():
        problems.append(problem("entry gives no reason", "Say why this finding is a deliberate exception"))
    span = raw.get("span")
    if span is not None and not (isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span)):
        problems.append(problem(f"span {span!r} is not [start, end]", "Write span: [start, end] (character offsets)"))
        span = None
    if raw.get("path") is None and span is None:
        problems.append(problem("entry gives neither path nor span", "Add the finding's path or span, or both"))
    if problems:
        return None, problems
    return AllowEntry(rule, str(raw["document"]), str(raw["reason"]).strip(),
                      path=raw.get("path"), span=tuple(span) if span else None,  # type: ignore[arg-type]
                      text=raw.get("text"), file=file, line=line), []


def apply_allowlist(findings: Iterable[Finding], entries: Sequence[AllowEntry], *, documents: Iterable[str],
                    rules: Iterable[str]) -> tuple[list[Finding], list[tuple[Finding, AllowEntry]], list[AllowEntry]]:
    """Split findings into (kept, allowed with their entry) and list the stale entries.

    Only entries for the ``documents`` that were linted and the ``rules`` that were run can be stale.
    """
    kept, allowed = [], []
    used: set[int] = set()
    for finding in findings:
        k = next((k for k, e in enumerate(entries) if e.matches(finding)), None)
        if k is None:
            kept.append(finding)
        else:
            allowed.append((finding, entries[k]))
            used.add(k)
    linted, run = set(documents), set(rules)
    stale = [e for k, e in enumerate(entries) if k not in used and e.document in linted and e.rule in run]
    return kept, allowed, stale
