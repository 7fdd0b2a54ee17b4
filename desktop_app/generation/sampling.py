"""Token-by-token decoding with a KV cache, choosing tokens the way `model.generate` does.

An own loop (rather than `generate` with a streamer thread) keeps everything on the model
thread: the cancel flag is checked between tokens and there is no second thread to clean up.
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.domain.generation import GenerationParams


class TokenSampler:
    """Feeds the prompt, then each chosen token, to the model and picks the next token.

    `temperature == 0` is greedy and gives exactly the tokens of `generate(do_sample=False)`;
    otherwise tokens are drawn from a generator seeded with `seed`, so a seed repeats a text.
    """

    def __init__(
        self, model: Any, prompt_ids: list[int], params: GenerationParams, seed: int
    ) -> None:
        import torch

        self._model = model
        self._history = torch.tensor([prompt_ids], device=model.device)
        self._pending = self._history  # tokens the KV cache has not seen yet
        self._cache: Any = None
        self._greedy = params.greedy
        self._processors = _processors(params)
        self._generator = torch.Generator(device=model.device).manual_seed(seed)
        accepts = inspect.signature(model.forward).parameters
        # transformers 5.x renamed `past_key_values` to `cache` (the old name warns).
        self._cache_arg = "cache" if "cache" in accepts else "past_key_values"
        # Computing logits for the last position only saves memory on long prompts.
        self._extra: dict[str, Any] = {"logits_to_keep": 1} if "logits_to_keep" in accepts else {}

    def next_token(self) -> int:
        import torch

        # Entered per step, not around the whole stream: a generator suspended inside the
        # context manager would leave inference mode switched on for the caller's code.
        with torch.inference_mode():
            kwargs = {self._cache_arg: self._cache, **self._extra}
            out = self._model(input_ids=self._pending, use_cache=True, **kwargs)
            self._cache = out[self._cache_arg]
            scores = self._processors(self._history, out.logits[:, -1, :].float())
            if self._greedy:
                token = scores.argmax(dim=-1, keepdim=True)
            else:
                probs = torch.softmax(scores, dim=-1)
                token = torch.multinomial(probs, num_samples=1, generator=self._generator)
            self._history = torch.cat([self._history, token], dim=1)
            self._pending = token
        return int(token.item())


def _processors(params: GenerationParams) -> Any:
    from transformers import (
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
