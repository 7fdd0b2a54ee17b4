"""Autosave: a dirty flag and a timer that is started, never restarted, by an edit."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)


class Autosaver(QObject):
    """Saves at most `delay_ms` after the first unsaved change.

    The timer is not restarted on every keystroke: a writer typing without pause still gets a
    save every `delay_ms`, so a crash loses at most that much typing. A failed save (disk full,
    database locked) keeps the flag set and retries on the next tick; the text stays in the
    editor meanwhile.

    Saving runs on the GUI thread, so a huge draft (a 5 MB paste takes about half a second to
    save here) stretches the delay to keep saving under a fifth of the GUI thread's time,
    up to `max_delay_ms`.
    """

    saveFailed = Signal(str)
    saveRecovered = Signal()  # the first success after a failure

    def __init__(
        self,
        save: Callable[[], None],
        delay_ms: int = 1000,
        parent: QObject | None = None,
        *,
        max_delay_ms: int = 2000,
    ) -> None:
        super().__init__(parent)
        self._delay_ms = delay_ms
        self._max_delay_ms = max_delay_ms
        self._save = save
        self._dirty = False
        self._failing = False
        self.last_error = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)

    @property
    def dirty(self) -> bool:
        return self._dirty

    def mark_dirty(self) -> None:
        self._dirty = True
        if not self._timer.isActive():
            self._timer.start()

    def discard(self) -> None:
        """Forgets unsaved changes: their draft is gone (deleted), nothing is left to save."""
        self._timer.stop()
        self._dirty = False

    def flush(self) -> bool:
        """Saves now if anything is unsaved; returns whether everything is saved."""
        self._timer.stop()
        if not self._dirty:
            return True
        started = time.perf_counter()
        try:
            self._save()
        except Exception as exc:  # reported, retried; never lose the editor's text over it
            log.warning("autosave failed: %s", exc)
            self.last_error = str(exc)
            self._timer.start()
            if not self._failing:
                self._failing = True
                self.saveFailed.emit(str(exc))
            return False
        self._dirty = False
        spent_ms = (time.perf_counter() - started) * 1000
        self._timer.setInterval(int(min(self._max_delay_ms, max(self._delay_ms, 4 * spent_ms))))
        if self._failing:
            self._failing = False
            self.saveRecovered.emit()
        return True
