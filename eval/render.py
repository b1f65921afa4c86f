"""Reporters: the typed reports as a terminal table, JSON, Markdown or HTML.

Every report is first laid out as sections of tables, paragraphs and (HTML only) plots; the three text formats
render that layout, so they always show the same numbers. JSON is the report's own ``to_json`` (the stable,
versioned layout documented in ``docs/metrics.md``).

The layout reads at a glance: the headline scores first, then a legend of every abbreviation and where the
numbers come from. The details (every row with its raw counts, per-label tables, confusions, extra statistics)
follow with ``detail`` (always in HTML); a comparison shows both systems' full reports only with ``detail`` too.
The terminal table fits the terminal's width (80 columns by default): tables wrap their text columns rather than
cut labels, and confusion tables are lists of (gold, predicted, count) instead of wide matrices.
"""

from __future__ import annotations

import html
import io
import json
import shutil
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field

from rich import box
from rich.console import Console
from rich.table import Table as RichTable

from .agreement import AgreementReport
from .casualties import ERROR_CLIP
from .findings import Finding, ItemRef
from .metrics import LEVEL_ORDER, LEVEL_TITLES
from .report import LEGEND, ComparisonReport, Confusion, DifferenceRow, HeadlineScore, Row, ScoreReport, Settings

Report = ScoreReport | ComparisonReport | AgreementReport
FORMATS = ("table", "json", "markdown", "html")
NOT_SCORED = "n/a"
UNALIGNED = "(none)"
METRICS_DOC = "docs/metrics.md"
GROUPS_PER_TABLE = 3


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[list[str]]
    align: str = ""  # one letter per column: l or r; default: first left, rest right


@dataclass
class Image:
    title: str
    png: str


@dataclass
class Section:
    title: str
    blocks: list[Table | Image | str] = field(default_factory=list)


def fmt(x: float | None, digits: int = 3) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def fmt_ci(low: float | None, high: float | None, digits: int = 3) -> str:
    return "" if low is None or high is None else f"[{low:.{digits}f}, {high:.{digits}f}]"


def _score(value: float | None, scored: bool = True) -> str:
    return fmt(value) if scored else NOT_SCORED


def _counts(row: Row) -> str:
    return " ".join(f"{k}={v}" for k, v in row.counts.items())


def _label(label: str) -> str:
    return UNALIGNED if label == "-" else label


def _without_empty_columns(table: Table) -> Table:
    """The table without the columns (other than the first) whose every cell is empty."""
    keep = [0] + [i for i in range(1, len(table.header)) if any(r[i] for r in table.rows)]
    align = table.align or "l" + "r" * (len(table.header) - 1)
    return Table(table.title, [table.header[i] for i in keep], [[r[i] for i in keep] for r in table.rows],
                 "".join(align[i] for i in keep))


def _row_table(title: str, rows: Sequence[Row], first: str, by_label: bool = False, intervals: bool = True
               ) -> Table:
    """Rows of one kind of counts: the scores, the interval when any row has one, and a column per raw count.

    Per label, precision and recall are left out (the counts give them) so that long labels fit 80 columns;
    without ``intervals`` (the text formats' level tables: the headline table has them) the interval column too.
    """
    stats = list(rows[0].counts)
    scores = ["F1"] if by_label else ["P", "R", "F1"]
    cells = []
    for r in rows:
        values = [r.f1] if by_label else [r.precision, r.recall, r.f1]
        cells.append([r.label if by_label else r.title, *(_score(v, r.scored) for v in values),
                      fmt_ci(r.f1_low, r.f1_high) if intervals else "", *(str(r.counts[s]) for s in stats)])
    return _without_empty_columns(Table(title, [first, *scores, "interval", *stats], cells))


def _row_tables(rows: Sequence[Row], first: str, title: str = "", by_label: bool = False, intervals: bool = True
                ) -> list[Table]:
    """One table per kind of counts (tp/fp/fn or cor/inc/par/mis/spu), in row order."""
    kinds: dict[tuple[str, ...], list[Row]] = {}
    for r in rows:
        kinds.setdefault(tuple(r.counts), []).append(r)
    return [_row_table(title, group, first, by_label, intervals) for group in kinds.values()]


#: Per-label tables shown in the text formats (HTML has them all).
_SHOWN_PER_LABEL = ("mentions.trigger.strict", "mentions.actor.strict", "mentions.casualty.strict",
                    "events.classification", "arguments.classification", "actors.typed", "actors.direction",
                    "locations.precision", "casualties.tuple")


