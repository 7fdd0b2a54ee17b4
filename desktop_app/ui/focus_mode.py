"""View > Focus Mode (F11): the draft alone, full screen, in a comfortable column.

Leaving (F11 or Esc) puts back the docks, toolbars, draft tabs and window state exactly as
they were. The hidden menu bar's shortcuts keep working, so a generation can still be
started (Ctrl+Enter) and stopped (Esc) in focus mode; while one runs, Esc stops it rather
than leaving.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QFontMetricsF, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import QDockWidget, QFrame, QToolBar

from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.naming import named

COLUMN_CHARACTERS = 70  # a comfortable measure for prose: 60 to 75 characters a line


@dataclass(frozen=True)
class _Before:
    """The window as focus mode found it."""

    state: QByteArray  # docks and toolbars
    geometry: QByteArray
    window_state: Qt.WindowState
    tabs_hidden: bool
    frame: QFrame.Shape  # the editor's


class FocusMode(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._saved: _Before | None = None
        self.action = named(QAction(self.tr("&Focus Mode"), window), "focusModeAction")
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence("F11"))
        self.action.setToolTip(self.tr("Only the draft, full screen (F11 or Esc to leave)"))
        self.action.toggled.connect(self._switch)
        window.addAction(self.action)  # F11 must work with the menu bar hidden, too
        self._escape = QShortcut(QKeySequence("Esc"), window)
        self._escape.setEnabled(False)
        self._escape.activated.connect(lambda: self.action.setChecked(False))
        window.stop_action.changed.connect(self._sync_escape)
        window.editor.installEventFilter(self)
        window.closing.connect(lambda: self.action.setChecked(False))  # before the layout saves

    @property
    def active(self) -> bool:
        return self._saved is not None

    def _switch(self, on: bool) -> None:
        if on == self.active:
            return
        if on:
            self._enter()
        else:
            self._leave()
        self._sync_escape()

    def _enter(self) -> None:
        window = self._window
        self._saved = _Before(
            window.saveState(),
            window.saveGeometry(),
            window.windowState(),
            window.draft_tabs.isHidden(),
            window.editor.frameShape(),
        )
        for bar in (*window.findChildren(QDockWidget), *window.findChildren(QToolBar)):
            bar.hide()
        window.draft_tabs.hide()
        window.menuBar().hide()
        window.statusBar().hide()
        # A hidden menu bar's actions have no shortcuts; the window itself lends them its own.
        window.addActions(window.menuBar().actions())
        editor = window.editor
        editor.setBackgroundRole(QPalette.ColorRole.Base)  # the margins look like the page
        editor.setAutoFillBackground(True)
        editor.setFrameShape(QFrame.Shape.NoFrame)
        window.showFullScreen()
        self._fit_column()
        editor.setFocus()

    def _leave(self) -> None:
        assert self._saved is not None
        window = self._window
        before, self._saved = self._saved, None
        for action in window.menuBar().actions():
            window.removeAction(action)
        window.menuBar().show()
        window.statusBar().show()
        window.draft_tabs.setHidden(before.tabs_hidden)
        window.setWindowState(before.window_state)
        window.restoreGeometry(before.geometry)
        window.restoreState(before.state)  # docks and toolbars, where and as they were
        editor = window.editor
        editor.setAutoFillBackground(False)
        editor.setFrameShape(before.frame)
        editor.setViewportMargins(0, 0, 0, 0)

    def _sync_escape(self) -> None:
        """Esc leaves focus mode, unless a generation runs: then it is Stop's."""
        self._escape.setEnabled(self.active and not self._window.stop_action.isEnabled())

    def _fit_column(self) -> None:
        """Centres the text in a column about COLUMN_CHARACTERS wide, or the whole width."""
        editor = self._window.editor
        if not self.active:
            return
        margin = editor.document().documentMargin()
        column = QFontMetricsF(editor.font()).averageCharWidth() * COLUMN_CHARACTERS + 2 * margin
        width = editor.width() - 2 * editor.frameWidth()
        left = max(0, int((width - column) / 2))  # centred on the screen, not beside the bar
        right = max(0, width - left - int(column) - editor.verticalScrollBar().sizeHint().width())
        editor.setViewportMargins(left, 0, right, 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange):
            self._fit_column()
        return super().eventFilter(watched, event)
