"""Puts streamed text into the editor as a single undoable step."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from desktop_app.domain.prompting import fit_first_chunk
from desktop_app.domain.tasks import Placement


class StreamInsertion:
    """Inserts chunks at the cursor, or in place of the selection for tasks that replace it.

    The first chunk opens an edit block; every later chunk, and `finish()`'s paragraph break,
    join it, so one Ctrl+Z takes the whole generation back, selection included. The editor
    is read-only while this runs, so no keystroke of the writer's can end up inside that
    block. The selection is removed only when text arrives: a generation stopped before its
    first token leaves the draft untouched.

    `replacing` is earlier AI text to write over (another alternative for the same place):
    it goes when the first text arrives, and the new text joins the writer's text as the
    placement says, as if it had been written there first.
    """

    def __init__(
        self,
        editor: QPlainTextEdit,
        placement: Placement,
        replacing: QTextCursor | None = None,
    ) -> None:
        self._editor = editor
        self._cursor = QTextCursor(replacing or editor.textCursor())
        self._in_place = placement is Placement.REPLACE_SELECTION and self._cursor.hasSelection()
        if not self._in_place and replacing is None:
            self._cursor.clearSelection()
        # What the new text takes the place of, to put back if the writer discards it.
        self.replaced = (
            self._cursor.selectedText().replace("\u2029", "\n") if replacing is None else ""
        )
        self._placement = (
            Placement.CONTINUE if placement is Placement.CONTINUE else Placement.NEW_PARAGRAPH
        )
        self._started = False
        self._start = self._end = 0  # the range written, valid once started
        self._leading = ""
        self._parts: list[str] = []

    @property
    def text(self) -> str:
        """Everything generated so far, as the model wrote it."""
        return "".join(self._parts)

    def append(self, chunk: str) -> None:
        self._parts.append(chunk)
        cursor = self._cursor
        editor = self._editor
        # Follow the text only while the writer watches it: one who scrolled away to reread
        # something keeps their place.
        following = editor.viewport().rect().intersects(editor.cursorRect(cursor))
        if self._started:
            cursor.joinPreviousEditBlock()
        else:
            # Leading whitespace waits for the first real text: how it joins depends on both.
            chunk = self._leading + chunk
            if not chunk.strip():
                self._leading = chunk
                return
            cursor.beginEditBlock()
            cursor.removeSelectedText()
            if self._in_place:
                chunk = chunk.lstrip()
            else:
                chunk = fit_first_chunk(self._placement, self._text_before(), chunk)
            self._started = True
            self._start = cursor.position()
        cursor.insertText(chunk)
        cursor.endEditBlock()
        self._end = cursor.position()
        scrollbar = editor.verticalScrollBar()
        position = scrollbar.value()
        editor.setTextCursor(cursor)
        if following:
            editor.ensureCursorVisible()
        else:
            scrollbar.setValue(position)

    def finish(self) -> None:
        """Sets a new piece apart from writing that follows it on the same line."""
        if not self._started or self._in_place or self._placement is not Placement.NEW_PARAGRAPH:
            return
        cursor = self._cursor
        document = self._editor.document()
        at_end = cursor.position() >= document.characterCount() - 1
        if at_end or document.characterAt(cursor.position()) == "\u2029":
            return
        cursor.joinPreviousEditBlock()
        cursor.insertText("\n\n")
        cursor.endEditBlock()
        self._end = cursor.position()
        cursor.movePosition(QTextCursor.MoveOperation.Left, n=2)
        self._editor.setTextCursor(cursor)

    def written(self) -> QTextCursor | None:
        """A cursor selecting all the text this insertion wrote, None if it wrote nothing.

        It follows the writer's later edits elsewhere in the document, as cursors do.
        """
        if not self._started:
            return None
        cursor = QTextCursor(self._editor.document())
        cursor.setPosition(self._start)
        cursor.setPosition(self._end, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _text_before(self) -> str:
        document = self._editor.document()
        position = self._cursor.position()
        before = "".join(document.characterAt(p) for p in (position - 2, position - 1) if p >= 0)
        return before.replace("\u2029", "\n")  # QTextDocument ends paragraphs with U+2029
