#!/usr/bin/env bash
# Sets up, then runs the linter and every test (headless: Qt runs offscreen).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
