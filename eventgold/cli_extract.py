"""The `eventgold extract` command, and the composition it needs: systems from `eval`, data from `corpus`.

`eval` may not import `corpus`, so the built-in baseline learns from whatever training documents
its caller hands it; this module is where the bundled corpus's *train* split is handed over. The
same composition serves the Label Studio pre-annotations (:func:`preannotate`).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from eventgold.clikit import ProgressBar, count_lines, err_console, handles_errors, interactive
from eventgold.schema import Document, Profile, UsageError, read_documents, write_documents

if TYPE_CHECKING:
    from eventgold.eval.systems import System

TRAIN_SPLIT = "train"


def training_documents(root: str | Path | None = None) -> list[Document]:
    """The gold documents built-in systems learn from: the *train* split of a corpus folder (bundled by default).

    This is the only place training data comes from; dev and test gold never reach a system.
    """
    from eventgold.corpus import split_path

    return list(read_documents(split_path(TRAIN_SPLIT, root), Profile.GOLD))


def load_system(spec: str, *, corpus: str | Path | None = None) -> System:
    """Resolve ``--system`` with the corpus's train split as training data."""
    from eventgold.eval.systems import resolve_system

    return resolve_system(spec, training=lambda: training_documents(corpus))


def preannotate(docs: Iterable[Document], *, system: str = "baseline",
                corpus: str | Path | None = None) -> list[Document]:
    """Predictions for raw documents (e.g. Label Studio pre-annotations), by the baseline built from the train split.

    Annotations already on ``docs`` are ignored (each document is stripped before the system sees it).
    """
    from eventgold.eval.systems import run_system

    return list(run_system(load_system(system, corpus=corpus), docs, name=system))


REPORT_SUFFIXES = (".txt", ".csv")


def input_documents(input_path: Path | None, split: str | None, corpus: Path | None,
                    published: dt.date | None = None) -> tuple[Iterator[Document], str, int | None]:
    """Documents to run a system on, how to name where they came from, and how many there are (None: unknown).

    INPUT is a JSONL file of documents (checked under the prediction profile; annotations are ignored), a folder
    of ``.txt`` reports, one ``.txt`` report or a CSV of reports (read as ``annotate to-ls`` reads them;
    ``published`` dates the reports that give no date).
    """
    if input_path is None and split is None:
        raise UsageError("give the documents to run on: an INPUT file or folder, or --split NAME")
    if input_path is not None and split is not None:
        raise UsageError("give either an INPUT file or folder or --split NAME, not both")
    if split is not None:
        from eventgold.corpus import split_path

        path = split_path(split, corpus)
        return read_documents(path, Profile.PREDICTION), f"split {split}", count_lines(path)
    assert input_path is not None  # noqa: S101  (for the type checker: one of the two is given)
    if input_path.is_dir() or input_path.suffix.lower() in REPORT_SUFFIXES:
        from eventgold.annotate.readers import read_sources

        docs = [source.doc for source in read_sources(input_path, published=published)]
        return iter(docs), str(input_path), len(docs)
    return read_documents(str(input_path), Profile.PREDICTION), str(input_path), count_lines(input_path)


@handles_errors
def extract_command(
    input_path: Path = typer.Argument(
        None, metavar="INPUT",
        help="Documents: JSONL, gold or raw ('-' for stdin), or reports: a folder of .txt files, one .txt or a .csv "
             "(as 'annotate to-ls' reads them). A system sees id, text, published, source, language and metadata "
             "(the baseline reads metadata.country, when given, as the default country); annotations and answer "
             "metadata keys (events, event_types, ...) are removed first."),
    system: str = typer.Option(None, "--system", "-s",
                               help="A built-in system (baseline, keywords), 'package.module:attr' or 'file.py:attr'."),
    command: str = typer.Option(None, "--command", "-c",
                                help="An external command: documents as JSONL on stdin, predictions as JSONL on stdout."),
    split: str = typer.Option(None, "--split", help="Run on a split of the corpus (train, dev, test) instead of INPUT."),
    corpus: Path = typer.Option(None, "--corpus",
                                help="Corpus folder for --split and for the baseline's train split (default: bundled)."),
    output: Path = typer.Option(..., "-o", "--output", help="Prediction JSONL to write ('-' for stdout)."),
    published: dt.datetime = typer.Option(None, "--published", formats=["%Y-%m-%d"],
                                          help="Publication date of .txt or CSV reports that give none (YYYY-MM-DD)."),
    num_proc: int = typer.Option(1, "--num-proc", min=1, help="Worker processes (copies of the command with --command)."),
    answer_format: str = typer.Option("document", "--answer-format",
                                      help="With --command: 'document' (a prediction document per line, matched by "
                                           "id) or 'llm' (only the answer of 'eventgold schema --llm' per line, in "
                                           "input order)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress on stderr."),
) -> None:
    """Run an extraction system over documents and write its predictions (JSONL, prediction profile).

    The harness completes each answer: a missing id (by line order), published date or text is taken from the
    input, and a span-free answer gets the input text. The command's stderr is passed through.
    """
    from eventgold.eval.systems import AnswerFormat, run_command, run_system

    if system is None and command is None:
        raise UsageError("give the system to run: --system NAME (e.g. baseline) or --command 'CMD'")
    if system is not None and command is not None:
        raise UsageError("give either --system NAME or --command 'CMD', not both")
    if answer_format not in {f.value for f in AnswerFormat}:
        raise UsageError(f"--answer-format {answer_format!r}: choose one of {', '.join(f.value for f in AnswerFormat)}")
    if system is not None and answer_format != AnswerFormat.DOCUMENT:
        raise UsageError("--answer-format is for --command; a --system returns documents")
    docs, where, total = input_documents(input_path, split, corpus, published.date() if published else None)
    started = time.monotonic()
    bar = ProgressBar("extracting", total, enabled=not quiet and interactive(output))

    def passed_through(line: str) -> None:
        err_console.print(line, markup=False, highlight=False, soft_wrap=True)

    try:
        if system is not None:
            if system == "baseline" and split == TRAIN_SPLIT and not quiet:
                err_console.print("note: the baseline learned from the train split; scores on it are not held-out",
                                  markup=False)
            loaded = load_system(system, corpus=corpus)
            preds = run_system(loaded, docs, name=f"system {system}", num_proc=num_proc, on_progress=bar)
            label = system
        else:
            preds = run_command(command, docs, num_proc=num_proc, on_progress=bar, stderr=passed_through,
                                answer_format=answer_format)
            label = command
        n = write_documents(output, preds)
    finally:
        bar.close()
    if not quiet:
        seconds = time.monotonic() - started
        err_console.print(f"extract: wrote {n} predictions to {output} ({label} on {where}, {seconds:.1f} s)",
                          markup=False)
