"""Generate, stream, stop, undo: the main flow through the real window on a fake engine."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
)
from qt_helpers import controller_of, pick_task, wait_idle, wait_ready

from desktop_app.domain.generation import StopReason
from desktop_app.domain.records import GenerationStatus
from desktop_app.generation.fake_engine import FakeEngine
from desktop_app.services.task_library import builtin_catalogue

REPLY = "The tide came in slowly."


def history(window):
    return [window.history.model.record(r) for r in range(window.history.model.rowCount())]


def type_into(editor: QPlainTextEdit, text: str) -> None:
    editor.setFocus()
    editor.insertPlainText(text)


def test_main_widgets_carry_their_object_names(make_window):
    window = make_window()
    for name, kind in {
        "editor": QPlainTextEdit,
        "promptEdit": QPlainTextEdit,
        "taskPicker": QComboBox,
        "generateButton": QPushButton,
        "stopButton": QPushButton,
        "modelStatus": QLabel,
    }.items():
        assert isinstance(window.findChild(kind, name), kind), name
    assert window.findChild(object, "historyView") is not None
    assert window.findChild(object, "draftList") is not None
    picker = window.findChild(QComboBox, "taskPicker")
    ids = {picker.itemData(i) for i in range(picker.count())} - {None}  # None: group headings
    assert ids == {task.id for task in builtin_catalogue()}
    assert {
        "continue",
        "story",
        "poem",
        "article",
        "product_description",
        "translate",
        "answer",
        "summarize",
        "rewrite",
        "ad_copy",
    } <= ids


def test_generate_streams_at_cursor_as_one_undo_step(qtbot, make_window):
    engine = FakeEngine(reply=REPLY)
    window = make_window(engine)
    wait_ready(qtbot, window)
    type_into(window.editor, "It was late.")
    pick_task(window, "story")
    window.prompt.prompt_edit.setPlainText("a lighthouse")

    qtbot.mouseClick(window.prompt.generate_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)

    assert window.editor.toPlainText() == "It was late.\n\n" + REPLY  # a piece of its own
    assert "a lighthouse" in engine.requests[0].messages[-1].content
    window.editor.undo()
    assert window.editor.toPlainText() == "It was late."
    window.editor.redo()
    assert window.editor.toPlainText() == "It was late.\n\n" + REPLY

    assert "The prompt used" in window.statusBar().currentMessage()
    assert "of the model's 2,048 tokens" in window.statusBar().currentMessage()
    [record] = history(window)
    assert record.task_id == "story"
    assert record.status is GenerationStatus.COMPLETED
    assert record.stop_reason is StopReason.END_OF_TEXT
    assert record.output == REPLY
    assert record.inputs["prompt"] == "a lighthouse"
    assert record.model_id == "fake-model"
    assert record.output_tokens and record.output_tokens > 0
    assert record.duration_s is not None
    assert record.seed is not None
    assert record.params["max_new_tokens"] == 400
    assert "a lighthouse" in record.rendered_prompt


def test_continue_writes_on_from_the_cursor(qtbot, make_window):
    engine = FakeEngine(reply=REPLY)
    window = make_window(engine)
    wait_ready(qtbot, window)
    type_into(window.editor, "It was late. And after that")
    cursor = window.editor.textCursor()
    cursor.setPosition(len("It was late."))
    window.editor.setTextCursor(cursor)
    pick_task(window, "continue")

    window.generate_action.trigger()
    wait_idle(qtbot, window)

    assert window.editor.toPlainText() == "It was late. " + REPLY + " And after that"
    assert engine.requests[0].plain_prompt == "It was late."


def test_rewrite_replaces_only_the_selection(qtbot, make_window):
    window = make_window(FakeEngine(reply="calm sea"))
    wait_ready(qtbot, window)
    type_into(window.editor, "A stormy ocean at dawn.")
    cursor = window.editor.textCursor()
    cursor.setPosition(2)
    cursor.setPosition(14, QTextCursor.MoveMode.KeepAnchor)  # "stormy ocean"
    window.editor.setTextCursor(cursor)
    pick_task(window, "rewrite")

    window.generate_action.trigger()
    wait_idle(qtbot, window)

    assert window.editor.toPlainText() == "A calm sea at dawn."
    window.editor.undo()
    assert window.editor.toPlainText() == "A stormy ocean at dawn."
    [record] = history(window)
    assert record.inputs["text"] == "stormy ocean"


def test_stop_ends_generation_and_keeps_partial_text(qtbot, make_window):
    engine = FakeEngine(reply="word " * 400, delay_s=0.01)
    window = make_window(engine)
    wait_ready(qtbot, window)
    pick_task(window, "poem")
    window.prompt.prompt_edit.setPlainText("rain")
    qtbot.mouseClick(window.prompt.generate_button, Qt.MouseButton.LeftButton)
    assert window.prompt.stop_button.isEnabled()
    assert not window.prompt.generate_button.isEnabled()
    assert window.editor.is_streaming()
    qtbot.waitUntil(lambda: window.editor.toPlainText().count("word") >= 3)

    qtbot.mouseClick(window.prompt.stop_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)

    assert window.prompt.generate_button.isEnabled()
    [record] = history(window)
    assert record.status is GenerationStatus.STOPPED
    assert record.stop_reason is StopReason.CANCELLED
    assert 3 <= record.output.count("word") < 400
    assert window.editor.toPlainText() == record.output


def continue_slowly_after(qtbot, make_window, text: str):
    """A window continuing `text`, a few words streamed in and many more to come."""
    window = make_window(FakeEngine(reply="word " * 150, delay_s=0.01))
    wait_ready(qtbot, window)
    type_into(window.editor, text)
    pick_task(window, "continue")
    window.generate_action.trigger()
    qtbot.waitUntil(lambda: window.editor.toPlainText().count("word") >= 3)
    return window


def test_the_writer_types_on_while_a_generation_streams(qtbot, make_window):
    window = continue_slowly_after(qtbot, make_window, "Chapter one.")
    editor = window.editor
    autosaver = controller_of(window).drafts.autosaver
    qtbot.waitUntil(lambda: not autosaver.dirty)  # the text before the generation

    editor.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(editor, "Draft 2. ")
    assert window.prompt.stop_button.isEnabled()  # still streaming
    assert autosaver.dirty  # the writer's words are saved as ever
    wait_idle(qtbot, window)

    [record] = history(window)
    assert record.output.count("word") > 10
    assert editor.toPlainText() == "Draft 2. Chapter one. " + record.output
    assert editor.textCursor().position() == len("Draft 2. ")  # the stream left it there
    window.discard_output_action.trigger()
    assert editor.toPlainText() == "Draft 2. Chapter one."  # the AI text only


def test_an_output_the_writer_typed_inside_is_no_longer_swapped_or_discarded(qtbot, make_window):
    window = continue_slowly_after(qtbot, make_window, "Chapter one.")
    editor = window.editor
    cursor = editor.textCursor()
    cursor.setPosition(len("Chapter one. word"))
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, " MINE")
    wait_idle(qtbot, window)

    assert "word MINE word" in editor.toPlainText()
    assert not window.discard_output_action.isEnabled()
    window.discard_output_action.trigger()
    assert "MINE" in editor.toPlainText()


def test_keyboard_shortcuts_generate_and_stop(qtbot, make_window):
    window = make_window(FakeEngine(reply="word " * 400, delay_s=0.01))
    wait_ready(qtbot, window)
    pick_task(window, "poem")
    window.prompt.prompt_edit.setPlainText("snow")
    window.prompt.prompt_edit.setFocus()
    qtbot.keyClick(
        window.prompt.prompt_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )
    qtbot.waitUntil(lambda: "word" in window.editor.toPlainText())
    qtbot.keyClick(window.prompt.prompt_edit, Qt.Key.Key_Escape)
    wait_idle(qtbot, window)
    assert history(window)[0].status is GenerationStatus.STOPPED
    assert window.prompt.prompt_edit.toPlainText() == "snow"


def test_missing_prompt_is_explained_and_nothing_is_sent(qtbot, make_window):
    engine = FakeEngine()
    window = make_window(engine)
    wait_ready(qtbot, window)
    pick_task(window, "story")
    window.generate_action.trigger()
    assert window.prompt.notice.isVisible()
    assert "story" in window.prompt.notice.text().lower()
    assert engine.requests == []
    assert history(window) == []


def test_generation_error_is_shown_and_recorded(qtbot, make_window):
    window = make_window(FakeEngine(generate_error="The model ran out of memory."))
    wait_ready(qtbot, window)
    type_into(window.editor, "Some text.")
    pick_task(window, "summarize")
    window.generate_action.trigger()
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: _error_box(window) is not None)
    assert "out of memory" in _error_box(window).informativeText()
    [record] = history(window)
    assert record.status is GenerationStatus.FAILED
    assert record.error == "The model ran out of memory."
    assert window.editor.toPlainText() == "Some text."


def test_history_shows_details_of_the_selected_generation(qtbot, make_window):
    window = make_window(FakeEngine(reply="First."))
    wait_ready(qtbot, window)
    pick_task(window, "poem")
    window.prompt.prompt_edit.setPlainText("dawn")
    window.generate_action.trigger()
    wait_idle(qtbot, window)
    window.prompt.prompt_edit.setPlainText("dusk")
    window.generate_action.trigger()
    wait_idle(qtbot, window)

    records = history(window)
    assert [r.inputs["prompt"] for r in records] == ["dusk", "dawn"]  # newest first
    window.history.view.selectRow(1)
    details = window.history.details.toPlainText()
    assert "dawn" in details
    assert "Seed" in details
    assert "Rendered prompt" in details


def test_model_load_failure_names_the_file_and_editor_keeps_working(qtbot, make_window):
    message = "Could not load /models/broken.gguf: the file is truncated or corrupt."
    window = make_window(FakeEngine(load_error=message), model="/models/broken.gguf")
    qtbot.waitUntil(lambda: "Model error" in window.model_status.text())
    assert "broken.gguf" in window.model_status.text()
    qtbot.waitUntil(lambda: _error_box(window) is not None)
    assert "broken.gguf" in _error_box(window).informativeText()
    assert not window.prompt.generate_button.isEnabled()
    _error_box(window).close()

    type_into(window.editor, "Still writing.")
    controller = controller_of(window)
    assert controller.drafts.autosaver.flush()
    assert window.editor.toPlainText() == "Still writing."


def test_reload_after_a_failed_load_recovers(qtbot, make_window):
    engine = FakeEngine(load_error="Could not load /models/x.gguf: the file is truncated.")
    window = make_window(engine, model="/models/x.gguf")
    qtbot.waitUntil(lambda: "Model error" in window.model_status.text())
    _error_box(window).close()
    engine.load_error = None  # the writer replaced the file
    window.reload_model_action.trigger()
    wait_ready(qtbot, window)
    assert window.prompt.generate_button.isEnabled()
    assert not window.model_status.toolTip().startswith("Could not load")


def test_closing_mid_generation_records_the_stopped_run(qtbot, make_window, tmp_path):
    window = make_window(FakeEngine(reply="word " * 1000, delay_s=0.01))
    wait_ready(qtbot, window)
    pick_task(window, "poem")
    window.prompt.prompt_edit.setPlainText("night")
    window.generate_action.trigger()
    qtbot.waitUntil(lambda: "word" in window.editor.toPlainText())

    window.close()

    reopened = make_window(FakeEngine())
    [record] = history(reopened)
    assert record.status is GenerationStatus.STOPPED
    assert record.output.count("word") >= 1
    assert reopened.editor.toPlainText() == record.output


def _error_box(window) -> QMessageBox | None:
    return window.findChild(QMessageBox, "errorDialog")


def test_history_actions_copy_insert_and_rerun(qtbot, make_window):
    engine = FakeEngine(reply="Salt and light.")
    window = make_window(engine)
    wait_ready(qtbot, window)
    pick_task(window, "poem")
    window.prompt.prompt_edit.setPlainText("the harbour")
    window.generate_action.trigger()
    wait_idle(qtbot, window)
    history_panel = window.history
    assert not history_panel.copy_action.isEnabled()  # nothing selected yet
    history_panel.view.selectRow(0)
    seed = history(window)[0].seed

    history_panel.copy_action.trigger()
    assert QApplication.clipboard().text() == "Salt and light."

    window.editor.clear()
    history_panel.insert_action.trigger()
    assert window.editor.toPlainText() == "Salt and light."
    window.editor.undo()
    assert window.editor.toPlainText() == ""

    pick_task(window, "story")
    window.prompt.prompt_edit.setPlainText("something else")
    history_panel.view.selectRow(0)
    history_panel.rerun_action.trigger()
    wait_idle(qtbot, window)
    again = engine.requests[-1]
    assert again.task_id == "poem"
    assert again.inputs_dict()["prompt"] == "the harbour"
    assert again.params.seed == seed  # the same seed: the same text again
    # The writer's own panel is untouched by a re-run.
    assert window.prompt.current_task().id == "story"
    assert window.prompt.prompt_edit.toPlainText() == "something else"
    assert window.prompt.params().seed is None
