"""The Library service over a real library file: trash, projects, copies, named snapshots,
history filters and stars, and search."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.data import Database, open_database
from desktop_app.domain.generation import ChatMessage, GenerationRequest, ModelInfo
from desktop_app.domain.records import HistoryFilter, RevisionKind
from desktop_app.services.library import Library, StorageError


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "library.db", busy_timeout_s=0.1)
    yield database
    database.close()


@pytest.fixture
def library(database: Database) -> Library:
    return Library(database)


def _request(task_id: str = "story") -> GenerationRequest:
    return GenerationRequest(task_id, (("prompt", "sea"),), (ChatMessage("user", "sea"),), "")


def _model(name: str, device: str = "cpu") -> ModelInfo:
    return ModelInfo(name, f"/models/{name}", "llama", 2048, True, device, "float32", 1000)


def test_restoring_a_draft_makes_it_the_open_one(library: Library) -> None:
    trashed = library.new_draft("Trashed", "Old words.")
    current = library.new_draft("Current")
    library.delete_draft(trashed.id)
    assert [s.id for s in library.drafts(trash=True)] == [trashed.id]
    assert library.open_last_draft() == current

    restored = library.restore_draft(trashed.id)

    assert restored == trashed
    assert library.open_last_draft() == trashed
    assert library.drafts(trash=True) == []
    assert {s.id for s in library.drafts()} == {trashed.id, current.id}


def test_restoring_an_unknown_draft_leaves_the_open_one(library: Library) -> None:
    current = library.new_draft("Current")

    assert library.restore_draft(12345) is None

    assert library.open_last_draft() == current


def test_a_copy_becomes_the_open_draft(library: Library) -> None:
    original = library.new_draft("Chapter", "It was a dark night.", project="Novel")

    copy = library.duplicate_draft(original.id, "Chapter (copy)")

    assert copy.id != original.id
    assert (copy.body, copy.project) == (original.body, "Novel")
    assert library.open_last_draft() == copy
    assert library.open_draft(original.id) == original


def test_projects_follow_the_drafts(library: Library) -> None:
    draft = library.new_draft("Chapter", project="Novel")
    library.new_draft("Essay", project="Essays")
    assert library.projects() == ["Essays", "Novel"]

    library.set_project(draft.id, "")
    assert library.projects() == ["Essays"]
    assert {s.title: s.project for s in library.drafts()} == {"Chapter": None, "Essay": "Essays"}

    library.set_project(draft.id, "Novel")
    library.delete_draft(draft.id)
    assert library.projects() == ["Essays"]


def test_emptying_the_trash_keeps_the_history(library: Library) -> None:
    gone = library.new_draft("Gone", "text")
    library.snapshot(gone.id, "text", RevisionKind.MANUAL, "First")
    generation_id = library.start_generation(gone.id, _request(), _model("m"))
    library.delete_draft(gone.id)

    assert library.empty_trash() == 1

    assert library.drafts(trash=True) == []
    assert library.revisions(gone.id) == []
    record = library.generation(generation_id)
    assert record is not None
    assert record.draft_id is None
    # The purged draft was the open one: the next start opens a fresh draft instead.
    reopened = library.open_last_draft()
    assert (reopened.title, reopened.body) == ("Untitled", "")
    assert [s.id for s in library.drafts()] == [reopened.id]


def test_named_snapshots_round_trip(library: Library) -> None:
    draft = library.new_draft("Story", "Calm seas.")

    named = library.snapshot(draft.id, "Calm seas.", RevisionKind.MANUAL, "Before the storm")
    autosave = library.snapshot(draft.id, "Calm seas!", RevisionKind.AUTOSAVE)

    assert library.revision(named.id) == named
    assert named.label == "Before the storm"
    assert autosave.label is None
    assert library.revisions(draft.id) == [autosave, named]
    assert library.revision(12345) is None


def test_history_filters_facets_and_stars(library: Library) -> None:
    draft = library.new_draft("Story")
    story = library.start_generation(draft.id, _request("story"), _model("small", "cuda:0"))
    poem = library.start_generation(None, _request("poem"), _model("large"))

    assert library.history_facets() == (["poem", "story"], ["large", "small"])
    assert [r.id for r in library.history(filters=HistoryFilter(draft_id=draft.id))] == [story]
    assert [r.id for r in library.history(filters=HistoryFilter(task_id="poem"))] == [poem]
    assert [r.id for r in library.history(filters=HistoryFilter(model_id="small"))] == [story]

    library.star_generation(poem, True)

    starred = library.generation(poem)
    assert starred is not None
    assert starred.starred is True
    recorded = library.generation(story)
    assert recorded is not None
    assert (recorded.device, recorded.dtype) == ("cuda:0", "float32")
    assert [r.id for r in library.history(filters=HistoryFilter(starred_only=True))] == [poem]
    library.star_generation(poem, False)
    assert library.history(filters=HistoryFilter(starred_only=True)) == []


def test_search_finds_snapshots_of_drafts_in_use(library: Library) -> None:
    draft = library.new_draft("Lighthouse", "Rewritten.")
    revision = library.snapshot(draft.id, "The keeper found a letter.", RevisionKind.MANUAL)

    assert [(h.kind, h.id, h.draft_id) for h in library.search("keeper")] == [
        ("revision", revision.id, draft.id)
    ]

    library.delete_draft(draft.id)
    assert library.search("keeper") == []


def test_a_locked_library_raises_storage_errors(library: Library, database: Database) -> None:
    draft = library.new_draft("Chapter", "text")
    generation_id = library.start_generation(draft.id, _request(), _model("m"))
    library.delete_draft(draft.id)
    other = sqlite3.connect(database.path)
    other.execute("BEGIN EXCLUSIVE")
    try:
        for call in (
            library.empty_trash,
            lambda: library.restore_draft(draft.id),
            lambda: library.star_generation(generation_id, True),
        ):
            with pytest.raises(StorageError, match="in use by another program"):
                call()
    finally:
        other.rollback()
        other.close()
    assert [s.id for s in library.drafts(trash=True)] == [draft.id]


def test_a_generation_records_the_adapter_it_ran_with(library: Library) -> None:
    import dataclasses

    adapted = dataclasses.replace(_model("SmolLM2"), adapter="My voice")
    with_adapter = library.start_generation(None, _request(), adapted)
    without = library.start_generation(None, _request(), _model("SmolLM2"))
    assert [library.generation(g).adapter for g in (with_adapter, without)] == ["My voice", None]  # type: ignore[union-attr]


def test_warming_up_reads_what_the_window_opens_with_and_writes_nothing(
    library: Library,
) -> None:
    from sqlalchemy import Engine, event

    first, second = library.new_draft("First", "Words."), library.new_draft("Second")
    library.set_open_tabs([first.id, second.id])  # the open draft: the second, made last
    library.start_generation(second.id, _request(), _model("tiny"))
    statements: list[str] = []

    def executed(_connection: object, _cursor: object, sql: str, *_args: object) -> None:
        statements.append(sql)

    event.listen(Engine, "before_cursor_execute", executed)  # every engine: this one's is private
    try:
        library.warm_up()
    finally:
        event.remove(Engine, "before_cursor_execute", executed)
    verbs = [sql.split()[0].upper() for sql in statements]
    assert set(verbs) <= {"BEGIN", "SELECT", "COMMIT", "ROLLBACK"}  # it writes nothing
    reads = [sql for sql, verb in zip(statements, verbs, strict=True) if verb == "SELECT"]
    for table in ("settings", "drafts", "generations"):
        assert any(f"FROM {table}" in sql for sql in reads), table
    bodies = [sql for sql in reads if "FROM drafts" in sql and "drafts.body" in sql]
    assert len(bodies) == 1  # the open draft's text: the tabs show only titles
    assert any("deleted_at IS NOT NULL" in sql for sql in reads)  # the trash
