"""Tabs above the editor for the drafts the writer opened; each tab holds a draft id.

The tabs only show and ask: the drafts controller decides what opens, and keeps at least
one tab (the last tab has no close button).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QTabBar, QWidget

from desktop_app.ui.naming import named

_MAX_TITLE_PX = 180


class DraftTabs(QTabBar):
    draftClicked = Signal(int)  # the writer chose another tab
    closeRequested = Signal(int)
    changed = Signal()  # tabs added, removed or moved: worth remembering

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "draftTabs")
        self.setAccessibleName(self.tr("Open drafts"))
        self.setDocumentMode(True)
        self.setMovable(True)
        self.setExpanding(False)
        self.setUsesScrollButtons(True)
        self.setElideMode(Qt.TextElideMode.ElideRight)
        self.setSelectionBehaviorOnRemove(QTabBar.SelectionBehavior.SelectRightTab)
        self.currentChanged.connect(self._on_current_changed)
        self.tabCloseRequested.connect(lambda index: self.closeRequested.emit(self.draft_at(index)))
        self.tabMoved.connect(lambda _from, _to: self.changed.emit())
        self._quiet = False  # set while the controller, not the writer, changes the tabs

    def ids(self) -> list[int]:
        return [self.draft_at(index) for index in range(self.count())]

    def draft_at(self, index: int) -> int:
        return int(self.tabData(index))

    def index_of(self, draft_id: int) -> int:
        return next((i for i in range(self.count()) if self.draft_at(i) == draft_id), -1)

    def neighbour(self, draft_id: int) -> int | None:
        """The tab to the right of the draft's, else to its left."""
        index = self.index_of(draft_id)
        if index < 0:
            return None
        for other in (index + 1, index - 1):
            if 0 <= other < self.count():
                return self.draft_at(other)
        return None

    def add(self, draft_id: int, title: str, index: int = -1) -> None:
        """Adds a tab for the draft (at `index`, else at the end) unless it has one."""
        if self.index_of(draft_id) >= 0:
            return
        self._quiet = True
        index = self.insertTab(index if 0 <= index <= self.count() else self.count(), "")
        self.setTabData(index, draft_id)
        self._quiet = False
        self._set_title(index, title)
        self._update_closable()
        self.changed.emit()

    def show_draft(self, draft_id: int, title: str) -> None:
        """Makes the draft's tab current, adding it if needed."""
        self.add(draft_id, title)
        self._quiet = True
        self.setCurrentIndex(self.index_of(draft_id))
        self._quiet = False

    def retitle(self, draft_id: int, title: str) -> None:
        index = self.index_of(draft_id)
        if index >= 0:
            self._set_title(index, title)

    def remove(self, draft_id: int) -> None:
        index = self.index_of(draft_id)
        if index < 0:
            return
        self._quiet = True
        self.removeTab(index)
        self._quiet = False
        self._update_closable()
        self.changed.emit()

    def _set_title(self, index: int, title: str) -> None:
        # Elided here rather than by the tab bar, which elides only once the tabs overflow.
        elided = self.fontMetrics().elidedText(title, Qt.TextElideMode.ElideRight, _MAX_TITLE_PX)
        self.setTabText(index, elided.replace("&", "&&"))
        self.setTabToolTip(index, title)

    def _update_closable(self) -> None:
        # The editor always shows a draft: a lone tab cannot be closed.
        self.setTabsClosable(self.count() > 1)

    def _on_current_changed(self, index: int) -> None:
        if not self._quiet and index >= 0:
            self.draftClicked.emit(self.draft_at(index))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        index = self.tabAt(event.position().toPoint())
        if event.button() == Qt.MouseButton.MiddleButton and index >= 0 and self.tabsClosable():
            self.closeRequested.emit(self.draft_at(index))
            return
        super().mouseReleaseEvent(event)
