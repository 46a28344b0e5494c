#!/usr/bin/env bash
# Builds the one-folder bundle packaging/dist/stride-planner/ with PyInstaller and prints its size.
#   bash packaging/build_bundle.sh          # uses (and if needed creates) .venv with the dev extra
#   VENV=/path/to/venv bash packaging/build_bundle.sh
# The bundle runs on Linux machines with the same or a newer glibc than the build machine: build on the
# oldest distribution you want to support (Debian 12 here).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"
PY="${PYTHON:-python3}"

if [ ! -x "$VENV/bin/pyinstaller" ]; then
  echo "build_bundle: installing Stride Planner with its dev tools into $VENV"
  [ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null
  "$VENV/bin/python" -m pip install -q -e ".[dev]"
fi

# --clean: a stale analysis cache would keep files that the spec has since dropped.
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath packaging/dist --workpath packaging/build packaging/stride-planner.spec

bundle=packaging/dist/stride-planner
if [ "$(uname)" = Darwin ]; then
  bundle="packaging/dist/Stride Planner.app"
fi
echo "build_bundle: $bundle is $(du -sh "$bundle" | cut -f1)"
