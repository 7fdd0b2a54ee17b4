"""Highlights laid over the editor's text without changing it (QTextEdit extra selections).

Several features mark text at once (the AI text awaiting a decision, find matches); each
owns a named layer, and the editor shows them all. `MainWindow.marks` is the editor's one.
"""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QTextEdit


class EditorMarks:
    def __init__(self, editor: QPlainTextEdit) -> None:
        self._editor = editor
        self._layers: dict[str, list[QTextEdit.ExtraSelection]] = {}

    def set(self, layer: str, selections: list[QTextEdit.ExtraSelection]) -> None:
        self._layers[layer] = selections
        self._editor.setExtraSelections([s for layer in self._layers.values() for s in layer])
