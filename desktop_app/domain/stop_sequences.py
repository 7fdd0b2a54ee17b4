"""Stop sequences: how the writer types them, and cutting a text stream at one."""

from __future__ import annotations

SEPARATOR = "|"


def parse_stop_sequences(typed: str) -> tuple[str, ...]:
    r"""`THE END | \n\n` -> ("THE END", "\n\n"): `|` separates, `\n` is a line break."""
    found = (part.strip(" ").replace("\\n", "\n") for part in typed.split(SEPARATOR))
    return tuple(dict.fromkeys(part for part in found if part))


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
        self.stopped = False

    def feed(self, piece: str) -> str:
        """The part of `held + piece` that is safe to show now."""
        if self.stopped:
            return ""
        text = self._held + piece
        cut = min((i for i in (text.find(s) for s in self._sequences) if i >= 0), default=-1)
        if cut >= 0:
            self.stopped = True
            self._held = ""
            return text[:cut]
        keep = max((_overlap(text, s) for s in self._sequences), default=0)
        self._held = text[len(text) - keep :] if keep else ""
        return text[: len(text) - keep]

    def flush(self) -> str:
        """What was held back, once the stream ended without a stop sequence."""
        held, self._held = self._held, ""
        return held


def _overlap(text: str, sequence: str) -> int:
    """The length of the longest end of `text` that begins `sequence`."""
    for length in range(min(len(text), len(sequence) - 1), 0, -1):
        if sequence.startswith(text[-length:]):
            return length
    return 0