def _ref(ref: ItemRef | None) -> str:
    if ref is None:
        return ""
    where = f" [{ref.start}, {ref.end})" if ref.start is not None else " (span-free)"
    text = f"{ref.path}: {ref.text}{where}"
    return f"{text} — {ref.snippet}" if ref.snippet else text


def _finding_text(f: Finding) -> str:
    lines = [f"{f.kind} · {f.doc_id} · {f.label}: {f.detail}"]
    if f.gold is not None:
        lines.append(f"  gold: {_ref(f.gold)}")
    if f.pred is not None:
        lines.append(f"  predicted: {_ref(f.pred)}")
    return "\n".join(lines)


def _findings_sections(findings: list[Finding], *, as_table: bool = False) -> list[Section]:
    """Every finding by level: a table in HTML, a short paragraph each in the text formats (they stay readable
    at 80 columns)."""
    grouped: dict[str, list[Finding]] = {}
    for f in findings:
        grouped.setdefault(f.level, []).append(f)
    order = [lv for lv in LEVEL_ORDER if lv in grouped] + sorted(set(grouped) - set(LEVEL_ORDER))
    out = []
    for level in order:
        items = grouped[level]
        blocks: list[Table | Image | str]
        if as_table:
            rows = [[f.kind, f.doc_id, f.label, _ref(f.gold), _ref(f.pred), f.detail] for f in items]
            blocks = [Table("", ["kind", "document", "label", "gold", "predicted", "why"], rows, "llllll")]
        else:
            blocks = [_finding_text(f) for f in items]
        out.append(Section(f"Errors: {LEVEL_TITLES.get(level, level)} ({len(items)})", blocks))
    return out


def _extras_table(values: dict[str, object]) -> Table | None:
    rows = []
    for k, v in values.items():
        if isinstance(v, dict):
            v = ", ".join(f"{a}={fmt(b) if isinstance(b, float) else b}" for a, b in v.items()) or "–"
        elif isinstance(v, float) or v is None:
            v = fmt(v)
        rows.append([k.replace("_", " "), str(v)])
    return Table("", ["statistic", "value"], rows, "lr") if rows else None


def _confusion_blocks(c: Confusion, *, matrix: bool) -> list[Table | Image | str]:
    """A confusion table: the matrix (HTML), or its non-empty cells as (gold, predicted, count) rows (text)."""
    if matrix:
        return [Table(c.title, ["gold \\ predicted", *map(_label, c.pred_labels)],
                      [[_label(g), *map(str, row)] for g, row in zip(c.gold_labels, c.matrix, strict=True)])]
    rows = [[_label(g), _label(p), str(n), "" if g == p else "≠"]
            for g, row in zip(c.gold_labels, c.matrix, strict=True)
            for p, n in zip(c.pred_labels, row, strict=True) if n]
    return [Table(c.title, ["gold", "predicted", "n", ""], rows, "llrl")]


def _headline_table(headlines: Sequence[HeadlineScore], confidence: float) -> Table:
    """Headline scores under a row per level, so the table stays narrow."""
    rows: list[list[str]] = []
    level = None
    for h in headlines:
        if h.level != level:
            level = h.level
            rows.append([LEVEL_TITLES.get(level, level), "", ""])
        title = h.title + ("" if h.higher_is_better else " (lower is better)")
        rows.append(["  " + title, _score(h.value, h.scored), fmt_ci(h.low, h.high)])
    return Table("", ["score", "value", f"{confidence:.0%} interval"], rows, "lrr")


def _group_tables(names: list[tuple[str, str, bool]], groups: list[tuple[str, int, list[str]]],
                  key: str) -> list[Table | Image | str]:
    """Per-group columns (``GROUPS_PER_TABLE`` a table), a row per score under a row per level.

    ``names``: (level, title, higher is better) per score; ``groups``: (value, documents, one cell per score).
    """
    blocks: list[Table | Image | str] = []
    for start in range(0, len(groups), GROUPS_PER_TABLE):
        chunk = groups[start:start + GROUPS_PER_TABLE]
        rows: list[list[str]] = []
        level = None
        for i, (lv, title, better) in enumerate(names):
            if lv != level:
                level = lv
                rows.append([LEVEL_TITLES.get(lv, lv), *([""] * len(chunk))])
            rows.append(["  " + title + ("" if better else " (lower is better)"), *(cells[i] for _, _, cells in chunk)])
        header = ["score", *(f"{key} = {value} ({n} doc{'s' if n != 1 else ''})" for value, n, _ in chunk)]
        blocks.append(Table("", header, rows, "l" + "r" * len(chunk)))
    return blocks


