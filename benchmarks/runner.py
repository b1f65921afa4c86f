"""The benchmark operations, each on a seeded synthetic corpus, and the table they make.

Operations (``--only`` takes these names, comma-separated):

``mentions``
    Mention scoring on identical spans: eventgold's four SemEval-2013 schemes
    (overall and per label) against nervaluate's, and eventgold's strict scheme
    against seqeval's strict IOB2 mode. The runner stops if any count differs.
``events``
    Full scoring of a JSONL prediction file against a JSONL gold file
    (:func:`eventgold.eval.score_files`: parsing and validation, mentions,
    alignment, arguments, entities, time, casualties, modality), single process
    and ``num_proc=2``; both must give the same counts.
``bootstrap``
    :func:`eventgold.eval.bootstrap_intervals` of every headline and per-label
    score, 1,000 resamples over the per-document counts of N documents.
``label-studio``
    Gold JSONL to Label Studio tasks (``annotate to-ls``) and a Label Studio
    JSON export back to gold JSONL (``annotate from-ls``); the round trip must
    give back the same documents. Label Studio's own converter (JSON_MIN) runs
    on the same export for reference.
``datasets``
    Documents to a Hugging Face ``datasets.Dataset`` and every row back to a
    document (:func:`eventgold.corpus.to_dataset`, :func:`~eventgold.corpus.to_document`).
``server``
    Push and pull against a real local Label Studio, started with
    :func:`eventgold.annotate.server.start_studio`, for several batch sizes.
``streaming``
    Peak memory of ``score_files`` at growing corpus sizes, each in a fresh process.
``validate``
    ``eventgold validate`` on a 200 MB JSONL file in a fresh process: time and peak memory (target: < 300 MB).
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import peers, synth
from .measure import Row, children_peak, measured, mib, render

#: Corpus seed of every operation (documents are the same for any run with the same seed).
SEED = 0


@dataclass(frozen=True)
class Sizes:
    """The sizes of one run: the issue's (full) or small ones (``--quick``)."""

    mentions: int = 20_000
    events: int = 100_000
    bootstrap_docs: int = 10_000
    resamples: int = 1_000
    label_studio: int = 10_000
    datasets: int = 100_000
    server: int = 2_000
    batch_sizes: tuple[int, ...] = (50, 200, 500, 1000)
    streaming: tuple[int, ...] = (10_000, 100_000, 1_000_000)
    #: Distinct documents in a streamed corpus; larger corpora repeat them under new ids.
    streaming_distinct: int = 20_000
    #: Size of the file ``eventgold validate`` reads, in MB.
    validate_mb: int = 200


FULL = Sizes()
QUICK = Sizes(mentions=200, events=300, bootstrap_docs=300, resamples=200, label_studio=100, datasets=200,
              server=40, batch_sizes=(20, 40), streaming=(200, 600), streaming_distinct=200, validate_mb=2)


class CheckFailed(AssertionError):
    """eventgold and a peer (or two eventgold paths) disagree on numbers that must be equal."""


def check(differences: Sequence[str], what: str) -> str:
    if differences:
        shown = "\n  ".join(differences[:20])
        raise CheckFailed(f"{what}: {len(differences)} differences\n  {shown}")
    return "counts equal"


# --- corpora --------------------------------------------------------------------------------------------------


def write_pairs(folder: Path, n: int, *, distinct: int | None = None) -> tuple[Path, Path]:
    """Gold and prediction JSONL files of ``n`` documents (cached in ``folder`` by size)."""
    if distinct is not None and distinct >= n:
        distinct = None
    tag = f"{n}" if distinct is None else f"{n}-distinct-{distinct}"
    gold, pred = folder / f"gold-{tag}.jsonl", folder / f"pred-{tag}.jsonl"
    if not gold.exists():
        synth.write_corpus(gold, pred, n, seed=SEED, distinct=distinct)
    return gold, pred


def same_documents(expected: Path, found: Path) -> list[str]:
    """The ids of documents that differ between two JSONL files (compared as parsed documents)."""
    from eventgold.schema import read_documents

    a, b = list(read_documents(expected)), list(read_documents(found))
    if len(a) != len(b):
        return [f"{found} has {len(b)} documents, {expected} has {len(a)}"]
    return [f"document {x.id!r} differs" for x, y in zip(a, b, strict=True) if x != y]


# --- 1. mentions ----------------------------------------------------------------------------------------------


