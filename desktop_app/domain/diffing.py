"""Comparing two versions of a draft: paragraphs first, then words inside changed paragraphs.

Matching paragraphs first keeps a 100,000-word draft fast: unchanged paragraphs are compared
by hash, and only the few changed ones are compared word by word. Scripts written without
spaces (Chinese, Japanese) are compared character by character.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum

from desktop_app.domain.drafts import CJK_RANGES

# A word (with inner apostrophes), a CJK character or any other character, each with the
# spaces before it: a space on its own would be the commonest token by far, and matching
# is quadratic in how often a token repeats.
_WORD = rf"[^\W_{CJK_RANGES}]+"
_COUNTED = rf"[{CJK_RANGES}]|{_WORD}(?:['’]{_WORD})*"
_TOKENS = re.compile(rf"\s*(?:{_COUNTED}|.)", re.DOTALL)
_WORDS = re.compile(_COUNTED)  # what the summary counts: punctuation alone is no word
# Sentences: up to a run of terminators, closing quotes and brackets after them.
_SENTENCES = re.compile(r"\s*.*?(?:[.!?…]+[\"'”’)\]]*(?=\s|$)|[。！？]+[」』”’）]*|$)", re.DOTALL)
# Word-level matching is worth its cost up to this many characters of changed paragraphs in
# all; past it, they are shown whole (and `Diff.coarse` says so).
WORD_LEVEL_CHARS = 2_000_000
# A paragraph pair longer than this is matched by sentences first, then by words inside the
# changed sentences: word matching is quadratic in how often a word repeats.
_DIRECT_CHARS = 10_000
# Changed paragraphs inside one changed run are paired by similarity up to this many
# candidate pairs; past it, in order.
_PAIRING_LIMIT = 900
_SIMILAR = 0.3  # share of words two paragraphs must have in common to be shown as one edit


class RowKind(StrEnum):
    SAME = "same"
    CHANGED = "changed"  # the same paragraph, edited
    REMOVED = "removed"
    ADDED = "added"
    FOLDED = "folded"  # unchanged paragraphs left out of view


_WHOLE = (RowKind.REMOVED, RowKind.ADDED)


@dataclass(frozen=True, slots=True)
class Span:
    """A run of a paragraph's text: unchanged (`old == new`), or `old` replaced by `new`."""

    old: str
    new: str
    changed: bool


@dataclass(frozen=True, slots=True)
class Row:
    """One paragraph on each side, lined up; a side may be missing (added, removed)."""

    kind: RowKind
    spans: tuple[Span, ...] = ()
    folded: int = 0  # for FOLDED: how many paragraphs with words it stands for


@dataclass(frozen=True, slots=True)
class Diff:
    rows: tuple[Row, ...]
    words_added: int
    words_removed: int
    identical: bool
    coarse: bool = False  # some changed paragraphs were too much to compare word by word
    truncated: bool = False  # rows past `max_chars` were left out


def compare(
    old: str,
    new: str,
    *,
    context: int | None = 2,
    max_chars: int = 2_000_000,
    word_level_chars: int = WORD_LEVEL_CHARS,
) -> Diff:
    """What changed from `old` to `new`, paragraph by paragraph.

    `context`: unchanged paragraphs (with words) kept around each change; the others fold
    into one row. None keeps every paragraph. `max_chars`: rows stop once they hold this
    much text, so an enormous comparison stays displayable.
    """
    old_paragraphs, new_paragraphs = _paragraphs(old), _paragraphs(new)
    if old == new:
        kept, truncated = _cap(_fold([_same(p) for p in new_paragraphs], context), max_chars)
        return Diff(kept, 0, 0, identical=True, truncated=truncated)
    matcher = SequenceMatcher(None, _keys(old_paragraphs), _keys(new_paragraphs), autojunk=False)
    rows: list[Row] = []
    budget = word_level_chars
    coarse = False
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows.extend(_same(paragraph) for paragraph in old_paragraphs[i1:i2])
            continue
        for a, b in _pair(old_paragraphs[i1:i2], new_paragraphs[j1:j2]):
            if a is None:
                rows.append(Row(RowKind.ADDED, (Span("", b or "", True),)))
            elif b is None:
                rows.append(Row(RowKind.REMOVED, (Span(a, "", True),)))
            elif a == b:
                rows.append(_same(a))
            elif len(a) + len(b) > budget:
                rows.append(Row(RowKind.CHANGED, (Span(a, b, True),)))
                coarse = True
            else:
                budget -= len(a) + len(b)
                spans, rough = _edit(a, b)
                rows.append(Row(RowKind.CHANGED, spans))
                coarse = coarse or rough
    added = sum(len(_WORDS.findall(s.new)) for row in rows for s in row.spans if s.changed)
    removed = sum(len(_WORDS.findall(s.old)) for row in rows for s in row.spans if s.changed)
    kept, truncated = _cap(_fold(rows, context), max_chars)
    return Diff(kept, added, removed, identical=False, coarse=coarse, truncated=truncated)


