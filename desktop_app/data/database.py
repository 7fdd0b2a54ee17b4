"""Opening the library file: damage recovery, version checks, backup, migration, sessions."""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import datetime
from functools import partial
from pathlib import Path

from sqlalchemy import URL, Connection, Engine, create_engine, event, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from desktop_app.data import migrate
from desktop_app.data.errors import (
    SQLITE_CORRUPT,
    SQLITE_NOTADB,
    DatabaseTooNewError,
    StorageError,
    sqlite_code,
    storage_error,
)
from desktop_app.data.models import GenerationRow
from desktop_app.domain.i18n import translate
from desktop_app.domain.records import GenerationStatus

_log = logging.getLogger(__name__)


class Database:
    """An open library file. Use one `session()` per operation.

    Sessions take turns, across threads: the GUI thread and the autosave writer share the
    file, and SQLite does not wait its busy timeout for a transaction that read first and
    then writes; it fails at once with "database is locked". Taking turns here means a
    GUI-thread write waits for at most one save instead.
    """

    def __init__(self, path: Path, engine: Engine, interrupted_count: int) -> None:
        self.path = path
        self.interrupted_count = interrupted_count  # generations a crash left `running`
        self.recovery_notice: str | None = None  # set when a damaged file was replaced
        self._engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._turn = threading.RLock()  # re-entrant: a repository may open one inside another

    @contextmanager
    def session(self) -> Iterator[Session]:
        """Commits when the block ends, rolls back if it raises."""
        with self._turn:
            try:
                with self._sessions.begin() as session:
                    yield session
            except DBAPIError as exc:
                raise storage_error(exc, self.path) from exc

    def close(self) -> None:
        self._engine.dispose()


class _DamagedError(StorageError):
    """The file is not a usable Inkwell library."""


def open_database(path: Path, *, busy_timeout_s: float = 5.0) -> Database:
    """Opens the library at `path`, creating or upgrading it; a damaged file is kept aside."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(
            translate(
                "Storage", "Could not create the folder for the library ({folder}): {reason}."
            ).format(folder=path.parent, reason=exc.strerror)
        ) from exc
    try:
        return _open(path, busy_timeout_s)
    except _DamagedError:
        _log.warning("The library at %s is damaged", path, exc_info=True)
        kept = _move_aside(path)
    database = _open(path, busy_timeout_s)
    database.recovery_notice = translate(
        "Storage",
        "The library file was damaged and could not be opened. It was kept as {kept}, "
        "and a new, empty library was started.",
    ).format(kept=kept)
    return database


def _open(path: Path, busy_timeout_s: float) -> Database:
    try:
        revision = _inspect(path, busy_timeout_s)
        if revision is not None and revision not in migrate.known_revisions():
            raise DatabaseTooNewError(
                translate(
                    "Storage",
                    "This library was saved by a newer version of Inkwell ({path}). "
                    "It was left unchanged; update Inkwell to open it.",
                ).format(path=path)
            )
        if revision != migrate.head_revision():
            if revision is not None:
                _backup(path, revision, busy_timeout_s)
            _migrate(path, busy_timeout_s)
        engine = _create_engine(path, busy_timeout_s, foreign_keys=True)
        try:
            with engine.begin() as connection:
                interrupted = _mark_interrupted(connection)
        except BaseException:
            engine.dispose()
            raise
    except (sqlite3.Error, DBAPIError) as exc:
        if sqlite_code(exc) in (SQLITE_CORRUPT, SQLITE_NOTADB):
            raise _DamagedError(_damaged(path)) from exc
        raise storage_error(exc, path) from exc
    return Database(path, engine, interrupted)


def _damaged(path: Path) -> str:
    return translate("Storage", "The library file is damaged ({path}).").format(path=path)


def _inspect(path: Path, busy_timeout_s: float) -> str | None:
    """The schema revision of an existing library, checked for damage without changing it."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    with closing(_connect_read_only(path, busy_timeout_s)) as connection:
        if connection.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
            raise _DamagedError(_damaged(path))
        tables = {
            name
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if "alembic_version" not in tables:
            if tables:
                raise _DamagedError(
                    translate("Storage", "The file is not an Inkwell library ({path}).").format(
                        path=path
                    )
                )
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return None if row is None else str(row[0])


def _backup(path: Path, revision: str, busy_timeout_s: float) -> None:
    target = path.with_name(f"{path.name}.backup-{revision}")
    try:
        with (
            closing(_connect_read_only(path, busy_timeout_s)) as source,
            closing(sqlite3.connect(target)) as copy,
        ):
            source.backup(copy)
    except sqlite3.Error as exc:
        # Reported as it is: a failed copy says nothing about the library itself.
        raise storage_error(exc, target) from exc


def _migrate(path: Path, busy_timeout_s: float) -> None:
    # Foreign keys stay off while migrating: batch steps drop and recreate tables, and
    # dropping `drafts` with them on would cascade-delete every revision.
    engine = _create_engine(path, busy_timeout_s, foreign_keys=False)
    try:
        with engine.begin() as connection:
            migrate.upgrade(connection)
            if connection.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                raise StorageError(
                    translate(
                        "Storage",
                        "Upgrading the library would break links between its records ({path}). "
                        "It was left unchanged.",
                    ).format(path=path)
                )
    finally:
        engine.dispose()


def _mark_interrupted(connection: Connection) -> int:
    result = connection.execute(
        update(GenerationRow)
        .where(GenerationRow.status == GenerationStatus.RUNNING.value)
        .values(status=GenerationStatus.INTERRUPTED.value)
    )
    return result.rowcount


def _move_aside(path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = path.with_name(f"{path.name}.corrupt-{stamp}")
    attempt = 1
    while kept.exists():  # never overwrite an earlier copy
        attempt += 1
        kept = path.with_name(f"{path.name}.corrupt-{stamp}-{attempt}")
    try:
        # The WAL files belong to the file: keep them beside it under its new name.
        for suffix in ("", "-wal", "-shm"):
            source = path.with_name(path.name + suffix)
            if source.exists():
                source.replace(kept.with_name(kept.name + suffix))
    except OSError as exc:
        raise StorageError(
            translate(
                "Storage",
                "The library file is damaged and could not be moved aside ({path}): {reason}.",
            ).format(path=path, reason=exc.strerror)
        ) from exc
    return kept


def _connect_read_only(path: Path, busy_timeout_s: float) -> sqlite3.Connection:
    # Read-only never writes: not to a damaged file, nor to its -wal (a read-write connection
    # would checkpoint or delete it on close), nor to a file from a newer app.
    uri = f"{path.absolute().as_uri()}?mode=ro"
    return sqlite3.connect(uri, uri=True, timeout=busy_timeout_s)


def _create_engine(path: Path, busy_timeout_s: float, *, foreign_keys: bool) -> Engine:
    engine = create_engine(
        URL.create("sqlite", database=str(path)),
        # Keeps prompts in any script readable in the file, not \u-escaped.
        json_serializer=partial(json.dumps, ensure_ascii=False),
    )

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # The sqlite3 module would not BEGIN before DDL, leaving a failed migration half
        # done; SQLAlchemy's "begin" hook below issues every BEGIN instead.
        dbapi_connection.isolation_level = None
        for pragma in (
            f"busy_timeout = {round(busy_timeout_s * 1000)}",
            "journal_mode = WAL",
            f"foreign_keys = {'ON' if foreign_keys else 'OFF'}",
        ):
            dbapi_connection.execute(f"PRAGMA {pragma}").close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine
