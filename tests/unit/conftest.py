"""Fixtures shared by the unit tests."""

from __future__ import annotations

from typing import Any

import pytest

SPECIAL_TOKENS = ("<|endoftext|>", "<|im_start|>", "<|im_end|>")
CORPUS = (
    "Once upon a time there was a little model that wrote stories about the sea.",
    "The quick brown fox jumps over the lazy dog.",
    "Write a poem about autumn leaves and the rain on the window.",
)


@pytest.fixture(scope="session")
def byte_tokenizer() -> Any:
    """A tiny byte-level BPE tokenizer (GPT-2 style): text outside its corpus, such as CJK
    or emoji, falls apart into single-byte tokens, like rare text does in real models."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=400,
        special_tokens=list(SPECIAL_TOKENS),
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tokenizer.train_from_iterator(CORPUS * 10, trainer)
    return PreTrainedTokenizerFast(
        tokenizer_object=tokenizer,
        bos_token="<|im_start|>",
        eos_token="<|im_end|>",
        unk_token="<|endoftext|>",
        pad_token="<|endoftext|>",
    )
