"""Running the API: `desktop-app serve` in the foreground, or a server thread (GUI, tests)."""

from __future__ import annotations

import socket
import sys
import threading
from typing import TYPE_CHECKING

import uvicorn

from desktop_app.domain.generation import LoadOptions
from desktop_app.domain.i18n import translate
from desktop_app.generation.engine import ModelLoadError
from desktop_app.generation.remote_spec import is_loopback_host
from desktop_app.serving.openai_api import create_app
from desktop_app.serving.options import TOKEN_VARIABLE, ServeOptions
from desktop_app.serving.scheduler import EngineScheduler

if TYPE_CHECKING:
    from starlette.applications import Starlette

    from desktop_app.generation.engine import Engine


class ServeError(Exception):
    """The server cannot start as asked; the message says why and what to do."""


def check_options(options: ServeOptions) -> None:
    """Refuses an open server: anyone who can reach a non-loopback address could use it."""
    if not is_loopback_host(options.host) and not options.token:
        raise ServeError(
            f"Serving on {options.host} makes the model reachable from other computers, "
            f"so a token is required: pass --token or set {TOKEN_VARIABLE}."
        )
    if options.concurrency < 1 or options.queue_size < 0:
        raise ServeError("--concurrency must be at least 1 and --queue at least 0.")


class RunningServer:
    """An API server on a thread of its own, listening as soon as it is constructed."""

    def __init__(self, app: Starlette, host: str, port: int) -> None:
        self._socket = _listen(host, port)
        self.host = host
        self.port: int = self._socket.getsockname()[1]
        self._server = uvicorn.Server(_config(app))
        self._thread = threading.Thread(
            target=self._server.run,
            kwargs={"sockets": [self._socket]},
            name="inkwell-serve-http",
            daemon=True,
        )
        self._thread.start()
        started = threading.Event()
        while not self._server.started and self._thread.is_alive():
            started.wait(0.01)
        if not self._server.started:
            self._socket.close()
            raise ServeError(
                translate("Server", "The server on {host}:{port} did not start.").format(
                    host=host, port=self.port
                )
            )

    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/v1"

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join()
        self._socket.close()


def run_serve(engine: Engine, model: str, options: ServeOptions) -> int:
    """Loads `model` and serves it until interrupted (Ctrl+C); the exit code."""
    try:
        check_options(options)
        info = engine.load(model, _print_progress, LoadOptions())
    except (ServeError, ModelLoadError) as exc:
        print(f"desktop-app serve: error: {exc}", file=sys.stderr)
        return 2 if isinstance(exc, ServeError) else 1
    scheduler = EngineScheduler(
        engine, concurrency=options.concurrency, queue_size=options.queue_size
    )
    app = create_app(scheduler, info, token=options.token)
    try:
        sock = _listen(options.host, options.port)
    except OSError as exc:
        print(
            f"desktop-app serve: error: cannot listen on {options.host}:{options.port}: {exc}",
            file=sys.stderr,
        )
        engine.unload()
        return 2
    scheduler.start()
    address = f"http://{options.host}:{sock.getsockname()[1]}/v1"
    print(f"Serving {info.model_id} at {address} (Ctrl+C stops)", flush=True)
    try:
        uvicorn.Server(_config(app)).run(sockets=[sock])
    except KeyboardInterrupt:
        pass  # uvicorn shut down on Ctrl+C and passed it on: the way to stop, not an error
    finally:
        scheduler.stop()
        sock.close()
        engine.unload()
    return 0


def _config(app: Starlette) -> uvicorn.Config:
    # Open answers get a moment to finish when the server stops, then are cut off.
    return uvicorn.Config(
        app, log_level="warning", access_log=False, lifespan="off", timeout_graceful_shutdown=2
    )


def _print_progress(_fraction: float, message: str) -> None:
    print(message, file=sys.stderr)


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    return socket.create_server((host.strip("[]"), port), family=family)
