from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QThread

from desktop_app.app import build_main_window
from desktop_app.generation.fake_engine import FakeEngine
from desktop_app.paths import DataPaths
from desktop_app.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def fail_on_running_qthreads(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A test that leaves a QThread running fails: the app must always shut its thread down."""
    started: list[QThread] = []
    original = QThread.start

    def start(self: QThread, *args: object) -> None:
        started.append(self)
        original(self, *args)

    monkeypatch.setattr(QThread, "start", start)
    yield
    leaked = [thread for thread in started if thread.isRunning()]
    for thread in leaked:
        thread.quit()
        thread.wait(5000)
    assert not leaked, f"QThreads left running: {[t.objectName() for t in leaked]}"


@pytest.fixture(autouse=True)
def collect_on_the_gui_thread() -> Iterator[None]:
    """Collects what a test leaves in reference cycles here, on the GUI thread. Left to the
    collector, a parentless QObject among it could be destroyed on whichever thread next
    allocates (a later test's download or model thread), which crashes the event loop.
    What survives is frozen: each collection then reads only the objects of one test, not
    everything the libraries (torch, once an earlier test loaded a model) keep alive."""
    yield
    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True)
def english_system(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows follow an English system here, whatever the machine running the tests speaks."""
    monkeypatch.setattr("desktop_app.ui.translations.system_ui_languages", lambda: ["en-US"])
    monkeypatch.delenv("INKWELL_LANGUAGE", raising=False)


WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def make_window(qtbot, tmp_path: Path) -> Iterator[WindowFactory]:
    """Builds a real window on a real database in tmp_path, with a fake engine."""
    windows: list[MainWindow] = []

    def make(
        engine: FakeEngine | None = None,
        data_dir: Path = tmp_path,
        model: str | None = "embedded",
        **hub: object,  # hub_cache, hub_endpoint: see build_main_window
    ) -> MainWindow:
        engine = engine or FakeEngine()
        window = build_main_window(DataPaths(data_dir), model, lambda: engine, **hub)  # type: ignore[arg-type]
        qtbot.addWidget(window)
        with qtbot.waitActive(window):  # shortcuts only reach an active window
            window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
