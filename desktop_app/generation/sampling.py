"""Token-by-token decoding with a KV cache, choosing tokens the way `model.generate` does.

An own loop (rather than `generate` with a streamer thread) keeps everything on the model
thread: the cancel flag is checked between tokens and there is no second thread to clean up.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop_app.domain.generation import TOP_ALTERNATIVES
from desktop_app.generation.decoders import reusable

if TYPE_CHECKING:
    from collections.abc import Sequence

    from desktop_app.domain.generation import GenerationParams
    from desktop_app.generation.decoders import Decoder


@dataclass(frozen=True, slots=True)
class Step:
    """One output token and the model's own probabilities at that point."""

    token: int
    probability: float
    top_ids: list[int]  # the likeliest tokens, likeliest first
    top_probabilities: list[float]


class TokenSampler:
    """Feeds the prompt, then each chosen token, to the model and picks the next token.

    `temperature == 0` is greedy and gives exactly the tokens of `generate(do_sample=False)`;
    otherwise tokens are drawn from a generator seeded with `seed`, so a seed repeats a text.
    `forced` tokens are the start of the output, fixed in advance: they go through the model
    after the prompt in chunks, each chunk one pass that also yields their probabilities;
    chunks keep the logits (vocabulary × tokens) to tens of megabytes however many there are.

    The decoder may hold the state of an earlier prompt: only what follows the part both
    share is read again, in a way that gives the same numbers as reading it all (decoders.py).
    """

    def __init__(
        self,
        decoder: Decoder,
        prompt_ids: list[int],
        params: GenerationParams,
        seed: int,
        forced: Sequence[int] = (),
    ) -> None:
        import torch

        self.decoder = decoder
        self._prompt = list(prompt_ids)
        self.reused = 0  # prompt tokens whose state the decoder already held
        self._history = torch.tensor([[*prompt_ids, *forced]], device=decoder.device)
        self._forced = list(forced)
        self._ready: deque[Step] = deque()  # forced steps, described by the first call
        self._last: Any = None  # the scores for the next token, once the prompt is in
        self._pending: Any = None  # the token chosen last, not yet fed to the model
        self._greedy = params.greedy
        self._processors = _processors(params)
        self._generator = torch.Generator(device=decoder.device).manual_seed(seed)

    def next_step(self) -> Step:
        import torch

        if self._ready:
            return self._ready.popleft()
        # Entered per step, not around the whole stream: a generator suspended inside the
        # context manager would leave inference mode switched on for the caller's code.
        with torch.inference_mode():
            if self._last is None:
                self._last = self._feed_prompt()
                self._feed_forced()
                if self._ready:
                    return self._ready.popleft()
            elif self._pending is not None:  # fed only now: the last one may be the end
                self._last = self.decoder.feed([int(self._pending.item())], keep=1)[-1]
            last = self._last
            scores = self._processors(self._history, last[None])
            if self._greedy:
                token = scores.argmax(dim=-1, keepdim=True)
            else:
                probs = torch.softmax(scores, dim=-1)
                token = torch.multinomial(probs, num_samples=1, generator=self._generator)
            self._history = torch.cat([self._history, token], dim=1)
            # The model's own view, taken before the processors reshaped the scores.
            self._pending = token
        return _describe(torch.softmax(last, dim=-1), int(token.item()))

    def _feed_prompt(self) -> Any:
        decoder, prompt = self.decoder, self._prompt
        self.reused = decoder.rewind(reusable(decoder, prompt))
        return decoder.read(prompt[self.reused :])

    def _feed_forced(self) -> None:
        import torch

        while self._forced:
            chunk, self._forced = self._forced[:_CHUNK], self._forced[_CHUNK:]
            rows = self.decoder.feed(chunk, keep=len(chunk))
            # Before each token of the chunk: the row for the token ahead of it.
            before = torch.cat([self._last[None], rows[:-1]])
            probabilities = torch.softmax(before, dim=-1)
            for position, forced in enumerate(chunk):
                self._ready.append(_describe(probabilities[position], forced))
            self._last = rows[-1]


_CHUNK = 256  # forced tokens per pass


def _describe(probabilities: Any, token: int) -> Step:
    import torch

    top = torch.topk(probabilities, TOP_ALTERNATIVES)
    return Step(token, float(probabilities[token]), top.indices.tolist(), top.values.tolist())


def _processors(params: GenerationParams) -> Any:
    # The module itself, not the package: `transformers.LogitsProcessorList` imports all of
    # transformers' generation code with it.
    from transformers.generation.logits_process import (
        LogitsProcessorList,
        RepetitionPenaltyLogitsProcessor,
        TemperatureLogitsWarper,
        TopKLogitsWarper,
        TopPLogitsWarper,
    )

    # Same processors, same order, same no-op skips as `generate`.
    processors = LogitsProcessorList()
    if params.repetition_penalty != 1.0:
        processors.append(RepetitionPenaltyLogitsProcessor(params.repetition_penalty))
    if not params.greedy:
        if params.temperature != 1.0:
            processors.append(TemperatureLogitsWarper(params.temperature))
        if params.top_k != 0:
            processors.append(TopKLogitsWarper(params.top_k))
        if params.top_p < 1.0:
            processors.append(TopPLogitsWarper(params.top_p))
    return processors