def _legend(settings: Settings, *, counts: bool = True, not_scored: bool = False, compare: bool = False,
            agreement: bool = False) -> Section:
    """The legend (:data:`LEGEND`, the same words the JSON carries), with this report's interval settings.

    ``counts``: the report shows raw counts, so their abbreviations are explained too.
    """
    def says(*keys: str) -> str:
        return "; ".join(f"{k} {LEGEND[k]}" for k in keys) + "."

    lines = [says("P", "R", "F1") if counts else says("F1"),
             f"interval: {settings.confidence:.0%} {LEGEND['interval']}, {settings.resamples} resamples, seed "
             f"{settings.seed}."]
    if counts:
        lines += [says("tp", "fp", "fn"), says("cor", "inc", "par", "mis", "spu")]
    if not_scored:
        lines.append(says("n/a") + " They are scored at every level above mentions.")
    if compare:
        lines.append("A − B: the difference, with its paired-bootstrap interval and two-sided p-value; 'better' "
                     "names the better system when the interval excludes 0.")
    if agreement:
        lines.append("F1 is symmetric between annotators; kappa and alpha are computed on matched items.")
    lines.append(f"– {LEGEND['–']}. Every score is defined in {METRICS_DOC} (eventgold repository).")
    return Section("Legend", list(lines))


def _missing(missing: list[str], who: str = "") -> str:
    shown = ", ".join(missing[:10]) + (", …" if len(missing) > 10 else "")
    return f"{len(missing)} had no prediction{who} and were scored as empty ({shown})"


def _about(report: ScoreReport, *, systems: dict[str, str], documents: str, full_hash: bool = False) -> Section:
    """Where the numbers come from: gold (corpus, hash), predictions, documents, versions, date, settings."""
    prov = report.provenance
    gold = prov.get("gold", {}) if prov else {}
    where = report.gold or "(in memory)"
    corpus = gold.get("corpus")
    if corpus:
        where += f" — {corpus.get('name')} {corpus.get('version')}, split {corpus.get('split')}"
    digest = gold.get("sha256")
    if digest:
        where += f"; sha256 {digest if full_hash else digest[:16] + '…'}"
    lines = [f"Gold: {where}"]
    lines += [f"{name}: {path or '(in memory)'}" for name, path in systems.items()]
    lines.append(documents)
    if prov:
        lines.append(f"eventgold {prov.get('eventgold')} · schema {prov.get('schema')} · {prov.get('created')}")
    s = report.settings
    lines.append(f"Zero division → {fmt(s.zero_division if s.zero_division == s.zero_division else None, 1)}; "
                 f"event alignment threshold {s.min_event_similarity}.")
    return Section("About this report", list(lines))


def _level_sections(report: ScoreReport, *, plots: bool) -> list[Section]:
    sections = []
    for level in LEVEL_ORDER:
        blocks: list[Table | Image | str] = []
        rows = [r for r in report.rows if r.level == level]
        if rows:
            blocks += _row_tables(rows, "metric", intervals=plots)
        for key, label_rows in report.per_label.items():
            if not key.startswith(level + ".") or key.count(".") != level.count(".") + 1:
                continue
            if not plots and key not in _SHOWN_PER_LABEL:
                continue
            title = next((r.title for r in rows if f"{r.level}.{r.name}" == key), key)
            macro = report.macro.get(key, {})
            blocks += _row_tables(label_rows, "label", f"{title}, per label (macro F1 {fmt(macro.get('f1'))})",
                                  by_label=True)
            if plots and key in ("events.classification", "arguments.classification"):
                from .plots import f1_with_intervals
                png = f1_with_intervals(label_rows, f"{title} F1 per label")
                if png:
                    blocks.append(Image(f"{title}: F1 per label with intervals", png))
        extra = _extras_table(report.extras.get(level, {}))
        if extra is not None:
            blocks.append(extra)
        if level == "casualties" and plots:
            from .plots import count_errors
            png = count_errors(report.extras["casualties"]["totals_error_histogram"], ERROR_CLIP)
            if png:
                blocks.append(Image("Casualty count errors", png))
        if blocks:
            sections.append(Section(LEVEL_TITLES[level], blocks))
    conf_blocks: list[Table | Image | str] = []
    for c in report.confusions:
        if plots and c.name == "events.type":
            from .plots import confusion_heatmap
            png = confusion_heatmap(c)
            if png:
                conf_blocks.append(Image(c.title, png))
        conf_blocks += _confusion_blocks(c, matrix=plots)
    if conf_blocks:
        conf_blocks.insert(0, f"Pairs of aligned or matched items by gold and predicted label; {UNALIGNED}: "
                              "no aligned item on that side.")
        sections.append(Section("Confusion tables", conf_blocks))
    return sections


