"""Reads the task files: the built-in ones shipped in `resources/tasks/` and the writer's own
in `<data dir>/tasks/`; writes and deletes the writer's own."""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from desktop_app.domain.i18n import translate
from desktop_app.domain.task_files import TaskFileError, parse_task, task_to_toml
from desktop_app.domain.tasks import Task, TaskCatalogue, TaskGroup
from desktop_app.resources import resource_path
from desktop_app.services.atomic_file import write_atomically

log = logging.getLogger(__name__)

CUSTOM_PREFIX = "custom-"


@dataclass(frozen=True, slots=True)
class TaskFileProblem:
    path: Path
    message: str

    def __str__(self) -> str:
        return f"{self.path.name}: {self.message}"


@dataclass(frozen=True, slots=True)
class LoadedTasks:
    catalogue: TaskCatalogue
    problems: tuple[TaskFileProblem, ...]  # user files that were skipped, and why
    paths: dict[str, Path]  # the file of each custom task, by id


def builtin_tasks_dir() -> Path:
    return resource_path("tasks")


@functools.cache
def builtin_catalogue() -> TaskCatalogue:
    """The tasks Inkwell ships. A broken built-in file is a bug in Inkwell: it raises."""
    tasks = []
    for path in sorted(builtin_tasks_dir().glob("*.toml")):
        try:
            tasks.append(parse_task(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, TaskFileError) as exc:
            raise RuntimeError(f"built-in task file {path} is broken: {exc}") from exc
    return TaskCatalogue(sorted(tasks, key=lambda t: (list(TaskGroup).index(t.group), t.order)))


def task_by_id(task_id: str) -> Task:
    """A built-in task; KeyError for any other id."""
    return builtin_catalogue().get(task_id)


def task_label(task_id: str) -> str:
    """The label of a built-in task; for any other id (a custom or retired task), the id."""
    return builtin_catalogue().label(task_id)


def load_tasks(user_dir: Path) -> LoadedTasks:
    """The built-in tasks, then the writer's own; a broken file is skipped and reported."""
    builtin = builtin_catalogue()
    tasks = list(builtin)
    problems = []
    paths: dict[str, Path] = {}
    for path in sorted(user_dir.glob("*.toml")) if user_dir.is_dir() else []:
        try:
            task = parse_task(path.read_text(encoding="utf-8"), custom=True)
        except (OSError, UnicodeDecodeError) as exc:
            unreadable = translate("TaskFile", "could not be read ({detail})")
            problems.append(TaskFileProblem(path, unreadable.format(detail=exc)))
            continue
        except TaskFileError as exc:
            problems.append(TaskFileProblem(path, str(exc)))
            continue
        if task.id in builtin:
            builtin_id = translate("TaskFile", "the id {id} is a built-in task's; give it a new id")
            problems.append(TaskFileProblem(path, builtin_id.format(id=repr(task.id))))
        elif task.id in paths:
            taken = translate("TaskFile", "the id {id} is also in {file}")
            problems.append(
                TaskFileProblem(path, taken.format(id=repr(task.id), file=paths[task.id].name))
            )
        else:
            paths[task.id] = path
            tasks.append(task)
    for problem in problems:
        log.warning("task file skipped: %s", problem)
    return LoadedTasks(TaskCatalogue(tasks), tuple(problems), paths)


def custom_task_id(label: str, taken: TaskCatalogue, user_dir: Path | None = None) -> str:
    """A new id for a custom task named `label`: readable, used by no other task, and with no
    file of that name in `user_dir` (a broken file the loader skipped is still the writer's)."""
    slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")[:40] or "task"
    task_id, n = CUSTOM_PREFIX + slug, 2
    while task_id in taken or (user_dir is not None and (user_dir / f"{task_id}.toml").exists()):
        task_id, n = f"{CUSTOM_PREFIX}{slug}-{n}", n + 1
    return task_id


def save_custom_task(user_dir: Path, task: Task) -> Path:
    """Writes `task` as `<user_dir>/<id>.toml`; OSError if it cannot be written."""
    user_dir.mkdir(parents=True, exist_ok=True)
    path = user_dir / f"{task.id}.toml"
    write_atomically(path, task_to_toml(task).encode("utf-8"))
    return path


def delete_custom_task(path: Path) -> None:
    path.unlink(missing_ok=True)
