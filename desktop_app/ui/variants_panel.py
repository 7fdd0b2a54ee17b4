"""Variants side by side: one card per alternative, filling in while they stream."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.naming import named


class VariantCard(QFrame):
    useRequested = Signal()
    tokensRequested = Signal()

    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("variantCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(self.tr("Variant %1").replace("%1", str(number)))
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.text = named(QPlainTextEdit(), "variantText")
        self.text.setReadOnly(True)
        self.text.setAccessibleName(self.title.text())
        self.status = QLabel(self.tr("Writing…"))
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: palette(placeholder-text);")
        self.use_button = named(QPushButton(self.tr("&Use")), "useVariant")
        self.use_button.setToolTip(self.tr("Put this variant into the draft"))
        self.use_button.setAccessibleName(self.tr("Use variant %1").replace("%1", str(number)))
        self.copy_button = named(QPushButton(self.tr("Copy")), "copyVariant")
        self.copy_button.setAccessibleName(self.tr("Copy variant %1").replace("%1", str(number)))
        self.tokens_button = named(QPushButton(self.tr("Tokens…")), "variantTokens")
        self.tokens_button.setAccessibleName(
            self.tr("Tokens of variant %1").replace("%1", str(number))
        )
        for button in (self.use_button, self.copy_button, self.tokens_button):
            button.setEnabled(False)
        self.use_button.clicked.connect(self.useRequested)
        self.tokens_button.clicked.connect(self.tokensRequested)
        self.copy_button.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(self.text.toPlainText())
        )

        buttons = QHBoxLayout()
        buttons.addWidget(self.tokens_button)
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.use_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

    def append(self, text: str) -> None:
        cursor = self.text.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(text)

    def finish(self, status: str, *, has_tokens: bool, usable: bool = True) -> None:
        """`usable` False (a failed run) leaves the text to read and copy, not to use."""
        self.status.setText(status)
        has_text = bool(self.text.toPlainText().strip())
        self.use_button.setEnabled(has_text and usable)
        self.copy_button.setEnabled(has_text)
        self.tokens_button.setEnabled(has_tokens)

    def set_in_draft(self, in_draft: bool) -> None:
        self.title.setText(
            self.title.text().removesuffix(self.tr(" · in the draft"))
            + (self.tr(" · in the draft") if in_draft else "")
        )


class VariantsPanel(QWidget):
    """Up to five cards in a row; they scroll sideways when the window is narrow."""

    useRequested = Signal(int)  # variant index
    tokensRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards: list[VariantCard] = []
        self._row = QWidget()
        self._row_layout = QHBoxLayout(self._row)
        self._row_layout.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._row)
        self.placeholder = QLabel(
            self.tr("Set Variants above 1 in the Assistant to compare several texts here.")
        )
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.addWidget(self.placeholder)
        layout.addWidget(scroll, 1)

    def start(self, count: int) -> None:
        for card in self.cards:
            card.deleteLater()
        self.cards = []
        self.placeholder.hide()
        for index in range(count):
            card = VariantCard(index + 1)
            card.setMinimumWidth(190)
            card.useRequested.connect(lambda i=index: self.useRequested.emit(i))
            card.tokensRequested.connect(lambda i=index: self.tokensRequested.emit(i))
            self._row_layout.addWidget(card, 1)
            self.cards.append(card)

    def show_in_draft(self, index: int | None) -> None:
        for number, card in enumerate(self.cards):
            card.set_in_draft(number == index)
