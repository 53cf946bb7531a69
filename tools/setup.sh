#!/usr/bin/env bash
# Create .venv and install qbank with the site and test stacks; safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=.venv
STAMP=$VENV/.qbank-installed
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian's python3 ships venv/ensurepip separately.
if ! "$PYTHON" -c "import ensurepip, venv" >/dev/null 2>&1; then
  echo "setup: installing python3-venv (Debian package)"
  as_root apt-get update -qq
  as_root apt-get install -y -qq python3-venv
fi

if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi

# Reinstall only when the declared dependencies change.
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$want" ]; then
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q -e ".[site,test]"
  echo "$want" > "$STAMP"
fi
