"""`eventgold annotate adjudicate`: compare two annotators, list disagreements, apply decisions.

The library is :mod:`eventgold.eval.adjudication` (it reuses the scorer's alignment);
:func:`eventgold.cli_annotate.build_app` adds this command to the annotate group.
"""

from __future__ import annotations

from pathlib import Path

import typer

from eventgold.clikit import err_console, handles_errors, write_output


@handles_errors
def adjudicate_command(
    a: Path = typer.Argument(..., help="Annotator A's gold JSONL (the base of the merge)."),
    b: Path = typer.Argument(..., help="Annotator B's gold JSONL (the same documents)."),
    output: Path = typer.Option(..., "-o", "--output", help="Merged gold JSONL to write."),
    report: Path = typer.Option(None, "--report", help="Markdown list of every disagreement, for the reviewer."),
    decisions: Path = typer.Option(
        None, "--decisions", help="YAML of decisions (id: {choice: a|b, note}); read if it exists, then written back "
                                  "with every disagreement listed, undecided ones as null."),
    require_all: bool = typer.Option(False, "--require-all", help="Fail (exit 1) while any disagreement is undecided."),
) -> None:
    """Accept what two annotators agree on; list each disagreement for a reviewer; merge the decisions."""
    from eventgold.eval.adjudication import adjudicate, read_decisions, render_report, write_decisions
    from eventgold.schema import DataError, Problem, atomic_write, read_documents, write_documents

    decided = read_decisions(decisions.read_text(encoding="utf-8")) if decisions and decisions.exists() else {}
    merged, comparisons, totals = adjudicate(read_documents(a, "gold", collect=True),
                                             read_documents(b, "gold", collect=True), decided)
    if report is not None:
        write_output(render_report(comparisons, decided), report)
    if decisions is not None:
        with atomic_write(decisions) as out:
            out.write(write_decisions(comparisons, decided))
    err_console.print(
        f"{len(merged)} documents: {totals['agreed']} items agreed, {totals['kept_a']} kept from A, "
        f"{totals['took_b']} taken from B, {totals['undecided']} undecided (kept from A)", markup=False)
    if require_all and totals["undecided"]:
        raise DataError(Problem(f"{totals['undecided']} disagreements are undecided",
                                f"Decide each one in {decisions or 'a --decisions file'} (choice: a or b)"))
    write_documents(output, merged)
