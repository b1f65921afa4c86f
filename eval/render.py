"""Reporters: a report object rendered as a terminal table, JSON, Markdown or one self-contained HTML page.

Each report is first laid out as :class:`Section` objects holding tables,
paragraphs and (HTML only) plots; the three text formats render that layout,
so they always show the same numbers. JSON is the report's own ``to_json``
(the stable, versioned layout documented in ``docs/metrics.md``).
"""

from __future__ import annotations

import html
import io
import json
from dataclasses import dataclass, field

from rich import box
from rich.console import Console
from rich.table import Table as RichTable

from .agreement import AgreementReport
from .casualties import ERROR_CLIP
from .findings import Finding, ItemRef
from .metrics import LEVEL_ORDER, LEVEL_TITLES
from .report import ComparisonReport, Row, ScoreReport

Report = ScoreReport | ComparisonReport | AgreementReport
FORMATS = ("table", "json", "markdown", "html")


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


def _counts(row: Row) -> str:
    return " ".join(f"{k}={v}" for k, v in row.counts.items())


def _row_cells(row: Row, first: str) -> list[str]:
    return [first, fmt(row.precision), fmt(row.recall), fmt(row.f1), fmt_ci(row.f1_low, row.f1_high), _counts(row)]


_ROW_HEADER = ["", "precision", "recall", "F1", "F1 interval", "counts"]

#: Per-label tables shown in the text formats (JSON and HTML have them all).
_SHOWN_PER_LABEL = ("mentions.trigger.strict", "mentions.actor.strict", "mentions.casualty.strict",
                    "events.classification", "arguments.classification", "actors.typed", "actors.direction",
                    "locations.precision", "casualties.tuple")


def _ref(ref: ItemRef | None) -> str:
    if ref is None:
        return ""
    where = f" [{ref.start}, {ref.end})" if ref.start is not None else " (span-free)"
    text = f"{ref.path}: {ref.text}{where}"
    return f"{text} — {ref.snippet}" if ref.snippet else text


def _findings_sections(findings: list[Finding]) -> list[Section]:
    grouped: dict[str, list[Finding]] = {}
    for f in findings:
        grouped.setdefault(f.level, []).append(f)
    order = [lv for lv in LEVEL_ORDER if lv in grouped] + sorted(set(grouped) - set(LEVEL_ORDER))
    out = []
    for level in order:
        items = grouped[level]
        rows = [[f.kind, f.doc_id, f.label, _ref(f.gold), _ref(f.pred), f.detail] for f in items]
        out.append(Section(f"Errors: {LEVEL_TITLES.get(level, level)} ({len(items)})",
                           [Table("", ["kind", "document", "label", "gold", "predicted", "why"], rows, "llllll")]))
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


def score_sections(report: ScoreReport, *, plots: bool = False) -> list[Section]:
    s = report.settings
    missing = (f"{len(report.missing)} gold documents had no prediction and were scored as empty"
               + (f" ({', '.join(report.missing[:10])}{', …' if len(report.missing) > 10 else ''})"
                  if report.missing else ""))
    summary = Section("Summary", [
        f"Gold: {report.gold} · predictions: {report.predictions} · documents scored: {report.documents}",
        missing if report.missing else "Every gold document had a prediction.",
        f"Intervals: {s.confidence:.0%} document bootstrap, {s.resamples} resamples, seed {s.seed}; "
        f"zero division → {fmt(s.zero_division if s.zero_division == s.zero_division else None, 1)}; "
        f"event alignment threshold {s.min_event_similarity}.",
    ])
    head = Table("", ["level", "score", "value", "interval"],
                 [[LEVEL_TITLES.get(h.level, h.level), h.title + ("" if h.higher_is_better else " (lower is better)"),
                   fmt(h.value), fmt_ci(h.low, h.high)] for h in report.headlines], "llrr")
    sections = [summary, Section("Headline scores", [head])]
    for level in LEVEL_ORDER:
        blocks: list[Table | Image | str] = []
        rows = [r for r in report.rows if r.level == level]
        if rows:
            blocks.append(Table("", _ROW_HEADER, [_row_cells(r, r.title) for r in rows]))
        for key, label_rows in report.per_label.items():
            if not key.startswith(level + ".") or key.count(".") != level.count(".") + 1:
                continue
            if not plots and key not in _SHOWN_PER_LABEL:
                continue
            title = next((r.title for r in rows if f"{r.level}.{r.name}" == key), key)
            macro = report.macro.get(key, {})
            blocks.append(Table(f"{title}, per label (macro F1 {fmt(macro.get('f1'))})",
                                ["label", *_ROW_HEADER[1:]], [_row_cells(r, r.label) for r in label_rows]))
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
        conf_blocks.append(Table(c.title, ["gold \\ predicted", *c.pred_labels],
                                 [[g, *map(str, row)] for g, row in zip(c.gold_labels, c.matrix, strict=True)]))
    if conf_blocks:
        sections.append(Section("Confusion tables", conf_blocks))
    if report.findings is not None:
        sections += _findings_sections(report.findings)
    return sections


