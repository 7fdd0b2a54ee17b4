"""Whole-file writes: a file on disk is either the old one or the new one, never half of one."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path


def write_atomically(path: Path, data: str | bytes) -> None:
    """Writes `data` (text as UTF-8) beside `path`, then renames it over `path`.

    A failure part-way (a full disk, no permission) leaves the old file as it was and no
    temporary file behind; the error is raised for the caller to report.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    # O_EXCL never writes through a file or link someone else put there; mode 0o666 lets the
    # umask decide, as for any new file (mkstemp's 0o600 would hide an export from others).
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    handle = os.open(temporary, flags, 0o666)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(payload)
            file.flush()
            os.fsync(file.fileno())  # on disk before the rename, or a crash could leave 0 bytes
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temporary, stat.S_IMODE(path.stat().st_mode))  # a replaced file's mode
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
