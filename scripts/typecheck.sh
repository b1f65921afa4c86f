#!/usr/bin/env bash
# Type-check the package with mypy. The source folders map to subpackages
# (schema/ -> eventgold.schema, ...), so build a tree of links that mypy can walk.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tree="$(mktemp -d)"
trap 'rm -rf "$tree"' EXIT
mkdir -p "$tree/eventgold"
for f in "$root"/eventgold/*.py "$root"/eventgold/py.typed; do ln -s "$f" "$tree/eventgold/"; done
for area in schema corpus annotate eval; do ln -s "$root/$area" "$tree/eventgold/$area"; done
cd "$tree"
python -m mypy --config-file "$root/pyproject.toml" -p eventgold "$@"
