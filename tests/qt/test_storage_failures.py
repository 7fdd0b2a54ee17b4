"""When the database refuses a write, no word the writer typed is lost."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog
from qt_helpers import controller_of, wait_ready

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