def run_mentions(n: int, folder: Path) -> list[Row]:
    from eventgold.schema import Document

    gold_docs: list[list[peers.Span]] = []
    pred_docs: list[list[peers.Span]] = []
    texts = []
    for g, p in synth.iter_pairs(n, seed=SEED):
        gd = Document.model_validate(g)
        gold_docs.append(peers.document_spans(gd))
        pred_docs.append(peers.document_spans(Document.model_validate(p)))
        texts.append(gd.text)
    spans = sum(map(len, gold_docs))
    size = f"{n:,} docs, {spans / n:.1f} gold mentions/doc"
    tags = sorted({s.label for doc in (*gold_docs, *pred_docs) for s in doc})

    rows = []
    nervaluate, seqeval = installed("nervaluate"), installed("seqeval")
    with measured() as ours_time:
        ours = peers.eventgold_schemes(gold_docs, pred_docs)
    row = Row("1. mentions, 4 schemes + per label", size, ours_time.seconds, memory=ours_time.peak,
              cpu=ours_time.cpu, note="eventgold: eval.mentions.MentionTally over the documents; nervaluate: "
              "Evaluator(loader='dict').evaluate(). Same spans, converted beforehand (untimed).")
    if nervaluate is None:
        row.peer_name, row.check = "nervaluate not installed", "pip install -e '.[test]' to compare"
    else:
        nv_gold, nv_pred = peers.nervaluate_input(gold_docs), peers.nervaluate_input(pred_docs)
        with measured() as peer_time:
            theirs = peers.nervaluate_schemes(nv_gold, nv_pred, tags)
        status = check(peers.differences_schemes(ours, theirs), "eventgold vs nervaluate")
        row.peer, row.peer_cpu, row.peer_name = peer_time.seconds, peer_time.cpu, f"nervaluate {nervaluate}"
        row.check = f"{status} (4 schemes × {len(tags)} labels)"
    rows.append(row)

    with measured() as ours_time:
        strict = peers.eventgold_strict(gold_docs, pred_docs)
    row = Row("1. mentions, strict (IOB2)", size, ours_time.seconds, memory=ours_time.peak, cpu=ours_time.cpu,
              note="eventgold: the same MentionTally (all four schemes come along); seqeval: "
              "metrics.v1.precision_recall_fscore_support(average=None, scheme=IOB2) on IOB2 tags of the same spans.")
    if seqeval is None:
        row.peer_name, row.check = "seqeval not installed", "pip install -e '.[test]' to compare"
    else:
        tagged = peers.seqeval_input(texts, gold_docs, pred_docs)
        with measured() as peer_time:
            seq = peers.seqeval_strict(tagged)
        check(peers.differences_strict(strict, seq), "eventgold vs seqeval")
        row.peer, row.peer_cpu, row.peer_name = peer_time.seconds, peer_time.cpu, f"seqeval {seqeval}"
        row.check = f"P/R/F1/support equal ({len(seq)} labels)"
    rows.append(row)
    return rows


