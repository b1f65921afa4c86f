"""Running the lint over sources: the bundled corpus, gold JSONL files, or an authoring folder's YAML.

Findings are located in the source a writer edits: a JSONL file and line, or an annotation YAML file and the line of
the node at the finding's JSON path (:func:`eventgold.corpus.authoring.annotation_line`). The allowlist is applied
last; the report keeps the findings, the allowlisted ones with their entries, the stale entries, and the documents
that could not be read, and counts findings per rule.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventgold.schema import DataError, Document, Problem, UsageError, iter_json_lines, parse_document

from .allowlist import AllowEntry, apply_allowlist, read_allowlist
from .authoring import annotated_ids, annotation_line, build_document, compose_annotation, read_text
from .folder import SPLITS, split_path
from .lint import RULES, Finding, Rule, lint_document


@dataclass
class LintReport:
    """What one lint run found."""

    rules: tuple[Rule, ...]
    documents: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    allowed: list[tuple[Finding, AllowEntry]] = field(default_factory=list)
    stale: list[AllowEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing needs fixing: no finding outside the allowlist, no stale entry, no unreadable document."""
        return not (self.findings or self.stale or self.problems)

    def counts(self) -> dict[str, dict[str, int]]:
        """Rule id -> {"findings": kept, "allowlisted": suppressed}, for every rule run (zeros included)."""
        out = {r.id: {"findings": 0, "allowlisted": 0} for r in self.rules}
        for f in self.findings:
            out[f.rule]["findings"] += 1
        for f, _ in self.allowed:
            out[f.rule]["allowlisted"] += 1
        return out

    def to_json(self) -> dict[str, Any]:
        def finding(f: Finding) -> dict[str, Any]:
            return {"rule": f.rule, "document": f.doc_id, "path": f.path, "span": list(f.span) if f.span else None,
                    "text": f.text, "message": f.message, "hint": f.hint, "file": f.file, "line": f.line}

        return {
            "documents": len(self.documents),
            "counts": self.counts(),
            "findings": [finding(f) for f in self.findings],
            "allowlisted": [{**finding(f), "reason": e.reason} for f, e in self.allowed],
            "stale": [{"rule": e.rule, "document": e.document, "path": e.path,
                       "span": list(e.span) if e.span else None, "file": e.file, "line": e.line} for e in self.stale],
            "problems": [str(p) for p in self.problems],
        }


def _shown(path: Path) -> str:
    """A path as the user can open it: relative to the working directory when it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _jsonl_documents(path: Path, problems: list[Problem]) -> Iterator[tuple[Document, int]]:
    """(document, line) of each valid line; invalid lines become problems."""
    try:
        for lineno, raw in iter_json_lines(path):
            try:
                yield parse_document(raw, "gold"), lineno
            except DataError as exc:
                problems.extend(exc.located(file=_shown(path), line=lineno).problems)
    except DataError as exc:
        problems.extend(exc.problems)


def _yaml_findings(root: Path, doc_id: str, rules: Sequence[Rule], problems: list[Problem]) -> tuple[bool, list[Finding]]:
    """Lint one annotation file; findings carry the file and the line of the node they are about."""
    ann_path = root / "annotations" / f"{doc_id}.yaml"
    shown = _shown(ann_path)
    try:
        doc = build_document(root, doc_id)
    except DataError as exc:
        problems.extend(exc.problems)
        return False, []
    except FileNotFoundError as exc:
        problems.append(Problem(f"missing file {exc.filename}", "Every annotation needs reports/<id>.txt and "
                                "reports/<id>.meta.yaml", file=shown, doc_id=doc_id))
        return False, []
    node = compose_annotation(ann_path)
    text = read_text(root / "reports" / f"{doc_id}.txt")
    return True, [f.located(file=shown, line=annotation_line(node, text, f.path, f.span))
                  for f in lint_document(doc, rules)]


def lint_sources(files: Sequence[str | Path] = (), *, authoring: str | Path | None = None,
                 rules: Sequence[Rule] = RULES, allowlist: str | Path | None = None) -> LintReport:
    """Lint gold JSONL files, annotation YAML files, corpus folders and authoring folders (``files``, or ``authoring``),
    or with none of them the bundled corpus.

    ``allowlist`` is a file of reviewed exceptions (None: none).
    """
    report = LintReport(rules=tuple(rules))
    found: list[Finding] = []
    sources: list[tuple[str, Path, str | None]] = []
    if authoring is not None:
        root = Path(authoring)
        if not (root / "annotations").is_dir():
            raise UsageError(f"{root}: not an authoring folder (no annotations/ in it)")
        sources += [("yaml", root, doc_id) for doc_id in annotated_ids(root)]
    for name in files:
        path = Path(name)
        if path.is_dir() and (path / "annotations").is_dir():  # an authoring folder
            sources += [("yaml", path, doc_id) for doc_id in annotated_ids(path)]
        elif path.is_dir():  # a corpus folder: every split
            sources += [("jsonl", split_path(split, path), None) for split in SPLITS]
        elif path.suffix in (".yaml", ".yml"):
            sources.append(("yaml", path.resolve().parent.parent, path.stem))
        else:
            sources.append(("jsonl", path, None))
    if not sources:
        sources = [("jsonl", split_path(split), None) for split in SPLITS]
    for kind, path, doc_id in sources:
        if kind == "yaml":
            assert doc_id is not None
            built, findings = _yaml_findings(path, doc_id, rules, report.problems)
            if built:
                report.documents.append(doc_id)
            found += findings
            continue
        for doc, line in _jsonl_documents(path, report.problems):
            report.documents.append(doc.id)
            found += [f.located(file=_shown(path), line=line) for f in lint_document(doc, rules)]
    entries = read_allowlist(allowlist) if allowlist is not None else []
    report.findings, report.allowed, report.stale = apply_allowlist(
        found, entries, documents=report.documents, rules=[r.id for r in rules])
    return report


def format_text(report: LintReport) -> str:
    """The report as lines a writer can jump to: one per finding, stale entry and problem, then counts per rule."""
    lines = [str(f) for f in report.findings]
    lines += [f"{e.where()}: stale allowlist entry: {e} matches no finding. Remove it, or update it to the annotation"
              for e in report.stale]
    lines += [f"error: {p}" for p in report.problems]
    if lines:
        lines.append("")
    counts = report.counts()
    lines.append(f"{'rule':<5} {'findings':>8} {'allowed':>7}  title")
    for r in report.rules:
        c = counts[r.id]
        lines.append(f"{r.id:<5} {c['findings']:>8} {c['allowlisted']:>7}  {r.title}")
    total = sum(c["findings"] for c in counts.values())
    allowed = sum(c["allowlisted"] for c in counts.values())
    summary = f"{len(report.documents)} documents, {len(report.rules)} rules: {total} findings, {allowed} allowlisted"
    if report.stale:
        summary += f", {len(report.stale)} stale allowlist entries"
    if report.problems:
        summary += f", {len(report.problems)} problems in documents that could not be linted"
    lines.append(summary)
    return "\n".join(lines)


def format_json(report: LintReport) -> str:
    return json.dumps(report.to_json(), indent=2, ensure_ascii=False)
