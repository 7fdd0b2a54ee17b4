"""The task catalogue: what a writer can ask for, and how each task becomes a prompt.

Tasks are data: each is described by a TOML file (`resources/tasks/`, or the user's own in the
data directory), parsed by `task_files`. This module holds the values those files become.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from desktop_app.domain.generation import GenerationParams


class TextSource(StrEnum):
    """Which part of the draft a task works on, besides the prompt box."""

    NONE = "none"  # the prompt box alone (a story about ..., an ad for ...)
    BEFORE_CURSOR = "before_cursor"  # the text before the cursor (continue writing)
    SELECTION_OR_DRAFT = "selection_or_draft"  # the selection, or the whole draft without one


class Placement(StrEnum):
    """Where generated text goes."""

    CONTINUE = "continue"  # at the cursor, as the next words of the text before it
    NEW_PARAGRAPH = "new_paragraph"  # at the cursor, a piece of its own set apart from the text
    REPLACE_SELECTION = "replace_selection"  # in the selection's place; else a new paragraph
    NEW_DRAFT = "new_draft"  # a new draft of its own


class TaskGroup(StrEnum):
    WRITING = "writing"
    YOUR_TEXT = "your_text"  # works on the writer's own text
    MARKETING = "marketing"

    @property
    def label(self) -> str:
        return _GROUP_LABELS[self]


_GROUP_LABELS = {
    TaskGroup.WRITING: "Writing",
    TaskGroup.YOUR_TEXT: "Your text",
    TaskGroup.MARKETING: "Marketing",
}


class FieldKind(StrEnum):
    LINE = "line"  # one line of text
    TEXT = "text"  # several lines
    CHOICE = "choice"  # one of `options`
    LANGUAGE = "language"  # a language, by its English name


class Capability(StrEnum):
    """What a task needs from a model beyond writing English."""

    MULTILINGUAL = "multilingual"


# A field default that stands for the language the app's interface is in.
UI_LANGUAGE = "@ui-language"

SYSTEM_PROMPT = (
    # No name: the smallest models put a named assistant into their text ("Inkwell, a ...").
    "You are a careful writing assistant. Reply with the requested text only: "
    "no preamble, no notes, no quotation marks around it."
)


@dataclass(frozen=True, slots=True)
class TaskField:
    """An input of a task besides the prompt box; its value fills `{name}` in the templates."""

    name: str
    label: str
    kind: FieldKind
    required: bool = False
    default: str = ""
    options: tuple[str, ...] = ()  # for a choice
    hint: str = ""  # placeholder or tooltip
    # For a language field: the output is written in it, so a language other than English
    # needs a multilingual model.
    output_language: bool = False


@dataclass(frozen=True, slots=True)
class Task:
    id: str  # stored in the history: never change a built-in task's id
    label: str
    description: str
    group: TaskGroup
    source: TextSource
    placement: Placement
    # Templates with `{name}` placeholders and `{#name}...{/name}` sections (kept only when
    # the value is not empty); see `prompting.render_template`. Chat: the user turn of a
    # chat-tuned model; plain: the whole prompt of a base model.
    chat_template: str
    plain_template: str
    defaults: GenerationParams = field(default_factory=GenerationParams)
    target_words: int = 150  # the length it aims at; `{target_words}` in the templates
    order: int = 1000  # place in its group of the task picker, lowest first
    icon: str = ""  # resources/icons/tasks/<icon>.svg
    prompt_label: str = "Prompt"
    prompt_hint: str = ""  # placeholder text of the prompt box
    prompt_required: bool = False
    prompt_shown: bool = True  # tasks that need nothing but their fields hide the prompt box
    prompt_default: str = ""  # a custom task's saved prompt
    fields: tuple[TaskField, ...] = ()
    needs: frozenset[Capability] = frozenset()
    # Only for SELECTION_OR_DRAFT: False where the task also makes sense with no text.
    text_required: bool = True
    # Continuing text is what a language model does natively: with no instruction to follow,
    # raw completion keeps the writer's voice, where a chat turn drifts into commentary.
    completion_without_prompt: bool = False
    custom: bool = False  # the writer's own, from the data directory

    def field_named(self, name: str) -> TaskField | None:
        return next((f for f in self.fields if f.name == name), None)


class TaskCatalogue:
    """The tasks on offer, in order: built-in ones first, then the writer's own."""

    def __init__(self, tasks: Iterable[Task]) -> None:
        self._tasks = tuple(tasks)
        self._by_id = {task.id: task for task in self._tasks}
        if len(self._by_id) != len(self._tasks):
            raise ValueError("two tasks share an id")

    def __iter__(self) -> Iterator[Task]:
        return iter(self._tasks)

    def __len__(self) -> int:
        return len(self._tasks)

    def __contains__(self, task_id: object) -> bool:
        return task_id in self._by_id

    def get(self, task_id: str) -> Task:
        try:
            return self._by_id[task_id]
        except KeyError:
            raise KeyError(f"unknown task {task_id!r}") from None

    def label(self, task_id: str) -> str:
        """The label for a stored task id, which may name a task this version no longer has."""
        task = self._by_id.get(task_id)
        return task.label if task else task_id