def installed(package: str) -> str | None:
    """The installed version of ``package``, or None when it is not installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return None


# --- 2. events ------------------------------------------------------------------------------------------------


def run_events(n: int, folder: Path) -> list[Row]:
    from eventgold.eval import score_files
    from eventgold.schema import read_documents

    gold, pred = write_pairs(folder, n)
    with measured() as floor:
        parsed = sum(1 for _ in read_documents(gold)) + sum(1 for _ in read_documents(pred, "prediction"))
    rows = [Row("2. (floor) read + validate gold and predictions", f"{n:,} docs", floor.seconds,
                check=f"{parsed:,} documents", memory=floor.peak, cpu=floor.cpu,
                note="schema.read_documents on both files, no scoring: what any scorer of validated input pays")]
    results = {}
    for procs in (1, 2):
        with measured() as span:
            corpus = score_files(gold, pred, num_proc=procs)
        results[procs] = corpus
        note = ""
        memory = span.peak
        if procs > 1:
            note = (f"largest worker process: {mib(children_peak())} (peak RSS column and CPU time: the parent, "
                    "which reads the gold lines, hands out chunks and adds up the workers' counts)")
        rows.append(Row(f"2. event-level scoring, num_proc={procs}", f"{n:,} docs", span.seconds,
                        check=f"{len(corpus.doc_ids):,} docs scored", memory=memory, note=note,
                        cpu=span.cpu))
    same = results[1].counts == results[2].counts and results[1].doc_ids == results[2].doc_ids
    rows[2].check = check([] if same else ["counts of num_proc=2 differ from num_proc=1"], "sharded vs whole") \
        + " with num_proc=1"
    return rows


# --- 3. bootstrap ---------------------------------------------------------------------------------------------


def run_bootstrap(n: int, resamples: int, folder: Path) -> list[Row]:
    from eventgold.eval import bootstrap_intervals, score_files
    from eventgold.eval.metrics import all_formulas

    gold, pred = write_pairs(folder, n)
    matrix = score_files(gold, pred).matrix()
    formulas = all_formulas()
    with measured() as span:
        intervals = bootstrap_intervals(matrix, formulas, resamples=resamples)
    again = bootstrap_intervals(matrix, formulas, resamples=resamples)
    status = check([] if intervals == again else ["two runs with the same seed differ"], "bootstrap")
    return [Row(f"3. bootstrap, {resamples:,} resamples", f"{n:,} docs × {matrix.shape[1]} counts",
                span.seconds, check=f"{len(formulas)} intervals; {status.replace('counts equal', 'reproducible')}",
                memory=span.peak, cpu=span.cpu)]


# --- 4. Label Studio conversion -------------------------------------------------------------------------------


def as_export(tasks: Iterable[dict[str, Any]], *, annotator: int = 1) -> list[dict[str, Any]]:
    """Tasks as Label Studio's JSON export gives them back: ids, annotator, bookkeeping fields."""
    out = []
    for n, task in enumerate(tasks, start=1):
        stamp = "2026-01-01T00:00:00.000000Z"
        annotations = [{"id": 10 * n + k, "completed_by": annotator, "result": ann["result"],
                        "was_cancelled": False, "ground_truth": ann.get("ground_truth", False), "created_at": stamp,
                        "updated_at": stamp, "lead_time": 12.5, "prediction": {}, "result_count": len(ann["result"]),
                        "task": n, "project": 1, "updated_by": annotator}
                       for k, ann in enumerate(task.get("annotations", []))]
        out.append({"id": n, "data": task["data"], "annotations": annotations, "drafts": [], "predictions": [],
                    "meta": {}, "created_at": stamp, "updated_at": stamp, "inner_id": n,
                    "total_annotations": len(annotations), "cancelled_annotations": 0, "total_predictions": 0,
                    "project": 1, "updated_by": None})
    return out


def run_label_studio(n: int, folder: Path) -> list[Row]:
    from eventgold.annotate.config import labeling_config
    from eventgold.annotate.export import convert_from_ls
    from eventgold.annotate.tasks import convert_to_ls

    gold, _ = write_pairs(folder, n)
    tasks_path, export_path, back = folder / f"tasks-{n}.json", folder / f"export-{n}.json", folder / f"back-{n}.jsonl"
    with measured() as to_ls:
        summary = convert_to_ls(gold, tasks_path)
    with open(tasks_path, encoding="utf-8") as f:
        tasks = json.load(f)
    with open(export_path, "w", encoding="utf-8") as f:
        json.dump(as_export(tasks), f, ensure_ascii=False)
    del tasks
    with measured() as from_ls:
        convert_from_ls(export_path, back)
    status = check(same_documents(gold, back), "round trip")
    peer_seconds = peer_cpu = None
    try:
        from label_studio_sdk.converter import Converter

        converter = Converter(labeling_config(), project_dir=None, download_resources=False)
        with measured() as peer:
            converter.convert(str(export_path), str(folder / "json-min"), "JSON_MIN", is_dir=False)
        peer_seconds, peer_cpu = peer.seconds, peer.cpu
    except ImportError:
        pass
    return [
        Row("4. gold → Label Studio tasks", f"{n:,} docs", to_ls.seconds, check=f"{summary.written:,} tasks written",
            memory=to_ls.peak, cpu=to_ls.cpu, note="annotate.tasks.convert_to_ls: read + validate gold JSONL, write tasks JSON."),
        Row("4. Label Studio export → gold", f"{n:,} tasks", from_ls.seconds, peer_seconds,
            "label-studio-sdk Converter JSON_MIN" if peer_seconds is not None else "", f"round trip: {status.replace('counts equal', 'identical JSONL')}",
            from_ls.peak, cpu=from_ls.cpu, peer_cpu=peer_cpu, note=
            "annotate.export.convert_from_ls: stream the export, rebuild and validate documents, write JSONL. "
            "The peer does less: JSON_MIN keeps only labels keyed by control (no relations, no region link), "
            "so its ratio is a reference, not a like-for-like race."),
    ]


# --- 5. datasets ----------------------------------------------------------------------------------------------


