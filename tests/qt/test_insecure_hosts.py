"""Plain HTTP to another computer is confirmed once per server and remembered."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from desktop_app.services.insecure_hosts import InsecureHostApprovals


def test_an_approval_is_remembered_per_host_and_port(tmp_path: Path) -> None:
    path = str(tmp_path / "settings.ini")
    approvals = InsecureHostApprovals(QSettings(path, QSettings.Format.IniFormat))
    assert not approvals.needs_confirmation("https://gpu-box/v1")
    assert not approvals.needs_confirmation("http://localhost:11434/v1")
    assert approvals.needs_confirmation("http://gpu-box:8000/v1")
    approvals.approve("http://gpu-box:8000/v1")
    approvals.approve("http://GPU-box:8000/other")  # the same server: stored once
    reopened = InsecureHostApprovals(QSettings(path, QSettings.Format.IniFormat))
    assert not reopened.needs_confirmation("http://gpu-box:8000/v1/")
    assert reopened.needs_confirmation("http://gpu-box:9000/v1")
    reopened.approve("http://gpu-box:9000/v1")
    assert not reopened.needs_confirmation("http://gpu-box:9000/v1")
