"""How quickly Inkwell answers the writer, with the real embedded model, measured in one run.

    .venv/bin/python benchmarks/responsiveness.py [--data-dir DIR] [--tokens 128]
        [--paragraphs 2000] [--key-ms 25] [--switch-intervals 0.001,0.02]

`--data-dir` is where the converted embedded model is cached (its `models/` folder; the
first run converts it). Everything else the app writes goes to a fresh temporary folder
whose `models` links there, so the benchmark leaves no drafts behind. Qt runs offscreen.

Prints one table, each line a measurement, its target from issue 7 and, where the issue
asks for one, its ratio to a reference measured in the same run (these machines are noisy:
ratios compare across machines, milliseconds are context):

1. Start-up, in a child process run as `python -m desktop_app --data-dir TMP` would be (this
   script with `--probe-startup` calls `desktop_app.app.main` and only watches): seconds
   from launch to the main window's first paint and to "model ready", on the first start
   (a new library; converts the model if it is not cached) and the second (cached
   weights); the reference is a process that only imports PySide6.QtWidgets, and one
   importing torch is context. Also which of torch and transformers were in `sys.modules`
   at the window's first paint ("-": neither).
2. GUI-thread stalls: the longest gap between the ticks of a 10 ms timer on the GUI thread,
   less the 10 ms, (a) from the first paint until the model is ready (the second start),
   (b) while Model > Reload Model reloads it, (c) while the UI generates `--tokens` tokens
   (Story task, a fixed seed, started with the Generate button) in the long draft of part
   3: from the click (which saves the draft and writes the history first) and from the
   first chunk on (streaming alone).
3. Typing and generating at once, in a draft of `--paragraphs` paragraphs: real key events
   posted to the editor every `--key-ms` ms, at the end of the text and in its middle.
   (a) decode tokens/s of the generation (from its GenerationResult) while typing, against
   the same generation with nobody typing just before and after it (the idle line lists
   those runs in order); (b) keystroke latency, from the moment a key is
   due until the document holds its character, p50/p95/max, while generating against
   typing alone. The writer's caret is placed once, as a click would; the line also
   counts the keys that found it moved (the app leaves it alone once they type: 0).

`--switch-intervals` repeats part 3 under other `sys.setswitchinterval` values (the GIL's
hand-over period; Python's default is 0.005 s) and prints both directions for each.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

TICK_MS = 10
HEAVY_MODULES = ("torch", "transformers")
PARAGRAPH = (
    "The keeper climbed the stairs to the lamp every night, and the light turned over the "
    "water until the morning came grey across the bay. "
)


@dataclass
class Row:
    what: str
    value: str
    target: str = ""
    ratio: str = ""


@dataclass
class Table:
    rows: list[Row] = field(default_factory=list)

    def add(self, what: str, value: str, target: str = "", ratio: str = "") -> None:
        self.rows.append(Row(what, value, target, ratio))
        print(f"  {what}: {value} {ratio}", flush=True)  # progress while it runs

    def print(self) -> None:
        width = max(len(r.what) for r in self.rows)
        value_width = max(len(r.value) for r in self.rows)
        print(f"\n{'measurement':<{width}}  {'value':<{value_width}}  {'ratio':<22}  target")
        for r in self.rows:
            print(f"{r.what:<{width}}  {r.value:<{value_width}}  {r.ratio:<22}  {r.target}")


# 1. Start-up, in child processes


def process_seconds(*args: str) -> float:
    started = time.monotonic()
    subprocess.run([sys.executable, *args], check=True, capture_output=True)
    return time.monotonic() - started


@dataclass
class Startup:
    paint_s: float
    model_s: float
    heavy_at_paint: str
    stall_ms: float


def probe_startup(app_args: list[str]) -> int:
    """In the child: runs the app as `python -m desktop_app` does, only watching it.

    Prints "paint <monotonic s> <heavy modules loaded then>" at the main window's first
    paint, then "model <s>" and "stall <ms>" (the longest heartbeat gap from the first
    paint on) when the model is ready, and closes the window: the app ends its usual way.
    """
    from PySide6.QtCore import QEvent, QObject, QTimer

    from desktop_app import app

    shell_of, wire = app.window_shell, app.wire_window
    heartbeat = Heartbeat()

    def watched_shell(*args: Any, **kwargs: Any) -> Any:
        shell = shell_of(*args, **kwargs)
        window = shell.window

        class FirstPaint(QObject):
            def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint:
                    window.removeEventFilter(self)
                    heavy = ",".join(m for m in HEAVY_MODULES if m in sys.modules) or "-"
                    print("paint", time.monotonic(), heavy, flush=True)
                    heartbeat.start()
                return False

        window.installEventFilter(FirstPaint(window))
        return shell

    def watched_wire(shell: Any, *args: Any, **kwargs: Any) -> None:
        from desktop_app.services.model_service import ModelService

        wire(shell, *args, **kwargs)
        window = shell.window

        def ready(_info: object) -> None:
            print("model", time.monotonic(), flush=True)
            heartbeat.stop()
            print("stall", heartbeat.longest_ms(), flush=True)
            QTimer.singleShot(0, window.close)

        def failed(message: str, _path: str) -> None:
            print("failed", message, flush=True)
            QTimer.singleShot(0, window.close)

        service = window.findChild(ModelService)
        assert service is not None
        service.modelLoaded.connect(ready)
        service.loadFailed.connect(failed)

    app.window_shell, app.wire_window = watched_shell, watched_wire
    return app.main(app_args)


def start_app(data_dir: Path) -> Startup:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, __file__, "--probe-startup", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    lines = {line.split()[0]: line.split()[1:] for line in done.stdout.splitlines() if line}
    if "failed" in lines or "model" not in lines or "paint" not in lines:
        sys.exit(f"the app did not start and load the model:\n{done.stdout}\n{done.stderr}")
    return Startup(
        float(lines["paint"][0]) - started,
        float(lines["model"][0]) - started,
        lines["paint"][1],
        float(lines["stall"][0]),
    )


def measure_startup(data_dir: Path, table: Table) -> None:
    qt_only = statistics.median(process_seconds("-c", "import PySide6.QtWidgets") for _ in range(3))
    torch_s = process_seconds("-c", "import torch")
    first = start_app(data_dir)
    second = start_app(data_dir)
    table.add("reference: process importing PySide6.QtWidgets", f"{qt_only:.2f} s")
    table.add("context: process importing torch", f"{torch_s:.2f} s")
    table.add("first start (new library): window painted", f"{first.paint_s:.2f} s")
    table.add("first start: model ready", f"{first.model_s:.2f} s")
    table.add(
        "second start: window painted",
        f"{second.paint_s:.2f} s",
        "< 0.8 s",
        f"{second.paint_s / qt_only:.1f}x reference",
    )
    table.add(
        "second start: model ready (cached weights)",
        f"{second.model_s:.2f} s",
        "< 3 s",
        f"{second.model_s / qt_only:.1f}x reference",
    )
    table.add(
        "heavy modules loaded at first paint",
        f"{first.heavy_at_paint} / {second.heavy_at_paint}",
        "none (-)",
    )
    table.add(
        "stall: start-up, first paint to model ready",
        f"{second.stall_ms:.0f} ms",
        "< 50 ms",
    )


# 2 and 3. In this process, on the real window


class Heartbeat:
    """A 10 ms timer on the GUI thread; the longest gap less 10 ms is the longest stall."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0
        self._gaps: list[tuple[float, float]] = []  # (when the gap began, its length)

    def _tick(self) -> None:
        now = time.perf_counter()
        self._gaps.append((self._last, now - self._last))
        self._last = now

    def start(self) -> None:
        self._gaps = []
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._tick()

    def longest_ms(self, since: float = 0.0) -> float:
        """The longest stall, of those that began at `since` (a perf_counter time) or later."""
        longest = max((gap for began, gap in self._gaps if began >= since), default=0.0)
        return max(0.0, longest * 1000 - TICK_MS)


