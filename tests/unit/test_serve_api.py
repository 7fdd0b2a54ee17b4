"""`desktop-app serve`: the official OpenAI client and raw HTTP against the real server."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Generator

import httpx
import openai
import pytest
from serve_helpers import serving

from desktop_app.app import parse_args
from desktop_app.domain.generation import GenerationRequest, GenerationResult
from desktop_app.generation.fake_engine import FAKE_MODEL_ID, FakeEngine
from desktop_app.serving.options import ServeOptions, options_from
from desktop_app.serving.server import ServeError, check_options, run_serve

REPLY = "Once upon a time, a fake model wrote this."
REPLY_TOKENS = len(FakeEngine(REPLY).pieces())


def client_for(url: str, token: str = "unused") -> openai.OpenAI:
    return openai.OpenAI(base_url=url, api_key=token, max_retries=0, timeout=10)


def test_the_openai_client_lists_the_model_and_completes_chats_and_prompts() -> None:
    engine = FakeEngine()
    with serving(engine) as served:
        client = client_for(served.url)
        assert [m.id for m in client.models.list()] == [FAKE_MODEL_ID]

        chat = client.chat.completions.create(
            model=FAKE_MODEL_ID,
            messages=[
                {"role": "system", "content": "Be brief."},
                {"role": "user", "content": "Tell a story."},
            ],
            max_tokens=50,
            seed=42,
        )
        assert chat.choices[0].message.content == REPLY
        assert chat.choices[0].finish_reason == "stop"
        assert chat.usage is not None and chat.usage.completion_tokens == REPLY_TOKENS
        # Chat reaches the engine as messages, so the model's chat template applies.
        sent = engine.requests[-1]
        assert [(m.role, m.content) for m in sent.messages] == [
            ("system", "Be brief."),
            ("user", "Tell a story."),
        ]

        text = client.completions.create(
            model=FAKE_MODEL_ID, prompt="Once", max_tokens=3, temperature=0.0, stop=["never"]
        )
        assert text.choices[0].text == "Once upon a "
        assert text.choices[0].finish_reason == "length"
        assert engine.requests[-1].messages == ()
        assert engine.requests[-1].plain_prompt == "Once"
        assert engine.requests[-1].params.stop_sequences == ("never",)


def test_the_openai_client_streams_chat_and_completions() -> None:
    with serving() as served:
        client = client_for(served.url)
        stream = client.chat.completions.create(
            model=FAKE_MODEL_ID,
            messages=[{"role": "user", "content": "Hi"}],
            stream=True,
            stream_options={"include_usage": True},
            seed=42,
        )
        chunks = list(stream)
        text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
        assert text == REPLY
        assert chunks[-1].usage is not None and chunks[-1].usage.completion_tokens == REPLY_TOKENS
        pieces = client.completions.create(
            model=FAKE_MODEL_ID, prompt="Hi", stream=True, seed=7, stop=" (seed"
        )
        assert "".join(c.choices[0].text for c in pieces) == REPLY


def test_refusals_are_4xx_in_openais_shape() -> None:
    with serving(token="s3cret", max_body_bytes=2_000) as served:
        url = served.url
        good = {"Authorization": "Bearer s3cret"}
        with httpx.Client(timeout=10) as http:
            assert http.get(f"{url}/models").status_code == 401
            wrong = http.get(f"{url}/models", headers={"Authorization": "Bearer nope"})
            assert wrong.status_code == 401
            assert wrong.headers["www-authenticate"] == "Bearer"
            assert "token" in wrong.json()["error"]["message"]
            assert http.get(f"{url}/models", headers=good).status_code == 200

            post = f"{url}/chat/completions"
            broken = http.post(post, content=b"{not json", headers=good)
            assert broken.status_code == 400
            assert "not valid JSON" in broken.json()["error"]["message"]
            assert http.post(post, json=[1, 2], headers=good).status_code == 400
            assert http.post(post, json={"messages": []}, headers=good).status_code == 400
            bad_params = {"messages": [{"role": "user", "content": "x"}], "temperature": 9}
            assert http.post(post, json=bad_params, headers=good).status_code == 400
            other = {"model": "gpt-9", "messages": [{"role": "user", "content": "x"}]}
            assert http.post(post, json=other, headers=good).status_code == 404
            huge = {"messages": [{"role": "user", "content": "x" * 5_000}]}
            assert http.post(post, json=huge, headers=good).status_code == 413

            def chunked() -> Generator[bytes, None, None]:  # no Content-Length to refuse early
                yield b'{"messages": ['
                for _ in range(100):
                    yield b'{"role": "user", "content": "' + b"x" * 50 + b'"},'

            assert http.post(post, content=chunked(), headers=good).status_code == 413
        # The server still answers after all that.
        assert client_for(url, "s3cret").models.list().data[0].id == FAKE_MODEL_ID


class CountingEngine(FakeEngine):
    """Counts the streams open at once, as the engine sees them."""

    def __init__(self) -> None:
        super().__init__(delay_s=0.002)
        self.open = 0
        self.most_open = 0

    def stream(
        self, request: GenerationRequest, cancel: threading.Event
    ) -> Generator[str, None, GenerationResult]:
        self.open += 1
        self.most_open = max(self.most_open, self.open)
        try:
            return (yield from super().stream(request, cancel))
        finally:
            self.open -= 1


def test_fifty_concurrent_streams_all_arrive_whole_within_the_concurrency() -> None:
    engine = CountingEngine()
    with serving(engine, concurrency=4, queue_size=50) as served:
        url = f"{served.url}/chat/completions"

        async def one(client: httpx.AsyncClient, seed: int) -> str:
            body = {
                "messages": [{"role": "user", "content": f"story {seed}"}],
                "stream": True,
                "seed": seed,
            }
            pieces = []
            async with client.stream("POST", url, json=body) as response:
                assert response.status_code == 200
                async for line in response.aiter_lines():
                    if line.startswith("data: ") and line != "data: [DONE]":
                        choices = json.loads(line[6:])["choices"]
                        pieces.append(choices[0]["delta"].get("content") or "")
            return "".join(pieces)

        async def all_of_them() -> list[str]:
            limits = httpx.Limits(max_connections=60)
            async with httpx.AsyncClient(timeout=30, limits=limits) as client:
                return await asyncio.gather(*(one(client, seed) for seed in range(100, 150)))

        texts = asyncio.run(all_of_them())
    assert texts == [f"{REPLY} (seed {seed})" for seed in range(100, 150)]
    assert served.scheduler.peak_running == 4
    assert engine.most_open == 4


class GatedEngine(FakeEngine):
    """Holds every generation until `gate` opens."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()

    def stream(
        self, request: GenerationRequest, cancel: threading.Event
    ) -> Generator[str, None, GenerationResult]:
        self.gate.wait(10)
        return (yield from super().stream(request, cancel))


