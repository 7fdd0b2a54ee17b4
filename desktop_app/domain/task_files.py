"""Task files: a task described in TOML, parsed into a `Task` and written back.

A task file names the task, its fields, its two templates and its defaults:

    id = "poem"                      # letters, digits, - and _; stored in the history
    label = "Poem"
    description = "A poem on any theme."
    group = "writing"                # writing | your_text | marketing
    order = 30                       # place in its group in the task picker, lowest first
    icon = "poem"                    # resources/icons/tasks/poem.svg
    source = "none"                  # none | before_cursor | selection_or_draft
    placement = "new_paragraph"      # continue | new_paragraph | replace_selection | new_draft
    target_words = 80
    needs = []                       # e.g. ["multilingual"]

    [prompt]                         # the main prompt box
    label = "Theme"
    hint = "e.g. autumn rain in the city"
    required = true

    [[fields]]                       # more inputs, shown under the prompt box
    name = "form"
    label = "Form"
    kind = "choice"                  # line | text | choice | language
    options = ["free verse", "rhyming"]

    [defaults]                       # generation settings (any of GenerationParams)
    temperature = 0.8

    [templates]                      # see templates.py for {name} and {#name}...{/name}
    chat = "Write a poem about {prompt}."
    plain = "A poem about {prompt}:\n\n"
"""

from __future__ import annotations

import json
import math
import re
import tomllib
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from desktop_app.domain.generation import GenerationParams
from desktop_app.domain.i18n import translate
from desktop_app.domain.presets import words_to_tokens
from desktop_app.domain.tasks import (
    Capability,
    FieldKind,
    Placement,
    Task,
    TaskField,
    TaskGroup,
    TextSource,
)
from desktop_app.domain.templates import TemplateError, template_names

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
# Values every template may use besides the task's own fields.
BUILT_IN_NAMES = frozenset({"prompt", "text", "target_words"})
_TOP_KEYS = {
    "id",
    "label",
    "description",
    "group",
    "order",
    "icon",
    "source",
    "placement",
    "target_words",
    "needs",
    "text_required",
    "completion_without_prompt",
    "prompt",
    "fields",
    "defaults",
    "templates",
}
_FIELD_KEYS = {"name", "label", "kind", "required", "default", "options", "hint", "output"}
_PROMPT_KEYS = {"label", "hint", "required", "shown", "default"}

E = TypeVar("E")


class TaskFileError(ValueError):
    """A task file that cannot be used; the message says why, in words."""


def parse_task(text: str, *, custom: bool = False) -> Task:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TaskFileError(
            translate("TaskFile", "it is not valid TOML ({detail})").format(detail=exc)
        ) from exc
    _no_unknown(data, _TOP_KEYS, "")
    task_id = _str(data, "id", required=True)
    if not _ID.match(task_id):
        raise TaskFileError(
            translate(
                "TaskFile", "the id {id} must be lowercase letters, digits, - or _ (at most 64)"
            ).format(id=repr(task_id))
        )
    prompt = _table(data, "prompt")
    _no_unknown(prompt, _PROMPT_KEYS, "[prompt] ")
    fields = tuple(_field(entry, i) for i, entry in enumerate(_list(data, "fields")))
    names = [f.name for f in fields]
    repeated = {n for n in names if names.count(n) > 1} | (set(names) & BUILT_IN_NAMES)
    if repeated:
        raise TaskFileError(
            translate("TaskFile", "the field name {name} is used twice or reserved").format(
                name=repr(sorted(repeated)[0])
            )
        )
    target_words = _int(data, "target_words", 150)
    templates = _table(data, "templates")
    _no_unknown(templates, {"chat", "plain"}, "[templates] ")
    chat = _str(templates, "chat", required=True, where="[templates] ")
    plain = _str(templates, "plain", required=True, where="[templates] ")
    known = BUILT_IN_NAMES | set(names)
    for kind, template in (("chat", chat), ("plain", plain)):
        try:
            unknown = template_names(template) - known
        except TemplateError as exc:
            raise TaskFileError(
                translate("TaskFile", "the {kind} template is not valid: {detail}").format(
                    kind=kind, detail=exc
                )
            ) from exc
        if unknown:
            raise TaskFileError(
                translate(
                    "TaskFile",
                    "the {kind} template uses {name}, which is not a field (known: {known})",
                ).format(
                    kind=kind, name=f"{{{sorted(unknown)[0]}}}", known=", ".join(sorted(known))
                )
            )
    return Task(
        id=task_id,
        label=_str(data, "label", required=True),
        description=_str(data, "description"),
        group=_enum(TaskGroup, data, "group", TaskGroup.WRITING),
        source=_enum(TextSource, data, "source", TextSource.NONE),
        placement=_enum(Placement, data, "placement", Placement.NEW_PARAGRAPH),
        chat_template=chat,
        plain_template=plain,
        defaults=_params(_table(data, "defaults"), target_words),
        target_words=target_words,
        order=_int(data, "order", 1000),
        icon=_str(data, "icon"),
        prompt_label=_str(prompt, "label", where="[prompt] ") or "Prompt",
        prompt_hint=_str(prompt, "hint", where="[prompt] "),
        prompt_required=_bool(prompt, "required", False, "[prompt] "),
        prompt_shown=_bool(prompt, "shown", True, "[prompt] "),
        prompt_default=_str(prompt, "default", where="[prompt] "),
        fields=fields,
        needs=frozenset(_capability(value) for value in _list(data, "needs")),
        text_required=_bool(data, "text_required", True),
        completion_without_prompt=_bool(data, "completion_without_prompt", False),
        custom=custom,
    )


