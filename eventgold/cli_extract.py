"""The `eventgold extract` command, and the composition it needs: systems from `eval`, data from `corpus`.

`eval` may not import `corpus`, so the built-in baseline learns from whatever training documents
its caller hands it; this module is where the bundled corpus's *train* split is handed over. The
same composition serves the Label Studio pre-annotations (:func:`preannotate`).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from eventgold.clikit import err_console, handles_errors
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


def input_documents(input_path: Path | None, split: str | None, corpus: Path | None) -> tuple[Iterator[Document], str]:
    """Documents to run a system on, from a file or a corpus split, checked under the prediction profile."""
    if (input_path is None) == (split is None):
        raise UsageError("give either an INPUT file or --split NAME (not both)")
    if split is not None:
        from eventgold.corpus import split_path

        path = split_path(split, corpus)
        return read_documents(path, Profile.PREDICTION), f"split {split}"
    return read_documents(str(input_path), Profile.PREDICTION), str(input_path)


@handles_errors
def extract_command(
    input_path: Path = typer.Argument(None, metavar="INPUT",
                                      help="JSONL of documents, gold or raw ('-' for stdin); annotations are ignored."),
    system: str = typer.Option(None, "--system", "-s",
                               help="A built-in system (baseline, keywords), 'package.module:attr' or 'file.py:attr'."),
    command: str = typer.Option(None, "--command", "-c",
                                help="An external command: documents as JSONL on stdin, predictions as JSONL on stdout."),
    split: str = typer.Option(None, "--split", help="Run on a split of the corpus (train, dev, test) instead of INPUT."),
    corpus: Path = typer.Option(None, "--corpus",
                                help="Corpus folder for --split and for the baseline's train split (default: bundled)."),
    output: Path = typer.Option(..., "-o", "--output", help="Prediction JSONL to write ('-' for stdout)."),
    num_proc: int = typer.Option(1, "--num-proc", min=1, help="Worker processes (copies of the command with --command)."),
    answer_format: str = typer.Option("document", "--answer-format",
                                      help="With --command: 'document' (a prediction document per line, matched by "
                                           "id) or 'llm' (only the answer of 'eventgold schema --llm' per line, in "
                                           "input order)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress on stderr."),
) -> None:
    """Run an extraction system over documents and write its predictions (JSONL, prediction profile)."""
    from eventgold.eval.systems import AnswerFormat, run_command, run_system

    if (system is None) == (command is None):
        raise UsageError("give either --system NAME or --command 'CMD' (not both)")
    if answer_format not in {f.value for f in AnswerFormat}:
        raise UsageError(f"--answer-format {answer_format!r}: choose one of {', '.join(f.value for f in AnswerFormat)}")
    if system is not None and answer_format != AnswerFormat.DOCUMENT:
        raise UsageError("--answer-format is for --command; a --system returns documents")
    docs, where = input_documents(input_path, split, corpus)
    started = time.monotonic()

    def progress(n: int) -> None:
        if not quiet and n % 25 == 0:
            err_console.print(f"extract: {n} documents", markup=False)

    if system is not None:
        if system == "baseline" and split == TRAIN_SPLIT and not quiet:
            err_console.print("note: the baseline learned from the train split; scores on it are not held-out",
                              markup=False)
        loaded = load_system(system, corpus=corpus)
        preds = run_system(loaded, docs, name=f"system {system}", num_proc=num_proc, on_progress=progress)
        label = system
    else:
        preds = run_command(command, docs, num_proc=num_proc, on_progress=progress, answer_format=answer_format)
        label = command
    n = write_documents(output, preds)
    if not quiet:
        seconds = time.monotonic() - started
        err_console.print(f"extract: wrote {n} predictions from {where} to {output} ({label}, {seconds:.1f} s)",
                          markup=False)
