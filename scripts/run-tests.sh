#!/usr/bin/env bash
# Sets up (if needed), runs the static checks, then the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
bin=.venv/bin
"$bin/ruff" check .
"$bin/ruff" format --check .
"$bin/mypy"
"$bin/lint-imports"
"$bin/python" scripts/translations.py build --if-stale >/dev/null  # the tests read the .qm
"$bin/python" -m pytest "$@"
