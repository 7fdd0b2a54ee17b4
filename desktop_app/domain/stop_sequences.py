"""Stop sequences: how the writer types them, and cutting a text stream at one."""

from __future__ import annotations

from collections.abc import Callable

from desktop_app.domain.generation import MAX_STOP_SEQUENCE_LENGTH, MAX_STOP_SEQUENCES

SEPARATOR = "|"


def parse_stop_sequences(typed: str) -> tuple[str, ...]:
    r"""`THE END | \n\n` -> ("THE END", "\n\n"): `|` separates, `\n` is a line break.

    Kept within the limits GenerationParams checks: the first few, each cut to length.
    """
    found = (part.strip(" ").replace("\\n", "\n") for part in typed.split(SEPARATOR))
    unique = dict.fromkeys(part[:MAX_STOP_SEQUENCE_LENGTH] for part in found if part)
    return tuple(unique)[:MAX_STOP_SEQUENCES]


def format_stop_sequences(sequences: tuple[str, ...]) -> str:
    return f" {SEPARATOR} ".join(s.replace("\n", "\\n") for s in sequences)


class StopSequenceCutter:
    """Passes streamed text on until a stop sequence appears, and never any part of one.

    Text that might be the start of a stop sequence is held back until the next piece shows
    whether it is; a sequence split across pieces is still found.
    """

    def __init__(self, sequences: tuple[str, ...]) -> None:
        self._sequences = sequences
        self._held = ""
        self._begun = False  # has any visible text come through yet
        self.stopped = False

    def feed(self, piece: str) -> str:
        """The part of `held + piece` that is safe to show now."""
        if self.stopped:
            return ""
        text = self._held + piece
        cut = min((i for i in map(self._find_in(text), self._sequences) if i >= 0), default=-1)
        if cut >= 0:
            self.stopped = True
            self._held = ""
            return text[:cut]
        keep = max((_overlap(text, s) for s in self._sequences), default=0)
        self._held = text[len(text) - keep :] if keep else ""
        shown = text[: len(text) - keep]
        self._begun = self._begun or bool(shown.strip())
        return shown

    def finish(self, last_piece: str = "") -> str:
        """The end of the stream: the last piece, and what was held back, unless stopped."""
        shown = self.feed(last_piece)
        if not self.stopped:
            shown += self._held
            self._held = ""
        return shown

    def _find_in(self, text: str) -> Callable[[str], int]:
        # A blank-line stop sequence must not end a text that merely starts with one.
        start = 0 if self._begun else len(text) - len(text.lstrip())

        def find(sequence: str) -> int:
            return text.find(sequence, 0 if sequence.strip() else start)

        return find


def _overlap(text: str, sequence: str) -> int:
    """The length of the longest end of `text` that begins `sequence`."""
    for length in range(min(len(text), len(sequence) - 1), 0, -1):
        if sequence.startswith(text[-length:]):
            return length
    return 0
