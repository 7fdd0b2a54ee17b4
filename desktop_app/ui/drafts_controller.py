"""The writer's drafts in the window: which one is open, switching, naming, saving.

Nothing typed is lost: unsaved text stays in the editor until a save succeeds, and closing
with unsaved text asks first.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox

from desktop_app.domain.drafts import copy_name, untitled_name
from desktop_app.domain.records import Draft, DraftSummary
from desktop_app.services.autosave import Autosaver, Write
from desktop_app.services.library import Library, StorageError
from desktop_app.ui.main_window import APP_NAME, MainWindow
from desktop_app.ui.undo_notice import UndoNotice

AUTOSAVE_DELAY_MS = 1000


@dataclasses.dataclass(frozen=True)
class _Trashed:
    """The draft the Undo in the status bar would bring back, and the tab it had."""

    draft_id: int
    tab_index: int


class DraftsController(QObject):
    draftShown = Signal()  # the editor now holds another draft (or none)
    # The editor still holds this draft's text, and is about to show another draft.
    draftLeaving = Signal(int)

    def __init__(self, window: MainWindow, library: Library) -> None:
        super().__init__(window)
        self._window = window
        self._library = library
        self._draft: Draft | None = None
        self.autosaver = Autosaver(self._capture_current, AUTOSAVE_DELAY_MS, self)
        self.autosaver.saveFailed.connect(self._on_save_failed)
        self.autosaver.saved.connect(self._show_saved_length)
        self.autosaver.saveRecovered.connect(
            lambda: window.statusBar().showMessage(self.tr("Saved."), 3000)
        )
        w = window
        w.editor.textChanged.connect(self._on_text_changed)
        w.new_draft_action.triggered.connect(self.new_draft)
        for action, slot in (
            (w.rename_draft_action, self.rename_draft),
            (w.duplicate_draft_action, self.duplicate_draft),
            (w.move_draft_action, self.move_draft),
            (w.delete_draft_action, self.delete_draft),
        ):
            action.triggered.connect(lambda _checked=False, slot=slot: self._for_current(slot))
        w.drafts.newRequested.connect(self.new_draft)
        w.drafts.renameRequested.connect(self.rename_draft)
        w.drafts.duplicateRequested.connect(self.duplicate_draft)
        w.drafts.moveRequested.connect(self.move_draft)
        w.drafts.deleteRequested.connect(self.delete_draft)
        w.drafts.restoreRequested.connect(self.restore_draft)
        w.drafts.emptyTrashRequested.connect(self.empty_trash)
        w.drafts.draftSelected.connect(self.switch_draft)
        w.draft_tabs.draftClicked.connect(self.switch_draft)
        w.draft_tabs.closeRequested.connect(self.close_tab)
        w.draft_tabs.changed.connect(self._save_tabs)
        self._trashed: _Trashed | None = None
        self._undo = UndoNotice()
        self._undo.undoRequested.connect(self._undo_trash)
        # Undoing a trash may open another draft, which must wait for a generation.
        w.editor.streamingChanged.connect(lambda streaming: self._undo.setEnabled(not streaming))
        w.statusBar().addWidget(self._undo)
        w.close_guard = self.confirm_close
        self._restore_tabs()
        self._open_initial_draft()

    @property
    def current(self) -> Draft | None:
        return self._draft

    @property
    def current_draft_id(self) -> int | None:
        return None if self._draft is None else self._draft.id

    def _open_initial_draft(self) -> None:
        try:
            draft = self._library.open_last_draft()
        except StorageError as exc:
            # The editor stays usable: what is typed now becomes a new draft on the first
            # autosave that succeeds.
            self._window.show_error(self.tr("Could not open your drafts"), str(exc))
            return
        self._show_draft(draft)

    def _show_draft(self, draft: Draft) -> None:
        if self._draft is not None:
            self.draftLeaving.emit(self._draft.id)
        self._draft = draft
        editor = self._window.editor
        editor.blockSignals(True)
        editor.setPlainText(draft.body)
        editor.blockSignals(False)
        editor.document().clearUndoRedoStacks()
        self._show_title()
        self._refresh_drafts()
        self.draftShown.emit()

    @Slot()
    def _show_saved_length(self) -> None:
        """The list shows the open draft's words and time as last saved."""
        if self._draft is None:
            return
        try:
            summary = self._library.draft_summary(self._draft.id)
        except StorageError:
            return  # the list just shows the older figures; the save itself went well
        if summary is not None:
            self._window.drafts.model.update_draft(summary)

    def _refresh_drafts(self) -> None:
        """Shows the open draft as current in the tabs and the list, and the trash."""
        if self._draft is not None:
            self._window.draft_tabs.show_draft(self._draft.id, self._draft.title)
        try:
            drafts = self._library.drafts()
            trash = self._library.drafts(trash=True)
        except StorageError as exc:
            self._window.statusBar().showMessage(str(exc))
            return
        self._window.drafts.set_drafts(drafts, self.current_draft_id)
        self._window.drafts.set_trash(trash)

    @Slot()
    def new_draft(self) -> None:
        if not self.autosaver.flush():
            return
        try:
            draft = self._create_untitled()
        except StorageError as exc:
            self._window.show_error(self.tr("Could not create a draft"), str(exc))
            return
        self._show_draft(draft)
        self._window.editor.setFocus()

    def open_new_draft(self, title: str) -> bool:
        """Creates a draft named `title` and shows it; False, with the reason shown, if not."""
        if not self.autosaver.flush():
            self._warn_unsaved(self.tr("Could not create a draft"))
            return False
        try:
            draft = self._library.new_draft(title, project=self._window.drafts.current_project())
        except StorageError as exc:
            self._window.show_error(self.tr("Could not create a draft"), str(exc))
            return False
        self._show_draft(draft)
        return True

    @Slot(int)
    def switch_draft(self, draft_id: int) -> None:
        if self._draft is not None and draft_id == self._draft.id:
            return
        # Unsaved text stays on screen if it cannot be saved: never switch away from it.
        if not self.autosaver.flush():
            self._refresh_drafts()
            return
        try:
            draft = self._library.open_draft(draft_id)
        except StorageError as exc:
            self._window.show_error(self.tr("Could not open the draft"), str(exc))
            self._refresh_drafts()
            return
        if draft is None:  # no longer in use: its tab goes
            self._window.draft_tabs.remove(draft_id)
            self._refresh_drafts()
            return
        self._show_draft(draft)

    def _summary(self, draft_id: int) -> DraftSummary | None:
        try:
            return next((d for d in self._library.drafts() if d.id == draft_id), None)
        except StorageError as exc:
            self._window.show_error(self.tr("Could not read your drafts"), str(exc))
            return None

    @Slot(int)
    def rename_draft(self, draft_id: int) -> None:
        current = self._summary(draft_id)
        if current is None:
            return
        title, ok = QInputDialog.getText(
            self._window,
            self.tr("Rename Draft"),
            self.tr("Title:"),
            QLineEdit.EchoMode.Normal,
            current.title,
        )
        title = " ".join(title.split())
        if not ok or not title or title == current.title:
            return
        try:
            self._library.rename_draft(draft_id, title)
        except StorageError as exc:
            self._window.show_error(self.tr("Could not rename the draft"), str(exc))
            return
        if self._draft is not None and self._draft.id == draft_id:
            self._draft = dataclasses.replace(self._draft, title=title)
            self._show_title()
        self._window.draft_tabs.retitle(draft_id, title)
        self._refresh_drafts()

    @Slot(int)
    def delete_draft(self, draft_id: int) -> None:
        """Moves the draft to the trash; the status bar offers to undo it."""
        summary = self._summary(draft_id)
        if summary is None:
            return
        is_open = draft_id == self.current_draft_id
        # The trash keeps what was saved, so the open draft's latest text must be saved first.
        if is_open and not self.autosaver.flush():
            self._warn_unsaved(self.tr("Could not move the draft to the trash"))
            return
        tabs = self._window.draft_tabs
        tab_index = tabs.index_of(draft_id)
        following = tabs.neighbour(draft_id)
        if following is None:
            following = self._window.drafts.neighbour_of(draft_id)
        try:
            self._library.delete_draft(draft_id)
        except StorageError as exc:
            self._window.show_error(self.tr("Could not move the draft to the trash"), str(exc))
            return
        self._trashed = _Trashed(draft_id, tab_index)
        self._undo.announce(self.tr("Moved “%1” to the trash.").replace("%1", summary.title))
        tabs.remove(draft_id)
        if is_open:
            self._draft = None
            self.autosaver.discard()  # the trashed draft's text must not come back as new
            self._open_following(following)
        else:
            self._refresh_drafts()

    def _open_following(self, draft_id: int | None) -> None:
        """After the open draft went: `draft_id`, else the newest draft, else a new one."""
        draft = None
        # On failure, the newest draft as at start: that path reports a lasting failure.
        with contextlib.suppress(StorageError):
            draft = None if draft_id is None else self._library.open_draft(draft_id)
        if draft is not None:
            self._show_draft(draft)
            return
        self._open_initial_draft()
        if self._draft is None:
            self._clear_editor()

    def _undo_trash(self) -> None:
        trashed, self._trashed = self._trashed, None
        if trashed is not None:
            self.restore_draft(trashed.draft_id, trashed.tab_index)

    @Slot(int)
    def restore_draft(self, draft_id: int, tab_index: int = -1) -> None:
        """Takes the draft out of the trash and opens it (in its old tab, when undoing)."""
        if not self.autosaver.flush():  # opening it replaces the editor's text
            self._warn_unsaved(self.tr("Could not restore the draft"))
            return
        try:
            draft = self._library.restore_draft(draft_id)
        except StorageError as exc:
            self._window.show_error(self.tr("Could not restore the draft"), str(exc))
            return
        if self._trashed is not None and self._trashed.draft_id == draft_id:
            self._trashed = None
            self._undo.dismiss()
        if draft is None:  # the trash was emptied meanwhile
            self._refresh_drafts()
            return
        self._window.draft_tabs.add(draft.id, draft.title, tab_index)
        self._show_draft(draft)

    @Slot()
    def empty_trash(self) -> None:
        try:
            count = len(self._library.drafts(trash=True))
        except StorageError as exc:
            self._window.show_error(self.tr("Could not read the trash"), str(exc))
            return
        if not count or not self.confirm_empty_trash(count):
            return
        try:
            self._library.empty_trash()
        except StorageError as exc:
            self._window.show_error(self.tr("Could not empty the trash"), str(exc))
            return
        self._trashed = None
        self._undo.dismiss()
        self._window.drafts.show_trash(False)
        self._refresh_drafts()

    def confirm_empty_trash(self, count: int) -> bool:
        """Asks before drafts go for good, naming how many."""
        headline = (
            self.tr("Delete the draft in the trash for good?")
            if count == 1
            else self.tr("Delete the %1 drafts in the trash for good?").replace("%1", str(count))
        )
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, headline, parent=self._window)
        box.setInformativeText(
            self.tr(
                "This cannot be undone. What the assistant wrote for them stays in the History."
            )
        )
        empty = box.addButton(self.tr("Empty Trash"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is empty

    @Slot(int)
    def duplicate_draft(self, draft_id: int) -> None:
        """Copies the draft as saved (the open one is saved first) and opens the copy."""
        if not self.autosaver.flush():
            self._warn_unsaved(self.tr("Could not duplicate the draft"))
            return
        try:
            drafts = self._library.drafts()
            original = next((d for d in drafts if d.id == draft_id), None)
            if original is None:
                return
            title = copy_name(original.title, (d.title for d in drafts), self.tr("copy"))
            copy = self._library.duplicate_draft(draft_id, title)
        except StorageError as exc:
            self._window.show_error(self.tr("Could not duplicate the draft"), str(exc))
            return
        self._show_draft(copy)

    @Slot(int)
    def move_draft(self, draft_id: int) -> None:
        """Puts the draft into a project the writer picks or names, or into none."""
        summary = self._summary(draft_id)
        if summary is None:
            return
        try:
            projects = self._library.projects()
        except StorageError as exc:
            self._window.show_error(self.tr("Could not read your projects"), str(exc))
            return
        ok, project = self.ask_project(summary.title, summary.project, projects)
        if not ok or project == summary.project:
            return
        try:
            self._library.set_project(draft_id, project)
        except StorageError as exc:
            self._window.show_error(self.tr("Could not move the draft"), str(exc))
            return
        if self._draft is not None and self._draft.id == draft_id:
            self._draft = dataclasses.replace(self._draft, project=project)
        self._refresh_drafts()
        message = (
            self.tr("Moved “%1” to %2.").replace("%2", project)
            if project
            else self.tr("“%1” is in no project now.")
        )
        self._window.statusBar().showMessage(message.replace("%1", summary.title), 5000)

    def ask_project(
        self, title: str, current: str | None, projects: list[str]
    ) -> tuple[bool, str | None]:
        """(False, None) when cancelled, else whether the writer chose, and the project."""
        no_project = self.tr("No project")
        items = [no_project, *projects]
        name, ok = QInputDialog.getItem(
            self._window,
            self.tr("Move to Project"),
            self.tr("Project for “%1” (pick one or type a new name):").replace("%1", title),
            items,
            items.index(current) if current in items else 0,
            True,
        )
        name = " ".join(name.split())
        return ok, None if not name or name == no_project else name

    @Slot(int)
    def close_tab(self, draft_id: int) -> None:
        """Closes the draft's tab; closing the open one opens its neighbour first."""
        tabs = self._window.draft_tabs
        if draft_id == self.current_draft_id:
            following = tabs.neighbour(draft_id)
            if following is None:
                return  # the last tab stays: the editor always shows a draft
            self.switch_draft(following)
            if self.current_draft_id != following:
                return  # it could not be saved, so it stays open
        tabs.remove(draft_id)

    def _restore_tabs(self) -> None:
        """Reopens the last session's tabs, for the drafts still in use."""
        try:
            saved = self._library.open_tabs()
            titles = {draft.id: draft.title for draft in self._library.drafts()}
        except StorageError as exc:
            self._window.statusBar().showMessage(str(exc))
            return
        tabs = self._window.draft_tabs
        tabs.blockSignals(True)  # nothing to save yet: these are the saved tabs
        for draft_id in saved:
            if draft_id in titles:
                tabs.add(draft_id, titles[draft_id])
        tabs.blockSignals(False)

    def _save_tabs(self) -> None:
        try:
            self._library.set_open_tabs(self._window.draft_tabs.ids())
        except StorageError as exc:
            # Only which tabs reopen next time is at stake; the drafts themselves are saved.
            self._window.statusBar().showMessage(str(exc), 5000)

    def _for_current(self, action: Callable[[int], None]) -> None:
        if self._draft is not None:
            action(self._draft.id)

    def _warn_unsaved(self, headline: str) -> None:
        self._window.show_error(
            headline,
            self.tr("The open draft's latest changes could not be saved yet.\n\n%1").replace(
                "%1", self.autosaver.last_error
            ),
        )

    def _on_text_changed(self) -> None:
        # While a generation streams, its chunks change the text ~30 times a second; saving
        # for them would compete with the model for the GIL. The text from before it is in
        # a revision already, and the end of the generation marks the draft dirty. What the
        # writer types meanwhile is saved as ever.
        editor = self._window.editor
        if not (editor.is_streaming() and editor.is_stream_writing()):
            self.autosaver.mark_dirty()

    def _capture_current(self) -> Write | None:
        """The open draft's text as it is now, and the write that stores it (any thread)."""
        text = self._window.editor.toPlainText()
        if self._draft is None:
            # The drafts could not be opened earlier; keep what was typed since as a new draft.
            if not text:
                return None
            self._draft = self._create_untitled()
            self._show_title()
            self._refresh_drafts()
        return functools.partial(self._library.save_draft, self._draft.id, text)

    def _clear_editor(self) -> None:
        editor = self._window.editor
        editor.blockSignals(True)
        editor.clear()
        editor.blockSignals(False)
        editor.document().clearUndoRedoStacks()
        self._show_title()
        self.draftShown.emit()

    def _create_untitled(self) -> Draft:
        """A new draft, in the project the draft list is filtered on."""
        titles = (summary.title for summary in self._library.drafts())
        return self._library.new_draft(
            untitled_name(titles, self.tr("Untitled")),
            project=self._window.drafts.current_project(),
        )

    def _show_title(self) -> None:
        title = self._draft.title if self._draft else None
        self._window.setWindowTitle(f"{title} — {APP_NAME}" if title else APP_NAME)

    def _on_save_failed(self, message: str) -> None:
        self._window.show_error(
            self.tr("Your draft could not be saved"),
            self.tr("%1\n\nYour text is still in the editor; Inkwell keeps retrying.").replace(
                "%1", message
            ),
        )

    def confirm_close(self) -> bool:
        """True when nothing unsaved would be lost, or the writer chose what to do about it."""
        if self.autosaver.flush():
            return True
        choice = self.ask_how_to_close(self.autosaver.last_error)
        if choice == "copy":
            return self._save_copy()
        return choice == "discard"

    def ask_how_to_close(self, error: str) -> str:
        """Asks what to do with text that cannot be saved: "copy", "discard" or "cancel"."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            APP_NAME,
            self.tr("Your latest changes could not be saved."),
            parent=self._window,
        )
        box.setInformativeText(
            self.tr("%1\n\nSave a copy of the draft somewhere else before closing?").replace(
                "%1", error
            )
        )
        copy = box.addButton(self.tr("Save a Copy…"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(
            self.tr("Close Without Saving"), QMessageBox.ButtonRole.DestructiveRole
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(copy)
        box.exec()
        clicked = box.clickedButton()
        return "copy" if clicked is copy else "discard" if clicked is discard else "cancel"

    def _save_copy(self) -> bool:
        title = self._draft.title if self._draft else self.tr("Untitled")
        path, _filter = QFileDialog.getSaveFileName(
            self._window, self.tr("Save a Copy"), f"{title}.txt", self.tr("Text (*.txt)")
        )
        if not path:
            return False
        try:
            Path(path).write_text(self._window.editor.toPlainText(), encoding="utf-8")
        except OSError as exc:
            self._window.show_error(self.tr("The copy could not be saved"), str(exc))
            return False
        return True
