"""A deterministic engine without torch, for UI and service tests."""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING

from desktop_app.domain.generation import GenerationResult, ModelInfo, StopReason
from desktop_app.domain.stop_sequences import StopSequenceCutter
from desktop_app.generation.engine import GenerationError, ModelLoadError

if TYPE_CHECKING:
    import threading
    from collections.abc import Generator

    from desktop_app.domain.generation import GenerationRequest
    from desktop_app.generation.engine import ProgressCallback

FAKE_MODEL_ID = "fake-model"
FAKE_SEED = 42  # reported when the request leaves the seed to the engine


class FakeEngine:
    """Streams `reply` word by word (spaces kept), `delay_s` apart, honouring cancel.

    `load_error` / `generate_error` make load or stream fail with that message, the latter
    after `error_after` pieces (fewer than the reply has). Requests received go to `requests`.
    """

    def __init__(
        self,
        reply: str = "Once upon a time, a fake model wrote this.",
        *,
        delay_s: float = 0.0,
        load_delay_s: float = 0.0,
        load_error: str | None = None,
        generate_error: str | None = None,
        error_after: int = 0,
    ) -> None:
        self.pieces: list[str] = re.findall(r"\s*\S+\s*", reply) or [reply]
        self.delay_s = delay_s
        self.load_delay_s = load_delay_s
        self.load_error = load_error
        self.generate_error = generate_error
        self.error_after = error_after
        self.requests: list[GenerationRequest] = []
        self.loaded: str | None = None  # the spec last loaded

    def load(self, spec: str, progress: ProgressCallback) -> ModelInfo:
        self.loaded = None
        progress(0.0, "Loading the fake model…")
        time.sleep(self.load_delay_s)
        if self.load_error is not None:
            raise ModelLoadError(self.load_error, spec)
        self.loaded = spec
        progress(1.0, "Model ready")
        return ModelInfo(
            model_id=FAKE_MODEL_ID,
            source=spec,
            architecture="fake",
            context_length=2048,
            has_chat_template=True,
            device="cpu",
            dtype="none",
            parameter_count=0,
        )

    def stream(
        self, request: GenerationRequest, cancel: threading.Event
    ) -> Generator[str, None, GenerationResult]:
        started = time.perf_counter()
        if self.loaded is None:
            raise GenerationError("No model is loaded yet.")
        self.requests.append(request)
        if request.messages:
            rendered = "\n".join(message.content for message in request.messages)
        else:
            rendered = request.plain_prompt
        sent: list[str] = []
        cutter = StopSequenceCutter(request.params.stop_sequences)
        first_piece_at: float | None = None
        stop_reason = StopReason.END_OF_TEXT
        for index, piece in enumerate(self.pieces):
            if self.generate_error is not None and index == self.error_after:
                raise GenerationError(self.generate_error)
            if index == request.params.max_new_tokens:
                stop_reason = StopReason.LENGTH
                break
            # wait() rather than sleep(): a cancel cuts the delay short.
            if cancel.wait(self.delay_s):
                stop_reason = StopReason.CANCELLED
                break
            first_piece_at = first_piece_at or time.perf_counter()
            shown = cutter.feed(piece)
            sent.append(shown)
            yield shown
            if cutter.stopped:
                stop_reason = StopReason.STOP_SEQUENCE
                break
        if tail := cutter.finish():
            sent.append(tail)
            yield tail
        return GenerationResult(
            text="".join(sent),
            stop_reason=stop_reason,
            rendered_prompt=rendered,
            prompt_tokens=len(rendered.split()),
            output_tokens=len(sent),
            seed=FAKE_SEED if request.params.seed is None else request.params.seed,
            model_id=FAKE_MODEL_ID,
            time_to_first_token_s=None if first_piece_at is None else first_piece_at - started,
            duration_s=time.perf_counter() - started,
        )

    def unload(self) -> None:
        self.loaded = None
