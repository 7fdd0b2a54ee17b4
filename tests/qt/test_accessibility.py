"""Every control a screen reader can reach has a name it can say.

The name is what Qt's accessibility layer reports (QAccessible Name): an accessible name
set on the widget, else a button's text or the label whose buddy it is.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)
from qt_helpers import pick_task, wait_idle, wait_ready

from desktop_app.ui.adapters_controller import AdaptersController
from desktop_app.ui.keyboard import KeyboardController
from desktop_app.ui.serve_controller import ServeDialog
from desktop_app.ui.token_view import TokenView

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QPushButton,
    QAbstractSpinBox,
    QComboBox,
    QAbstractSlider,
    QAbstractItemView,
    QTabBar,
)


def _is_qt_internal(widget: QWidget) -> bool:
    """Parts Qt builds and names itself: a combo box's popup list, a spin box's line edit,
    a line edit's clear button, a view's headers (read through the view's table)."""
    if widget.objectName().startswith("qt_") or isinstance(widget, QScrollBar | QHeaderView):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox | QAbstractSpinBox | QLineEdit):
            return True
        parent = parent.parentWidget()

    return False


def path_of(widget: QWidget) -> str:
    parts = []
    while widget is not None:
        parts.append(widget.objectName() or type(widget).__name__)
        widget = None if widget.isWindow() else widget.parentWidget()
    return "/".join(reversed(parts))


def unnamed_controls(root: QWidget) -> list[str]:
    """The interactive widgets under `root` a screen reader would have no name for."""
    missing = []
    for widget in (root, *root.findChildren(QWidget)):
        if not isinstance(widget, INTERACTIVE) or _is_qt_internal(widget):
            continue
        interface = QAccessible.queryAccessibleInterface(widget)
        name = interface.text(QAccessible.Text.Name) if interface is not None else ""
        if not any(c.isalnum() for c in name):  # "…" or "★" says nothing read aloud
            missing.append(f"{type(widget).__name__} {path_of(widget)}")

    return missing


def test_the_check_finds_a_control_without_a_name(qtbot):
    form = QWidget()
    qtbot.addWidget(form)
    layout = QVBoxLayout(form)
    named_by_label, unnamed, named_itself = QLineEdit(), QLineEdit(), QLineEdit()
    unnamed.setObjectName("nameless")
    named_itself.setAccessibleName("Title")
    label = QLabel("&Author")
    label.setBuddy(named_by_label)
    symbol = QPushButton("…")
    symbol.setObjectName("symbolOnly")
    for widget in (label, named_by_label, unnamed, named_itself, symbol):
        layout.addWidget(widget)
    assert unnamed_controls(form) == [
        "QLineEdit QWidget/nameless",
        "QPushButton QWidget/symbolOnly",
    ]


def _generate_variants(qtbot, window) -> None:
    """One generation with two variants: the output pager, the cards, the token view."""
    wait_ready(qtbot, window)
    pick_task(window, "story")
    window.prompt.prompt_edit.setPlainText("the sea")
    window.prompt.variants.setValue(2)
    window.generate_action.trigger()
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.variants.findChildren(QAbstractButton) != [])


def open_every_dialog(qtbot, window) -> list[QWidget]:
    """Opens each dialog the way the app does, after a generation gave them something to show."""
    _generate_variants(qtbot, window)
    window.variants.findChild(QAbstractButton, "useVariant").click()  # the output to page
    qtbot.waitUntil(window.show_tokens_action.isEnabled)
    actions = {a.objectName(): a for a in window.findChildren(QAction) if a.objectName()}
    for name in (
        "replaceAction",
        "searchEverythingAction",
        "revisionsAction",
        "trainOnMyWriting",
        "preferencesAction",
    ):
        actions[name].trigger()
    window.manage_models_action.trigger()
    window.show_tokens_action.trigger()
    window.findChild(AdaptersController).open_manager()
    window.findChild(KeyboardController).show_shortcuts()
    ServeDialog("key", window).show()  # the serve controller runs it with exec()
    qtbot.waitUntil(lambda: window.findChild(TokenView) is not None)
    dialogs = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window]
    assert {w.objectName() or type(w).__name__ for w in dialogs} >= {
        "searchDialog",
        "revisionsDialog",
        "trainingDialog",
        "modelManager",
        "tokenView",
        "adaptersDialog",
        "shortcutsDialog",
        "ServeDialog",
        "preferencesDialog",
    }
    return dialogs


def labels_without_buddy(root: QWidget) -> list[str]:
    """Labels that show an Alt+letter but take the focus nowhere."""
    return [
        f"{label.text()!r} in {path_of(label)}"
        for label in root.findChildren(QLabel)
        if "&" in label.text().replace("&&", "")
        and label.textFormat() != Qt.TextFormat.RichText
        and "<" not in label.text()  # rich text: & starts an entity there
        and label.buddy() is None
    ]


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # Search Everything raises
def test_every_control_of_the_window_and_its_dialogs_has_a_name(qtbot, make_window):
    window = make_window()
    for task in ("translate", "ad_copy"):  # tasks whose fields are lists and lines
        pick_task(window, task)
        assert unnamed_controls(window) == [], task
    window.prompt.settings.findChild(QAbstractButton, "settingsToggle").click()
    dialogs = open_every_dialog(qtbot, window)
    missing = [name for root in (window, *dialogs) for name in unnamed_controls(root)]
    assert missing == [], "controls without an accessible name:\n" + "\n".join(missing)
    no_buddy = [name for root in (window, *dialogs) for name in labels_without_buddy(root)]
    assert no_buddy == []
    for dialog in dialogs:
        dialog.close()


def _tab_trap(dialog: QWidget) -> str | None:
    """Where Tab gets stuck in `dialog`, or never comes back to where it started."""
    reachable = [
        w
        for w in dialog.findChildren(QWidget)
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisible() and w.isEnabled()
    ]
    if len(reachable) < 2:
        return None  # nowhere else to go (Esc closes it)
    reachable[0].setFocus(Qt.FocusReason.TabFocusReason)
    start = dialog.focusWidget()
    here = start
    for _ in range(120):
        QTest.keyClick(here, Qt.Key.Key_Tab)
        after = dialog.focusWidget()
        if after is here:
            return f"Tab is stuck in {path_of(here)}"
        if after is start:
            return None
        here = after
    return f"Tab never comes back to {path_of(start)}"


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_tab_goes_round_every_dialog(qtbot, make_window):
    window = make_window()
    traps = [trap for dialog in open_every_dialog(qtbot, window) if (trap := _tab_trap(dialog))]
    assert traps == []


def test_the_main_controls_explain_themselves(make_window):
    window = make_window()
    for widget in (
        window.editor,
        window.prompt.task_picker,
        window.prompt.generate_button,
        window.prompt.stop_button,
        window.history.view,
        window.drafts.list,
    ):
        interface = QAccessible.queryAccessibleInterface(widget)
        assert interface.text(QAccessible.Text.Description).strip(), widget.objectName()
    assert window.prompt.prompt_edit.tabChangesFocus()
    assert window.editor.focusPolicy() & Qt.FocusPolicy.TabFocus
