"""Puts streamed text into the editor as a single undoable step."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from desktop_app.domain.prompting import leading_separator
from desktop_app.domain.tasks import Placement


class StreamInsertion:
    """Inserts chunks at the cursor, or in place of the selection for tasks that replace it.

    The first chunk opens an edit block and every later one joins it, so one Ctrl+Z takes the
    whole generation back, selection included. The editor is read-only while this runs, so no
    keystroke of the writer's can end up inside that block. The selection is removed only when
    text arrives: a generation stopped before its first token leaves the draft untouched.
    """

    def __init__(self, editor: QPlainTextEdit, placement: Placement) -> None:
        self._editor = editor
        self._cursor = QTextCursor(editor.textCursor())
        self._in_place = placement is Placement.REPLACE_SELECTION and self._cursor.hasSelection()
        if not self._in_place:
            self._cursor.clearSelection()
        self._placement = (
            Placement.CONTINUE if placement is Placement.CONTINUE else Placement.NEW_PARAGRAPH
        )
        self._started = False
        self._parts: list[str] = []

    @property
    def text(self) -> str:
        """Everything generated so far, as the model wrote it."""
        return "".join(self._parts)

    def append(self, chunk: str) -> None:
        self._parts.append(chunk)
        cursor = self._cursor
        if self._started:
            cursor.joinPreviousEditBlock()
        else:
            if self._placement is Placement.NEW_PARAGRAPH or self._in_place:
                chunk = chunk.lstrip()  # the separator decides the spacing of a new piece
            if not chunk:
                return
            cursor.beginEditBlock()
            cursor.removeSelectedText()
            if not self._in_place:
                chunk = self._separator(chunk) + chunk
            self._started = True
        cursor.insertText(chunk)
        cursor.endEditBlock()
        self._editor.setTextCursor(cursor)
        self._editor.ensureCursorVisible()

    def _separator(self, first_chunk: str) -> str:
        document = self._editor.document()
        position = self._cursor.position()
        before = "".join(document.characterAt(p) for p in (position - 2, position - 1) if p >= 0)
        # QTextDocument marks paragraph ends with U+2029.
        return leading_separator(self._placement, before.replace("\u2029", "\n"), first_chunk)
