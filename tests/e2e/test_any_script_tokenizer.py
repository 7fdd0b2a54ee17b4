"""The embedded model's own tokenizer, streamed token by token, never breaks a character."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from any_script import SAMPLES, any_text
from hypothesis import given, settings

from desktop_app.generation.decoding import IncrementalDecoder
from desktop_app.generation.sources import resolve

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def tokenizer(shared_model_cache: Path) -> Any:
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(resolve("embedded", shared_model_cache).weights_dir)


def _streamed(tokenizer: Any, text: str) -> list[str]:
    ids = tokenizer(text, add_special_tokens=False)["input_ids"]
    decoder = IncrementalDecoder(tokenizer)
    return [*(decoder.push(token) for token in ids), decoder.flush()]


def test_the_samples_stream_back_exactly(tokenizer: Any) -> None:
    for text in SAMPLES.values():
        pieces = _streamed(tokenizer, text)
        assert "".join(pieces) == text
        assert not any("\ufffd" in piece for piece in pieces)


@settings(max_examples=40, deadline=None, database=None)
@given(text=any_text())
def test_any_text_streams_back_as_the_full_decode(tokenizer: Any, text: str) -> None:
    ids = tokenizer(text, add_special_tokens=False)["input_ids"]
    full = tokenizer.decode(ids, skip_special_tokens=True, clean_up_tokenization_spaces=False)
    assert "".join(_streamed(tokenizer, text)) == full
