"""File > Import…, Export Draft… and Export History…: drafts in and out of other programs.

Every file is written whole or not at all (services.atomic_file); a failure says which file
and why, and leaves any earlier file of that name as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop_app.domain.records import Draft
from desktop_app.services.draft_export import (
    ExportError,
    ExportFormat,
    file_name_for,
    format_for_path,
    render_draft,
    save_export,
)
from desktop_app.services.draft_import import ImportedFile, ImportFailed, read_draft_file
from desktop_app.services.history_export import history_csv, history_json
from desktop_app.services.library import Library, StorageError
from desktop_app.ui.drafts_controller import DraftsController
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.naming import named
from desktop_app.ui.pdf_export import html_to_pdf

_HISTORY_SUFFIXES = (".csv", ".json")


class ImportExportController(QObject):
    def __init__(self, window: MainWindow, library: Library, drafts: DraftsController) -> None:
        super().__init__(window)
        self._window = window
        self._library = library
        self._drafts = drafts
        # Where the last file dialog was, for this session: the window's settings file is
        # not handed to controllers, and a folder is quickly found again after a restart.
        self._folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        self._draft_filter = ""  # the export format last chosen, offered first next time
        self._history_filter = ""
        self.import_action = self._action(
            self.tr("&Import…"), "importAction", self.import_files, "Ctrl+Shift+O"
        )
        self.import_action.setStatusTip(self.tr("Make new drafts from .txt, .md or .docx files"))
        self.export_draft_action = self._action(
            self.tr("&Export Draft…"), "exportDraftAction", self.export_draft, "Ctrl+Shift+E"
        )
        self.export_draft_action.setStatusTip(
            self.tr("Save this draft as Markdown, plain text, a web page, Word or PDF")
        )
        self.export_history_action = self._action(
            self.tr("Export &History…"), "exportHistoryAction", self.export_history
        )
        self.export_history_action.setStatusTip(
            self.tr("Save every generation as a spreadsheet (CSV) or as JSON")
        )
        menu = window.file_menu
        menu.insertActions(
            window.quit_action,
            [self.import_action, self.export_draft_action, self.export_history_action],
        )
        menu.insertSeparator(window.quit_action)
        # An import opens a new draft: like New Draft, not while a generation writes.
        new_draft = window.new_draft_action
        new_draft.changed.connect(lambda: self.import_action.setEnabled(new_draft.isEnabled()))

    def _action(
        self, text: str, name: str, slot: Callable[[], None], shortcut: str = ""
    ) -> QAction:
        action = named(QAction(text, self._window), name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    # Import

    @Slot()
    def import_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self._window,
            self.tr("Import Drafts"),
            self._folder,
            ";;".join(
                (
                    self.tr("Drafts (*.txt *.md *.markdown *.docx)"),
                    self.tr("Word documents (*.docx)"),
                    self.tr("Text and Markdown (*.txt *.md *.markdown)"),
                )
            ),
        )
        if not names:
            return
        self._folder = str(Path(names[0]).parent)
        imported: list[Draft] = []
        legacy: list[str] = []
        failures: list[str] = []
        with _busy():
            for name in names:
                try:
                    read = read_draft_file(Path(name))
                    imported.append(self._new_draft(read))
                except (ImportFailed, StorageError) as exc:
                    failures.append(str(exc))
                    continue
                if read.legacy_encoding:
                    legacy.append(Path(name).name)
        if imported:
            self._drafts.switch_draft(imported[-1].id)
            self._report_imported(len(imported), legacy)
        if failures:
            self._window.show_error(
                (
                    self.tr("1 file could not be imported.")
                    if len(failures) == 1
                    else self.tr("%1 files could not be imported.").replace(
                        "%1", str(len(failures))
                    )
                ),
                "\n\n".join(failures),
            )

    def _new_draft(self, file: ImportedFile) -> Draft:
        try:
            return self._library.new_draft(file.title or self.tr("Imported"), file.body)
        except StorageError as exc:
            raise StorageError(
                self.tr("“%1” could not be added to your drafts: %2")
                .replace("%1", file.title)
                .replace("%2", str(exc))
            ) from exc

    def _report_imported(self, count: int, legacy: list[str]) -> None:
        message = (
            self.tr("1 draft imported.")
            if count == 1
            else self.tr("%1 drafts imported.").replace("%1", str(count))
        )
        if legacy:
            message += " " + self.tr(
                "%1 was read as Windows-1252, not UTF-8: check its accented letters."
            ).replace("%1", ", ".join(f"“{name}”" for name in legacy))
        # A notice about the text's letters stays until the next message; success fades.
        self._window.statusBar().showMessage(message, 0 if legacy else 5000)

    # Export

    @Slot()
    def export_draft(self) -> None:
        draft = self._drafts.current
        title = draft.title if draft is not None else self.tr("Untitled")
        filters = {
            self.tr("Markdown (*.md)"): ExportFormat.MARKDOWN,
            self.tr("Plain text (*.txt)"): ExportFormat.TEXT,
            self.tr("Web page (*.html)"): ExportFormat.HTML,
            self.tr("Word document (*.docx)"): ExportFormat.DOCX,
            self.tr("PDF (*.pdf)"): ExportFormat.PDF,
        }
        chosen = self._ask_save_path(
            self.tr("Export Draft"),
            title,
            {label: fmt.suffix for label, fmt in filters.items()},
            self._draft_filter,
            lambda path: format_for_path(path) is not None,
        )
        if chosen is None:
            return
        path, self._draft_filter = chosen
        fmt = format_for_path(path) or ExportFormat.MARKDOWN
        body = self._window.editor.toPlainText()  # what is on screen, saved or not yet
        if self._export(path, lambda: render_draft(fmt, title, body, html_to_pdf)):
            self._window.statusBar().showMessage(
                self.tr("Exported “%1”.").replace("%1", path.name), 5000
            )

    @Slot()
    def export_history(self) -> None:
        filters = {
            self.tr("Spreadsheet, CSV (*.csv)"): _HISTORY_SUFFIXES[0],
            self.tr("JSON (*.json)"): _HISTORY_SUFFIXES[1],
        }
        chosen = self._ask_save_path(
            self.tr("Export History"),
            self.tr("Inkwell history"),
            filters,
            self._history_filter,
            lambda path: path.suffix.lower() in _HISTORY_SUFFIXES,
        )
        if chosen is None:
            return
        path, self._history_filter = chosen
        try:
            records = self._library.history(limit=None)
        except StorageError as exc:
            self._window.show_error(self.tr("The history could not be read"), str(exc))
            return
        render = history_json if path.suffix.lower() == ".json" else history_csv
        if self._export(path, lambda: render(records)):
            self._window.statusBar().showMessage(
                (
                    self.tr("1 generation exported to “%1”.")
                    if len(records) == 1
                    else self.tr("%2 generations exported to “%1”.").replace(
                        "%2", str(len(records))
                    )
                ).replace("%1", path.name),
                5000,
            )

    def _ask_save_path(
        self,
        caption: str,
        base_name: str,
        filters: dict[str, str],
        last_filter: str,
        known: Callable[[Path], bool],
    ) -> tuple[Path, str] | None:
        """Where to save, and the filter chosen: a name without a `known` extension gets
        the chosen filter's (`filters` maps each filter to its extension)."""
        label = last_filter if last_filter in filters else next(iter(filters))
        suggested = Path(self._folder) / f"{file_name_for(base_name)}{filters[label]}"
        name, selected = QFileDialog.getSaveFileName(
            self._window, caption, str(suggested), ";;".join(filters), label
        )
        if not name:
            return None
        path = Path(name)
        label = selected if selected in filters else label
        if not known(path):
            path = path.with_name(path.name + filters[label])
            # The dialog asked about replacing the name as typed, not this one.
            if path.exists() and not self._confirm_replace(path):
                return None
        self._folder = str(path.parent)
        # The format the file got is the one to offer first next time.
        label = next((f for f, suffix in filters.items() if suffix == path.suffix.lower()), label)
        return path, label

    def _confirm_replace(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self._window,
            self.tr("Replace File"),
            self.tr("“%1” already exists. Replace it?").replace("%1", path.name),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _export(self, path: Path, render: Callable[[], bytes]) -> bool:
        try:
            with _busy():
                save_export(path, render())
        except ExportError as exc:
            self._window.show_error(
                self.tr("“%1” could not be exported").replace("%1", path.name),
                self.tr("%1\n\nAny earlier file of that name is unchanged.").replace(
                    "%1", str(exc)
                ),
            )
            return False
        return True


@contextmanager
def _busy() -> Iterator[None]:
    """A wait cursor while a long document is converted on the GUI thread."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()