def _field(entry: object, index: int) -> TaskField:
    where = translate("TaskFile", "[[fields]] number {number}: ").format(number=index + 1)
    if not isinstance(entry, dict):
        raise TaskFileError(translate("TaskFile", "{where}it must be a table").format(where=where))
    _no_unknown(entry, _FIELD_KEYS, where)
    name = _str(entry, "name", required=True, where=where)
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise TaskFileError(
            translate(
                "TaskFile", "{where}the name {name} must be lowercase letters, digits or _"
            ).format(where=where, name=repr(name))
        )
    kind_name = _str(entry, "kind", where=where) or FieldKind.LINE.value
    try:
        kind = FieldKind(kind_name)
    except ValueError:
        kinds = ", ".join(k.value for k in FieldKind)
        raise TaskFileError(
            translate("TaskFile", "{where}unknown kind {kind} (one of: {kinds})").format(
                where=where, kind=repr(kind_name), kinds=kinds
            )
        ) from None
    options = tuple(str(o) for o in _list(entry, "options"))
    default = _str(entry, "default", where=where)
    if kind is FieldKind.CHOICE and not options:
        raise TaskFileError(
            translate("TaskFile", "{where}a choice needs options").format(where=where)
        )
    if kind is FieldKind.CHOICE and default and default not in options:
        raise TaskFileError(
            translate("TaskFile", "{where}the default {default} is not one of the options").format(
                where=where, default=repr(default)
            )
        )
    return TaskField(
        name=name,
        label=_str(entry, "label", where=where) or name.replace("_", " ").capitalize(),
        kind=kind,
        required=_bool(entry, "required", False, where),
        default=default,
        options=options,
        hint=_str(entry, "hint", where=where),
        output_language=_bool(entry, "output", False, where),
    )


def _params(table: Mapping[str, Any], target_words: int) -> GenerationParams:
    # Room for the target and a half more, so a text can end at its own pace.
    values = {"max_new_tokens": words_to_tokens(math.ceil(target_words * 1.5)), **table}
    try:
        return GenerationParams.from_dict(values)
    except ValueError as exc:
        raise TaskFileError(f"[defaults] {exc}") from exc


def _capability(value: object) -> Capability:
    try:
        return Capability(str(value))
    except ValueError:
        known = ", ".join(c.value for c in Capability)
        raise TaskFileError(
            translate("TaskFile", "needs: unknown {value} (known: {known})").format(
                value=repr(value), known=known
            )
        ) from None


