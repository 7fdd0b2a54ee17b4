"""Working without a mouse: moving between panels and controls, the shortcuts view, the ring.

The editor keeps Tab for writing (a tab character), so Next Control (Ctrl+Tab) is the
way out of it; everywhere else Tab moves on as usual, and F6 jumps between the panels.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QDockWidget, QWidget

from desktop_app.ui.focus_ring import FocusRing
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.naming import named
from desktop_app.ui.shortcuts_dialog import ShortcutsDialog, window_shortcuts


class KeyboardController(QObject):
    """Adds the navigation actions and Help > Keyboard Shortcuts to the window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._dialog: ShortcutsDialog | None = None
        view = window.view_menu
        # Alt+letter for the panels' entries (the docks' own titles stay plain); a title in
        # a script without letters on the keyboard is reached with the arrows instead.
        for dock in window.findChildren(QDockWidget):
            title = dock.windowTitle()
            if title[:1].isascii() and title[:1].isalpha():
                dock.toggleViewAction().setText("&" + title)

        view.addSeparator()
        self.next_panel_action = self._action(self.tr("Next &Panel"), "nextPanelAction", "F6")
        self.previous_panel_action = self._action(
            self.tr("Previous Pa&nel"), "previousPanelAction", "Shift+F6"
        )
        self.next_control_action = self._action(
            self.tr("Next C&ontrol"), "nextControlAction", "Ctrl+Tab"
        )
        self.previous_control_action = self._action(
            self.tr("Previous Con&trol"), "previousControlAction", "Ctrl+Shift+Tab"
        )
        self.next_control_action.setToolTip(self.tr("Leaves the editor, where Tab types a tab"))
        view.addActions(
            [
                self.next_panel_action,
                self.previous_panel_action,
                self.next_control_action,
                self.previous_control_action,
            ]
        )
        self.next_panel_action.triggered.connect(lambda: self.move_to_panel(+1))
        self.previous_panel_action.triggered.connect(lambda: self.move_to_panel(-1))
        self.next_control_action.triggered.connect(lambda: self.move_to_control(True))
        self.previous_control_action.triggered.connect(lambda: self.move_to_control(False))

        self.shortcuts_action = self._action(
            self.tr("&Keyboard Shortcuts…"), "keyboardShortcutsAction", "Ctrl+/", "F1"
        )
        help_menu = window.help_menu
        help_menu.insertAction(help_menu.actions()[0], self.shortcuts_action)
        help_menu.insertSeparator(help_menu.actions()[1])
        self.shortcuts_action.triggered.connect(self.show_shortcuts)

        set_tab_order(window)
        window.prompt.task_picker.currentIndexChanged.connect(lambda: set_tab_order(window))
        app = QApplication.instance()
        if isinstance(app, QApplication) and app.findChild(FocusRing) is None:
            FocusRing(app)

    def _action(self, text: str, name: str, *keys: str) -> QAction:
        action = named(QAction(text, self._window), name)
        action.setShortcuts([QKeySequence(key) for key in keys])
        return action

    def panels(self) -> list[tuple[QWidget, QWidget]]:
        """Where F6 goes, in order: each panel and the control in it that takes the focus."""
        w = self._window
        prompt = w.prompt.prompt_edit if w.prompt.prompt_edit.isVisible() else w.prompt.task_picker
        cards = [c for c in _focus_leaves(w.variants) if c.isVisible() and c.isEnabled()]
        found = [
            (w.drafts, w.drafts.list),
            (w.editor, w.editor),
            (w.prompt, prompt),
            (w.history, w.history.view),
            (w.variants, cards[0] if cards else w.variants),
        ]
        return [(panel, to) for panel, to in found if to.isVisible() and to.isEnabled()]

    @Slot()
    def move_to_panel(self, step: int) -> None:
        panels = self.panels()
        if not panels:
            return
        focus = QApplication.focusWidget()
        inside = [i for i, (panel, _to) in enumerate(panels) if _within(focus, panel)]
        # From outside every panel, F6 starts at the first and Shift+F6 at the last.
        here = inside[0] if inside else (-1 if step > 0 else 0)
        panels[(here + step) % len(panels)][1].setFocus(Qt.FocusReason.ShortcutFocusReason)

    @Slot()
    def move_to_control(self, forward: bool) -> None:
        """Tab and Shift+Tab, for where Tab types text (the editor)."""
        self._window.focusNextPrevChild(forward)

    @Slot()
    def show_shortcuts(self) -> ShortcutsDialog:
        if self._dialog is None:
            self._dialog = ShortcutsDialog(window_shortcuts(self._window), self._window)
            self._dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self._dialog.destroyed.connect(self._forget_dialog)
            self._dialog.show()
        else:
            self._dialog.raise_()
            self._dialog.activateWindow()
        return self._dialog

    @Slot()
    def _forget_dialog(self) -> None:
        self._dialog = None


def _focus_leaves(region: QWidget) -> list[QWidget]:
    """The region's own focusable controls in layout order (Qt's parts of them left out)."""
    window = region.window()
    return [
        child
        for child in (region, *region.findChildren(QWidget))
        if child.focusPolicy() & Qt.FocusPolicy.TabFocus
        and child.window() is window  # not a popup's
        and not child.objectName().startswith("qt_")
        and not isinstance(child.parentWidget(), QAbstractSpinBox | QComboBox)
    ]


def set_tab_order(window: MainWindow) -> None:
    """Tab goes left to right, top to bottom: the drafts, the open tabs, the editor, the
    assistant from its task down to Generate, then the history.

    Widgets made later (a task's fields) would otherwise join the end of the chain, so
    this runs again whenever the task changes.
    """
    regions = [window.drafts, window.draft_tabs, window.editor, window.prompt, window.history]
    chain = [leaf for region in regions for leaf in _focus_leaves(region)]
    for first, second in itertools.pairwise(chain):
        QWidget.setTabOrder(first, second)


def _within(widget: QWidget | None, panel: QWidget) -> bool:
    return widget is not None and (widget is panel or panel.isAncestorOf(widget))
