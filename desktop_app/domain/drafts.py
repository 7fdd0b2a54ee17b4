"""Rules about drafts that need no storage."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Kana and the Han blocks: scripts written without spaces count a word per character.
# CJK and fullwidth punctuation separate words, as spaces do.
CJK_RANGES = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CJK = re.compile(f"[{CJK_RANGES}]")
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


def copy_name(title: str, existing_titles: Iterable[str], word: str = "copy") -> str:
    """`title (copy)`, then `title (copy 2)`…; a copy of a copy counts on from the original."""
    original = re.sub(rf" \({re.escape(word)}(?: \d+)?\)$", "", title) or title
    taken = set(existing_titles)
    name = f"{original} ({word})"
    n = 2
    while name in taken:
        name = f"{original} ({word} {n})"
        n += 1
    return name


def word_count(text: str) -> int:
    """Words as a writer counts them; each CJK character is one word.

    Runs on every autosave, on the save thread. A long text is counted in pieces cut at
    whitespace: one regex call over 5 MB would hold the GIL, and so the GUI, for 0.3 s.
    """
    count = 0
    start = 0
    while start < len(text):
        end = min(len(text), start + _PIECE)
        while end < len(text) and not text[end].isspace():
            end += 1  # a word, or a run of CJK, never straddles two pieces
        count += _count_piece(text[start:end])
        start = end
    return count


_PIECE = 64_000


def _count_piece(text: str) -> int:
    if text.isascii():  # the common case takes the C fast path
        return len(text.split())
    spaced, cjk_characters = _CJK.subn(" ", text)
    return cjk_characters + len(_CJK_PUNCTUATION.sub(" ", spaced).split())


# Silent reading of English prose runs about 230 words a minute; Chinese about 255 characters,
# and each character counts as a word here, so one rate serves both.
WORDS_PER_MINUTE = 230
_LINE_BREAKS = ("\n", "\r", "\u2028", "\u2029")


def character_count(text: str) -> int:
    """Characters as a writer counts them: spaces included, line breaks not."""
    return len(text) - sum(text.count(brk) for brk in _LINE_BREAKS)


def reading_minutes(words: int) -> int:
    """Whole minutes, rounded up: any text at all takes at least a minute."""
    return -(-words // WORDS_PER_MINUTE)