def _paragraphs(text: str) -> list[str]:
    return text.split("\n") if text else []  # an empty text has no paragraph, not a blank one


def _keys(paragraphs: list[str]) -> list[str | tuple[str, str]]:
    """Paragraphs as the matcher sees them: a blank line is known by the paragraph before it.

    As themselves, blank lines would be the commonest paragraph by far, and matching is
    quadratic in how often one repeats (a minute for a 100,000-word draft).
    """
    keys: list[str | tuple[str, str]] = []
    previous = ""
    for paragraph in paragraphs:
        if paragraph.strip():
            keys.append(paragraph)
            previous = paragraph
        else:
            keys.append((paragraph, previous))
    return keys


def _same(paragraph: str) -> Row:
    return Row(RowKind.SAME, (Span(paragraph, paragraph, False),))


def _pair(old: list[str], new: list[str]) -> list[tuple[str | None, str | None]]:
    """Lines up a changed run's paragraphs: edited ones side by side, the rest alone.

    Pairs maximise total similarity without crossing (dynamic programming); paragraphs
    sharing less than `_SIMILAR` of their words are not shown as edits of each other.
    """
    n, m = len(old), len(new)
    if n * m > _PAIRING_LIMIT:
        paired: list[tuple[str | None, str | None]] = list(zip(old, new, strict=False))
        paired += [(a, None) for a in old[m:]] + [(None, b) for b in new[n:]]
        return paired
    old_words = [_bag(p) for p in old]
    new_words = [_bag(p) for p in new]
    similarity = [
        [
            1.0 if a == b else _similarity(bag_a, bag_b)
            for b, bag_b in zip(new, new_words, strict=True)
        ]
        for a, bag_a in zip(old, old_words, strict=True)
    ]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            score = best[i + 1][j + 1] + similarity[i][j] if similarity[i][j] else -1.0
            best[i][j] = max(best[i + 1][j], best[i][j + 1], score)
    pairs: list[tuple[str | None, str | None]] = []
    i = j = 0
    removed: list[str] = []  # held back so that removals come before additions between pairs
    added: list[str] = []
    while i < n or j < m:
        pairable = i < n and j < m and similarity[i][j] > 0
        if pairable and best[i][j] == best[i + 1][j + 1] + similarity[i][j]:
            pairs += [(a, None) for a in removed] + [(None, b) for b in added]
            removed, added = [], []
            pairs.append((old[i], new[j]))
            i, j = i + 1, j + 1
        elif i < n and (j == m or best[i][j] == best[i + 1][j]):
            removed.append(old[i])
            i += 1
        else:
            added.append(new[j])
            j += 1
    return pairs + [(a, None) for a in removed] + [(None, b) for b in added]


def _bag(paragraph: str) -> Counter[str]:
    return Counter(t.strip().casefold() for t in _TOKENS.findall(paragraph) if t.strip())


def _similarity(a: Counter[str], b: Counter[str]) -> float:
    """Share of words in common, 0 when under `_SIMILAR` (or both are blank)."""
    total = a.total() + b.total()
    share = 2 * (a & b).total() / total if total else 0.0
    return share if share >= _SIMILAR else 0.0


def _edit(old: str, new: str) -> tuple[tuple[Span, ...], bool]:
    """Word-level spans of an edited paragraph; True when part of it is too long for that."""
    if len(old) + len(new) <= _DIRECT_CHARS:
        return tuple(_merge(_word_spans(old, new))), False
    old_sentences, new_sentences = _SENTENCES.findall(old), _SENTENCES.findall(new)
    matcher = SequenceMatcher(None, old_sentences, new_sentences, autojunk=False)
    spans: list[Span] = []
    rough = False
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        a, b = "".join(old_sentences[i1:i2]), "".join(new_sentences[j1:j2])
        if tag == "equal":
            spans.append(Span(a, a, False))
        elif len(a) + len(b) <= _DIRECT_CHARS:
            spans += _word_spans(a, b)
        else:
            spans.append(Span(a, b, True))
            rough = True
    return tuple(_merge(spans)), rough


def _word_spans(old: str, new: str) -> list[Span]:
    old_tokens, new_tokens = _TOKENS.findall(old), _TOKENS.findall(new)
    matcher = SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    spans = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        a, b = "".join(old_tokens[i1:i2]), "".join(new_tokens[j1:j2])
        spans.append(Span(a, a, False) if tag == "equal" else Span(a, b, True))
    return spans


