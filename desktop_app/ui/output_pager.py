"""The strip under Generate for the last output: page through alternatives, regenerate, tokens."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from desktop_app.ui.naming import named


class OutputPager(QWidget):
    """Buttons for the window's actions, so mouse and keyboard do the same thing."""

    def __init__(
        self,
        previous: QAction,
        next_: QAction,
        regenerate: QAction,
        tokens: QAction,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("outputPager")
        self.position = named(QLabel(), "outputPosition")
        self.position.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.position.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.position, 1)
        for action, name in (
            (previous, "previousOutput"),
            (next_, "nextOutput"),
            (regenerate, "regenerateOutput"),
            (tokens, "outputTokens"),
        ):
            button = named(QToolButton(), name)
            button.setDefaultAction(action)  # shows the action's short icon text
            button.setAccessibleName(action.text().replace("&", ""))
            layout.addWidget(button)
        self.hide()

    def show_position(self, current: int, total: int, *, intact: bool) -> None:
        if intact:
            text = self.tr("Output %1 of %2").replace("%1", str(current + 1))
            text = text.replace("%2", str(total))
        else:
            text = self.tr("Edited in the draft; every output is kept in History.")
        self.position.setText(text)
        self.position.setAccessibleName(text)
        self.show()
