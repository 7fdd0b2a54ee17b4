"""Hypothesis strategies for text in any script, and fixed samples of the hard cases.

Weighted towards what breaks text handling: CJK (no spaces), right-to-left letters with
their marks and bidi controls, combining sequences (Latin accents, Devanagari, Thai), emoji
with skin tones and ZWJ sequences, astral-plane characters (two UTF-16 units each), and
every kind of line break; with a share of any Unicode at all.
"""

from __future__ import annotations

from hypothesis import strategies as st


def _between(low: int, high: int) -> st.SearchStrategy[str]:
    return st.integers(low, high).map(chr)


def _joined(*parts: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.tuples(*parts).map("".join)


def _marks(mark: st.SearchStrategy[str], most: int = 2) -> st.SearchStrategy[str]:
    return st.lists(mark, max_size=most).map("".join)


CJK = st.one_of(
    _between(0x4E00, 0x9FFF),  # Han
    _between(0x3041, 0x3096),  # Hiragana
    _between(0xAC00, 0xD7A3),  # Hangul syllables
    st.sampled_from("。、「」！？"),
)
ARABIC = _joined(_between(0x0621, 0x064A), _marks(_between(0x064B, 0x0652)))
HEBREW = _joined(_between(0x05D0, 0x05EA), _marks(_between(0x05B0, 0x05BC), 1))
DEVANAGARI = _joined(
    _between(0x0915, 0x0939),
    st.sampled_from(["", "\u094d\u0937", "\u094d"]),  # a conjunct, or a bare virama
    _marks(_between(0x093E, 0x094C), 1),
)
THAI = _joined(_between(0x0E01, 0x0E2E), _marks(st.sampled_from("\u0e31\u0e34\u0e35\u0e48\u0e49")))
LATIN = _joined(_between(0x61, 0x7A), _marks(_between(0x0300, 0x036F)))  # e + U+0301 …
_EMOJI = _between(0x1F600, 0x1F64F) | _between(0x1F466, 0x1F469) | st.just("\U0001f4bb")
EMOJI_SEQUENCE = st.one_of(
    _joined(_EMOJI, st.sampled_from(["", "\ufe0f", *map(chr, range(0x1F3FB, 0x1F400))])),
    st.lists(_EMOJI, min_size=2, max_size=4).map("\u200d".join),  # ZWJ sequences
)
EMOJI = EMOJI_SEQUENCE | _joined(_between(0x1F1E6, 0x1F1FF), _between(0x1F1E6, 0x1F1FF))  # flags
ASTRAL = _between(0x20000, 0x2A6DF) | _between(0x1D400, 0x1D7FF)  # CJK ext. B, math letters
BIDI_CONTROLS = st.sampled_from("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2069")
SPACES = st.sampled_from([" ", " ", "\u3000", "\u00a0", "\u202f", "\t"])
LINE_BREAKS = st.sampled_from(["\n", "\n\n", "\r\n", "\r", "\u2028", "\u2029"])

# One written unit: a letter with its marks, an emoji sequence, or a space.
SCRIPT_UNIT = st.one_of(
    CJK, ARABIC, HEBREW, DEVANAGARI, THAI, LATIN, EMOJI, ASTRAL, BIDI_CONTROLS, SPACES
)
WORD_UNIT = st.one_of(CJK, ARABIC, HEBREW, DEVANAGARI, THAI, LATIN, EMOJI, ASTRAL)


def any_text(*, max_units: int = 40, line_breaks: bool = True) -> st.SearchStrategy[str]:
    """Mostly the scripts above, line breaks of every kind, and any character at all."""
    units = [SCRIPT_UNIT, SCRIPT_UNIT, SCRIPT_UNIT, st.characters(exclude_categories=["Cs"])]
    if line_breaks:
        units.append(LINE_BREAKS)
    return st.lists(st.one_of(units), max_size=max_units).map("".join)


def words(*, min_size: int = 1, max_size: int = 8) -> st.SearchStrategy[str]:
    """A run of letters and emoji without spaces or markup: a word, or a CJK phrase."""
    return st.lists(WORD_UNIT, min_size=min_size, max_size=max_size).map("".join)


def prose() -> st.SearchStrategy[str]:
    """Paragraphs of words separated by single spaces: text whose every export must carry
    each paragraph's words unchanged (no markup characters, no outer spaces)."""
    paragraph = st.lists(words(), min_size=1, max_size=6).map(" ".join)
    return st.lists(paragraph, min_size=1, max_size=4).map("\n\n".join)


# Fixed samples, for tests that run once rather than a hundred times.
SAMPLES = {
    "chinese": "　　从前有座山，山里有座庙。𠀋𪚥",
    "arabic": "\u202bمَرْحَبًا بِالعالم\u202c \u200fنص\u200f",
    "hebrew": "שָׁלוֹם עוֹלָם \u200e(123)\u200e",
    "emoji": "👩🏽‍💻 🏳️‍🌈 👨‍👩‍👧‍👦 🇨🇳 ✌🏿",
    "combining": "e\u0301te\u0301 café\u0301 नमस्ते क्षत्रिय สวัสดีครับ",
    "spaces": "a\u00a0b\u202fc\u3000d\te",
}
