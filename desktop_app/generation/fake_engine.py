"""A deterministic engine without torch, for UI and service tests."""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING

from desktop_app.domain.generation import (
    AUTO,
    GenerationResult,
    LoadOptions,
    ModelInfo,
    StopReason,
    TokenAlternative,
    TokenChoice,
)
from desktop_app.domain.stop_sequences import StopSequenceCutter
from desktop_app.generation.engine import GenerationError, ModelLoadError

if TYPE_CHECKING:
    import threading
    from collections.abc import Generator

    from desktop_app.domain.generation import GenerationRequest
    from desktop_app.generation.engine import ProgressCallback

FAKE_MODEL_ID = "fake-model"
FAKE_SEED = 42  # reported when the request leaves the seed to the engine
_DEFAULT_LOAD = LoadOptions()
_RIVALS = (" maybe", " perhaps", " surely", " never")  # the fake's alternatives to every word
# Shared by every instance, as a real model's vocabulary is fixed: ids stay valid across runs.
_VOCABULARY: list[str] = list(_RIVALS)


class FakeEngine:
    """Streams `reply` word by word (spaces kept), `delay_s` apart, honouring cancel.

    Each word is a token; its id is its index in `vocabulary`, which also holds the rivals
    the token view offers, and grows with every new word. A request's forced tokens replace
    the reply's first words. A seed other than FAKE_SEED adds " (seed N)" to the reply, so
    variants and regenerated texts differ the way a real model's do.

    `load_error` / `generate_error` make load or stream fail with that message, the latter
    after `error_after` pieces (fewer than the reply has). Requests received go to `requests`.
    Prompts longer than `context_length` words lose their first words, as a real one's would.
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
        context_length: int = 2048,
        model_id: str = FAKE_MODEL_ID,
    ) -> None:
        self.reply = reply
        self.context_length = context_length
        self.vocabulary = _VOCABULARY
        self.model_id = model_id
        self.delay_s = delay_s
        self.load_delay_s = load_delay_s
        self.load_error = load_error
        self.generate_error = generate_error
        self.error_after = error_after
        self.requests: list[GenerationRequest] = []
        self.loaded: str | None = None  # the spec last loaded
        self.load_options = _DEFAULT_LOAD

    def load(
        self, spec: str, progress: ProgressCallback, options: LoadOptions = _DEFAULT_LOAD
    ) -> ModelInfo:
        self.loaded = None
        self.load_options = options
        progress(0.0, "Loading the fake model…")
        time.sleep(self.load_delay_s)
        if self.load_error is not None:
            raise ModelLoadError(self.load_error, spec)
        self.loaded = spec
        progress(1.0, "Model ready")
        return ModelInfo(
            model_id=self.model_id,
            source=spec,
            architecture="fake",
            context_length=self.context_length,
            has_chat_template=True,
            device="cpu" if options.device == AUTO else options.device,
            dtype="float32" if options.dtype == AUTO else options.dtype,
            parameter_count=0,
            threads=options.threads or 1,
        )

    def stream(
        self, request: GenerationRequest, cancel: threading.Event
    ) -> Generator[str, None, GenerationResult]:
        started = time.perf_counter()
        if self.loaded is None:
            raise GenerationError("No model is loaded yet.")
        self.requests.append(request)
        if request.rendered_prompt is not None:
            rendered = request.rendered_prompt
        elif request.messages:
            rendered = "\n".join(message.content for message in request.messages)
        else:
            rendered = request.plain_prompt
        params = request.params
        seed = FAKE_SEED if params.seed is None else params.seed
        room = max(1, self.context_length - params.max_new_tokens)
        prompt_words = len(rendered.split())
        forced = [self.vocabulary[token] for token in request.forced_tokens]
        words = forced + self.pieces(seed)[len(forced) :]
        sent: list[str] = []
        tokens: list[TokenChoice] = []
        cutter = StopSequenceCutter(params.stop_sequences)
        first_piece_at: float | None = None
        stop_reason = StopReason.END_OF_TEXT
        for index, piece in enumerate(words):
            if self.generate_error is not None and index == self.error_after:
                raise GenerationError(self.generate_error)
            if index == len(forced) + params.max_new_tokens:
                stop_reason = StopReason.LENGTH
                break
            # wait() rather than sleep(): a cancel cuts the delay short.
            if cancel.wait(self.delay_s):
                stop_reason = StopReason.CANCELLED
                break
            first_piece_at = first_piece_at or time.perf_counter()
            tokens.append(self._choice(index, piece))
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
            prompt_tokens=min(prompt_words, room),
            output_tokens=len(tokens),
            seed=seed,
            model_id=self.model_id,
            time_to_first_token_s=None if first_piece_at is None else first_piece_at - started,
            duration_s=time.perf_counter() - started,
            tokens=tuple(tokens),
            prompt_tokens_dropped=max(0, prompt_words - room),
        )

    def pieces(self, seed: int = FAKE_SEED) -> list[str]:
        """The words the reply for `seed` streams in."""
        reply = self.reply if seed == FAKE_SEED else f"{self.reply} (seed {seed})"
        return re.findall(r"\s*\S+\s*", reply) or [reply]

    def _choice(self, index: int, piece: str) -> TokenChoice:
        """Sure of even words, unsure of odd ones, with the same four rivals every time."""
        probability = 0.9 if index % 2 == 0 else 0.4
        rest = (1.0 - probability) / len(_RIVALS)
        alternatives = [TokenAlternative(self._token_id(piece), piece, probability)]
        alternatives += [TokenAlternative(self._token_id(r), r, rest) for r in _RIVALS]
        return TokenChoice(self._token_id(piece), piece, probability, tuple(alternatives))

    def _token_id(self, piece: str) -> int:
        if piece not in self.vocabulary:
            self.vocabulary.append(piece)
        return self.vocabulary.index(piece)

    def unload(self) -> None:
        self.loaded = None
