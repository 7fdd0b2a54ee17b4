"""Load failures become one plain-words message naming the model."""

from __future__ import annotations

import errno

import pytest

from desktop_app.generation.load_errors import describe_load_failure


@pytest.mark.parametrize(
    ("exc", "words"),
    [
        (MemoryError(), "not enough memory"),
        (OSError(errno.ENOSPC, "No space left on device"), "disk space"),
        (FileNotFoundError("tokenizer.json"), "a file it needs is missing"),
        (ValueError("GGUF model with architecture rwkv9 is not supported yet."), "architecture"),
        (ValueError("cannot reshape array of size 3 into shape (4,)"), "truncated or corrupt"),
        (KeyError("lm_head.weight"), "could not be loaded"),
    ],
)
def test_failures_are_explained(exc: BaseException, words: str) -> None:
    error = describe_load_failure(exc, "/models/m.gguf")
    assert words in str(error)
    assert "/models/m.gguf" in str(error)
    assert error.path == "/models/m.gguf"


def test_only_the_first_sentence_of_a_long_message_is_kept() -> None:
    error = describe_load_failure(ValueError("Unrecognized model. Should have a key.\nMore."), "m")
    assert str(error).endswith("(Unrecognized model).")