def run_datasets(n: int, folder: Path) -> list[Row]:
    from eventgold.corpus import document_features, to_dataset, to_document
    from eventgold.schema import read_documents

    gold, _ = write_pairs(folder, n)
    docs = list(read_documents(gold))
    with measured() as out:
        dataset = to_dataset(docs)
    features = document_features()
    with measured() as back:
        again = [to_document(record, features) for record in dataset.to_list()]
    status = check([] if again == docs else ["documents differ after the round trip"], "datasets round trip")
    return [
        Row("5. corpus → datasets", f"{n:,} docs", out.seconds, check=f"{dataset.num_rows:,} rows", memory=out.peak,
            cpu=out.cpu,
            note="corpus.to_dataset (in-memory Arrow table with the schema's Features)."),
        Row("5. datasets → corpus", f"{n:,} docs", back.seconds, check=status.replace("counts equal", "equal documents"),
            memory=back.peak, cpu=back.cpu, note="corpus.to_document on every row of Dataset.to_list() (decoding ClassLabels, "
                 "pydantic validation); to_list holds every row at once, iterating the Dataset row by row "
                 "holds one but spends about twice as long extracting rows."),
    ]


# --- 6. server ------------------------------------------------------------------------------------------------


def run_server(n: int, batch_sizes: Sequence[int], folder: Path) -> list[Row]:
    from eventgold.annotate.readers import read_sources
    from eventgold.annotate.server import StudioLogin, free_port, start_studio, studio_installed
    from eventgold.annotate.sync import pull, push_tasks_to
    from eventgold.annotate.tasks import iter_tasks

    if not studio_installed():
        return [Row("6. push/pull with Label Studio", f"{n:,} tasks", None,
                    check="skipped: label-studio is not installed (pip install -e '.[studio]')")]
    gold, _ = write_pairs(folder, n)
    tasks = list(iter_tasks(read_sources(gold)))
    token = secrets.token_hex(20)
    login = StudioLogin("bench@example.com", secrets.token_urlsafe(12))
    started = time.perf_counter()
    studio = start_studio(folder / "label-studio", port=free_port(), login=login, token=token,
                          log_path=folder / "label-studio.log")
    startup = time.perf_counter() - started
    rows = []
    try:
        pushes: dict[int, float] = {}
        peaks: dict[int, int | None] = {}
        for batch in batch_sizes:
            with measured() as span:
                report = push_tasks_to(studio.url, f"bench push {batch}", tasks, batch_size=batch, api_key=token)
            pushes[batch], peaks[batch] = span.seconds, span.peak
            if report.imported != n:
                raise CheckFailed(f"push with batch size {batch} imported {report.imported} of {n} tasks")
        best = min(pushes, key=lambda b: pushes[b])
        tried = ", ".join(f"{b}: {pushes[b]:.1f} s" for b in batch_sizes)
        rows.append(Row(f"6. push to Label Studio (batch {best})", f"{n:,} tasks", pushes[best],
                        check=f"{n:,} imported", memory=peaks[best], note=f"batch sizes tried: {tried}; server start {startup:.0f} s "
                        "(fresh data folder, migrations included). Peak RSS: the client only."))
        out = folder / "pulled.jsonl"
        with measured() as span:
            pulled = pull(studio.url, f"bench push {best}", out, api_key=token)
        status = check(same_documents(gold, out), "push/pull round trip")
        rows.append(Row("6. pull from Label Studio", f"{pulled.tasks:,} tasks", span.seconds,
                        check=status.replace("counts equal", "round trip identical"), memory=span.peak, cpu=span.cpu,
                        note="tasks with annotations and full predictions through the task API (no export file "
                             "left on the server), convert, write JSONL."))
    finally:
        studio.stop()
    return rows


# --- streaming memory -----------------------------------------------------------------------------------------

_STREAM_CHILD = """
import json, sys, time
from pathlib import Path
from eventgold.eval import score_files
start, cpu = time.perf_counter(), time.process_time()
corpus = score_files(sys.argv[1], sys.argv[2], num_proc=int(sys.argv[3]))
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
hwm = next(int(l.split()[1]) * 1024 for l in Path('/proc/self/status').read_text().splitlines() if l.startswith('VmHWM:'))
import resource
child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
print(json.dumps({"docs": len(corpus.doc_ids), "seconds": seconds, "cpu": cpu, "peak": hwm, "worker_peak": child}))
"""


