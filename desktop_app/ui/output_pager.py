"""The strip under Generate for the AI text in the draft: keep or discard it, page through
its alternatives, regenerate it, see its tokens."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from desktop_app.ui.naming import named


class OutputPager(QWidget):
    """Buttons for the window's actions, so mouse and keyboard do the same thing."""

    def __init__(self, actions: dict[str, QAction], parent: QWidget | None = None) -> None:
        """`actions` by button object name, in the order: keep, discard, previous, next,
        regenerate, tokens."""
        super().__init__(parent)
        self.setObjectName("outputPager")
        self.position = named(QLabel(), "outputPosition")
        self.position.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.position.setWordWrap(True)
        self.buttons: dict[str, QToolButton] = {}
        for name, action in actions.items():
            button = self.buttons[name] = named(QToolButton(), name)
            button.setDefaultAction(action)  # shows the action's short icon text
            button.setAccessibleName(action.text().replace("&", ""))
        # Row one: which output this is, and paging; row two: what to do with it.
        where = QHBoxLayout()
        where.addWidget(self.position, 1)
        what = QHBoxLayout()
        for name in ("previousOutput", "nextOutput"):
            where.addWidget(self.buttons[name])
        for slot in ("keepOutput", "discardOutput", None, "regenerateOutput", "outputTokens"):
            if slot is None:
                what.addStretch(1)
            else:
                what.addWidget(self.buttons[slot])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(where)
        layout.addLayout(what)
        self.hide()

    def show_position(self, current: int, total: int, *, intact: bool) -> None:
        if not intact:
            text = self.tr("Edited in the draft; every output is kept in History.")
        elif total == 1:
            text = self.tr("AI text, marked in the draft until you keep or discard it.")
        else:
            text = self.tr("AI text: output %1 of %2").replace("%1", str(current + 1))
            text = text.replace("%2", str(total))
        self.position.setText(text)
        self.position.setAccessibleName(text)
        self.show()
