"""Wires the assistant to the model service: generating into the draft, and the model's status."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Slot
from PySide6.QtGui import QGuiApplication

from desktop_app.domain.generation import (
    GenerationParams,
    GenerationResult,
    ModelInfo,
    ModelState,
    SpeedStats,
    StopReason,
)
from desktop_app.domain.prompting import EditorContext, PromptError, build_request
from desktop_app.domain.records import GenerationStatus, RevisionKind
from desktop_app.domain.tasks import Task, task_by_id
from desktop_app.services.library import Library, StorageError
from desktop_app.services.model_service import ModelService
from desktop_app.ui.drafts_controller import DraftsController
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.stream_insertion import StreamInsertion

log = logging.getLogger(__name__)


@dataclass
class _Running:
    request_id: str
    generation_id: int | None  # None when the history could not be written
    insertion: StreamInsertion
    started: float


class WritingController(QObject):
    """Generation and the model's status; drafts are the DraftsController's."""

    def __init__(
        self,
        window: MainWindow,
        library: Library,
        model: ModelService,
        model_spec: str,
        notices: list[str] | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._library = library
        self._model = model
        self._model_spec = model_spec
        self._running: _Running | None = None
        self._load_error: str | None = None
        self._failed_model = ""
        self._shut_down = False
        self.drafts = DraftsController(window, library)
        self._connect()
        self._refresh_history()
        self._show_model_state(model.state)
        for notice in notices or []:
            window.show_error(self.tr("Inkwell started a new library."), notice)

    def _connect(self) -> None:
        w = self._window
        w.prompt.generateRequested.connect(self.generate)
        w.prompt.stopRequested.connect(self.stop)
        w.generate_action.triggered.connect(self.generate)
        w.stop_action.triggered.connect(self.stop)
        w.reload_model_action.triggered.connect(self.load_model)
        w.history.copy_action.triggered.connect(self.copy_selected_output)
        w.history.insert_action.triggered.connect(self.insert_selected_output)
        w.history.rerun_action.triggered.connect(self.rerun_selected)
        w.closing.connect(self.shutdown)

        m = self._model
        m.stateChanged.connect(self._show_model_state)
        m.loadProgress.connect(self._on_load_progress)
        m.modelLoaded.connect(self._on_model_loaded)
        m.loadFailed.connect(self._on_load_failed)
        m.chunkReceived.connect(self._on_chunk)
        m.generationFinished.connect(self._on_finished)
        m.generationFailed.connect(self._on_failed)
        m.speedUpdated.connect(self._on_speed)

    def load_model(self) -> None:
        self._load_error = None
        self._model.load(self._model_spec)
        self.show_loading()

    def show_loading(self) -> None:
        """Says "loading" from the first frame; the worker confirms it a moment later."""
        self._show_model_state(ModelState.LOADING)

    # Generation

    @Slot()
    def generate(self) -> None:
        prompt = self._window.prompt
        self._start(prompt.current_task(), prompt.prompt(), prompt.params())

    def _start(self, task: Task, prompt_text: str, params: GenerationParams) -> None:
        if self._running is not None:
            return
        draft = self.drafts.current if self.drafts.autosaver.flush() else None
        if draft is None:
            self._window.prompt.show_notice(
                self.tr("Your draft cannot be saved right now, so nothing was generated.")
            )
            return
        if self._model.state is not ModelState.READY or self._model.model_info is None:
            self._window.prompt.show_notice(self.tr("The model is not ready yet."))
            return
        window = self._window
        cursor = window.editor.textCursor()
        full_text = window.editor.toPlainText()
        selection = cursor.selectedText().replace("\u2029", "\n")
        context = EditorContext(
            text_before_cursor=full_text[: cursor.selectionStart()],
            selection=selection,
            full_text=full_text,
        )
        try:
            built = build_request(task, prompt_text, context, params)
        except PromptError as exc:
            window.prompt.show_notice(str(exc))
            return
        window.prompt.show_notice(built.notice)

        draft_id = draft.id
        generation_id: int | None = None
        try:
            self._library.snapshot(draft_id, full_text, RevisionKind.GENERATION)
            generation_id = self._library.start_generation(
                draft_id, built.request, self._model.model_info.model_id
            )
        except StorageError as exc:
            # The writer still gets the text; the notice says the history missed it.
            window.statusBar().showMessage(
                self.tr("This generation will not be kept in the history: %1").replace(
                    "%1", str(exc)
                )
            )
        request_id = self._model.generate(built.request)
        self._running = _Running(
            request_id,
            generation_id,
            StreamInsertion(window.editor, task.placement),
            time.perf_counter(),
        )
        self.drafts.set_streaming(True)
        window.set_generating(True, can_generate=True)
        self._refresh_history()

    @Slot()
    def stop(self) -> None:
        if self._running is not None:
            self._model.stop()

    @Slot(str, str)
    def _on_chunk(self, request_id: str, text: str) -> None:
        if self._running is not None and request_id == self._running.request_id:
            self._running.insertion.append(text)

    @Slot(str, object)
    def _on_finished(self, request_id: str, result: GenerationResult) -> None:
        running = self._end(request_id)
        if running is None:
            return
        status = (
            GenerationStatus.STOPPED
            if result.stop_reason is StopReason.CANCELLED
            else GenerationStatus.COMPLETED
        )
        generation_id = running.generation_id
        if generation_id is not None:
            self._record(lambda: self._library.finish_generation(generation_id, result, status))
        rate = _rate(result)
        message = {
            StopReason.CANCELLED: self.tr("Stopped."),
            StopReason.LENGTH: self.tr("Done (length limit)."),
            StopReason.STOP_SEQUENCE: self.tr("Done (stop sequence reached)."),
        }.get(result.stop_reason, self.tr("Done."))
        if rate is not None:
            message += " " + self.tr("%1 tokens/s.").replace("%1", f"{rate:.1f}")
        info = self._model.model_info
        if info is not None:
            message += " " + self.tr("The prompt used %1 of the model's %2 tokens.").replace(
                "%1", f"{result.prompt_tokens:,}"
            ).replace("%2", f"{info.context_length:,}")
        self._window.statusBar().showMessage(message, 15000)

    @Slot(str, str)
    def _on_failed(self, request_id: str, error: str) -> None:
        running = self._end(request_id)
        if running is None:
            return
        generation_id = running.generation_id
        if generation_id is not None:
            duration = time.perf_counter() - running.started
            output = running.insertion.text
            self._record(
                lambda: self._library.fail_generation(generation_id, error, output, duration)
            )
        if not self._shut_down:
            self._window.show_error(self.tr("Generation failed"), error)

    def _end(self, request_id: str) -> _Running | None:
        running = self._running
        if running is None or running.request_id != request_id:
            return None
        self._running = None
        running.insertion.finish()
        self.drafts.set_streaming(False)
        self._window.set_generating(False, can_generate=self._model.state is ModelState.READY)
        if running.insertion.text:
            self.drafts.autosaver.mark_dirty()
        return running

    def _record(self, write: Callable[[], None]) -> None:
        try:
            write()
        except StorageError as exc:
            self._window.statusBar().showMessage(
                self.tr("Could not write the history: %1").replace("%1", str(exc))
            )
        self._refresh_history()

    def _refresh_history(self) -> None:
        try:
            self._window.history.set_records(self._library.history())
        except StorageError as exc:
            log.warning("history unavailable: %s", exc)

    # History actions

    @Slot()
    def copy_selected_output(self) -> None:
        record = self._window.history.selected_record()
        if record is not None:
            QGuiApplication.clipboard().setText(record.output)

    @Slot()
    def insert_selected_output(self) -> None:
        """Puts a past output at the cursor, replacing any selection: one undoable step."""
        record = self._window.history.selected_record()
        if record is None or self._running is not None:
            return
        self._window.editor.textCursor().insertText(record.output)
        self._window.editor.setFocus()

    @Slot()
    def rerun_selected(self) -> None:
        """Generates again with a past run's task, prompt and settings, seed included.

        The assistant panel is left as it is: a re-run is not a change of the writer's settings.
        """
        record = self._window.history.selected_record()
        if record is None:
            return
        try:
            task = task_by_id(record.task_id)
            params = GenerationParams.from_dict({**record.params, "seed": record.seed})
        except (KeyError, ValueError):
            self._window.prompt.show_notice(
                self.tr("That generation's task or settings are not available in this version.")
            )
            return
        self._start(task, record.inputs.get("prompt", ""), params)

    # Model status

    @Slot(object)
    def _show_model_state(self, state: ModelState) -> None:
        w = self._window
        info = self._model.model_info
        name = info.model_id if info else _spec_name(self._model_spec)
        if state is ModelState.ERROR and self._load_error:
            text = self.tr("Model error: %1 could not be loaded").replace("%1", self._failed_model)
        else:
            text = {
                ModelState.UNLOADED: self.tr("%1 · not loaded"),
                ModelState.LOADING: self.tr("%1 · loading…"),
                ModelState.READY: self.tr("%1 · ready"),
                ModelState.GENERATING: self.tr("%1 · generating"),
                ModelState.ERROR: self.tr("%1 · error"),
            }[state].replace("%1", name)
        w.model_status.setText(text)
        w.model_status.setToolTip(self._load_error or (info.source if info else ""))
        w.load_progress.setVisible(state is ModelState.LOADING)
        if state is not ModelState.LOADING:
            w.load_progress.setValue(0)
        w.set_generating(self._running is not None, can_generate=state is ModelState.READY)
        w.reload_model_action.setEnabled(state in (ModelState.READY, ModelState.ERROR))

    @Slot(float, str)
    def _on_load_progress(self, fraction: float, message: str) -> None:
        self._window.load_progress.setValue(round(fraction * 100))
        self._window.statusBar().showMessage(message)

    @Slot(object)
    def _on_model_loaded(self, info: ModelInfo) -> None:
        self._window.statusBar().showMessage(
            self.tr("Model ready: %1 on %2.")
            .replace("%1", info.model_id)
            .replace("%2", info.device),
            5000,
        )

    @Slot(str, str)
    def _on_load_failed(self, message: str, path: str) -> None:
        self._load_error = message
        self._failed_model = _spec_name(path)
        self._show_model_state(ModelState.ERROR)
        self._window.statusBar().clearMessage()
        if not self._shut_down:
            self._window.show_error(
                self.tr("The model %1 could not be loaded.").replace("%1", self._failed_model),
                message,
            )

    @Slot(str, object)
    def _on_speed(self, request_id: str, stats: SpeedStats) -> None:
        if self._running is None or request_id != self._running.request_id:
            return
        name = self._model.model_info.model_id if self._model.model_info else ""
        first = "" if stats.time_to_first_token_s is None else f"{stats.time_to_first_token_s:.2f}"
        self._window.model_status.setText(
            self.tr("%1 · generating · %2 tokens/s · %3 tokens · first after %4 s")
            .replace("%1", name)
            .replace("%2", f"{stats.tokens_per_second:.1f}")
            .replace("%3", str(stats.tokens))
            .replace("%4", first)
        )

    # Shutdown

    @Slot()
    def shutdown(self) -> None:
        """Saves, stops the model thread, then records what the last generation left."""
        if self._shut_down:
            return
        self._shut_down = True
        self.drafts.autosaver.flush()
        self._window.hide()  # a model still loading may take a moment to let go
        self._model.shutdown()
        # Deliver the worker's last queued signals (the stopped generation's result) now,
        # so its row and its text are written before the database closes.
        QCoreApplication.sendPostedEvents(self._model)
        self.drafts.autosaver.flush()


def _spec_name(spec: str) -> str:
    """A short name for a model that has not loaded yet: a path's last part, not all of it."""
    return "Embedded model" if spec == "embedded" else Path(spec).name or spec


def _rate(result: GenerationResult) -> float | None:
    if result.output_tokens < 2 or result.time_to_first_token_s is None:
        return None
    elapsed = result.duration_s - result.time_to_first_token_s
    return (result.output_tokens - 1) / elapsed if elapsed > 0 else None
