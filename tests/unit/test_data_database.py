"""Opening the library: settings per connection, migration, recovery, refusal, locking."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from desktop_app.data import (
    DatabaseTooNewError,
    DraftRepository,
    GenerationRepository,
    SettingsRepository,
    StorageError,
    migrate,
    open_database,
    search,
)
from desktop_app.data.errors import storage_error
from desktop_app.data.models import Base
from desktop_app.domain.generation import (
    ChatMessage,
    GenerationRequest,
    GenerationResult,
    StopReason,
    TokenAlternative,
    TokenChoice,
)
from desktop_app.domain.records import GenerationStatus, RevisionKind

# A library saved at revision 0001; tests/fixtures/make_inkwell_0001.py says how it was made.
_LIBRARY_0001 = Path(__file__).parents[1] / "fixtures" / "inkwell-0001.db"


def _revision(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        return str(connection.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def _request() -> GenerationRequest:
    return GenerationRequest("poem", (("prompt", "rain"),), (ChatMessage("user", "rain"),), "rain")


def test_new_library_is_at_head_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "library.db"
    database = open_database(path, busy_timeout_s=2.5)

    with database.session() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA busy_timeout")).scalar() == 2500
    assert database.recovery_notice is None
    assert database.interrupted_count == 0
    database.close()
    assert _revision(path) == migrate.head_revision()
    assert not list(tmp_path.glob("new/folder/*.backup-*"))


def test_models_match_the_migrations(tmp_path: Path) -> None:
    database = open_database(tmp_path / "library.db")
    engine = database._engine  # the test reads the schema the migrations actually built

    def orm_tables(name: str | None, type_: str, _parents: object) -> bool:
        return not (
            type_ == "table"
            and name
            and name.startswith(("drafts_fts", "generations_fts", "revisions_fts"))
        )

    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": orm_tables})
        assert compare_metadata(context, Base.metadata) == []
    database.close()


def test_running_generations_become_interrupted_on_reopen(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    database = open_database(path)
    generation_id = GenerationRepository(database).start(None, _request(), "m")
    database.close()  # as if the app had crashed mid-generation

    database = open_database(path)

    assert database.interrupted_count == 1
    record = GenerationRepository(database).get(generation_id)
    assert record is not None
    assert record.status is GenerationStatus.INTERRUPTED
    database.close()
    database = open_database(path)
    assert database.interrupted_count == 0
    database.close()


def _garbage(path: Path) -> None:
    path.write_bytes(b"this is not a database\x00\xff" * 100)
    path.with_name(path.name + "-wal").write_bytes(b"stale wal")


def _damaged_pages(path: Path) -> None:
    database = open_database(path)
    drafts = DraftRepository(database)
    for n in range(50):
        drafts.create(f"Draft {n}", "text " * 500)
    database.close()
    data = bytearray(path.read_bytes())
    data[4096 * 2 : 4096 * 6] = b"\xa5" * 4096 * 4
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [_garbage, _damaged_pages])
def test_damaged_file_is_kept_aside_and_a_fresh_library_started(
    tmp_path: Path, damage: Callable[[Path], None]
) -> None:
    path = tmp_path / "library.db"
    damage(path)
    damaged_bytes = path.read_bytes()

    database = open_database(path)

    kept = [p for p in tmp_path.iterdir() if p.name.startswith("library.db.corrupt-")]
    main = [p for p in kept if not p.name.endswith(("-wal", "-shm"))]
    assert len(main) == 1
    assert main[0].read_bytes() == damaged_bytes
    assert database.recovery_notice is not None
    assert str(main[0]) in database.recovery_notice
    drafts = DraftRepository(database)
    assert drafts.list_summaries() == []
    drafts.create("Fresh start")
    database.close()


def test_stale_wal_moves_with_the_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    _garbage(path)

    open_database(path).close()

    (kept,) = tmp_path.glob("library.db.corrupt-*-wal")
    assert kept.read_bytes() == b"stale wal"


def test_library_from_a_newer_app_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    open_database(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    connection.close()
    before = path.read_bytes()

    with pytest.raises(DatabaseTooNewError, match="newer version of Inkwell"):
        open_database(path)

    assert path.read_bytes() == before


_LATER_REVISION = """
import sqlalchemy as sa
from alembic import op

revision = "later"
down_revision = "{head}"


def upgrade() -> None:
    with op.batch_alter_table("drafts", recreate="always") as batch:
        batch.add_column(sa.Column("pinned", sa.Boolean(), nullable=False, server_default="0"))
