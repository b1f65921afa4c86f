"""The benchmark runner at tiny sizes (so it cannot rot), its corpus generator and its agreement checks.

Nothing here looks at timings: the tests check that the synthetic documents
are valid and reproducible, that the conditions under which eventgold,
nervaluate and seqeval must agree hold, that the checks catch a disagreement,
and that every operation runs end to end.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from benchmarks import peers, synth
from benchmarks.__main__ import main
from benchmarks.measure import Row, render
from benchmarks.runner import OPERATIONS, QUICK, CheckFailed, as_export, check, run
from eventgold.eval import SCHEMES, Graded, Span, score_spans
from eventgold.eval.mentions import MentionTally, overlapping_pairs, scheme_counts
from eventgold.schema import Document, parse_document

SAMPLE = range(0, 3000, 15)


def test_generated_documents_are_valid_gold_and_predictions() -> None:
    for i in SAMPLE:
        gold, pred = synth.generate_pair(i, seed=3)
        g = parse_document(gold, "gold")
        p = parse_document(pred, "prediction")
        assert g.id == p.id == f"syn-{i:07d}" and g.text == p.text and g.synthetic


def test_generation_is_seeded_and_independent_of_order() -> None:
    assert synth.generate_pair(41, seed=1) == synth.generate_pair(41, seed=1)
    assert list(synth.iter_pairs(3, seed=1, start=40))[1] == synth.generate_pair(41, seed=1)
    assert synth.generate_pair(41, seed=1)[0]["text"] != synth.generate_pair(41, seed=2)[0]["text"]


def test_corpus_counts_look_like_short_incident_reports() -> None:
    docs = [Document.model_validate(synth.generate_gold(i)) for i in range(400)]
    mentions = sum(len(peers.document_spans(d)) for d in docs) / len(docs)
    events = sum(len(d.events) for d in docs) / len(docs)
    assert 9 <= mentions <= 15
    assert 1.7 <= events <= 2.5
    assert any(c.part_of for d in docs for c in d.casualties)
    assert any(d.links for d in docs)
    assert {e.modality.value for d in docs for e in d.events} == {"actual", "negated", "hypothetical", "generic"}


def _rivals(gold: list[Span], pred: list[Span]) -> bool:
    pairs = overlapping_pairs(gold, pred)
    return len({i for i, _ in pairs}) < len(pairs) or len({j for _, j in pairs}) < len(pairs)


def test_predicted_spans_have_no_rivals_and_lie_on_tokens() -> None:
    """What makes greedy (nervaluate) and optimal (eventgold) matching count the same, and IOB2 tags possible."""
    errors = 0
    for i in SAMPLE:
        gold, pred = synth.generate_pair(i)
        g = peers.document_spans(Document.model_validate(gold))
        p = peers.document_spans(Document.model_validate(pred))
        assert not _rivals(g, p)
        peers.iob2(gold["text"], g)
        peers.iob2(gold["text"], p)
        errors += sum(1 for a, b in zip(g, p, strict=False) if (a.start, a.end, a.label) != (b.start, b.end, b.label))
    assert errors > 0  # the predictions do make mistakes


def test_iob2_tags_and_misaligned_span() -> None:
    text = "Gunmen attacked Gao."
    assert peers.iob2(text, [Span(7, 19, "attack", "attacked Gao", 0, "x")]) == ["O", "B-attack", "I-attack", "O"]
    with pytest.raises(ValueError, match="does not end on a token"):
        peers.iob2(text, [Span(7, 12, "attack", "attac", 0, "x")])


def _random_spans(rng: random.Random, n: int) -> list[Span]:
    out = []
    for k in range(n):
        start = rng.randint(0, 60)
        out.append(Span(start, start + rng.randint(1, 10), rng.choice("ABC"), "", k, "x"))
    return out


def test_scheme_counts_equal_score_spans_on_every_scheme_and_label() -> None:
    """eval.mentions.scheme_counts (what the benchmark times) against score_spans, rivals included."""
    rng = random.Random(7)
    with_rivals = 0
    tally = MentionTally()
    totals = {name: Graded() for name in SCHEMES}
    for _ in range(1500):
        gold, pred = _random_spans(rng, rng.randint(0, 6)), _random_spans(rng, rng.randint(0, 6))
        with_rivals += _rivals(gold, pred)
        counts = scheme_counts(gold, pred)
        tally.add(gold, pred)
        for name in SCHEMES:
            overall, per_label = counts[name]
            assert overall == score_spans(gold, pred, name).counts
            totals[name] += overall
            labels = {s.label for s in gold} | {s.label for s in pred}
            assert set(per_label) == labels
            for label in labels:
                expected = score_spans([s for s in gold if s.label == label], [s for s in pred if s.label == label],
                                       name).counts
                assert per_label[label] == expected
    assert with_rivals > 200
    assert {name: overall for name, (overall, _) in tally.counts().items()} == totals


def _docs(n: int) -> tuple[list[list[Span]], list[list[Span]], list[str]]:
    gold, pred, texts = [], [], []
    for g, p in synth.iter_pairs(n, seed=5):
        gd = Document.model_validate(g)
        gold.append(peers.document_spans(gd))
        pred.append(peers.document_spans(Document.model_validate(p)))
        texts.append(gd.text)
    return gold, pred, texts


def test_peers_agree_with_eventgold_and_a_difference_is_caught() -> None:
    gold, pred, texts = _docs(60)
    tags = sorted({s.label for d in gold + pred for s in d})
    ours = peers.eventgold_schemes(gold, pred)
    theirs = peers.nervaluate_schemes(peers.nervaluate_input(gold), peers.nervaluate_input(pred), tags)
    assert peers.differences_schemes(ours, theirs) == []
    seq = peers.seqeval_strict(peers.seqeval_input(texts, gold, pred))
    assert peers.differences_strict(ours["strict"], seq) == []

    overall, per = theirs["type"]
    theirs["type"] = (overall + Graded(cor=1), per)
    assert peers.differences_schemes(ours, theirs) == [
        f"type overall: eventgold {ours['type'][0]} vs {overall + Graded(cor=1)}"]
    label = sorted(seq)[0]
    p, r, f, support = seq[label]
    seq[label] = (p, r, f, support + 1)
    found = peers.differences_strict(ours["strict"], seq)
    assert len(found) == 1 and found[0].startswith(f"{label}: eventgold P/R/F1/support")
    with pytest.raises(CheckFailed, match="eventgold vs seqeval: 1 differences"):
        check(found, "eventgold vs seqeval")


def test_as_export_reads_back_through_from_ls(tmp_path: Path) -> None:
    from eventgold.annotate.export import iter_documents
    from eventgold.annotate.tasks import to_task

    docs = [parse_document(synth.generate_gold(i)) for i in range(5)]
    export = as_export([to_task(d, gold=True, ground_truth=False) for d in docs])
    assert [t["id"] for t in export] == [1, 2, 3, 4, 5]
    assert list(iter_documents(export)) == docs


def test_render_shows_ratio_and_missing_values() -> None:
    text = render([Row("op", "10 docs", 0.5, 2.0, "peer", "counts equal", 3 * 2**20, "a note", cpu=0.25, peer_cpu=1.5),
                   Row("wall", "2 docs", 0.5, 2.0, "peer"), Row("other", "1 doc", 1.5)])
    lines = text.splitlines()
    assert lines[0] == ("| operation | size | eventgold wall | eventgold CPU | peer | peer wall | peer CPU | ratio | "
                        "check | peak RSS |")
    assert lines[2] == "| op | 10 docs | 500 ms | 250 ms | peer | 2.0 s | 1.5 s | 6.0× | counts equal | 3 MiB |"
    assert lines[3] == "| wall | 2 docs | 500 ms | — | peer | 2.0 s | — | 4.0× | — | — |"
    assert lines[4] == "| other | 1 doc | 1.5 s | — | — | — | — | — | — | — |"
    assert lines[6] == "- op (10 docs): a note"


def test_runner_runs_every_offline_operation_at_tiny_sizes(tmp_path: Path) -> None:
    names = [n for n in OPERATIONS if n != "server"]
    rows = run(names, QUICK, tmp_path)
    ops = [r.operation for r in rows]
    assert ops[:2] == ["1. mentions, 4 schemes + per label", "1. mentions, strict (IOB2)"]
    assert sum(op.startswith("2.") for op in ops) == 3 and sum(op.startswith("4.") for op in ops) == 2
    assert sum(op.startswith("streaming") for op in ops) == len(QUICK.streaming)
    assert all(r.ours is not None and r.ours > 0 for r in rows)
    assert rows[0].check.startswith("counts equal") and rows[0].ratio is not None
    assert rows[1].check.startswith("P/R/F1/support equal")
    assert next(r for r in rows if "num_proc=2" in r.operation and r.operation.startswith("2.")).check \
        == "counts equal with num_proc=1"
    assert "round trip: identical JSONL" in {r.check for r in rows}
    assert list(tmp_path.iterdir()) == []  # the temporary corpora are gone


def test_command_line_writes_the_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "table.md"
    assert main(["--quick", "--only", "bootstrap", "--output", str(out), "--workdir", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert printed == out.read_text(encoding="utf-8")
    assert printed.startswith("| operation | size | eventgold wall | eventgold CPU | peer |")
    assert "| 3. bootstrap, 200 resamples | 300 docs × " in printed
    with pytest.raises(SystemExit):
        main(["--only", "nonsense"])


@pytest.mark.server
@pytest.mark.slow
def test_runner_pushes_and_pulls_against_a_real_label_studio(tmp_path: Path) -> None:
    from eventgold.annotate.server import studio_installed

    if not studio_installed():
        pytest.skip("label-studio is not installed: pip install -e '.[studio]'")
    rows = run(["server"], QUICK, tmp_path)
    assert [r.operation.split(" (")[0] for r in rows] == ["6. push to Label Studio", "6. pull from Label Studio"]
    assert rows[0].check == f"{QUICK.server} imported" and rows[1].check == "round trip identical"
