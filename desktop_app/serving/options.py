"""The `serve` command's options, light to import: the server libraries load only to serve."""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
TOKEN_VARIABLE = "INKWELL_SERVE_TOKEN"  # so the token need not show in the process list


@dataclass(frozen=True, slots=True)
class ServeOptions:
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    token: str | None = None
    concurrency: int = 2
    queue_size: int = 8


def add_serve_command(subcommands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = subcommands.add_parser(
        "serve",
        help="serve the model to other programs as an OpenAI-compatible API",
        description="Serve the model as an OpenAI-compatible API (/v1/models, "
        "/v1/completions, /v1/chat/completions), without a window.",
    )
    # SUPPRESS: given before `serve`, these stay as the main parser read them.
    serve.add_argument(
        "--data-dir", type=Path, default=argparse.SUPPRESS, help="as for the app (model cache)"
    )
    serve.add_argument(
        "--model",
        metavar="SPEC",
        default=argparse.SUPPRESS,
        help="the model to serve, as for the app (default: embedded)",
    )
    serve.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on (default {DEFAULT_HOST}; others need a token)",
    )
    serve.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help=f"port (default {DEFAULT_PORT}; 0 picks a free one)",
    )
    serve.add_argument(
        "--token", default=None, help=f"bearer token clients must send (or set {TOKEN_VARIABLE})"
    )
    serve.add_argument(
        "--concurrency", type=int, default=2, help="generations run together (default 2)"
    )
    serve.add_argument(
        "--queue",
        type=int,
        default=8,
        help="requests that may wait for a turn before the server answers 429 (default 8)",
    )


def options_from(args: argparse.Namespace) -> ServeOptions:
    return ServeOptions(
        host=args.host,
        port=args.port,
        token=args.token or os.environ.get(TOKEN_VARIABLE) or None,
        concurrency=args.concurrency,
        queue_size=args.queue,
    )
