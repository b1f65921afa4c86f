"""Regenerate the README's baseline table from a fresh run of the baseline on dev and test.

    python scripts/baseline_table.py            # print the table
    python scripts/baseline_table.py --write    # replace the tables in README.md (overall, and per genre on test)

tests/test_readme.py checks the README against a fresh run, so run this whenever the corpus or the baseline changes.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from pathlib import Path

from typer.testing import CliRunner

from eventgold.cli import build_app

ROOT = Path(__file__).resolve().parents[1]
SPLITS = ("dev", "test")


#: Headlines shown per genre: (headline name, column title).
GENRE_COLUMNS = [
    ("events.identification.f1", "event identification F1"),
    ("events.classification.f1", "classification F1"),
    ("arguments.classification.f1", "Arg-C F1"),
    ("casualties.totals_exact.f1", "casualty totals F1"),
    ("modality.phantom_rate", "phantom rate"),
]


def score_json(split: str, work: Path) -> dict:  # type: ignore[type-arg]
    """The baseline's JSON report on ``split``, with headlines per genre."""
    runner = CliRunner()
    pred, out = work / f"{split}.pred.jsonl", work / f"{split}.score.json"
    for args in (["extract", "--system", "baseline", "--split", split, "-o", str(pred)],
                 ["eval", "score", str(pred), "--split", split, "--by", "genre", "--format", "json", "-o", str(out)]):
        result = runner.invoke(build_app(), args)
        if result.exit_code != 0:
            raise SystemExit(f"eventgold {' '.join(args)} failed: {result.output}")
    return json.loads(out.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def headlines(report: dict) -> dict[tuple[str, str], dict]:  # type: ignore[type-arg]
    return {(h["level"], h["title"]): h for h in report["headlines"]}


def _cell(h: dict) -> str:  # type: ignore[type-arg]
    return f"{h['value']:.3f} [{h['low']:.3f}, {h['high']:.3f}]" if h.get("low") is not None else f"{h['value']:.3f}"


def genre_table(report: dict) -> str:  # type: ignore[type-arg]
    """Test-split headlines per genre, with intervals resampled within the genre."""
    lines = ["| genre (test) | documents | " + " | ".join(t for _, t in GENRE_COLUMNS) + " |",
             "|---|---:|" + "---:|" * len(GENRE_COLUMNS)]
    for group in report["by"]["groups"]:
        by_name = {h["name"]: h for h in group["headlines"]}
        lines.append(f"| `{group['value']}` | {group['documents']} | "
                     + " | ".join(_cell(by_name[n]) for n, _ in GENRE_COLUMNS) + " |")
    return "\n".join(lines)


def tables() -> tuple[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        reports = {split: score_json(split, Path(tmp)) for split in SPLITS}
    return table(reports), genre_table(reports["test"])


def table(reports: dict) -> str:  # type: ignore[type-arg]
    runs = {split: headlines(reports[split]) for split in SPLITS}
    docs = {split: sum(1 for line in (ROOT / "corpus" / "data" / f"{split}.jsonl").open() if line.strip()) for split in SPLITS}
    lines = ["| level | score | " + " | ".join(f"{s} ({docs[s]} documents)" for s in SPLITS) + " |",
             "|---|---|" + "---:|" * len(SPLITS)]
    for key in runs["test"]:
        cells = []
        for split in SPLITS:
            cells.append(_cell(runs[split][key]))
        lines.append(f"| {key[0]} | {key[1]} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    overall, per_genre = tables()
    if "--write" not in argv:
        print(overall, per_genre, sep="\n\n")
        return 0
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    for start, new in (("| level | score |", overall), ("| genre (test) |", per_genre)):
        pattern = re.compile(r"^" + re.escape(start) + r".*?(?=\n\n)", re.MULTILINE | re.DOTALL)
        if not pattern.search(text):
            raise SystemExit(f"README.md has no table starting {start!r}")
        text = pattern.sub(lambda _, new=new: new, text, count=1)
    readme.write_text(text, encoding="utf-8")
    print("README.md: baseline tables rewritten")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
