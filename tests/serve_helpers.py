"""`desktop-app serve`'s API on 127.0.0.1, on a free port, in this process, for tests."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass

from desktop_app.domain.generation import LoadOptions
from desktop_app.generation.engine import Engine
from desktop_app.generation.fake_engine import FakeEngine
from desktop_app.serving.openai_api import MAX_BODY_BYTES, create_app
from desktop_app.serving.scheduler import EngineScheduler
from desktop_app.serving.server import RunningServer


@dataclass
class Served:
    server: RunningServer
    scheduler: EngineScheduler
    engine: Engine

    @property
    def url(self) -> str:
        return self.server.base_url


@contextlib.contextmanager
def serving(
    engine: Engine | None = None,
    *,
    spec: str = "fake",
    token: str | None = None,
    concurrency: int = 2,
    queue_size: int = 8,
    max_body_bytes: int = MAX_BODY_BYTES,
) -> Iterator[Served]:
    """Serves `engine` (a fake one by default) until the block ends, then shuts down."""
    engine = engine or FakeEngine()
    info = engine.load(spec, lambda _fraction, _message: None, LoadOptions())
    scheduler = EngineScheduler(engine, concurrency=concurrency, queue_size=queue_size)
    scheduler.start()
    app = create_app(scheduler, info, token=token, max_body_bytes=max_body_bytes)
    server = RunningServer(app, "127.0.0.1", 0)
    try:
        yield Served(server, scheduler, engine)
    finally:
        server.stop()
        scheduler.stop()
