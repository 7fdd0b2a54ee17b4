"""A plain-text editor whose text is the writer's, character for character, and whose
right-to-left paragraphs read from the right.

`QPlainTextEdit.toPlainText()` turns every no-break space (U+00A0) into a plain space: the
French « guillemets » and "10 km" would lose theirs at the next save. `TextEdit` reads the
document's raw text instead, changing only its paragraph and line separators (Enter and
Shift+Enter, U+2029 and U+2028) into the "\\n" that drafts are stored with.

Qt finds each paragraph's direction from its first strong letter, and lays Arabic and
Hebrew out from right to left, but QPlainTextEdit's layout still puts every line against
the left edge (QTextEdit's does not). So before painting, the paragraphs on screen get the
alignment of their direction; the cursor, clicks and selections follow the same lines.

While a generation streams into it the writer keeps typing; only undo and redo wait, since
one step back could take half the generation's text, or theirs, from under the stream.

Both are event filters, not overrides of paintEvent and keyPressEvent: Qt's own painting
and key handling (a millisecond or more per keystroke in a long draft) then run without
holding Python's GIL, which the generation on the model thread needs for every token.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QKeyEvent,
    QKeySequence,
    QTextBlock,
    QTextDocument,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QWidget


def document_text(document: QTextDocument) -> str:
    """The document's text with "\\n" for line breaks and nothing else changed."""
    return _with_newlines(document.toRawText())


def selection_text(selected: str) -> str:
    """`QTextCursor.selectedText()` with "\\n" for its line breaks."""
    return _with_newlines(selected)


def _with_newlines(text: str) -> str:
    # Two replace() calls, not translate(): 10 ms for a 5 MB draft instead of 600 ms.
    return text.replace("\u2029", "\n").replace("\u2028", "\n")


class TextEdit(QPlainTextEdit):
    streamingChanged = Signal(bool)

    _streaming = False
    _stream_writing = False

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.viewport().installEventFilter(_AlignBeforePaint(self))
        self._undo_guard = _NoUndo(self)  # on while streaming

    def toPlainText(self) -> str:
        """Every character as typed or pasted; line breaks as "\\n" (see the module)."""
        return document_text(self.document())

    def is_streaming(self) -> bool:
        """Whether a generation is writing into this editor."""
        return self._streaming

    def set_streaming(self, streaming: bool) -> None:
        if streaming != self._streaming:
            self._streaming = streaming
            if streaming:
                self.installEventFilter(self._undo_guard)
            else:
                self.removeEventFilter(self._undo_guard)
            self.streamingChanged.emit(streaming)

    @contextmanager
    def stream_writing(self) -> Iterator[None]:
        """Marks the edits made inside as the generation's, not the writer's."""
        self._stream_writing = True
        try:
            yield
        finally:
            self._stream_writing = False

    def is_stream_writing(self) -> bool:
        """True while the current change is the generation's (in a textChanged handler)."""
        return self._stream_writing

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self._context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def _context_menu(self, position: QPoint) -> QMenu:
        menu = self.createStandardContextMenu(position)
        if self._streaming:
            for action in menu.actions():
                if action.objectName() in ("edit-undo", "edit-redo"):  # named by Qt
                    action.setEnabled(False)
        return menu

    def align_paragraphs_on_screen(self) -> None:
        """Right-to-left paragraphs on screen against the right edge; run before each paint."""
        if self.lineWrapMode() is QPlainTextEdit.LineWrapMode.NoWrap:
            return
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        bottom = self.viewport().height()
        # Only what is on screen: a long draft's other paragraphs are not laid out yet.
        while block.isValid():
            # Measuring lays the paragraph out first, so the alignment set after it stays.
            if self.blockBoundingGeometry(block).translated(offset).top() > bottom:
                break
            _align_to_direction(block)
            block = block.next()


def _align_to_direction(block: QTextBlock) -> None:
    # Left-to-right paragraphs keep the document's alignment: laying a paragraph out again
    # (after an edit) resets it, so only right-to-left ones need setting, each time.
    if block.textDirection() is not Qt.LayoutDirection.RightToLeft:
        return
    layout = block.layout()
    option = layout.textOption()
    if option.alignment() != Qt.AlignmentFlag.AlignRight:
        option.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout.setTextOption(option)


class _AlignBeforePaint(QObject):
    """On the editor's viewport: its paragraphs on screen aligned just before it paints."""

    def __init__(self, editor: TextEdit) -> None:
        super().__init__(editor)
        self._editor = editor

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._editor.align_paragraphs_on_screen()
        return False


class _NoUndo(QObject):
    """On the editor while a generation streams into it: Undo and Redo keys do nothing."""

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.matches(QKeySequence.StandardKey.Undo) or event.matches(
                QKeySequence.StandardKey.Redo
            ):
                event.accept()
                return True
        return False
