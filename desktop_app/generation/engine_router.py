"""One engine for every spec: a model on a server or one on this computer."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from desktop_app.domain.generation import LoadOptions
from desktop_app.domain.i18n import translate
from desktop_app.generation.engine import GenerationError
from desktop_app.generation.remote_spec import is_remote_spec

if TYPE_CHECKING:
    import threading
    from collections.abc import Generator
    from pathlib import Path

    from desktop_app.domain.generation import GenerationRequest, GenerationResult, ModelInfo
    from desktop_app.generation.engine import Engine, ProgressCallback
    from desktop_app.generation.remote_engine import KeyLookup

_DEFAULT_LOAD = LoadOptions()


class RoutedEngine:
    """Loads remote specs (`openai+http…#model`) with a RemoteEngine that asks `key_lookup`
    for the server's API key, and everything else with the local engine."""

    def __init__(
        self,
        cache_dir: Path,
        key_lookup: KeyLookup | None = None,
        *,
        local_engine: Callable[[], Engine] | None = None,
    ) -> None:
        self._local_engine = local_engine or (lambda: _transformers_engine(cache_dir))
        self._key_lookup = key_lookup
        self._engine: Engine | None = None

    @property
    def engine(self) -> Engine | None:
        """The engine of the loaded model, if any."""
        return self._engine

    def load(
        self, spec: str, progress: ProgressCallback, options: LoadOptions = _DEFAULT_LOAD
    ) -> ModelInfo:
        self.unload()
        engine = _remote_engine(self._key_lookup) if is_remote_spec(spec) else self._local_engine()
        info = engine.load(spec, progress, options)
        self._engine = engine
        return info

    def stream(
        self, request: GenerationRequest, cancel: threading.Event
    ) -> Generator[str, None, GenerationResult]:
        if self._engine is None:
            raise GenerationError(translate("Generation", "No model is loaded yet."))
        return (yield from self._engine.stream(request, cancel))

    def unload(self) -> None:
        engine, self._engine = self._engine, None
        if engine is not None:
            engine.unload()


def _transformers_engine(cache_dir: Path) -> Engine:
    from desktop_app.generation.transformers_engine import TransformersEngine

    return TransformersEngine(cache_dir)


def _remote_engine(key_lookup: KeyLookup | None) -> Engine:
    # Imported here: httpx takes 0.1-0.2 s, beside the window's first paint at start-up.
    from desktop_app.generation.remote_engine import RemoteEngine

    return RemoteEngine(key_lookup)
