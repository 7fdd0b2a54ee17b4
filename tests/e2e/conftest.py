"""End-to-end fixtures on the real embedded model.

The first load converts the GGUF (slow); the session converts once and every test's data
directory links to that model cache, so each test still starts the app the way a user does.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QThread

from desktop_app.app import create_main_window
from desktop_app.generation.transformers_engine import TransformersEngine
from desktop_app.ui.main_window import MainWindow

pytestmark = pytest.mark.e2e


def run_app(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        check=False,
    )


@pytest.fixture(scope="session")
def shared_model_cache(tmp_path_factory) -> Path:
    """A data dir whose model cache holds the converted embedded model."""
    data_dir = tmp_path_factory.mktemp("first-start")
    result = run_app("--smoke-test", "--data-dir", str(data_dir))
    assert result.returncode == 0, result.stderr
    return data_dir / "models"


@pytest.fixture(scope="session")
def engine(shared_model_cache: Path) -> Iterator[TransformersEngine]:
    """The real engine with the embedded model, loaded once for the engine-level tests."""
    engine = TransformersEngine(shared_model_cache)
    engine.load("embedded", lambda _fraction, _message: None)
    yield engine
    engine.unload()


@pytest.fixture
def data_dir(tmp_path: Path, shared_model_cache: Path) -> Path:
    (tmp_path / "models").symlink_to(shared_model_cache, target_is_directory=True)
    return tmp_path


@pytest.fixture
def real_window(qtbot, data_dir: Path, monkeypatch) -> Iterator[Callable[..., MainWindow]]:
    started: list[QThread] = []
    original = QThread.start

    def start(self: QThread, *args: object) -> None:
        started.append(self)
        original(self, *args)

    monkeypatch.setattr(QThread, "start", start)
    windows: list[MainWindow] = []

    def make(model: str | None = None) -> MainWindow:
        window = create_main_window(data_dir, model)
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
    assert not [t for t in started if t.isRunning()], "a QThread was left running"
