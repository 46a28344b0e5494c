#!/usr/bin/env bash
# Sets up everything Stride Planner needs on a fresh Debian-like machine, idempotently:
#   - the Debian libraries Qt and the tests need (only when run as root and something is missing),
#   - a virtual environment in .venv with the app and its [test,dev] extras (pinned in pyproject.toml).
# Re-running is cheap: the venv is rebuilt (from scratch) only when pyproject.toml changed.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"

missing=()
while read -r pkg; do
  [ -n "$pkg" ] || continue
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done < <(grep -v '^#' scripts/apt-packages.txt | tr ' ' '\n')
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: these Debian packages are missing (run as root, or install them): ${missing[*]}" >&2
  fi
fi

stamp=.venv/.stride-setup
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -x .venv/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: creating .venv and installing Stride Planner with its test and dev tools"
  # A fresh venv each time the pins change: an upgrade in place would keep packages the pins dropped.
  rm -rf .venv
  "$PY" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e ".[test,dev]"
  echo "$want" > "$stamp"
fi
