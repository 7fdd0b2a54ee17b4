"""The assistant panel: task picker, prompt box, Generate and Stop."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.generation import GenerationParams
from desktop_app.domain.tasks import TASKS, Task, task_by_id
from desktop_app.ui.naming import named
from desktop_app.ui.output_pager import OutputPager
from desktop_app.ui.settings_panel import GenerationSettings


class PromptPanel(QWidget):
    generateRequested = Signal()
    stopRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.task_picker = named(QComboBox(), "taskPicker")
        self.task_picker.setAccessibleName(self.tr("Task"))
        for task in TASKS:
            self.task_picker.addItem(self.tr(task.label), task.id)
            index = self.task_picker.count() - 1
            self.task_picker.setItemData(
                index, self.tr(task.description), Qt.ItemDataRole.ToolTipRole
            )

        self.description = QLabel(wordWrap=True)
        self.description.setForegroundRole(self.description.foregroundRole())
        self.description.setStyleSheet("color: palette(placeholder-text);")

        self.prompt_edit = named(QPlainTextEdit(), "promptEdit")
        self.prompt_edit.setAccessibleName(self.tr("Prompt"))
        self.prompt_edit.setTabChangesFocus(True)
        self.prompt_edit.setMinimumHeight(72)

        self.settings = GenerationSettings()
        self.variants = self.settings.variants
        self._task_params: dict[str, GenerationParams] = {}  # the writer's changes, per task

        self.notice = named(QLabel(wordWrap=True), "promptNotice")
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice.hide()

        buttons = self._build_buttons()

        task_label = QLabel(self.tr("&Task"))
        task_label.setBuddy(self.task_picker)
        prompt_label = QLabel(self.tr("&Prompt"))
        prompt_label.setBuddy(self.prompt_edit)

        layout = QVBoxLayout(self)
        layout.addWidget(task_label)
        layout.addWidget(self.task_picker)
        layout.addWidget(self.description)
        layout.addSpacing(4)
        layout.addWidget(prompt_label)
        layout.addWidget(self.prompt_edit, 1)
        layout.addWidget(self.settings)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        self._layout = layout

        self._shown_task = self.current_task()
        self.task_picker.currentIndexChanged.connect(self._show_task)
        self._show_task()

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
        return task_by_id(str(self.task_picker.currentData()))

    def prompt(self) -> str:
        return self.prompt_edit.toPlainText()

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
        self.variants.setEnabled(not running)

    def show_notice(self, text: str | None) -> None:
        self.notice.setText(text or "")
        self.notice.setVisible(bool(text))

    def _show_task(self) -> None:
        self._remember_params()
        task = self._shown_task = self.current_task()
        self._show_params_of(task)
        self.description.setText(self.tr(task.description))
        self.prompt_edit.setPlaceholderText(self.tr(task.prompt_hint))
        self.show_notice(None)
