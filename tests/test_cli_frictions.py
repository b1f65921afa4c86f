"""Frictions of the command line found by a newcomer (issue 14 §5), each fixed and kept fixed here."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

from typer.testing import CliRunner

from eventgold.cli import build_app
from eventgold.schema import Profile, read_documents, write_documents
from tests.eval.builders import corpus, without_spans

runner = CliRunner()
app = build_app()
FAST = ["--resamples", "20"]


def flat(text: str) -> str:
    return " ".join(text.split())


def test_predictions_scored_against_the_wrong_split_name_the_split_that_has_them(tmp_path: Path) -> None:
    from eventgold.cli_eval import split_file

    pred = tmp_path / "pred.jsonl"
    pred.write_text(split_file("test").read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["eval", "score", str(pred), "--split", "dev", *FAST])
    assert result.exit_code == 1
    message = flat(result.stderr)
    assert "prediction for a document that is not in the gold file" in message
    assert "These documents are in the bundled corpus's test split: use --split test" in message
    assert "score against the gold file that has it" not in message


def _reports(folder: Path) -> None:
    folder.mkdir()
    (folder / "r1.txt").write_text("Gunmen attacked a convoy near Gao on Monday.", encoding="utf-8")
    (folder / "r2.txt").write_text("Protesters marched in Bamako.", encoding="utf-8")


def test_extract_reads_a_folder_of_txt_reports_and_one_txt_with_published(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    _reports(reports)
    out = tmp_path / "pred.jsonl"
    result = runner.invoke(app, ["extract", "--system", "keywords", str(reports), "--published", "2024-05-01",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    preds = list(read_documents(out, Profile.PREDICTION))
    assert [(p.id, p.published.isoformat()) for p in preds] == [("r1", "2024-05-01"), ("r2", "2024-05-01")]
    one = tmp_path / "one.jsonl"
    result = runner.invoke(app, ["extract", "--system", "keywords", str(reports / "r2.txt"), "--published",
                                 "2024-05-02", "-o", str(one)])
    assert result.exit_code == 0, result.output
    [pred] = read_documents(one, Profile.PREDICTION)
    assert pred.id == "r2" and pred.text == "Protesters marched in Bamako."
    undated = runner.invoke(app, ["extract", "--system", "keywords", str(reports), "-o", str(tmp_path / "x.jsonl")])
    assert undated.exit_code == 1 and "pass --published" in flat(undated.stderr)


def _script(tmp_path: Path, name: str, body: str) -> str:
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return f"{sys.executable} {path}"


def test_a_span_free_system_need_not_copy_the_report_back_and_its_mentions_are_not_scored(tmp_path: Path) -> None:
    gold_docs, _ = corpus(3)
    gold = tmp_path / "gold.jsonl"
    write_documents(gold, gold_docs)
    llm = _script(tmp_path, "llm.py", """
        import json, sys
        for line in sys.stdin:
            doc = json.loads(line)
            print("asked about " + doc["id"], file=sys.stderr, flush=True)
            print(json.dumps({"events": [{"id": "e1", "type": "shelling_missile_attack",
                                          "triggers": [{"text": "struck"}]}]}), flush=True)
    """)
    pred = tmp_path / "pred.jsonl"
    result = runner.invoke(app, ["extract", "--command", llm, str(gold), "-o", str(pred)])
    assert result.exit_code == 0, result.output
    assert "asked about doc-000" in result.stderr  # the command's stderr is passed through
    preds = list(read_documents(pred, Profile.PREDICTION))
    assert [(p.id, p.text) for p in preds] == [(g.id, g.text) for g in gold_docs]
    scored = runner.invoke(app, ["eval", "score", str(pred), "--gold", str(gold), *FAST], env={"COLUMNS": "80"})
    assert scored.exit_code == 0, scored.output
    trigger = next(line for line in scored.stdout.splitlines() if "strict (Trig-C) F1" in line)
    assert trigger.split()[-1] == "n/a"
    identified = next(line for line in scored.stdout.splitlines() if "identification F1" in line)
    # scored above mentions: one event of the four in each document is found, by where "struck" is in the text
    assert identified.split()[-3] == "0.400"


def test_extract_names_what_is_missing(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", "-o", str(tmp_path / "x.jsonl")])
    assert result.exit_code == 2
    assert "give the system to run: --system NAME (e.g. baseline) or --command 'CMD'" in flat(result.stderr)
    assert "(not both)" not in result.stderr


def test_library_errors_name_flags_only_on_the_command_line(tmp_path: Path) -> None:
    gold_docs, _ = corpus(1)
    gold = tmp_path / "gold.jsonl"
    write_documents(gold, gold_docs)
    result = runner.invoke(app, ["extract", "--system", "nowhere.py:run", str(gold), "-o", str(tmp_path / "x")])
    assert result.exit_code == 2
    assert "--system 'nowhere.py:run': nowhere.py: no such file. Check the path" in flat(result.stderr)
    result = runner.invoke(app, ["extract", "--command", "", str(gold), "-o", str(tmp_path / "x")])
    assert "--command is empty. Give the program to run" in flat(result.stderr)


def test_from_ls_prediction_writes_predictions_and_says_so(tmp_path: Path) -> None:
    from tests.annotate.golden import DATA
    from tests.annotate.stored import stored_export

    small = DATA / "small.jsonl"
    preds = []
    for doc in read_documents(small):
        raw = doc.model_dump(mode="json", exclude_none=True)
        for ev in raw["events"]:
            ev["confidence"] = 0.75
        preds.append(raw)
    pred_file = tmp_path / "pred.jsonl"
    pred_file.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
    tasks = tmp_path / "tasks.json"
    assert runner.invoke(app, ["annotate", "to-ls", str(small), "-o", str(tasks), "--predictions", str(pred_file),
                               "--model-version", "m1"]).exit_code == 0
    export = tmp_path / "export.json"
    export.write_text(json.dumps(stored_export(json.loads(tasks.read_text(encoding="utf-8")), annotator=9)),
                      encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["annotate", "from-ls", str(export), "-o", str(out), "--prediction", "m1"])
    assert result.exit_code == 0, result.output
    assert "wrote 2 predictions" in result.stderr
    assert f"under the prediction profile (with confidences), not gold; check them with 'eventgold validate " \
           f"--profile prediction {out}'" in flat(result.stderr)
    assert runner.invoke(app, ["validate", "--profile", "prediction", str(out)]).exit_code == 0
    help_text = flat(runner.invoke(app, ["annotate", "from-ls", "--help"], env={"COLUMNS": "200"}).stdout)
    assert "with --prediction predictions (prediction profile" in help_text


def test_validate_reports_every_problem_even_after_broken_json(tmp_path: Path) -> None:
    gold_docs, _ = corpus(2)
    good, other = (d.model_dump(mode="json", exclude_none=True) for d in gold_docs)
    good["events"][0]["type"] = "airstrike"
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(good) + "\n" + '{"id": broken\n' + json.dumps(other) + "\n" + "{\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert any(line.startswith(f"error: {path}:1: document 'doc-000': events[0].type") for line in lines)
    assert any(line.startswith(f"error: {path}:2: invalid JSON") for line in lines)
    assert any(line.startswith(f"error: {path}:4: invalid JSON") for line in lines)
    assert not any(":3:" in line for line in lines)


def test_corpus_stats_grades_only_the_bundled_corpus_against_its_minimums(tmp_path: Path) -> None:
    gold_docs, _ = corpus(9)
    gold = tmp_path / "gold.jsonl"
    write_documents(gold, gold_docs)
    mine = tmp_path / "mine"
    assert runner.invoke(app, ["corpus", "split", str(gold), "--out", str(mine), "--name", "mine"]).exit_code == 0
    wide = {"COLUMNS": "200"}
    theirs = runner.invoke(app, ["corpus", "stats", str(mine)], env=wide)
    assert theirs.exit_code == 0, theirs.output
    assert "minimum" not in theirs.stdout and "✗" not in theirs.stdout
    assert "minimums" not in json.loads(runner.invoke(app, ["corpus", "stats", str(mine), "--json"]).stdout)
    asked = runner.invoke(app, ["corpus", "stats", str(mine), "--minimums"], env=wide)
    assert "minimum" in asked.stdout
    bundled = runner.invoke(app, ["corpus", "stats"], env=wide)
    assert "minimum" in bundled.stdout


def test_extract_help_says_what_a_system_reads() -> None:
    help_text = flat(runner.invoke(app, ["extract", "--help"], env={"COLUMNS": "200"}).stdout)
    assert "metadata.country" in help_text and "annotations and answer metadata keys" in help_text
    assert "--published" in help_text


def test_span_free_twin_file_scores_like_its_grounded_file_above_mentions(tmp_path: Path) -> None:
    gold_docs, preds = corpus(4)
    gold = tmp_path / "gold.jsonl"
    write_documents(gold, gold_docs)
    grounded, free = tmp_path / "g.jsonl", tmp_path / "f.jsonl"
    write_documents(grounded, preds)
    write_documents(free, [without_spans(p) for p in preds])
    a = json.loads(runner.invoke(app, ["eval", "score", str(grounded), "--gold", str(gold), "-f", "json",
                                       *FAST]).stdout)
    b = json.loads(runner.invoke(app, ["eval", "score", str(free), "--gold", str(gold), "-f", "json", *FAST]).stdout)
    above = [h["name"] for h in a["headlines"] if not h["name"].startswith("mentions.")]
    values = {h["name"]: h["value"] for h in b["headlines"]}
    assert all(values[n] == next(h["value"] for h in a["headlines"] if h["name"] == n) for n in above)
