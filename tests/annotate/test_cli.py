"""`eventgold annotate config | to-ls | from-ls`: thin commands over the library, documented exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from eventgold.annotate.config import labeling_config
from eventgold.cli_annotate import build_app
from tests.annotate.golden import DATA
from tests.annotate.stored import stored_export

runner = CliRunner()
app = build_app()
SMALL = DATA / "small.jsonl"


def test_config_prints_the_generated_config(tmp_path: Path) -> None:
    result = runner.invoke(app, ["config"])
    assert result.exit_code == 0 and result.stdout == labeling_config()
    out = tmp_path / "config.xml"
    assert runner.invoke(app, ["config", "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8") == labeling_config()


def test_the_group_is_mounted_on_the_eventgold_command() -> None:
    result = subprocess.run([sys.executable, "-m", "eventgold", "annotate", "config"], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0 and result.stdout == labeling_config()


def test_to_ls_then_from_ls_round_trips_the_file(tmp_path: Path) -> None:
    tasks = tmp_path / "tasks.json"
    result = runner.invoke(app, ["to-ls", str(SMALL), "-o", str(tasks), "--no-ground-truth"])
    assert result.exit_code == 0, result.output
    assert result.stderr == "wrote 2 tasks\n"
    exported = json.loads(tasks.read_text(encoding="utf-8"))
    assert [t["annotations"][0]["ground_truth"] for t in exported] == [False, False]
    export = tmp_path / "export.json"
    export.write_text(json.dumps(stored_export(exported, annotator=9)), encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    result = runner.invoke(app, ["from-ls", str(export), "-o", str(gold), "--annotator", "9"])
    assert result.exit_code == 0, result.output
    assert result.stderr == "wrote 2 documents\n"
    assert gold.read_text(encoding="utf-8") == SMALL.read_text(encoding="utf-8")


def test_to_ls_reads_a_folder_with_a_default_date(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "r1.txt").write_text("Curfew in Gao.", encoding="utf-8")
    out = tmp_path / "t.json"
    result = runner.invoke(app, ["to-ls", str(reports), "-o", str(out), "--published", "2024-02-29"])
    assert result.exit_code == 0, result.output
    (task,) = json.loads(out.read_text(encoding="utf-8"))
    assert task == {"data": {"text": "Curfew in Gao.", "schema_version": "2.0", "doc_id": "r1", "published": "2024-02-29", "doc_source": "",
                             "language": "en", "synthetic": False, "metadata": {}}}


def test_data_errors_exit_1_and_usage_errors_exit_2(tmp_path: Path) -> None:
    export = tmp_path / "export.json"
    export.write_text(json.dumps(stored_export([{"data": {"text": "x", "doc_id": "d", "published": "2024-01-01"}}])),
                      encoding="utf-8")
    out = tmp_path / "gold.jsonl"
    result = runner.invoke(app, ["from-ls", str(export), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr == (f"error: {export}: document 'd': task 1: task has no annotation. Annotate the task, or "
                             "pass --on-error skip to leave unannotated tasks out\n")
    assert not out.exists()
    result = runner.invoke(app, ["from-ls", str(export), "-o", str(out), "--on-error", "skip"])
    assert result.exit_code == 0
    assert result.stderr.splitlines()[:2] == ["wrote 0 documents, skipped 1:", "       1  task without annotation"]
    assert out.read_text(encoding="utf-8") == ""
    result = runner.invoke(app, ["from-ls", str(export), "-o", str(out), "--on-error", "ignore"])
    assert result.exit_code == 2 and "--on-error must be raise or skip, not 'ignore'" in result.stderr
    result = runner.invoke(app, ["from-ls", str(tmp_path / "missing.json"), "-o", str(out)])
    assert result.exit_code == 2 and "no such file" in result.stderr
    result = runner.invoke(app, ["from-ls", str(export), "-o", str(out), "--prediction", "m", "--ground-truth"])
    assert result.exit_code == 2 and "--prediction reads a model's prediction" in result.stderr
