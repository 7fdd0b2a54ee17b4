"""Immutable values that cross the model-thread boundary."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, cast

# Limits every GenerationParams is checked against; the settings form takes its ranges here.
MAX_NEW_TOKENS = 8192
MAX_TEMPERATURE = 2.0
MIN_REPETITION_PENALTY = 1.0
MAX_REPETITION_PENALTY = 2.0
MAX_STOP_SEQUENCES = 8
MAX_STOP_SEQUENCE_LENGTH = 100
MAX_VARIANTS = 5  # alternatives generated side by side for one request
TOP_ALTERNATIVES = 5  # rival tokens kept per generated token for the token view

# Seeds fit a 32-bit signed int so that any seed the engine drew can be typed back into a
# spin box to repeat a text.
MAX_SEED = 2**31 - 1


class StopReason(StrEnum):
    """Why a generation ended; stored verbatim in the history."""

    END_OF_TEXT = "end_of_text"
    STOP_SEQUENCE = "stop_sequence"
    LENGTH = "length"
    CANCELLED = "cancelled"
    ERROR = "error"


class ModelState(StrEnum):
    UNLOADED = "unloaded"
    LOADING = "loading"
    READY = "ready"
    GENERATING = "generating"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class GenerationParams:
    """Sampling settings. The defaults keep the small embedded model out of repetition loops."""

    max_new_tokens: int = 200
    temperature: float = 0.7
    top_p: float = 0.9
    top_k: int = 50
    repetition_penalty: float = 1.15
    seed: int | None = None  # None: the engine draws one and reports it in the result
    stop_sequences: tuple[str, ...] = ()  # text that ends the generation; not part of it

    def __post_init__(self) -> None:
        # Stored parameters come back from JSON with a list here.
        object.__setattr__(self, "stop_sequences", tuple(self.stop_sequences))
        problems = self.problems()
        if problems:
            raise ValueError("; ".join(problems))

    def problems(self) -> list[str]:
        found = []
        if not 1 <= self.max_new_tokens <= MAX_NEW_TOKENS:
            found.append(f"output length must be between 1 and {MAX_NEW_TOKENS} tokens")
        if not 0.0 <= self.temperature <= MAX_TEMPERATURE:
            found.append(f"temperature must be between 0 and {MAX_TEMPERATURE:g}")
        if not 0.0 < self.top_p <= 1.0:
            found.append("top-p must be above 0 and at most 1")
        if self.top_k < 0:
            found.append("top-k must not be negative")
        if not MIN_REPETITION_PENALTY <= self.repetition_penalty <= MAX_REPETITION_PENALTY:
            found.append(
                f"repetition penalty must be between {MIN_REPETITION_PENALTY:g} "
                f"and {MAX_REPETITION_PENALTY:g}"
            )
        if self.seed is not None and not 0 <= self.seed <= MAX_SEED:
            found.append(f"seed must be a whole number from 0 to {MAX_SEED:,}")
        if len(self.stop_sequences) > MAX_STOP_SEQUENCES:
            found.append(f"at most {MAX_STOP_SEQUENCES} stop sequences")
        if any(
            not isinstance(s, str) or not 0 < len(s) <= MAX_STOP_SEQUENCE_LENGTH
            for s in self.stop_sequences
        ):
            found.append(f"each stop sequence must be 1 to {MAX_STOP_SEQUENCE_LENGTH} characters")
        return found

    @property
    def greedy(self) -> bool:
        return self.temperature == 0.0

    @classmethod
    def from_dict(cls, stored: Mapping[str, object]) -> GenerationParams:
        """Parameters saved by `as_dict`; ValueError for anything else, e.g. an older layout."""
        try:
            return cls(**cast("dict[str, Any]", stored))
        except TypeError as exc:  # an unknown key, or a value of the wrong type
            raise ValueError(f"not generation parameters: {exc}") from exc

    def as_dict(self) -> dict[str, object]:
        return {
            "max_new_tokens": self.max_new_tokens,
            "temperature": self.temperature,
            "top_p": self.top_p,
            "top_k": self.top_k,
            "repetition_penalty": self.repetition_penalty,
            "seed": self.seed,
            "stop_sequences": list(self.stop_sequences),
        }


@dataclass(frozen=True, slots=True)
class ChatMessage:
    role: str  # "system" | "user" | "assistant"
    content: str


@dataclass(frozen=True, slots=True)
class GenerationRequest:
    """Everything the engine needs for one generation, built in pure code by `prompting`.

    Both prompt forms travel: the engine uses `messages` with the tokenizer's chat template
    when the model has one, and `plain_prompt` for base models or when `messages` is empty
    (a task that wants raw completion).

    `rendered_prompt`, when set, is a prompt the engine rendered before (a result's
    `rendered_prompt`) and is used exactly as it is. `forced_tokens` are the first tokens of
    the output, chosen by the writer in the token view; the model continues after them.

    When the prompt does not fit the model's context, the engine shortens the writer's text
    (`inputs["text"]`) inside it, keeping its end (`keep_text_end`, for text that leads up to
    the cursor) or its start (for text to rewrite, summarize or translate).
    """

    task_id: str
    inputs: tuple[tuple[str, str], ...]
    messages: tuple[ChatMessage, ...]
    plain_prompt: str
    params: GenerationParams = field(default_factory=GenerationParams)
    rendered_prompt: str | None = None
    forced_tokens: tuple[int, ...] = ()
    keep_text_end: bool = True

    def inputs_dict(self) -> dict[str, str]:
        return dict(self.inputs)

    def variants(self, count: int) -> tuple[GenerationRequest, ...]:
        """`count` requests for alternatives: a fixed seed s gives s, s+1, …, so a set of
        variants repeats as a whole; a random seed stays random for each."""
        if not 1 <= count <= MAX_VARIANTS:
            raise ValueError(f"variants must be between 1 and {MAX_VARIANTS}")
        seed = self.params.seed
        return tuple(
            dataclasses.replace(
                self,
                params=dataclasses.replace(
                    self.params, seed=None if seed is None else (seed + i) % (MAX_SEED + 1)
                ),
            )
            for i in range(count)
        )

    def again(self, forced_tokens: tuple[int, ...] = ()) -> GenerationRequest:
        """The same request with a fresh random seed, optionally from fixed first tokens."""
        return dataclasses.replace(
            self,
            params=dataclasses.replace(self.params, seed=None),
            forced_tokens=forced_tokens,
        )


@dataclass(frozen=True, slots=True)
class TokenAlternative:
    token_id: int
    text: str  # the token decoded on its own; may show U+FFFD for part of a character
    probability: float


@dataclass(frozen=True, slots=True)
class TokenChoice:
    """One output token with the model's probability for it and its likeliest rivals.

    Probabilities are the model's own (a softmax of its scores, before temperature, top-k or
    top-p reshape them), so they say how sure the model was, whatever the settings.
    `text` is what this token added to the output; "" while a character is incomplete.
    """

    token_id: int
    text: str
    probability: float
    alternatives: tuple[TokenAlternative, ...]  # likeliest first; may include the token


@dataclass(frozen=True, slots=True)
class GenerationResult:
    text: str
    stop_reason: StopReason
    rendered_prompt: str
    prompt_tokens: int
    output_tokens: int
    seed: int
    model_id: str
    time_to_first_token_s: float | None
    duration_s: float
    tokens: tuple[TokenChoice, ...] = ()  # one per output token, forced ones included
    # Prompt tokens that did not fit the model's context window and were left out.
    prompt_tokens_dropped: int = 0
    # Prompt tokens read for an earlier prompt with the same start, and not read again.
    prompt_tokens_reused: int = 0


@dataclass(frozen=True, slots=True)
class ModelInfo:
    model_id: str  # what the history records, e.g. "SmolLM2-135M-Instruct"
    source: str  # the file or folder it was loaded from
    architecture: str
    context_length: int
    has_chat_template: bool
    device: str  # where it runs, as torch names it: "cpu", "cuda:0", "mps"
    dtype: str  # torch's name ("float32", "bfloat16"…), or "int4": a GGUF's own 4-bit blocks
    parameter_count: int
    threads: int = 0  # CPU threads it computes with; 0 where that does not apply
    vocab_size: int = 0  # tokens the tokenizer knows; 0 where unknown
    adapter: str | None = None  # the name of the LoRA adapter over the model, if any


AUTO = "auto"


@dataclass(frozen=True, slots=True)
class LoadOptions:
    """How to load a model. "auto" lets Inkwell choose the device (a GPU when there is one)
    and the precision that device runs best (on a processor, a Q4_0/Q4_1 Llama GGUF runs from
    its 4-bit blocks); `threads` 0 means Inkwell's default."""

    device: str = AUTO  # "auto", "cpu", "cuda", "cuda:1", "mps"
    dtype: str = AUTO  # "auto", "float32", "bfloat16", "float16"
    threads: int = 0


@dataclass(frozen=True, slots=True)
class SpeedStats:
    tokens: int
    tokens_per_second: float
    time_to_first_token_s: float | None
