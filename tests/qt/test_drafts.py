"""Drafts in the real window: create, rename, delete, switch, autosave, reopen."""

from __future__ import annotations

from any_script import SAMPLES
from draft_helpers import click_draft, titles
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QWidget
from qt_helpers import controller_of

from desktop_app.data import DraftRepository, GenerationRepository, open_database
from desktop_app.domain.generation import GenerationRequest
from desktop_app.domain.records import GenerationStatus
from desktop_app.paths import DataPaths


def rename_to(monkeypatch, title: str) -> None:
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: (title, True))


def test_first_start_opens_an_empty_draft(make_window):
    window = make_window()
    assert titles(window) == ["Untitled"]
    assert window.editor.toPlainText() == ""
    assert "Untitled" in window.windowTitle()


def test_create_rename_switch_and_delete(qtbot, make_window, monkeypatch):
    window = make_window()
    window.editor.insertPlainText("Chapter one.")
    rename_to(monkeypatch, "  Chapter   One ")
    window.rename_draft_action.trigger()
    assert titles(window) == ["Chapter One"]

    qtbot.keyClick(window.editor, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.toPlainText() == ""
    window.editor.insertPlainText("Chapter two.")
    rename_to(monkeypatch, "Chapter Two")
    window.rename_draft_action.trigger()
    assert set(titles(window)) == {"Chapter One", "Chapter Two"}

    click_draft(qtbot, window, "Chapter One")
    assert window.editor.toPlainText() == "Chapter one."
    click_draft(qtbot, window, "Chapter Two")
    assert window.editor.toPlainText() == "Chapter two."

    window.delete_draft_action.trigger()
    assert titles(window) == ["Chapter One"]
    assert window.editor.toPlainText() == "Chapter one."


def test_a_deleted_draft_comes_back_with_undo(qtbot, make_window):
    window = make_window()
    window.editor.insertPlainText("Keep me.")
    window.delete_draft_action.trigger()  # no question asked: the trash keeps it
    assert window.editor.toPlainText() == ""
    notice = window.findChild(QWidget, "undoNotice")
    assert notice.isVisible() and "Untitled" in notice.label.text()
    qtbot.mouseClick(notice.button, Qt.MouseButton.LeftButton)
    assert titles(window) == ["Untitled", "Untitled"]  # with the empty one opened meanwhile
    assert window.editor.toPlainText() == "Keep me."


def test_typing_is_autosaved_within_two_seconds(qtbot, make_window, tmp_path):
    window = make_window()
    draft_id = controller_of(window).drafts.current_draft_id
    qtbot.keyClicks(window.editor, "Every word counts")
    database = open_database(DataPaths(tmp_path).database)
    try:
        drafts = DraftRepository(database)
        qtbot.waitUntil(lambda: drafts.get(draft_id).body == "Every word counts", timeout=2000)
    finally:
        database.close()


def test_last_open_draft_reopens_on_start(qtbot, make_window, monkeypatch, tmp_path):
    window = make_window()
    window.editor.insertPlainText("First draft.")
    window.new_draft_action.trigger()
    window.editor.insertPlainText("Second draft, still open at exit.")
    assert set(titles(window)) == {"Untitled", "Untitled 2"}
    click_draft(qtbot, window, "Untitled")
    click_draft(qtbot, window, "Untitled 2")
    window.close()

    reopened = make_window()
    assert reopened.editor.toPlainText() == "Second draft, still open at exit."
    assert set(titles(reopened)) == {"Untitled", "Untitled 2"}


def test_interrupted_generations_are_marked_at_start(make_window, tmp_path):
    database = open_database(DataPaths(tmp_path).database)
    request = GenerationRequest("poem", (("prompt", "x"),), (), "x")
    GenerationRepository(database).start(None, request, "fake-model")
    database.close()

    window = make_window()
    record = window.history.model.record(0)
    assert record.status is GenerationStatus.INTERRUPTED


def test_a_5mb_paste_in_any_script_is_saved_and_reopened_exactly(make_window, tmp_path):
    window = make_window()
    # Accents, conjuncts, emoji sequences, bidi marks and no-break spaces (any_script.py).
    mixed = "\n".join(SAMPLES.values()) + "\n"
    text = mixed * (5_000_000 // len(mixed))
    QApplication.clipboard().setText(text)
    window.editor.paste()
    controller = controller_of(window)
    assert controller.drafts.autosaver.flush()
    database = open_database(DataPaths(tmp_path).database)
    try:
        assert DraftRepository(database).get(controller.drafts.current_draft_id).body == text
    finally:
        database.close()
    window.close()
    assert make_window().editor.toPlainText() == text


def test_the_list_shows_the_open_drafts_length_once_saved(qtbot, make_window):
    window = make_window()
    panel = window.drafts
    window.editor.setFocus()
    window.editor.insertPlainText("Three short words")
    qtbot.waitUntil(lambda: not controller_of(window).drafts.autosaver.dirty, timeout=3000)
    index = panel.proxy.index(0, 0)
    qtbot.waitUntil(lambda: panel.model.summary(0).word_count == 3, timeout=3000)
    assert "3 words" in panel.model._details[0]
    assert panel.proxy.rowCount() == 1 and index.isValid()
