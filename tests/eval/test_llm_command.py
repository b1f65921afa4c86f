"""An external command that prints only LLM answers (--answer-format llm): one per input document, in order."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventgold.cli import build_app
from eventgold.eval.systems import run_command
from eventgold.schema import DataError, UsageError, read_documents, to_llm_answer

from .baseline_documents import DOCUMENTS

PY = sys.executable
runner = CliRunner()
app = build_app()

#: Answers each document with an event whose trigger is the text's first word, and an actor named by name.
FIRST_WORD = """
    import json, sys
    for line in sys.stdin:
        doc = json.loads(line)
        word = doc["text"].split()[0]
        print(json.dumps({
            "dateline": None, "actor_links": [], "locations": [], "times": [], "weapons": [], "casualties": [],
            "links": [],
            "actors": [{"id": None, "name": "gunmen", "mentions": [], "aliases": [], "type": "unknown",
                        "country": None}],
            "events": [{"id": "e1", "triggers": [word], "type": "attack", "modality": "actual", "time": None,
                        "series": None,
                        "arguments": [{"role": "attacker", "entity": "gunmen", "quantity": None, "spatial": None,
                                       "certainty": None, "asserted_by": None}]}]}), flush=True)
"""


def _script(tmp_path: Path, body: str) -> str:
    path = tmp_path / "llm_system.py"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return f"{PY} {path}"


def test_answers_become_prediction_documents_in_input_order(tmp_path: Path) -> None:
    preds = list(run_command(_script(tmp_path, FIRST_WORD), DOCUMENTS, answer_format="llm"))
    assert [p.id for p in preds] == [d.id for d in DOCUMENTS]
    for pred, doc in zip(preds, DOCUMENTS, strict=True):
        assert (pred.text, pred.published) == (doc.text, doc.published)
        assert pred.events[0].triggers[0].text == doc.text.split()[0]
        assert pred.events[0].arguments[0].entity == pred.actors[0].id == "a1"


def test_answers_with_shards(tmp_path: Path) -> None:
    preds = list(run_command(_script(tmp_path, FIRST_WORD), DOCUMENTS, answer_format="llm", num_proc=2))
    assert [p.id for p in preds] == [d.id for d in DOCUMENTS]


def test_a_gold_answer_printer_scores_like_the_gold(tmp_path: Path) -> None:
    """A command that prints the gold's own answers gives back the gold annotations, span-free."""
    gold = tmp_path / "gold.jsonl"
    answers = tmp_path / "answers.jsonl"
    docs = list(read_documents(Path(__file__).resolve().parents[2] / "corpus" / "data" / "dev.jsonl"))[:5]
    gold.write_text("".join(json.dumps(d.model_dump(mode="json")) + "\n" for d in docs), encoding="utf-8")
    answers.write_text("".join(json.dumps(to_llm_answer(d)) + "\n" for d in docs), encoding="utf-8")
    cmd = _script(tmp_path, f"""
        import sys
        answers = open({str(answers)!r}, encoding="utf-8").read().splitlines()
        for line, answer in zip(sys.stdin, answers):
            print(answer, flush=True)
    """)
    out = tmp_path / "pred.jsonl"
    result = runner.invoke(app, ["extract", str(gold), "--command", cmd, "--answer-format", "llm", "-o", str(out),
                                 "-q"])
    assert result.exit_code == 0, result.output
    preds = list(read_documents(out, "prediction"))
    assert [len(p.events) for p in preds] == [len(d.events) for d in docs]
    assert [[t.text for e in p.events for t in e.triggers] for p in preds] == \
        [[t.text for e in d.events for t in e.triggers] for d in docs]


def _fails(tmp_path: Path, body: str) -> str:
    cmd = _script(tmp_path, body)
    with pytest.raises(DataError) as err:
        list(run_command(cmd, DOCUMENTS, answer_format="llm"))
    return str(err.value).replace(cmd, "CMD")


def test_a_bad_answer_is_located_by_line_and_document(tmp_path: Path) -> None:
    message = _fails(tmp_path, """
        import json, sys
        for n, line in enumerate(sys.stdin):
            print(json.dumps({"events": []} if n == 1 else {
                "dateline": None, "actors": [], "actor_links": [], "locations": [], "times": [], "weapons": [],
                "events": [], "casualties": [], "links": []}), flush=True)
    """)
    assert message.startswith(f"stdout of 'CMD':2: document '{DOCUMENTS[1].id}': dateline: Field required. ")


def test_too_few_answers(tmp_path: Path) -> None:
    message = _fails(tmp_path, """
        import json, sys
        sys.stdin.readline()
        print(json.dumps({"dateline": None, "actors": [], "actor_links": [], "locations": [], "times": [],
                          "weapons": [], "events": [], "casualties": [], "links": []}))
    """)
    assert message.startswith(f"stdout of 'CMD': command 'CMD' wrote no prediction for {len(DOCUMENTS) - 1} of "
                              f"{len(DOCUMENTS)} input documents")


def test_unknown_answer_format() -> None:
    with pytest.raises(UsageError, match="unknown answer format 'yaml'; choose one of document, llm"):
        list(run_command("true", DOCUMENTS, answer_format="yaml"))


@pytest.mark.parametrize(("args", "message"), [
    (["--system", "keywords", "--answer-format", "llm"], "--answer-format is for --command"),
    (["--command", "true", "--answer-format", "yaml"], "--answer-format 'yaml': choose one of document, llm"),
])
def test_extract_answer_format_usage_errors(args: list[str], message: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", "--split", "dev", "-o", str(tmp_path / "out.jsonl"), *args])
    assert result.exit_code == 2 and message in result.output
