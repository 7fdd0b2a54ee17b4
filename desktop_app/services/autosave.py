"""Autosave: a dirty flag and a timer that is started, never restarted, by an edit."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as WaitTimedOut

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

log = logging.getLogger(__name__)

Write = Callable[[], object]
"""Writes text taken earlier; safe on any thread (it touches no widget)."""


class Autosaver(QObject):
    """Saves at most `delay_ms` after the first unsaved change.

    The timer is not restarted on every keystroke: a writer typing without pause still gets a
    save every `delay_ms`, so a crash loses at most that much typing. A failed save (disk full,
    database locked) keeps the flag set and retries on the next tick; the text stays in the
    editor meanwhile.

    `capture` runs on the GUI thread and takes the text as it is now, returning the write
    (or None when there is nothing to write). The timer's saves run that write on one
    background thread, so typing never waits for it (a 5 MB draft takes most of a second to
    store, mostly in SQLite's full-text index); writes never overlap and land in order.
    `flush()` saves synchronously, after any write in flight: what comes after it (a
    draft switch, closing) can rely on the text being stored. `flush_then()` gives the same
    promise to a callback without holding the window through a big draft's save. Slow saves
    also stretch the delay, up to `max_delay_ms`, so a huge draft is not rewritten every
    second.
    """

    saveFailed = Signal(str)
    saveRecovered = Signal()  # the first success after a failure
    saved = Signal()  # after every save that succeeded, on the GUI thread
    laterFailed = Signal(str)  # a `write_later` write failed; emitted on the GUI thread
    _later_failed = Signal(str)  # the same, from the writer thread
    # From the writer thread: the write's number, the error or None, the seconds it took.
    _written = Signal(int, object, float)
    _landed = Signal(object, bool)  # from the writer thread: a `flush_then` callback, saved

    def __init__(
        self,
        capture: Callable[[], Write | None],
        delay_ms: int = 1000,
        parent: QObject | None = None,
        *,
        max_delay_ms: int = 2000,
    ) -> None:
        super().__init__(parent)
        self._delay_ms = delay_ms
        self._max_delay_ms = max_delay_ms
        self._capture = capture
        self._dirty = False
        self._failing = False
        self._writer: ThreadPoolExecutor | None = None
        self._in_flight: Future[None] | None = None
        self._writes = 0  # numbers the background writes; a report for another is stale
        self.last_error = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._tick)
        self._written.connect(self._on_written, Qt.ConnectionType.QueuedConnection)
        # Through a slot: a signal-to-signal connection did not cross from the writer thread.
        self._later_failed.connect(self._on_later_failed, Qt.ConnectionType.QueuedConnection)
        self._landed.connect(self._on_landed, Qt.ConnectionType.QueuedConnection)
        self._closed = False

    @property
    def dirty(self) -> bool:
        """Whether some text is not stored yet (a write under way counts as not stored)."""
        return self._dirty or self._in_flight is not None

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
        self._wait_for_writer()
        if not self._dirty:
            return True
        started = time.perf_counter()
        try:
            write = self._capture()
            if write is not None:
                write()
        except Exception as exc:  # reported, retried; never lose the editor's text over it
            self._failed(exc)
            return False
        self._dirty = False
        self._saved(time.perf_counter() - started)
        return True

    def flush_then(self, then: Callable[[bool], object], wait_s: float = 0.01) -> None:
        """Saves now, like `flush`, then calls `then` with whether the text got stored.

        A save still running after `wait_s` (a big draft: its full-text index alone takes
        tens of milliseconds) finishes on the writer thread while the window goes on, and
        `then` comes on the GUI thread once it has landed; a quick one calls `then` before
        this returns. Not at all once `close` has run.
        """
        self._timer.stop()
        if self._dirty and not self._start_write():
            then(False)
            return
        in_flight = self._in_flight
        if in_flight is None:
            then(True)
            return
        try:
            in_flight.result(timeout=wait_s)
        except WaitTimedOut:
            # Emitted after `_written`, so the flag and the signals are up to date by then.
            in_flight.add_done_callback(
                lambda done: self._landed.emit(then, done.exception() is None)
            )
            return
        except Exception:  # `_written` reports it and keeps the text marked unsaved
            then(False)
            return
        then(True)

    @Slot(object, bool)
    def _on_landed(self, then: Callable[[bool], object], saved: bool) -> None:
        if not self._closed:
            then(saved)

    def write_later(self, write: Write) -> None:
        """Runs another write on the writer thread, after those before it (a revision of a
        big draft takes as long to store as a save)."""
        self._executor().submit(self._reported, write)

    def _reported(self, write: Write) -> None:
        """On the writer thread: a write whose failure is reported to the GUI thread."""
        try:
            write()
        except Exception as exc:
            log.warning("background write failed: %s", exc)
            self._later_failed.emit(str(exc))

    @Slot(str)
    def _on_later_failed(self, error: str) -> None:
        self.laterFailed.emit(error)

    def settle(self) -> None:
        """Waits until every write queued so far is done (reports still arrive as events)."""
        if self._writer is not None:
            self._writer.submit(lambda: None).result()

    def close(self) -> None:
        """Ends the writer thread, after any write in flight; call after the last flush."""
        self._closed = True
        self._wait_for_writer()
        if self._writer is not None:
            self._writer.shutdown(wait=True)
            self._writer = None

    @Slot()
    def _tick(self) -> None:
        if not self._dirty:
            return
        if self._in_flight is not None:
            self._timer.start()  # one write at a time; this text goes on the next tick
            return
        self._start_write()

    def _start_write(self) -> bool:
        """Takes the text and starts its write on the writer thread; False when taking it
        failed (reported, and retried on the next tick)."""
        try:
            write = self._capture()
        except Exception as exc:
            self._failed(exc)
            return False
        self._dirty = False  # unless the write fails; typing meanwhile sets it again
        if write is not None:
            self._writes += 1
            self._in_flight = self._executor().submit(self._timed, self._writes, write)
        return True

    def _executor(self) -> ThreadPoolExecutor:
        if self._writer is None:
            self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="inkwell-save")
        return self._writer

    def _timed(self, number: int, write: Write) -> None:
        """On the writer thread: the write, reported back to the GUI thread."""
        started = time.perf_counter()
        try:
            write()
        except Exception as exc:
            self._written.emit(number, exc, 0.0)
            raise
        self._written.emit(number, None, time.perf_counter() - started)

    @Slot(int, object, float)
    def _on_written(self, number: int, error: Exception | None, seconds: float) -> None:
        if number != self._writes or self._in_flight is None:
            return  # a flush has already waited for this write and dealt with it
        self._in_flight = None
        if error is not None:
            self._dirty = True  # the editor still holds the text; the next tick retries
            self._failed(error)
        else:
            self._saved(seconds)

    def _wait_for_writer(self) -> None:
        """Blocks until the write in flight is done; a failed one leaves the text unsaved."""
        in_flight, self._in_flight = self._in_flight, None
        if in_flight is None:
            return
        try:
            in_flight.result()
        except Exception:
            self._dirty = True

    def _failed(self, exc: Exception) -> None:
        log.warning("autosave failed: %s", exc)
        self.last_error = str(exc)
        self._timer.start()
        if not self._failing:
            self._failing = True
            self.saveFailed.emit(str(exc))

    def _saved(self, seconds: float) -> None:
        spent_ms = seconds * 1000
        self._timer.setInterval(int(min(self._max_delay_ms, max(self._delay_ms, 4 * spent_ms))))
        self.saved.emit()
        if self._failing:
            self._failing = False
            self.saveRecovered.emit()
