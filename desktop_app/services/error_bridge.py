"""Carries unhandled-error reports from any thread to the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class ErrorBridge(QObject):
    """Lives on the GUI thread; `reported.emit` from another thread arrives queued.

    `sys.excepthook` and `threading.excepthook` run on the thread that failed, which may be
    the model thread, where no widget may be touched.
    """

    reported = Signal(str)
