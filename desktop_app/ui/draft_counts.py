"""The status bar's word and character count of the draft, or of the selection.

Counting a 5 MB draft from scratch takes a few hundred milliseconds of Python, far too long
to do on each keystroke. So each paragraph (text block) keeps its own count, and an edit
forgets only the counts of the paragraphs it touched; the totals are sums over short lists.
Paragraphs still to count (a draft just opened, a large paste) are counted a slice of time
at a time, so the event loop, and typing, keep going meanwhile.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QLocale, QObject, QTimer
from PySide6.QtGui import QTextBlock, QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit

from desktop_app.domain.drafts import character_count, reading_minutes, word_count
from desktop_app.ui.naming import named

UPDATE_DELAY_MS = 300  # the label trails typing by at most this much
_SLICE_S = 0.008  # counting work per event-loop turn: well under a frame
_UNCOUNTED = -1


class DraftCounts(QObject):
    def __init__(self, editor: QPlainTextEdit, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._editor = editor
        self.label = named(QLabel(), "draftCounts")
        self.label.setAccessibleName(self.tr("Draft counts"))
        self.label.setContentsMargins(0, 0, 16, 0)  # apart from the model status beside it
        # Per paragraph, in block order; _UNCOUNTED until counted.
        self._words: list[int] = []
        self._characters: list[int] = []
        # Started by a change, not restarted by the next: the label keeps up with steady
        # typing instead of waiting for a pause.
        self._update = QTimer(self)
        self._update.setSingleShot(True)
        self._update.setInterval(UPDATE_DELAY_MS)
        self._update.timeout.connect(self._count_some)
        self._next_slice = QTimer(self)
        self._next_slice.setSingleShot(True)
        self._next_slice.setInterval(0)
        self._next_slice.timeout.connect(self._count_some)
        document = editor.document()
        document.contentsChange.connect(self._forget)
        editor.selectionChanged.connect(self._schedule)
        self._forget(0, 0, document.characterCount())
        self._count_some()

    def _forget(self, position: int, _removed: int, added: int) -> None:
        """Drops the counts of the paragraphs an edit touched; the others keep theirs."""
        document = self._editor.document()
        last_position = max(0, min(position + added, document.characterCount() - 1))
        first = document.findBlock(position).blockNumber()
        last = document.findBlock(last_position).blockNumber()
        # Paragraphs after the edit are the old ones, moved: as many fewer (or more) before
        # them as the document lost (or gained).
        old_last = last - (document.blockCount() - len(self._words))
        if first < 0 or last < first or old_last < first - 1:
            first, last, old_last = 0, document.blockCount() - 1, len(self._words) - 1
        fresh = [_UNCOUNTED] * (last - first + 1)
        self._words[first : old_last + 1] = fresh
        self._characters[first : old_last + 1] = fresh
        self._schedule()

    def _schedule(self) -> None:
        if not self._update.isActive() and not self._next_slice.isActive():
            self._update.start()

    def _count_some(self) -> None:
        """Counts paragraphs for one slice of time; shows the totals once all are counted."""
        document = self._editor.document()
        words, characters = self._words, self._characters
        deadline = time.perf_counter() + _SLICE_S
        start = 0
        while time.perf_counter() < deadline:
            try:
                number = words.index(_UNCOUNTED, start)
            except ValueError:
                self._show()
                return
            block = document.findBlockByNumber(number)
            # Runs of uncounted paragraphs are common (a paste): walk them block by block.
            while block.isValid() and words[number] == _UNCOUNTED:
                text = block.text()
                words[number] = word_count(text)
                characters[number] = character_count(text)
                block, number = block.next(), number + 1
                if number % 64 == 0 and time.perf_counter() >= deadline:  # a cheap clock
                    break
            start = number
        self._next_slice.start()

    def _show(self) -> None:
        words = sum(self._words)
        cursor = self._editor.textCursor()
        if cursor.hasSelection():
            selected_words, selected_characters = self._selection_counts(cursor)
            of_words = (
                self.tr("%1 of %2 word selected")
                if words == 1
                else self.tr("%1 of %2 words selected")
            )
            parts = [
                of_words.replace("%1", _number(selected_words)).replace("%2", _number(words)),
                self._characters_text(selected_characters),
            ]
        else:
            parts = [
                (self.tr("%1 word") if words == 1 else self.tr("%1 words")).replace(
                    "%1", _number(words)
                ),
                self._characters_text(sum(self._characters)),
            ]
            if words:
                parts.append(self.tr("%1 min read").replace("%1", _number(reading_minutes(words))))
        self.label.setText(" · ".join(parts))

    def _characters_text(self, n: int) -> str:
        text = self.tr("%1 character") if n == 1 else self.tr("%1 characters")
        return text.replace("%1", _number(n))

    def _selection_counts(self, cursor: QTextCursor) -> tuple[int, int]:
        """Whole paragraphs from the counts; only the partial ones at the ends are read."""
        document = self._editor.document()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        first, last = document.findBlock(start), document.findBlock(end)
        if first.blockNumber() == last.blockNumber():
            return _counts(cursor.selectedText())
        head_words, head_characters = _counts(_text_between(first, start, _block_end(first)))
        tail_words, tail_characters = _counts(_text_between(last, last.position(), end))
        middle = slice(first.blockNumber() + 1, last.blockNumber())
        return (
            head_words + sum(self._words[middle]) + tail_words,
            head_characters + sum(self._characters[middle]) + tail_characters,
        )


def _number(n: int) -> str:
    return QLocale().toString(n)  # 1,234 or 1 234 or 1.234, as the writer's locale has it


def _counts(text: str) -> tuple[int, int]:
    return word_count(text), character_count(text)


def _block_end(block: QTextBlock) -> int:
    return block.position() + block.length() - 1


def _text_between(block: QTextBlock, start: int, end: int) -> str:
    cursor = QTextCursor(block)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()
