"""The draft library in the real window: trash, duplicate, projects, sort, filter, keys."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from draft_helpers import click_draft, seed_drafts, tab_titles, titles
from PySide6.QtCore import QLocale, QPoint, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QInputDialog, QMenu, QMessageBox
from qt_helpers import controller_of, pick_task, wait_idle, wait_ready

from desktop_app.data import GenerationRepository, open_database
from desktop_app.generation.fake_engine import FakeEngine
from desktop_app.paths import DataPaths
from desktop_app.services.library import Library, StorageError
from desktop_app.ui.draft_list_model import NO_PROJECT, SortKey, short_date, title_order


def choose_project(monkeypatch, name: str) -> None:
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args, **kwargs: (name, True))


def filter_on(window, project: str | None) -> None:
    picker = window.drafts.project_picker
    picker.setCurrentIndex(picker.findData(project) if project is not None else 0)


def sort_by(window, key: SortKey) -> None:
    picker = window.drafts.sort_picker
    picker.setCurrentIndex(picker.findData(key.value))


def type_at_end(window, text: str) -> None:
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    window.editor.insertPlainText(text)


def generate_poem(window) -> None:
    pick_task(window, "poem")
    window.prompt.prompt_edit.setPlainText("rain")
    window.generate_action.trigger()


def titles_to_ids(window) -> dict[str, int]:
    return {d.title: d.id for d in window.drafts.model.drafts()}


def select(window, title: str) -> None:
    """Moves the selection (not the open draft) to the draft, as the arrow keys would."""
    view = window.drafts.list
    view.setCurrentIndex(view.model().index(titles(window).index(title), 0))


def test_trash_and_restore_round_trip_including_the_open_draft(qtbot, make_window, tmp_path):
    seed_drafts(tmp_path, [("Keeper", "Stays.", None), ("Letter", "Dear you,", None)])
    window = make_window()
    assert window.editor.toPlainText() == "Dear you,"  # the newest opens
    type_at_end(window, " unsaved words")

    select(window, "Letter")
    window.drafts.list.setFocus()
    qtbot.keyClick(window.drafts.list, Qt.Key.Key_Delete)
    assert titles(window) == ["Keeper"]
    assert window.editor.toPlainText() == "Stays."  # the next one opened
    assert tab_titles(window) == ["Keeper"]
    assert window.drafts.trash_button.text() == "Trash (1)"

    qtbot.mouseClick(window.drafts.trash_button, Qt.MouseButton.LeftButton)
    trash = window.drafts.trash_list
    assert titles(window, trash) == ["Letter"]
    assert (
        trash.model()
        .index(0, 0)
        .data(Qt.ItemDataRole.AccessibleDescriptionRole)
        .startswith("Deleted ")
    )
    click_draft(qtbot, window, "Letter", trash)  # selects; Restore acts on it
    qtbot.mouseClick(window.drafts.restore_button, Qt.MouseButton.LeftButton)
    assert window.editor.toPlainText() == "Dear you, unsaved words"  # saved before it went
    assert set(titles(window)) == {"Keeper", "Letter"}
    assert titles(window, trash) == []
    assert tab_titles(window) == ["Keeper", "Letter"]
    assert window.drafts.trash_button.text() == "Trash"


def test_trashing_the_last_draft_opens_a_new_empty_one(make_window):
    window = make_window()
    window.editor.insertPlainText("Only draft.")
    window.delete_draft_action.trigger()
    assert window.editor.toPlainText() == ""
    assert titles(window) == ["Untitled"]
    assert titles(window, window.drafts.trash_list) == ["Untitled"]


def test_empty_trash_asks_and_removes_only_trashed_drafts(
    qtbot, make_window, tmp_path, monkeypatch
):
    window = make_window(FakeEngine(reply="Generated words."))
    wait_ready(qtbot, window)
    generate_poem(window)  # into the draft that will go to the trash
    wait_idle(qtbot, window)
    controller = controller_of(window).drafts
    gone_id = controller.current_draft_id
    window.new_draft_action.trigger()
    window.new_draft_action.trigger()
    window.editor.insertPlainText("Kept.")
    controller.delete_draft(gone_id)
    controller.delete_draft(titles_to_ids(window)["Untitled 2"])
    assert titles(window) == ["Untitled 3"]

    asked: list[int] = []
    monkeypatch.setattr(controller, "confirm_empty_trash", lambda n: asked.append(n) or False)
    window.drafts.show_trash(True)
    window.drafts.empty_trash_action.trigger()
    assert asked == [2]
    assert len(titles(window, window.drafts.trash_list)) == 2  # declined: nothing went

    monkeypatch.setattr(controller, "confirm_empty_trash", lambda _count: True)
    window.drafts.empty_trash_action.trigger()
    assert titles(window, window.drafts.trash_list) == []
    assert not window.drafts.showing_trash()
    assert titles(window) == ["Untitled 3"]
    assert window.editor.toPlainText() == "Kept."
    database = open_database(DataPaths(tmp_path).database)
    try:
        [record] = GenerationRepository(database).list_recent(10)
        assert record.output == "Generated words." and record.draft_id is None
    finally:
        database.close()
    assert window.history.model.rowCount() == 1


def test_empty_trash_confirmation_names_how_many(qtbot, make_window, tmp_path):
    ids = seed_drafts(tmp_path, [("A", "", None), ("B", "", None), ("C", "", None)])
    window = make_window()
    controller = controller_of(window).drafts
    for draft_id in ids[:2]:
        controller.delete_draft(draft_id)
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.Cancel).click()

    QTimer.singleShot(0, answer)
    controller.empty_trash()
    assert seen == ["Delete the 2 drafts in the trash for good?"]
    assert len(titles(window, window.drafts.trash_list)) == 2


def test_duplicate_names_copies_and_opens_them(qtbot, make_window, tmp_path):
    seed_drafts(tmp_path, [("Poem", "Roses.", "Verse")])
    window = make_window()
    type_at_end(window, " Violets.")  # not saved yet: the copy must have it
    window.duplicate_draft_action.trigger()
    assert "Poem (copy)" in window.windowTitle()
    assert window.editor.toPlainText() == "Roses. Violets."

    click_draft(qtbot, window, "Poem")
    window.drafts.duplicate_action.trigger()
    assert "Poem (copy 2)" in window.windowTitle()
    window.duplicate_draft_action.trigger()  # a copy of a copy counts on from the original
    assert "Poem (copy 3)" in window.windowTitle()
    assert sorted(titles(window)) == ["Poem", "Poem (copy 2)", "Poem (copy 3)", "Poem (copy)"]
    assert {d.project for d in window.drafts.model.drafts()} == {"Verse"}
    assert tab_titles(window)[-1] == "Poem (copy 3)"


def test_projects_filter_move_and_new_drafts(qtbot, make_window, tmp_path, monkeypatch):
    seed_drafts(
        tmp_path,
        [("Ch 1", "", "Novel"), ("Ad", "", "Work"), ("Loose", "", None), ("Ch 2", "", "Novel")],
    )
    window = make_window()
    picker = window.drafts.project_picker
    assert [picker.itemText(i) for i in range(picker.count())] == [
        "All drafts",
        "Novel",
        "Work",
        "No project",
    ]
    filter_on(window, "Novel")
    assert titles(window) == ["Ch 2", "Ch 1"]
    filter_on(window, NO_PROJECT)
    assert titles(window) == ["Loose"]

    select(window, "Loose")
    choose_project(monkeypatch, "Novel")
    window.drafts.move_action.trigger()
    assert titles(window) == []  # it left "No project"
    filter_on(window, "Novel")
    assert set(titles(window)) == {"Ch 1", "Ch 2", "Loose"}

    window.new_draft_action.trigger()  # lands in the project filtered on
    assert "Untitled" in titles(window)
    assert controller_of(window).drafts.current.project == "Novel"

    select(window, "Ch 1")
    choose_project(monkeypatch, "  Short   Stories ")  # a new project, typed
    window.drafts.move_action.trigger()
    assert "Short Stories" in [picker.itemText(i) for i in range(picker.count())]
    filter_on(window, "Short Stories")
    assert titles(window) == ["Ch 1"]

    select(window, "Ch 1")
    choose_project(monkeypatch, "No project")
    window.drafts.move_action.trigger()
    assert picker.currentIndex() == 0  # its project is gone, so all drafts show
    assert picker.findText("Short Stories") == -1
    filter_on(window, NO_PROJECT)
    assert titles(window) == ["Ch 1"]


def test_sort_orders(make_window, tmp_path):
    ids = seed_drafts(
        tmp_path,
        [
            ("chapter 10", "one two three", None),
            ("Chapter 2", "one", None),
            ("Épilogue", "one two three four five", None),
            ("apple", "one two", None),
        ],
    )
    database = open_database(DataPaths(tmp_path).database)
    Library(database).save_draft(ids[0], "one two three changed")
    database.close()
    window = make_window()
    assert titles(window) == ["chapter 10", "apple", "Épilogue", "Chapter 2"]  # last changed
    sort_by(window, SortKey.TITLE)
    assert titles(window) == ["apple", "Chapter 2", "chapter 10", "Épilogue"]
    sort_by(window, SortKey.CREATED)
    assert titles(window) == ["apple", "Épilogue", "Chapter 2", "chapter 10"]
    sort_by(window, SortKey.WORDS)
    assert titles(window) == ["Épilogue", "chapter 10", "apple", "Chapter 2"]


def test_title_filter_ignores_case_and_width_and_finds_cjk(qtbot, make_window, tmp_path):
    seed_drafts(
        tmp_path,
        [("春の詩", "", None), ("Spring Poem", "", None), ("ＡＢＣ notes", "", None)],
    )
    window = make_window()
    field = window.drafts.filter_edit
    qtbot.keyClicks(field, "POEM")
    assert titles(window) == ["Spring Poem"]
    field.setText("春")
    assert titles(window) == ["春の詩"]
    field.setText("abc")
    assert titles(window) == ["ＡＢＣ notes"]
    field.setText("spring  po")
    assert titles(window) == ["Spring Poem"]
    field.setText("nothing like it")
    assert titles(window) == []
    field.clear()
    assert len(titles(window)) == 3
    assert window.editor.toPlainText() == ""  # narrowing never opened a draft


def test_keys_open_rename_and_trash_the_selected_draft(qtbot, make_window, tmp_path, monkeypatch):
    seed_drafts(tmp_path, [("Other", "Other text.", None), ("Open", "Open text.", None)])
    window = make_window()
    view = window.drafts.list
    view.setFocus()
    select(window, "Open")
    qtbot.keyClick(view, Qt.Key.Key_Down)  # moves the selection only
    assert window.editor.toPlainText() == "Open text."

    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("Renamed", True))
    qtbot.keyClick(view, Qt.Key.Key_F2)  # the selected draft, not the open one
    assert "Renamed" in titles(window)
    assert "Open" in window.windowTitle()

    select(window, "Renamed")
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.editor.toPlainText() == "Other text."
    select(window, "Open")
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert titles(window) == ["Renamed"]
    assert window.editor.toPlainText() == "Other text."


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")  # offscreen
def test_the_context_menu_offers_every_action(qtbot, make_window, tmp_path):
    seed_drafts(tmp_path, [("Draft", "", None)])
    window = make_window()
    view = window.drafts.list
    before = set(window.drafts.findChildren(QMenu))
    view.customContextMenuRequested.emit(view.visualRect(view.model().index(0, 0)).center())
    [menu] = set(window.drafts.findChildren(QMenu)) - before
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == [
        "&Open",
        "&Rename…",
        "D&uplicate",
        "Move to &Project…",
        "Move to &Trash",
        "&New Draft",
    ]
    assert all(a.isEnabled() for a in menu.actions() if not a.isSeparator())
    menu.close()

    window.drafts.show_trash(True)
    view = window.drafts.trash_list
    view.customContextMenuRequested.emit(QPoint(5, 5))
    [menu] = set(window.drafts.findChildren(QMenu)) - before - {menu}
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["&Restore", "&Empty Trash…"]
    assert not any(a.isEnabled() for a in menu.actions() if not a.isSeparator())  # empty
    menu.close()


def test_a_streaming_generation_locks_the_library(qtbot, make_window):
    window = make_window(FakeEngine(reply="word " * 400, delay_s=0.01))
    wait_ready(qtbot, window)
    window.new_draft_action.trigger()
    window.delete_draft_action.trigger()
    notice = window.statusBar().findChild(object, "undoNotice")
    generate_poem(window)
    qtbot.waitUntil(window.stop_action.isEnabled)
    for action in (window.duplicate_draft_action, window.move_draft_action):
        assert not action.isEnabled()
    assert not window.draft_tabs.isEnabled()
    assert not window.drafts.isEnabled()
    assert not notice.isEnabled()
    window.stop_action.trigger()
    wait_idle(qtbot, window)
    assert window.duplicate_draft_action.isEnabled() and window.draft_tabs.isEnabled()
    assert notice.isEnabled()


def test_storage_errors_keep_everything(qtbot, make_window, monkeypatch):
    window = make_window()
    window.editor.insertPlainText("Precious.")

    def refuse(*_args, **_kwargs):
        raise StorageError("The disk is full.")

    for name in ("delete_draft", "duplicate_draft", "set_project"):
        monkeypatch.setattr(Library, name, refuse)
    choose_project(monkeypatch, "Novel")
    for action in (
        window.delete_draft_action,
        window.duplicate_draft_action,
        window.move_draft_action,
    ):
        action.trigger()
        qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorDialog") is not None)
        box = window.findChild(QMessageBox, "errorDialog")
        assert "The disk is full." in box.informativeText()
        box.setObjectName("")  # the next action's box is found anew
        box.close()
    assert titles(window) == ["Untitled"]
    assert window.editor.toPlainText() == "Precious."
    assert controller_of(window).drafts.current.project is None


@pytest.fixture
def c_locale():
    """Dates and numbers as the C locale writes them, whatever the machine's language."""
    saved = QLocale()
    QLocale.setDefault(QLocale.c())
    yield
    QLocale.setDefault(saved)


def test_short_dates_and_title_order(c_locale):
    now = datetime(2024, 5, 15, 12, 0, tzinfo=UTC).astimezone()
    earlier = now - timedelta(minutes=5)
    assert short_date(earlier, now) == f"{earlier.hour:02}:{earlier.minute:02}"
    assert short_date(now - timedelta(days=1), now) == "Yesterday"
    assert short_date(now - timedelta(days=1), now, "yesterday") == "yesterday"
    assert short_date(now - timedelta(days=3), now) == "Sun"
    assert short_date(now - timedelta(days=30), now) == "15 Apr"
    assert short_date(now - timedelta(days=400), now) == "11 Apr 2023"
    ordered = sorted(["Chapter 10", "chapter 2", "Épilogue", "ｅｐｉｃ", "Apple"], key=title_order)
    assert ordered == ["Apple", "chapter 2", "Chapter 10", "ｅｐｉｃ", "Épilogue"]
