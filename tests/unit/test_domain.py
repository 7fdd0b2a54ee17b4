"""Prompt building: pure rules, no model, no Qt."""

from __future__ import annotations

import dataclasses

import pytest

from desktop_app.domain.drafts import untitled_name
from desktop_app.domain.generation import MAX_SEED, GenerationParams
from desktop_app.domain.presets import (
    PRESETS,
    presets_from_json,
    presets_to_json,
    tokens_to_words,
    user_preset,
    words_to_tokens,
)
from desktop_app.domain.prompting import (
    MAX_CONTEXT_CHARS,
    MAX_SOURCE_CHARS,
    EditorContext,
    PromptError,
    build_request,
    fit_first_chunk,
)
from desktop_app.domain.tasks import Placement, TextSource
from desktop_app.services.task_library import builtin_catalogue, task_by_id, task_label

EMPTY = EditorContext("", "", "")


def test_every_task_builds_with_a_prompt_and_some_text():
    editor = EditorContext("Before the cursor.", "", "Before the cursor. After.")
    for task in builtin_catalogue():
        built = build_request(task, "something", editor)
        request = built.request
        assert request.task_id == task.id
        assert [m.role for m in request.messages] == ["system", "user"]  # prompted: chat
        assert "{" not in request.messages[-1].content, task.id  # no unfilled placeholder
        assert "{" not in request.plain_prompt, task.id
        assert request.params == task.defaults


def test_story_puts_the_prompt_in_both_templates():
    request = build_request(task_by_id("story"), "  a lost key ", EMPTY).request
    assert request.messages[-1].content == "Write a short story about a lost key."
    assert "a lost key" in request.plain_prompt
    assert request.inputs_dict() == {"prompt": "a lost key"}


@pytest.mark.parametrize("task_id", ["story", "poem", "article", "outline", "answer"])
def test_required_prompt_is_asked_for(task_id):
    with pytest.raises(PromptError, match=task_by_id(task_id).label):
        build_request(task_by_id(task_id), "   ", EditorContext("x", "", "x"))


def test_continue_uses_text_before_cursor_only():
    editor = EditorContext("The door opened", "", "The door opened and then")
    request = build_request(task_by_id("continue"), "towards the sea", editor).request
    assert "The door opened" in request.messages[-1].content
    assert "towards the sea" in request.messages[-1].content
    assert "and then" not in request.messages[-1].content
    assert request.plain_prompt == "The door opened"


def test_continue_without_a_direction_is_raw_completion():
    editor = EditorContext("The door opened", "", "The door opened")
    request = build_request(task_by_id("continue"), "  ", editor).request
    assert request.messages == ()
    assert request.plain_prompt == "The door opened"


def test_continue_without_text_is_explained():
    with pytest.raises(PromptError, match="text before the cursor"):
        build_request(task_by_id("continue"), "", EMPTY)


def test_long_context_keeps_the_recent_end_and_says_so():
    text = "word " * 5000
    built = build_request(task_by_id("continue"), "", EditorContext(text, "", text))
    assert built.notice and "left out" in built.notice
    used = built.request.plain_prompt
    assert len(used) <= MAX_CONTEXT_CHARS
    assert text.endswith(used)
    assert used.startswith("word")  # cut at a word boundary
    assert built.omitted_chars == len(text) - len(used)


def test_continuing_again_keeps_the_start_of_the_context_until_the_draft_grows_a_step():
    """The model reuses what it read for a prompt with the same start (decoders.py)."""
    text = "".join(f"w{i} " for i in range(3000))  # about 17,000 characters
    starts = []
    for _ in range(12):
        used = build_request(task_by_id("continue"), "", EditorContext(text, "", text))
        prompt = used.request.plain_prompt
        assert 0.75 * MAX_CONTEXT_CHARS - 80 <= len(prompt) <= MAX_CONTEXT_CHARS
        starts.append(prompt[:12])
        text += "and then more words followed. "  # what one continuation might add
    # 360 characters were added in all: the window moved at most once.
    assert len(set(starts)) <= 2
    assert starts.count(starts[-1]) >= 6 or starts.count(starts[0]) >= 6


def test_selection_wins_over_the_draft_and_is_capped():
    editor = EditorContext("", "the chosen bit", "all the draft text")
    request = build_request(task_by_id("summarize"), "", editor).request
    assert request.inputs_dict()["text"] == "the chosen bit"
    huge = "字" * (MAX_SOURCE_CHARS + 10)
    built = build_request(task_by_id("rewrite"), "", EditorContext("", huge, huge))
    assert len(built.request.inputs_dict()["text"]) == MAX_SOURCE_CHARS
    assert built.notice


def test_text_tasks_without_any_text_are_explained_but_questions_are_not():
    with pytest.raises(PromptError, match="select some text"):
        build_request(task_by_id("summarize"), "", EMPTY)
    request = build_request(task_by_id("answer"), "What is a GPT?", EMPTY).request
    assert request.messages[-1].content == "Question: What is a GPT?"


def test_user_braces_are_not_template_fields():
    request = build_request(task_by_id("poem"), "{text} and {0}", EMPTY).request
    assert "{text} and {0}" in request.messages[-1].content


