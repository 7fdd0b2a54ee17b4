"""Reading and clicking the draft list and the tabs as a writer would."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListView

from desktop_app.data import DraftRepository, open_database
from desktop_app.paths import DataPaths
from desktop_app.ui.main_window import MainWindow


def titles(window: MainWindow, view: QListView | None = None) -> list[str]:
    """The titles the list shows, top to bottom."""
    model = (view or window.drafts.list).model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def tab_titles(window: MainWindow) -> list[str]:
    tabs = window.draft_tabs
    return [tabs.tabToolTip(index) for index in range(tabs.count())]


def click_draft(qtbot, window: MainWindow, title: str, view: QListView | None = None) -> None:
    view = view or window.drafts.list
    [row] = [row for row, shown in enumerate(titles(window, view)) if shown == title]
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def click_tab(qtbot, window: MainWindow, title: str) -> None:
    tabs = window.draft_tabs
    index = tab_titles(window).index(title)
    qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(index).center())


def seed_drafts(data_dir: Path, drafts: list[tuple[str, str, str | None]]) -> list[int]:
    """Writes (title, body, project) drafts into the library before a window opens it."""
    database = open_database(DataPaths(data_dir).database)
    try:
        repository = DraftRepository(database)
        return [repository.create(title, body, project).id for title, body, project in drafts]
    finally:
        database.close()
