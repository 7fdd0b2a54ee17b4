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
    # Generic x86-64 code with AVX2, so the cached build runs on any machine it lands on. It
    # has no AVX-512 code, but on a 2-core AVX-512 processor a native build was no faster:
    # 99-117 against 112-125 tokens/s on 2 threads, 72-77 against 78-80 on one.
    CMAKE_ARGS="-DGGML_NATIVE=OFF" "$LLAMA_VENV/bin/python" -m pip install \
        --quiet --disable-pip-version-check "$LLAMA_SPEC"
fi
