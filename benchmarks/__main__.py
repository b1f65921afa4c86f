"""``python -m benchmarks [--quick] [--only NAME[,NAME...]] [--output FILE]`` from the repository root."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .runner import FULL, OPERATIONS, QUICK, CheckFailed, environment, run, table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes (seconds, not minutes), for trying things")
    parser.add_argument("--only", default=",".join(OPERATIONS),
                        help=f"comma-separated operations to run, in this order (default all: {','.join(OPERATIONS)})")
    parser.add_argument("--skip", default="", help="comma-separated operations to leave out")
    parser.add_argument("--output", type=Path, help="also write the table (Markdown) to this file")
    parser.add_argument("--workdir", type=Path, help="folder for the temporary corpora (default: the system's)")
    args = parser.parse_args(argv)
    skip = {n for n in args.skip.split(",") if n}
    names = [n for n in args.only.split(",") if n and n not in skip]
    unknown = [n for n in names + sorted(skip) if n not in OPERATIONS]
    if unknown:
        parser.error(f"unknown operation(s) {', '.join(unknown)}; choose from {', '.join(OPERATIONS)}")

    def progress(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    try:
        rows = run(names, QUICK if args.quick else FULL, args.workdir, progress)
    except CheckFailed as exc:
        print(f"check failed: {exc}", file=sys.stderr)
        return 1
    text = table(rows) + "\n\n" + environment() + "\n"
    print(text, end="")
    if args.output is not None:
        args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
