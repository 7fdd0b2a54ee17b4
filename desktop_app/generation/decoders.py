"""A model plus the state of the tokens it has read: what TokenSampler drives.

A decoder keeps its KV cache between generations, so the next prompt only pays for the tokens
after the part it shares with what was read before. "Continue" in a long draft sends the same
draft again with a little more at the end: without this, every continuation would read the
whole draft again and time to first token would grow with the draft.

Reusing state must not change the text: a seed repeats its text whether or not the prompt was
partly read before. Matrix kernels round differently for different numbers of rows, so a
prompt is always read in the same pieces, cut at fixed positions (multiples of PROMPT_CHUNK
from the start), and only state read in those whole pieces is kept for another prompt. Then a
reused start holds exactly the numbers a fresh read computes, and the rest is read as a
fresh read would read it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from desktop_app.generation.quantized_llama import QuantizedLlama

PROMPT_CHUNK = 256


class Decoder(Protocol):
    device: Any
    fed: list[int]  # the tokens whose state is held, in order
    settled: int  # how many of them were read in whole prompt pieces

    def read(self, prompt: list[int]) -> Any:
        """Reads prompt tokens after `fed`, in the fixed pieces; float32 scores [vocabulary]
        after the last one."""
        ...

    def feed(self, ids: list[int], keep: int) -> Any:
        """Reads `ids` after `fed` in one pass; float32 scores [keep, vocabulary] after each
        of the last `keep` of them."""
        ...

    def rewind(self, length: int) -> int:
        """Forgets every token after the first `length`; returns how many it kept, which
        is 0 for a cache that cannot be cut back."""
        ...


def reusable(decoder: Decoder, prompt: list[int]) -> int:
    """How many leading tokens of `prompt` the decoder may keep: shared with what it read,
    read in whole pieces, and short of the last token (whose scores come first)."""
    shared = 0
    for held, wanted in zip(decoder.fed, prompt[:-1], strict=False):
        if held != wanted:
            break
        shared += 1
    return min(shared // PROMPT_CHUNK * PROMPT_CHUNK, decoder.settled)


def prompt_pieces(start: int, ids: list[int]) -> list[list[int]]:
    """`ids`, to be read from position `start`, cut at the multiples of PROMPT_CHUNK."""
    pieces, position = [], start
    while ids:
        size = PROMPT_CHUNK - position % PROMPT_CHUNK
        pieces.append(ids[:size])
        ids, position = ids[size:], position + size
    return pieces


def _settled_after(decoder: Decoder, start: int, pieces: list[list[int]]) -> int:
    """`settled` once `pieces` are read from `start`: whole pieces extend it."""
    settled = decoder.settled
    for piece in pieces:
        if start == settled and len(piece) == PROMPT_CHUNK:
            settled += PROMPT_CHUNK
        start += len(piece)
    return settled


class TransformersDecoder:
    """Any transformers causal LM with its own cache object."""

    def __init__(self, model: Any) -> None:
        import inspect

        self._model = model
        self.device = model.device
        self.fed: list[int] = []
        self.settled = 0
        self._cache: Any = None
        # A peft wrapper passes keyword arguments on to the model it wraps.
        unwrap = getattr(model, "get_base_model", None)
        accepts = inspect.signature((unwrap() if unwrap else model).forward).parameters
        # transformers 5.x renamed `past_key_values` to `cache` (the old name warns).
        self._cache_arg = "cache" if "cache" in accepts else "past_key_values"
        # Logits only for the positions that are read save memory on long prompts.
        self._keeps_logits = "logits_to_keep" in accepts

    def read(self, prompt: list[int]) -> Any:
        pieces = prompt_pieces(len(self.fed), prompt)
        settled = _settled_after(self, len(self.fed), pieces)
        for piece in pieces:
            scores = self.feed(piece, keep=1)
        self.settled = settled
        return scores[-1]

    def feed(self, ids: list[int], keep: int) -> Any:
        import torch

        kwargs = {self._cache_arg: self._cache}
        if self._keeps_logits:
            kwargs["logits_to_keep"] = keep
        ids_tensor = torch.tensor([ids], device=self.device)
        out = self._model(input_ids=ids_tensor, use_cache=True, **kwargs)
        self._cache = out[self._cache_arg]
        self.fed += ids
        return out.logits[0, -keep:, :].float()

    def rewind(self, length: int) -> int:
        removed = len(self.fed) - length
        if removed <= 0:
            return len(self.fed)
        # Sliding-window and linear-attention layers keep too little to be cut back.
        if length > 0 and getattr(self._cache, "is_croppable", False):
            try:
                self._cache.crop(-removed)  # transformers 5: positions to drop, negative
            except (RuntimeError, ValueError):
                pass  # some layers may be cut already: start over below
            else:
                del self.fed[length:]
                self.settled = min(self.settled, length)
                return length
        self._cache, self.fed, self.settled = None, [], 0
        return 0


class QuantizedDecoder:
    """QuantizedLlama with its growing KV cache; rewinding only moves the end marker."""

    def __init__(self, model: QuantizedLlama) -> None:
        import torch

        self._model = model
        self._cache = model.new_cache()
        self.device = torch.device("cpu")
        self.fed: list[int] = []
        self.settled = 0

    def read(self, prompt: list[int]) -> Any:
        pieces = prompt_pieces(len(self.fed), prompt)
        settled = _settled_after(self, len(self.fed), pieces)
        scores = self._model.forward(pieces, self._cache, keep=1)
        self.fed += prompt
        self.settled = settled
        return scores[-1]

    def feed(self, ids: list[int], keep: int) -> Any:
        scores = self._model.forward([ids], self._cache, keep)
        self.fed += ids
        return scores

    def rewind(self, length: int) -> int:
        if length < len(self.fed):
            self._cache.length = length
            del self.fed[length:]
            self.settled = min(self.settled, length)
        return len(self.fed)
