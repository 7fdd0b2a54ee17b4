"""Incremental detokenization that only ever emits whole characters.

Decoding one token at a time breaks multi-byte characters (a CJK character or an emoji may span
several byte-level tokens) and drops the leading space SentencePiece tokens carry. So each step
decodes a short window of recent tokens twice, with and without the new ones, and emits the
difference once it no longer ends in a partial character (U+FFFD). The window restarts after
every emitted piece, which keeps each step O(1) in the length of the output.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

_REPLACEMENT = "\ufffd"
_PROMPT_CONTEXT = 5  # prompt tokens kept as context so the first piece gets its leading space


class IncrementalDecoder:
    def __init__(self, tokenizer: Any, prompt_ids: Sequence[int] = ()) -> None:
        self._tokenizer = tokenizer
        self._ids: list[int] = list(prompt_ids[-_PROMPT_CONTEXT:])
        self._prefix_offset = 0  # start of the context window
        self._read_offset = len(self._ids)  # end of the text already emitted

    def push(self, token_id: int) -> str:
        """Add one token; return the newly completed text, possibly ""."""
        self._ids.append(token_id)
        return self._emit(final=False)

    def flush(self) -> str:
        """Return what is left at the end; a dangling partial character is dropped."""
        return self._emit(final=True).rstrip(_REPLACEMENT)

    def _emit(self, *, final: bool) -> str:
        seen = self._decode(self._ids[self._prefix_offset : self._read_offset])
        full = self._decode(self._ids[self._prefix_offset :])
        if len(full) <= len(seen) or (full.endswith(_REPLACEMENT) and not final):
            return ""
        self._prefix_offset = self._read_offset
        self._read_offset = len(self._ids)
        return full[len(seen) :]

    def _decode(self, ids: list[int]) -> str:
        text: str = self._tokenizer.decode(
            ids, skip_special_tokens=True, clean_up_tokenization_spaces=False
        )
        return text
