"""Tabs for the open drafts: open, switch, close, rename, trash, and back after a restart."""

from __future__ import annotations

from draft_helpers import click_draft, click_tab, seed_drafts, tab_titles, titles
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QInputDialog, QTabBar
from qt_helpers import controller_of

from desktop_app.data import DraftRepository, open_database
from desktop_app.paths import DataPaths


def close_button(window, title: str):
    tabs = window.draft_tabs
    return tabs.tabButton(tab_titles(window).index(title), QTabBar.ButtonPosition.RightSide)


def test_opened_drafts_get_tabs_and_a_click_switches_after_saving(qtbot, make_window, tmp_path):
    seed_drafts(tmp_path, [("One", "First.", None), ("Two", "Second.", None)])
    window = make_window()
    assert window.findChild(QTabBar, "draftTabs") is window.draft_tabs
    assert tab_titles(window) == ["Two"]
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    window.editor.insertPlainText(" More.")
    click_draft(qtbot, window, "One")
    assert tab_titles(window) == ["Two", "One"]
    assert window.draft_tabs.currentIndex() == 1

    click_tab(qtbot, window, "Two")
    assert window.editor.toPlainText() == "Second. More."
    click_tab(qtbot, window, "One")
    assert window.editor.toPlainText() == "First."
    database = open_database(DataPaths(tmp_path).database)
    try:
        drafts = DraftRepository(database)
        assert [drafts.get(d.id).body for d in drafts.list_summaries()] == [
            "Second. More.",
            "First.",
        ]
    finally:
        database.close()


def test_closing_tabs_keeps_a_draft_open(qtbot, make_window, tmp_path):
    seed_drafts(tmp_path, [("A", "a", None), ("B", "b", None), ("C", "c", None)])
    window = make_window()  # C, the newest, opens
    click_draft(qtbot, window, "A")
    click_draft(qtbot, window, "B")
    assert tab_titles(window) == ["C", "A", "B"]

    qtbot.mouseClick(close_button(window, "C"), Qt.MouseButton.LeftButton)  # not the open one
    assert tab_titles(window) == ["A", "B"]
    assert window.editor.toPlainText() == "b"

    qtbot.mouseClick(close_button(window, "B"), Qt.MouseButton.LeftButton)  # the open one
    assert tab_titles(window) == ["A"]
    assert window.editor.toPlainText() == "a"  # its neighbour opened
    assert close_button(window, "A") is None  # the last tab cannot be closed
    controller_of(window).drafts.close_tab(controller_of(window).drafts.current_draft_id)
    assert tab_titles(window) == ["A"]
    assert sorted(titles(window)) == ["A", "B", "C"]  # closing a tab deletes nothing


def test_renaming_and_trashing_update_the_tabs(qtbot, make_window, tmp_path, monkeypatch):
    seed_drafts(tmp_path, [("Old name", "x", None), ("Other", "y", None)])
    window = make_window()
    click_draft(qtbot, window, "Old name")
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("New & name", True))
    window.rename_draft_action.trigger()
    assert tab_titles(window) == ["Other", "New & name"]
    assert window.draft_tabs.tabText(1) == "New && name"  # shown as "&", not a mnemonic

    click_tab(qtbot, window, "Other")
    window.delete_draft_action.trigger()
    assert tab_titles(window) == ["New & name"]
    assert window.editor.toPlainText() == "x"

    undo = window.statusBar().findChild(object, "undoButton")
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    assert tab_titles(window) == ["Other", "New & name"]  # back in its place
    assert window.editor.toPlainText() == "y"


def test_tabs_and_their_order_survive_a_restart(qtbot, make_window, tmp_path):
    seed_drafts(tmp_path, [("A", "a", None), ("B", "b", None), ("C", "c", None), ("D", "", None)])
    window = make_window()
    for title in ("A", "B", "C"):
        click_draft(qtbot, window, title)
    window.draft_tabs.moveTab(0, 3)  # D to the end, as a drag would
    click_tab(qtbot, window, "B")
    assert tab_titles(window) == ["A", "B", "C", "D"]
    window.close()

    reopened = make_window()
    assert tab_titles(reopened) == ["A", "B", "C", "D"]
    assert reopened.draft_tabs.currentIndex() == 1
    assert reopened.editor.toPlainText() == "b"
    controller_of(reopened).drafts.delete_draft(controller_of(reopened).drafts.current_draft_id)
    reopened.close()

    again = make_window()
    assert "B" not in tab_titles(again)  # a trashed draft's tab does not come back
    assert len(tab_titles(again)) == 3
