"""The engine protocol shared by the real and the fake engine, and its exceptions."""

from __future__ import annotations

from collections.abc import Callable, Generator
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    import threading

    from desktop_app.domain.generation import GenerationRequest, GenerationResult, ModelInfo

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

    def load(self, spec: str, progress: ProgressCallback) -> ModelInfo:
        """Load the model named by `spec`, replacing any loaded one; raises ModelLoadError."""
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
    while True:
        try:
            piece = next(stream)
        except StopIteration as stop:
            return cast("GenerationResult", stop.value)
        on_text(piece)
