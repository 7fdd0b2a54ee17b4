"""Rules about drafts that need no storage."""

from __future__ import annotations

from collections.abc import Iterable


def untitled_name(existing_titles: Iterable[str], base: str = "Untitled") -> str:
    """`base`, or `base 2`, `base 3`… : the first that no draft uses yet."""
    taken = set(existing_titles)
    if base not in taken:
        return base
    n = 2
    while f"{base} {n}" in taken:
        n += 1
    return f"{base} {n}"
