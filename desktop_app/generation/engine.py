"""The engine protocol shared by the real and the fake engine, and its exceptions."""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    import threading

    from desktop_app.domain.generation import (
        GenerationRequest,
        GenerationResult,
        LoadOptions,
        ModelInfo,
    )

ProgressCallback = Callable[[float, str], None]
"""Called with (fraction done in 0..1, a short message for the status bar)."""


class ModelLoadError(Exception):
    """A model could not be found or loaded; the message is shown to the user as it is."""

    def __init__(self, message: str, path: str | Path) -> None:
        super().__init__(message)
        self.path = str(path)


class GenerationError(Exception):
    """Generation failed; the message is shown to the user as it is."""


class Engine(Protocol):
    """Owns one model. Every method runs on the model thread, never on the GUI thread."""

    def load(self, spec: str, progress: ProgressCallback, options: LoadOptions) -> ModelInfo:
        """Load the model named by `spec` as `options` say, replacing any loaded one;
        raises ModelLoadError."""
        ...

    def stream(
        self, request: GenerationRequest, cancel: threading.Event
    ) -> Generator[str, None, GenerationResult]:
        """Yield once per generated token and return the result; raises GenerationError.

        Each item is the text that token completed, in whole characters, possibly "" while a
        multi-token character is incomplete; counting items counts tokens.

        `cancel` may be set from any thread; the engine checks it before every token.
        """
        ...

    def unload(self) -> None: ...


def run_stream(
    stream: Generator[str, None, GenerationResult], on_text: Callable[[str], None]
) -> GenerationResult:
    """Drive `stream` to the end, handing each piece to `on_text`, and return its result."""
    return run_streams([stream], lambda _index, piece: on_text(piece))[0]


def run_streams(
    streams: Sequence[Generator[str, None, GenerationResult]],
    on_text: Callable[[int, str], None],
) -> list[GenerationResult]:
    """Drive several streams a token each in turn, so that all of them grow together.

    Each stream keeps its own state (its cache, its seed), so every one gives exactly the
    text it would give alone. `on_text` gets the stream's index with each piece.
    """
    results: dict[int, GenerationResult] = {}
    while len(results) < len(streams):
        for index, stream in enumerate(streams):
            if index in results:
                continue
            try:
                piece = next(stream)
            except StopIteration as stop:
                results[index] = cast("GenerationResult", stop.value)
                continue
            on_text(index, piece)
    return [results[index] for index in range(len(streams))]
