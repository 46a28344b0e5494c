#!/usr/bin/env bash
# Sets up, then runs the linter and every test (headless: Qt runs offscreen).
# In CI (CI=true) it also builds the wheel and the PyInstaller bundle and smoke-tests both.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
if [ "${CI:-}" = true ]; then
  echo "CI: building and smoke-testing the wheel and the bundle"
  .venv/bin/python -m pytest -q -p no:cacheprovider tests/packaging --run-bundle
fi