def _no_unknown(table: Mapping[str, Any], known: set[str], where: str) -> None:
    unknown = sorted(set(table) - known)
    if unknown:
        raise TaskFileError(
            translate("TaskFile", "{where}unknown key {key}").format(
                where=where, key=repr(unknown[0])
            )
        )


def _str(table: Mapping[str, Any], key: str, *, required: bool = False, where: str = "") -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise TaskFileError(
            translate("TaskFile", "{where}{key} must be text").format(where=where, key=key)
        )
    if required and not value.strip():
        raise TaskFileError(
            translate("TaskFile", "{where}{key} is missing").format(where=where, key=key)
        )
    return value


def _bool(table: Mapping[str, Any], key: str, default: bool, where: str = "") -> bool:
    value = table.get(key, default)
    if not isinstance(value, bool):
        raise TaskFileError(
            translate("TaskFile", "{where}{key} must be true or false").format(where=where, key=key)
        )
    return value


def _int(table: Mapping[str, Any], key: str, default: int) -> int:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10000:
        raise TaskFileError(
            translate("TaskFile", "{key} must be a whole number from 1 to 10000").format(key=key)
        )
    return value


def _table(table: Mapping[str, Any], key: str) -> dict[str, Any]:
    value = table.get(key, {})
    if not isinstance(value, dict):
        raise TaskFileError(translate("TaskFile", "[{key}] must be a table").format(key=key))
    return value


def _list(table: Mapping[str, Any], key: str) -> list[Any]:
    value = table.get(key, [])
    if not isinstance(value, list):
        raise TaskFileError(translate("TaskFile", "{key} must be a list").format(key=key))
    return value


def _enum(kind: Callable[[str], E], table: Mapping[str, Any], key: str, default: E) -> E:
    value = table.get(key)
    if value is None:
        return default
    try:
        return kind(str(value))
    except ValueError:
        raise TaskFileError(
            translate("TaskFile", "{key}: unknown value {value}").format(key=key, value=repr(value))
        ) from None


# Writing


def task_to_toml(task: Task) -> str:
    """The task as a task file that `parse_task` reads back to an equal task."""
    lines = [
        f"id = {_s(task.id)}",
        f"label = {_s(task.label)}",
        f"description = {_s(task.description)}",
        f"group = {_s(task.group.value)}",
        f"icon = {_s(task.icon)}",
        f"source = {_s(task.source.value)}",
        f"placement = {_s(task.placement.value)}",
        f"target_words = {task.target_words}",
        f"order = {task.order}",
        f"needs = [{', '.join(_s(n.value) for n in sorted(task.needs))}]",
        f"text_required = {_b(task.text_required)}",
        f"completion_without_prompt = {_b(task.completion_without_prompt)}",
        "",
        "[prompt]",
        f"label = {_s(task.prompt_label)}",
        f"hint = {_s(task.prompt_hint)}",
        f"required = {_b(task.prompt_required)}",
        f"shown = {_b(task.prompt_shown)}",
        f"default = {_s(task.prompt_default)}",
    ]
    for f in task.fields:
        lines += [
            "",
            "[[fields]]",
            f"name = {_s(f.name)}",
            f"label = {_s(f.label)}",
            f"kind = {_s(f.kind.value)}",
            f"required = {_b(f.required)}",
            f"default = {_s(f.default)}",
            f"options = [{', '.join(_s(o) for o in f.options)}]",
            f"hint = {_s(f.hint)}",
            f"output = {_b(f.output_language)}",
        ]
    lines += ["", "[defaults]"]
    for key, value in task.defaults.as_dict().items():
        if value is None:
            continue
        if isinstance(value, list):
            lines.append(f"{key} = [{', '.join(_s(str(v)) for v in value)}]")
        else:
            lines.append(f"{key} = {value!r}")
    lines += [
        "",
        "[templates]",
        f"chat = {_s(task.chat_template)}",
        f"plain = {_s(task.plain_template)}",
    ]
    return "\n".join(lines) + "\n"


def _s(text: str) -> str:
    # JSON's string escapes are all valid in a TOML basic string.
    return json.dumps(text, ensure_ascii=False)


def _b(value: bool) -> str:
    return "true" if value else "false"