def run_streaming(sizes: Sequence[int], distinct: int, folder: Path, procs: int = 2) -> list[Row]:
    rows = []
    for n in sizes:
        gold, pred = write_pairs(folder, n, distinct=min(distinct, n))
        done = subprocess.run([sys.executable, "-c", _STREAM_CHILD, str(gold), str(pred), str(procs)], check=True,
                              capture_output=True, text=True, cwd=folder)
        found = json.loads(done.stdout.strip().splitlines()[-1])
        rows.append(Row(f"streaming score_files, num_proc={procs}", f"{n:,} docs", found["seconds"],
                        check=f"{found['docs']:,} docs scored", memory=found["peak"], cpu=found["cpu"],
                        note=f"fresh process; largest worker {mib(found['worker_peak'])}; CPU time: the parent"
                             + (f"; {distinct:,} distinct documents repeated under new ids" if distinct < n else "")))
    return rows


# --- validate: streaming memory --------------------------------------------------------------------------------

_VALIDATE_CHILD = """
import json, resource, sys, time
from eventgold.cli import main
sys.argv = ["eventgold", "validate", sys.argv[1]]
start, cpu = time.perf_counter(), time.process_time()
try:
    main()
except SystemExit as exc:
    code = exc.code
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"code": code, "seconds": seconds, "cpu": cpu, "peak": peak}))
"""


def run_validate(megabytes: int, folder: Path) -> list[Row]:
    """``eventgold validate`` on a JSONL file of ``megabytes`` MB, in a fresh process: time and peak memory."""
    path = folder / f"validate-{megabytes}mb.jsonl"
    if not path.exists():
        sample = [synth.dump(synth.generate_gold(i, seed=SEED)) for i in range(2_000)]
        written = n = 0
        with open(path, "w", encoding="utf-8") as out:
            while written < megabytes * 1_000_000:
                line = sample[n % len(sample)].replace(f'"id":"syn-{n % len(sample):07d}"', f'"id":"syn-{n:07d}"', 1)
                out.write(line + "\n")
                written += len(line.encode("utf-8")) + 1
                n += 1
    size = path.stat().st_size
    done = subprocess.run([sys.executable, "-c", _VALIDATE_CHILD, str(path)], check=True, capture_output=True,
                          text=True, cwd=folder)
    found = json.loads(done.stdout.strip().splitlines()[-1])
    if found["code"] not in (0, None):
        raise CheckFailed(f"validate failed on the benchmark corpus: {done.stderr[-2000:]}")
    docs = done.stderr.split("ok: ", 1)[1].split(" ", 1)[0]
    return [Row("7. validate (CLI, streaming)", f"{size / 1e6:,.0f} MB", found["seconds"], check=f"{docs} docs valid",
                memory=found["peak"], cpu=found["cpu"],
                note="fresh process: `eventgold validate FILE`; peak RSS of the whole process (interpreter and "
                     "imports included); target: under 300 MB for 200 MB")]


# --- the run --------------------------------------------------------------------------------------------------

OPERATIONS: dict[str, Callable[[Sizes, Path], list[Row]]] = {
    "mentions": lambda s, f: run_mentions(s.mentions, f),
    "events": lambda s, f: run_events(s.events, f),
    "bootstrap": lambda s, f: run_bootstrap(s.bootstrap_docs, s.resamples, f),
    "label-studio": lambda s, f: run_label_studio(s.label_studio, f),
    "datasets": lambda s, f: run_datasets(s.datasets, f),
    "server": lambda s, f: run_server(s.server, s.batch_sizes, f),
    "streaming": lambda s, f: run_streaming(s.streaming, s.streaming_distinct, f),
    "validate": lambda s, f: run_validate(s.validate_mb, f),
}


def run(names: Sequence[str], sizes: Sizes, folder: Path | None = None,
        progress: Callable[[str], None] | None = None) -> list[Row]:
    """Run the named operations in order and return their rows (a failed check raises :class:`CheckFailed`)."""
    unknown = [n for n in names if n not in OPERATIONS]
    if unknown:
        raise ValueError(f"unknown operation(s) {', '.join(unknown)}; choose from {', '.join(OPERATIONS)}")
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="eventgold-bench-", dir=folder) as tmp:
        for name in names:
            if progress is not None:
                progress(f"running {name} ...")
            new = OPERATIONS[name](sizes, Path(tmp))
            rows += new
            if progress is not None:
                progress(render(new))
    return rows


def environment() -> str:
    """One line about the machine and the library versions, printed under the table."""
    import platform

    def v(package: str) -> str:
        return installed(package) or "not installed"

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"Python {platform.python_version()}, {os.cpu_count()} CPUs, load average {load:.1f} at the end; "
            f"eventgold {v('eventgold')}, nervaluate {v('nervaluate')}, seqeval {v('seqeval')}, "
            f"pydantic {v('pydantic')}, datasets {v('datasets')}, label-studio {v('label-studio')}")


def table(rows: list[Row]) -> str:
    return render(rows)
