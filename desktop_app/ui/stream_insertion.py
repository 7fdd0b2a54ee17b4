"""Puts streamed text into the editor as a single undoable step."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor

from desktop_app.domain.prompting import fit_first_chunk
from desktop_app.domain.tasks import Placement
from desktop_app.ui.text_edit import TextEdit, selection_text


class StreamInsertion:
    """Inserts chunks at the cursor, or in place of the selection for tasks that replace it.

    The first chunk opens an edit block and later chunks, and `finish()`'s paragraph break,
    join it, so one Ctrl+Z takes the whole generation back, selection included. The writer
    may type while it streams: a chunk after their keystroke opens a new block instead of
    joining theirs, so no undo step ever mixes their words with the generation's. The
    selection is removed only when text arrives: a generation stopped before its first
    token leaves the draft untouched.

    The caret follows the new text until the writer moves it or types; from then on it is
    theirs. What they type where the stream writes stays after the generated text: the
    stream's cursor keeps its place when others insert at it, so the two never interleave.

    `replacing` is earlier AI text to write over (another alternative for the same place):
    it goes when the first text arrives, and the new text joins the writer's text as the
    placement says, as if it had been written there first.
    """

    def __init__(
        self,
        editor: TextEdit,
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
        self._start: QTextCursor | None = None  # where the written text begins, once started
        self._revision = -1  # the document's revision after this insertion's last edit
        self._caret = _place(editor.textCursor())  # where the caret was left for the writer
        self._leading = ""
        self._parts: list[str] = []
        self._inserted: list[str] = []  # what went into the document, as it went

    @property
    def text(self) -> str:
        """Everything generated so far, as the model wrote it."""
        return "".join(self._parts)

    def append(self, chunk: str) -> None:
        self._parts.append(chunk)
        editor = self._editor
        if self._start is None:
            # Leading whitespace waits for the first real text: how it joins depends on both.
            chunk = self._leading + chunk
            if not chunk.strip():
                self._leading = chunk
                return
        caret_follows = self._caret_follows()
        # Keep in view what the writer watches (the new text, or where they are typing);
        # one who scrolled away to reread something keeps their place.
        watched = editor.cursorRect(self._cursor if caret_follows else editor.textCursor())
        in_view = editor.viewport().rect().intersects(watched)
        if self._start is None:
            self._begin(chunk)
        else:
            self._open_block()
            self._insert(chunk)
        scrollbar = editor.verticalScrollBar()
        position = scrollbar.value()
        if caret_follows:
            self._move_caret(self._cursor)
        if in_view:
            editor.ensureCursorVisible()
        else:
            scrollbar.setValue(position)

    def finish(self) -> None:
        """Sets a new piece apart from writing that follows it on the same line."""
        if self._start is None or self._in_place or self._placement is not Placement.NEW_PARAGRAPH:
            return
        cursor = self._cursor
        document = self._editor.document()
        at_end = cursor.position() >= document.characterCount() - 1
        if at_end or document.characterAt(cursor.position()) == "\u2029":
            return
        caret_follows = self._caret_follows()
        self._open_block()
        self._insert("\n\n")
        if caret_follows:
            caret = QTextCursor(cursor)
            caret.movePosition(QTextCursor.MoveOperation.Left, n=2)
            self._move_caret(caret)

    def written(self) -> QTextCursor | None:
        """A cursor selecting all the text this insertion wrote, None if it wrote nothing.

        It follows the writer's later edits elsewhere in the document, as cursors do.
        """
        if self._start is None:
            return None
        cursor = QTextCursor(self._editor.document())
        cursor.setPosition(self._start.position())
        cursor.setPosition(self._cursor.position(), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def intact(self) -> bool:
        """Whether the written range holds just what this insertion put there: the writer
        may have typed inside it while it streamed."""
        written = self.written()
        return written is not None and selection_text(written.selectedText()) == selection_text(
            "".join(self._inserted)
        )

    def _begin(self, chunk: str) -> None:
        cursor = self._cursor
        with self._editor.stream_writing():
            cursor.beginEditBlock()
            cursor.removeSelectedText()
        if self._in_place:
            chunk = chunk.lstrip()
        else:
            chunk = fit_first_chunk(self._placement, self._text_before(), chunk)
        start = cursor.position()
        self._insert(chunk)
        # Placed once the text is in, so that it stays before it, and typing just before
        # it stays outside the range.
        self._start = QTextCursor(cursor)
        self._start.setPosition(start)

    def _open_block(self) -> None:
        if self._editor.document().revision() == self._revision:
            self._cursor.joinPreviousEditBlock()  # nothing else happened since our last edit
        else:
            self._cursor.beginEditBlock()

    def _insert(self, text: str) -> None:
        cursor = self._cursor
        # Keeping its position under the writer's typing still lets its anchor move on,
        # which would select their words: collapse it first.
        cursor.clearSelection()
        cursor.setKeepPositionOnInsert(False)  # moves along with its own text
        with self._editor.stream_writing():
            cursor.insertText(text)
            cursor.endEditBlock()
        self._inserted.append(text)
        cursor.setKeepPositionOnInsert(True)  # and stays before the writer's
        self._revision = self._editor.document().revision()

    def _caret_follows(self) -> bool:
        """Whether the writer left the caret where it was (they have not moved or typed)."""
        return _place(self._editor.textCursor()) == self._caret

    def _move_caret(self, to: QTextCursor) -> None:
        caret = QTextCursor(to)
        caret.setKeepPositionOnInsert(False)  # the writer's typing moves it along
        self._editor.setTextCursor(caret)
        self._caret = _place(caret)

    def _text_before(self) -> str:
        document = self._editor.document()
        position = self._cursor.position()
        before = "".join(document.characterAt(p) for p in (position - 2, position - 1) if p >= 0)
        return before.replace("\u2029", "\n")  # QTextDocument ends paragraphs with U+2029


def _place(cursor: QTextCursor) -> tuple[int, int]:
    return cursor.anchor(), cursor.position()