def compare_sections(report: ComparisonReport, *, plots: bool = False) -> list[Section]:
    s = report.a.settings
    rows = []
    for d in report.differences:
        x = d.diff
        better = ""
        if x.difference is not None and x.low is not None and x.high is not None and (x.low > 0 or x.high < 0):
            better = "A" if (x.difference > 0) == d.higher_is_better else "B"
        rows.append([LEVEL_TITLES.get(d.level, d.level), d.title, fmt(x.a), fmt(x.b),
                     "–" if x.difference is None else f"{x.difference:+.3f}", fmt_ci(x.low, x.high), fmt(x.p_value),
                     better])
    out = [
        Section("Summary", [
            f"Gold: {report.a.gold} · A: {report.a.predictions} · B: {report.b.predictions} · documents: "
            f"{report.a.documents}",
            f"Paired document bootstrap: {s.resamples} resamples, seed {s.seed}, {s.confidence:.0%} intervals of A − B; "
            "'better' names the system when the interval excludes 0.",
        ]),
        Section("A − B per headline score", [Table("", ["level", "score", "A", "B", "A − B", "interval", "p", "better"],
                                                   rows, "llrrrrrl")]),
    ]
    for name, sub in (("A", report.a), ("B", report.b)):
        for sec in score_sections(sub, plots=plots)[2:]:
            sec.title = f"System {name}: {sec.title}"
            out.append(sec)
    return out


def agreement_sections(report: AgreementReport, *, plots: bool = False) -> list[Section]:
    sc = report.scores
    notes = [f"A: {sc.gold} · B: {sc.predictions} · documents in both: {sc.documents}"]
    if report.only_in_a or report.only_in_b:
        notes.append(f"Left out: {len(report.only_in_a)} documents only in A, {len(report.only_in_b)} only in B.")
    notes.append("F1 is symmetric: B's precision against A is A's recall against B.")
    rows = [[LEVEL_TITLES.get(r.level, r.level), r.title, fmt(r.f1), fmt_ci(r.f1_low, r.f1_high), _counts(r)]
            for r in sc.rows]
    attrs = [[a.title, str(a.items), fmt(a.observed), fmt(a.kappa), fmt(a.alpha)] for a in report.attributes]
    out = [Section("Summary", list(notes)),
           Section("Agreement per level (F1)", [Table("", ["level", "metric", "F1", "interval", "counts"], rows,
                                                      "llrrl")]),
           Section("Agreement on attributes of matched items",
                   [Table("", ["attribute", "items", "observed", "Cohen's kappa", "Krippendorff's alpha"], attrs,
                          "lrrrr")])]
    conf = []
    for a in report.attributes:
        if a.labels:
            conf.append(Table(a.title, ["A \\ B", *a.labels],
                              [[lab, *map(str, row)] for lab, row in zip(a.labels, a.matrix, strict=True)]))
    if conf:
        out.append(Section("Confusion of matched items", list(conf)))
    if sc.findings is not None:
        out += _findings_sections(sc.findings)
    return out


def sections(report: Report, *, plots: bool = False) -> list[Section]:
    if isinstance(report, ScoreReport):
        return score_sections(report, plots=plots)
    if isinstance(report, ComparisonReport):
        return compare_sections(report, plots=plots)
    return agreement_sections(report, plots=plots)


def _title(report: Report) -> str:
    return {"score": "eventgold evaluation", "compare": "eventgold comparison",
            "agreement": "eventgold annotator agreement"}[report.kind]


def render_json(report: Report) -> str:
    return json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n"


def render_table(report: Report, width: int = 140) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False, highlight=False,
                      soft_wrap=False)
    console.print(_title(report), style="bold", markup=False)
    for sec in sections(report):
        console.print()
        console.print(sec.title.upper(), markup=False)
        for block in sec.blocks:
            if isinstance(block, str):
                console.print(block, markup=False)
            elif isinstance(block, Table):
                t = RichTable(title=block.title or None, box=box.SIMPLE_HEAD, title_justify="left", pad_edge=False)
                align = block.align or "l" + "r" * (len(block.header) - 1)
                for name, a in zip(block.header, align, strict=False):
                    t.add_column(name, justify="left" if a == "l" else "right", overflow="fold")
                for r in block.rows:
                    t.add_row(*r)
                console.print(t)
    return buffer.getvalue()


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: Report) -> str:
    lines = [f"# {_title(report)}", ""]
    for sec in sections(report):
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
    return "\n".join(lines)


_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:1200px;color:#222;padding:0 1rem}
h1{font-size:1.6rem}h2{font-size:1.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
table{border-collapse:collapse;margin:.6rem 0 1.2rem;font-size:.85rem}
th,td{border:1px solid #ddd;padding:.25rem .5rem;vertical-align:top}th{background:#f4f4f4}
td.r,th.r{text-align:right;font-variant-numeric:tabular-nums}caption{text-align:left;font-weight:600;padding:.3rem 0}
figure{margin:1rem 0}figcaption{font-size:.85rem;color:#555}img{max-width:100%}
"""


def render_html(report: Report) -> str:
    esc = html.escape
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             f"<title>{esc(_title(report))}</title><style>{_CSS}</style></head><body>", f"<h1>{esc(_title(report))}</h1>"]
    for sec in sections(report, plots=True):
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


def render(report: Report, fmt_name: str) -> str:
    """Render ``report`` as 'table', 'json', 'markdown' or 'html'."""
    renderers = {"table": render_table, "json": render_json, "markdown": render_markdown, "html": render_html}
    if fmt_name not in renderers:
        raise ValueError(f"unknown format {fmt_name!r}; use one of {', '.join(FORMATS)}")
    return renderers[fmt_name](report)
