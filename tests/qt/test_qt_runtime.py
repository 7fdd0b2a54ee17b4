"""The Qt binding itself must be sound: a refcount leak there crashes a long session."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_qt_calls_do_not_leak_references_to_none(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(10_000):
        label.setText("x")  # returns None, as most setters do
    # PySide6 6.12.0 on Python 3.11 loses one reference per call: the app then aborts with
    # "none_dealloc" after a few minutes of streaming text.
    assert abs(sys.getrefcount(None) - before) < 100
