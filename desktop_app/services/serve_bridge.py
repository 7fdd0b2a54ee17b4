"""Serving the app's own model to other programs, while the writer keeps writing.

The model belongs to the model thread behind ModelService, which runs one generation at a
time. The API server's scheduler drives an engine from a thread of its own, so the bridge
gives it one (`_ServiceEngine`) whose streams hand each request to the GUI thread through
a queued signal and then wait on a thread-safe queue for its text. On the GUI thread, the
requests take turns with the writer's own generations: one starts only when the model is
ready and nothing else runs, so neither ever sees "a generation is already running".
"""

from __future__ import annotations

import collections
import logging
import queue
import threading
from collections.abc import Generator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot

from desktop_app.domain.generation import (
    GenerationRequest,
    GenerationResult,
    LoadOptions,
    ModelInfo,
    ModelState,
)
from desktop_app.domain.i18n import translate
from desktop_app.generation.engine import GenerationError
from desktop_app.services.model_service import ModelService
from desktop_app.serving.options import ServeOptions
from desktop_app.serving.scheduler import EngineScheduler

if TYPE_CHECKING:
    from desktop_app.serving.server import RunningServer

log = logging.getLogger(__name__)

_QUEUED = Qt.ConnectionType.QueuedConnection
_CANCEL_POLL_S = 0.05


@dataclass(frozen=True, slots=True)
class _Failed:
    message: str


@dataclass(eq=False, slots=True)
class _Job:
    request: GenerationRequest
    cancel: threading.Event
    # Text, then the result or a failure: put on the GUI thread, taken on the server's.
    events: queue.Queue[str | GenerationResult | _Failed] = field(default_factory=queue.Queue)
    request_id: str | None = None  # ModelService's, once it runs


