"""The inputs a task declares, as a form under the prompt box; rebuilt for each task."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from desktop_app.domain.capabilities import ENGLISH
from desktop_app.domain.prompting import field_values
from desktop_app.domain.tasks import FieldKind, Task, TaskField
from desktop_app.ui.naming import named
from desktop_app.ui.text_edit import TextEdit
from desktop_app.ui.translations import language_name, option_label, task_text

# Offered in language pickers, by English name (what the templates put in the prompt).
LANGUAGES = (
    "Arabic",
    "Bengali",
    "Chinese",
    "Czech",
    "Danish",
    "Dutch",
    "English",
    "Finnish",
    "French",
    "German",
    "Greek",
    "Hebrew",
    "Hindi",
    "Hungarian",
    "Indonesian",
    "Italian",
    "Japanese",
    "Korean",
    "Norwegian",
    "Persian",
    "Polish",
    "Portuguese",
    "Romanian",
    "Russian",
    "Spanish",
    "Swedish",
    "Thai",
    "Turkish",
    "Ukrainian",
    "Vietnamese",
)


def ui_language() -> str:
    """The interface's language by English name. QLocale(), not the system's: at start-up
    the default locale is set to the language the interface is shown in."""
    name = QLocale.languageToString(QLocale().language())
    return name if name in LANGUAGES else ENGLISH


FieldWidget = QLineEdit | QPlainTextEdit | QComboBox


class TaskFieldsForm(QWidget):
    """One labelled input per field of the task shown; values are kept per task."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QFormLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._task: Task | None = None
        self._widgets: dict[str, FieldWidget] = {}
        self._kept: dict[str, dict[str, str]] = {}  # values the writer gave, by task id

    def show_task(self, task: Task) -> None:
        if self._task is not None:
            self._kept[self._task.id] = self.values()
        self._task = task
        while self._layout.rowCount():
            self._layout.removeRow(0)
        self._widgets = {}
        kept = self._kept.get(task.id, {})
        for task_field in task.fields:
            widget = self._widget_for(task_field)
            self._set_value(widget, kept.get(task_field.name, self._default(task, task_field)))
            label = QLabel(task_text(task_field.label) + ":")
            label.setBuddy(widget)
            self._layout.addRow(label, widget)
            self._widgets[task_field.name] = widget
        self.setVisible(bool(task.fields))

    def values(self) -> dict[str, str]:
        return {name: _value_of(widget) for name, widget in self._widgets.items()}

    def widget(self, name: str) -> FieldWidget:
        return self._widgets[name]

    def first_widget(self) -> FieldWidget | None:
        return next(iter(self._widgets.values()), None)

    def _default(self, task: Task, task_field: TaskField) -> str:
        # Read each time: the interface's language may have changed since the form was made.
        return field_values(task, {}, ui_language())[task_field.name]

    def _widget_for(self, task_field: TaskField) -> FieldWidget:
        name = "field_" + task_field.name
        widget: FieldWidget
        if task_field.kind in (FieldKind.CHOICE, FieldKind.LANGUAGE):
            widget = named(QComboBox(), name)
            if not task_field.required:
                empty = (
                    self.tr("Let the model tell")
                    if task_field.kind is FieldKind.LANGUAGE
                    else self.tr("Any")
                )
                widget.addItem(empty, "")
            if task_field.kind is FieldKind.CHOICE:
                for option in task_field.options:
                    widget.addItem(task_text(option_label(option)), option)
            else:
                for language in LANGUAGES:
                    widget.addItem(language_name(language), language)
            widget.currentIndexChanged.connect(self.changed)
        elif task_field.kind is FieldKind.TEXT:
            widget = named(TextEdit(), name)
            widget.setTabChangesFocus(True)
            widget.setFixedHeight(widget.fontMetrics().lineSpacing() * 3 + 12)
            widget.setPlaceholderText(task_text(task_field.hint))
            widget.textChanged.connect(self.changed)
        else:
            widget = named(QLineEdit(), name)
            widget.setPlaceholderText(task_text(task_field.hint))
            widget.textChanged.connect(self.changed)
        widget.setAccessibleName(task_text(task_field.label))
        if task_field.hint:
            widget.setToolTip(task_text(task_field.hint))
        return widget

    @staticmethod
    def _set_value(widget: FieldWidget, value: str) -> None:
        if isinstance(widget, QComboBox):
            index = widget.findData(value)
            if index < 0 and value:  # a language or option not on the list: offered too
                widget.addItem(value, value)
                index = widget.count() - 1
            widget.setCurrentIndex(max(index, 0))
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value)
        else:
            widget.setText(value)


def _value_of(widget: FieldWidget) -> str:
    if isinstance(widget, QComboBox):
        return str(widget.currentData() or "")
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    return widget.text()
