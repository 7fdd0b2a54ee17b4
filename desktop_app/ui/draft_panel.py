"""The draft list with its New, Rename and Delete buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.records import DraftSummary
from desktop_app.ui.naming import named

_ID_ROLE = Qt.ItemDataRole.UserRole


class DraftPanel(QWidget):
    draftSelected = Signal(int)
    newRequested = Signal()
    renameRequested = Signal(int)
    deleteRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = named(QListWidget(), "draftList")
        self.list.setAccessibleName(self.tr("Drafts"))
        self.list.setUniformItemSizes(True)
        self.list.currentItemChanged.connect(self._on_current_changed)
        self.list.itemDoubleClicked.connect(
            lambda _item: self._emit_for_current(self.renameRequested)
        )

        self.new_button = self._button(self.tr("New"), self.tr("New draft (Ctrl+N)"))
        self.rename_button = self._button(self.tr("Rename"), self.tr("Rename draft (F2)"))
        self.delete_button = self._button(self.tr("Delete"), self.tr("Delete draft"))
        self.new_button.clicked.connect(self.newRequested)
        self.rename_button.clicked.connect(lambda: self._emit_for_current(self.renameRequested))
        self.delete_button.clicked.connect(lambda: self._emit_for_current(self.deleteRequested))

        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        for button in (self.new_button, self.rename_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    def _button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(False)
        return button

    def set_drafts(self, drafts: list[DraftSummary], current_id: int | None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for draft in drafts:
            item = QListWidgetItem(draft.title or self.tr("Untitled"))
            item.setData(_ID_ROLE, draft.id)
            words = self.tr("%n word(s)", "", draft.word_count)
            edited = draft.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")
            item.setToolTip(f"{draft.title}\n{words} · {edited}")
            self.list.addItem(item)
            if draft.id == current_id:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(_ID_ROLE))

    def _on_current_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is not None:
            self.draftSelected.emit(int(current.data(_ID_ROLE)))

    def _emit_for_current(self, signal: SignalInstance) -> None:
        draft_id = self.current_id()
        if draft_id is not None:
            signal.emit(draft_id)
