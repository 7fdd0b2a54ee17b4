"""The place in the draft where AI text went, and the alternatives that can take its place."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QTextCursor

from desktop_app.domain.generation import GenerationRequest, GenerationResult
from desktop_app.domain.tasks import Placement
from desktop_app.ui.stream_insertion import StreamInsertion
from desktop_app.ui.text_edit import TextEdit


@dataclass(frozen=True, slots=True)
class Output:
    """One finished generation that can fill the slot."""

    generation_id: int | None  # None when the history could not be written
    request: GenerationRequest  # what produced it, to regenerate from one of its tokens
    result: GenerationResult


class OutputSlot:
    """Tracks the range of the draft that shows one of several outputs, and swaps them.

    Nothing here ever writes over the writer's words: once the text in the range is no
    longer exactly what was put there (the writer edited it, or undid it), the slot is
    stale and paging stops. Every output stays in the history either way.

    `original` is what the first output took the place of ("" when it was inserted), so
    that discarding puts the draft back exactly as it was, selection included.
    """

    def __init__(
        self,
        editor: TextEdit,
        placement: Placement,
        written: QTextCursor,
        outputs: list[Output],
        current: int,
        *,
        original: str,
    ) -> None:
        self._editor = editor
        self.placement = placement
        self.original = original
        self.outputs = outputs
        self.current = current
        self._range = written
        self._shown = _text_of(written)

    def intact(self) -> bool:
        return self._range.document() is self._editor.document() and (
            _text_of(self._range) == self._shown
        )

    def range(self) -> QTextCursor:
        return QTextCursor(self._range)

    def show(self, index: int) -> None:
        """Puts output `index` in the slot's place: one undo step."""
        if not self.intact() or not 0 <= index < len(self.outputs):
            return
        insertion = StreamInsertion(self._editor, self.placement, replacing=self.range())
        insertion.append(self.outputs[index].result.text)
        insertion.finish()
        self.current = index
        self.moved_to(insertion)

    def discard(self) -> None:
        """Puts back what was there before the first output, as one undo step."""
        if not self.intact():
            return
        cursor = self.range()
        start = cursor.selectionStart()
        cursor.beginEditBlock()
        cursor.insertText(self.original)
        cursor.endEditBlock()
        end = cursor.position()  # in Qt's units (UTF-16), not len(): emoji count twice
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self._editor.setTextCursor(cursor)

    def add(self, output: Output, insertion: StreamInsertion) -> None:
        """A new alternative, already streamed into the slot's place."""
        self.outputs.append(output)
        self.current = len(self.outputs) - 1
        self.moved_to(insertion)

    def moved_to(self, insertion: StreamInsertion) -> None:
        written = insertion.written()
        if written is not None:
            self._range = written
            self._shown = _text_of(written)

    def index_of(self, generation_id: int) -> int | None:
        for index, output in enumerate(self.outputs):
            if output.generation_id == generation_id:
                return index
        return None


def _text_of(cursor: QTextCursor) -> str:
    return cursor.selectedText()
