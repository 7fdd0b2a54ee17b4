"""DownloadService: one download on a background thread, reported by signals on the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_hub import FakeHub
from PySide6.QtCore import QThread

from desktop_app.services.download_service import DownloadService

REPO = "org/tiny"
WEIGHTS = bytes(range(256)) * 1024  # 256 KiB: several chunks


@pytest.fixture
def hub() -> Iterator[FakeHub]:
    with FakeHub(chunk=8192) as server:
        server.add_repo(
            REPO,
            extra={"config.json": b"{}", "tokenizer.json": b"{}", "model.safetensors": WEIGHTS},
        )
        yield server


def test_download_reports_progress_then_finished(qtbot, hub: FakeHub, tmp_path: Path) -> None:
    service = DownloadService(tmp_path, hub.url)
    progress: list[tuple[str, int, int]] = []
    threads: set[object] = set()

    def on_progress(repo_id: str, done: int, total: int) -> None:
        progress.append((repo_id, done, total))
        threads.add(QThread.currentThread())

    service.progress.connect(on_progress)
    with qtbot.waitSignal(service.finished, timeout=10_000) as finished:
        service.start(REPO)
        assert service.is_running and service.repo_id == REPO
        with pytest.raises(RuntimeError, match="still downloading"):
            service.start(REPO)
    repo_id, path = finished.args
    assert repo_id == REPO and not service.is_running
    assert (Path(path) / "model.safetensors").read_bytes() == WEIGHTS
    total = len(WEIGHTS) + 2  # the two "{}" files are one blob, downloaded and counted once
    assert progress[-1] == (REPO, total, total)
    assert threads == {QThread.currentThread()}  # receivers run on the GUI thread


def test_cancel_then_failure_are_reported(qtbot, hub: FakeHub, tmp_path: Path) -> None:
    service = DownloadService(tmp_path, hub.url)
    started = threading.Event()
    hub.throttle_s = 0.01
    hub.on_chunk = lambda name, sent: started.set()
    with qtbot.waitSignal(service.cancelled, timeout=10_000) as cancelled:
        service.start(REPO)
        assert started.wait(5)
        service.cancel()
    assert cancelled.args == [REPO] and not service.is_running

    with qtbot.waitSignal(service.failed, timeout=10_000) as failed:
        service.start("nobody/nothing")
    assert failed.args[0] == "nobody/nothing"
    assert "There is no model nobody/nothing" in failed.args[1]
    service.shutdown()