class Typist:
    """Posts a key press and release to the editor whenever one is due (every `key_ms`),
    and times each from when it was due until the document holds its character."""

    def __init__(self, editor: object, key_ms: float) -> None:
        from PySide6.QtCore import QEvent, QObject, Qt, QTimer
        from PySide6.QtGui import QKeyEvent, QTextCursor
        from PySide6.QtWidgets import QApplication, QPlainTextEdit

        assert isinstance(editor, QPlainTextEdit)
        self._editor = editor
        self._key_s = key_ms / 1000
        # One shot per key, at its due time: a timer polling faster would itself be the
        # GUI-thread Python work this measures.
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._post_due)
        self._where: QTextCursor | None = None
        self._due: list[float] = []
        self._pressing: int | None = None  # the key whose press the editor is handling
        self.latencies_ms: list[float] = []
        self.caret_moved = 0
        self._started = 0.0

        def key(kind: QEvent.Type, index: int) -> QKeyEvent:
            # The native key code carries the key's number, for the watch below.
            return QKeyEvent(kind, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, 0, index, 0, "a")

        def post(index: int) -> None:
            assert self._where is not None
            if editor.textCursor().position() != self._where.position():
                self.caret_moved += 1  # the stream took it
                editor.setTextCursor(QTextCursor(self._where))
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.postEvent(editor, key(kind, index))

        self._post = post
        typist = self

        class KeyWatch(QObject):
            def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.KeyPress:
                    typist._pressing = int(event.nativeVirtualKey())  # type: ignore[attr-defined]
                return False

        self._watch = KeyWatch()
        editor.installEventFilter(self._watch)
        editor.document().contentsChange.connect(self._changed)

    def start(self, where: str) -> None:
        from PySide6.QtGui import QTextCursor

        document = self._editor.document()
        cursor = QTextCursor(document)
        if where == "end":
            cursor.movePosition(QTextCursor.MoveOperation.End)
        else:
            cursor.setPosition(document.findBlockByNumber(document.blockCount() // 2).position())
        self._where = cursor  # a QTextCursor follows the edits before it
        self._editor.setTextCursor(QTextCursor(cursor))  # the writer clicks there
        self.caret_moved = 0
        self._due = []
        self.latencies_ms = []
        self._started = time.perf_counter()
        self._timer.start(0)

    def stop(self) -> int:
        """Stops typing; the number of keys posted."""
        self._timer.stop()
        return len(self._due)

    def _post_due(self) -> None:
        now = time.perf_counter()
        while (due := self._started + len(self._due) * self._key_s) <= now:
            self._due.append(due)
            self._post(len(self._due) - 1)
        self._timer.start(max(0, round((due - now) * 1000)))

    def _changed(self, _position: int, _removed: int, added: int) -> None:
        if self._pressing is not None and added:
            now = time.perf_counter()
            self.latencies_ms.append((now - self._due[self._pressing]) * 1000)
            self._pressing = None


def wait_for(signal: object, failed: object, timeout_s: float = 300) -> tuple[object, ...]:
    """Runs the event loop until `signal` fires, and returns its arguments; ends the
    benchmark with the message when `failed` fires instead (or nothing does in time)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    got: list[tuple[object, ...]] = []
    errors: list[str] = []

    def fired(*args: object) -> None:
        got.append(args)
        loop.quit()

    def failure(*args: object) -> None:
        errors.append(" ".join(str(a) for a in args))
        loop.quit()

    signal.connect(fired)  # type: ignore[attr-defined]
    failed.connect(failure)  # type: ignore[attr-defined]
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()
    signal.disconnect(fired)  # type: ignore[attr-defined]
    failed.disconnect(failure)  # type: ignore[attr-defined]
    if errors:
        sys.exit(f"failed: {errors[0]}")
    if not got:
        sys.exit(f"timed out after {timeout_s:.0f} s waiting for {signal}")
    return got[0]


def settle(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def percentiles(values: list[float]) -> str:
    if not values:
        return "no key landed"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered):.0f} / p95 {p95:.0f} / max {ordered[-1]:.0f} ms"


@dataclass
class Generated:
    rate: float  # decode tokens/s, from the GenerationResult
    tokens: int
    stall_ms: float  # the longest, from the Generate click to the result
    streaming_stall_ms: float  # the longest from the first chunk on
    latencies_ms: list[float]  # of the keys typed meanwhile
    caret_moved: int  # keys that found the caret moved by the stream


class Session:
    """The real window on a data folder, with hands to drive it."""

    def __init__(self, data_dir: Path, args: argparse.Namespace) -> None:
        from desktop_app.app import create_main_window
        from desktop_app.services.model_service import ModelService

        self.args = args
        self.window = create_main_window(data_dir)
        self.window.resize(1280, 800)
        service = self.window.findChild(ModelService)
        assert service is not None
        self.service = service
        self.heartbeat = Heartbeat()
        self.typist = Typist(self.window.editor, args.key_ms)

    def show_and_load(self) -> None:
        self.window.show()
        wait_for(self.service.modelLoaded, self.service.loadFailed)
        info = self.service.model_info
        assert info is not None
        print(f"model {info.model_id}: {info.dtype} on {info.device}, {info.threads} thread(s)")

    def reload_stall(self) -> float:
        self.heartbeat.start()
        self.window.reload_model_action.trigger()
        wait_for(self.service.modelLoaded, self.service.loadFailed)
        self.heartbeat.stop()
        return self.heartbeat.longest_ms()

    def generate(self, typing_at: str | None = None) -> Generated:
        """One generation through the UI, with someone typing meanwhile or not."""
        from PySide6.QtGui import QTextCursor

        from desktop_app.domain.generation import GenerationParams

        prompt = self.window.prompt
        prompt.task_picker.setCurrentIndex(prompt.task_picker.findData("story"))
        prompt.prompt_edit.setPlainText("a lighthouse keeper who finds a message in a bottle")
        prompt.settings.set_params(
            GenerationParams(max_new_tokens=self.args.tokens, temperature=0.7, seed=7)
        )
        editor = self.window.editor
        editor.moveCursor(QTextCursor.MoveOperation.Start)  # the stream writes at the top
        settle(200)
        first_chunk: list[float] = []
        on_chunk = self.service.chunkReceived.connect(
            lambda *_args: first_chunk.append(time.perf_counter())
        )
        self.heartbeat.start()
        prompt.generate_button.click()
        if typing_at is not None:
            self.typist.start(typing_at)
        _request_id, results = wait_for(
            self.service.generationFinished, self.service.generationFailed
        )
        self.heartbeat.stop()
        self.typist.stop()
        self.service.chunkReceived.disconnect(on_chunk)
        settle(300)  # the last keys land, the history refreshes
        result = results[0]  # type: ignore[index]
        decode_s = result.duration_s - (result.time_to_first_token_s or 0.0)
        return Generated(
            (result.output_tokens - 1) / decode_s if decode_s > 0 else 0.0,
            result.output_tokens,
            self.heartbeat.longest_ms(),
            self.heartbeat.longest_ms(since=first_chunk[0]) if first_chunk else 0.0,
            list(self.typist.latencies_ms) if typing_at else [],
            self.typist.caret_moved if typing_at else 0,
        )

    def type_alone(self, at: str, keys: int) -> list[float]:
        self.typist.start(at)
        settle(int(keys * self.args.key_ms))
        self.typist.stop()
        settle(300)
        return list(self.typist.latencies_ms)


def measure_in_window(data_dir: Path, args: argparse.Namespace, table: Table) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop_app.data import open_database
    from desktop_app.paths import DataPaths
    from desktop_app.services.library import Library

    database = open_database(DataPaths(data_dir).database)
    body = "\n".join(PARAGRAPH * 3 for _ in range(args.paragraphs))
    Library(database).new_draft("Long draft", body)  # the window opens with it
    database.close()

    app = QApplication.instance() or QApplication(sys.argv[:1])
    session = Session(data_dir, args)
    session.show_and_load()
    settle(500)
    table.add("stall: Model > Reload Model", f"{session.reload_stall():.0f} ms", "< 50 ms")
    intervals = [sys.getswitchinterval(), *args.switch_intervals]
    for interval in intervals:
        sys.setswitchinterval(interval)
        label = f" [switch interval {interval * 1000:g} ms]" if len(intervals) > 1 else ""
        measure_typing(session, table, label, first=interval == intervals[0])
    sys.setswitchinterval(intervals[0])
    session.window.close()
    del app


def measure_typing(session: Session, table: Table, label: str, first: bool) -> None:
    keys = 80
    alone = {at: session.type_alone(at, keys) for at in ("end", "middle")}
    # Nobody typing before, between and after: each typing run is compared with the idle
    # runs either side of it, so the machine's drift cancels.
    idle = [session.generate()]
    typed: dict[str, Generated] = {}
    for at in ("end", "middle"):
        typed[at] = session.generate(typing_at=at)
        idle.append(session.generate())
    if first:
        worst = max(idle, key=lambda g: g.stall_ms)
        table.add(
            f"stall: generating {worst.tokens} tokens, from the click",
            f"{worst.stall_ms:.0f} ms",
            "< 50 ms",
        )
        table.add(
            "stall: generating, from the first chunk",
            f"{max(g.streaming_stall_ms for g in idle):.0f} ms",
            "< 50 ms",
        )
    rates = ", ".join(f"{g.rate:.1f}" for g in idle)
    table.add(f"decode, nobody typing{label}", f"{rates} tokens/s ({idle[0].tokens} tokens)")
    for i, (at, run) in enumerate(typed.items()):
        around = (idle[i].rate + idle[i + 1].rate) / 2
        table.add(
            f"decode, typing at the {at}{label}",
            f"{run.rate:.1f} tokens/s, stall {run.streaming_stall_ms:.0f} ms",
            ">= 0.8x idle",
            f"{run.rate / around:.2f}x idle",
        )
        table.add(f"keys typed alone, {at}{label}", percentiles(alone[at]), "< 50 ms")
        table.add(
            f"keys typed while generating, {at}{label}",
            percentiles(run.latencies_ms)
            + f" ({len(run.latencies_ms)} keys, caret moved under {run.caret_moved})",
            "< 50 ms",
            _p95_ratio(run.latencies_ms, alone[at]),
        )


def _p95_ratio(during: list[float], alone: list[float]) -> str:
    if not during or not alone:
        return ""
    p95 = sorted(during)[round(0.95 * (len(during) - 1))]
    return f"p95 {p95 / max(sorted(alone)[round(0.95 * (len(alone) - 1))], 1.0):.1f}x alone"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "inkwell-bench"
    )
    parser.add_argument("--tokens", type=int, default=128)
    parser.add_argument("--paragraphs", type=int, default=2000)
    parser.add_argument("--key-ms", type=float, default=25.0)
    parser.add_argument(
        "--switch-intervals",
        type=lambda text: [float(v) for v in text.split(",") if v],
        default=[],
        help="comma-separated seconds, e.g. 0.001,0.02: part 3 again under each",
    )
    parser.add_argument("--probe-startup", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe_startup:  # the child process of part 1
        sys.exit(probe_startup(["--data-dir", str(args.data_dir)]))
    models = args.data_dir.resolve() / "models"
    models.mkdir(parents=True, exist_ok=True)
    table = Table()
    with tempfile.TemporaryDirectory(prefix="inkwell-responsiveness-") as tmp:
        data_dir = Path(tmp)
        (data_dir / "models").symlink_to(models, target_is_directory=True)
        measure_startup(data_dir, table)
        measure_in_window(data_dir, args, table)
    print(f"\n{os.cpu_count()} CPU core(s), load average {os.getloadavg()[0]:.1f} at the end")
    table.print()


if __name__ == "__main__":
    main()
