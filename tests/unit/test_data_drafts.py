"""Drafts and revisions in a real SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

import pytest

from desktop_app.data import Database, DraftRepository, open_database
from desktop_app.domain.drafts import word_count
from desktop_app.domain.records import RevisionKind


@pytest.fixture
def drafts(tmp_path: Path) -> Iterator[DraftRepository]:
    database: Database = open_database(tmp_path / "library.db")
    yield DraftRepository(database)
    database.close()


def test_create_then_get_returns_the_same_draft(drafts: DraftRepository) -> None:
    created = drafts.create("Letters", "Dear reader,")

    assert drafts.get(created.id) == created
    assert created.title == "Letters"
    assert created.body == "Dear reader,"
    assert created.created_at == created.updated_at
    assert created.created_at.tzinfo is UTC


def test_list_shows_most_recently_changed_first_with_word_counts(
    drafts: DraftRepository,
) -> None:
    first = drafts.create("First", "one two three")
    second = drafts.create("Second", "我们的写作助手")
    assert [s.id for s in drafts.list_summaries()] == [second.id, first.id]

    drafts.save_body(first.id, "one two three four")

    summaries = drafts.list_summaries()
    assert [(s.id, s.title, s.word_count) for s in summaries] == [
        (first.id, "First", 4),
        (second.id, "Second", 7),
    ]
    assert summaries[0].updated_at > summaries[1].updated_at


def test_rename_changes_the_title(drafts: DraftRepository) -> None:
    draft = drafts.create("Untitled")

    drafts.rename(draft.id, "Harbour notes")

    renamed = drafts.get(draft.id)
    assert renamed is not None
    assert renamed.title == "Harbour notes"


def test_save_body_writes_only_a_changed_body(drafts: DraftRepository) -> None:
    draft = drafts.create("Notes", "same")

    assert drafts.save_body(draft.id, "same") is False
    unchanged = drafts.get(draft.id)
    assert unchanged is not None
    assert unchanged.updated_at == draft.updated_at

    assert drafts.save_body(draft.id, "different") is True
    changed = drafts.get(draft.id)
    assert changed is not None
    assert changed.body == "different"
    assert changed.updated_at > draft.updated_at


def test_deleted_draft_disappears_and_is_left_alone(drafts: DraftRepository) -> None:
    kept = drafts.create("Kept")
    gone = drafts.create("Gone", "text")

    drafts.delete(gone.id)

    assert drafts.get(gone.id) is None
    assert [s.id for s in drafts.list_summaries()] == [kept.id]
    assert drafts.save_body(gone.id, "late autosave") is False
    drafts.rename(gone.id, "renamed")  # no error, no effect
    assert drafts.get(12345) is None


def test_revisions_come_back_newest_first(drafts: DraftRepository) -> None:
    draft = drafts.create("Story")
    older = drafts.add_revision(draft.id, "v1", RevisionKind.AUTOSAVE)
    newer = drafts.add_revision(draft.id, "v2", RevisionKind.GENERATION)
    other = drafts.create("Other")
    drafts.add_revision(other.id, "elsewhere", RevisionKind.MANUAL)

    assert drafts.revisions(draft.id) == [newer, older]
    assert newer.kind is RevisionKind.GENERATION
    assert newer.body == "v2"
    assert newer.draft_id == draft.id
    assert newer.created_at.tzinfo is UTC


def test_revision_of_a_missing_draft_is_refused(drafts: DraftRepository) -> None:
    with pytest.raises(LookupError):
        drafts.add_revision(999, "text", RevisionKind.MANUAL)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        ("  one\ttwo\nthree  ", 3),
        ("写作助手", 4),
        ("我们的写作助手。很好！", 9),
        ("Inkwell 写作助手 app", 6),
        ("ひらがなカタカナ", 8),
    ],
)
def test_word_count_counts_each_cjk_character(text: str, words: int) -> None:
    assert word_count(text) == words
