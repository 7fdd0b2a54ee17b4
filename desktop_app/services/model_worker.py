"""The only object that owns the model. It lives on the model thread; see ModelService."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot

from desktop_app.domain.generation import (
    GenerationRequest,
    LoadOptions,
    ModelState,
    SpeedStats,
)
from desktop_app.domain.i18n import translate
from desktop_app.generation.adapters import AdapterError, adapter_engine
from desktop_app.generation.engine import Engine, GenerationError, ModelLoadError, run_streams

log = logging.getLogger(__name__)

# At most ~30 chunk signals a second: a fast model must not flood the GUI event loop, and GUI
# work per update competes with the generation loop for the GIL.
CHUNK_INTERVAL_S = 1 / 30
SPEED_INTERVAL_S = 1.0


class ModelWorker(QObject):
    """Loads the model and streams generations, one at a time, on its own QThread.

    Everything it emits is a str or a frozen dataclass, tagged with the request id.
    It never touches the database or a widget.
    """

    stateChanged = Signal(object)  # ModelState
    loadProgress = Signal(float, str)
    loaded = Signal(object)  # ModelInfo
    loadFailed = Signal(str, str)  # message, the file or folder that failed
    chunk = Signal(str, int, str)  # request id, variant index, text
    finished = Signal(str, object)  # request id, tuple of GenerationResult, one per variant
    failed = Signal(str, str)  # request id, message
    speed = Signal(str, object)  # request id, SpeedStats
    adapterChanged = Signal(object)  # ModelInfo, its `adapter` the one now on (or None)
    adapterFailed = Signal(str)  # message

    def __init__(self, engine_factory: Callable[[], Engine]) -> None:
        super().__init__()
        self._engine_factory = engine_factory
        self._engine: Engine | None = None

    @Slot(str, object)
    def load(self, spec: str, options: LoadOptions) -> None:
        try:
            self.unload()
            self.stateChanged.emit(ModelState.LOADING)
            engine = self._engine_factory()
            info = engine.load(spec, self.loadProgress.emit, options)
        except ModelLoadError as exc:
            log.warning("model load failed: %s", exc)
            self.stateChanged.emit(ModelState.ERROR)
            self.loadFailed.emit(str(exc), exc.path)
            return
        except Exception as exc:  # a bug or an odd file must not kill the thread
            log.exception("unexpected error loading %s", spec)
            self.stateChanged.emit(ModelState.ERROR)
            message = translate("ModelLoad", "Could not load the model {model}: {detail}")
            self.loadFailed.emit(message.format(model=spec, detail=exc), spec)
            return
        self._engine = engine
        self.loaded.emit(info)
        self.stateChanged.emit(ModelState.READY)

    @Slot(str, object, object)
    def generate(
        self,
        request_id: str,
        requests: tuple[GenerationRequest, ...],
        cancel: threading.Event,
    ) -> None:
        """Generates the variants together, a token of each in turn; one cancel stops all."""
        if self._engine is None:
            self.failed.emit(request_id, translate("Generation", "The model is not loaded yet."))
            return
        self.stateChanged.emit(ModelState.GENERATING)
        relay = _ChunkRelay(self, request_id, len(requests))
        engine = self._engine
        try:
            results = run_streams([engine.stream(r, cancel) for r in requests], relay)
            relay.flush()
            self.finished.emit(request_id, tuple(results))
        except GenerationError as exc:
            relay.flush()
            self.failed.emit(request_id, str(exc))
        except Exception as exc:
            relay.flush()
            log.exception("generation %s failed", request_id)
            message = translate("Generation", "Generation failed: {detail}")
            self.failed.emit(request_id, message.format(detail=exc))
        finally:
            self.stateChanged.emit(ModelState.READY)

    @Slot(str)
    def set_adapter(self, path: str) -> None:
        """Puts the adapter in `path` over the loaded model; "" takes it off."""
        engine = adapter_engine(self._engine)
        if engine is None:
            self.adapterFailed.emit(
                translate(
                    "Adapters", "Adapters work with a model on this computer; load one first."
                )
            )
            return
        try:
            info = engine.set_adapter(path or None)
        except AdapterError as exc:
            if exc.info is not None:
                self.adapterChanged.emit(exc.info)
            self.adapterFailed.emit(str(exc))
            return
        except Exception as exc:
            log.exception("applying the adapter %s failed", path)
            message = translate("Adapters", "The adapter could not be applied: {detail}")
            self.adapterFailed.emit(message.format(detail=exc))
            return
        self.adapterChanged.emit(info)

    @Slot()
    def unload(self) -> None:
        engine, self._engine = self._engine, None
        if engine is None:
            return
        try:
            engine.unload()
        except Exception:  # freeing memory failed; the engine is dropped all the same
            log.exception("unloading the model failed")
        self.stateChanged.emit(ModelState.UNLOADED)


class _ChunkRelay:
    """Turns the engine's per-token text into coalesced chunk and speed signals.

    Speed counts the tokens of all variants together: it is the model's pace.
    """

    def __init__(self, worker: ModelWorker, request_id: str, variants: int) -> None:
        self._worker = worker
        self._request_id = request_id
        self._pending: list[list[str]] = [[] for _ in range(variants)]
        self._tokens = 0
        self._started = self._last_chunk = self._last_speed = time.perf_counter()
        self._first_token_at: float | None = None

    def __call__(self, variant: int, piece: str) -> None:
        now = time.perf_counter()
        self._tokens += 1
        if self._first_token_at is None:
            self._first_token_at = now
        if piece:
            self._pending[variant].append(piece)
        if now - self._last_chunk >= CHUNK_INTERVAL_S:
            self.flush()
            self._last_chunk = now
        if now - self._last_speed >= SPEED_INTERVAL_S and now > self._first_token_at:
            rate = (self._tokens - 1) / (now - self._first_token_at)
            ttft = self._first_token_at - self._started
            self._worker.speed.emit(self._request_id, SpeedStats(self._tokens, rate, ttft))
            self._last_speed = now

    def flush(self) -> None:
        """Sends what is pending; the chunks before a failure still reach the editor."""
        for variant, pending in enumerate(self._pending):
            if pending:
                self._worker.chunk.emit(self._request_id, variant, "".join(pending))
                pending.clear()
