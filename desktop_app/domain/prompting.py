"""Turns a task, the prompt box and the editor's state into a `GenerationRequest`.

Pure code, so every rule here is tested without threads, Qt or a model.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from desktop_app.domain.generation import ChatMessage, GenerationParams, GenerationRequest
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
        raise PromptError(f"{task.label}: fill in “{task.prompt_label}” first.")
    values = field_values(task, fields or {})
    for task_field in task.fields:
        if task_field.required and not values[task_field.name]:
            raise PromptError(f"{task.label}: fill in “{task_field.label}” first.")

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
                "Continue writing needs some text before the cursor. Write a sentence or two first."
            )
        return _keep_tail(text, MAX_CONTEXT_CHARS)
    text = editor.selection or editor.full_text
    if not text.strip():
        if not task.text_required:
            return "", None, 0  # e.g. a question needs no text to be about
        raise PromptError(f"{task.label}: select some text, or write some in the draft, first.")
    return _keep_head(text, MAX_SOURCE_CHARS)


def _keep_tail(text: str, limit: int) -> tuple[str, str | None, int]:
    if len(text) <= limit:
        return text, None, 0
    cut = text[-limit:]
    # Start at a word boundary where there is one close by, so the model sees no half word.
    space = cut.find(" ", 0, 80)
    if space != -1:
        cut = cut[space + 1 :]
    left_out = len(text) - len(cut)
    notice = f"Used the last {len(cut):,} characters as context ({left_out:,} earlier left out)."
    return cut, notice, left_out


def _keep_head(text: str, limit: int) -> tuple[str, str | None, int]:
    if len(text) <= limit:
        return text, None, 0
    return (
        text[:limit],
        f"Used the first {limit:,} of {len(text):,} characters; select a shorter passage "
        "to work on the rest.",
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
