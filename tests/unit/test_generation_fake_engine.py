"""The fake engine behaves like the real one, minus the model."""

from __future__ import annotations

import threading
import time

import pytest

from desktop_app.domain.generation import (
    ChatMessage,
    GenerationParams,
    GenerationRequest,
    StopReason,
)
from desktop_app.generation.engine import GenerationError, ModelLoadError, run_stream, run_streams
from desktop_app.generation.fake_engine import FakeEngine


def request(max_new_tokens: int = 200, seed: int | None = None) -> GenerationRequest:
    return GenerationRequest(
        task_id="story",
        inputs=(("topic", "the sea"),),
        messages=(ChatMessage("system", "Be brief."), ChatMessage("user", "Tell a story.")),
        plain_prompt="Story:",
        params=GenerationParams(max_new_tokens=max_new_tokens, seed=seed),
    )


def loaded(engine: FakeEngine) -> FakeEngine:
    engine.load("embedded", lambda fraction, message: None)
    return engine


def test_load_reports_progress_and_info() -> None:
    steps: list[tuple[float, str]] = []
    info = FakeEngine().load("some/model", lambda f, m: steps.append((f, m)))
    assert info.model_id == "fake-model"
    assert info.source == "some/model"
    assert steps[0][0] == 0.0
    assert steps[-1][0] == 1.0


def test_load_error() -> None:
    with pytest.raises(ModelLoadError, match="disk on fire") as caught:
        FakeEngine(load_error="disk on fire").load("x.gguf", lambda f, m: None)
    assert caught.value.path == "x.gguf"


def test_streams_words_with_their_spaces() -> None:
    engine = loaded(FakeEngine(reply="Hello there, world."))
    pieces: list[str] = []
    result = run_stream(engine.stream(request(seed=7), threading.Event()), pieces.append)
    # Another seed, another text: the fake's variants differ as a real model's do.
    assert pieces == ["Hello ", "there, ", "world. ", "(seed ", "7)"]
    assert result.text == "Hello there, world. (seed 7)"
    assert result.stop_reason is StopReason.END_OF_TEXT
    assert (result.output_tokens, result.seed, result.model_id) == (5, 7, "fake-model")
    assert result.rendered_prompt == "Be brief.\nTell a story."
    assert engine.requests == [request(seed=7)]


def test_max_new_tokens_stops_with_length() -> None:
    result = run_stream(
        loaded(FakeEngine()).stream(request(max_new_tokens=2), threading.Event()), print
    )
    assert result.stop_reason is StopReason.LENGTH
    assert result.text == "Once upon "


def test_cancel_keeps_partial_text_and_cuts_the_delay_short() -> None:
    engine = loaded(FakeEngine(delay_s=0.1))  # the whole reply would take 0.8 s
    cancel = threading.Event()
    pieces: list[str] = []

    def on_text(piece: str) -> None:
        pieces.append(piece)
        if len(pieces) == 2:
            threading.Timer(0.02, cancel.set).start()

    started = time.perf_counter()
    result = run_stream(engine.stream(request(), cancel), on_text)
    assert result.stop_reason is StopReason.CANCELLED
    assert result.text == "".join(pieces) == "Once upon "
    assert time.perf_counter() - started < 0.6


def test_generate_error_after_some_pieces() -> None:
    engine = loaded(FakeEngine(generate_error="model melted", error_after=1))
    pieces: list[str] = []
    with pytest.raises(GenerationError, match="model melted"):
        run_stream(engine.stream(request(), threading.Event()), pieces.append)
    assert pieces == ["Once "]


def test_stream_needs_a_loaded_model() -> None:
    engine = loaded(FakeEngine())
    engine.unload()
    with pytest.raises(GenerationError, match="No model"):
        run_stream(engine.stream(request(), threading.Event()), print)


def test_streams_run_together_a_token_each_in_turn() -> None:
    engine = loaded(FakeEngine(reply="one two three"))
    order: list[tuple[int, str]] = []
    streams = [engine.stream(r, threading.Event()) for r in request(seed=1).variants(2)]
    results = run_streams(streams, lambda index, piece: order.append((index, piece)))
    assert order[:4] == [(0, "one "), (1, "one "), (0, "two "), (1, "two ")]
    assert [r.text for r in results] == ["one two three (seed 1)", "one two three (seed 2)"]
    assert [r.seed for r in results] == [1, 2]


def test_a_failing_stream_fails_the_set() -> None:
    engine = loaded(FakeEngine(generate_error="disk on fire", error_after=1))
    streams = [engine.stream(r, threading.Event()) for r in request().variants(2)]
    with pytest.raises(GenerationError, match="disk on fire"):
        run_streams(streams, lambda _index, _piece: None)
