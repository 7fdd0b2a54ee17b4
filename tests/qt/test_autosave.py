"""Autosave timing and failure handling, on a real Qt timer."""

from __future__ import annotations

import time

from desktop_app.services.autosave import Autosaver


def test_typing_without_pause_is_still_saved_every_delay(qtbot):
    saves: list[float] = []
    saver = Autosaver(lambda: saves.append(time.perf_counter()), delay_ms=200)
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

    saver = Autosaver(save, delay_ms=20)
    failures: list[str] = []
    saver.saveFailed.connect(failures.append)
    with qtbot.waitSignal(saver.saveRecovered, timeout=2000):
        saver.mark_dirty()
    assert failures == ["disk full"]
    assert len(attempts) == 3
    assert not saver.dirty


def test_slow_saves_stretch_the_delay_up_to_the_maximum(qtbot):
    saver = Autosaver(lambda: time.sleep(0.1), delay_ms=100, max_delay_ms=300)
    saver.mark_dirty()
    assert saver.flush()
    assert saver._timer.interval() == 300  # 4 × 100 ms, capped
    fast = Autosaver(lambda: None, delay_ms=100, max_delay_ms=300)
    fast.mark_dirty()
    fast.flush()
    assert fast._timer.interval() == 100
