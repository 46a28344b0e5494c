#!/usr/bin/env bash
# Sets up, then starts the window. With no display it says so and writes the demo instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ "$(uname)" = Linux ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "No display found, so the window cannot open here."
  echo "Writing the demo athlete, plan and PDF instead:"
  .venv/bin/stride-planner demo --out ./demo
  exit 0
fi
exec .venv/bin/stride-planner "$@"
