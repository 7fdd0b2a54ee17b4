"""Find and replace over a draft's plain text, in the editor's coordinates.

Qt counts positions in UTF-16 code units, Python in code points; they differ after any
character outside the Basic Multilingual Plane (emoji, rare Han). Every position here that
leaves this module is in UTF-16 units, ready for `QTextCursor.setPosition`.

Searching runs in Python's `re` on a snapshot of the text: one C-speed pass finds every
match, which the "3 of 17" counter needs anyway.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from desktop_app.domain.drafts import CJK_RANGES

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# A letter or digit that belongs to a spaced word. Each CJK character is a word of its own
# (as in the word count), so it never extends a word the way a Latin letter does.
_WORD_CHARACTER = f"[^\\W{CJK_RANGES}]"
# Between two words: not a spaced word's letter on both sides.
_WORD_BOUNDARY = f"(?:(?<!{_WORD_CHARACTER})|(?!{_WORD_CHARACTER}))"


class SearchError(ValueError):
    """A regular expression or replacement template the writer typed cannot be used."""


@dataclass(frozen=True, slots=True)
class SearchOptions:
    match_case: bool = False
    whole_words: bool = False
    regex: bool = False


def compile_query(query: str, options: SearchOptions) -> re.Pattern[str]:
    if options.regex:
        body = query
        if options.whole_words:
            body = f"{_WORD_BOUNDARY}(?:{body}){_WORD_BOUNDARY}"
    else:
        body = re.escape(query)
        if options.whole_words and query:
            # A literal's own first and last characters settle which ends need a check, and
            # checking after the text keeps re's fast scan for it: 4x faster on a long draft.
            if _is_word_character(query[0]):
                body += f"(?<!{_WORD_CHARACTER}[\\s\\S]{{{len(query)}}})"
            if _is_word_character(query[-1]):
                body += f"(?!{_WORD_CHARACTER})"
    flags = re.MULTILINE | (0 if options.match_case else re.IGNORECASE)
    try:
        return re.compile(body, flags)
    except re.error as exc:
        raise SearchError(str(exc)) from exc


def _is_word_character(character: str) -> bool:
    return re.fullmatch(_WORD_CHARACTER, character) is not None


class Utf16:
    """Maps code-point indexes of one text to UTF-16 positions."""

    def __init__(self, text: str) -> None:
        # isascii reads a flag of the string: a long ASCII draft is not scanned at all.
        self._astral = [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]

    def position(self, index: int) -> int:
        return index + bisect_left(self._astral, index)

    def positions(self, indexes: list[int]) -> list[int]:
        if not self._astral:  # the usual case: nothing to shift
            return indexes
        return [self.position(i) for i in indexes]

    def index(self, position: int) -> int:
        """The code-point index at a UTF-16 position (inside a surrogate pair: after it)."""
        low, high = position // 2, position
        while low < high:  # the smallest index whose position reaches `position`
            middle = (low + high) // 2
            if self.position(middle) < position:
                low = middle + 1
            else:
                high = middle
        return low


class Matches:
    """Every non-empty match of a pattern in a text, as sorted UTF-16 spans."""

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        # Two lists of ints: a list of 100,000 span tuples would wake the garbage collector.
        starts: list[int] = []
        ends: list[int] = []
        for match in pattern.finditer(text):
            start, end = match.span()
            if end > start:
                starts.append(start)
                ends.append(end)
        self.utf16 = Utf16(text)
        self.starts = self.utf16.positions(starts)
        self.ends = self.utf16.positions(ends)

    def __len__(self) -> int:
        return len(self.starts)

    def first_from(self, position: int) -> int | None:
        """The first match starting at or after `position`."""
        i = bisect_left(self.starts, position)
        return i if i < len(self.starts) else None

    def last_before(self, position: int) -> int | None:
        """The last match starting before `position`."""
        i = bisect_left(self.starts, position) - 1
        return i if i >= 0 else None

    def index_of(self, start: int, end: int) -> int | None:
        """Which match spans exactly start..end, if one does."""
        i = bisect_left(self.starts, start)
        if i < len(self.starts) and self.starts[i] == start and self.ends[i] == end:
            return i
        return None

    def between(self, start: int, end: int) -> range:
        """The matches that start within start..end: those on screen, say."""
        return range(bisect_left(self.starts, start), bisect_right(self.starts, end))


@dataclass(frozen=True, slots=True)
class Replacement:
    text: str
    regex: bool = False  # `\1` and `\g<name>` expand only in regular expressions

    def of(self, match: re.Match[str]) -> str:
        """The text `match` becomes."""
        if not self.regex:
            return self.text
        try:
            return match.expand(self.text)
        except (re.error, IndexError) as exc:
            raise SearchError(str(exc)) from exc


def replace_one(
    pattern: re.Pattern[str], text: str, start: int, end: int, replacement: Replacement
) -> str | None:
    """What the match at UTF-16 start..end becomes; None when no match spans exactly that."""
    utf16 = Utf16(text)
    index = utf16.index(start)
    match = pattern.match(text, index)  # lookbehinds still see the text before `index`
    if match is None or utf16.position(match.end()) != end or match.end() == index:
        return None
    return replacement.of(match)


class Rewrite:
    """Replace All as a single edit: `text` takes the place of UTF-16 `start`..`end`.

    One edit of the span from the first match to the last, instead of one per match, keeps a
    common word in a long draft from costing seconds, and makes it a single undo step. The
    new text comes from `re.sub`, in C for a plain replacement.
    """

    def __init__(
        self, pattern: re.Pattern[str], text: str, matches: Matches, replacement: Replacement
    ) -> None:
        """`matches` are the pattern's in `text`, found before."""
        self._matches = matches
        self._lengths: list[int] = []  # UTF-16 length of each match's replacement
        if replacement.regex:

            def expand(match: re.Match[str]) -> str:
                if match.end() == match.start():
                    return ""  # empty matches are no matches here: nothing changes
                new = replacement.of(match)
                self._lengths.append(_utf16_length(new))
                return new

            new_text = pattern.sub(expand, text)
        else:
            # re.sub reads backslashes in a template; the writer's text has none to read.
            new_text = pattern.sub(replacement.text.replace("\\", "\\\\"), text)
            self._lengths = [_utf16_length(replacement.text)] * len(matches)
        self.count = len(matches)
        self.start = matches.starts[0] if matches else 0
        self.end = matches.ends[-1] if matches else 0
        utf16 = matches.utf16
        unchanged_after = len(text) - utf16.index(self.end)
        self.text = new_text[utf16.index(self.start) : len(new_text) - unchanged_after]

    def moved(self, position: int) -> int:
        """Where a UTF-16 position of the old text is after the rewrite."""
        starts, ends = self._matches.starts, self._matches.ends
        k = bisect_right(ends, position)  # matches wholly before `position`
        shift = sum(self._lengths[:k]) - sum(ends[:k]) + sum(starts[:k])
        if k < self.count and position > starts[k]:
            return starts[k] + shift  # it was inside a replaced match: its start
        return position + shift


def _utf16_length(text: str) -> int:
    return len(text) + len(_ASTRAL.findall(text))
