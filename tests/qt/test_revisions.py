"""Revisions in the real window: kept on a timer and on leaving a draft, named snapshots,
the Revisions dialog, restoring with undo, and storage failures."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox
from qt_helpers import controller_of, wait_ready

from desktop_app.data import DraftRepository, open_database
from desktop_app.domain.records import Revision, RevisionKind
from desktop_app.paths import DataPaths
from desktop_app.services.library import Library, StorageError
from desktop_app.ui.revisions_controller import AUTO_SNAPSHOT_MS
from desktop_app.ui.revisions_dialog import RevisionsDialog


def revisions(window) -> list[Revision]:
    controller = controller_of(window)
    controller.drafts.autosaver.settle()  # revisions are written on the autosave thread
    return controller.revisions._library.revisions(controller.drafts.current_draft_id)


def library(window) -> Library:
    return controller_of(window).revisions._library


def type_text(window, text: str) -> None:
    window.editor.insertPlainText(text)


def open_dialog(qtbot, window) -> RevisionsDialog:
    # The last one closed is deleted once the event loop runs.
    qtbot.waitUntil(lambda: window.findChild(RevisionsDialog, "revisionsDialog") is None)
    window.findChild(type(window.quit_action), "revisionsAction").trigger()
    dialog = window.findChild(RevisionsDialog, "revisionsDialog")
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def versions(dialog: RevisionsDialog) -> list[str]:
    return [dialog.list.topLevelItem(i).text(0) for i in range(dialog.list.topLevelItemCount())]


# Automatic snapshots


def test_the_timer_keeps_an_autosave_revision_after_editing(qtbot, make_window):
    window = make_window()
    keeper = controller_of(window).revisions
    assert keeper.timer.interval() == AUTO_SNAPSHOT_MS
    assert not keeper.timer.isActive()
    keeper.timer.setInterval(50)
    type_text(window, "The first page.")
    assert keeper.timer.isActive()  # started by the edit, not restarted by the next ones
    qtbot.waitUntil(lambda: len(revisions(window)) == 1, timeout=2000)
    [kept] = revisions(window)
    assert (kept.kind, kept.body) == (RevisionKind.AUTOSAVE, "The first page.")
    assert not keeper.timer.isActive()  # nothing more to keep until the next edit


def test_no_revision_repeats_the_newest_one(make_window):
    window = make_window()
    keeper = controller_of(window).revisions
    keeper.tick()
    assert revisions(window) == []  # nothing typed yet
    type_text(window, "Same words.")
    keeper.tick()
    type_text(window, " More.")
    for _ in " More.":  # back to the text already kept
        window.editor.textCursor().deletePreviousChar()
    keeper.tick()
    assert [r.body for r in revisions(window)] == ["Same words."]
    type_text(window, " And more.")
    keeper.tick()
    keeper.tick()
    assert [r.body for r in revisions(window)] == ["Same words. And more.", "Same words."]


def test_the_timer_waits_while_a_generation_writes(make_window):
    window = make_window()
    keeper = controller_of(window).revisions
    type_text(window, "Before the model.")
    window.set_generating(True, can_generate=True)
    keeper.tick()
    assert revisions(window) == []
    assert keeper.timer.isActive()  # tried again later
    window.set_generating(False, can_generate=True)
    keeper.tick()
    assert [r.body for r in revisions(window)] == ["Before the model."]


def test_leaving_a_changed_draft_keeps_a_revision_of_it(qtbot, make_window):
    window = make_window()
    controller = controller_of(window)
    first = controller.drafts.current_draft_id
    type_text(window, "Chapter one, unfinished.")
    qtbot.keyClick(window.editor, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert controller.drafts.current_draft_id != first
    kept = library(window).revisions(first)
    assert [(r.kind, r.body) for r in kept] == [(RevisionKind.AUTOSAVE, "Chapter one, unfinished.")]
    controller.drafts.switch_draft(first)  # the new draft was not changed: nothing kept
    assert library(window).revisions(first) == kept
    assert not controller.revisions.timer.isActive()


def test_closing_keeps_a_revision_of_the_changes(make_window, tmp_path):
    window = make_window()
    draft_id = controller_of(window).drafts.current_draft_id
    type_text(window, "Last words before closing.")
    assert window.close()
    database = open_database(DataPaths(tmp_path).database)
    try:
        kept = DraftRepository(database).revisions(draft_id)
    finally:
        database.close()
    assert [r.body for r in kept] == ["Last words before closing."]


def test_a_failed_automatic_snapshot_is_reported_and_retried(qtbot, make_window, monkeypatch):
    window = make_window()
    wait_ready(qtbot, window)  # its "Model ready" would cover the message looked for
    keeper = controller_of(window).revisions
    type_text(window, "Precious words.")

    def refuse(*_args, **_kwargs):
        raise StorageError("Could not save: the disk is full.")

    monkeypatch.setattr(Library, "keep_revision", refuse)
    keeper.tick()
    qtbot.waitUntil(lambda: "disk is full" in window.statusBar().currentMessage())
    assert keeper.timer.isActive()
    monkeypatch.undo()
    keeper.tick()
    assert [r.body for r in revisions(window)] == ["Precious words."]
    assert window.editor.toPlainText() == "Precious words."


# Named snapshots


def take_snapshot(qtbot, window, name: str) -> None:
    window.findChild(type(window.quit_action), "takeSnapshotAction").trigger()
    dialog = window.findChild(QInputDialog, "snapshotNameDialog")
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.setTextValue(name)
    dialog.accept()
    qtbot.waitUntil(lambda: window.findChild(QInputDialog, "snapshotNameDialog") is None)


def test_a_named_snapshot_is_kept_with_its_name(qtbot, make_window):
    window = make_window()
    wait_ready(qtbot, window)  # its status message would hide the snapshot's
    type_text(window, "The opening, as I like it.")
    take_snapshot(qtbot, window, "  Opening   done ")
    [kept] = revisions(window)
    assert (kept.kind, kept.label, kept.body) == (
        RevisionKind.MANUAL,
        "Opening done",
        "The opening, as I like it.",
    )
    assert "Opening done" in window.statusBar().currentMessage()
    take_snapshot(qtbot, window, "")  # the name is optional
    assert revisions(window)[0].label is None
    assert not controller_of(window).revisions.timer.isActive()  # the text is kept already


def test_no_snapshot_of_half_written_ai_text(make_window):
    window = make_window()
    action = window.findChild(type(window.quit_action), "takeSnapshotAction")
    window.set_generating(True, can_generate=True)
    assert not action.isEnabled()
    window.set_generating(False, can_generate=True)
    assert action.isEnabled()


# Restoring


def test_restore_keeps_the_current_text_and_undo_brings_it_back(qtbot, make_window):
    window = make_window()
    controller = controller_of(window)
    type_text(window, "First version.")
    take_snapshot(qtbot, window, "one")
    window.editor.selectAll()
    type_text(window, "Second version, rewritten.")
    controller.drafts.autosaver.flush()
    [snapshot] = revisions(window)

    assert controller.revisions.restore(snapshot.id)
    assert window.editor.toPlainText() == "First version."
    kept = revisions(window)[0]
    assert (kept.kind, kept.body) == (RevisionKind.RESTORE, "Second version, rewritten.")
    assert controller.drafts.autosaver.dirty
    window.editor.undo()  # one step takes the whole restore back
    assert window.editor.toPlainText() == "Second version, rewritten."
    window.editor.redo()
    assert window.editor.toPlainText() == "First version."


def test_a_failed_restore_changes_nothing(qtbot, make_window, monkeypatch):
    window = make_window()
    controller = controller_of(window)
    type_text(window, "Old.")
    take_snapshot(qtbot, window, "old")
    window.editor.selectAll()
    type_text(window, "New and unsaved.")
    [snapshot] = revisions(window)

    def refuse(*_args, **_kwargs):
        raise StorageError("Could not save: the library file is read-only.")

    monkeypatch.setattr(Library, "snapshot", refuse)
    assert not controller.revisions.restore(snapshot.id)
    assert window.editor.toPlainText() == "New and unsaved."
    box = window.findChild(QMessageBox, "errorDialog")
    assert box is not None and "read-only" in box.informativeText()


# The dialog


def make_history(qtbot, window) -> None:
    """One revision of each kind, oldest first."""
    lib = library(window)
    draft_id = controller_of(window).drafts.current_draft_id
    lib.snapshot(draft_id, "The storm came in at night.", RevisionKind.AUTOSAVE)
    lib.snapshot(draft_id, "The storm came in at dusk.", RevisionKind.GENERATION)
    lib.snapshot(
        draft_id, "The storm came in at dusk.\n\nBoats <b>ran</b>.", RevisionKind.MANUAL, "Draft 2"
    )
    lib.snapshot(draft_id, "A calm sea.", RevisionKind.RESTORE)
    type_text(window, "The storm came in at dawn.\n\nBoats <b>ran</b> for the harbour.")


def test_the_dialog_lists_kinds_in_words_and_compares_any_two(qtbot, make_window):
    window = make_window()
    make_history(qtbot, window)
    dialog = open_dialog(qtbot, window)
    assert versions(dialog) == [
        "Current text",
        "Before restore",
        "Snapshot: Draft 2",
        "Before AI text",
        "Autosave",
    ]
    assert dialog.list.topLevelItem(4).text(2) == "6"  # words
    # The newest revision against the current text, by default.
    assert dialog.selected_revision_id() == revisions(window)[0].id
    assert dialog.compare_with.currentText().startswith("Current text")

    dialog.select(2, compare_with=4)  # the snapshot against the first autosave
    summary = dialog.summary.text()
    assert "+5 words" in summary and "−1 word" in summary  # dusk, Boats b ran b; night
    view = dialog.diff_view
    assert view.old_title.text().startswith("Autosave")  # older on the left
    assert view.new_title.text().startswith("Snapshot: Draft 2")
    assert view.old_pane.toPlainText().startswith("The storm came in at night.")
    assert "Boats <b>ran</b>." in view.new_pane.toPlainText()  # shown as text, not markup
    assert view.old_pane.document().blockCount() == view.new_pane.document().blockCount()

    dialog.inline.setChecked(True)
    assert view.inline_mode
    inline = view.inline.document()
    assert inline.toPlainText().startswith("The storm came in at night dusk.")
    struck = [
        fragment.text()
        for block in _blocks(inline)
        for fragment in _fragments(block)
        if fragment.charFormat().fontStrikeOut()
    ]
    underlined = [
        fragment.text()
        for block in _blocks(inline)
        for fragment in _fragments(block)
        if fragment.charFormat().fontUnderline()
    ]
    assert struck == [" night"]
    assert " dusk" in underlined and "Boats <b>ran</b>." in underlined

    dialog.select(0, compare_with=0)
    assert "same version" in dialog.summary.text()
    assert not dialog.restore_button.isEnabled()  # the current text is no revision
    dialog.reject()


def test_identical_versions_say_so(qtbot, make_window):
    window = make_window()
    type_text(window, "Unchanged.")
    controller_of(window).revisions.tick()
    dialog = open_dialog(qtbot, window)
    assert "No differences" in dialog.summary.text()
    dialog.reject()


def test_a_draft_without_revisions_explains_when_they_come(qtbot, make_window):
    window = make_window()
    dialog = open_dialog(qtbot, window)
    assert versions(dialog) == ["Current text"]
    assert "No revisions yet" in dialog.summary.text()
    dialog.reject()


def test_restoring_from_the_dialog(qtbot, make_window):
    window = make_window()
    make_history(qtbot, window)
    dialog = open_dialog(qtbot, window)
    dialog.select(2)  # Snapshot: Draft 2
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert window.editor.toPlainText() == "The storm came in at dusk.\n\nBoats <b>ran</b>."
    assert revisions(window)[0].body == (
        "The storm came in at dawn.\n\nBoats <b>ran</b> for the harbour."
    )
    dialog = open_dialog(qtbot, window)
    assert versions(dialog)[1] == "Before restore"  # the restore is on record
    dialog.reject()


def test_restore_is_disabled_while_a_generation_writes(qtbot, make_window):
    window = make_window()
    make_history(qtbot, window)
    dialog = open_dialog(qtbot, window)
    assert dialog.restore_button.isEnabled()
    window.set_generating(True, can_generate=True)  # what a generation does to the window
    assert not dialog.restore_button.isEnabled()
    assert not controller_of(window).revisions.restore(revisions(window)[0].id)
    window.editor.appendPlainText("AI text.")
    window.set_generating(False, can_generate=True)
    assert dialog.restore_button.isEnabled()
    assert dialog.list.topLevelItem(0).text(2) == "13"  # the current text, with the AI's words
    dialog.reject()


def test_the_side_by_side_panes_scroll_together(qtbot, make_window):
    window = make_window()
    paragraphs = [f"Paragraph {n}: the tide went out and came back in." for n in range(200)]
    lib = library(window)
    lib.snapshot(
        controller_of(window).drafts.current_draft_id, "\n".join(paragraphs), RevisionKind.MANUAL
    )
    edited = [p + " Longer now, much longer." * (n % 3) for n, p in enumerate(paragraphs)]
    type_text(window, "\n".join(edited))
    dialog = open_dialog(qtbot, window)
    dialog.whole_text.setChecked(True)
    view = dialog.diff_view
    old_bar, new_bar = view.old_pane.verticalScrollBar(), view.new_pane.verticalScrollBar()
    qtbot.waitUntil(lambda: new_bar.maximum() > 0)
    new_bar.setValue(new_bar.maximum() // 2)
    top_block = view.new_pane.cursorForPosition(view.new_pane.viewport().rect().topLeft())
    twin = view.old_pane.cursorForPosition(view.old_pane.viewport().rect().topLeft())
    assert abs(top_block.blockNumber() - twin.blockNumber()) <= 1
    assert 0 < old_bar.value() < new_bar.value()  # the old side is shorter: it moved less
    new_bar.setValue(new_bar.maximum())
    assert old_bar.value() == old_bar.maximum()
    dialog.reject()


def _blocks(document):
    block = document.begin()
    while block.isValid():
        yield block
        block = block.next()


def _fragments(block):
    iterator = block.begin()
    while not iterator.atEnd():
        yield iterator.fragment()
        iterator += 1
