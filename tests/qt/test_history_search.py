"""History filters and stars, and searching everything from the Edit menu."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from qt_helpers import controller_of, pick_task, wait_idle, wait_ready

from desktop_app.generation.fake_engine import FakeEngine
from desktop_app.ui.search_dialog import SearchDialog


def records(window):
    model = window.history.model
    return [model.record(row) for row in range(model.rowCount())]


def generate(qtbot, window, task_id: str, prompt: str) -> None:
    pick_task(window, task_id)
    window.prompt.prompt_edit.setPlainText(prompt)
    window.generate_action.trigger()
    wait_idle(qtbot, window)
    qtbot.waitUntil(window.generate_action.isEnabled)


def choose(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_history_filters_by_draft_task_and_star(qtbot, make_window):
    window = make_window(FakeEngine(reply="Waves on the harbour wall."))
    wait_ready(qtbot, window)
    generate(qtbot, window, "story", "a harbour")
    window.new_draft_action.trigger()
    generate(qtbot, window, "poem", "the tide")
    generate(qtbot, window, "story", "a gull")
    filters = window.history.filters
    assert len(records(window)) == 3

    choose(filters.scope, True)  # this draft only
    assert [r.inputs["prompt"] for r in records(window)] == ["a gull", "the tide"]
    choose(filters.task, "poem")
    assert [r.inputs["prompt"] for r in records(window)] == ["the tide"]
    choose(filters.scope, False)
    choose(filters.task, None)
    assert len(records(window)) == 3

    window.history.view.selectRow(2)  # the first one, "a harbour"
    window.history.star_action.trigger()
    filters.starred.setChecked(True)
    [starred] = records(window)
    assert starred.starred and starred.inputs["prompt"] == "a harbour"
    assert window.history.model.data(window.history.model.index(0, 0)).startswith("★")

    filters.reset()
    assert len(records(window)) == 3
    assert [choose(filters.model, "fake-model"), len(records(window))][1] == 3
    assert filters.model.findData("fake-model") > 0  # the models in the history are offered


@pytest.mark.qt_log_ignore("does not support raise")  # the offscreen platform's limit
def test_search_everything_finds_drafts_revisions_and_generations(qtbot, make_window):
    window = make_window(FakeEngine(reply="The lighthouse keeper counted ships."))
    wait_ready(qtbot, window)
    window.editor.setPlainText("灯塔 notes: the lighthouse stood alone.")
    generate(qtbot, window, "story", "a lighthouse")  # snapshots the draft, then writes
    window.new_draft_action.trigger()
    window.editor.setPlainText("Nothing to see here.")

    controller_of(window).search.show()
    dialog = window.findChild(SearchDialog)
    dialog.query.setText("lighthouse")
    dialog.run()
    kinds = [found.kind for found in dialog._found]
    assert kinds[0] == "draft" and "revision" in kinds and "generation" in kinds
    assert "lighthouse" in dialog.preview.toPlainText()

    dialog.query.setText("灯塔")  # two characters: below the trigram index, still found
    dialog.run()
    assert dialog._found and dialog._found[0].kind == "draft"
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert "灯塔 notes" in window.editor.toPlainText()

    dialog.query.setText("counted ships")
    dialog.run()
    generation = next(i for i, f in enumerate(dialog._found) if f.kind == "generation")
    dialog.results.setCurrentRow(generation)
    window.history.filters.starred.setChecked(True)  # hides it, until asked for
    qtbot.mouseClick(dialog.history_button, Qt.MouseButton.LeftButton)
    selected = window.history.selected_record()
    assert selected is not None and "counted ships" in selected.output

    dialog.query.setText("zzzz-nothing")
    dialog.run()
    assert dialog.summary.text() == "Nothing found."
