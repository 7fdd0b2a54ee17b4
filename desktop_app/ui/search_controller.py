"""Edit > Search Everything: finds text in drafts, their revisions and the history."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget

from desktop_app.services.library import Library, SearchHit, StorageError
from desktop_app.services.task_library import task_label
from desktop_app.ui.drafts_controller import DraftsController
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.search_dialog import Found, SearchDialog
from desktop_app.ui.translations import task_text


class SearchController(QObject):
    def __init__(self, window: MainWindow, library: Library, drafts: DraftsController) -> None:
        super().__init__(window)
        self._window = window
        self._library = library
        self._drafts = drafts
        self._dialog: SearchDialog | None = None
        self.action = window.edit_menu.addAction(self.tr("Search &Everything…"))
        self.action.setObjectName("searchEverythingAction")
        self.action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.action.triggered.connect(self.show)

    @Slot()
    def show(self) -> None:
        if self._dialog is None:
            self._dialog = SearchDialog(self._search, self._window)
            self._dialog.openDraftRequested.connect(self._open_draft)
            self._dialog.showGenerationRequested.connect(self._show_generation)
        self._dialog.show()
        self._dialog.raise_()
        self._dialog.query.setFocus()
        self._dialog.query.selectAll()

    def _search(self, query: str) -> list[Found]:
        try:
            hits = self._library.search(query)
            titles = {draft.id: draft.title for draft in self._library.drafts()}
            return [found for hit in hits if (found := self._describe(hit, titles))]
        except StorageError as exc:
            self._window.statusBar().showMessage(
                self.tr("Search failed: %1").replace("%1", str(exc)), 10000
            )
            return []

    def _describe(self, hit: SearchHit, titles: dict[int, str]) -> Found | None:
        title = titles.get(hit.draft_id, "") if hit.draft_id is not None else ""
        if hit.kind == "draft":
            draft = self._library.draft(hit.id)
            if draft is None:
                return None
            heading = self.tr("Draft · %1").replace("%1", draft.title)
            return Found(hit.kind, hit.id, heading, hit.snippet, draft.body, hit.id)
        if hit.kind == "revision":
            revision = self._library.revision(hit.id)
            if revision is None:
                return None
            when = revision.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
            heading = self.tr("Earlier version of %1 · %2").replace("%1", title).replace("%2", when)
            return Found(hit.kind, hit.id, heading, hit.snippet, revision.body, hit.draft_id)
        record = self._library.generation(hit.id)
        if record is None:
            return None
        when = record.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        heading = (
            self.tr("Generation · %1 · %2")
            .replace("%1", task_text(task_label(record.task_id)))
            .replace("%2", when)
        )
        prompt = record.inputs.get("prompt", "")
        text = f"{prompt}\n\n{record.output}" if prompt else record.output
        return Found(hit.kind, hit.id, heading, hit.snippet, text, record.draft_id)

    @Slot(int)
    def _open_draft(self, draft_id: int) -> None:
        if self._window.editor.is_streaming():  # a generation is streaming into this draft
            self._window.statusBar().showMessage(
                self.tr("Wait for the generation to finish, or stop it, to open another draft."),
                8000,
            )
            return
        self._drafts.switch_draft(draft_id)
        self._window.raise_()
        self._window.activateWindow()

    @Slot(int)
    def _show_generation(self, generation_id: int) -> None:
        history = self._window.history
        history.filters.reset()  # a filter must not hide what the writer asked to see
        row = history.model.row_of(generation_id)
        dock = self._window.findChild(QDockWidget, "historyDock")
        if dock is not None:
            dock.show()
        if row is None:
            self._window.statusBar().showMessage(
                self.tr("That generation is older than the history list shows."), 8000
            )
            return
        history.view.selectRow(row)
        history.view.scrollTo(history.model.index(row, 0))
