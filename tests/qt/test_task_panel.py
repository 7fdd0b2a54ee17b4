"""Tasks in the assistant panel: their fields, a new draft, the writer's own tasks, and the
notice when the model cannot do a task."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QInputDialog, QLabel, QLineEdit, QMessageBox
from qt_helpers import controller_of, pick_task, wait_idle, wait_ready

from desktop_app.generation.fake_engine import FakeEngine

REPLY = "Fresh words from the model."


def test_fields_are_rebuilt_for_each_task_and_labelled(make_window):
    window = make_window()
    prompt = window.prompt
    pick_task(window, "marketing_email")
    audience = prompt.findChild(QLineEdit, "field_audience")
    assert audience is not None and audience.isVisible()
    assert audience.accessibleName() == "Audience"
    labels = {label.buddy(): label.text() for label in prompt.fields.findChildren(QLabel)}
    assert labels[audience] == "Audience:"
    assert prompt.prompt_edit.isVisible() and prompt.prompt_label.text() == "&Product or offer"

    pick_task(window, "translate")
    assert prompt.findChild(QLineEdit, "field_audience") is None
    into = prompt.findChild(QComboBox, "field_target_language")
    assert into is not None and into.currentData() == "English"  # the system's language here
    assert not prompt.prompt_edit.isVisible()  # translate needs only its fields

    audience_value = "gardeners"
    pick_task(window, "marketing_email")
    prompt.findChild(QLineEdit, "field_audience").setText(audience_value)
    pick_task(window, "translate")
    pick_task(window, "marketing_email")  # what the writer typed for a task stays with it
    assert prompt.field_values()["audience"] == audience_value


def test_fields_reach_the_prompt_and_a_new_draft_task_writes_into_a_new_draft(qtbot, make_window):
    engine = FakeEngine(reply=REPLY)
    window = make_window(engine)
    wait_ready(qtbot, window)
    window.editor.setPlainText("My own draft stays as it is.")
    drafts = controller_of(window).drafts
    first = drafts.current
    pick_task(window, "article")
    window.prompt.prompt_edit.setPlainText("why small teams ship faster")
    window.prompt.findChild(QLineEdit, "field_audience").setText("new managers")

    qtbot.mouseClick(window.prompt.generate_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)

    assert "for new managers" in engine.requests[0].messages[-1].content
    assert drafts.current.id != first.id
    assert drafts.current.title == "Article: why small teams ship faster"
    assert window.editor.toPlainText() == REPLY
    drafts.switch_draft(first.id)
    assert window.editor.toPlainText() == "My own draft stays as it is."


def test_new_task_from_this_prompt_is_saved_listed_reloaded_and_deleted(
    qtbot, make_window, tmp_path, monkeypatch
):
    window = make_window()
    pick_task(window, "slogan")
    window.prompt.prompt_edit.setPlainText("our corner bakery")
    tone = window.prompt.findChild(QComboBox, "field_tone")
    tone.setCurrentIndex(tone.findData("playful"))
    window.prompt.settings.temperature.setValue(0.65)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Bakery lines", True))
    window.prompt.new_task_action.trigger()

    task = window.prompt.current_task()
    assert (task.id, task.label, task.custom) == ("custom-bakery-lines", "Bakery lines", True)
    assert (tmp_path / "tasks" / "custom-bakery-lines.toml").is_file()
    window.close()

    reopened = make_window()
    prompt = reopened.prompt
    assert prompt.current_task().id == "custom-bakery-lines"  # listed, and chosen as it was
    assert prompt.prompt() == "our corner bakery"
    assert prompt.field_values()["tone"] == "playful"
    assert prompt.params().temperature == 0.65
    assert prompt.delete_task_action.isEnabled()

    # Its saved prompt fills an empty box, never over words the writer typed.
    pick_task(reopened, "slogan")
    prompt.prompt_edit.setPlainText("my own words")
    pick_task(reopened, "custom-bakery-lines")
    assert prompt.prompt() == "my own words"

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    prompt.delete_task_action.trigger()
    assert prompt.task_picker.findData("custom-bakery-lines") == -1
    assert not (tmp_path / "tasks" / "custom-bakery-lines.toml").exists()
    pick_task(reopened, "slogan")
    assert not prompt.delete_task_action.isEnabled()  # built-in tasks stay


def test_a_broken_task_file_is_named_and_skipped(make_window, tmp_path):
    (tmp_path / "tasks").mkdir()
    (tmp_path / "tasks" / "mine.toml").write_text('id = "mine"\nlabel = ', encoding="utf-8")
    window = make_window()
    assert "mine.toml" in window.statusBar().currentMessage()
    assert "mine.toml" in window.prompt.notice.text()
    assert window.prompt.task_picker.findData("mine") == -1


def test_an_english_only_model_is_not_asked_to_write_chinese(qtbot, make_window):
    engine = FakeEngine(reply=REPLY, model_id="SmolLM2-135M-Instruct")
    window = make_window(engine)
    wait_ready(qtbot, window)
    window.editor.setPlainText("Good morning.")
    pick_task(window, "translate")
    notice = window.prompt.capability_notice
    assert not notice.isVisible()  # into English is fine
    into = window.prompt.findChild(QComboBox, "field_target_language")
    into.setCurrentIndex(into.findData("Chinese"))
    assert notice.isVisible()
    assert "multilingual" in notice.text() and "Manage Models" in notice.text()

    qtbot.mouseClick(window.prompt.generate_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)  # the draft is saved first
    assert engine.requests == []  # nothing generated
    assert window.editor.toPlainText() == "Good morning."

    into.setCurrentIndex(into.findData("English"))
    assert not notice.isVisible()
    qtbot.mouseClick(window.prompt.generate_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert "into English" in engine.requests[0].messages[-1].content