def test_placement_and_sources_match_the_task_kinds():
    for task_id in ("rewrite", "summarize", "translate"):
        assert task_by_id(task_id).placement is Placement.REPLACE_SELECTION
        assert task_by_id(task_id).source is TextSource.SELECTION_OR_DRAFT
    assert task_by_id("continue").source is TextSource.BEFORE_CURSOR
    assert task_by_id("continue").placement is Placement.CONTINUE
    for task_id in ("story", "poem", "product_description", "ad_copy", "answer"):
        assert task_by_id(task_id).placement is Placement.NEW_PARAGRAPH
    for task_id in ("article", "marketing_email"):
        assert task_by_id(task_id).placement is Placement.NEW_DRAFT


def test_task_label_falls_back_to_the_stored_id():
    assert task_label("poem") == "Poem"
    assert task_label("gone-task") == "gone-task"


@pytest.mark.parametrize(
    ("before", "chunk", "expected"),
    [
        ("It was late.", "The", " The"),
        ("It was late. ", "The", "The"),
        ("It was late.\n\n", ' "Go," she said', '"Go," she said'),
        ("It was late.\n\n", '\n"Go," she said', '"Go," she said'),
        ("It was late.\n", '\n"Go,"', '\n"Go,"'),
        ("late", ", then", ", then"),
        ("late.", "\n\nNext", "\n\nNext"),
        ("line\n", "Next", "Next"),
        ("她说", "你好", "你好"),
        ("", " Start", "Start"),
        ("He said:", '"Go"', ' "Go"'),
    ],
)
def test_a_continuation_joins_like_the_next_words(before, chunk, expected):
    assert fit_first_chunk(Placement.CONTINUE, before, chunk) == expected


@pytest.mark.parametrize(
    ("before", "expected"),
    [("", ""), ("d.", "\n\n"), (".\n", "\n"), ("\n\n", ""), ("  ", "\n\n"), ("。", "\n\n")],
)
def test_a_new_piece_starts_its_own_paragraph(before, expected):
    assert fit_first_chunk(Placement.NEW_PARAGRAPH, before, "\n Roses") == expected + "Roses"


def test_parameters_are_validated_with_readable_messages():
    with pytest.raises(ValueError, match="temperature"):
        GenerationParams(temperature=-1)
    with pytest.raises(ValueError, match="output length"):
        GenerationParams(max_new_tokens=0)
    assert GenerationParams(temperature=0).greedy
    assert GenerationParams(seed=7).as_dict()["seed"] == 7


def test_untitled_names_do_not_repeat():
    assert untitled_name([]) == "Untitled"
    assert untitled_name(["Untitled", "Untitled 2", "Notes"]) == "Untitled 3"
    assert untitled_name(["Untitled 2"]) == "Untitled"


def test_words_and_tokens_convert_both_ways():
    assert words_to_tokens(100) == 140
    assert tokens_to_words(140) == 100
    assert words_to_tokens(0) == 1 and tokens_to_words(0) == 1


def test_presets_change_wording_knobs_only():
    params = GenerationParams(max_new_tokens=77, seed=5)
    for preset in PRESETS:
        applied = preset.apply(params)
        assert (applied.max_new_tokens, applied.seed) == (77, 5)
        assert preset.matches(applied)
    assert len({(p.temperature, p.top_p) for p in PRESETS}) == len(PRESETS)


def test_seeds_fit_a_spin_box():
    assert GenerationParams(seed=MAX_SEED).seed == MAX_SEED
    with pytest.raises(ValueError, match="seed"):
        GenerationParams(seed=MAX_SEED + 1)


def test_stored_parameters_round_trip_and_bad_ones_are_refused():
    params = GenerationParams(max_new_tokens=33, temperature=0.4, seed=9)
    assert GenerationParams.from_dict(params.as_dict()) == params
    for stored in ({"warmth": 1}, {"temperature": "hot"}, {"temperature": -2.0}):
        with pytest.raises(ValueError):
            GenerationParams.from_dict(stored)


def test_exported_presets_read_back_and_bad_files_say_why():
    mine = user_preset("  My   voice ", GenerationParams(temperature=0.5, top_k=10))
    assert mine.label == "My voice" and mine.id == "user:My voice"
    [back] = presets_from_json(presets_to_json([mine]))
    assert back == mine
    for text, reason in (
        ("not json", "not JSON"),
        ('{"presets": []}', "not an Inkwell presets file"),
        (
            '{"format": "inkwell-presets", "presets": [{"name": "x", "temperature": 9}]}',
            "temperature",
        ),
    ):
        with pytest.raises(ValueError, match=reason):
            presets_from_json(text)
    with pytest.raises(ValueError, match="name"):
        user_preset("   ", GenerationParams())


def test_variants_take_consecutive_seeds_or_stay_random():
    task = task_by_id("story")
    request = build_request(
        task, "sea", EditorContext("", "", ""), GenerationParams(seed=9)
    ).request
    assert [r.params.seed for r in request.variants(3)] == [9, 10, 11]
    top = dataclasses.replace(request, params=GenerationParams(seed=MAX_SEED))
    assert [r.params.seed for r in top.variants(2)] == [MAX_SEED, 0]  # wraps within the range
    unseeded = dataclasses.replace(request, params=GenerationParams())
    assert [r.params.seed for r in unseeded.variants(2)] == [None, None]
    for count in (0, 6):
        with pytest.raises(ValueError, match="between 1 and 5"):
            request.variants(count)


def test_again_draws_a_new_seed_and_keeps_everything_else():
    task = task_by_id("story")
    request = build_request(
        task, "sea", EditorContext("", "", ""), GenerationParams(seed=9)
    ).request
    again = request.again((5, 6))
    assert again.params.seed is None and again.forced_tokens == (5, 6)
    assert dataclasses.replace(again, params=request.params, forced_tokens=()) == request
