#!/usr/bin/env bash
# Sets up, then runs the linter, the format check and every test (headless: Qt runs offscreen).
# In CI (CI=true) it also runs the UI tests a second time, so a crash that comes by chance shows up, and builds
# the wheel and the PyInstaller bundle and smoke-tests both.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen

# pytest exits 5 when it collected no tests: a typo in a path must fail the run, not pass it unseen.
run_pytest() {
  local code=0
  .venv/bin/python -m pytest -q -p no:cacheprovider "$@" || code=$?
  if [ "$code" = 5 ]; then
    echo "test.sh: pytest collected no tests (pytest $*); that is a failure" >&2
  fi
  return "$code"
}

.venv/bin/ruff check .
.venv/bin/ruff format --check .
run_pytest "$@"
if [ "${CI:-}" = true ]; then
  echo "CI: the UI tests a second time (a crash or hang that comes by chance shows up here)"
  run_pytest tests/ui
  echo "CI: building and smoke-testing the wheel and the bundle"
  run_pytest tests/packaging --run-bundle
fi
