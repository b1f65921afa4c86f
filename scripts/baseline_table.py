"""Regenerate the README's baseline table from a fresh run of the baseline on dev and test.

    python scripts/baseline_table.py            # print the table
    python scripts/baseline_table.py --write    # replace the table in README.md

tests/test_readme.py checks the README against a fresh run, so run this whenever the corpus or the baseline changes.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from pathlib import Path

from typer.testing import CliRunner

from eventgold.cli import _register_areas, app

ROOT = Path(__file__).resolve().parents[1]
SPLITS = ("dev", "test")


def headlines(split: str, work: Path) -> dict[tuple[str, str], dict]:  # type: ignore[type-arg]
    runner = CliRunner()
    pred, out = work / f"{split}.pred.jsonl", work / f"{split}.score.json"
    for args in (["extract", "--system", "baseline", "--split", split, "-o", str(pred)],
                 ["eval", "score", str(pred), "--split", split, "--format", "json", "-o", str(out)]):
        result = runner.invoke(app, args)
        if result.exit_code != 0:
            raise SystemExit(f"eventgold {' '.join(args)} failed: {result.output}")
    return {(h["level"], h["title"]): h for h in json.loads(out.read_text(encoding="utf-8"))["headlines"]}


def table() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        runs = {split: headlines(split, Path(tmp)) for split in SPLITS}
    docs = {split: sum(1 for line in (ROOT / "corpus" / "data" / f"{split}.jsonl").open() if line.strip()) for split in SPLITS}
    lines = ["| level | score | " + " | ".join(f"{s} ({docs[s]} documents)" for s in SPLITS) + " |",
             "|---|---|" + "---:|" * len(SPLITS)]
    for key in runs["test"]:
        cells = []
        for split in SPLITS:
            h = runs[split][key]
            cells.append(f"{h['value']:.3f} [{h['low']:.3f}, {h['high']:.3f}]" if h.get("low") is not None
                         else f"{h['value']:.3f}")
        lines.append(f"| {key[0]} | {key[1]} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    _register_areas()
    new = table()
    if "--write" not in argv:
        print(new)
        return 0
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    pattern = re.compile(r"^\| level \| score \|.*?(?=\n\n)", re.MULTILINE | re.DOTALL)
    if not pattern.search(text):
        raise SystemExit("README.md has no baseline table (a block starting '| level | score |')")
    readme.write_text(pattern.sub(lambda _: new, text, count=1), encoding="utf-8")
    print("README.md: baseline table rewritten")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
