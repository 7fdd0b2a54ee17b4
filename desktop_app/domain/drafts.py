"""Rules about drafts that need no storage."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Kana and the Han blocks: scripts written without spaces count a word per character.
# CJK and fullwidth punctuation separate words, as spaces do.
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_CJK_PUNCTUATION = re.compile(
    "[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+"
)


def untitled_name(existing_titles: Iterable[str], base: str = "Untitled") -> str:
    """`base`, or `base 2`, `base 3`… : the first that no draft uses yet."""
    taken = set(existing_titles)
    if base not in taken:
        return base
    n = 2
    while f"{base} {n}" in taken:
        n += 1
    return f"{base} {n}"


def word_count(text: str) -> int:
    """Words as a writer counts them; each CJK character is one word.

    Runs on every autosave, so the common all-ASCII case takes the C fast path.
    """
    if text.isascii():
        return len(text.split())
    spaced, cjk_characters = _CJK.subn(" ", text)
    return cjk_characters + len(_CJK_PUNCTUATION.sub(" ", spaced).split())