def test_requests_beyond_the_queue_get_429_with_retry_after() -> None:
    engine = GatedEngine()
    with serving(engine, concurrency=1, queue_size=1) as served:
        url = f"{served.url}/completions"
        answers: list[httpx.Response] = []

        def call() -> None:
            answers.append(httpx.post(url, json={"prompt": "x", "max_tokens": 2}, timeout=10))

        threads = [threading.Thread(target=call) for _ in range(4)]
        for thread in threads:
            thread.start()
        while len(answers) < 2:  # one runs, one waits, two are turned away at once
            threading.Event().wait(0.01)
        engine.gate.set()
        for thread in threads:
            thread.join()
        assert sorted(a.status_code for a in answers) == [200, 200, 429, 429]
        refused = next(a for a in answers if a.status_code == 429)
        assert refused.headers["retry-after"] == "2"
        assert refused.json()["error"]["type"] == "rate_limit_exceeded"
        # Once the queue has room again, the server answers as before.
        assert client_for(served.url).completions.create(model=FAKE_MODEL_ID, prompt="x").choices


def test_a_client_that_leaves_mid_stream_frees_its_slot() -> None:
    engine = FakeEngine(reply="word " * 400, delay_s=0.01)
    with serving(engine, concurrency=1, queue_size=0) as served:
        body = {"prompt": "x", "stream": True, "max_tokens": 400}
        with (
            httpx.Client(timeout=10) as http,
            http.stream("POST", f"{served.url}/completions", json=body) as response,
        ):
            next(response.iter_lines())  # the first piece, then hang up
        # With one slot and no queue, this gets through only once the first stream ended.
        for _ in range(100):
            reply = httpx.post(f"{served.url}/completions", json={"prompt": "x", "max_tokens": 2})
            if reply.status_code == 200:
                break
            threading.Event().wait(0.02)
        assert reply.status_code == 200


def test_a_non_loopback_address_needs_a_token() -> None:
    with pytest.raises(ServeError, match="token is required"):
        check_options(ServeOptions(host="0.0.0.0"))
    check_options(ServeOptions(host="0.0.0.0", token="t"))
    check_options(ServeOptions(host="::1"))
    assert run_serve(FakeEngine(), "fake", ServeOptions(host="0.0.0.0")) == 2


def test_serve_is_a_command_and_the_old_options_still_work(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INKWELL_SERVE_TOKEN", "from-env")
    args = parse_args(["--data-dir", "/tmp/x", "serve", "--port", "0", "--model", "m"])
    assert (args.command, str(args.data_dir), args.model) == ("serve", "/tmp/x", "m")
    options = options_from(args)
    assert (options.host, options.port, options.token) == ("127.0.0.1", 0, "from-env")
    gui = parse_args(["--data-dir", "/tmp/y", "--model", "embedded"])
    assert (gui.command, str(gui.data_dir), gui.model) == (None, "/tmp/y", "embedded")
