"""Fine-tuning on the writer's own text: settings, data preparation, estimates, adapter facts.

Everything here is pure: the training process (generation/finetune.py) tokenizes and trains,
the dialog shows counts and estimates, and both agree because both use these functions.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from desktop_app.domain.i18n import translate

MIN_WORDS = 200  # below this a style is not learnt, only a few sentences memorised
MIN_BLOCKS = 2  # one to train on and one held out to measure
MAX_NAME_LENGTH = 60
# Seconds of one training step per token and per million parameters, on one thread of a
# busy 2-core machine (benchmarks/finetune.py measured 0.000097 with SmolLM2-135M).
SECONDS_PER_TOKEN_PER_MPARAM = 0.0001
_WORD = re.compile(r"\w+", re.UNICODE)
_CHARACTERS_PER_TOKEN = 4.0  # English prose in a BPE vocabulary, for the preview only
_BAD_NAME = re.compile(r"[\\/:*?\"<>|\x00-\x1f]")


class TrainingDataError(ValueError):
    """The chosen text cannot be trained on; the message says why in plain words."""


@dataclass(frozen=True, slots=True)
class TrainingSettings:
    """How to train. `max_steps` 0 lets `epochs` decide the length."""

    epochs: int = 2
    max_steps: int = 0
    learning_rate: float = 1e-3
    block_size: int = 256  # tokens per training example
    batch_size: int = 4
    lora_rank: int = 8
    lora_alpha: int = 16
    held_out_fraction: float = 0.1
    seed: int = 0

    def total_steps(self, train_blocks: int) -> int:
        if self.max_steps:
            return self.max_steps
        return max(1, math.ceil(train_blocks * self.epochs / self.batch_size))

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, stored: Mapping[str, Any]) -> TrainingSettings:
        known = {k: v for k, v in stored.items() if k in cls.__dataclass_fields__}
        return cls(**known)


@dataclass(frozen=True, slots=True)
class BlockSplit:
    """Fixed-length token blocks for causal language modelling; the last ones held out."""

    train: tuple[tuple[int, ...], ...]
    held_out: tuple[tuple[int, ...], ...]
    tokens: int  # tokens in the text, including the tail too short for a block


def count_words(texts: Sequence[str]) -> int:
    return sum(len(_WORD.findall(t)) for t in texts)


def approximate_tokens(texts: Sequence[str]) -> int:
    """A preview before the tokenizer is at hand; the training process counts exactly."""
    return round(sum(len(t) for t in texts) / _CHARACTERS_PER_TOKEN)


def check_enough_text(texts: Sequence[str]) -> None:
    words = count_words(texts)
    if words < MIN_WORDS:
        raise TrainingDataError(
            translate(
                "Training",
                "There is too little text to learn from: {words} words. "
                "Choose drafts with at least {minimum} words together.",
            ).format(words=words, minimum=MIN_WORDS)
        )


def split_blocks(ids: Sequence[int], block_size: int, held_out_fraction: float) -> BlockSplit:
    """Cuts `ids` into whole blocks (the short tail is dropped) and holds out the last
    `held_out_fraction` of them, at least one: the end of the writer's text, unseen."""
    count = len(ids) // block_size
    if count < MIN_BLOCKS:
        raise TrainingDataError(
            translate(
                "Training",
                "There is too little text to learn from: {tokens} tokens, and training needs "
                "at least {minimum}. Choose more drafts.",
            ).format(tokens=len(ids), minimum=MIN_BLOCKS * block_size)
        )
    blocks = [tuple(ids[i * block_size : (i + 1) * block_size]) for i in range(count)]
    held = max(1, round(count * held_out_fraction))
    held = min(held, count - 1)
    return BlockSplit(tuple(blocks[: count - held]), tuple(blocks[count - held :]), len(ids))


def data_fingerprint(texts: Sequence[str]) -> str:
    """Names the training text: the same drafts in the same order give the same value."""
    digest = hashlib.sha256()
    for text in texts:
        encoded = text.encode("utf-8")
        digest.update(len(encoded).to_bytes(8, "little"))
        digest.update(encoded)
    return digest.hexdigest()[:16]


def batch_indices(step: int, train_blocks: int, batch_size: int, seed: int) -> list[int]:
    """The blocks of step `step` (0-based): each epoch a fresh shuffle fixed by `seed`, so a
    run resumed at any step trains on exactly what an uninterrupted one would."""
    import random

    picked: list[int] = []
    position = step * batch_size
    while len(picked) < batch_size:
        epoch, offset = divmod(position, train_blocks)
        order = list(range(train_blocks))
        random.Random(seed * 1_000_003 + epoch).shuffle(order)
        picked.append(order[offset])
        position += 1
    return picked


def estimate_seconds(parameter_count: int, tokens: int) -> float:
    return SECONDS_PER_TOKEN_PER_MPARAM * tokens * parameter_count / 1e6


def estimate_memory_bytes(parameter_count: int, vocab_size: int, settings: TrainingSettings) -> int:
    """Rough peak memory: float32 weights, plus the logits and their gradients (which
    dominate small models with large vocabularies), plus the libraries themselves."""
    tokens = settings.block_size * settings.batch_size
    weights = parameter_count * 4
    logits = tokens * vocab_size * 4 * 4
    activations = parameter_count * 4 * tokens // 2048
    libraries = 1024 * 1024 * 1024  # torch, transformers, peft; measured ~1 GB more
    return weights + logits + activations + libraries


def adapter_name_problem(name: str) -> str | None:
    stripped = name.strip()
    if not stripped:
        return translate("Adapters", "Give the adapter a name.")
    if len(stripped) > MAX_NAME_LENGTH:
        return translate("Adapters", "The name is too long: at most {count} characters.").format(
            count=MAX_NAME_LENGTH
        )
    if _BAD_NAME.search(stripped) or stripped.startswith("."):
        return translate(
            "Adapters", 'A name cannot start with a dot or contain \\ / : * ? " < > |.'
        )
    return None


@dataclass(frozen=True, slots=True)
class TrainingProgress:
    """One report from the training process."""

    step: int
    total_steps: int
    loss: float
    tokens_per_second: float
    seconds_left: float


@dataclass(frozen=True, slots=True)
class AdapterInfo:
    """An adapter on disk (its `adapter.json`): what it was trained on and how well."""

    name: str
    path: str
    base_model_id: str
    base_parameter_count: int
    base_source: str
    data_fingerprint: str
    steps: int
    settings: dict[str, Any] = field(default_factory=dict)
    perplexity_before: float | None = None
    perplexity_after: float | None = None
    created_at: str = ""  # ISO 8601, UTC
    words: int = 0
    tokens: int = 0

    def as_dict(self) -> dict[str, Any]:
        stored = asdict(self)
        del stored["path"]  # where it lies is not part of it: a renamed folder still reads
        return stored

    @classmethod
    def from_dict(cls, stored: Mapping[str, Any], path: str) -> AdapterInfo:
        try:
            known = {k: v for k, v in stored.items() if k in cls.__dataclass_fields__}
            known["path"] = path
            info = cls(**known)
        except TypeError as exc:
            raise ValueError(f"not an adapter description: {exc}") from exc
        if not info.base_model_id or not isinstance(info.steps, int):
            raise ValueError("not an adapter description: the base model is missing")
        return info
