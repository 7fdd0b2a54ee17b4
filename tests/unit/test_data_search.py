"""Full-text search, English and CJK, and queries typed by anyone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.data import (
    Database,
    DraftRepository,
    GenerationRepository,
    SearchHit,
    open_database,
    search,
)
from desktop_app.domain.generation import (
    ChatMessage,
    GenerationRequest,
    GenerationResult,
    StopReason,
)
from desktop_app.domain.records import GenerationStatus


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "library.db")
    yield database
    database.close()


def _generate(database: Database, prompt: str, output: str) -> int:
    generations = GenerationRepository(database)
    request = GenerationRequest("story", (("prompt", prompt),), (ChatMessage("user", prompt),), "")
    generation_id = generations.start(None, request, "m")
    result = GenerationResult(output, StopReason.END_OF_TEXT, prompt, 3, 4, 1, "m", 0.1, 0.2)
    generations.finish(generation_id, result, GenerationStatus.COMPLETED)
    return generation_id


def _found(hits: list[SearchHit]) -> set[tuple[str, int]]:
    return {(hit.kind, hit.id) for hit in hits}


def test_finds_english_and_cjk_in_drafts_and_generations(database: Database) -> None:
    drafts = DraftRepository(database)
    lighthouse = drafts.create("The Lighthouse", "A keeper finds a letter.")
    helper = drafts.create("笔记", "我们的写作助手很好用。")
    story = _generate(database, "a storm at sea", "The lighthouse beam cut the fog.")
    poem = _generate(database, "一首诗", "写作助手写了一首诗。")

    assert _found(search(database, "lighthouse")) == {
        ("draft", lighthouse.id),
        ("generation", story),
    }
    assert _found(search(database, "写作助手")) == {("draft", helper.id), ("generation", poem)}
    assert _found(search(database, "storm")) == {("generation", story)}  # the prompt
    assert _found(search(database, "keeper letter")) == {("draft", lighthouse.id)}
    assert _found(search(database, "keeper fog")) == set()


def test_short_words_fall_back_to_a_scan(database: Database) -> None:
    drafts = DraftRepository(database)
    helper = drafts.create("笔记", "我们的写作助手")
    drafts.create("100% done", "all")
    poem = _generate(database, "诗", "春天")

    assert _found(search(database, "写作")) == {("draft", helper.id)}
    assert _found(search(database, "诗")) == {("generation", poem)}  # the prompt
    assert [hit.kind for hit in search(database, "%")] == ["draft"]
    assert search(database, "_") == []


def test_snippet_shows_the_text_around_the_match(database: Database) -> None:
    body = "Opening line. " * 20 + "The needle is here.\n" + "Closing line. " * 20
    DraftRepository(database).create("Haystack", body)

    (hit,) = search(database, "needle")

    assert "The needle is here. Closing" in hit.snippet
    assert hit.snippet.startswith("…")
    assert hit.snippet.endswith("…")
    assert "\n" not in hit.snippet


def test_index_follows_edits_and_deletes(database: Database) -> None:
    drafts = DraftRepository(database)
    draft = drafts.create("Draft", "old words")

    drafts.save_body(draft.id, "new words")
    assert search(database, "old") == []
    assert _found(search(database, "new words")) == {("draft", draft.id)}

    drafts.delete(draft.id)
    assert search(database, "new words") == []


def test_limit_caps_the_hits(database: Database) -> None:
    drafts = DraftRepository(database)
    for n in range(5):
        drafts.create(f"Chapter {n}")

    assert len(search(database, "chapter", limit=3)) == 3


@pytest.mark.parametrize(
    "query",
    [
        '"foo',
        "AND",
        "foo OR",
        "NEAR(",
        "*",
        "title:x",
        "^start",
        "a\"b'c",
        "'; DROP TABLE drafts",
        "\\",
        "  ",
    ],
)
def test_hostile_queries_do_not_raise(database: Database, query: str) -> None:
    DraftRepository(database).create("AND then", 'She said "foo" to me.')

    search(database, query)

    assert DraftRepository(database).list_summaries()
