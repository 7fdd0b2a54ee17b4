"""Finds the files under `resources/` both in a source checkout and in a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def bundle_root() -> Path | None:
    """The folder a PyInstaller bundle unpacked its data into; None when not frozen."""
    meipass = getattr(sys, "_MEIPASS", None)
    return Path(meipass) if getattr(sys, "frozen", False) and meipass else None


def resource_path(*parts: str) -> Path:
    """`<root>/resources/<parts>`: root is the bundle when frozen, else the repository."""
    root = bundle_root() or Path(__file__).resolve().parent.parent
    return root.joinpath("resources", *parts)