def score_sections(report: ScoreReport, *, detail: bool = False, plots: bool = False) -> list[Section]:
    """The layout of a score report: headlines, [per value of --by], [details], [errors], legend, about."""
    s = report.settings
    sections = [Section("Headline scores", [_headline_table(report.headlines, s.confidence)])]
    if report.by is not None:
        names = [(h.level, h.title, h.higher_is_better) for h in report.headlines]
        groups = [(g.value, g.documents, [f"{_score(h.value, h.scored)} {fmt_ci(h.low, h.high)}".strip()
                                          for h in g.headlines]) for g in report.groups]
        sections.append(Section(f"Headline scores by {report.by}", _group_tables(names, groups, report.by)))
    if detail or plots:
        sections += _level_sections(report, plots=plots)
    if report.findings is not None:
        sections += _findings_sections(report.findings, as_table=plots)
    not_scored = any(not h.scored for h in report.headlines)
    sections.append(_legend(s, counts=detail or plots, not_scored=not_scored))
    documents = f"{report.documents} documents scored; " + (
        _missing(report.missing) + "." if report.missing else "every gold document had a prediction.")
    sections.append(_about(report, systems={"Predictions": report.predictions}, documents=documents, full_hash=plots))
    return sections


def _difference_cells(d: DifferenceRow) -> tuple[str, str, str, str, str, str]:
    x = d.diff
    if not d.scored:
        return NOT_SCORED, NOT_SCORED, NOT_SCORED, "", "", ""
    better = ""
    if x.difference is not None and x.low is not None and x.high is not None and (x.low > 0 or x.high < 0):
        better = "A" if (x.difference > 0) == d.higher_is_better else "B"
    diff = "–" if x.difference is None else f"{x.difference:+.3f}"
    return fmt(x.a), fmt(x.b), diff, fmt_ci(x.low, x.high), fmt(x.p_value), better


def compare_sections(report: ComparisonReport, *, detail: bool = False, plots: bool = False) -> list[Section]:
    """The layout of a comparison: A − B per headline, [per value of --by], [both full reports], legend, about."""
    s = report.a.settings
    rows: list[list[str]] = []
    level = None
    for d in report.differences:
        if d.level != level:
            level = d.level
            rows.append([LEVEL_TITLES.get(level, level), "", "", "", "", "", ""])
        rows.append(["  " + d.title + ("" if d.higher_is_better else " (lower is better)"), *_difference_cells(d)])
    out = [Section("A − B per headline score",
                   [Table("", ["score", "A", "B", "A − B", "interval", "p", "better"], rows, "lrrrrrl")])]
    if report.by is not None:
        names = [(d.level, d.title, d.higher_is_better) for d in report.differences]
        groups = []
        for g in report.groups:
            cells = []
            for d in g.differences:
                _, _, diff, interval, p, better = _difference_cells(d)
                cells.append(" ".join(x for x in (diff, interval, f"p={p}" if p else "", better) if x))
            groups.append((g.value, g.documents, cells))
        out.append(Section(f"A − B by {report.by}", _group_tables(names, groups, report.by)))
    if detail or plots:
        for name, sub in (("A", report.a), ("B", report.b)):
            for sec in score_sections(sub, detail=True, plots=plots)[:-2]:
                sec.title = f"System {name}: {sec.title}"
                out.append(sec)
    not_scored = any(not d.scored for d in report.differences)
    out.append(_legend(s, counts=detail or plots, not_scored=not_scored, compare=True))
    documents = f"{report.a.documents} documents, the same for both systems" + "".join(
        f"; {_missing(sub.missing, ' from ' + name)}" for name, sub in (("A", report.a), ("B", report.b))
        if sub.missing) + "."
    out.append(_about(report.a, systems={"A": report.a.predictions, "B": report.b.predictions},
                      documents=documents, full_hash=plots))
    return out


