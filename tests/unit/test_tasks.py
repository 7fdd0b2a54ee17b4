"""Task files, templates, the task loader and model capabilities: pure rules, no Qt."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from desktop_app.domain.capabilities import missing_capabilities, model_capabilities
from desktop_app.domain.generation import ModelInfo
from desktop_app.domain.prompting import EditorContext, PromptError, build_request
from desktop_app.domain.task_files import TaskFileError, parse_task, task_to_toml
from desktop_app.domain.tasks import Capability, FieldKind, Placement, TaskGroup, TextSource
from desktop_app.domain.templates import TemplateError, render_template, template_names
from desktop_app.services.task_library import (
    builtin_catalogue,
    custom_task_id,
    load_tasks,
    save_custom_task,
)

CATALOGUE = builtin_catalogue()
SELECTED = EditorContext("Before. ", "the chosen words", "Before. the chosen words after.")
SEED_TASKS = {
    "continue", "story", "poem", "article", "outline", "brainstorm", "dialogue",
    "rewrite", "expand", "shorten", "fix_grammar", "summarize", "translate", "answer",
    "product_description", "ad_copy", "slogan", "social_post", "marketing_email",
}  # fmt: skip


def values_for(task_id: str) -> dict[str, str]:
    """A distinct value for every field, so each can be found in the prompt."""
    task = CATALOGUE.get(task_id)
    return {
        f.name: f.options[-1] if f.kind is FieldKind.CHOICE else f"Value-of-{f.name}"
        for f in task.fields
    } | {f.name: "Chinese" for f in task.fields if f.kind is FieldKind.LANGUAGE}


def test_every_task_of_the_seed_is_built_in_with_an_icon_and_a_group():
    assert {task.id for task in CATALOGUE} == SEED_TASKS
    icons = Path(__file__).parents[2] / "resources" / "icons" / "tasks"
    for task in CATALOGUE:
        assert (icons / f"{task.icon}.svg").is_file(), task.id
        assert task.description and task.label
    assert {t.id for t in CATALOGUE if t.group is TaskGroup.MARKETING} == {
        "product_description", "ad_copy", "slogan", "social_post", "marketing_email",
    }  # fmt: skip


@pytest.mark.parametrize("task_id", sorted(SEED_TASKS))
def test_templates_render_every_field_in_chat_and_plain_form(task_id):
    task = CATALOGUE.get(task_id)
    values = values_for(task_id)
    request = build_request(task, "my prompt words", SELECTED, fields=values).request
    chat, plain = request.messages[-1].content, request.plain_prompt
    for rendered in (chat, plain):
        assert "{" not in rendered and "}" not in rendered, rendered
    for name, value in values.items():
        assert value in chat, (name, chat)  # the chat template uses every field
        assert request.inputs_dict()[name] == value  # and the history keeps them
    if task.prompt_shown:
        assert "my prompt words" in chat
    if task.source is TextSource.SELECTION_OR_DRAFT:
        assert "the chosen words" in chat and "after" not in chat
    if task.source is TextSource.BEFORE_CURSOR:
        assert "Before." in chat and "chosen" not in chat


@pytest.mark.parametrize("task_id", sorted(SEED_TASKS))
def test_templates_read_well_with_only_the_defaults(task_id):
    """Optional fields left empty leave no dangling words such as "aimed at ." behind."""
    task = CATALOGUE.get(task_id)
    request = build_request(task, "a prompt", SELECTED).request
    for rendered in (request.messages[-1].content, request.plain_prompt):
        assert not any("  " in line.strip() for line in rendered.splitlines()), rendered
        assert " ." not in rendered and " ," not in rendered and "()" not in rendered, rendered


def test_whole_draft_is_used_without_a_selection():
    editor = EditorContext("", "", "All of the draft.")
    for task in CATALOGUE:
        if task.source is TextSource.SELECTION_OR_DRAFT:
            request = build_request(task, "q?", editor).request
            assert "All of the draft." in request.messages[-1].content, task.id


def test_required_fields_and_prompts_are_asked_for():
    with pytest.raises(PromptError, match="Into"):
        build_request(CATALOGUE.get("translate"), "", SELECTED, fields={"target_language": ""})
    with pytest.raises(PromptError, match="Product"):
        build_request(CATALOGUE.get("marketing_email"), " ", SELECTED)


def test_translate_defaults_and_placements():
    translate = CATALOGUE.get("translate")
    request = build_request(translate, "", SELECTED).request
    assert "into English" in request.messages[-1].content  # the UI language's stand-in
    assert request.inputs_dict()["target_language"] == "English"
    assert CATALOGUE.get("article").placement is Placement.NEW_DRAFT
    assert CATALOGUE.get("fix_grammar").placement is Placement.REPLACE_SELECTION


def test_template_sections_and_values_that_look_like_syntax():
    template = "A{#tone} {tone}{/tone}{^tone} plain{/tone} text: {prompt}"
    assert render_template(template, {"tone": "warm", "prompt": "{tone}"}) == "A warm text: {tone}"
    assert render_template(template, {"tone": " ", "prompt": "x"}) == "A plain text: x"
    assert template_names(template) == {"tone", "prompt"}
    with pytest.raises(TemplateError):
        template_names("{#tone} never closed")


GOOD = """
id = "haiku"
label = "Haiku"
[[fields]]
name = "season"
kind = "choice"
options = ["spring", "autumn"]
[templates]
chat = "A haiku about {prompt}{#season} in {season}{/season}."
plain = "Haiku: {prompt}\\n"
"""


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('kind = "choice"', 'kind = "slider"'), "unknown kind 'slider'"),
        (("{prompt}{#season}", "{prompt}{mood}{#season}"), "uses {mood}"),
        (('id = "haiku"', 'id = "Haiku!"'), "lowercase"),
        (('label = "Haiku"', "label = ["), "not valid TOML"),
        (('options = ["spring", "autumn"]', "options = []"), "needs options"),
        (("[templates]", "colour = 1\n[templates]"), "unknown key 'colour'"),
    ],
)
def test_a_broken_task_file_says_what_is_wrong(change, message):
    assert parse_task(GOOD).id == "haiku"
    with pytest.raises(TaskFileError, match=message.replace("{", r"\{").replace("(", r"\(")):
        parse_task(GOOD.replace(*change))


def test_loader_skips_broken_and_duplicate_user_files_and_reports_them(tmp_path):
    (tmp_path / "a_haiku.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b_copy.toml").write_text(GOOD, encoding="utf-8")  # the same id again
    (tmp_path / "c_broken.toml").write_text("id = ", encoding="utf-8")
    (tmp_path / "d_poem.toml").write_text(GOOD.replace('"haiku"', '"poem"'), encoding="utf-8")
    (tmp_path / "e_bytes.toml").write_bytes(b"\xff\xfe")
    loaded = load_tasks(tmp_path)
    custom = [task for task in loaded.catalogue if task.custom]
    assert [task.id for task in custom] == ["haiku"]
    assert len(loaded.catalogue) == len(CATALOGUE) + 1
    problems = {p.path.name: p.message for p in loaded.problems}
    assert set(problems) == {"b_copy.toml", "c_broken.toml", "d_poem.toml", "e_bytes.toml"}
    assert "a_haiku.toml" in problems["b_copy.toml"]
    assert "built-in" in problems["d_poem.toml"]
    assert load_tasks(tmp_path / "missing").problems == ()


def test_custom_task_round_trips_through_its_file(tmp_path):
    base = CATALOGUE.get("marketing_email")
    custom = dataclasses.replace(
        base,
        id=custom_task_id('Spring "sale" mail\n', CATALOGUE),
        label='Spring "sale" mail',
        prompt_default="a spring sale\nwith 'quotes' and \\ and {braces}",
        fields=tuple(dataclasses.replace(f, default="x") for f in base.fields[:2])
        + base.fields[2:],
        defaults=dataclasses.replace(
            base.defaults, temperature=0.55, seed=7, stop_sequences=("###",)
        ),
        custom=True,
    )
    assert custom.id == "custom-spring-sale-mail"
    assert parse_task(task_to_toml(custom), custom=True) == custom
    path = save_custom_task(tmp_path / "tasks", custom)
    loaded = load_tasks(tmp_path / "tasks")
    assert loaded.catalogue.get(custom.id) == custom and loaded.paths[custom.id] == path
    assert custom_task_id("Spring sale mail", loaded.catalogue) == "custom-spring-sale-mail-2"
    # A file the loader skipped (broken, or holding another id) is still the writer's.
    (tmp_path / "tasks" / "custom-summer-mail.toml").write_text("id = [broken", encoding="utf-8")
    assert custom_task_id("Summer mail", loaded.catalogue) == "custom-summer-mail"
    assert (
        custom_task_id("Summer mail", loaded.catalogue, tmp_path / "tasks")
        == "custom-summer-mail-2"
    )


def info(model_id: str, vocab_size: int = 0) -> ModelInfo:
    return ModelInfo(model_id, "x", "llama", 2048, True, "cpu", "float32", 1, vocab_size=vocab_size)


def test_multilingual_models_are_told_from_english_only_ones():
    assert model_capabilities(info("SmolLM2-135M-Instruct", 49152)) == frozenset()
    assert Capability.MULTILINGUAL in model_capabilities(info("Qwen2.5-0.5B-Instruct"))
    assert Capability.MULTILINGUAL in model_capabilities(info("some-model", 151_000))
    assert model_capabilities(info("some-model", 32_000)) == frozenset()


def test_writing_in_another_language_needs_a_multilingual_model():
    translate = CATALOGUE.get("translate")
    smol = info("SmolLM2-135M-Instruct")
    into = {"source_language": "French", "target_language": "English"}
    assert missing_capabilities(translate, into, smol) == frozenset()
    into_chinese = {"target_language": "Chinese"}
    assert missing_capabilities(translate, into_chinese, smol) == {Capability.MULTILINGUAL}
    assert missing_capabilities(translate, into_chinese, info("Qwen2-1.5B")) == frozenset()
