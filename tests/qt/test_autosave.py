"""Autosave timing and failure handling, on a real Qt timer."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from desktop_app.services.autosave import Autosaver


def test_typing_without_pause_is_still_saved_every_delay(qtbot):
    saves: list[float] = []
    saver = Autosaver(lambda: lambda: saves.append(time.perf_counter()), delay_ms=200)
    started = time.perf_counter()
    for _ in range(8):  # a keystroke every 50 ms for 400 ms
        saver.mark_dirty()
        qtbot.wait(50)
    qtbot.waitUntil(lambda: not saver.dirty, timeout=1000)
    assert saves and saves[0] - started < 0.35  # not pushed back by each keystroke


def test_failed_save_is_reported_once_kept_dirty_and_retried(qtbot):
    attempts: list[int] = []

    def save() -> None:
        attempts.append(1)
        if len(attempts) < 3:
            raise OSError("disk full")

    saver = Autosaver(lambda: save, delay_ms=20)
    failures: list[str] = []
    saver.saveFailed.connect(failures.append)
    with qtbot.waitSignal(saver.saveRecovered, timeout=2000):
        saver.mark_dirty()
    assert failures == ["disk full"]
    assert len(attempts) == 3
    assert not saver.dirty


def test_slow_saves_stretch_the_delay_up_to_the_maximum(qtbot):
    saver = Autosaver(lambda: lambda: time.sleep(0.1), delay_ms=100, max_delay_ms=300)
    saver.mark_dirty()
    assert saver.flush()
    assert saver._timer.interval() == 300  # 4 × 100 ms, capped
    fast = Autosaver(lambda: None, delay_ms=100, max_delay_ms=300)
    fast.mark_dirty()
    fast.flush()
    assert fast._timer.interval() == 100


class SlowStore:
    """A store whose writes take `delay_s`, recording what and on which thread."""

    def __init__(self, delay_s: float) -> None:
        self.delay_s = delay_s
        self.text = ""
        self.saved: list[tuple[str, str]] = []
        self.fail_next = False

    def capture(self):
        text = self.text

        def write() -> None:
            time.sleep(self.delay_s)
            if self.fail_next:
                self.fail_next = False
                raise OSError("database is locked")
            self.saved.append((text, threading.current_thread().name))

        return write


def test_timer_saves_run_off_the_gui_thread_one_at_a_time_in_order(qtbot):
    store = SlowStore(0.15)
    saver = Autosaver(store.capture, delay_ms=20, max_delay_ms=40)
    store.text = "first"
    saver.mark_dirty()
    assert saver.flush()  # a flush writes on this thread; the timer writes elsewhere
    assert store.saved == [("first", threading.current_thread().name)]

    store.text = "second"
    saver.mark_dirty()
    qtbot.waitUntil(lambda: saver._in_flight is not None, timeout=1000)
    started = time.perf_counter()
    qtbot.wait(10)  # the event loop runs while the write is under way
    assert time.perf_counter() - started < 0.1
    store.text = "third"  # typed during the write: saved after it, never before
    saver.mark_dirty()
    qtbot.waitUntil(lambda: [t for t, _ in store.saved][-1:] == ["third"], timeout=3000)
    assert [t for t, _ in store.saved] == ["first", "second", "third"]
    assert store.saved[1][1].startswith("inkwell-save")
    saver.close()


def test_a_background_write_that_fails_is_retried_and_reported(qtbot):
    store = SlowStore(0.1)
    saver = Autosaver(store.capture, delay_ms=20, max_delay_ms=40)
    saver.mark_dirty()
    saver.flush()
    failures: list[str] = []
    saver.saveFailed.connect(failures.append)
    store.text, store.fail_next = "kept", True
    saver.mark_dirty()
    with qtbot.waitSignal(saver.saveRecovered, timeout=3000):
        pass
    assert failures == ["database is locked"]
    assert store.saved[-1][0] == "kept" and not saver.dirty
    saver.close()


def test_flush_waits_for_the_write_in_flight_then_saves_the_newest_text(qtbot):
    store = SlowStore(0.2)
    saver = Autosaver(store.capture, delay_ms=10, max_delay_ms=20)
    saver.mark_dirty()
    saver.flush()
    store.text = "in flight"
    saver.mark_dirty()
    qtbot.waitUntil(lambda: saver._in_flight is not None, timeout=1000)
    store.text = "newest"
    saver.mark_dirty()
    assert saver.flush()
    assert [t for t, _ in store.saved] == ["", "in flight", "newest"]
    qtbot.wait(50)  # the in-flight write's own report arrives late and changes nothing
    assert not saver.dirty and [t for t, _ in store.saved][-1] == "newest"
    saver.close()


def test_writes_for_later_run_in_order_and_failures_reach_the_gui_thread(qtbot):
    store = SlowStore(0.05)
    saver = Autosaver(store.capture, delay_ms=10)
    done: list[str] = []

    def later(name: str) -> Callable[[], None]:
        def write() -> None:
            time.sleep(0.05)
            if name == "broken":
                raise OSError("disk full")
            done.append(name)

        return write

    failures: list[tuple[str, str]] = []
    saver.laterFailed.connect(lambda e: failures.append((e, threading.current_thread().name)))
    for name in ("first", "broken", "second"):
        saver.write_later(later(name))
    qtbot.waitUntil(lambda: failures != [], timeout=2000)
    saver.close()
    assert done == ["first", "second"]
    assert failures == [("disk full", threading.current_thread().name)]


class GatedStore(SlowStore):
    """Writes wait for `gate`: the test decides when a save lands."""

    def __init__(self) -> None:
        super().__init__(0.0)
        self.gate = threading.Event()

    def capture(self):
        write = super().capture()

        def gated() -> None:
            assert self.gate.wait(10)
            write()

        return gated


def test_flush_then_answers_at_once_after_a_quick_save(qtbot):
    store = SlowStore(0.0)
    saver = Autosaver(store.capture, delay_ms=1000)
    store.text = "quick"
    saver.mark_dirty()
    results: list[bool] = []
    saver.flush_then(results.append)
    assert results == [True]
    assert store.saved[-1][0] == "quick"
    saver.flush_then(results.append)  # nothing left to save
    assert results == [True, True]
    saver.close()


def test_flush_then_lets_the_window_go_on_while_a_slow_save_lands(qtbot):
    store = GatedStore()
    saver = Autosaver(store.capture, delay_ms=1000)
    store.text = "held"
    saver.mark_dirty()
    results: list[bool] = []
    saver.flush_then(results.append, wait_s=0.01)
    assert results == []  # back in the event loop; the write waits on the writer thread
    store.text = "typed meanwhile"
    saver.mark_dirty()
    store.gate.set()
    qtbot.waitUntil(lambda: results == [True], timeout=3000)
    assert store.saved[0][0] == "held"
    assert store.saved[0][1].startswith("inkwell-save")
    assert saver.flush()  # what was typed meanwhile is saved as usual
    assert store.saved[-1][0] == "typed meanwhile"
    saver.close()


def test_flush_then_reports_a_slow_save_that_fails_and_keeps_the_text_unsaved(qtbot):
    store = GatedStore()
    saver = Autosaver(store.capture, delay_ms=1000)
    failures: list[str] = []
    saver.saveFailed.connect(failures.append)
    store.text, store.fail_next = "refused", True
    saver.mark_dirty()
    results: list[bool] = []
    saver.flush_then(results.append, wait_s=0.01)
    store.gate.set()
    qtbot.waitUntil(lambda: results == [False], timeout=3000)
    assert failures == ["database is locked"]
    assert saver.dirty
    saver.close()


def test_flush_then_calls_nothing_back_once_closed(qtbot):
    store = GatedStore()
    saver = Autosaver(store.capture, delay_ms=1000)
    saver.mark_dirty()
    results: list[bool] = []
    saver.flush_then(results.append, wait_s=0.01)
    threading.Timer(0.05, store.gate.set).start()
    saver.close()  # waits for the write
    qtbot.wait(50)
    assert results == []
