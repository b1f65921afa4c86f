#!/usr/bin/env bash
# The main job on a fresh machine: install eventgold, check the bundled corpus, run the
# rule-based baseline on its test split and score it at every level with 95% intervals.
# Writes out/pred.jsonl, out/report.html (with plots) and out/report.json; prints the table.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q -e .
eg="$VENV/bin/eventgold"
mkdir -p out
"$eg" corpus validate
"$eg" extract --system baseline --split test -o out/pred.jsonl
"$eg" eval score out/pred.jsonl --split test --format html -o out/report.html
"$eg" eval score out/pred.jsonl --split test --format json -o out/report.json
"$eg" eval score out/pred.jsonl --split test
