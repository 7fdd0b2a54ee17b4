"""Incremental detokenization: whole characters only, same text as a full decode."""

from __future__ import annotations

from typing import Any

import pytest

from desktop_app.generation.decoding import IncrementalDecoder

TEXTS = [
    "Once upon a time",
    "写一首关于秋天的诗。",
    "Party 🎉🎊 time 👩‍👩‍👧 done",
    "naïve café ☕ über",
]


def stream_pieces(tokenizer: Any, ids: list[int], prompt: list[int] | None = None) -> list[str]:
    decoder = IncrementalDecoder(tokenizer, prompt or [])
    pieces = [decoder.push(token) for token in ids]
    pieces.append(decoder.flush())
    return [piece for piece in pieces if piece]


@pytest.mark.parametrize("text", TEXTS)
def test_pieces_are_whole_characters_and_add_up(byte_tokenizer: Any, text: str) -> None:
    ids = byte_tokenizer(text)["input_ids"]
    pieces = stream_pieces(byte_tokenizer, ids)
    assert "".join(pieces) == text
    assert not any("\ufffd" in piece for piece in pieces)


def test_multibyte_characters_span_several_tokens(byte_tokenizer: Any) -> None:
    # Guards the test itself: the tokenizer must split these characters into bytes.
    ids = byte_tokenizer("秋")["input_ids"]
    assert len(ids) == 3
    assert byte_tokenizer.decode(ids[:1]) == "\ufffd"


def test_prompt_context_is_not_repeated(byte_tokenizer: Any) -> None:
    prompt = byte_tokenizer("The quick brown fox")["input_ids"]
    ids = byte_tokenizer(" jumps over 🦊")["input_ids"]
    assert "".join(stream_pieces(byte_tokenizer, ids, prompt)) == " jumps over 🦊"


def test_special_tokens_are_skipped(byte_tokenizer: Any) -> None:
    special = byte_tokenizer.convert_tokens_to_ids("<|im_start|>")
    ids = [special, *byte_tokenizer("sea")["input_ids"]]
    assert "".join(stream_pieces(byte_tokenizer, ids)) == "sea"


def test_a_dangling_partial_character_is_dropped_at_the_end(byte_tokenizer: Any) -> None:
    ids = byte_tokenizer("ok 秋")["input_ids"][:-1]
    assert "".join(stream_pieces(byte_tokenizer, ids)) == "ok "
