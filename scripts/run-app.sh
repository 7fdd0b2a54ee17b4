#!/usr/bin/env bash
# Sets up (if needed) and launches Inkwell on the embedded model. Extra arguments pass through.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec .venv/bin/desktop-app "$@"
