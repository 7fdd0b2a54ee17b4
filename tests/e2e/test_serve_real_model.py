"""`desktop-app serve` on the real embedded model, with the openai client and Inkwell's own
remote engine as its clients, stopped with Ctrl+C as a user would."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

import openai

from desktop_app.domain.generation import (
    ChatMessage,
    GenerationParams,
    GenerationRequest,
    LoadOptions,
    StopReason,
)
from desktop_app.generation.engine import run_stream
from desktop_app.generation.engine_router import RoutedEngine
from desktop_app.generation.remote_spec import remote_spec

MODEL = "SmolLM2-135M-Instruct"


def test_serve_answers_clients_and_stops_on_ctrl_c(data_dir: Path, tmp_path: Path) -> None:
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir), "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        found = re.search(r"Serving (\S+) at (http://\S+/v1)", line)
        assert found, (line, (tmp_path / "serve.log").read_text())
        assert found[1] == MODEL
        url = found[2]

        client = openai.OpenAI(base_url=url, api_key="none", max_retries=0, timeout=120)
        reply = client.chat.completions.create(
            model=MODEL,
            messages=[{"role": "user", "content": "What is the capital of France?"}],
            max_tokens=8,
            temperature=0,
        )
        assert "Paris" in (reply.choices[0].message.content or "")

        engine = RoutedEngine(data_dir / "models")
        info = engine.load(remote_spec(url, MODEL), lambda _f, _m: None, LoadOptions())
        assert (info.model_id, info.device) == (MODEL, "remote")
        request = GenerationRequest(
            "question",
            (),
            (ChatMessage("user", "What is the capital of France?"),),
            "",
            GenerationParams(max_new_tokens=8, temperature=0.0),
        )
        pieces: list[str] = []
        result = run_stream(engine.stream(request, threading.Event()), pieces.append)
        engine.unload()
        # Greedy both times: the remote engine gets exactly what the openai client got.
        assert result.text == reply.choices[0].message.content
        assert "".join(pieces) == result.text
        assert result.stop_reason in (StopReason.END_OF_TEXT, StopReason.LENGTH)
    finally:
        server.send_signal(signal.SIGINT)
        code = server.wait(60)
        log.close()
    assert code == 0, (tmp_path / "serve.log").read_text()
