"""The task list: the writer's own tasks beside the built-in ones, saving and deleting them,
and saying up front what the loaded model cannot do for a task."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Slot
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from desktop_app.domain.capabilities import missing_capabilities
from desktop_app.domain.generation import ModelInfo
from desktop_app.domain.prompting import field_values
from desktop_app.domain.tasks import Capability, FieldKind, Task
from desktop_app.services.model_service import ModelService
from desktop_app.services.task_library import (
    custom_task_id,
    delete_custom_task,
    load_tasks,
    save_custom_task,
)
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.translations import language_name, task_text


def capability_warning(task: Task, values: Mapping[str, str], info: ModelInfo | None) -> str | None:
    """Why the loaded model cannot do `task` with these field values; None when it can."""
    if info is None:
        return None
    values = field_values(task, values)
    if Capability.MULTILINGUAL not in missing_capabilities(task, values, info):
        return None
    language = next(
        (
            values[f.name]
            for f in task.fields
            if f.kind is FieldKind.LANGUAGE and f.output_language and values[f.name]
        ),
        None,
    )
    what = (
        QCoreApplication.translate("TaskController", "Writing in %1").replace(
            "%1", language_name(language)
        )
        if language
        else task_text(task.label)
    )
    return (
        QCoreApplication.translate(
            "TaskController",
            "%1 needs a multilingual model, and %2 knows English only: it would write "
            "confident nonsense. Choose a multilingual model in Model > Manage Models…",
        )
        .replace("%1", what)
        .replace("%2", info.model_id)
    )


class TaskController(QObject):
    def __init__(
        self, window: MainWindow, model: ModelService, tasks_dir: Path, saved_task: object = None
    ) -> None:
        super().__init__(window)
        self._window = window
        self._model = model
        self._dir = tasks_dir
        self._paths: dict[str, Path] = {}
        prompt = window.prompt
        prompt.inputsChanged.connect(self._update_capability_notice)
        prompt.new_task_action.triggered.connect(self.new_task_from_prompt)
        prompt.delete_task_action.triggered.connect(self.delete_current_task)
        model.modelLoaded.connect(self._update_capability_notice)
        self.reload(select=str(saved_task) if saved_task else None)

    def reload(self, select: str | None = None) -> None:
        """Reads the task files again; a broken one is named in the status bar and skipped."""
        loaded = load_tasks(self._dir)
        self._paths = loaded.paths
        self._window.prompt.set_catalogue(loaded.catalogue, select=select)
        if loaded.problems:
            message = (
                self.tr("Skipped task files with mistakes in %1: %2")
                .replace("%1", str(self._dir))
                .replace("%2", "; ".join(str(problem) for problem in loaded.problems))
            )
            self._window.statusBar().showMessage(message, 30000)
            self._window.prompt.show_notice(message)

    @Slot()
    def new_task_from_prompt(self) -> None:
        """Saves the task on screen, with its prompt, fields and settings as its defaults."""
        prompt = self._window.prompt
        task = prompt.current_task()
        name, accepted = QInputDialog.getText(
            self._window,
            self.tr("New Task"),
            self.tr("Name of the new task:"),
            QLineEdit.EchoMode.Normal,
            self.tr("My %1").replace("%1", task_text(task.label).lower()),
        )
        name = " ".join(name.split())
        if not accepted or not name:
            return
        values = prompt.field_values()
        custom = dataclasses.replace(
            task,
            id=custom_task_id(name, prompt.catalogue, self._dir),
            label=name,
            description=self.tr("Your task, based on %1.").replace("%1", task_text(task.label)),
            prompt_default=prompt.prompt(),
            fields=tuple(
                dataclasses.replace(f, default=values.get(f.name, f.default)) for f in task.fields
            ),
            defaults=prompt.params(),
            custom=True,
        )
        try:
            path = save_custom_task(self._dir, custom)
        except OSError as exc:
            self._window.show_error(
                self.tr("The task could not be saved."),
                self.tr("%1 could not be written: %2")
                .replace("%1", str(self._dir / f"{custom.id}.toml"))
                .replace("%2", exc.strerror or str(exc)),
            )
            return
        self.reload(select=custom.id)
        self._window.statusBar().showMessage(
            self.tr("Saved the task “%1” in %2.").replace("%1", name).replace("%2", str(path)),
            10000,
        )

    @Slot()
    def delete_current_task(self) -> None:
        task = self._window.prompt.current_task()
        path = self._paths.get(task.id)
        if not task.custom or path is None:
            return
        answer = QMessageBox.question(
            self._window,
            self.tr("Delete Task"),
            self.tr(
                "Delete your task “%1”? Its file %2 is removed; its past generations stay "
                "in the history."
            )
            .replace("%1", task_text(task.label))
            .replace("%2", str(path)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            delete_custom_task(path)
        except OSError as exc:
            self._window.show_error(
                self.tr("The task could not be deleted."), f"{path}: {exc.strerror or exc}"
            )
            return
        self.reload()

    @Slot()
    def _update_capability_notice(self) -> None:
        prompt = self._window.prompt
        prompt.show_capability_notice(
            capability_warning(prompt.current_task(), prompt.field_values(), self._model.model_info)
        )