def agreement_sections(report: AgreementReport, *, detail: bool = False, plots: bool = False) -> list[Section]:
    sc = report.scores
    documents = f"{sc.documents} documents in both files" + (
        f"; left out: {len(report.only_in_a)} only in A, {len(report.only_in_b)} only in B."
        if report.only_in_a or report.only_in_b else ".")
    rows: list[list[str]] = []
    level = None
    for r in sc.rows:
        if r.level != level:
            level = r.level
            rows.append([LEVEL_TITLES.get(level, level), "", "", ""])
        rows.append(["  " + r.title, _score(r.f1, r.scored), fmt_ci(r.f1_low, r.f1_high), _counts(r)])
    attrs = [[a.title, str(a.items), fmt(a.observed), fmt(a.kappa), fmt(a.alpha)] for a in report.attributes]
    out = [Section("Agreement per level (F1)", [Table("", ["metric", "F1", "interval", "counts"], rows, "lrrl")]),
           Section("Agreement on attributes of matched items",
                   [Table("", ["attribute", "items", "observed", "Cohen's kappa", "Krippendorff's alpha"], attrs,
                          "lrrrr")])]
    conf: list[Table | Image | str] = []
    for a in report.attributes:
        if a.labels:
            conf += _confusion_blocks(Confusion(a.title, a.title, a.labels, a.labels, a.matrix), matrix=plots)
    if conf:
        out.append(Section("Confusion of matched items", conf))
    if sc.findings is not None:
        out += _findings_sections(sc.findings, as_table=plots)
    out.append(_legend(sc.settings, agreement=True))
    about = _about(sc, systems={"B": sc.predictions}, documents=documents, full_hash=plots)
    about.blocks[0] = "A" + str(about.blocks[0])[len("Gold"):]
    out.append(about)
    return out


def sections(report: Report, *, detail: bool = False, plots: bool = False) -> list[Section]:
    if isinstance(report, ScoreReport):
        return score_sections(report, detail=detail, plots=plots)
    if isinstance(report, ComparisonReport):
        return compare_sections(report, detail=detail, plots=plots)
    return agreement_sections(report, detail=detail, plots=plots)


def _title(report: Report) -> str:
    return {"score": "eventgold evaluation", "compare": "eventgold comparison",
            "agreement": "eventgold annotator agreement"}[report.kind]


def render_json(report: Report, *, detail: bool = False, more: str | None = None) -> str:
    return json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n"


def terminal_width() -> int:
    """The terminal's width in columns (``COLUMNS`` if set), 80 when there is no terminal."""
    return shutil.get_terminal_size((80, 24)).columns


def _hanging(cell: str, width: int) -> str:
    """An indented first-column cell wrapped to ``width`` with its continuation lines indented further."""
    if len(cell) <= width or width < 12:
        return cell
    indent = cell[:len(cell) - len(cell.lstrip())]
    return textwrap.fill(cell.strip(), width=width, initial_indent=indent, subsequent_indent=indent + "  ")


def _rich_table(block: Table, width: int) -> RichTable:
    """Numbers never wrap; text columns wrap at spaces, and indented labels keep a hanging indent."""
    align = block.align or "l" + "r" * (len(block.header) - 1)
    t = RichTable(box=box.SIMPLE_HEAD, pad_edge=False)
    for name, a in zip(block.header, align, strict=False):
        t.add_column(name, justify="left" if a == "l" else "right", overflow="fold", no_wrap=a == "r")
    rows = block.rows
    if align[0] == "l" and rows:
        others = sum(max(len(block.header[i]), *(len(r[i]) for r in rows)) for i in range(1, len(block.header)))
        room = width - others - 3 * (len(block.header) - 1) - 2  # padding and rules between columns, edges
        rows = [[_hanging(r[0], room), *r[1:]] for r in rows]
    for r in rows:
        t.add_row(*r)
    return t


