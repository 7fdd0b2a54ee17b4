"""A short notice with an Undo button, for the status bar: what just happened, and its way back."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStatusBar, QToolButton, QWidget

from desktop_app.ui.naming import named

NOTICE_MS = 15_000


class UndoNotice(QWidget):
    undoRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "undoNotice")
        self.label = QLabel()
        self.button = named(QToolButton(), "undoButton")
        self.button.setText(self.tr("&Undo"))
        self.button.setAccessibleName(self.tr("Undo"))
        self.button.clicked.connect(self._undo)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(NOTICE_MS)
        self._timer.timeout.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self.hide()

    def announce(self, text: str) -> None:
        bar = self.parentWidget()
        if isinstance(bar, QStatusBar):
            bar.clearMessage()  # a passing message would be drawn over the notice
        self.label.setText(text)
        self.button.setToolTip(text)
        self.show()
        self._timer.start()

    def dismiss(self) -> None:
        self._timer.stop()
        self.hide()

    def _undo(self) -> None:
        self.dismiss()
        self.undoRequested.emit()
