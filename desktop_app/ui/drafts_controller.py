"""The writer's drafts in the window: which one is open, switching, naming, saving.

Nothing typed is lost: unsaved text stays in the editor until a save succeeds, and closing
with unsaved text asks first.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox

from desktop_app.domain.drafts import untitled_name
from desktop_app.domain.records import Draft, DraftSummary
from desktop_app.services.autosave import Autosaver
from desktop_app.services.library import Library, StorageError
from desktop_app.ui.main_window import APP_NAME, MainWindow

AUTOSAVE_DELAY_MS = 1000


class DraftsController(QObject):
    draftShown = Signal()  # the editor now holds another draft (or none)

    def __init__(self, window: MainWindow, library: Library) -> None:
        super().__init__(window)
        self._window = window
        self._library = library
        self._draft: Draft | None = None
        self._streaming = False
        self.autosaver = Autosaver(self._save_current, AUTOSAVE_DELAY_MS, self)
        self.autosaver.saveFailed.connect(self._on_save_failed)
        self.autosaver.saveRecovered.connect(
            lambda: window.statusBar().showMessage(self.tr("Saved."), 3000)
        )
        w = window
        w.editor.textChanged.connect(self._on_text_changed)
        w.new_draft_action.triggered.connect(self.new_draft)
        w.rename_draft_action.triggered.connect(self._rename_current)
        w.delete_draft_action.triggered.connect(self._delete_current)
        w.drafts.newRequested.connect(self.new_draft)
        w.drafts.renameRequested.connect(self.rename_draft)
        w.drafts.deleteRequested.connect(self.delete_draft)
        w.drafts.draftSelected.connect(self.switch_draft)
        w.close_guard = self.confirm_close
        self._open_initial_draft()

    @property
    def current(self) -> Draft | None:
        return self._draft

    @property
    def current_draft_id(self) -> int | None:
        return None if self._draft is None else self._draft.id

    def set_streaming(self, streaming: bool) -> None:
        """While a generation streams into the editor, its chunks do not trigger autosave."""
        self._streaming = streaming

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
        self._draft = draft
        editor = self._window.editor
        editor.blockSignals(True)
        editor.setPlainText(draft.body)
        editor.blockSignals(False)
        editor.document().clearUndoRedoStacks()
        self._show_title()
        self._refresh_drafts()
        self.draftShown.emit()

    def _refresh_drafts(self) -> None:
        try:
            drafts = self._library.drafts()
        except StorageError as exc:
            self._window.statusBar().showMessage(str(exc))
            return
        self._window.drafts.set_drafts(drafts, self.current_draft_id)

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
            return
        if draft is not None:
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
        self._refresh_drafts()

    @Slot(int)
    def delete_draft(self, draft_id: int) -> None:
        summary = self._summary(draft_id)
        if summary is None:
            return
        answer = QMessageBox.question(
            self._window,
            self.tr("Delete Draft"),
            self.tr("Delete “%1”?").replace("%1", summary.title),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            if self._draft is not None and self._draft.id == draft_id:
                self.autosaver.flush()
            self._library.delete_draft(draft_id)
        except StorageError as exc:
            self._window.show_error(self.tr("Could not delete the draft"), str(exc))
            return
        if self._draft is not None and self._draft.id == draft_id:
            self._draft = None
            self.autosaver.discard()  # the deleted draft's text must not come back as new
            self._open_initial_draft()
            if self._draft is None:
                self._clear_editor()
        else:
            self._refresh_drafts()

    def _rename_current(self) -> None:
        if self._draft is not None:
            self.rename_draft(self._draft.id)

    def _delete_current(self) -> None:
        if self._draft is not None:
            self.delete_draft(self._draft.id)

    def _on_text_changed(self) -> None:
        # While a generation streams, its chunks change the text ~30 times a second; saving
        # then would compete with the model for the GIL. The text from before it is in a
        # revision already, and the end of the generation marks the draft dirty.
        if not self._streaming:
            self.autosaver.mark_dirty()

    def _save_current(self) -> None:
        text = self._window.editor.toPlainText()
        if self._draft is None:
            # The drafts could not be opened earlier; keep what was typed since as a new draft.
            if not text:
                return
            self._draft = self._create_untitled()
            self._show_title()
            self._refresh_drafts()
        self._library.save_draft(self._draft.id, text)

    def _clear_editor(self) -> None:
        editor = self._window.editor
        editor.blockSignals(True)
        editor.clear()
        editor.blockSignals(False)
        editor.document().clearUndoRedoStacks()
        self._show_title()
        self.draftShown.emit()

    def _create_untitled(self) -> Draft:
        titles = (summary.title for summary in self._library.drafts())
        return self._library.new_draft(untitled_name(titles, self.tr("Untitled")))

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
