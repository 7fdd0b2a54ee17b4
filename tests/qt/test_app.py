"""The composition root: what a second start finds, and what two starts at once do."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QEvent, QLockFile, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from qt_helpers import pick_task

from desktop_app import app, wiring
from desktop_app.data import StorageError
from desktop_app.generation.fake_engine import FakeEngine
from desktop_app.services.model_service import ModelService
from desktop_app.ui.main_window import MainWindow


def test_layout_and_last_task_come_back(make_window):
    window = make_window()
    window.resize(720, 540)  # within the offscreen screen (800x600)
    pick_task(window, "summarize")
    window.close()

    reopened = make_window()
    assert (reopened.width(), reopened.height()) == (720, 540)
    assert reopened.prompt.current_task().id == "summarize"
    assert reopened.focusWidget() is reopened.editor


def test_a_second_instance_on_the_same_data_dir_is_refused(tmp_path, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    held = QLockFile(str(tmp_path / "inkwell.lock"))
    assert held.tryLock(0)
    try:
        assert app.run_gui(tmp_path, "embedded") == 1
    finally:
        held.unlock()
    assert shown and "already running" in shown[0] and str(tmp_path) in shown[0]


def test_a_lock_that_cannot_be_written_is_not_called_a_second_instance(tmp_path, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    (tmp_path / "inkwell.lock").mkdir()  # as root can write anywhere, block the file instead
    assert app.run_gui(tmp_path, "embedded") == 1
    assert "cannot write" in shown[0]


class FirstPaint(QObject):
    """Notes, at the main window's first paint, what `look` sees then."""

    def __init__(self, look, windows: list[MainWindow]) -> None:
        super().__init__()
        self.look = look
        self.windows = windows
        self.seen: object = None
        self.painted = threading.Event()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        painting = event.type() == QEvent.Type.Paint and watched in self.windows
        if painting and not self.painted.is_set():
            self.seen = self.look(watched)
            self.painted.set()
        return False


@pytest.fixture
def launch(qapp, monkeypatch, tmp_path):
    """Runs `run_gui` as a launch would, on the fake engine, with the library's imports held
    back until the window has painted; returns what the first paint saw and the exit code."""
    monkeypatch.setattr(app, "make_engine", lambda _paths: FakeEngine())
    shells: list[MainWindow] = []  # the window this launch made, not an earlier test's
    watch = FirstPaint(
        lambda w: (w.isEnabled(), w.findChild(ModelService), w.statusBar().currentMessage()),
        shells,
    )
    importing_threads: list[bool] = []
    open_library = app._open_library

    def held_back(paths):
        importing_threads.append(threading.current_thread() is threading.main_thread())
        assert watch.painted.wait(10)
        return open_library(paths)

    monkeypatch.setattr(app, "_open_library", held_back)

    window_shell = app.window_shell

    def shell(paths):
        made = window_shell(paths)
        shells.append(made.window)
        return made

    monkeypatch.setattr(app, "window_shell", shell)
    qapp.installEventFilter(watch)
    # The test ends each exec itself: the quit a last closed window posts would otherwise
    # end a later test's event loop.
    quits = qapp.quitOnLastWindowClosed()
    qapp.setQuitOnLastWindowClosed(False)

    def run(when_wired) -> tuple[object, int]:
        def poll() -> None:
            window = shells[0] if shells else None
            if window is not None and window.findChild(ModelService) is not None:
                timer.stop()
                when_wired(window)
                window.close()
                qapp.exit(0)

        timer = QTimer()
        timer.timeout.connect(poll)
        timer.start(10)
        try:
            code = app.run_gui(tmp_path, "embedded")
        finally:
            timer.stop()
            qapp.removeEventFilter(watch)
            qapp.setQuitOnLastWindowClosed(quits)
            for window in shells:
                window.deleteLater()
        assert importing_threads == [False]  # imported once, off the GUI thread
        return watch.seen, code

    return run


@pytest.fixture
def opened_on_gui_thread(monkeypatch) -> list[bool]:
    """For each time the library is opened, whether it was on the GUI thread."""
    threads: list[bool] = []
    open_database = wiring.open_database

    def opened_where(*args, **kwargs):
        threads.append(threading.current_thread() is threading.main_thread())
        return open_database(*args, **kwargs)

    monkeypatch.setattr(wiring, "open_database", opened_where)
    return threads


def test_the_window_paints_before_the_library_opens_then_takes_input(launch, opened_on_gui_thread):
    wired: list[object] = []
    seen, code = launch(
        lambda window: wired.append(
            (
                window.isEnabled(),
                QApplication.focusWidget() is window.editor,
                QApplication.overrideCursor() is None,
                window.statusBar().currentMessage(),
            )
        )
    )
    assert code == 0
    assert seen == (False, None, "Opening your library…")  # shown, not wired, no input
    assert wired == [(True, True, True, "")]
    assert opened_on_gui_thread == [False]  # once, off the GUI thread, and wired as it was


def test_a_library_that_cannot_open_after_the_first_paint_is_reported(launch, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))

    tries: list[bool] = []

    def locked(*_args: object, **_kwargs: object) -> None:
        tries.append(threading.current_thread() is threading.main_thread())
        raise StorageError("The library is locked by another program.")

    monkeypatch.setattr(wiring, "open_database", locked)
    seen, code = launch(lambda _window: None)
    assert code == 1
    assert shown == ["The library is locked by another program."]
    assert tries == [False]  # tried once, on the opening thread: one wait for the lock
    assert seen is not None  # the window had painted before the library was opened


def test_a_failed_read_ahead_leaves_the_opened_library_to_the_window(
    launch, monkeypatch, opened_on_gui_thread
):
    from desktop_app.services.library import Library

    def unreadable(_library: Library) -> None:
        raise ValueError("a row the reader does not know")

    monkeypatch.setattr(Library, "warm_up", unreadable)
    wired: list[str] = []
    _seen, code = launch(lambda window: wired.append(window.windowTitle()))
    assert code == 0
    assert len(wired) == 1 and len(opened_on_gui_thread) == 1  # on the library opened once


def test_after_the_next_paint_runs_once_after_it_or_after_a_while_without_one(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)  # painted: what follows waits for another paint
    ran: list[str] = []
    painted = threading.Event()

    class Watch(QObject):
        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted.set()
            return False

    watch = Watch()
    window.installEventFilter(watch)
    window.after_next_paint(lambda: ran.append("painted" if painted.is_set() else "before"))
    qtbot.waitUntil(lambda: bool(ran), timeout=900)  # well before its 1 s fallback
    qtbot.wait(1200)
    assert ran == ["painted"]  # once, the fallback did not run it again

    window.hide()  # no paint comes: the fallback runs it
    ran.clear()
    window.after_next_paint(lambda: ran.append("late"), at_most_ms=100)
    qtbot.wait(50)
    assert ran == []
    qtbot.waitUntil(lambda: ran == ["late"], timeout=1000)


def test_a_window_closed_before_it_painted_loads_no_model(qtbot, tmp_path, monkeypatch):
    from desktop_app.paths import DataPaths

    loads: list[object] = []
    monkeypatch.setattr(ModelService, "load", lambda _service, *args: loads.append(args))
    window = app.build_main_window(DataPaths(tmp_path), "embedded", FakeEngine)
    qtbot.addWidget(window)
    window.close()  # never shown: only the fallback timer would start the load
    qtbot.wait(1300)
    assert loads == []