"""


def test_upgrade_backs_up_the_older_library_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "library.db"
    database = open_database(path)
    drafts = DraftRepository(database)
    draft = drafts.create("Kept", "body")
    drafts.add_revision(draft.id, "snapshot", RevisionKind.MANUAL)
    database.close()
    # A later app version: the shipped migrations plus one that rebuilds `drafts`.
    head = migrate.head_revision()
    migrations = shutil.copytree(migrate.MIGRATIONS_DIR, tmp_path / "migrations")
    (migrations / "versions" / "later_pinned.py").write_text(_LATER_REVISION.format(head=head))
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", migrations)

    database = open_database(path)

    backup = tmp_path / f"library.db.backup-{head}"
    assert _revision(backup) == head
    with sqlite3.connect(backup) as connection:
        assert connection.execute("SELECT title FROM drafts").fetchall() == [("Kept",)]
    connection.close()
    assert _revision(path) == "later"
    # Rebuilding `drafts` must not have cascaded into its revisions.
    assert [r.body for r in DraftRepository(database).revisions(draft.id)] == ["snapshot"]
    database.close()


def _dump(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as connection:
        return list(connection.iterdump())


def _triggers(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return {name for (name,) in rows}


def test_library_from_revision_0001_is_backed_up_and_upgraded_intact(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    shutil.copyfile(_LIBRARY_0001, path)
    original = shutil.copyfile(_LIBRARY_0001, tmp_path / "original.db")
    triggers = _triggers(original)
    assert _revision(original) == "0001"
    assert len(triggers) == 6

    database = open_database(path)

    backup = tmp_path / "library.db.backup-0001"
    assert _dump(backup) == _dump(original)
    assert database.interrupted_count == 0
    draft = DraftRepository(database).get(1)
    assert draft is not None
    assert draft.title == "The Lighthouse"
    assert draft.project is None
    assert draft.body == "The keeper found a letter in the lamp room. 灯塔看守人找到了一封信。"
    assert [(r.body, r.label) for r in DraftRepository(database).revisions(1)] == [
        ("The keeper found a letter.", None)
    ]
    assert SettingsRepository(database).get("last_draft_id") == "1"
    generations = GenerationRepository(database)
    old = generations.get(1)
    assert old is not None
    assert old.status is GenerationStatus.COMPLETED
    assert old.output == "Breakers thundered against the rocks. 海浪拍打着礁石。"
    assert old.inputs == {"prompt": "a storm at sea"}
    assert old.tokens == ()
    assert old.starred is False
    tokens = (TokenChoice(1001, "Gulls", 0.5, (TokenAlternative(1001, "Gulls", 0.5),)),)
    new = generations.start(1, _request(), "m")
    result = GenerationResult(
        "Gulls circled the lamp.", StopReason.END_OF_TEXT, "rain", 3, 1, 7, "m", 0.1, 0.2, tokens
    )
    generations.finish(new, result, GenerationStatus.COMPLETED)
    assert [r.has_tokens for r in generations.list_recent()] == [True, False]
    assert [generations.get(r.id).tokens for r in generations.list_recent()] == [tokens, ()]

    def found(query: str) -> set[tuple[str, int]]:
        return {(hit.kind, hit.id) for hit in search(database, query)}

    assert found("lighthouse") == {("draft", 1)}
    assert found("灯塔看守") == {("draft", 1)}
    assert found("Breakers") == {("generation", 1)}
    assert found("海浪拍打") == {("generation", 1)}
    assert found("storm") == {("generation", 1)}  # the prompt
    assert found("Gulls circled") == {("generation", new)}
    # 0003 indexed the revision already in the file; the draft no longer says it.
    DraftRepository(database).save_body(1, "Rewritten.")
    assert found("keeper found") == {("revision", 1)}
    database.close()
    assert _revision(path) == migrate.head_revision()
    assert triggers <= _triggers(path)  # every search trigger of 0001 survives


def test_locked_library_raises_a_storage_error(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    database = open_database(path, busy_timeout_s=0.1)
    drafts = DraftRepository(database)
    drafts.create("Before the lock")
    other = sqlite3.connect(path)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StorageError, match="in use by another program"):
            drafts.create("During the lock")
        with pytest.raises(StorageError, match="in use by another program"):
            open_database(path, busy_timeout_s=0.1)
    finally:
        other.rollback()
        other.close()
    assert [s.title for s in drafts.list_summaries()] == ["Before the lock"]
    database.close()


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (13, "Could not save: the disk is full"),
        (8, "read-only"),
        (5, "in use by another program"),
        (14, "Could not open the library file"),
        (1, "could not be used"),
    ],
)
def test_storage_errors_read_well(code: int, message: str) -> None:
    error = sqlite3.OperationalError("low-level text")
    error.sqlite_errorcode = code

    converted = storage_error(error, Path("/data/library.db"))

    assert message in str(converted)
    assert "/data/library.db" in str(converted)


def test_a_save_on_another_thread_never_makes_this_threads_writes_fail(tmp_path: Path) -> None:
    """The autosave writer and the GUI thread share the file; sessions take turns."""
    database = open_database(tmp_path / "library.db", busy_timeout_s=0.05)
    drafts = DraftRepository(database)
    big = drafts.create("Big", "word " * 200_000)
    small = drafts.create("Small")
    errors: list[BaseException] = []

    def save_repeatedly() -> None:
        try:
            for n in range(4):
                drafts.save_body(big.id, f"{n} " + "word " * 200_000)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    saver = threading.Thread(target=save_repeatedly)
    saver.start()
    for n in range(30):  # reads, then writes, inside one transaction each
        drafts.rename(small.id, f"Small {n}")
        drafts.add_revision(small.id, f"text {n}", RevisionKind.MANUAL)
    saver.join()
    assert errors == []
    assert drafts.get(small.id).title == "Small 29"
    database.close()


def test_the_revisions_read_from_the_files_are_alembics():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(migrate.MIGRATIONS_DIR))
    scripts = ScriptDirectory.from_config(config)
    assert migrate.head_revision() == scripts.get_current_head()
    assert migrate.known_revisions() == {s.revision for s in scripts.walk_revisions()}
