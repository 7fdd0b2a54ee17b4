"""Token-by-token decoding with a KV cache, choosing tokens the way `model.generate` does.

An own loop (rather than `generate` with a streamer thread) keeps everything on the model
thread: the cancel flag is checked between tokens and there is no second thread to clean up.
"""

from __future__ import annotations

import functools
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop_app.domain.generation import TOP_ALTERNATIVES
from desktop_app.generation.decoders import reusable

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

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


def _processors(params: GenerationParams) -> Callable[[Any, Any], Any]:
    """(history [1, T], scores [1, V]) -> scores, adjusted as `generate` does: the same
    steps, in its order, with its no-op skips, and the arithmetic of transformers' logits
    processors (repetition penalty, temperature, top-k, top-p), so a seed gives the same
    text either way. Written out so the 4-bit path never imports transformers."""
    steps: list[Callable[[Any, Any], Any]] = []
    if params.repetition_penalty != 1.0:
        steps.append(functools.partial(_repetition_penalty, params.repetition_penalty))
    if not params.greedy:
        if params.temperature != 1.0:
            steps.append(lambda _history, scores: scores / params.temperature)
        if params.top_k != 0:
            steps.append(functools.partial(_top_k, params.top_k))
        if params.top_p < 1.0:
            steps.append(functools.partial(_top_p, params.top_p))

    def adjust(history: Any, scores: Any) -> Any:
        for step in steps:
            scores = step(history, scores)
        return scores

    return adjust


def _repetition_penalty(penalty: float, history: Any, scores: Any) -> Any:
    """Every token seen so far (prompt included) made less likely: its score divided by
    `penalty`, or multiplied where it is negative. A tokenizer may know more tokens than the
    model scores: those go to one extra column, dropped after."""
    import torch
    import torch.nn.functional as F

    vocabulary = scores.size(-1)
    history = history.clamp(max=vocabulary)
    padded = F.pad(scores, (0, 1))
    seen = torch.gather(padded, 1, history)
    seen = torch.where(seen < 0, seen * penalty, seen / penalty)
    return padded.scatter(1, history, seen)[..., :vocabulary]


def _top_k(k: int, _history: Any, scores: Any) -> Any:
    import torch

    kth = torch.topk(scores, min(k, scores.size(-1)))[0][..., -1, None]
    return scores.masked_fill(scores < kth, -float("inf"))


def _top_p(p: float, _history: Any, scores: Any) -> Any:
    """Only the likeliest tokens whose probabilities add up to `p` (at least one)."""
    import torch

    ascending, order = torch.sort(scores, descending=False)
    cumulative = ascending.softmax(dim=-1).cumsum(dim=-1)
    drop = cumulative <= (1 - p)
    drop[..., -1:] = 0
    return scores.masked_fill(drop.scatter(1, order, drop), -float("inf"))
