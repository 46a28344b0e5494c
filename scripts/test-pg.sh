#!/usr/bin/env bash
# Runs the tests that touch the database (store, CLI, window, exports through the CLI, logging) against
# PostgreSQL. It starts nothing itself: with STRIDE_TEST_DB=postgresql the tests start a throw-away server of their
# own (tests/store/pg.py: initdb + pg_ctl in a temp folder, as `nobody` when run as root) and give every test a
# fresh database on it. Where PostgreSQL cannot start, the run FAILS saying why (it was asked for).
# Tests about the SQLite file itself are skipped there, each with its reason (listed by -rs).
# Arguments replace the default selection: bash scripts/test-pg.sh tests/cli
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
export STRIDE_TEST_DB=postgresql

if [ "$#" = 0 ]; then
  set -- tests/store tests/cli tests/ui tests/export tests/test_logging.py
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# Same options as scripts/test.sh, plus -rs: every skip and its reason is printed in the summary.
set +e
.venv/bin/python -m pytest -q -p no:cacheprovider -rs "$@" 2>&1 | tee "$log"
code=${PIPESTATUS[0]}
set -e
if [ "$code" = 5 ]; then
  echo "test-pg.sh: pytest collected no tests (pytest $*); that is a failure" >&2
fi
summary="$(grep -E '^=* ?[0-9]+ (passed|failed|skipped|errors?|xfailed|xpassed)' "$log" | tail -n 1 | tr -d '=')"
echo "test-pg.sh: on PostgreSQL: ${summary:-no summary (see above)}"
exit "$code"
