"""Drafts and revisions in a real SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop_app.data import Database, DraftRepository, GenerationRepository, open_database
from desktop_app.data.models import GenerationRow, RevisionRow
from desktop_app.domain.drafts import word_count
from desktop_app.domain.generation import ChatMessage, GenerationRequest
from desktop_app.domain.records import RevisionKind


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "library.db")
    yield database
    database.close()


@pytest.fixture
def drafts(database: Database) -> DraftRepository:
    return DraftRepository(database)


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


def test_deleted_drafts_wait_in_the_trash_until_restored(drafts: DraftRepository) -> None:
    kept = drafts.create("Kept")
    first = drafts.create("First gone", "one")
    second = drafts.create("Second gone", "two words")
    drafts.delete(first.id)
    drafts.delete(second.id)

    trash = drafts.list_summaries(trash=True)
    assert [(s.id, s.title, s.word_count) for s in trash] == [
        (second.id, "Second gone", 2),
        (first.id, "First gone", 1),
    ]
    assert all(s.deleted_at is not None and s.deleted_at.tzinfo is UTC for s in trash)
    assert [s.id for s in drafts.list_summaries()] == [kept.id]

    restored = drafts.restore(first.id)

    assert restored == drafts.get(first.id)
    assert restored is not None
    assert restored.body == "one"
    assert [s.id for s in drafts.list_summaries(trash=True)] == [second.id]
    assert {s.id for s in drafts.list_summaries()} == {kept.id, first.id}
    assert all(s.deleted_at is None for s in drafts.list_summaries())
    assert drafts.restore(12345) is None


def _generate_for(database: Database, draft_id: int) -> int:
    request = GenerationRequest("story", (("prompt", "sea"),), (ChatMessage("user", "sea"),), "")
    return GenerationRepository(database).start(draft_id, request, "m")


def _revision_count(database: Database) -> int:
    with database.session() as session:
        return session.scalar(select(func.count()).select_from(RevisionRow)) or 0


def test_empty_trash_purges_the_drafts_and_their_revisions_but_keeps_their_generations(
    database: Database, drafts: DraftRepository
) -> None:
    kept = drafts.create("Kept", "stays")
    kept_revision = drafts.add_revision(kept.id, "stays", RevisionKind.MANUAL)
    kept_generation = _generate_for(database, kept.id)
    gone = drafts.create("Gone", "goes")
    gone_revisions = [
        drafts.add_revision(gone.id, "goes", RevisionKind.AUTOSAVE),
        drafts.add_revision(gone.id, "goes", RevisionKind.MANUAL, "Named"),
    ]
    gone_generation = _generate_for(database, gone.id)
    drafts.delete(gone.id)

    assert drafts.empty_trash() == 1

    assert drafts.list_summaries(trash=True) == []
    assert drafts.restore(gone.id) is None
    assert [s.id for s in drafts.list_summaries()] == [kept.id]
    # Foreign keys are on: the revisions went with their draft...
    assert all(drafts.revision(r.id) is None for r in gone_revisions)
    assert drafts.revisions(gone.id) == []
    assert drafts.revisions(kept.id) == [kept_revision]
    assert _revision_count(database) == 1
    # ...and the history keeps its runs, no longer linked to a draft.
    generations = GenerationRepository(database)
    orphan = generations.get(gone_generation)
    assert orphan is not None
    assert orphan.draft_id is None
    linked = generations.get(kept_generation)
    assert linked is not None
    assert linked.draft_id == kept.id
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(GenerationRow)) == 2

    assert drafts.empty_trash() == 0


def test_projects_are_the_names_of_drafts_in_use(drafts: DraftRepository) -> None:
    drafts.create("One", project="Novel")
    drafts.create("Two", project="novel")
    drafts.create("Three", project="Novel")
    drafts.create("Four", project="essays")
    drafts.create("Loose")
    trashed = drafts.create("Five", project="Abandoned")
    drafts.delete(trashed.id)

    assert drafts.projects() == ["essays", "Novel", "novel"]

    drafts.restore(trashed.id)
    assert drafts.projects() == ["Abandoned", "essays", "Novel", "novel"]


def test_set_project_moves_a_draft_and_empty_means_none(drafts: DraftRepository) -> None:
    draft = drafts.create("Chapter", project="Novel")
    assert draft.project == "Novel"

    drafts.set_project(draft.id, "Short stories")
    moved = drafts.get(draft.id)
    assert moved is not None
    assert moved.project == "Short stories"
    assert drafts.projects() == ["Short stories"]

    drafts.set_project(draft.id, "")
    loose = drafts.get(draft.id)
    assert loose is not None
    assert loose.project is None
    assert [s.project for s in drafts.list_summaries()] == [None]
    assert drafts.projects() == []

    drafts.set_project(draft.id, "Novel")
    drafts.set_project(draft.id, None)
    assert drafts.projects() == []


def test_set_project_leaves_a_trashed_draft_alone(drafts: DraftRepository) -> None:
    draft = drafts.create("Chapter", project="Novel")
    drafts.delete(draft.id)

    drafts.set_project(draft.id, "Elsewhere")
    drafts.set_project(12345, "Nowhere")  # no error, no effect

    assert [s.project for s in drafts.list_summaries(trash=True)] == ["Novel"]


def test_duplicate_copies_body_and_project_under_a_new_id(drafts: DraftRepository) -> None:
    original = drafts.create("Chapter", "It was a dark night. 夜很黑。", project="Novel")
    drafts.add_revision(original.id, "It was a dark", RevisionKind.MANUAL)

    copy = drafts.duplicate(original.id, "Chapter (copy)")

    assert copy.id != original.id
    assert copy == drafts.get(copy.id)
    assert (copy.title, copy.body, copy.project) == (
        "Chapter (copy)",
        "It was a dark night. 夜很黑。",
        "Novel",
    )
    assert drafts.get(original.id) == original
    assert drafts.revisions(copy.id) == []
    summaries = {s.id: s for s in drafts.list_summaries()}
    assert summaries[copy.id].word_count == summaries[original.id].word_count


def test_duplicate_of_a_trashed_or_missing_draft_is_refused(drafts: DraftRepository) -> None:
    draft = drafts.create("Chapter", "text")
    drafts.delete(draft.id)

    with pytest.raises(LookupError):
        drafts.duplicate(draft.id, "copy")
    with pytest.raises(LookupError):
        drafts.duplicate(12345, "copy")
    assert drafts.list_summaries() == []


def test_revision_labels_round_trip(drafts: DraftRepository) -> None:
    draft = drafts.create("Story")
    named = drafts.add_revision(draft.id, "v1", RevisionKind.MANUAL, "Before the storm 风暴前")
    unnamed = drafts.add_revision(draft.id, "v2", RevisionKind.AUTOSAVE)
    blank = drafts.add_revision(draft.id, "v3", RevisionKind.MANUAL, "")

    assert named.label == "Before the storm 风暴前"
    assert unnamed.label is None
    assert blank.label is None
    assert drafts.revision(named.id) == named
    assert drafts.revision(unnamed.id) == unnamed
    assert drafts.revisions(draft.id) == [blank, unnamed, named]
    assert drafts.revision(12345) is None
