"""Highlights laid over the editor's text without changing it (QTextEdit extra selections).

Several features mark text at once (the AI text awaiting a decision, find matches); each
owns a named layer, and the editor shows them all. `MainWindow.marks` is the editor's one.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit


class EditorMarks:
    """Layers are applied once control returns to the event loop, never straight away.

    Marks change in reaction to edits and scrolling, which Qt reports from inside its own
    key handling; setting extra selections there makes Qt measure the old ones against a
    document still being changed, which crashed (a segfault in QTextFrame::childFrames on
    PySide6 6.11, typing in a 50 KB draft with the find bar open).
    """

    def __init__(self, editor: QPlainTextEdit) -> None:
        self._editor = editor
        self._layers: dict[str, list[QTextEdit.ExtraSelection]] = {}
        self._apply = QTimer(editor, singleShot=True, interval=0)
        self._apply.timeout.connect(self._show)

    def set(self, layer: str, selections: list[QTextEdit.ExtraSelection]) -> None:
        if not selections and not self._layers.get(layer):
            return  # callers clear often (on every edit); repainting for nothing costs
        self._layers[layer] = selections
        self._apply.start()

    def _show(self) -> None:
        self._editor.setExtraSelections([s for layer in self._layers.values() for s in layer])
