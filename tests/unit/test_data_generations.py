"""The generation history: start, then finish or fail."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from desktop_app.data import Database, DraftRepository, GenerationRepository, open_database
from desktop_app.data.models import GenerationRow
from desktop_app.domain.generation import (
    ChatMessage,
    GenerationParams,
    GenerationRequest,
    GenerationResult,
    StopReason,
    TokenAlternative,
    TokenChoice,
)
from desktop_app.domain.records import GenerationStatus, HistoryFilter


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "library.db")
    yield database
    database.close()


def _request(prompt: str = "a lighthouse keeper") -> GenerationRequest:
    return GenerationRequest(
        task_id="story",
        inputs=(("prompt", prompt),),
        messages=(
            ChatMessage("system", "You are Inkwell."),
            ChatMessage("user", f"Write a short story about {prompt}."),
        ),
        plain_prompt=f"Here is a short story about {prompt}.\n\n",
        params=GenerationParams(max_new_tokens=50, temperature=0.8),
    )


def _result(tokens: tuple[TokenChoice, ...] = ()) -> GenerationResult:
    text = "".join(token.text for token in tokens)
    return GenerationResult(
        text, StopReason.END_OF_TEXT, "prompt", 3, len(tokens), 7, "m", 0.1, 0.2, tokens
    )


def test_start_records_a_running_generation(database: Database) -> None:
    generations = GenerationRepository(database)
    draft = DraftRepository(database).create("Story")

    generation_id = generations.start(draft.id, _request(), "SmolLM2-135M-Instruct")

    record = generations.get(generation_id)
    assert record is not None
    assert record.status is GenerationStatus.RUNNING
    assert record.draft_id == draft.id
    assert record.task_id == "story"
    assert record.inputs == {"prompt": "a lighthouse keeper"}
    assert record.rendered_prompt == (
        "system: You are Inkwell.\nuser: Write a short story about a lighthouse keeper."
    )
    assert record.params == GenerationParams(max_new_tokens=50, temperature=0.8).as_dict()
    assert record.seed is None
    assert record.model_id == "SmolLM2-135M-Instruct"
    assert record.output == ""
    assert record.stop_reason is None
    assert record.finished_at is None
    assert record.created_at.tzinfo is UTC


def test_finish_stores_every_result_field(database: Database) -> None:
    generations = GenerationRepository(database)
    generation_id = generations.start(None, _request("写作助手"), "model-a")
    result = GenerationResult(
        text="很久以前……",
        stop_reason=StopReason.LENGTH,
        rendered_prompt="<|im_start|>user\nWrite a short story about 写作助手.<|im_end|>",
        prompt_tokens=31,
        output_tokens=50,
        seed=1234567890123,
        model_id="model-a@cpu",
        time_to_first_token_s=0.25,
        duration_s=2.5,
    )

    generations.finish(generation_id, result, GenerationStatus.COMPLETED)

    record = generations.get(generation_id)
    assert record is not None
    assert record.status is GenerationStatus.COMPLETED
    assert record.output == result.text
    assert record.stop_reason is StopReason.LENGTH
    assert record.rendered_prompt == result.rendered_prompt
    assert record.prompt_tokens == 31
    assert record.output_tokens == 50
    assert record.seed == 1234567890123
    assert record.model_id == "model-a@cpu"
    assert record.time_to_first_token_s == 0.25
    assert record.duration_s == 2.5
    assert record.error is None
    assert record.inputs == {"prompt": "写作助手"}
    assert record.finished_at is not None
    assert record.finished_at >= record.created_at


def test_fail_keeps_the_error_and_partial_output(database: Database) -> None:
    generations = GenerationRepository(database)
    generation_id = generations.start(None, _request(), "model-a")

    generations.fail(generation_id, "Out of memory.", "Once upon", 1.5)

    record = generations.get(generation_id)
    assert record is not None
    assert record.status is GenerationStatus.FAILED
    assert record.stop_reason is StopReason.ERROR
    assert record.error == "Out of memory."
    assert record.output == "Once upon"
    assert record.duration_s == 1.5
    assert record.finished_at is not None


def test_completing_an_unknown_generation_is_refused(database: Database) -> None:
    with pytest.raises(LookupError):
        GenerationRepository(database).fail(42, "error", "", 0.0)


def test_list_recent_is_newest_first_and_filters_by_draft(database: Database) -> None:
    generations = GenerationRepository(database)
    draft = DraftRepository(database).create("Story")
    first = generations.start(draft.id, _request(), "m")
    loose = generations.start(None, _request(), "m")
    last = generations.start(draft.id, _request(), "m")

    assert [r.id for r in generations.list_recent()] == [last, loose, first]
    assert [r.id for r in generations.list_recent(limit=2)] == [last, loose]
    assert [r.id for r in generations.list_recent(filters=HistoryFilter(draft_id=draft.id))] == [
        last,
        first,
    ]
    assert generations.get(999) is None


def test_tokens_round_trip_in_any_script(database: Database) -> None:
    generations = GenerationRepository(database)
    generation_id = generations.start(None, _request(), "m")
    tokens = (
        TokenChoice(
            791,
            "The",
            0.5,
            (TokenAlternative(791, "The", 0.5), TokenAlternative(40, "I", 0.25)),
        ),
        TokenChoice(30590, "写作", 0.75, (TokenAlternative(30590, "写作", 0.75),)),
        # The first byte of an emoji: shown as U+FFFD, it adds no text until the next one.
        TokenChoice(9468, "", 0.125, (TokenAlternative(9468, "\ufffd", 0.125),)),
        TokenChoice(248, "🌊", 0.0625, ()),
        TokenChoice(12345, " שלום", 1.0, (TokenAlternative(999, "مرحبا", 0.03125),)),
    )

    generations.finish(generation_id, _result(tokens), GenerationStatus.COMPLETED)

    record = generations.get(generation_id)
    assert record is not None
    assert record.tokens == tokens
    [listed] = generations.list_recent()
    assert listed.has_tokens and listed.tokens == ()  # a list leaves the log unread
    assert generations.get(listed.id).tokens == tokens


def test_token_probabilities_are_stored_to_five_significant_digits(database: Database) -> None:
    generations = GenerationRepository(database)
    generation_id = generations.start(None, _request(), "m")
    token = TokenChoice(1, "a", 0.123456789, (TokenAlternative(2, "b", 1.23456789e-7),))

    generations.finish(generation_id, _result((token,)), GenerationStatus.COMPLETED)

    record = generations.get(generation_id)
    assert record is not None
    assert record.tokens == (TokenChoice(1, "a", 0.12346, (TokenAlternative(2, "b", 1.2346e-7),)),)


def test_no_tokens_are_stored_as_null(database: Database) -> None:
    generations = GenerationRepository(database)
    finished = generations.start(None, _request(), "m")
    failed = generations.start(None, _request(), "m")
    running = generations.start(None, _request(), "m")

    generations.finish(finished, _result(), GenerationStatus.COMPLETED)
    generations.fail(failed, "Out of memory.", "", 0.1)

    with database.session() as session:
        for generation_id in (finished, failed, running):
            row = session.get(GenerationRow, generation_id)
            assert row is not None
            assert row.tokens is None
    assert [r.has_tokens for r in generations.list_recent()] == [False, False, False]


@pytest.mark.parametrize(
    "stored",
    [
        {"tokens": []},
        [[1, "a", 0.5]],
        [[1, "a", 0.5, [[2, "b"]]]],
        [[1, None, 0.5, []]],
        [["1", "a", 0.5, []]],
        [[1, "a", "high", []]],
        [[1, "a", 0.5, 7]],
        "[[1, 'a', 0.5, []]]",
        42,
    ],
)
def test_a_malformed_token_log_reads_as_no_tokens(
    database: Database, caplog: pytest.LogCaptureFixture, stored: Any
) -> None:
    generations = GenerationRepository(database)
    generation_id = generations.start(None, _request(), "m")
    generations.finish(generation_id, _result(), GenerationStatus.COMPLETED)
    with database.session() as session:
        row = session.get(GenerationRow, generation_id)
        assert row is not None
        row.tokens = stored

    with caplog.at_level(logging.WARNING, logger="desktop_app.data.generations"):
        record = generations.get(generation_id)
        listed = generations.list_recent()

    assert record is not None
    assert record.tokens == ()
    assert [r.id for r in listed] == [generation_id]
    assert f"generation {generation_id}" in caplog.text


_NOON = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def _started_at(
    database: Database,
    when: datetime,
    *,
    task_id: str = "story",
    model_id: str = "m",
    draft_id: int | None = None,
) -> int:
    """A generation recorded as started at `when`."""
    generation_id = GenerationRepository(database).start(
        draft_id, replace(_request(), task_id=task_id), model_id
    )
    with database.session() as session:
        row = session.get(GenerationRow, generation_id)
        assert row is not None
        row.created_at = when
    return generation_id


def test_each_history_filter_narrows_the_list(database: Database) -> None:
    generations = GenerationRepository(database)
    drafts = DraftRepository(database)
    story, poem = drafts.create("Story"), drafts.create("Poem")
    early = _started_at(database, _NOON - timedelta(days=2), draft_id=story.id)
    rhyme = _started_at(
        database, _NOON - timedelta(days=1), task_id="poem", model_id="big", draft_id=poem.id
    )
    loose = _started_at(database, _NOON, model_id="big")
    late = _started_at(database, _NOON + timedelta(days=1), task_id="poem", draft_id=story.id)
    generations.set_starred(rhyme, True)
    generations.set_starred(late, True)

    def listed(**fields: Any) -> list[int]:
        return [r.id for r in generations.list_recent(filters=HistoryFilter(**fields))]

    assert listed() == [late, loose, rhyme, early]
    assert listed(draft_id=story.id) == [late, early]
    assert listed(draft_id=poem.id) == [rhyme]
    assert listed(task_id="poem") == [late, rhyme]
    assert listed(task_id="story") == [loose, early]
    assert listed(model_id="big") == [loose, rhyme]
    assert listed(since=_NOON) == [late, loose]
    assert listed(until=_NOON) == [rhyme, early]
    assert listed(since=_NOON - timedelta(days=1), until=_NOON + timedelta(days=1)) == [
        loose,
        rhyme,
    ]
    assert listed(starred_only=True) == [late, rhyme]
    assert listed(task_id="poem", model_id="m", starred_only=True) == [late]
    assert listed(task_id="poem", draft_id=poem.id, since=_NOON) == []
    assert listed(task_id="lyric") == []
    assert [r.id for r in generations.list_recent(1, HistoryFilter(task_id="story"))] == [loose]


def test_since_is_inclusive_and_until_exclusive(database: Database) -> None:
    generations = GenerationRepository(database)
    before = _started_at(database, _NOON - timedelta(microseconds=1))
    at_noon = _started_at(database, _NOON)
    # The same moment in another time zone: the filters compare instants, not wall clocks.
    tokyo_noon = _NOON.astimezone(timezone(timedelta(hours=9)))

    def listed(history: HistoryFilter) -> list[int]:
        return [r.id for r in generations.list_recent(filters=history)]

    assert listed(HistoryFilter(since=_NOON)) == [at_noon]
    assert listed(HistoryFilter(until=_NOON)) == [before]
    assert listed(HistoryFilter(since=tokyo_noon)) == [at_noon]
    assert listed(HistoryFilter(until=tokyo_noon)) == [before]
    assert listed(HistoryFilter(since=_NOON, until=_NOON)) == []


def test_facets_are_the_tasks_and_models_in_the_history(database: Database) -> None:
    generations = GenerationRepository(database)
    assert generations.facets() == ([], [])

    _started_at(database, _NOON, task_id="story", model_id="SmolLM2-360M")
    _started_at(database, _NOON, task_id="poem", model_id="SmolLM2-135M")
    _started_at(database, _NOON, task_id="story", model_id="SmolLM2-135M")
    _started_at(database, _NOON, task_id="continue", model_id="SmolLM2-135M")

    assert generations.facets() == (
        ["continue", "poem", "story"],
        ["SmolLM2-135M", "SmolLM2-360M"],
    )


def test_starring_round_trips(database: Database) -> None:
    generations = GenerationRepository(database)
    generation_id = generations.start(None, _request(), "m")
    other = generations.start(None, _request(), "m")
    record = generations.get(generation_id)
    assert record is not None
    assert record.starred is False
    assert generations.list_recent(filters=HistoryFilter(starred_only=True)) == []

    generations.set_starred(generation_id, True)
    generations.finish(generation_id, _result(), GenerationStatus.COMPLETED)

    starred = generations.get(generation_id)
    assert starred is not None
    assert starred.starred is True
    assert [r.id for r in generations.list_recent(filters=HistoryFilter(starred_only=True))] == [
        generation_id
    ]
    assert [r.starred for r in generations.list_recent()] == [False, True]

    generations.set_starred(generation_id, False)

    unstarred = generations.get(generation_id)
    assert unstarred is not None
    assert unstarred.starred is False
    assert generations.list_recent(filters=HistoryFilter(starred_only=True)) == []
    assert {r.id for r in generations.list_recent()} == {generation_id, other}


def test_starring_an_unknown_generation_is_refused(database: Database) -> None:
    with pytest.raises(LookupError):
        GenerationRepository(database).set_starred(42, True)
