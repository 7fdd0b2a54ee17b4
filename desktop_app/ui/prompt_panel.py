"""The assistant panel: task picker, prompt box, the task's fields, Generate and Stop."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QFont, QIcon, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.generation import GenerationParams
from desktop_app.domain.tasks import Task, TaskCatalogue, TaskGroup
from desktop_app.resources import resource_path
from desktop_app.services.task_library import builtin_catalogue
from desktop_app.ui.icons import svg_icon
from desktop_app.ui.naming import named
from desktop_app.ui.output_pager import OutputPager
from desktop_app.ui.settings_panel import GenerationSettings
from desktop_app.ui.task_fields import TaskFieldsForm
from desktop_app.ui.text_edit import TextEdit
from desktop_app.ui.translations import task_text


class PromptPanel(QWidget):
    generateRequested = Signal()
    stopRequested = Signal()
    inputsChanged = Signal()  # another task, or a field of it changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = builtin_catalogue()
        self.task_picker = named(QComboBox(), "taskPicker")
        self.task_picker.setAccessibleName(self.tr("Task"))
        self.task_picker.setAccessibleDescription(
            self.tr("What the assistant writes; the fields below change with the task.")
        )
        self.task_picker.setIconSize(QSize(16, 16))
        self.task_picker.setMaxVisibleItems(30)
        self._fill_picker()
        self._select_task(None)
        self.task_menu_button = self._build_task_menu()

        self.description = QLabel(wordWrap=True)
        self.description.setForegroundRole(self.description.foregroundRole())
        self.description.setStyleSheet("color: palette(placeholder-text);")

        self.prompt_edit = named(TextEdit(), "promptEdit")
        self.prompt_edit.setAccessibleName(self.tr("Prompt"))
        self.prompt_edit.setTabChangesFocus(True)
        self.prompt_edit.setMinimumHeight(72)
        self.fields = named(TaskFieldsForm(), "taskFields")
        self.fields.changed.connect(self.inputsChanged)

        self.settings = GenerationSettings()
        self.variants = self.settings.variants
        self._task_params: dict[str, GenerationParams] = {}  # the writer's changes, per task

        self._build_notices()
        buttons = self._build_buttons()

        task_label = QLabel(self.tr("&Task"))
        task_label.setBuddy(self.task_picker)
        self.prompt_label = QLabel()
        self.prompt_label.setBuddy(self.prompt_edit)

        picker_row = QHBoxLayout()
        picker_row.addWidget(self.task_picker, 1)
        picker_row.addWidget(self.task_menu_button)
        layout = QVBoxLayout(self)
        layout.addWidget(task_label)
        layout.addLayout(picker_row)
        layout.addWidget(self.description)
        layout.addSpacing(4)
        layout.addWidget(self.prompt_label)
        layout.addWidget(self.prompt_edit, 1)
        layout.addWidget(self.fields)
        # Takes the prompt box's room when a task hides it, so the form stays at the top.
        self._filler = QWidget()
        layout.addWidget(self._filler, 1)
        layout.addWidget(self.settings)
        layout.addWidget(self.capability_notice)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        self._layout = layout

        self._shown_task = self.current_task()
        self.task_picker.currentIndexChanged.connect(self._show_task)
        self._show_task()

    def _build_notices(self) -> None:
        self.notice = named(QLabel(wordWrap=True), "promptNotice")
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice.hide()
        # What the loaded model cannot do for this task; shown before anything is generated.
        self.capability_notice = named(QLabel(wordWrap=True), "capabilityNotice")
        self.capability_notice.setStyleSheet(
            "QLabel { border: 1px solid palette(mid); border-radius: 4px; padding: 6px;"
            " background: palette(alternate-base); }"
        )
        self.capability_notice.hide()

    def _fill_picker(self) -> None:
        """The tasks under a heading per group; the writer's own under "Your tasks"."""
        model = QStandardItemModel(self.task_picker)
        heading_font = QFont()  # bold only: the size follows the interface text size
        heading_font.setBold(True)
        groups = [
            (task_text(g.label), [t for t in self.catalogue if t.group is g and not t.custom])
            for g in TaskGroup
        ]
        groups.append((self.tr("Your tasks"), [t for t in self.catalogue if t.custom]))
        for heading, tasks in groups:
            if not tasks:
                continue
            header = QStandardItem(heading)
            header.setFlags(Qt.ItemFlag.NoItemFlags)  # not selectable: arrow keys skip it
            header.setFont(heading_font)
            model.appendRow(header)
            for task in tasks:
                item = QStandardItem(_task_icon(task), task_text(task.label))
                item.setData(task.id, Qt.ItemDataRole.UserRole)
                item.setToolTip(task_text(task.description))
                model.appendRow(item)
        self.task_picker.setModel(model)

    def _build_task_menu(self) -> QToolButton:
        self.new_task_action = QAction(self.tr("New Task from This Prompt…"), self)
        self.new_task_action.setObjectName("newTaskAction")
        self.new_task_action.setToolTip(
            self.tr("Save this task with your prompt, fields and settings as a task of your own")
        )
        self.delete_task_action = QAction(self.tr("Delete This Task"), self)
        self.delete_task_action.setObjectName("deleteTaskAction")
        menu = QMenu(self)
        menu.addAction(self.new_task_action)
        menu.addAction(self.delete_task_action)
        button = named(QToolButton(), "taskMenuButton")
        button.setText("…")
        button.setStyleSheet("QToolButton::menu-indicator { image: none; }")
        button.setAccessibleName(self.tr("Task actions"))
        button.setToolTip(self.tr("Task actions"))
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setMenu(menu)
        return button

    def set_catalogue(self, catalogue: TaskCatalogue, select: str | None = None) -> None:
        """Lists `catalogue`'s tasks, keeping the chosen one (or choosing `select`)."""
        keep = select or str(self.task_picker.currentData())
        self.catalogue = catalogue
        self.task_picker.blockSignals(True)
        self._fill_picker()
        self._select_task(keep)
        self.task_picker.blockSignals(False)
        self._show_task()

    def _select_task(self, task_id: str | None) -> None:
        """Chooses `task_id`, or the first task where there is no such task."""
        index = self.task_picker.findData(task_id) if task_id else -1
        if index < 0:
            index = next(i for i in range(self.task_picker.count()) if self.task_picker.itemData(i))
        self.task_picker.setCurrentIndex(index)

    def _build_buttons(self) -> QHBoxLayout:
        self.generate_button = named(QPushButton(self.tr("Generate")), "generateButton")
        self.generate_button.setToolTip(self.tr("Generate (Ctrl+Enter)"))
        self.stop_button = named(QPushButton(self.tr("Stop")), "stopButton")
        self.stop_button.setToolTip(self.tr("Stop (Esc)"))
        self.stop_button.setEnabled(False)
        self.generate_button.clicked.connect(self.generateRequested)
        self.stop_button.clicked.connect(self.stopRequested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.generate_button)
        return buttons

    def set_pager(self, pager: OutputPager) -> None:
        self.pager = pager
        self._layout.addWidget(pager)

    def current_task(self) -> Task:
        return self.catalogue.get(str(self.task_picker.currentData()))

    def prompt(self) -> str:
        """The prompt box's text; "" for a task that hides the box."""
        return self.prompt_edit.toPlainText() if self.current_task().prompt_shown else ""

    def field_values(self) -> dict[str, str]:
        return self.fields.values()

    def params(self) -> GenerationParams:
        return self.settings.params()

    def changed_params(self) -> dict[str, GenerationParams]:
        """Settings the writer changed from a task's defaults, by task id."""
        self._remember_params()
        return dict(self._task_params)

    def restore_changed_params(self, changed: dict[str, GenerationParams]) -> None:
        self._task_params = dict(changed)
        self._show_params_of(self._shown_task)

    def _show_params_of(self, task: Task) -> None:
        """The writer's settings for `task`, or its defaults where they changed nothing."""
        self.settings.set_task_defaults(task.defaults)
        self.settings.set_params(self._task_params.get(task.id, task.defaults))

    def _remember_params(self) -> None:
        task, params = self._shown_task, self.settings.params()
        if params == task.defaults:
            self._task_params.pop(task.id, None)
        else:
            self._task_params[task.id] = params

    def set_running(self, running: bool, can_generate: bool) -> None:
        self.generate_button.setEnabled(can_generate and not running)
        self.stop_button.setEnabled(running)
        self.task_picker.setEnabled(not running)
        self.task_menu_button.setEnabled(not running)
        self.variants.setEnabled(not running)

    def show_notice(self, text: str | None) -> None:
        self.notice.setText(text or "")
        self.notice.setVisible(bool(text))

    def show_capability_notice(self, text: str | None) -> None:
        self.capability_notice.setText(text or "")
        self.capability_notice.setVisible(bool(text))

    def _show_task(self) -> None:
        if self.task_picker.currentData() is None:  # a group heading, chosen by code
            self._select_task(self._shown_task.id)
            return
        self._remember_params()
        if self._shown_task.id not in self.catalogue:
            self._task_params.pop(self._shown_task.id, None)  # a deleted task
        previous = self._shown_task
        task = self._shown_task = self.current_task()
        self._show_params_of(task)
        self.description.setText(task_text(task.description))
        self.prompt_label.setText("&" + task_text(task.prompt_label))
        self.prompt_edit.setAccessibleName(task_text(task.prompt_label))
        self.prompt_edit.setPlaceholderText(task_text(task.prompt_hint))
        # A custom task's saved prompt fills the box, but never over words the writer typed.
        typed = self.prompt_edit.toPlainText()
        if task.prompt_default and (not typed.strip() or typed == previous.prompt_default):
            self.prompt_edit.setPlainText(task.prompt_default)
        self.prompt_label.setVisible(task.prompt_shown)
        self.prompt_edit.setVisible(task.prompt_shown)
        self._filler.setVisible(not task.prompt_shown)
        self.fields.show_task(task)
        self.delete_task_action.setEnabled(task.custom)
        self.show_notice(None)
        self.inputsChanged.emit()


def _task_icon(task: Task) -> QIcon:
    path = resource_path("icons", "tasks", f"{task.icon}.svg")
    return svg_icon(path) if task.icon else QIcon()
