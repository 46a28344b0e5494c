#!/usr/bin/env bash
# Sets up, then runs the linter, the format check and every test (headless: Qt runs offscreen).
# Then (a whole run, no arguments) the database tests a second time on PostgreSQL (scripts/test-pg.sh), which
# also runs the UI tests twice, so a crash that comes by chance shows up. In CI (CI=true) it builds the wheel and
# the PyInstaller bundle and smoke-tests both.
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
if [ "$#" = 0 ]; then
  # Club mode: the store, CLI, window and export tests again, on a PostgreSQL server the tests start themselves
  # (scripts/test-pg.sh). This is also the UI tests' second run, so a crash or hang that comes by chance shows up.
  if compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || command -v pg_ctl >/dev/null; then
    bash scripts/test-pg.sh
  else
    echo "test.sh: SKIPPED the PostgreSQL pass: no pg_ctl on this machine (scripts/setup.sh installs Debian's" \
      "postgresql package from scripts/apt-packages.txt; it could not here). The club-mode tests in tests/store" \
      "were skipped too, each saying why." >&2
  fi
fi
if [ "${CI:-}" = true ]; then
  echo "CI: building and smoke-testing the wheel and the bundle"
  run_pytest tests/packaging --run-bundle
fi
