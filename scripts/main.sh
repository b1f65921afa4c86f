#!/usr/bin/env bash
# The main job on a fresh machine: install eventgold, check the bundled corpus, run the
# rule-based baseline on its test split and score it at every level with 95% intervals.
# Writes out/pred.jsonl, out/report.html (with plots) and out/report.json; prints the table.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
# the installers' own chatter (warnings of pip or setuptools) is kept in a log shown only when installing fails
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! { "$VENV/bin/python" -m pip install -q --upgrade pip && "$VENV/bin/python" -m pip install -q -e .; } >"$log" 2>&1
then
    cat "$log" >&2
    exit 1
fi
echo "installed eventgold $("$VENV/bin/eventgold" --version | cut -d' ' -f2) into $VENV"
eg="$VENV/bin/eventgold"
mkdir -p out
"$eg" corpus validate
"$eg" extract --system baseline --split test -o out/pred.jsonl
"$eg" eval score out/pred.jsonl --split test --format html -o out/report.html
"$eg" eval score out/pred.jsonl --split test --format json -o out/report.json
"$eg" eval score out/pred.jsonl --split test
