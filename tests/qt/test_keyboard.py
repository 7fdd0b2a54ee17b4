"""Working without a mouse: shortcuts, the shortcuts view, tab order, no traps, the ring."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget
from qt_helpers import pick_task, wait_idle, wait_ready

from desktop_app.ui.focus_ring import FocusRing
from desktop_app.ui.keyboard import KeyboardController
from desktop_app.ui.shortcuts_dialog import ShortcutsDialog


def keyboard_of(window) -> KeyboardController:
    controller = window.findChild(KeyboardController)
    assert controller is not None
    return controller


def test_no_two_actions_share_a_shortcut(make_window):
    window = make_window()
    owners: dict[str, list[str]] = defaultdict(list)
    for action in window.findChildren(QAction):
        if action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut:
            continue  # only while its own widget has the focus: the menus just show the key
        for key in action.shortcuts():
            if not key.isEmpty():
                owners[key.toString()].append(action.text())
    shared = {key: names for key, names in owners.items() if len(names) > 1}
    assert shared == {}


def test_every_menu_entry_has_an_accelerator(make_window):
    window = make_window()
    missing = []

    def walk(actions: list[QAction]) -> None:
        for action in actions:
            if action.isSeparator() or not action.text():
                continue
            # A choice among names (a language, a recent model) is picked with the arrows.
            if "&" not in action.text().replace("&&", "") and action.actionGroup() is None:
                missing.append(action.text())

            if action.menu():
                walk(action.menu().actions())

    walk(window.menuBar().actions())
    assert missing == []


def test_the_shortcuts_view_lists_the_actions_of_the_menus(qtbot, make_window):
    window = make_window()
    window.reload_model_action.setShortcut(QKeySequence("Ctrl+Alt+L"))  # a shortcut added
    qtbot.keyClick(window.editor, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()
    rows = {
        group: {item.text(0): item.text(1) for item in items}
        for group, items in dialog.groups().items()
    }
    native = QKeySequence("Ctrl+Alt+L").toString(QKeySequence.SequenceFormat.NativeText)
    assert rows["Model"]["Reload Model"] == native
    assert rows["File"]["New Draft"] == QKeySequence(QKeySequence.StandardKey.New).toString(
        QKeySequence.SequenceFormat.NativeText
    )
    assert "Keyboard Shortcuts…" in rows["Help"]
    assert "Next Control" in rows["View"]

    qtbot.keyClicks(dialog.filter, "reload")
    assert dialog.visible_actions() == ["Reload Model"]
    dialog.filter.clear()
    qtbot.keyClicks(dialog.filter, native)  # by its keys too
    assert dialog.visible_actions() == ["Reload Model"]
    dialog.close()


def test_tab_types_in_the_editor_and_ctrl_tab_leaves_it(qtbot, make_window):
    window = make_window()
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    assert window.editor.toPlainText() == "\t"
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.prompt.task_picker
    assert window.editor.toPlainText() == "\t"
    qtbot.keyClick(window.prompt.task_picker, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is window.editor  # Shift+Tab comes back into it
    key = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.editor, Qt.Key.Key_Backtab, key)
    assert QApplication.focusWidget() is window.draft_tabs
    assert window.editor.toPlainText() == "\t"


def test_tab_goes_round_the_whole_window_and_back(qtbot, make_window):
    window = make_window()
    wait_ready(qtbot, window)  # Generate is enabled, so on the way
    pick_task(window, "story")
    window.prompt.prompt_edit.setPlainText("the sea")
    window.generate_action.trigger()  # a row in the history, whose cells Tab must not walk
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.history.model.rowCount() == 1)
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    visited: list[QWidget] = []
    for _ in range(60):
        focus = QApplication.focusWidget()
        if focus is window.editor:
            break
        visited.append(focus)
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is not focus, f"Tab is trapped in {focus.objectName()}"
    assert QApplication.focusWidget() is window.editor
    names = [widget.objectName() for widget in visited]
    order = ["taskPicker", "promptEdit", "generateButton", "historyView", "draftList", "draftTabs"]
    assert [name for name in names if name in order] == order


def test_f6_moves_between_the_panels(qtbot, make_window):
    window = make_window()
    window.editor.setFocus()
    seen = []
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
        seen.append(QApplication.focusWidget())
    assert seen == [
        window.prompt.prompt_edit,
        window.history.view,
        window.drafts.list,
        window.editor,
    ]
    qtbot.keyClick(window.editor, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is window.drafts.list
    window.prompt.settings.findChild(QWidget, "settingsToggle").setFocus()  # in a panel
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    assert QApplication.focusWidget() is window.history.view


def test_the_focus_ring_surrounds_the_control_reached_by_keyboard(qtbot, make_window):
    window = make_window()
    ring_keeper = QApplication.instance().findChild(FocusRing)
    assert ring_keeper is not None
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    picker = window.prompt.task_picker
    assert ring_keeper.target is picker
    ring = ring_keeper.ring
    assert ring is not None and ring.isVisible() and ring.parentWidget() is window
    assert ring.geometry().contains(in_window(picker))
    window.resize(window.width() - 120, window.height())  # the ring follows the control
    qtbot.waitUntil(lambda: ring.geometry().center() == in_window(picker).center())
    assert ring.geometry().contains(in_window(picker))

    qtbot.mouseClick(window.editor.viewport(), Qt.MouseButton.LeftButton)
    assert not ring.isVisible()  # a click shows where the focus is by itself


def in_window(widget: QWidget) -> QRect:
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())
