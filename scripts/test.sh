#!/usr/bin/env bash
# Set up everything the tests need on a fresh machine and run them all:
# Debian's Chromium (for the browser test), a virtual environment with eventgold,
# the Label Studio server, the test tools and the structured-output engines, then ruff, mypy and pytest.
# VENV chooses the virtual environment (default .venv); extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "note: /usr/bin/chromium is missing and this is not root: install Debian's chromium for the browser test" >&2
  fi
fi

[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q -e '.[studio,test,llm]'
# xgrammar without its torch and transformers (see pyproject.toml's llm extra and tests/schema/xgrammar_check.py)
"$VENV/bin/python" -m pip install -q --no-deps xgrammar==0.2.9

export PATH="$PWD/$VENV/bin:$PATH"
[ "${VENV#/}" != "$VENV" ] && export PATH="$VENV/bin:$PATH"
ruff check .
bash scripts/typecheck.sh
python -m pytest "$@"
