"""Runs the requests of many clients on one engine, from one thread, a few at a time.

The engine owns one model, which is not thread-safe, so a single thread drives it. Up to
`concurrency` generations run together, a token of each in turn as `run_streams` does for
variants: each keeps its own cache and seed, so each gives exactly the text it would give
alone, and a long answer does not hold a short one up. Up to `queue_size` more wait their
turn; beyond that `submit` refuses at once (the server answers 429) rather than letting
waiting requests pile up without bound.
"""

from __future__ import annotations

import collections
import logging
import threading
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop_app.domain.generation import GenerationResult
from desktop_app.generation.engine import GenerationError

if TYPE_CHECKING:
    from desktop_app.domain.generation import GenerationRequest
    from desktop_app.generation.engine import Engine

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class JobFailed:
    message: str


JobEvent = str | GenerationResult | JobFailed
"""What a job's `emit` receives, on the scheduler's thread: text pieces, then the result or
a failure, exactly one of them, last."""


class QueueFull(Exception):
    """Every slot and every place in the queue is taken."""


@dataclass(slots=True)
class _Job:
    request: GenerationRequest
    emit: Callable[[JobEvent], None]
    cancel: threading.Event = field(default_factory=threading.Event)
    stream: Generator[str, None, GenerationResult] | None = None


class EngineScheduler:
    def __init__(self, engine: Engine, *, concurrency: int = 2, queue_size: int = 8) -> None:
        if concurrency < 1 or queue_size < 0:
            raise ValueError("concurrency must be at least 1 and the queue size not negative")
        self.engine = engine
        self.concurrency = concurrency
        self.queue_size = queue_size
        self.peak_running = 0  # the most generations that ever ran together
        self._pending: collections.deque[_Job] = collections.deque()
        self._admitted = 0  # running + waiting
        self._stopping = False
        self._wake = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="inkwell-serve-engine", daemon=True)

    @property
    def admitted(self) -> int:
        """Requests running or waiting now."""
        with self._wake:
            return self._admitted

    def start(self) -> None:
        self._thread.start()

    def submit(
        self, request: GenerationRequest, emit: Callable[[JobEvent], None]
    ) -> threading.Event:
        """Queues a generation and returns its cancel event; raises QueueFull.

        `emit` must be quick and must not raise: it runs on the engine's thread.
        """
        job = _Job(request, emit)
        with self._wake:
            if self._stopping or self._admitted >= self.concurrency + self.queue_size:
                raise QueueFull
            self._admitted += 1
            self._pending.append(job)
            self._wake.notify()
        return job.cancel

    def stop(self) -> None:
        """Cancels every job, ends the thread and waits for it."""
        with self._wake:
            self._stopping = True
            self._wake.notify()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        running: list[_Job] = []
        while True:
            with self._wake:
                while not (self._pending or running or self._stopping):
                    self._wake.wait()
                if self._stopping:
                    break
                while self._pending and len(running) < self.concurrency:
                    job = self._pending.popleft()
                    job.stream = self.engine.stream(job.request, job.cancel)
                    running.append(job)  # one whose client left ends at its first token
                self.peak_running = max(self.peak_running, len(running))
            for job in list(running):
                if self._step(job):
                    running.remove(job)
                    with self._wake:
                        self._admitted -= 1
        with self._wake:
            leftover = running + list(self._pending)
            self._pending.clear()
        for job in leftover:
            job.cancel.set()
            if job.stream is not None:
                job.stream.close()
            job.emit(JobFailed("The server is shutting down."))

    def _step(self, job: _Job) -> bool:
        """Advances a job by one token; True when it has ended."""
        assert job.stream is not None
        try:
            job.emit(next(job.stream))
        except StopIteration as stop:
            job.emit(stop.value)
            return True
        except GenerationError as exc:
            job.emit(JobFailed(str(exc)))
            return True
        except Exception as exc:  # one request's bug must not end the server
            log.exception("a served generation failed")
            job.emit(JobFailed(f"Generation failed: {exc}"))
            return True
        return False
