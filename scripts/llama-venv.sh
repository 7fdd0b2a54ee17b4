#!/usr/bin/env bash
# Builds llama-cpp-python (the peer the benchmarks and .ci/integration compare against) into
# a cached virtualenv, once: it compiles llama.cpp, about 6 minutes on 2 cores.
#
#   bash scripts/llama-venv.sh [VENV]      (default: $INKWELL_LLAMA_VENV or ~/.cache/inkwell/llama-venv)
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-.venv/bin/python}
LLAMA_VENV=${1:-${INKWELL_LLAMA_VENV:-$HOME/.cache/inkwell/llama-venv}}
LLAMA_SPEC="llama-cpp-python[server]==0.3.36"

if ! "$LLAMA_VENV/bin/python" -c "import llama_cpp.server" 2>/dev/null; then
    echo "Building $LLAMA_SPEC in $LLAMA_VENV (once; several minutes)…" >&2
    "$PY" -m venv --clear "$LLAMA_VENV"
    # Generic CPU code with run-time dispatch (AVX2 and up where the CPU has them), so the
    # cached build runs on any x86-64 machine it lands on.
    CMAKE_ARGS="-DGGML_NATIVE=OFF" "$LLAMA_VENV/bin/python" -m pip install \
        --quiet --disable-pip-version-check "$LLAMA_SPEC"
fi
