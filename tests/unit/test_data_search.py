"""Full-text search, English and CJK, and queries typed by anyone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

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
from desktop_app.domain.records import GenerationStatus, RevisionKind


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "library.db")
    yield database
    database.close()


def _generate(database: Database, prompt: str, output: str, draft_id: int | None = None) -> int:
    generations = GenerationRepository(database)
    request = GenerationRequest("story", (("prompt", prompt),), (ChatMessage("user", prompt),), "")
    generation_id = generations.start(draft_id, request, "m")
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


def _rewritten(drafts: DraftRepository, title: str, *passages: str) -> int:
    """A draft whose revisions hold `passages` and whose body no longer does."""
    draft = drafts.create(title, passages[0])
    for passage in passages:
        drafts.add_revision(draft.id, passage, RevisionKind.AUTOSAVE)
    drafts.save_body(draft.id, "Rewritten from scratch.")
    return draft.id


def test_finds_revision_text_in_english_and_cjk(database: Database) -> None:
    drafts = DraftRepository(database)
    draft_id = _rewritten(
        drafts, "Lighthouse", "The keeper found a letter. 灯塔看守人找到了一封信。"
    )
    (revision,) = drafts.revisions(draft_id)

    for query in ("keeper", "keeper letter", "看守人", "找到了一封信"):
        (hit,) = search(database, query)
        assert (hit.kind, hit.id, hit.draft_id) == ("revision", revision.id, draft_id), query
        assert query.split()[0] in hit.snippet
    assert search(database, "keeper 一封信") != []
    assert search(database, "keeper storm") == []


@pytest.mark.parametrize("query", ["信", "灯塔", "su", "%"])
def test_short_words_find_revisions_by_scan(database: Database, query: str) -> None:
    drafts = DraftRepository(database)
    draft_id = _rewritten(drafts, "Lighthouse", "I was 100% sure. 灯塔看守人找到了一封信。")
    _rewritten(drafts, "Other", "Nothing here.")
    (revision,) = drafts.revisions(draft_id)

    assert [(hit.kind, hit.id, hit.draft_id) for hit in search(database, query)] == [
        ("revision", revision.id, draft_id)
    ]
    assert search(database, "_") == []


@pytest.mark.parametrize("query", ["storm", "风暴前", "风暴"])
def test_finds_a_snapshot_by_its_label(database: Database, query: str) -> None:
    drafts = DraftRepository(database)
    draft = drafts.create("Story", "Calm seas.")
    named = drafts.add_revision(
        draft.id, "Calm seas.", RevisionKind.MANUAL, "Before the storm 风暴前"
    )
    drafts.add_revision(draft.id, "Calm seas.", RevisionKind.AUTOSAVE)

    (hit,) = search(database, query)

    assert (hit.kind, hit.id) == ("revision", named.id)
    assert query in hit.snippet


@pytest.mark.parametrize("query", ["lantern", "灯"])
def test_repeated_autosaves_give_one_hit_per_passage_and_draft(
    database: Database, query: str
) -> None:
    drafts = DraftRepository(database)
    passage = "She lit the lantern. 她点亮了灯。"
    story = drafts.create("Story", passage)
    repeats = [drafts.add_revision(story.id, passage, RevisionKind.AUTOSAVE) for _ in range(3)]
    other_passage = drafts.add_revision(
        story.id, "The lantern went out. 灯灭了。", RevisionKind.MANUAL
    )
    copy = drafts.create("Copy", passage)
    in_copy = drafts.add_revision(copy.id, passage, RevisionKind.AUTOSAVE)
    for draft in (story, copy):
        drafts.save_body(draft.id, "Rewritten from scratch.")

    hits = search(database, query)

    story_hits = {hit.id for hit in hits if hit.draft_id == story.id}
    assert len(story_hits) == 2
    assert other_passage.id in story_hits
    assert len(story_hits & {r.id for r in repeats}) == 1
    assert [hit.id for hit in hits if hit.draft_id == copy.id] == [in_copy.id]
    assert {hit.kind for hit in hits} == {"revision"}


def test_short_word_hits_show_the_newest_of_repeated_autosaves(database: Database) -> None:
    drafts = DraftRepository(database)
    draft_id = _rewritten(drafts, "Story", "灯", "灯", "灯")

    (hit,) = search(database, "灯")

    assert hit.id == drafts.revisions(draft_id)[0].id


@pytest.mark.parametrize("query", ["keeper", "看守人", "信"])
def test_revisions_of_trashed_drafts_are_not_found(database: Database, query: str) -> None:
    drafts = DraftRepository(database)
    draft_id = _rewritten(
        drafts, "Lighthouse", "The keeper found a letter. 灯塔看守人找到了一封信。"
    )
    drafts.delete(draft_id)

    assert search(database, query) == []

    drafts.restore(draft_id)
    assert [(hit.kind, hit.draft_id) for hit in search(database, query)] == [("revision", draft_id)]


def _indexed_revisions(database: Database, word: str) -> list[int]:
    """Row ids the revisions index itself returns, stale ones included."""
    with database.session() as session:
        query = text("SELECT rowid FROM revisions_fts WHERE revisions_fts MATCH :word")
        return list(session.scalars(query, {"word": f'"{word}"'}))


def test_revision_index_follows_the_trash_being_emptied(database: Database) -> None:
    drafts = DraftRepository(database)
    gone = _rewritten(drafts, "Gone", "A ghostly passage. 幽灵般的段落。")
    (old,) = drafts.revisions(gone)
    assert _indexed_revisions(database, "ghostly") == [old.id]
    drafts.delete(gone)

    drafts.empty_trash()

    assert _indexed_revisions(database, "ghostly") == []
    # SQLite hands the purged revision's id to the next one: the old text must not find it.
    kept = _rewritten(drafts, "Kept", "Fresh words.")
    (new,) = drafts.revisions(kept)
    assert new.id == old.id
    assert search(database, "ghostly") == []
    assert search(database, "幽灵般") == []
    assert [(hit.kind, hit.id) for hit in search(database, "Fresh words")] == [("revision", new.id)]


def test_hits_come_in_order_of_kind_and_name_their_draft(database: Database) -> None:
    drafts = DraftRepository(database)
    draft = drafts.create("Harbour", "Boats in the harbour.")
    rewritten = _rewritten(drafts, "Old", "Old boats in the harbour.")
    (revision,) = drafts.revisions(rewritten)
    linked = _generate(database, "harbour", "The harbour at dawn.", draft.id)
    loose = _generate(database, "harbour", "Another harbour.")

    hits = search(database, "harbour")

    assert [hit.kind for hit in hits] == ["draft", "revision", "generation", "generation"]
    assert {(hit.kind, hit.id, hit.draft_id) for hit in hits} == {
        ("draft", draft.id, draft.id),
        ("revision", revision.id, rewritten),
        ("generation", linked, draft.id),
        ("generation", loose, None),
    }
