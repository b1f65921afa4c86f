"""The `eventgold corpus` commands: build, split, stats, validate, lint, export-hf."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from eventgold.clikit import console, err_console, handles_errors, write_output
from eventgold.corpus.splits import BUNDLED_FRACTIONS

CORPUS_ARG = typer.Argument(None, help="A corpus folder (default: the bundled corpus).")


@handles_errors
def build_command(
    authoring: Path = typer.Argument(..., help="Authoring folder with reports/ and annotations/."),
    out: Path = typer.Option(..., "--out", help="Corpus folder to write."),
    dev: float = typer.Option(BUNDLED_FRACTIONS["dev"], help="Fraction of documents for dev (new documents fill it "
                              "up to this share)."),
    test: float = typer.Option(BUNDLED_FRACTIONS["test"], help="Fraction of documents for test (large, so that "
                               "intervals separate systems)."),
) -> None:
    """Build gold JSONL from the YAML authoring format and split it into a corpus folder.

    The split of every document is recorded in AUTHORING/splits.json and kept on later builds, so corrections never
    move a document between splits; only new documents are assigned by the split rule.
    """
    from eventgold.corpus.authoring import build_all
    from eventgold.corpus.splits import make_corpus_folder
    from eventgold.schema import atomic_write

    record = authoring / "splits.json"
    pinned = json.loads(record.read_text(encoding="utf-8")) if record.is_file() else None
    manifest = make_corpus_folder(build_all(authoring), out, card=False, pinned=pinned,
                                  fractions={"dev": dev, "test": test})
    assignment = {i: s for s, v in manifest["splits"].items() for i in v["ids"]}
    with atomic_write(record) as f:
        f.write(json.dumps(dict(sorted(assignment.items())), indent=1) + "\n")
    sizes = ", ".join(f"{s} {v['documents']}" for s, v in manifest["splits"].items())
    err_console.print(f"built {out}: {sizes}", markup=False)


@handles_errors
def split_command(
    gold: list[Path] = typer.Argument(..., help="Gold JSONL files."),
    out: Path = typer.Option(..., "--out", help="Corpus folder to write."),
    dev: float = typer.Option(0.15, help="Fraction of documents for dev."),
    test: float = typer.Option(0.2, help="Fraction of documents for test."),
    seed: str = typer.Option("eventgold-split-v1", help="Seed of the hash order."),
    name: str = typer.Option("my-corpus", help="Corpus name for the manifest and card."),
    version: str = typer.Option("0.1.0", help="Corpus version."),
) -> None:
    """Make a corpus folder from gold files: deterministic stratified splits, manifest and a card skeleton."""
    from eventgold.corpus.splits import make_corpus_folder
    from eventgold.schema import read_documents

    docs = [d for path in gold for d in read_documents(path, "gold", collect=True)]
    manifest = make_corpus_folder(docs, out, fractions={"dev": dev, "test": test}, seed=seed, name=name, version=version)
    sizes = ", ".join(f"{s} {v['documents']}" for s, v in manifest["splits"].items())
    err_console.print(f"wrote {out}: {sizes}; fill in {out / 'README.md'}", markup=False)


@handles_errors
def stats_command(
    path: Path = CORPUS_ARG,
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    output: Path = typer.Option(None, "-o", "--output", help="Write to this file."),
    by: str = typer.Option(None, "--by", help="Also give reading densities per value of this metadata key (genre)."),
    minimums: bool = typer.Option(None, "--minimums/--no-minimums",
                                  help="Grade the totals against the bundled corpus's coverage minimums (default: "
                                       "only for the bundled corpus; they are its design targets, not yours)."),
) -> None:
    """Count the phenomena the corpus covers, per split; reading densities per group.

    The bundled corpus is graded against its coverage minimums; another corpus is not, unless --minimums.
    """
    from eventgold.corpus.density import DENSITIES, densities
    from eventgold.corpus.folder import BUNDLED, SPLITS, corpus_root, read_split
    from eventgold.corpus.stats import STATISTICS, corpus_stats

    if minimums is None:
        minimums = corpus_root(path).resolve() == BUNDLED.resolve()

    docs = {s: list(read_split(s, path)) for s in SPLITS}
    per_split = {s: corpus_stats(docs[s]) for s in SPLITS}
    totals = {k: sum(per_split[s][k] for s in SPLITS) for k in per_split["train"]}
    groups = densities([d for s in SPLITS for d in docs[s]], by=by)
    if by is not None:
        for s in SPLITS:
            for name, n in densities(docs[s], by=by).items():
                groups.setdefault(name, {})[f"{s}_documents"] = n["documents"]
    if as_json:
        graded = {"minimums": {s.name: s.minimum for s in STATISTICS if s.minimum is not None}} if minimums else {}
        write_output(json.dumps({"splits": per_split, "total": totals, **graded,
                                 "densities": {"by": by, "groups": groups}}, indent=2), output)
        return
    table = Table(title="eventgold corpus statistics")
    table.add_column("statistic")
    for s in SPLITS:
        table.add_column(s, justify="right")
    table.add_column("total", justify="right")
    if minimums:
        table.add_column("minimum", justify="right")
    for stat in STATISTICS:
        ok = stat.minimum is None or totals[stat.name] >= stat.minimum
        mark = "" if stat.minimum is None else (f"{stat.minimum} ✓" if ok else f"[red]{stat.minimum} ✗[/]")
        table.add_row(stat.name, *[str(per_split[s][stat.name]) for s in SPLITS], str(totals[stat.name]),
                      *([mark] if minimums else []))
    console.print(table)
    dens = Table(title=f"reading densities{f' by {by}' if by else ''}")
    dens.add_column(by or "")
    for d in DENSITIES:
        dens.add_column(d.short, justify="right")
    if by is not None:
        dens.add_column("tr/dev/test", justify="right")
    for name, values in groups.items():
        cells = ["" if values[d.name] is None else f"{values[d.name]:.2f}".removesuffix(".00") for d in DENSITIES]
        split_counts = ["/".join(str(values.get(f"{s}_documents") or 0) for s in SPLITS)] if by is not None else []
        dens.add_row(name, *cells, *split_counts)
    console.print(dens)


@handles_errors
def validate_command(path: Path = CORPUS_ARG) -> None:
    """Check every split under the gold profile, that splits are disjoint, and the manifest hashes."""
    from eventgold.corpus.folder import validate_corpus

    counts = validate_corpus(path)
    err_console.print("ok: " + ", ".join(f"{s} {n} documents" for s, n in counts.items()), markup=False)


@handles_errors
def lint_command(
    files: list[Path] = typer.Argument(None, help="Gold JSONL files, annotation YAML files, corpus folders or "
                                       "authoring folders (default: the bundled corpus, every split)."),
    authoring: Path = typer.Option(None, "--authoring", help="Lint an authoring folder's YAML sources; findings "
                                   "name the annotation file and line."),
    allowlist: Path = typer.Option(None, "--allowlist", help="Reviewed exceptions (default: the bundled corpus's "
                                   "corpus/lint-allowlist.yaml)."),
    no_allowlist: bool = typer.Option(False, "--no-allowlist", help="Report every finding."),
    select: str = typer.Option(None, "--select", help="Comma-separated rule ids to run, e.g. R4,G12 (default: all)."),
    explain: str = typer.Option(None, "--explain", metavar="RULE", help="Print what RULE says and what the lint "
                                "checks of it, then exit."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
    output: Path = typer.Option(None, "-o", "--output", help="Write to this file."),
) -> None:
    """Check gold documents against the annotation guidelines: one located finding per departure from a rule.

    Exit 0 when every finding is in the allowlist, 1 when findings remain (or an allowlist entry matches nothing, or a
    document cannot be read), 2 on usage errors.
    """
    from eventgold.corpus.allowlist import BUNDLED_ALLOWLIST
    from eventgold.corpus.lint import explain as explain_rule
    from eventgold.corpus.lint import select_rules
    from eventgold.corpus.lintrun import format_json, format_text, lint_sources

    if explain:
        write_output(explain_rule(explain), output)
        return
    rules = select_rules(r.strip() for r in select.split(",") if r.strip()) if select else select_rules()
    chosen = None if no_allowlist else allowlist or (BUNDLED_ALLOWLIST if BUNDLED_ALLOWLIST.is_file() else None)
    report = lint_sources(files or (), authoring=authoring, rules=rules, allowlist=chosen)
    write_output(format_json(report) if as_json else format_text(report), output)
    if not report.ok:
        raise typer.Exit(1)


@handles_errors
def export_hf_command(
    out: Path = typer.Argument(..., help="Folder to write."),
    path: Path = typer.Option(None, "--corpus", help="Corpus folder (default: the bundled corpus)."),
) -> None:
    """Write the corpus in datasets' own format (save_to_disk) and as Parquet, ready for push_to_hub."""
    from eventgold.corpus.hf import export_hf

    written = export_hf(out, path)
    err_console.print(f"wrote {written['hf']} and {written['parquet']}", markup=False)


def build_app() -> typer.Typer:
    """The ``eventgold corpus`` group."""
    app = typer.Typer(help="Build, split, check, count and export gold corpora.", no_args_is_help=True)
    app.command("build")(build_command)
    app.command("split")(split_command)
    app.command("stats")(stats_command)
    app.command("validate")(validate_command)
    app.command("export-hf")(export_hf_command)
    app.command("lint")(lint_command)
    return app
