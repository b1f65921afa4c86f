#!/usr/bin/env bash
# The main job on a fresh machine: install eventgold, run the baseline extractor
# on the bundled corpus's test split and score it at every level.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q -e .
"$VENV/bin/eventgold" validate docs/examples/gold.jsonl
