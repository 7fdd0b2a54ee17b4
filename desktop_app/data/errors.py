"""Storage failures, turned into messages a writer can act on."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from desktop_app.domain.i18n import translate

# Primary SQLite result codes (https://sqlite.org/rescode.html).
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26


class StorageError(Exception):
    """Reading or writing the library failed; the message is meant for the user."""


class DatabaseTooNewError(StorageError):
    """The library was written by a newer Inkwell; it is left untouched."""


def sqlite_code(exc: BaseException) -> int | None:
    """The primary SQLite result code behind `exc`, if it came from SQLite."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    # Only errors raised by the sqlite3 module itself carry a code.
    code = getattr(orig, "sqlite_errorcode", None) if isinstance(orig, sqlite3.Error) else None
    return code & 0xFF if isinstance(code, int) else None


def storage_error(exc: BaseException, path: Path) -> StorageError:
    code = sqlite_code(exc)
    if code == SQLITE_FULL:
        message = translate("Storage", "Could not save: the disk is full ({path}).")
    elif code == SQLITE_READONLY:
        message = translate("Storage", "Could not save: the library file is read-only ({path}).")
    elif code in (SQLITE_BUSY, SQLITE_LOCKED):
        message = translate(
            "Storage",
            "The library is in use by another program ({path}). "
            "Close any other copy of Inkwell and try again.",
        )
    elif code in (SQLITE_CANTOPEN, SQLITE_PERM):
        message = translate(
            "Storage", "Could not open the library file ({path}). Check its permissions."
        )
    elif code == SQLITE_IOERR:
        message = translate(
            "Storage", "The disk reported an error while using the library ({path})."
        )
    else:
        message = translate("Storage", "The library could not be used ({path}): {detail}.")
    detail = exc.orig if isinstance(exc, DBAPIError) else exc
    return StorageError(message.format(path=path, detail=detail))
