"""Puts streamed text into the editor as a single undoable step."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from desktop_app.domain.prompting import joining_space


class StreamInsertion:
    """Inserts chunks at a remembered point, replacing the selection if asked.

    The first chunk opens an edit block and every later one joins it, so one Ctrl+Z takes the
    whole generation back, selection included. The editor is read-only while this runs, so no
    keystroke of the writer's can end up inside that block. The selection is removed only when
    text arrives: a generation stopped before its first token leaves the draft untouched.
    """

    def __init__(self, editor: QPlainTextEdit, replace_selection: bool) -> None:
        self._editor = editor
        self._cursor = QTextCursor(editor.textCursor())
        if not replace_selection:
            self._cursor.clearSelection()
        self._started = False
        self._parts: list[str] = []

    @property
    def text(self) -> str:
        """Everything inserted so far, as the model wrote it."""
        return "".join(self._parts)

    def append(self, chunk: str) -> None:
        if not chunk:
            return
        self._parts.append(chunk)
        cursor = self._cursor
        if self._started:
            cursor.joinPreviousEditBlock()
        else:
            cursor.beginEditBlock()
            cursor.removeSelectedText()
            chunk = self._separator(chunk) + chunk
            self._started = True
        cursor.insertText(chunk)
        cursor.endEditBlock()
        self._editor.setTextCursor(cursor)
        self._editor.ensureCursorVisible()

    def _separator(self, first_chunk: str) -> str:
        position = self._cursor.position()
        if position == 0:
            return ""
        document = self._editor.document()
        before = document.characterAt(position - 1)
        return joining_space(before.replace("\u2029", "\n"), first_chunk)
