"""When the database refuses a write, no word the writer typed is lost."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtWidgets import QFileDialog
from qt_helpers import controller_of, pick_task, wait_idle, wait_ready

from desktop_app.generation.fake_engine import FakeEngine
from desktop_app.services.library import Library, StorageError


def break_saving(monkeypatch) -> None:
    def refuse(*_args, **_kwargs):
        raise StorageError("Could not save: the disk is full.")

    monkeypatch.setattr(Library, "save_draft", refuse)


def test_failed_save_keeps_the_window_open_until_the_writer_decides(make_window, monkeypatch):
    window = make_window()
    controller = controller_of(window)
    break_saving(monkeypatch)
    window.editor.insertPlainText("Words that must not vanish.")
    asked: list[str] = []
    monkeypatch.setattr(
        controller.drafts, "ask_how_to_close", lambda error: asked.append(error) or "cancel"
    )

    assert not window.close()
    assert window.isVisible()
    assert asked == ["Could not save: the disk is full."]
    assert window.editor.toPlainText() == "Words that must not vanish."

    monkeypatch.setattr(controller.drafts, "ask_how_to_close", lambda _error: "discard")
    assert window.close()


def test_save_a_copy_writes_the_text_elsewhere_then_closes(make_window, monkeypatch, tmp_path):
    window = make_window()
    controller = controller_of(window)
    break_saving(monkeypatch)
    window.editor.insertPlainText("第十二章 — the harbour.")
    copy = tmp_path / "rescued.txt"
    monkeypatch.setattr(controller.drafts, "ask_how_to_close", lambda _error: "copy")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(copy), ""))

    assert window.close()
    assert Path(copy).read_text(encoding="utf-8") == "第十二章 — the harbour."


def test_nothing_is_generated_while_the_draft_cannot_be_saved(qtbot, make_window, monkeypatch):
    engine = FakeEngine()
    window = make_window(engine)
    wait_ready(qtbot, window)
    break_saving(monkeypatch)
    window.editor.insertPlainText("Unsaved.")
    window.prompt.task_picker.setCurrentIndex(window.prompt.task_picker.findData("continue"))
    window.generate_action.trigger()
    assert "cannot be saved" in window.prompt.notice.text()
    assert engine.requests == []
    monkeypatch.undo()
    window.close()


def hold_saving(monkeypatch, *, then_refuse: bool = False) -> threading.Event:
    """Draft saves wait for the returned event, as a big draft's save takes its time."""
    gate = threading.Event()
    save = Library.save_draft

    def held(*args, **kwargs):
        assert gate.wait(10)
        if then_refuse:
            raise StorageError("Could not save: the disk is full.")
        return save(*args, **kwargs)

    monkeypatch.setattr(Library, "save_draft", held)
    return gate


def generate_behind_a_held_save(qtbot, make_window, monkeypatch, *, then_refuse=False):
    """A window whose Generate was pressed while the draft's save waits for `gate`."""
    engine = FakeEngine()
    window = make_window(engine)
    wait_ready(qtbot, window)
    gate = hold_saving(monkeypatch, then_refuse=then_refuse)
    window.editor.insertPlainText("A long chapter.")
    pick_task(window, "continue")
    window.generate_action.trigger()  # returns while the save is under way
    return window, engine, gate


def test_a_slow_save_holds_the_generation_not_the_window(qtbot, make_window, monkeypatch):
    window, engine, gate = generate_behind_a_held_save(qtbot, make_window, monkeypatch)
    window.generate_action.trigger()  # a second press meanwhile starts nothing more
    assert engine.requests == []  # nothing is generated before the text is stored
    gate.set()
    qtbot.waitUntil(lambda: len(engine.requests) == 1, timeout=5000)
    wait_idle(qtbot, window)
    assert len(engine.requests) == 1
    assert window.editor.toPlainText().startswith("A long chapter.")
    window.close()


def test_a_slow_save_that_fails_generates_nothing(qtbot, make_window, monkeypatch):
    window, engine, gate = generate_behind_a_held_save(
        qtbot, make_window, monkeypatch, then_refuse=True
    )
    gate.set()
    qtbot.waitUntil(lambda: "cannot be saved" in window.prompt.notice.text(), timeout=5000)
    assert engine.requests == []
    monkeypatch.undo()
    window.close()


def test_stop_while_the_save_is_under_way_starts_nothing(qtbot, make_window, monkeypatch):
    window, engine, gate = generate_behind_a_held_save(qtbot, make_window, monkeypatch)
    # Running as far as the window shows: no other draft can open, Stop is offered.
    assert window.prompt.stop_button.isEnabled()
    assert not window.new_draft_action.isEnabled()
    window.stop_action.trigger()
    gate.set()
    wait_idle(qtbot, window)
    qtbot.waitUntil(window.generate_action.isEnabled)
    assert engine.requests == []
    window.close()


def test_text_typed_while_drafts_cannot_open_becomes_a_new_draft(make_window, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise StorageError("The library is locked by another program.")

    with monkeypatch.context() as patch:
        patch.setattr(Library, "open_last_draft", refuse)
        window = make_window()
    controller = controller_of(window)
    assert controller.drafts.current_draft_id is None
    window.editor.insertPlainText("Typed before the library answered.")
    assert controller.drafts.autosaver.flush()
    assert controller.drafts.current_draft_id is not None
    assert window.drafts.list.model().rowCount() == 1
    window.close()
    reopened = make_window()
    assert reopened.editor.toPlainText() == "Typed before the library answered."
