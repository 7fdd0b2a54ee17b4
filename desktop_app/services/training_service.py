"""Fine-tuning in the background: one child process at a time, its reports as signals.

The child (generation/finetune.py `train_in_child`) loads its own copy of the base model, so
neither the window nor the model thread waits on training. It is spawned, not forked: a fork
of a process running Qt and torch threads is not safe, and spawn is what Windows and macOS
do anyway. A timer on the GUI thread reads the pipe a few times a second; each report is a
small dict, so that costs next to nothing.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QObject, QTimer, QTranslator, Signal, Slot

from desktop_app.domain import i18n
from desktop_app.domain.finetune import (
    TrainingDataError,
    TrainingProgress,
    TrainingSettings,
    check_enough_text,
)
from desktop_app.domain.i18n import translate
from desktop_app.generation.adapters import AdapterError, read_adapter, remove_leftover_staging
from desktop_app.generation.finetune import (
    RunState,
    TrainingJob,
    create_run,
    describe_failure,
    discard_run,
    paused_runs,
    read_run,
    train_in_child,
)
from desktop_app.resources import resource_path
from desktop_app.services.draft_import import (
    DOCX_SUFFIX,
    TEXT_SUFFIXES,
    ImportFailed,
    read_draft_file,
)

__all__ = ["RunState", "TrainingService", "TrainingStartError", "read_training_folder"]

log = logging.getLogger(__name__)

POLL_INTERVAL_MS = 200
_FINAL = frozenset({"paused", "finished", "cancelled", "failed"})


class TrainingStartError(Exception):
    """A training could not start; the message is for the user."""


class TrainingService(QObject):
    prepared = Signal(object)  # dict: words, tokens, train_blocks, held_out_blocks, total_steps
    evaluated = Signal(str, float)  # "before" or "after", held-out perplexity
    progressed = Signal(object)  # TrainingProgress
    paused = Signal(int)  # the step it stopped at
    finished = Signal(object)  # AdapterInfo of the new adapter
    cancelled = Signal()
    failed = Signal(str)  # message
    runningChanged = Signal(bool)

    def __init__(
        self,
        adapters_dir: Path,
        cache_dir: Path,
        threads: int | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._adapters_dir = adapters_dir
        self._cache_dir = cache_dir
        # Half the cores at most: the window and the writer's own generations come first.
        self._threads = threads or max(1, (os.cpu_count() or 2) // 2)
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        self._state: RunState | None = None
        self._stop_after_step = 0
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_INTERVAL_MS)
        self._timer.timeout.connect(self._poll)
        remove_leftover_staging(adapters_dir)

    @property
    def adapters_dir(self) -> Path:
        return self._adapters_dir

    @property
    def running(self) -> bool:
        return self._process is not None

    @property
    def current(self) -> RunState | None:
        """The run being trained, or last trained."""
        return self._state

    def paused_runs(self) -> list[RunState]:
        return [] if self.running else paused_runs(self._adapters_dir)

    def start(
        self,
        *,
        name: str,
        spec: str,
        base_model_id: str,
        texts: list[str],
        settings: TrainingSettings,
    ) -> RunState:
        """Saves the texts in a new run folder and starts training on them."""
        if self.running:
            raise TrainingStartError(_already_running())
        try:
            check_enough_text(texts)
        except TrainingDataError as exc:
            raise TrainingStartError(str(exc)) from exc
        try:
            state = create_run(
                self._adapters_dir,
                name=name,
                spec=spec,
                base_model_id=base_model_id,
                texts=texts,
                settings=settings,
            )
        except OSError as exc:
            raise TrainingStartError(describe_failure(exc)) from exc
        self._launch(state)
        return state

    def resume(self, state: RunState) -> None:
        if self.running:
            raise TrainingStartError(_already_running())
        self._launch(state)

    def set_stop_after_step(self, step: int) -> None:
        """Tests: the next start pauses by itself after `step` steps."""
        self._stop_after_step = step

    @Slot()
    def pause(self) -> None:
        self._tell("pause")

    @Slot()
    def cancel(self) -> None:
        """Stops the training and deletes its run; a paused run is simply deleted."""
        if self.running:
            self._tell("cancel")
        elif self._state is not None:
            discard_run(self._state)
            self._state = None
            self.cancelled.emit()

    def discard(self, state: RunState) -> None:
        discard_run(state)

    def shutdown(self, wait_s: float = 15.0) -> None:
        """On quit: asks the child to save a checkpoint and waits for it a while; a child
        still loading its model is stopped (it had nothing new to save)."""
        process = self._process
        if process is None:
            return
        self._tell("pause")
        process.join(wait_s)
        if process.is_alive():
            process.terminate()
            process.join(5)
        self._poll()
        self._end()

    def _launch(self, state: RunState) -> None:
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe()
        job = TrainingJob(
            run_dir=state.run_dir,
            adapters_dir=str(self._adapters_dir),
            cache_dir=str(self._cache_dir),
            threads=self._threads,
            stop_after_step=self._stop_after_step,
        )
        process = context.Process(
            target=train_in_language,
            args=(job, child, QLocale().name()),
            name="inkwell-training",
            daemon=True,
        )
        try:
            process.start()
        except OSError as exc:
            parent.close()
            message = translate("Training", "The training could not start: {detail}")
            raise TrainingStartError(message.format(detail=exc)) from exc
        finally:
            child.close()  # the child has its own copy; ours would keep the pipe open
        self._process, self._conn, self._state = process, parent, state
        self._timer.start()
        self.runningChanged.emit(True)

    def _tell(self, command: str) -> None:
        if self._conn is not None:
            # The child may have ended already; its last report says how.
            with contextlib.suppress(OSError):
                self._conn.send(command)

    @Slot()
    def _poll(self) -> None:
        conn = self._conn
        if conn is None:
            return
        # Asked before reading: a child that had exited by then has sent all it ever will,
        # so its last report is read below rather than taken for a silent end.
        alive = self._process is not None and self._process.is_alive()
        try:
            while conn.poll():
                message = conn.recv()
                if message["kind"] in _FINAL:
                    self._end()  # first: whoever hears the last report sees it not running
                    self._handle(message)
                    return
                self._handle(message)
        except (EOFError, OSError):
            pass  # the child is gone without a last report
        else:
            if alive:
                return
        code = self._process.exitcode if self._process is not None else None
        self._end()
        log.warning("training process ended without a report, exit code %s", code)
        self.failed.emit(_unexpected_end(code))

    def _handle(self, message: dict[str, Any]) -> None:
        kind = message["kind"]
        if kind == "prepared":
            self.prepared.emit(message)
        elif kind == "evaluated":
            self.evaluated.emit(str(message["when"]), float(message["perplexity"]))
        elif kind == "step":
            self.progressed.emit(
                TrainingProgress(
                    step=int(message["step"]),
                    total_steps=int(message["total_steps"]),
                    loss=float(message["loss"]),
                    tokens_per_second=float(message["tokens_per_second"]),
                    seconds_left=float(message["seconds_left"]),
                )
            )
        elif kind == "paused":
            self._refresh_state()
            self.paused.emit(int(message["step"]))
        elif kind == "finished":
            self._finished(Path(str(message["path"])))
        elif kind == "cancelled":
            self._state = None
            self.cancelled.emit()
        elif kind == "failed":
            self._refresh_state()
            self.failed.emit(str(message["message"]))

    def _finished(self, folder: Path) -> None:
        self._state = None
        try:
            self.finished.emit(read_adapter(folder))
        except AdapterError as exc:
            self.failed.emit(str(exc))

    def _refresh_state(self) -> None:
        """The run as its folder now says (the step of the last checkpoint), if it is left."""
        if self._state is None:
            return
        try:
            self._state = read_run(Path(self._state.run_dir))
        except (OSError, ValueError, KeyError):
            self._state = None

    def _end(self) -> None:
        self._timer.stop()
        process, self._process = self._process, None
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()
        if process is not None:
            process.join(5)
            self.runningChanged.emit(False)


def train_in_language(job: TrainingJob, conn: Connection, language: str) -> None:
    """The training process's entry point. A spawned process has none of the window's
    translators, so it loads the interface language's own, for the messages it sends."""
    translator = QTranslator()
    if translator.load(str(resource_path("i18n", f"inkwell_{language}.qm"))):
        i18n.install(lambda context, text: translator.translate(context, text) or text)
    train_in_child(job, conn)


