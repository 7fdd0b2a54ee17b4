"""Where a text can be cut without splitting a character as the writer sees it.

Python indexes code points, but "é" may be "e" plus U+0301, a Devanagari syllable is a
consonant with its signs, and 👩🏽‍💻 is four code points: a cut inside one leaves a bare
letter or a stray mark. This is a close approximation of Unicode's extended grapheme
clusters (UAX #29), which the standard library does not provide: enough for cutting long
text to size, where being off by a rare cluster costs nothing.
"""

from __future__ import annotations

import unicodedata

_ZWJ = "\u200d"
_VIRAMA_CLASS = 9  # the canonical combining class of a virama (Devanagari ्, Bengali ্, ...)


def _continues(text: str, index: int) -> bool:
    """Whether text[index] belongs to the character before it."""
    char, previous = text[index], text[index - 1]
    if previous == _ZWJ:
        return True  # the next piece of an emoji sequence
    if unicodedata.combining(previous) == _VIRAMA_CLASS and unicodedata.category(char) == "Lo":
        return True  # the next consonant of a conjunct (क्ष)
    return (
        unicodedata.category(char) in ("Mn", "Mc", "Me")
        or char in (_ZWJ, "\ufe0e", "\ufe0f")  # the joiner itself, variation selectors
        or "\U0001f3fb" <= char <= "\U0001f3ff"  # skin tones
        or "\U000e0020" <= char <= "\U000e007f"  # the tags of a subdivision flag
    )


def boundary_before(text: str, index: int) -> int:
    """The nearest cut at or before `index`; `index` itself where the text before it is all
    one cluster (a pathological run of marks), so a cut never takes everything."""
    cut = index
    while 0 < cut < len(text) and _continues(text, cut):
        cut -= 1
    return cut or index


def boundary_after(text: str, index: int) -> int:
    """The nearest cut at or after `index`."""
    cut = max(index, 0)
    while 0 < cut < len(text) and _continues(text, cut):
        cut += 1
    return cut
