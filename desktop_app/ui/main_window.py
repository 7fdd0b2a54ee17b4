"""The main window: editor in the centre, drafts on the left, assistant and history on the right."""

from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.generation import GenerationParams
from desktop_app.ui.draft_panel import DraftPanel
from desktop_app.ui.draft_tabs import DraftTabs
from desktop_app.ui.editor_font import default_editor_font, restore_editor_font, save_editor_font
from desktop_app.ui.editor_marks import EditorMarks
from desktop_app.ui.history_panel import HistoryPanel
from desktop_app.ui.naming import named
from desktop_app.ui.output_pager import OutputPager
from desktop_app.ui.prompt_panel import PromptPanel
from desktop_app.ui.text_edit import TextEdit
from desktop_app.ui.variants_panel import VariantsPanel

APP_NAME = "Inkwell"


class MainWindow(QMainWindow):
    closing = Signal()  # emitted synchronously from closeEvent, before the window goes
    # Asked before closing; False keeps the window open (e.g. text that could not be saved).
    close_guard: Callable[[], bool] = staticmethod(lambda: True)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(APP_NAME)
        self.setObjectName("mainWindow")
        self._after_paint: list[Callable[[], object]] = []
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks)

        self.editor = named(TextEdit(), "editor")
        self.editor.setAccessibleName(self.tr("Draft text"))
        self.editor.setAccessibleDescription(
            self.tr("The open draft. Tab types a tab; Ctrl+Tab moves on to the next control.")
        )
        self.editor.setPlaceholderText(self.tr("Start writing, or pick a task and press Generate."))
        self.editor.setFont(default_editor_font())
        self.editor.document().setDocumentMargin(24)
        self.marks = EditorMarks(self.editor)
        self.draft_tabs = DraftTabs()
        self.editor_area = self._editor_area()
        self.setCentralWidget(self.editor_area)

        self.drafts = DraftPanel()
        self.prompt = PromptPanel()
        self.history = HistoryPanel()
        drafts = self._dock(
            self.tr("Drafts"), "draftsDock", self.drafts, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        assistant = self._dock(
            self.tr("Assistant"),
            "assistantDock",
            self.prompt,
            Qt.DockWidgetArea.RightDockWidgetArea,
        )
        history = self._dock(
            self.tr("History"), "historyDock", self.history, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.splitDockWidget(assistant, history, Qt.Orientation.Vertical)
        self.variants = VariantsPanel()
        self.variants_dock = self._dock(
            self.tr("Variants"),
            "variantsDock",
            self.variants,
            Qt.DockWidgetArea.BottomDockWidgetArea,
        )
        self.variants_dock.hide()  # until the writer asks for more than one
        # The cards sit under the draft; the side panels keep their full height.
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.variants_dock.visibilityChanged.connect(self._size_variants)

        self.model_status = named(QLabel(), "modelStatus")
        self.model_status.setAccessibleName(self.tr("Model status"))
        self.load_progress = named(QProgressBar(), "loadProgress")
        self.load_progress.setRange(0, 100)
        self.load_progress.setMaximumWidth(160)
        self.load_progress.setTextVisible(False)
        self.load_progress.hide()
        self.statusBar().addPermanentWidget(self.load_progress)
        self.statusBar().addPermanentWidget(self.model_status)

        self._build_actions()
        self._build_menus()
        self.prompt.set_pager(
            OutputPager(
                {
                    "keepOutput": self.keep_output_action,
                    "discardOutput": self.discard_output_action,
                    "previousOutput": self.previous_output_action,
                    "nextOutput": self.next_output_action,
                    "regenerateOutput": self.regenerate_action,
                    "outputTokens": self.show_tokens_action,
                }
            )
        )
        size = _default_size(self)
        self.resize(size)
        # Room for the writing first: the side panels get a share of the window, not a fixed
        # width that would crush the editor on a small laptop screen.
        self.editor.setMinimumWidth(280)
        self.resizeDocks(
            [drafts, assistant],
            [max(150, size.width() * 17 // 100), max(260, size.width() * 31 // 100)],
            Qt.Orientation.Horizontal,
        )
        self.resizeDocks([assistant, history], [4, 6], Qt.Orientation.Vertical)
        self.editor.setFocus()

    def _editor_area(self) -> QWidget:
        """The open drafts' tabs over the editor, and room under it (`add_under_editor`)."""
        area = named(QWidget(), "editorArea")
        self._editor_layout = QVBoxLayout(area)
        self._editor_layout.setContentsMargins(0, 0, 0, 0)
        self._editor_layout.setSpacing(0)
        self._editor_layout.addWidget(self.draft_tabs)
        self._editor_layout.addWidget(self.editor, 1)
        return area

    def add_under_editor(self, widget: QWidget) -> None:
        """A bar of the draft's own, such as find and replace. The central widget itself is
        never replaced: on a window already on screen, that lays the docks out afresh."""
        self._editor_layout.addWidget(widget)

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = named(QDockWidget(title, self), name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(area, dock)
        return dock

    def _action(self, text: str, *shortcuts: QKeySequence | QKeySequence.StandardKey) -> QAction:
        action = QAction(text, self)
        if shortcuts:
            action.setShortcuts(list(shortcuts))  # type: ignore[arg-type]
        return action

    def _build_actions(self) -> None:
        key = QKeySequence
        self.new_draft_action = self._action(self.tr("&New Draft"), key(key.StandardKey.New))
        self.rename_draft_action = self._action(self.tr("&Rename Draft…"), key("F2"))
        self.duplicate_draft_action = self._action(self.tr("D&uplicate Draft"))
        self.move_draft_action = self._action(self.tr("Move Draft to &Project…"))
        self.delete_draft_action = self._action(self.tr("Move Draft to &Trash"))
        self.quit_action = self._action(self.tr("&Quit"), key(key.StandardKey.Quit), key("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.generate_action = self._action(
            self.tr("&Generate"), key("Ctrl+Return"), key("Ctrl+Enter")
        )
        self.stop_action = self._action(self.tr("&Stop"), key("Esc"))
        self.stop_action.setEnabled(False)
        self.keep_output_action = self._action(
            self.tr("&Keep AI Text"), key("Ctrl+Shift+Return"), key("Ctrl+Shift+Enter")
        )
        self.keep_output_action.setToolTip(self.tr("Keep the marked AI text as your own"))
        self.discard_output_action = self._action(
            self.tr("&Discard AI Text"), key("Ctrl+Shift+Backspace")
        )
        self.discard_output_action.setToolTip(
            self.tr("Put back exactly what was there before the AI text (it stays in History)")
        )
        self.regenerate_action = self._action(self.tr("&Regenerate"), key("Ctrl+R"))
        self.regenerate_action.setToolTip(
            self.tr("Write the last output again, in its place; the old one stays an alternative")
        )
        self.previous_output_action = self._action(self.tr("&Previous Output"), key("Alt+Left"))
        self.next_output_action = self._action(self.tr("&Next Output"), key("Alt+Right"))
        self.show_tokens_action = self._action(self.tr("Show &Tokens…"), key("Ctrl+T"))
        self.show_tokens_action.setToolTip(
            self.tr("See each word of the last output with how sure the model was of it")
        )
        # Short labels for the buttons under Generate; the menu keeps the full words.
        for action, short in (
            (self.keep_output_action, self.tr("Keep")),
            (self.discard_output_action, self.tr("Discard")),
            (self.previous_output_action, "‹"),
            (self.next_output_action, "›"),
            (self.show_tokens_action, self.tr("Tokens…")),
        ):
            action.setIconText(short)
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{action.toolTip()} ({shortcut})")
        for action in self.output_actions():
            action.setEnabled(False)
        self.reload_model_action = self._action(self.tr("&Reload Model"))
        self.manage_models_action = self._action(self.tr("&Manage Models…"), key("Ctrl+Shift+M"))
        self.manage_models_action.setToolTip(
            self.tr("Choose, add or download a model, and where and how it runs")
        )
        self.about_action = self._action(self.tr("&About Inkwell"))
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

        self.undo_action = self._action(self.tr("&Undo"), key(key.StandardKey.Undo))
        self.redo_action = self._action(self.tr("&Redo"), key(key.StandardKey.Redo))
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.undo_action.triggered.connect(self.editor.undo)
        self.redo_action.triggered.connect(self.editor.redo)
        # Undo waits while a generation streams (see TextEdit).
        self.editor.undoAvailable.connect(
            lambda ok: self.undo_action.setEnabled(ok and not self.editor.is_streaming())
        )
        self.editor.redoAvailable.connect(
            lambda ok: self.redo_action.setEnabled(ok and not self.editor.is_streaming())
        )
        self.quit_action.triggered.connect(self.close)
        self.about_action.triggered.connect(self.show_about)

    def _build_menus(self) -> None:
        menus = self.menuBar()
        file_menu = self.file_menu = menus.addMenu(self.tr("&File"))
        file_menu.addActions([self.new_draft_action, self.rename_draft_action])
        file_menu.addActions(
            [self.duplicate_draft_action, self.move_draft_action, self.delete_draft_action]
        )
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = self.edit_menu = menus.addMenu(self.tr("&Edit"))
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        for text, shortcut, slot in (
            (self.tr("Cu&t"), QKeySequence.StandardKey.Cut, self.editor.cut),
            (self.tr("&Copy"), QKeySequence.StandardKey.Copy, self.editor.copy),
            (self.tr("&Paste"), QKeySequence.StandardKey.Paste, self.editor.paste),
            (self.tr("Select &All"), QKeySequence.StandardKey.SelectAll, self.editor.selectAll),
        ):
            action = edit_menu.addAction(text)
            action.setShortcut(QKeySequence(shortcut))
            # The editor handles these keys itself; the menu entries are for mouse users.
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)

        generate_menu = self.generate_menu = menus.addMenu(self.tr("&Generate"))
        generate_menu.addActions([self.generate_action, self.stop_action])
        generate_menu.addSeparator()
        generate_menu.addActions(list(self.output_actions()))

        model_menu = self.model_menu = menus.addMenu(self.tr("&Model"))
        model_menu.addAction(self.manage_models_action)
        self.recent_models_menu = model_menu.addMenu(self.tr("Recent &Models"))
        model_menu.addSeparator()
        model_menu.addAction(self.reload_model_action)

        view_menu = self.view_menu = menus.addMenu(self.tr("&View"))
        for dock in self.findChildren(QDockWidget):
            view_menu.addAction(dock.toggleViewAction())

        help_menu = self.help_menu = menus.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)

    def restore_layout(self, settings: QSettings) -> None:
        """Window size, dock layout and the last task, as the writer left them."""
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)  # Qt keeps it on a screen that still exists
        state = settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        restore_editor_font(self.editor, settings)
        self.prompt.restore_changed_params(_params_from_json(settings.value("assistant/params")))
        variants = str(settings.value("assistant/variants", 1))
        self.prompt.variants.setValue(int(variants) if variants.isdigit() else 1)
        picker = self.prompt.task_picker
        index = picker.findData(settings.value("assistant/task"))
        if index >= 0:
            picker.setCurrentIndex(index)

    def save_layout(self, settings: QSettings) -> None:
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        save_editor_font(self.editor, settings)
        settings.setValue("assistant/task", self.prompt.task_picker.currentData())
        settings.setValue("assistant/variants", self.prompt.variants.value())
        changed = {task: p.as_dict() for task, p in self.prompt.changed_params().items()}
        settings.setValue("assistant/params", json.dumps(changed))
        settings.sync()

    def _size_variants(self, visible: bool) -> None:
        """Opens the cards tall enough to read a few lines and reach their buttons."""
        if visible and self.variants_dock.height() < self.height() // 4:
            # After the show is laid out; a resize asked for during it is overruled.
            QTimer.singleShot(
                0,
                lambda: self.resizeDocks(
                    [self.variants_dock],
                    [max(240, self.height() * 36 // 100)],
                    Qt.Orientation.Vertical,
                ),
            )

    def output_actions(self) -> tuple[QAction, ...]:
        """What can be done with the last output; the controller enables them."""
        return (
            self.keep_output_action,
            self.discard_output_action,
            self.regenerate_action,
            self.previous_output_action,
            self.next_output_action,
            self.show_tokens_action,
        )

    def set_generating(self, running: bool, can_generate: bool) -> None:
        """Locks what must not change under a running generation."""
        self.prompt.set_running(running, can_generate)
        self.generate_action.setEnabled(can_generate and not running)
        self.stop_action.setEnabled(running)
        self.reload_model_action.setEnabled(not running)
        # The writer may go on typing; the draft itself stays, as the text streams into it.
        self.editor.set_streaming(running)
        self.drafts.setEnabled(not running)
        self.draft_tabs.setEnabled(not running)
        for action in (
            self.new_draft_action,
            self.rename_draft_action,
            self.duplicate_draft_action,
            self.move_draft_action,
            self.delete_draft_action,
        ):
            action.setEnabled(not running)
        if running:
            self.undo_action.setEnabled(False)
            self.redo_action.setEnabled(False)
        else:
            document = self.editor.document()
            self.undo_action.setEnabled(document.isUndoAvailable())
            self.redo_action.setEnabled(document.isRedoAvailable())

    def show_error(self, headline: str, details: str) -> QMessageBox:
        """A window-modal, non-blocking error box: the event loop (and the model) keep going."""
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, headline, parent=self)
        box.setInformativeText(details)
        box.setObjectName("errorDialog")
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()
        return box

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Inkwell"),
            self.tr(
                "<h3>Inkwell</h3><p>An offline AI writing studio. Your drafts and the model "
                "stay on this computer: nothing is sent anywhere.</p>"
                "<p>Embedded model: SmolLM2-135M-Instruct (Apache-2.0).</p>"
            ),
        )

    def after_next_paint(self, slot: Callable[[], object], at_most_ms: int = 1000) -> None:
        """Runs `slot` once what the window shows now is on screen: after its next paint, or
        after `at_most_ms` where it does not paint (minimized, say)."""
        ran = False

        def once() -> None:
            nonlocal ran
            if not ran:
                ran = True
                slot()

        self._after_paint.append(once)
        QTimer.singleShot(at_most_ms, self, once)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        waiting, self._after_paint = self._after_paint, []
        for slot in waiting:
            QTimer.singleShot(0, self, slot)  # once this paint is on screen

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.close_guard():
            event.ignore()
            return
        self.closing.emit()
        event.accept()


def _default_size(window: QWidget) -> QSize:
    """1280×800, or nine tenths of a smaller screen: never larger than the laptop's display."""
    screen = window.screen().availableGeometry().size()
    return QSize(min(1280, screen.width() * 9 // 10), min(800, screen.height() * 9 // 10))


def _params_from_json(value: object) -> dict[str, GenerationParams]:
    """Saved settings per task; anything unreadable or out of range is dropped, not fatal."""
    try:
        saved = json.loads(value) if isinstance(value, str) else {}
    except ValueError:
        return {}
    params = {}
    for task_id, fields in saved.items() if isinstance(saved, dict) else ():
        try:
            params[task_id] = GenerationParams.from_dict(fields)
        except ValueError:
            continue
    return params
