"""Console streams for processes that start without one."""

from __future__ import annotations

import os
import sys


def ensure_console_streams() -> None:
    """Gives a windowed process (pythonw, a frozen GUI app, a child it spawns) stdout and
    stderr: libraries write progress bars and warnings there, and fail on None."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
