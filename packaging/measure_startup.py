"""Measures the frozen app's start-up: to a visible window, and to a ready model.

    python packaging/measure_startup.py [APP] [--runs 3]     (Linux; needs Xvfb and xwininfo)

Window: the app starts on a private Xvfb display; the time until X reports an Inkwell
top-level window as viewable. Model: `APP --smoke-test` (load the embedded model and
generate 8 tokens), first on an empty data directory (includes the one-time GGUF conversion),
then again on the same one (the safetensors cache is warm).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import executable, smoke_test

DISPLAY = ":93"


def viewable_inkwell_window(env: dict[str, str]) -> bool:
    tree = subprocess.run(
        ["xwininfo", "-root", "-tree"], capture_output=True, text=True, env=env, check=False
    ).stdout
    for window_id in re.findall(r"^\s+(0x[0-9a-f]+) \"[^\"]*Inkwell[^\"]*\"", tree, re.M):
        info = subprocess.run(
            ["xwininfo", "-id", window_id], capture_output=True, text=True, env=env, check=False
        ).stdout
        if "IsViewable" in info:
            return True
    return False


def seconds_to_window(app: Path, data_dir: Path) -> float:
    env = {**os.environ, "DISPLAY": DISPLAY, "QT_QPA_PLATFORM": "xcb"}
    started = time.monotonic()
    process = subprocess.Popen([str(app), "--data-dir", str(data_dir)], env=env)
    try:
        while not viewable_inkwell_window(env):
            if process.poll() is not None or time.monotonic() - started > 120:
                raise RuntimeError(f"no window appeared (exit {process.returncode})")
            time.sleep(0.05)
        return time.monotonic() - started
    finally:
        process.terminate()
        process.wait(timeout=60)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "app", nargs="?", type=Path, default=executable(Path("/tmp/inkwell-build/dist/inkwell"))
    )
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    xvfb = subprocess.Popen(["Xvfb", DISPLAY, "-screen", "0", "1440x900x24", "-nolisten", "tcp"])
    try:
        time.sleep(1)
        with tempfile.TemporaryDirectory() as scratch:
            data_dir = Path(scratch)
            windows = [seconds_to_window(args.app, data_dir) for _ in range(args.runs)]
            print("to a visible window (s):", ", ".join(f"{s:.2f}" for s in windows))
        with tempfile.TemporaryDirectory() as scratch:
            home = Path(scratch)
            cold = smoke_test(args.app, home=home)[0]
            warm = [smoke_test(args.app, home=home)[0] for _ in range(args.runs)]
            print(f"to a ready model + 8 tokens, first start (s): {cold:.1f}")
            print(
                "to a ready model + 8 tokens, warm cache (s):", ", ".join(f"{s:.1f}" for s in warm)
            )
    finally:
        xvfb.terminate()
        xvfb.wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
