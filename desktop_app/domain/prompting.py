"""Turns a task, the prompt box and the editor's state into a `GenerationRequest`.

Pure code, so every rule here is tested without threads, Qt or a model.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from desktop_app.domain.generation import ChatMessage, GenerationParams, GenerationRequest
from desktop_app.domain.graphemes import boundary_after, boundary_before
from desktop_app.domain.i18n import task_text, translate
from desktop_app.domain.tasks import SYSTEM_PROMPT, UI_LANGUAGE, Placement, Task, TextSource
from desktop_app.domain.templates import render_template

# A 135M model with an 8k context writes best with a few pages of context; more only slows
# the first token. Counted in characters so this stays tokenizer-free.
MAX_CONTEXT_CHARS = 6000
MAX_SOURCE_CHARS = 12000


class PromptError(ValueError):
    """The request cannot be built; the message is meant for the user."""


@dataclass(frozen=True, slots=True)
class EditorContext:
    text_before_cursor: str
    selection: str
    full_text: str


@dataclass(frozen=True, slots=True)
class BuiltPrompt:
    request: GenerationRequest
    notice: str | None  # e.g. that older text was left out of the context
    omitted_chars: int = 0  # characters of the draft that did not go into the prompt


def build_request(
    task: Task,
    prompt: str,
    editor: EditorContext,
    params: GenerationParams | None = None,
    fields: Mapping[str, str] | None = None,
) -> BuiltPrompt:
    """The request for `task`; `fields` are its field values by name (missing: defaults)."""
    prompt = prompt.strip()
    if task.prompt_required and not prompt:
        raise PromptError(_fill_in_first(task, task.prompt_label))
    values = field_values(task, fields or {})
    for task_field in task.fields:
        if task_field.required and not values[task_field.name]:
            raise PromptError(_fill_in_first(task, task_field.label))

    text, notice, omitted = _source_text(task, editor)
    values |= {"prompt": prompt, "text": text, "target_words": str(task.target_words)}
    inputs = (("prompt", prompt),) + ((("text", text),) if text else ())
    inputs += tuple((f.name, values[f.name]) for f in task.fields if values[f.name])
    request = GenerationRequest(
        task_id=task.id,
        inputs=inputs,
        messages=()
        if task.completion_without_prompt and not prompt
        else (
            ChatMessage("system", SYSTEM_PROMPT),
            ChatMessage("user", render_template(task.chat_template, values).strip()),
        ),
        plain_prompt=render_template(task.plain_template, values),
        params=params or task.defaults,
        keep_text_end=task.source is TextSource.BEFORE_CURSOR,
    )
    return BuiltPrompt(request, notice, omitted)


def field_values(
    task: Task, given: Mapping[str, str], ui_language: str = "English"
) -> dict[str, str]:
    """Every field's value: the one given, else its default, stripped of outer spaces."""
    values = {}
    for task_field in task.fields:
        value = given.get(task_field.name)
        if value is None:
            value = task_field.default
        values[task_field.name] = (ui_language if value == UI_LANGUAGE else value).strip()
    return values


def _source_text(task: Task, editor: EditorContext) -> tuple[str, str | None, int]:
    """The text the task works on, a notice if some was left out, and how much."""
    if task.source is TextSource.NONE:
        return "", None, 0
    if task.source is TextSource.BEFORE_CURSOR:
        text = editor.text_before_cursor
        if not text.strip():
            raise PromptError(
                translate(
                    "Prompt",
                    "Continue writing needs some text before the cursor. "
                    "Write a sentence or two first.",
                )
            )
        return _keep_tail(text, MAX_CONTEXT_CHARS)
    text = editor.selection or editor.full_text
    if not text.strip():
        if not task.text_required:
            return "", None, 0  # e.g. a question needs no text to be about
        raise PromptError(
            translate(
                "Prompt", "{task}: select some text, or write some in the draft, first."
            ).format(task=task_text(task.label))
        )
    return _keep_head(text, MAX_SOURCE_CHARS)


def _fill_in_first(task: Task, label: str) -> str:
    return translate("Prompt", "{task}: fill in “{field}” first.").format(
        task=task_text(task.label), field=task_text(label)
    )


def _keep_tail(text: str, limit: int) -> tuple[str, str | None, int]:
    if len(text) <= limit:
        return text, None, 0
    # The start moves in steps counted from the beginning of the text, so one continuation
    # after another starts the prompt at the same place (and so reuses what the model read
    # for the last one) until the draft has grown by a step: 3/4 to all of `limit` is kept.
    step = limit // 4
    start = -(-(len(text) - limit) // step) * step
    cut = text[boundary_after(text, start) :]  # no stray mark or half emoji
    # Start at a word boundary where there is one close by, so the model sees no half word.
    space = cut.find(" ", 0, 80)
    if space != -1:
        cut = cut[space + 1 :]
    left_out = len(text) - len(cut)
    notice = translate(
        "Prompt", "Used the last {count} characters as context ({left_out} earlier left out)."
    ).format(count=f"{len(cut):,}", left_out=f"{left_out:,}")
    return cut, notice, left_out


def _keep_head(text: str, limit: int) -> tuple[str, str | None, int]:
    if len(text) <= limit:
        return text, None, 0
    limit = boundary_before(text, limit)  # "é" stays "é", not "e"
    return (
        text[:limit],
        translate(
            "Prompt",
            "Used the first {count} of {total} characters; select a shorter passage "
            "to work on the rest.",
        ).format(count=f"{limit:,}", total=f"{len(text):,}"),
        len(text) - limit,
    )


def fit_first_chunk(placement: Placement, text_before: str, first_chunk: str) -> str:
    """The first generated text as it should join the writer's text.

    A continuation gets the space a new word needs, and loses the model's own leading space
    where the writer's text already ends in one; a piece of its own starts a paragraph.
    `text_before` needs only the last two characters before the insertion point.
    """
    if placement is Placement.CONTINUE:
        if not text_before or text_before.endswith("\n\n"):
            return first_chunk.lstrip()  # a paragraph break is there already
        if text_before[-1].isspace():
            return first_chunk.lstrip(" \t")
        return _joining_space(text_before[-1], first_chunk[:1]) + first_chunk
    first_chunk = first_chunk.lstrip()
    if not text_before or text_before.endswith("\n\n"):
        return first_chunk
    return ("\n" if text_before.endswith("\n") else "\n\n") + first_chunk


def _joining_space(last: str, first: str) -> str:
    if not first:
        return ""
    # Scripts written without spaces (CJK) and text that already has a break need none.
    if last.isspace() or first.isspace() or not last.isascii() or not first.isascii():
        return ""
    if first.isalnum() or (first in "\"'(" and last in ".!?:;,"):
        return " "
    return ""