def render_table(report: Report, width: int | None = None, *, detail: bool = False, more: str | None = None) -> str:
    """The report for a terminal, ``width`` columns wide (the terminal's by default)."""
    width = width or terminal_width()
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False, highlight=False,
                      soft_wrap=False)
    console.print(_title(report), style="bold", markup=False)
    for sec in sections(report, detail=detail):
        console.print()
        console.print(sec.title.upper(), markup=False)
        for block in sec.blocks:
            if isinstance(block, str):
                console.print(block, markup=False)
            elif isinstance(block, Table):
                if block.title:
                    console.print(block.title, markup=False)
                console.print(_rich_table(block, width))
    if more:
        console.print()
        console.print(more, markup=False)
    return buffer.getvalue()


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: Report, *, detail: bool = False, more: str | None = None) -> str:
    lines = [f"# {_title(report)}", ""]
    for sec in sections(report, detail=detail):
        lines += [f"## {sec.title}", ""]
        for block in sec.blocks:
            if isinstance(block, str):
                lines += [block, ""]
            elif isinstance(block, Table):
                if block.title:
                    lines += [f"**{block.title}**", ""]
                align = block.align or "l" + "r" * (len(block.header) - 1)
                lines.append("| " + " | ".join(_md_cell(h) or " " for h in block.header) + " |")
                lines.append("|" + "|".join(":---" if a == "l" else "---:" for a in align[:len(block.header)]) + "|")
                lines += ["| " + " | ".join(_md_cell(c) for c in r) + " |" for r in block.rows]
                lines.append("")
    if more:
        lines += [more, ""]
    return "\n".join(lines)


_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:1200px;color:#222;padding:0 1rem}
h1{font-size:1.6rem}h2{font-size:1.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
table{border-collapse:collapse;margin:.6rem 0 1.2rem;font-size:.85rem}
th,td{border:1px solid #ddd;padding:.25rem .5rem;vertical-align:top}th{background:#f4f4f4}
td.r,th.r{text-align:right;font-variant-numeric:tabular-nums}caption{text-align:left;font-weight:600;padding:.3rem 0}
td{white-space:pre-wrap}
figure{margin:1rem 0}figcaption{font-size:.85rem;color:#555}img{max-width:100%}
"""


def render_html(report: Report, *, detail: bool = False, more: str | None = None) -> str:
    """One self-contained page with everything (details and plots), whatever ``detail`` says."""
    esc = html.escape
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             f"<title>{esc(_title(report))}</title><style>{_CSS}</style></head><body>", f"<h1>{esc(_title(report))}</h1>"]
    for sec in sections(report, detail=True, plots=True):
        parts.append(f"<section><h2>{esc(sec.title)}</h2>")
        for block in sec.blocks:
            if isinstance(block, str):
                parts.append(f"<p>{esc(block)}</p>")
            elif isinstance(block, Image):
                parts.append(f'<figure><img alt="{esc(block.title)}" src="data:image/png;base64,{block.png}">'
                             f"<figcaption>{esc(block.title)}</figcaption></figure>")
            else:
                align = block.align or "l" + "r" * (len(block.header) - 1)
                cls = [' class="r"' if a == "r" else "" for a in align] + [""] * len(block.header)
                parts.append("<table>" + (f"<caption>{esc(block.title)}</caption>" if block.title else ""))
                parts.append("<tr>" + "".join(f"<th{cls[i]}>{esc(h)}</th>" for i, h in enumerate(block.header)) + "</tr>")
                for r in block.rows:
                    parts.append("<tr>" + "".join(f"<td{cls[i]}>{esc(c)}</td>" for i, c in enumerate(r)) + "</tr>")
                parts.append("</table>")
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def render(report: Report, fmt_name: str, *, detail: bool = False, more: str | None = None,
           width: int | None = None) -> str:
    """Render ``report`` as 'table', 'json', 'markdown' or 'html'.

    ``detail`` adds every level's rows, per-label tables, confusions and extra statistics to the text formats (and,
    for a comparison, both systems' reports); HTML always has them, JSON always has everything. ``more`` is a
    closing line for the text formats (the CLI says there how to get more). ``width``: the table's columns (the
    terminal's by default).
    """
    renderers = {"table": render_table, "json": render_json, "markdown": render_markdown, "html": render_html}
    if fmt_name not in renderers:
        raise ValueError(f"unknown format {fmt_name!r}; use one of {', '.join(FORMATS)}")
    if fmt_name == "table":
        return render_table(report, width, detail=detail, more=more)
    return renderers[fmt_name](report, detail=detail, more=more)
