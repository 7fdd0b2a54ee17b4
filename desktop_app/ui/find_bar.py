"""The find and replace bar under the editor: the fields and buttons, no searching.

Its keys (Esc, Enter, Shift+Enter) are handled on its own fields, never as window
shortcuts, so they cannot fire from another panel's text field; and Esc here closes the
bar rather than reaching the window's Esc (Stop), while the bar has the focus.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from desktop_app.domain.text_search import SearchOptions
from desktop_app.ui.naming import named


class FindBar(QFrame):
    queryChanged = Signal()  # the query or an option changed: search again from here
    nextRequested = Signal()
    previousRequested = Signal()
    replaceRequested = Signal()
    replaceAllRequested = Signal()
    closeRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.query = named(QLineEdit(), "findQuery")
        self.query.setAccessibleName(self.tr("Find"))
        self.query.setPlaceholderText(self.tr("Text to find in the draft"))
        self.query.setClearButtonEnabled(True)
        self.replacement = named(QLineEdit(), "replaceText")
        self.replacement.setAccessibleName(self.tr("Replace with"))
        self.replacement.setPlaceholderText(self.tr("Replacement"))
        self.counter = named(QLabel(), "findCounter")
        self.counter.setAccessibleName(self.tr("Matches"))
        self.counter.setMinimumWidth(self.fontMetrics().horizontalAdvance("0000 of 0000  "))

        self.previous_button = self._tool_button("findPrevious", "↑", self.tr("Previous match"))
        self.next_button = self._tool_button("findNext", "↓", self.tr("Next match"))
        self.close_button = self._tool_button("findClose", "✕", self.tr("Close the find bar"))
        self.close_button.setAutoRaise(True)
        self.replace_button = named(QPushButton(self.tr("Replace")), "replaceOne")
        self.replace_button.setToolTip(
            self.tr("Replace this match and go to the next (Enter in the replace field)")
        )
        self.replace_all_button = named(QPushButton(self.tr("Replace All")), "replaceAll")
        self.replace_all_button.setToolTip(self.tr("Replace every match; one Undo takes it back"))

        self.match_case = named(QCheckBox(self.tr("Match &case")), "findMatchCase")
        self.whole_words = named(QCheckBox(self.tr("Wh&ole words")), "findWholeWords")
        self.regex = named(QCheckBox(self.tr("Regular e&xpression")), "findRegex")
        self.regex.setToolTip(self.tr("Python syntax; \\1 in the replacement inserts group 1"))

        self.replace_label = QLabel(self.tr("Replace &with"))
        self.replace_label.setBuddy(self.replacement)
        self._lay_out()
        self._connect()

    def _lay_out(self) -> None:
        find_label = QLabel(self.tr("Fi&nd"))
        find_label.setBuddy(self.query)
        options = QHBoxLayout()
        options.setSpacing(12)
        for box in (self.match_case, self.whole_words, self.regex):
            options.addWidget(box)
        options.addStretch(1)
        options.addWidget(self.counter)

        grid = QGridLayout(self)
        grid.setContentsMargins(8, 6, 4, 6)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        grid.addWidget(find_label, 0, 0)
        grid.addWidget(self.query, 0, 1)
        grid.addWidget(self.previous_button, 0, 2)
        grid.addWidget(self.next_button, 0, 3)
        grid.addWidget(self.close_button, 0, 5)
        grid.addWidget(self.replace_label, 1, 0)
        grid.addWidget(self.replacement, 1, 1)
        grid.addWidget(self.replace_button, 1, 2, 1, 2)
        grid.addWidget(self.replace_all_button, 1, 4)
        grid.addLayout(options, 2, 1, 1, 4)
        grid.setColumnStretch(1, 1)

    def _connect(self) -> None:
        self.query.textChanged.connect(self.queryChanged)
        for box in (self.match_case, self.whole_words, self.regex):
            box.toggled.connect(self.queryChanged)
        self.previous_button.clicked.connect(self.previousRequested)
        self.next_button.clicked.connect(self.nextRequested)
        self.close_button.clicked.connect(self.closeRequested)
        self.replace_button.clicked.connect(self.replaceRequested)
        self.replace_all_button.clicked.connect(self.replaceAllRequested)
        # Esc anywhere in the bar closes it; Enter only in the two fields finds or replaces.
        for widget in self.findChildren(QWidget):
            widget.installEventFilter(self)

    def _tool_button(self, name: str, text: str, tip: str) -> QToolButton:
        button = named(QToolButton(), name)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        return button

    def options(self) -> SearchOptions:
        return SearchOptions(
            match_case=self.match_case.isChecked(),
            whole_words=self.whole_words.isChecked(),
            regex=self.regex.isChecked(),
        )

    def show_replace(self, visible: bool) -> None:
        for widget in (
            self.replace_label,
            self.replacement,
            self.replace_button,
            self.replace_all_button,
        ):
            widget.setVisible(visible)

    def replacing_shown(self) -> bool:
        return not self.replacement.isHidden()

    def set_can_replace(self, allowed: bool, why_not: str = "") -> None:
        """Replacing is off while the editor is read-only (a generation is writing in it)."""
        for widget in (self.replace_button, self.replace_all_button):
            widget.setEnabled(allowed)
        self.replacement.setToolTip("" if allowed else why_not)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if isinstance(event, QKeyEvent) and kind in (
            QEvent.Type.ShortcutOverride,
            QEvent.Type.KeyPress,
        ):
            key = event.key()
            if key == Qt.Key.Key_Escape:
                if kind == QEvent.Type.ShortcutOverride:
                    event.accept()  # ours, not the window's Esc (Stop, Leave Focus Mode)
                    return False
                self.closeRequested.emit()
                return True
            fields = (self.query, self.replacement)
            if (
                key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and kind == QEvent.Type.KeyPress
                and watched in fields
            ):
                shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                if watched is self.replacement and not shift:
                    self.replaceRequested.emit()
                elif shift:
                    self.previousRequested.emit()
                else:
                    self.nextRequested.emit()
                return True
        return super().eventFilter(watched, event)
