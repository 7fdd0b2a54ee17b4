"""The GUI thread's handle on the model: the single thread boundary of the app."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from desktop_app.domain.generation import GenerationRequest, LoadOptions, ModelInfo, ModelState
from desktop_app.generation.engine import Engine
from desktop_app.services.model_worker import ModelWorker

_QUEUED = Qt.ConnectionType.QueuedConnection


class ModelService(QObject):
    """Starts the model thread and forwards requests to the worker and results back.

    All crossings are explicitly queued signals carrying immutable values. Stop does not
    queue: it sets the running request's `threading.Event`, which the engine checks every
    token, because a queued "stop" would wait behind the generation it is meant to end.
    """

    stateChanged = Signal(object)  # ModelState
    loadProgress = Signal(float, str)
    modelLoaded = Signal(object)  # ModelInfo
    loadFailed = Signal(str, str)  # message, the file or folder that failed
    chunkReceived = Signal(str, int, str)  # request id, variant index, text
    generationFinished = Signal(str, object)  # request id, tuple of GenerationResult
    generationFailed = Signal(str, str)  # request id, message
    speedUpdated = Signal(str, object)  # request id, SpeedStats
    adapterChanged = Signal(object)  # ModelInfo with the adapter now on (`adapter` None: off)
    adapterFailed = Signal(str)  # message

    # Requests to the worker, delivered on the model thread.
    _loadRequested = Signal(str, object)
    _generateRequested = Signal(str, object, object)
    _unloadRequested = Signal()
    _adapterRequested = Signal(str)

    def __init__(self, engine_factory: Callable[[], Engine], parent: QObject | None = None):
        super().__init__(parent)
        self._state = ModelState.UNLOADED
        self._info: ModelInfo | None = None
        self._cancel: threading.Event | None = None
        self._active_request: str | None = None

        self._thread = QThread()
        self._thread.setObjectName("inkwell-model")
        self._worker = ModelWorker(engine_factory)
        self._worker.moveToThread(self._thread)
        self._thread.finished.connect(self._worker.deleteLater)

        self._loadRequested.connect(self._worker.load, _QUEUED)
        self._generateRequested.connect(self._worker.generate, _QUEUED)
        self._unloadRequested.connect(self._worker.unload, _QUEUED)
        self._adapterRequested.connect(self._worker.set_adapter, _QUEUED)

        w = self._worker
        w.stateChanged.connect(self._on_state, _QUEUED)
        w.loaded.connect(self._on_loaded, _QUEUED)
        w.loadProgress.connect(self.loadProgress, _QUEUED)
        w.loadFailed.connect(self.loadFailed, _QUEUED)
        w.chunk.connect(self.chunkReceived, _QUEUED)
        w.finished.connect(self._on_finished, _QUEUED)
        w.failed.connect(self._on_failed, _QUEUED)
        w.speed.connect(self.speedUpdated, _QUEUED)
        w.adapterChanged.connect(self._on_adapter, _QUEUED)
        w.adapterFailed.connect(self.adapterFailed, _QUEUED)
        self._thread.start()

    @property
    def state(self) -> ModelState:
        return self._state

    @property
    def busy(self) -> bool:
        """A generation was handed over and has not finished; the state may not say so yet."""
        return self._active_request is not None

    @property
    def model_info(self) -> ModelInfo | None:
        return self._info

    def load(self, spec: str, options: LoadOptions | None = None) -> None:
        """Loads `spec` in place of the loaded model, whose memory is freed first.

        Queued behind a running generation: stop that first to switch at once.
        """
        self._info = None
        self._loadRequested.emit(spec, options or LoadOptions())

    def generate(self, *requests: GenerationRequest) -> str:
        """Queues a generation of one or more variants and returns its id. One at a time."""
        if self._active_request is not None:
            raise RuntimeError("a generation is already running")
        if not requests:
            raise ValueError("nothing to generate")
        request_id = uuid.uuid4().hex
        self._cancel = threading.Event()
        self._active_request = request_id
        self._generateRequested.emit(request_id, requests, self._cancel)
        return request_id

    def set_adapter(self, path: str | None) -> None:
        """Puts a LoRA adapter over the loaded model (None: takes it off), without reloading
        the model; queued behind a running generation."""
        self._adapterRequested.emit(path or "")

    def stop(self) -> None:
        if self._cancel is not None:
            self._cancel.set()

    def shutdown(self) -> None:
        """Ends the model thread in order: cancel, quit, wait. Never terminate()."""
        self.stop()
        self._unloadRequested.emit()
        self._thread.quit()
        self._thread.wait()

    @Slot(object)
    def _on_state(self, state: ModelState) -> None:
        self._state = state
        self.stateChanged.emit(state)

    @Slot(object)
    def _on_loaded(self, info: ModelInfo) -> None:
        self._info = info
        self.modelLoaded.emit(info)

    @Slot(object)
    def _on_adapter(self, info: ModelInfo) -> None:
        self._info = info
        self.adapterChanged.emit(info)

    @Slot(str, object)
    def _on_finished(self, request_id: str, result: object) -> None:
        self._end(request_id)
        self.generationFinished.emit(request_id, result)

    @Slot(str, str)
    def _on_failed(self, request_id: str, message: str) -> None:
        self._end(request_id)
        self.generationFailed.emit(request_id, message)

    def _end(self, request_id: str) -> None:
        if request_id == self._active_request:
            self._active_request = None
            self._cancel = None
