#!/usr/bin/env bash
# Runs the whole test suite N times in a row (set up once) and reports every run: passed, failed, crashed or hung.
# It never stops early: a crash that comes once in six runs needs every run to be seen. For a crash (killed by a
# signal, or "Fatal Python error") or a hang it prints the faulthandler trace from that run's log.
# Exits 1 if any run failed, crashed or hung (a run that collected no tests counts as failed).
#
#   scripts/soak.sh [N] [pytest arguments...]      N defaults to 10; e.g. scripts/soak.sh 3 tests/ui
#   make soak N=10
#
# Each run's whole output is kept in build/soak/run-<i>.log (SOAK_LOGS moves it). SOAK_RUN_TIMEOUT (seconds,
# default 3600) bounds one whole run for a hang pytest-timeout cannot catch: its thread method needs the GIL.
set -uo pipefail
cd "$(dirname "$0")/.."

runs="${1:-10}"
if ! [[ "$runs" =~ ^[1-9][0-9]{0,3}$ ]]; then
  echo "soak: N must be a whole number from 1 to 9999, got '$runs'" >&2
  exit 2
fi
[ $# -gt 0 ] && shift
logs="${SOAK_LOGS:-build/soak}"
limit="${SOAK_RUN_TIMEOUT:-3600}"

bash scripts/setup.sh || exit
export QT_QPA_PLATFORM=offscreen
rm -rf "$logs"
mkdir -p "$logs"

# The lines a dying Python leaves: faulthandler's block from "Fatal Python error" to its module list, or
# pytest-timeout's block between its two "+++ Timeout +++" banners.
trace_of() {
  awk '
    index($0, "+++++ Timeout +++++") { print; if (++banners == 2) exit; in_timeout = 1; next }
    in_timeout { print; next }
    index($0, "Fatal Python error") { in_fatal = 1 }
    in_fatal { print; if (/^Extension modules:/ || ++lines >= 400) exit }
  ' "$1"
}

# pytest's last count line, e.g. "612 passed, 3 skipped in 401.2s", without its "=" rule.
counts_of() {
  grep -E "([0-9]+ (passed|failed|errors?|skipped|deselected|xfailed|xpassed)|no tests ran).* in [0-9.]+s" "$1" |
    tail -n 1 | sed -E 's/^=+ *//; s/ *=+$//'
}

passed=0
failed=0
crashed=0
hung=0
results=()
for i in $(seq 1 "$runs"); do
  log="$logs/run-$i.log"
  started=$SECONDS
  # SIGABRT on a hang makes faulthandler (on from the start with -X faulthandler) print every thread's stack.
  # The group's stderr is the log too, so bash's own "Segmentation fault  timeout ..." notice lands there.
  {
    timeout --signal=ABRT --kill-after=60 "$limit" \
      .venv/bin/python -X faulthandler -m pytest -q -p no:cacheprovider "$@"
  } >"$log" 2>&1
  code=$?
  took=$((SECONDS - started))
  counts="$(counts_of "$log")"
  if [ "$code" = 124 ] || { [ "$code" = 137 ] && [ "$took" -ge "$limit" ]; }; then
    verdict="HUNG (still running after ${limit}s, stopped)"
    hung=$((hung + 1))
  elif grep -qF "+++++ Timeout +++++" "$log"; then
    verdict="HUNG (a test ran past pytest-timeout's limit)"
    hung=$((hung + 1))
  elif [ "$code" -gt 128 ] || grep -q "Fatal Python error" "$log"; then
    if [ "$code" -gt 128 ]; then
      verdict="CRASHED (killed by SIG$(kill -l $((code - 128)) 2>/dev/null || echo $((code - 128))))"
    else
      verdict="CRASHED (Fatal Python error, exit code $code)"
    fi
    crashed=$((crashed + 1))
  elif [ "$code" = 5 ]; then
    verdict="FAILED (no tests ran)"
    failed=$((failed + 1))
  elif [ "$code" != 0 ]; then
    verdict="FAILED (exit code $code)"
    failed=$((failed + 1))
  else
    verdict="passed"
    passed=$((passed + 1))
  fi
  line="run $i/$runs: $verdict${counts:+: $counts} [${took}s, $log]"
  results+=("$line")
  echo "$line"
  case "$verdict" in
    HUNG* | CRASHED*)
      trace="$(trace_of "$log")"
      if [ -n "$trace" ]; then
        echo "---- trace (run $i) ----"
        echo "$trace"
      else
        echo "---- no faulthandler trace in $log; its last 40 lines (run $i) ----"
        tail -n 40 "$log"
      fi
      echo "----"
      ;;
    FAILED*)
      grep -E "^(FAILED|ERROR) " "$log" | sed 's/^/    /'
      ;;
  esac
done

echo
echo "soak: $runs runs: $passed passed, $failed failed, $crashed crashed, $hung hung"
printf '  %s\n' "${results[@]}"
[ "$passed" = "$runs" ]