class ServeBridge(QObject):
    """Starts and stops the API server for the model ModelService has loaded."""

    servingChanged = Signal(str)  # the API's base URL, or "" once it stopped

    # From the server's thread to the GUI thread.
    _submitted = Signal(object)  # _Job
    _cancelled = Signal(object)  # _Job

    def __init__(self, service: ModelService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._waiting: collections.deque[_Job] = collections.deque()
        self._active: _Job | None = None
        self._server: RunningServer | None = None
        self._scheduler: EngineScheduler | None = None
        self._closed = threading.Event()  # set when serving stops; streams give up waiting
        self._options: ServeOptions | None = None
        self._submitted.connect(self._on_submitted, _QUEUED)
        self._cancelled.connect(self._on_cancelled, _QUEUED)
        service.chunkReceived.connect(self._on_chunk)
        service.generationFinished.connect(self._on_finished)
        service.generationFailed.connect(self._on_failed)
        service.stateChanged.connect(self._start_next)
        service.modelLoaded.connect(self._serve_new_model)

    @property
    def base_url(self) -> str | None:
        return self._server.base_url if self._server else None

    def start(self, options: ServeOptions) -> str:
        """Serves the loaded model; the API's base URL. Raises ServeError or OSError."""
        # The server libraries load only now, not with the window.
        from desktop_app.serving.openai_api import create_app
        from desktop_app.serving.server import RunningServer, ServeError, check_options

        info = self._service.model_info
        if info is None:
            raise ServeError(
                translate("Server", "The model is not loaded yet; try again once it is ready.")
            )
        check_options(options)
        self.stop()
        # One at a time, as the model thread runs them; the rest wait in the queue.
        self._closed = threading.Event()
        scheduler = EngineScheduler(
            _ServiceEngine(self, self._closed), concurrency=1, queue_size=options.queue_size
        )
        app = create_app(scheduler, info, token=options.token)
        server = RunningServer(app, options.host, options.port)
        scheduler.start()
        self._server, self._scheduler = server, scheduler
        self._options = options
        self.servingChanged.emit(server.base_url)
        return server.base_url

    def stop(self) -> None:
        server, scheduler = self._server, self._scheduler
        self._server = self._scheduler = None
        if server is None or scheduler is None:
            return
        # Every stream stops waiting first (also one whose request is still on its way
        # here), so the server need not wait for open answers with the GUI thread blocked.
        self._closed.set()
        if self._active is not None:
            self._service.stop()
        self._waiting.clear()
        server.stop()
        scheduler.stop()
        self.servingChanged.emit("")

    @Slot()
    def _serve_new_model(self) -> None:
        """Another model took the loaded one's place: the API names and serves it now."""
        if self._server is None or self._options is None:
            return  # not serving: nothing to import (the server's libraries take 0.1 s)
        from desktop_app.serving.server import ServeError

        try:
            self.start(self._options)
        except (OSError, ServeError):  # e.g. the port was taken meanwhile: serving ends
            log.exception("serving the new model failed")
            self.stop()

    def submit(self, job: _Job) -> None:
        """From any thread."""
        self._submitted.emit(job)

    def cancel(self, job: _Job) -> None:
        """From any thread."""
        self._cancelled.emit(job)

    @Slot(object)
    def _on_submitted(self, job: _Job) -> None:
        self._waiting.append(job)
        self._start_next()

    @Slot(object)
    def _on_cancelled(self, job: _Job) -> None:
        if job is self._active:
            self._service.stop()  # the result, marked cancelled, comes as usual
        elif job in self._waiting:
            self._waiting.remove(job)
            job.events.put(_Failed("Cancelled before it started."))

    @Slot()
    def _start_next(self) -> None:
        service = self._service
        if self._active is not None or not self._waiting or service.state is not ModelState.READY:
            return
        job = self._waiting.popleft()
        if job.cancel.is_set():  # its client left while it waited
            job.events.put(_Failed("Cancelled before it started."))
            self._start_next()
            return
        try:
            job.request_id = service.generate(job.request)
        except RuntimeError:  # the writer's own generation got there first; it goes first
            self._waiting.appendleft(job)
            return
        self._active = job

    @Slot(str, int, str)
    def _on_chunk(self, request_id: str, _variant: int, text: str) -> None:
        if self._active is not None and request_id == self._active.request_id:
            self._active.events.put(text)

    @Slot(str, object)
    def _on_finished(self, request_id: str, results: tuple[GenerationResult, ...]) -> None:
        self._end(request_id, results[0])

    @Slot(str, str)
    def _on_failed(self, request_id: str, message: str) -> None:
        self._end(request_id, _Failed(message))

    def _end(self, request_id: str, outcome: GenerationResult | _Failed) -> None:
        if self._active is not None and request_id == self._active.request_id:
            self._active.events.put(outcome)
            self._active = None
        self._start_next()


class _ServiceEngine:
    """The engine the scheduler drives: each stream is a request to ModelService.

    Its pieces are ModelService's chunks (several tokens each, about 30 a second), which is
    all the API needs: it forwards text, and the result counts the tokens.
    """

    def __init__(self, bridge: ServeBridge, closed: threading.Event) -> None:
        self._bridge = bridge
        self._closed = closed

    def load(self, spec: str, progress: object, options: LoadOptions) -> ModelInfo:
        raise NotImplementedError("the app's model is loaded by ModelService")

    def stream(
        self, request: GenerationRequest, cancel: threading.Event
    ) -> Generator[str, None, GenerationResult]:
        job = _Job(request, cancel)
        self._bridge.submit(job)
        asked_to_cancel = False
        while True:
            try:
                event = job.events.get(timeout=_CANCEL_POLL_S)
            except queue.Empty:
                if self._closed.is_set():
                    raise GenerationError("The server is shutting down.") from None
                if cancel.is_set() and not asked_to_cancel:
                    asked_to_cancel = True
                    self._bridge.cancel(job)
                continue
            if isinstance(event, _Failed):
                raise GenerationError(event.message)
            if isinstance(event, GenerationResult):
                return event
            yield event

    def unload(self) -> None:
        pass
