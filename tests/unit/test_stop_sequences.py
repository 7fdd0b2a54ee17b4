"""Stop sequences: typed form, and cutting a stream without ever showing part of one."""

from __future__ import annotations

import pytest

from desktop_app.domain.generation import GenerationParams
from desktop_app.domain.stop_sequences import (
    StopSequenceCutter,
    format_stop_sequences,
    parse_stop_sequences,
)


def test_typed_sequences_parse_and_format_back():
    parsed = parse_stop_sequences(r"THE END | \n\n |  | THE END")
    assert parsed == ("THE END", "\n\n")
    assert parse_stop_sequences(format_stop_sequences(parsed)) == parsed
    assert parse_stop_sequences("   ") == ()


def stream(pieces: list[str], sequences: tuple[str, ...]) -> tuple[str, bool]:
    cutter = StopSequenceCutter(sequences)
    shown = "".join(cutter.feed(piece) for piece in pieces) + cutter.finish()
    return shown, cutter.stopped


@pytest.mark.parametrize(
    ("pieces", "expected"),
    [
        (["Once upon", " a time. THE", " END and more"], ("Once upon a time. ", True)),
        (["THE END"], ("", True)),
        (["no stop ", "here, THE"], ("no stop here, THE", False)),  # held text comes out
        (["line one\n", "\nline two"], ("line one", True)),
        (["第一章。", "完", "。"], ("第一章。", True)),
    ],
)
def test_streams_are_cut_before_the_sequence(pieces, expected):
    assert stream(pieces, ("THE END", "\n\n", "完。")) == expected


def test_nothing_of_a_sequence_is_shown_before_it_is_known():
    cutter = StopSequenceCutter(("THE END",))
    assert cutter.feed("story. TH") == "story. "
    assert cutter.feed("E") == ""
    assert cutter.feed("ory") == "THEory"  # it was not the sequence after all


def test_stop_sequences_are_validated_and_survive_storage():
    params = GenerationParams(stop_sequences=("\n\n", "END"))
    assert GenerationParams.from_dict(params.as_dict()) == params
    with pytest.raises(ValueError, match="stop sequence"):
        GenerationParams(stop_sequences=("",))
    with pytest.raises(ValueError, match="at most 8"):
        GenerationParams(stop_sequences=tuple(str(i) for i in range(9)))


def test_a_blank_line_stop_does_not_end_a_text_that_starts_with_one():
    assert stream(["\n\nA poem.", "\n\nMore."], ("\n\n",)) == ("\n\nA poem.", True)


def test_typed_sequences_are_kept_within_the_limits():
    typed = " | ".join(["x" * 150] + [f"s{i}" for i in range(12)])
    parsed = parse_stop_sequences(typed)
    assert len(parsed) == 8 and parsed[0] == "x" * 100
    GenerationParams(stop_sequences=parsed)  # valid as it stands
