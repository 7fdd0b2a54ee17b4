"""Revisions of the open draft: kept on a timer and on leaving it, named snapshots, the
Revisions dialog, and restoring an earlier version without losing the current one."""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import QInputDialog

from desktop_app.domain.records import RevisionKind
from desktop_app.services.library import Library, StorageError
from desktop_app.ui.drafts_controller import DraftsController
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.naming import named
from desktop_app.ui.revisions_dialog import RevisionsDialog

AUTO_SNAPSHOT_MS = 5 * 60 * 1000


class RevisionsController(QObject):
    """Keeps an autosave revision once `interval_ms` of editing has passed since the text
    last matched one, and when the writer leaves the draft or closes the window.

    A keystroke only sets a flag and starts the timer if it is idle: the text is read and
    compared with the newest revision at snapshot time only, so a 5 MB draft costs nothing
    while typing. A revision identical to the newest one is never added.
    """

    def __init__(
        self,
        window: MainWindow,
        library: Library,
        drafts: DraftsController,
        interval_ms: int = AUTO_SNAPSHOT_MS,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._library = library
        self._drafts = drafts
        self._changed = False  # edited since the text last matched the newest revision
        self._dialog: RevisionsDialog | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.tick)

        self.snapshot_action = self._action(
            self.tr("Take &Snapshot…"), "takeSnapshotAction", "Ctrl+Shift+S", self.take_snapshot
        )
        self.snapshot_action.setStatusTip(
            self.tr("Keep this version of the draft under a name, to compare or restore later")
        )
        self.revisions_action = self._action(
            self.tr("Re&visions…"), "revisionsAction", "Ctrl+Alt+R", self.show_revisions
        )
        self.revisions_action.setStatusTip(
            self.tr("Compare earlier versions of this draft and restore one")
        )
        menu = window.file_menu
        menu.insertActions(window.quit_action, [self.snapshot_action, self.revisions_action])
        menu.insertSeparator(window.quit_action)

        window.editor.textChanged.connect(self._on_text_changed)
        window.editor.streamingChanged.connect(self._on_streaming_changed)
        drafts.draftLeaving.connect(self._on_draft_leaving)
        drafts.autosaver.laterFailed.connect(self._on_revision_failed)
        drafts.draftShown.connect(self._on_draft_shown)
        window.closing.connect(self._on_closing)

    def _action(self, text: str, name: str, shortcut: str, slot: Callable[[], None]) -> QAction:
        action = named(QAction(text, self._window), name)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    # Automatic snapshots

    def _on_text_changed(self) -> None:
        self._changed = True
        if not self.timer.isActive():
            self.timer.start()

    @Slot()
    def tick(self) -> None:
        """The timer: keeps the text as a revision if it changed since the newest one."""
        if self._window.editor.is_streaming():
            # A generation is writing: its text is half there. Its end is a change too, so
            # the next tick keeps it.
            self.timer.start()
            return
        self.snapshot_if_changed()

    def snapshot_if_changed(self) -> None:
        """Keeps the editor's text as an autosave revision unless it is the newest one
        already. Written on the autosave thread: for a big draft it takes as long as a save
        (most of it the search index); a failure comes back to `_on_revision_failed`."""
        draft_id = self._drafts.current_draft_id
        if not self._changed or draft_id is None:
            return
        text = self._window.editor.toPlainText()
        self._drafts.autosaver.write_later(
            functools.partial(self._library.keep_revision, draft_id, text, RevisionKind.AUTOSAVE)
        )
        self._kept()

    @Slot(str)
    def _on_revision_failed(self, error: str) -> None:
        self._window.statusBar().showMessage(
            self.tr("Could not keep a revision of the draft: %1").replace("%1", error), 10000
        )
        self._changed = True  # retried on the next tick; the draft itself is saved apart
        self.timer.start()

    def _kept(self) -> None:
        """The editor's text is now the newest revision."""
        self._changed = False
        self.timer.stop()

    @Slot(int)
    def _on_draft_leaving(self, _draft_id: int) -> None:
        if not self._window.editor.is_streaming():
            self.snapshot_if_changed()

    @Slot()
    def _on_draft_shown(self) -> None:
        self._kept()  # as opened; it changes with the first keystroke

    @Slot()
    def _on_closing(self) -> None:
        # While a generation streams, its half-written text is not worth a revision; the
        # draft keeps the whole of it when the generation is stopped.
        if not self._window.editor.is_streaming():
            self.snapshot_if_changed()
        self.timer.stop()

    # Named snapshots

    @Slot()
    def take_snapshot(self) -> None:
        """Asks for an optional name, then keeps the text as a named revision."""
        if not self._has_draft() or self._window.editor.is_streaming():
            return
        dialog = named(QInputDialog(self._window), "snapshotNameDialog")
        dialog.setWindowTitle(self.tr("Take Snapshot"))
        dialog.setLabelText(self.tr("&Name for this version (optional):"))
        dialog.setOkButtonText(self.tr("Take Snapshot"))
        dialog.setMinimumWidth(400)  # room for a chapter's name
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.textValueSelected.connect(self.store_snapshot)
        dialog.open()

    @Slot(str)
    def store_snapshot(self, name: str) -> None:
        draft_id = self._drafts.current_draft_id
        if draft_id is None:
            return
        label = " ".join(name.split()) or None
        try:
            self._library.snapshot(
                draft_id, self._window.editor.toPlainText(), RevisionKind.MANUAL, label
            )
        except StorageError as exc:
            self._window.show_error(
                self.tr("Could not take the snapshot"),
                self.tr("%1\n\nYour text is still in the editor.").replace("%1", str(exc)),
            )
            return
        self._kept()
        message = (
            self.tr("Snapshot “%1” taken.").replace("%1", label)
            if label
            else self.tr("Snapshot taken.")
        )
        self._window.statusBar().showMessage(message, 5000)

    # The dialog and restoring

    @Slot()
    def show_revisions(self) -> None:
        draft = self._drafts.current
        if draft is None or not self._has_draft():
            return
        # A revision the timer just queued on the autosave thread belongs in the list.
        self._drafts.autosaver.settle()
        try:
            revisions = self._library.revisions(draft.id)
        except StorageError as exc:
            self._window.show_error(self.tr("Could not read the revisions"), str(exc))
            return
        editor = self._window.editor
        dialog = RevisionsDialog(draft.title, revisions, editor.toPlainText(), self._window)
        dialog.set_restore_allowed(not editor.is_streaming())
        dialog.restoreRequested.connect(self._restore_from_dialog)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._forget_dialog)
        self._dialog = dialog
        dialog.open()

    @Slot()
    def _forget_dialog(self) -> None:
        self._dialog = None

    @Slot(int)
    def _restore_from_dialog(self, revision_id: int) -> None:
        if self.restore(revision_id) and self._dialog is not None:
            self._dialog.accept()

    def restore(self, revision_id: int) -> bool:
        """Puts the revision's text in the editor as one undoable step, after keeping the
        current text as a "Before restore" revision; False when nothing changed."""
        editor = self._window.editor
        draft_id = self._drafts.current_draft_id
        if editor.is_streaming() or draft_id is None:
            return False
        current = editor.toPlainText()
        try:
            revision = self._library.revision(revision_id)
            if revision is None or revision.draft_id != draft_id:
                self._window.show_error(
                    self.tr("Could not restore the revision"),
                    self.tr("That revision is no longer there. Your text is unchanged."),
                )
                return False
            if revision.body == current:
                self._window.statusBar().showMessage(
                    self.tr("The draft already has that text."), 5000
                )
                return True
            self._library.snapshot(draft_id, current, RevisionKind.RESTORE)
        except StorageError as exc:
            self._window.show_error(
                self.tr("Could not restore the revision"),
                self.tr("%1\n\nYour text is unchanged.").replace("%1", str(exc)),
            )
            return False
        cursor = QTextCursor(editor.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(revision.body)
        cursor.endEditBlock()
        cursor.movePosition(QTextCursor.MoveOperation.Start)
        editor.setTextCursor(cursor)
        # The edit marked the draft for autosave, like any other; and as the text is now an
        # older revision's, not the newest, leaving the draft or the timer keeps it again.
        self._window.statusBar().showMessage(
            self.tr("Restored. Edit ▸ Undo brings back the text from before."), 8000
        )
        editor.setFocus()
        return True

    @Slot(bool)
    def _on_streaming_changed(self, streaming: bool) -> None:
        # A half-written generation is no version to keep, nor one to write over.
        self.snapshot_action.setEnabled(not streaming)
        if self._dialog is not None:
            self._dialog.set_restore_allowed(not streaming)
            if not streaming:
                self._dialog.set_current_text(self._window.editor.toPlainText())

    def _has_draft(self) -> bool:
        if self._drafts.current_draft_id is None:
            # The drafts could not be opened; the text becomes a draft on its first save.
            self._window.statusBar().showMessage(self.tr("No draft is open yet."), 5000)
            return False
        return True
