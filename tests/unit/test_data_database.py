"""Opening the library: settings per connection, migration, recovery, refusal, locking."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from desktop_app.data import (
    DatabaseTooNewError,
    DraftRepository,
    GenerationRepository,
    StorageError,
    migrate,
    open_database,
)
from desktop_app.data.errors import storage_error
from desktop_app.data.models import Base
from desktop_app.domain.generation import ChatMessage, GenerationRequest
from desktop_app.domain.records import GenerationStatus, RevisionKind


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
            type_ == "table" and name and name.startswith(("drafts_fts", "generations_fts"))
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


_REVISION_0002 = """
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


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
    migrations = shutil.copytree(migrate.MIGRATIONS_DIR, tmp_path / "migrations")
    (migrations / "versions" / "0002_pinned.py").write_text(_REVISION_0002)
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", migrations)

    database = open_database(path)

    backup = tmp_path / "library.db.backup-0001"
    assert _revision(backup) == "0001"
    with sqlite3.connect(backup) as connection:
        assert connection.execute("SELECT title FROM drafts").fetchall() == [("Kept",)]
    connection.close()
    assert _revision(path) == "0002"
    # Rebuilding `drafts` must not have cascaded into its revisions.
    assert [r.body for r in DraftRepository(database).revisions(draft.id)] == ["snapshot"]
    database.close()


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
