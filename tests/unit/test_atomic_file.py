"""Whole-file writes: the old file or the new one, never half of one, no litter."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from desktop_app.services.atomic_file import write_atomically


@pytest.mark.parametrize("data", ["Grüße, 世界 🌍\n", "Grüße, 世界 🌍\n".encode()])
def test_text_and_bytes_are_written_as_utf8(tmp_path, data):
    path = tmp_path / "sub" / "out.txt"
    write_atomically(path, data)
    assert path.read_bytes() == "Grüße, 世界 🌍\n".encode()
    assert [p.name for p in path.parent.iterdir()] == ["out.txt"]


def test_a_failure_mid_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "draft.md"
    path.write_text("the good version")
    written = []

    def fsync_fails(fd):
        written.append(os.fstat(fd).st_size)  # the new bytes are in the temporary file...
        raise OSError(28, "No space left on device")  # ...when the disk gives out

    monkeypatch.setattr(os, "fsync", fsync_fails)
    with pytest.raises(OSError, match="No space left"):
        write_atomically(path, "the new version, longer")
    assert written == [len("the new version, longer")]
    assert path.read_text() == "the good version"
    assert [p.name for p in tmp_path.iterdir()] == ["draft.md"]


def test_a_permission_error_is_raised_and_nothing_is_left(tmp_path, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(PermissionError):
        write_atomically(tmp_path / "x.txt", "x")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_replaced_file_keeps_its_permissions(tmp_path):
    path = tmp_path / "shared.txt"
    path.write_text("old")
    path.chmod(0o640)
    write_atomically(path, "new")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.read_text() == "new"