def _merge(spans: list[Span]) -> list[Span]:
    """Joins changes separated only by spaces or punctuation: "a b c" → "x y z" reads as one
    replacement, not three interleaved ones."""
    merged: list[Span] = []
    for span in spans:
        if span.changed and len(merged) >= 2 and merged[-2].changed and _filler(merged[-1]):
            gap = merged.pop()
            merged[-1] = _join(merged[-1], gap)
        if span.changed and merged and merged[-1].changed:
            merged[-1] = _join(merged[-1], span)
        else:
            merged.append(span)
    return merged


def _join(first: Span, second: Span) -> Span:
    return Span(first.old + second.old, first.new + second.new, True)


def _filler(span: Span) -> bool:
    return not span.changed and not any(c.isalnum() for c in span.old)


def _fold(rows: list[Row], context: int | None) -> list[Row]:
    """Folds each run of unchanged paragraphs to `context` paragraphs beside the changes."""
    if context is None:
        return rows
    folded: list[Row] = []
    start = 0
    while start < len(rows):
        end = start
        while end < len(rows) and rows[end].kind is RowKind.SAME:
            end += 1
        if end == start:
            folded.append(rows[start])
            start += 1
            continue
        run = rows[start:end]
        head = _reach(run, context) if start > 0 else 0
        tail = _reach(run[::-1], context) if end < len(rows) else 0
        hidden = run[head : len(run) - tail]
        hidden_words = sum(1 for row in hidden if row.spans[0].new.strip())
        if hidden_words >= 2:
            folded += [
                *run[:head],
                Row(RowKind.FOLDED, folded=hidden_words),
                *run[len(run) - tail :],
            ]
        else:
            folded += run
        start = end
    return folded


def _reach(rows: list[Row], paragraphs: int) -> int:
    """How many rows hold the first `paragraphs` paragraphs with words (blank lines between
    them ride along)."""
    seen = 0
    for index, row in enumerate(rows):
        if seen == paragraphs:
            return index
        seen += bool(row.spans[0].new.strip())
    return len(rows)


def _cap(rows: list[Row], max_chars: int) -> tuple[tuple[Row, ...], bool]:
    total = 0
    for index, row in enumerate(rows):
        total += sum(len(s.old) + len(s.new) for s in row.spans)
        if total > max_chars:
            return tuple(rows[:index]), True
    return tuple(rows), False


# HTML for a QTextDocument (Qt's subset), one paragraph per row. Classes, styled by the
# view: "del"/"ins" (removed and added text), "removed"/"added" (whole paragraphs), "gap"
# (the missing side of one), "fold".


def inline_html(diff: Diff, folded: Callable[[int], str]) -> str:
    """One text with removals and additions marked in place; `folded(n)` labels a fold."""
    parts = []
    for row in diff.rows:
        if row.kind is RowKind.FOLDED:
            parts.append(_fold_html(row, folded))
            continue
        css = row.kind.value if _whole(row) else None
        body = "".join(
            _marked(span.old, "del") + _marked(span.new, "ins") if span.changed else _text(span.old)
            for span in row.spans
        )
        parts.append(_paragraph(body, css))
    return "".join(parts)


def side_by_side_html(diff: Diff, folded: Callable[[int], str]) -> tuple[str, str]:
    """The old and the new text, one block per row on each side so that rows line up."""
    return _side(diff, folded, old=True), _side(diff, folded, old=False)


def _side(diff: Diff, folded: Callable[[int], str], *, old: bool) -> str:
    absent, whole, mark = (
        (RowKind.ADDED, "removed", "del") if old else (RowKind.REMOVED, "added", "ins")
    )
    parts = []
    for row in diff.rows:
        if row.kind is RowKind.FOLDED:
            parts.append(_fold_html(row, folded))
        elif row.kind is absent:
            parts.append(_paragraph("", "gap" if _whole(row) else None))
        else:
            body = "".join(
                _marked(span.old if old else span.new, mark) if span.changed else _text(span.old)
                for span in row.spans
            )
            parts.append(_paragraph(body, whole if _whole(row) else None))
    return "".join(parts)


def _whole(row: Row) -> bool:
    """A paragraph with words added or removed whole: shaded (a blank line is not)."""
    return row.kind in _WHOLE and bool((row.spans[0].old + row.spans[0].new).strip())


def _paragraph(body: str, css: str | None) -> str:
    attributes = f' class="{css}"' if css else ""
    if not body:
        # Qt drops an empty <p>; this is how it writes an empty paragraph itself. Both sides
        # must keep one block per row.
        return f'<p{attributes} style="-qt-paragraph-type:empty"><br/></p>'
    return f"<p{attributes}>{body}</p>"


def _marked(text: str, css: str) -> str:
    return f'<span class="{css}">{_text(text)}</span>' if text else ""


def _text(text: str) -> str:
    return html.escape(text, quote=False)


def _fold_html(row: Row, folded: Callable[[int], str]) -> str:
    return _paragraph(_text(folded(row.folded)), "fold")