def read_training_folder(folder: Path) -> tuple[list[str], list[str]]:
    """The text of every .txt, .md and .docx file in `folder` and below, in name order, and
    a message naming each file that could not be read (the rest are used all the same)."""
    texts: list[str] = []
    problems: list[str] = []
    try:
        files = sorted(
            p
            for p in folder.rglob("*")
            if p.suffix.lower() in (*TEXT_SUFFIXES, DOCX_SUFFIX) and not p.name.startswith(".")
        )
    except OSError as exc:
        unreadable = translate("Training", "The folder {folder} could not be read: {reason}.")
        return [], [unreadable.format(folder=folder, reason=exc.strerror or exc)]
    for file in files:
        try:
            body = read_draft_file(file).body
        except ImportFailed as exc:
            if exc.reason is None:
                problems.append(str(exc))
            else:
                left_out = translate("Training", "“{file}” was left out: {reason}")
                problems.append(left_out.format(file=file.name, reason=exc.reason))
            continue
        if body.strip():
            texts.append(body)
    return texts, problems


def _unexpected_end(exit_code: int | None) -> str:
    if exit_code is not None and exit_code < 0 and -exit_code == 9:  # SIGKILL: the OOM killer
        return translate(
            "Training",
            "The training was stopped by the system, most likely because the computer ran "
            "out of memory. Close other programs and resume it.",
        )
    return translate(
        "Training",
        "The training stopped unexpectedly (exit code {code}). It can be resumed from "
        "its last checkpoint.",
    ).format(code=exit_code)


def _already_running() -> str:
    return translate("Training", "A training is already running; wait for it or cancel it.")
