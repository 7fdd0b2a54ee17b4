"""The remote engine against `serve` (the whole path) and against scripted servers."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from serve_helpers import serving
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from desktop_app.domain.generation import (
    ChatMessage,
    GenerationParams,
    GenerationRequest,
    LoadOptions,
    StopReason,
)
from desktop_app.generation.engine import GenerationError, ModelLoadError, run_stream, run_streams
from desktop_app.generation.engine_router import RoutedEngine
from desktop_app.generation.fake_engine import FAKE_MODEL_ID, FakeEngine
from desktop_app.generation.remote_engine import (
    RemoteEngine,
    RemoteServerError,
    list_remote_models,
)
from desktop_app.generation.remote_spec import (
    needs_insecure_confirmation,
    parse_remote_spec,
    remote_spec,
)
from desktop_app.serving.server import RunningServer

REPLY = "Once upon a time, a fake model wrote this."


def user_message(text: str) -> ChatMessage:
    return ChatMessage("user", text)


NO_PROGRESS = lambda _fraction, _message: None  # noqa: E731


def chat(text: str = "Tell a story.", **params: object) -> GenerationRequest:
    return GenerationRequest(
        task_id="story",
        inputs=(("text", text),),
        messages=(user_message(text),),
        plain_prompt=text,
        params=GenerationParams(**params),  # type: ignore[arg-type]
    )


def plain(text: str, **params: object) -> GenerationRequest:
    return GenerationRequest("continue", (), (), text, GenerationParams(**params))  # type: ignore[arg-type]


def loaded(url: str, model: str = FAKE_MODEL_ID, key: str | None = None) -> RoutedEngine:
    engine = RoutedEngine(Path("/nonexistent"), lambda _url: key, local_engine=FakeEngine)
    engine.load(remote_spec(url, model), NO_PROGRESS, LoadOptions())
    return engine


def test_specs_name_the_server_and_model_and_never_a_key() -> None:
    spec = remote_spec("http://gpu-box:8000/v1/", "meta-llama/Llama-3.1-8B#q4")
    assert spec == "openai+http://gpu-box:8000/v1#meta-llama/Llama-3.1-8B%23q4"
    remote = parse_remote_spec(spec)
    assert (remote.base_url, remote.model) == (
        "http://gpu-box:8000/v1",
        "meta-llama/Llama-3.1-8B#q4",
    )
    for bad in ("openai+http://host/v1", "openai+ftp://host/v1#m", "embedded"):
        with pytest.raises(ValueError):
            parse_remote_spec(bad)
    assert needs_insecure_confirmation("http://gpu-box:8000/v1")
    assert needs_insecure_confirmation("http://10.0.0.5/v1")
    for safe in (
        "https://gpu-box/v1",
        "http://localhost:11434/v1",
        "http://127.0.0.1/v1",
        "http://[::1]:8000/v1",
    ):
        assert not needs_insecure_confirmation(safe)


def test_the_remote_engine_streams_chat_and_plain_prompts_from_serve() -> None:
    served_engine = FakeEngine()
    with serving(served_engine) as served:
        engine = loaded(served.url)
        assert isinstance(engine.engine, RemoteEngine)
        pieces: list[str] = []
        result = run_stream(engine.stream(chat(seed=42), threading.Event()), pieces.append)
        assert "".join(pieces) == result.text == REPLY
        assert len(pieces) == len(served_engine.pieces())  # one item per token
        assert result.stop_reason is StopReason.END_OF_TEXT
        assert (result.seed, result.model_id) == (42, FAKE_MODEL_ID)
        assert result.output_tokens == len(served_engine.pieces())
        assert result.prompt_tokens == 3  # the server's count, from the usage it sent
        # The server got the chat as messages, so its model's own template applies.
        assert served_engine.requests[-1].messages == (user_message("Tell a story."),)
        # The history's exact prompt is the chat sent; running it again sends that chat.
        again = dataclasses.replace(
            chat(), messages=(), plain_prompt="", rendered_prompt=result.rendered_prompt
        )
        assert run_stream(engine.stream(again, threading.Event()), lambda _t: None).text
        assert served_engine.requests[-1].messages == (user_message("Tell a story."),)

        short = run_stream(
            engine.stream(plain("Once", max_new_tokens=3), threading.Event()), lambda _t: None
        )
        assert (short.text, short.stop_reason) == ("Once upon a ", StopReason.LENGTH)
        assert served_engine.requests[-1].plain_prompt == "Once"
        many_stops = ("stop1", "stop2", "stop3", "stop4", "stop5", "fake")
        cut = run_stream(
            engine.stream(chat(seed=42, stop_sequences=many_stops), threading.Event()),
            lambda _t: None,
        )
        assert (cut.text, cut.stop_reason) == ("Once upon a time, a ", StopReason.STOP_SEQUENCE)

        variants = run_streams(
            [engine.stream(r, threading.Event()) for r in chat(seed=7).variants(3)],
            lambda _index, _piece: None,
        )
        assert [v.text for v in variants] == [f"{REPLY} (seed {s})" for s in (7, 8, 9)]


def test_stop_ends_the_stream_at_once_and_frees_the_servers_slot() -> None:
    served_engine = FakeEngine(reply="word " * 500, delay_s=0.01)
    with serving(served_engine, concurrency=1, queue_size=0) as served:
        engine = loaded(served.url)
        cancel = threading.Event()
        stream = engine.stream(chat(max_new_tokens=500), cancel)
        pieces = [next(stream) for _ in range(3)]
        cancel.set()
        started = time.perf_counter()
        result = run_stream(stream, pieces.append)
        assert time.perf_counter() - started < 1.0
        assert result.stop_reason is StopReason.CANCELLED
        assert len(pieces) < 20
        # The server sees the client go at its next token, and its only slot is free again.
        deadline = time.perf_counter() + 2.0
        while served.scheduler.admitted and time.perf_counter() < deadline:
            time.sleep(0.01)
        assert served.scheduler.admitted == 0
        again = run_stream(
            engine.stream(chat(max_new_tokens=2), threading.Event()), lambda _t: None
        )
        assert again.output_tokens == 2


@pytest.fixture(scope="module")
def scripted() -> Iterator[str]:
    """A server that misbehaves on purpose, one way per model name."""
    release = threading.Event()

    async def models(request: Request) -> Response:
        if request.headers.get("authorization") != "Bearer right":
            return JSONResponse({"error": {"message": "Invalid API key"}}, status_code=401)
        ids = ["broken", "slow", "stalls", "picky", "reasons"]
        return JSONResponse(
            {"data": [{"id": i, "meta": {"n_ctx_train": 8192, "n_params": 7}} for i in ids]}
        )

    async def completions(request: Request) -> Response:
        body = await request.json()
        model = body["model"]
        if model == "broken":
            return JSONResponse({"error": {"message": "CUDA out of memory"}}, status_code=503)
        if model == "slow":
            await asyncio.sleep(2)
        if model == "picky" and "logprobs" in body:
            return JSONResponse({"error": {"message": "logprobs not supported"}}, status_code=400)

        async def events() -> AsyncIterator[str]:
            logprobs = {
                "content": [
                    {
                        "token": "Hi",
                        "logprob": -0.1,
                        "top_logprobs": [
                            {"token": "Hi", "logprob": -0.1},
                            {"token": "Yo", "logprob": -2.5},
                        ],
                    }
                ]
            }
            chunk = {
                "choices": [
                    {
                        "index": 0,
                        "delta": {"content": "Hi"},
                        "logprobs": logprobs if "logprobs" in body else None,
                    }
                ]
            }
            yield f"data: {json.dumps(chunk)}\n\n"
            if model == "stalls":
                while not release.is_set():
                    await asyncio.sleep(0.05)
            yield 'data: {"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}\n\n'
            yield "data: [DONE]\n\n"

        return StreamingResponse(events(), media_type="text/event-stream")

    app = Starlette(
        routes=[
            Route("/v1/models", models),
            Route("/v1/chat/completions", completions, methods=["POST"]),
        ]
    )
    server = RunningServer(app, "127.0.0.1", 0)
    yield server.base_url
    release.set()
    server.stop()


def test_load_errors_name_the_server_and_the_cause(scripted: str) -> None:
    with pytest.raises(
        ModelLoadError,
        match=r"at http://127\.0\.0\.1:\d+/v1 refused the API key \(HTTP 401: Invalid API key\)",
    ):
        loaded(scripted, "slow", key="wrong")
    with pytest.raises(ModelLoadError, match=r"has no model named gpt-9 \(it offers: broken, slow"):
        loaded(scripted, "gpt-9", key="right")
    with pytest.raises(ModelLoadError, match=r"no OpenAI-compatible API there \(HTTP 404"):
        loaded(scripted.removesuffix("/v1"), "slow", key="right")
    with pytest.raises(
        ModelLoadError, match=r"Cannot connect to the server at http://127\.0\.0\.1:9/v1"
    ):
        loaded("http://127.0.0.1:9/v1")
    assert list_remote_models(scripted, "right") == ["broken", "slow", "stalls", "picky", "reasons"]
    with pytest.raises(RemoteServerError, match="refused the API key"):
        list_remote_models(scripted, None)
    info = RemoteEngine(lambda _url: "right").load(remote_spec(scripted, "slow"), NO_PROGRESS)
    assert (info.device, info.context_length, info.parameter_count) == ("remote", 8192, 7)


def test_generation_errors_name_the_server_and_the_cause(scripted: str) -> None:
    with pytest.raises(GenerationError, match=r"failed \(HTTP 503: CUDA out of memory\)"):
        run_stream(loaded(scripted, "broken", "right").stream(chat(), threading.Event()), print)
    slow = RemoteEngine(lambda _url: "right", read_timeout_s=0.3)
    slow.load(remote_spec(scripted, "slow"), NO_PROGRESS)
    with pytest.raises(GenerationError, match="did not answer in time"):
        run_stream(slow.stream(chat(), threading.Event()), print)
    served_failure = FakeEngine(generate_error="the model broke", error_after=2)
    with (
        serving(served_failure) as served,
        pytest.raises(GenerationError, match="failed: the model broke"),
    ):
        run_stream(loaded(served.url).stream(chat(), threading.Event()), lambda _t: None)


def test_stop_wakes_a_stream_waiting_on_a_silent_server(scripted: str) -> None:
    engine = loaded(scripted, "stalls", "right")
    cancel = threading.Event()
    stream = engine.stream(chat(), cancel)
    assert next(stream) == "Hi"
    threading.Timer(0.1, cancel.set).start()
    started = time.perf_counter()
    result = run_stream(stream, lambda _t: None)
    assert time.perf_counter() - started < 1.0
    assert (result.text, result.stop_reason) == ("Hi", StopReason.CANCELLED)


def test_log_probabilities_fill_the_token_view_where_the_server_gives_them(scripted: str) -> None:
    result = run_stream(
        loaded(scripted, "reasons", "right").stream(chat(), threading.Event()), lambda _t: None
    )
    (token,) = result.tokens
    assert token.text == "Hi" and token.probability == pytest.approx(0.905, abs=0.001)
    assert [a.text for a in token.alternatives] == ["Hi", "Yo"]
    # A server that refuses log-probabilities is asked again without them.
    picky = run_stream(
        loaded(scripted, "picky", "right").stream(chat(), threading.Event()), lambda _t: None
    )
    assert (picky.text, picky.tokens) == ("Hi", ())
    with pytest.raises(GenerationError, match="cannot continue from a chosen token"):
        run_stream(
            loaded(scripted, "picky", "right").stream(chat().again((0,)), threading.Event()), print
        )


def test_the_app_engine_imports_the_http_client_and_keyring_only_for_a_server(
    tmp_path: Path,
) -> None:
    """They take 0.2 s of the model thread beside the window's first paint, for nothing when
    the model is on this computer."""
    script = f"""
import sys
from desktop_app import app
from desktop_app.paths import DataPaths

engine = app.make_engine(DataPaths(__import__("pathlib").Path({str(tmp_path)!r})))
assert "httpx" not in sys.modules and "keyring" not in sys.modules
try:
    engine.load("openai+http://127.0.0.1:9#m", lambda _fraction, _message: None)
except Exception:
    pass  # nothing listens there: the server's engine was made, and asked for its key
assert "httpx" in sys.modules and "keyring" in sys.modules
print("ok")
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.stdout.strip() == "ok", done.stderr
