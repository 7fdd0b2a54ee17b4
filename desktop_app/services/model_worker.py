"""The only object that owns the model. It lives on the model thread; see ModelService."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot

from desktop_app.domain.generation import GenerationRequest, ModelState, SpeedStats
from desktop_app.generation.engine import Engine, GenerationError, ModelLoadError

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
    chunk = Signal(str, str)  # request id, text
    finished = Signal(str, object)  # request id, GenerationResult
    failed = Signal(str, str)  # request id, message
    speed = Signal(str, object)  # request id, SpeedStats

    def __init__(self, engine_factory: Callable[[], Engine]) -> None:
        super().__init__()
        self._engine_factory = engine_factory
        self._engine: Engine | None = None

    @Slot(str)
    def load(self, spec: str) -> None:
        self.unload()
        self.stateChanged.emit(ModelState.LOADING)
        engine = self._engine_factory()
        try:
            info = engine.load(spec, self.loadProgress.emit)
        except ModelLoadError as exc:
            log.warning("model load failed: %s", exc)
            self.stateChanged.emit(ModelState.ERROR)
            self.loadFailed.emit(str(exc), exc.path)
            return
        except Exception as exc:  # a bug or an odd file must not kill the thread
            log.exception("unexpected error loading %s", spec)
            self.stateChanged.emit(ModelState.ERROR)
            self.loadFailed.emit(f"Could not load the model {spec}: {exc}", spec)
            return
        self._engine = engine
        self.loaded.emit(info)
        self.stateChanged.emit(ModelState.READY)

    @Slot(str, object, object)
    def generate(
        self, request_id: str, request: GenerationRequest, cancel: threading.Event
    ) -> None:
        if self._engine is None:
            self.failed.emit(request_id, "The model is not loaded yet.")
            return
        self.stateChanged.emit(ModelState.GENERATING)
        try:
            self._stream(request_id, request, cancel, self._engine)
        except GenerationError as exc:
            self.failed.emit(request_id, str(exc))
        except Exception as exc:
            log.exception("generation %s failed", request_id)
            self.failed.emit(request_id, f"Generation failed: {exc}")
        finally:
            self.stateChanged.emit(ModelState.READY)

    def _stream(
        self,
        request_id: str,
        request: GenerationRequest,
        cancel: threading.Event,
        engine: Engine,
    ) -> None:
        started = time.perf_counter()
        first_piece_at: float | None = None
        pending: list[str] = []
        pieces = 0
        last_chunk = last_speed = started
        stream = engine.stream(request, cancel)
        while True:
            try:
                piece = next(stream)
            except StopIteration as stop:
                result = stop.value
                break
            now = time.perf_counter()
            pieces += 1
            if first_piece_at is None:
                first_piece_at = now
            if piece:
                pending.append(piece)
            if pending and now - last_chunk >= CHUNK_INTERVAL_S:
                self.chunk.emit(request_id, "".join(pending))
                pending.clear()
                last_chunk = now
            if now - last_speed >= SPEED_INTERVAL_S and now > first_piece_at:
                rate = (pieces - 1) / (now - first_piece_at)
                self.speed.emit(request_id, SpeedStats(pieces, rate, first_piece_at - started))
                last_speed = now
        if pending:
            self.chunk.emit(request_id, "".join(pending))
        self.finished.emit(request_id, result)

    @Slot()
    def unload(self) -> None:
        if self._engine is not None:
            self._engine.unload()
            self._engine = None
            self.stateChanged.emit(ModelState.UNLOADED)
