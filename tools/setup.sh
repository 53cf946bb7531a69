#!/usr/bin/env bash
# Create .venv and install qbank with the site and test stacks; install the browser stack the
# browser tests and `make pdf` need (Debian packages). Safe to re-run: it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=.venv
STAMP=$VENV/.qbank-installed
APT_PACKAGES=(chromium fonts-noto-cjk poppler-utils gettext)

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else echo "setup: need root to run: $*" >&2; return 1
  fi
}

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then
    as_root apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@"
}

# Debian's python3 ships venv/ensurepip separately.
if ! "$PYTHON" -c "import ensurepip, venv" >/dev/null 2>&1; then
  echo "setup: installing python3-venv (Debian package)"
  apt_install python3-venv
fi

# Browser tests and PDFs use Debian's Chromium (Playwright cannot download a browser here),
# Noto CJK fonts for Chinese, and poppler's pdftotext; the catalogue tests use gettext's msgfmt.
if command -v dpkg-query >/dev/null 2>&1 && [ "${QBANK_SKIP_APT:-}" != 1 ]; then
  missing=()
  for package in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "setup: installing ${missing[*]} (Debian packages)"
    apt_install "${missing[@]}" || echo "setup: could not install ${missing[*]}; browser tests will be skipped (outside CI)" >&2
  fi
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
