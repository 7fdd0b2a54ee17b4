"""A window on screen at once, its library opened a moment later.

The modules that open the library and wire the controllers take most of a second to import
on a laptop. The window's first frame comes first: those imports, and the library's opening,
run on a thread while the window shows its layout, and the window takes no input until
`finish` has wired it (no key can land in an editor whose draft is not loaded yet).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QMainWindow

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class WindowShell:
    """The main window as it first appears: layout, theme and language, nothing wired."""

    window: MainWindow
    settings: QSettings  # the window's, read for its layout and theme
    language: str  # the one applied before any text was built


class WindowOpening(QObject):
    """Runs `prepare` on a thread, then `finish` on the GUI thread with what it returned
    (None if it raised), with `window` shown and disabled in between."""

    _prepared = Signal(object)

    def __init__(
        self,
        window: QMainWindow,
        prepare: Callable[[], object],
        finish: Callable[[object], object],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._finish = finish
        self._prepared.connect(self._on_prepared)  # queued: emitted on the thread
        window.setEnabled(False)
        window.statusBar().showMessage(self.tr("Opening your library…"))
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        threading.Thread(
            target=self._prepare, args=(prepare,), name="inkwell-opening", daemon=True
        ).start()

    def _prepare(self, prepare: Callable[[], object]) -> None:
        prepared = None
        try:
            prepared = prepare()
        except Exception:  # `finish` meets it again on the GUI thread, which reports it
            log.exception("preparing the window failed")
        self._prepared.emit(prepared)

    @Slot(object)
    def _on_prepared(self, prepared: object) -> None:
        # Enabled first, so `finish` can give the editor focus; no input comes in between.
        QApplication.restoreOverrideCursor()
        self._window.statusBar().clearMessage()
        self._window.setEnabled(True)
        self.deleteLater()
        self._finish(prepared)
