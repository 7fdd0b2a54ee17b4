"""How long the window stops answering while a writer works on a huge draft, measured in one run.

    .venv/bin/python benchmarks/ui_stall.py [--size-mb 5] [--pages 150] [--keys 50]

Builds the real window (fake engine, a temporary data folder) with two drafts of mixed
English and Chinese paragraphs, a large one (5 MB of UTF-8) and a small one (50 KB), and
for each measures the longest gap of a 1 ms heartbeat timer on the GUI thread (the longest
time the event loop, and so typing, scrolling and painting, stood still) while
(a) opening the draft, (b) paging through it, (c) typing characters one at a time (with the
autosaves that typing brings), (d) one autosave on its own, and (e) finding a common word,
stepping to the next matches and replacing them all. Prints each phase's longest stall for
both drafts and their ratio: the ratios, not the milliseconds, compare across machines. Also
prints the time spent in each save, to tell the autosave's share of a stall from the rest.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QAbstractSlider, QApplication

from desktop_app.app import build_main_window
from desktop_app.data import open_database
from desktop_app.generation.fake_engine import FakeEngine
from desktop_app.paths import DataPaths
from desktop_app.services.library import Library
from desktop_app.ui.controller import WritingController
from desktop_app.ui.main_window import MainWindow

ENGLISH = (
    "The keeper climbed the stairs to the lamp every night, and the light turned over the "
    "water until the morning came grey across the bay. "
)
CHINESE = "灯塔看守人每天晚上都爬上楼梯去点灯，灯光在水面上旋转，直到灰色的清晨来到海湾。"
Step = tuple[int, Callable[[], object]]  # milliseconds after the phase starts, action


def draft_text(size_bytes: int) -> str:
    """Paragraphs of a few sentences, two English to one Chinese, to `size_bytes` of UTF-8."""
    paragraphs = [ENGLISH * 4, CHINESE * 3, ENGLISH * 3]
    text: list[str] = []
    size = 0
    while size < size_bytes:
        paragraph = paragraphs[len(text) % 3]
        text.append(paragraph)
        size += len(paragraph.encode()) + 1
    return "\n".join(text)


class Heartbeat(QObject):
    """Ticks every millisecond; the longest gap between ticks is the longest stall."""

    def __init__(self) -> None:
        super().__init__()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(1)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0
        self.longest = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def measure(self, steps: list[Step], settle_ms: int) -> float:
        """Runs the steps on the event loop at their times; the longest stall, in ms."""
        loop = QEventLoop()
        for at, action in steps:
            QTimer.singleShot(at, action)
        QTimer.singleShot(max(at for at, _action in steps) + settle_ms, loop.quit)
        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer.start()
        loop.exec()
        self._timer.stop()
        return self.longest * 1000


class SaveClock:
    """Times the library's saves: Library.save_draft on the window's own library."""

    def __init__(self, library: Library) -> None:
        self.times_ms: list[float] = []
        save = library.save_draft

        def timed(draft_id: int, body: str) -> bool:
            started = time.perf_counter()
            try:
                return save(draft_id, body)
            finally:
                self.times_ms.append((time.perf_counter() - started) * 1000)

        library.save_draft = timed  # type: ignore[method-assign]

    def take(self) -> list[float]:
        times, self.times_ms = self.times_ms, []
        return times


def key(
    window: MainWindow,
    code: Qt.Key,
    text: str = "",
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> Callable[[], None]:
    """A key press and release as the editor gets them from the keyboard."""

    def press() -> None:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(window.editor, QKeyEvent(kind, code, modifiers, text))

    return press


def phases(
    window: MainWindow, controller: WritingController, draft_id: int, args: argparse.Namespace
) -> dict[str, tuple[list[Step], int]]:
    """Each phase: its steps, and how long to keep measuring after the last (delayed work)."""
    editor = window.editor
    find = controller.editor_tools.find
    scroll = editor.verticalScrollBar()

    def page(action: QAbstractSlider.SliderAction) -> Callable[[], None]:
        return lambda: scroll.triggerAction(action)

    def at_start() -> None:
        editor.moveCursor(QTextCursor.MoveOperation.Start)
        editor.setFocus()

    def find_common() -> None:
        find.open(replace=True)
        find.bar.query.setText("the")
        find.bar.replacement.setText("a")

    # Page by page from the top, then to the end (Ctrl+End) and a few pages back up.
    down = page(QAbstractSlider.SliderAction.SliderPageStepAdd)
    up = page(QAbstractSlider.SliderAction.SliderPageStepSub)
    end_at = 20 * (args.pages + 1)
    paging: list[Step] = [(0, at_start)]
    paging += [(20 * (i + 1), down) for i in range(args.pages)]
    paging.append(
        (end_at, key(window, Qt.Key.Key_End, modifiers=Qt.KeyboardModifier.ControlModifier))
    )
    paging += [(end_at + 20 * (i + 1), up) for i in range(20)]
    return {
        "open": ([(0, lambda: controller.drafts.switch_draft(draft_id))], 1500),
        "page through": (paging, 500),
        # A brisk typist: 12 keys a second. Typing brings autosaves, as it does for a writer.
        f"type {args.keys} keys": (
            [(80 * i, key(window, Qt.Key.Key_A, "a")) for i in range(args.keys)],
            600,
        ),
        "one autosave": ([(0, key(window, Qt.Key.Key_Period, "."))], 2600),
        "find, next, replace all": (
            [
                (0, find_common),
                (400, find.find_next_action.trigger),
                (600, find.find_next_action.trigger),
                (800, find.find_previous_action.trigger),
                (1000, find.replace_all),
            ],
            700,
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mb", type=float, default=5.0)
    parser.add_argument("--pages", type=int, default=150)
    parser.add_argument("--keys", type=int, default=50)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    sizes = {"50 KB": 50_000, f"{args.size_mb:g} MB": int(args.size_mb * 1_000_000)}
    with tempfile.TemporaryDirectory(prefix="inkwell-stall-") as data_dir:
        paths = DataPaths(Path(data_dir))
        database = open_database(paths.database)
        library = Library(database)
        ids = {name: library.new_draft(name, draft_text(size)).id for name, size in sizes.items()}
        library.new_draft("Start")  # the draft the window opens with
        database.close()
        stalls, saves = measure_all(build_main_window(paths, "embedded", FakeEngine), ids, args)

    small, large = sizes
    print(f"\nlongest GUI stall per phase, ms (1 ms heartbeat), {large} against {small}:")
    for phase, by_size in stalls.items():
        ratio = by_size[large] / max(by_size[small], 1.0)
        saved = "; ".join(
            f"{name} " + (", ".join(f"{t:.0f}" for t in times) or "none")
            for name, times in saves[phase].items()
        )
        print(
            f"  {phase:>24}: {by_size[small]:7.1f} {by_size[large]:8.1f}   ratio {ratio:6.1f}"
            f"   saves in it, ms: {saved}"
        )
    del app


def measure_all(
    window: MainWindow, ids: dict[str, int], args: argparse.Namespace
) -> tuple[dict[str, dict[str, float]], dict[str, dict[str, list[float]]]]:
    """Every phase on each draft: the longest stalls, and the saves that ran in them."""
    window.resize(1280, 800)
    window.show()
    controller = window.findChild(WritingController)
    assert controller is not None
    clock = SaveClock(controller.drafts._library)  # a private handle: only to time the saves
    heartbeat = Heartbeat()
    heartbeat.measure([(0, lambda: None)], 1000)  # start-up and the model load settle first
    stalls: dict[str, dict[str, float]] = {}
    saves: dict[str, dict[str, list[float]]] = {}
    for name, draft_id in ids.items():
        for phase, (steps, settle_ms) in phases(window, controller, draft_id, args).items():
            controller.drafts.autosaver.flush()  # each phase starts with nothing to save
            clock.take()
            stalls.setdefault(phase, {})[name] = heartbeat.measure(steps, settle_ms)
            saves.setdefault(phase, {})[name] = clock.take()
        print(
            f"{name}: {len(window.editor.toPlainText()):,} characters, "
            f"{window.editor.document().blockCount():,} paragraphs"
        )
    window.close()
    return stalls, saves


if __name__ == "__main__":
    main()
