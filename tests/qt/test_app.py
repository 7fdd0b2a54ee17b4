"""The composition root: what a second start finds, and what two starts at once do."""

from __future__ import annotations

from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QMessageBox
from qt_helpers import pick_task

from desktop_app import app


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
