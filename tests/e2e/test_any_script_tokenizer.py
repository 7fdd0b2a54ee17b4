"""The embedded model's own tokenizer, as the app reads it (without transformers), encodes
and renders chats as transformers does, and streamed token by token never breaks a
character."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from any_script import SAMPLES, any_text
from hypothesis import given, settings

from desktop_app.generation.decoding import IncrementalDecoder
from desktop_app.generation.plain_tokenizer import PlainTokenizer
from desktop_app.generation.sources import resolve
from desktop_app.generation.tokenizer_file import read_tokenizer
from desktop_app.generation.transformers_engine import _load_tokenizer

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def folder(shared_model_cache: Path) -> Path:
    return resolve("embedded", shared_model_cache).weights_dir


@pytest.fixture(scope="module")
def tokenizer(folder: Path) -> Any:
    tokenizer = _load_tokenizer(folder)
    assert isinstance(tokenizer, PlainTokenizer)
    return tokenizer


def test_every_script_encodes_and_renders_as_transformers_does(
    tokenizer: Any, folder: Path
) -> None:
    from transformers import AutoTokenizer

    reference = AutoTokenizer.from_pretrained(folder)
    assert (len(tokenizer), tokenizer.eos_token_id) == (len(reference), reference.eos_token_id)
    for text in SAMPLES.values():
        for special in (True, False):
            expected = reference(text, add_special_tokens=special)["input_ids"]
            assert tokenizer(text, add_special_tokens=special)["input_ids"] == expected
        for chat in ([{"role": "user", "content": text}], [{"role": "system", "content": text}]):
            expected = reference.apply_chat_template(
                chat, add_generation_prompt=True, tokenize=False
            )
            assert (
                tokenizer.apply_chat_template(chat, add_generation_prompt=True, tokenize=False)
                == expected
            )


def test_the_tokenizer_file_read_in_steps_is_the_one_tokenizers_reads(folder: Path) -> None:
    from tokenizers import Tokenizer

    path = folder / "tokenizer.json"
    assert read_tokenizer(path).to_str() == Tokenizer.from_file(str(path)).to_str()


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
