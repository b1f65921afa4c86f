"""The README tells the truth: its commands exist and its baseline table is what the code computes."""

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from eventgold.cli import build_app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
runner = CliRunner()
app = build_app()


def test_the_two_commands_exist_and_ci_runs_the_test_command() -> None:
    assert "bash scripts/main.sh" in README and "bash scripts/test.sh" in README
    assert (ROOT / "scripts" / "main.sh").is_file() and (ROOT / "scripts" / "test.sh").is_file()
    assert "bash scripts/test.sh" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_command_group_in_the_readme_exists() -> None:
    blocks = re.findall(r"```bash\n(.*?)```", README, flags=re.DOTALL)
    checked = 0
    for line in "\n".join(blocks).splitlines():
        match = re.match(r"^(?:\S+=\S+ )?eventgold (\w[\w-]*)(?: (\w[\w-]*))?", line.strip())
        if not match:
            continue
        words = [w for w in match.groups() if w and not w.startswith("-")]
        result = runner.invoke(app, [*words, "--help"])
        assert result.exit_code == 0, (line, result.output)
        checked += 1
    assert checked >= 20


def test_baseline_table_matches_a_fresh_run(tmp_path: Path) -> None:
    pred = tmp_path / "pred.jsonl"
    assert runner.invoke(app, ["extract", "--system", "baseline", "--split", "test", "-o", str(pred)]).exit_code == 0
    out = tmp_path / "score.json"
    result = runner.invoke(app, ["eval", "score", str(pred), "--split", "test", "--by", "genre", "--format", "json",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    computed = {(h["level"], h["title"]): h for h in report["headlines"]}
    overall = README[README.index("| level | score |"):].split("\n\n", 1)[0]
    rows = re.findall(r"^\| (\S+) \| ([^|]+?) \| [^|]+ \| ([0-9.]+) ", overall, flags=re.MULTILINE)
    assert len(rows) == len(computed)
    for level, title, value in rows:
        assert f"{computed[(level, title)]['value']:.3f}" == value, (level, title)
    per_genre = README[README.index("| genre (test) |"):].split("\n\n", 1)[0]
    genre_rows = re.findall(r"^\| `(\S+)` \| (\d+) \| ([0-9.]+) ", per_genre, flags=re.MULTILINE)
    groups = {g["value"]: g for g in report["by"]["groups"]}
    assert len(genre_rows) == len(groups)
    for genre, documents, identification in genre_rows:
        by_name = {h["name"]: h for h in groups[genre]["headlines"]}
        assert int(documents) == groups[genre]["documents"]
        assert f"{by_name['events.identification.f1']['value']:.3f}" == identification, genre
