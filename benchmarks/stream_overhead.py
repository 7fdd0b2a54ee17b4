"""Generation speed of Inkwell's paths against bare `model.generate`, measured in one run.

    .venv/bin/python benchmarks/stream_overhead.py [--tokens 96] [--repeats 3] [--data-dir DIR]

Prints tokens/s of (1) `model.generate` on the same weights and prompt (the reference),
(2) the engine's own decoding loop (which also logs each token's top-5 alternatives), (3)
the full app path: the engine on the model thread behind ModelService, chunks delivered to a
GUI-thread event loop, and (4) that path writing three variants at once. Each as a ratio to
the reference: ratios, not seconds, are comparable across machines. Greedy decoding, so all
paths produce the same tokens.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop

from desktop_app.domain.generation import GenerationParams, GenerationRequest, GenerationResult
from desktop_app.domain.prompting import EditorContext, build_request
from desktop_app.generation.engine import run_stream
from desktop_app.generation.sources import resolve
from desktop_app.generation.transformers_engine import TransformersEngine
from desktop_app.paths import DataPaths
from desktop_app.services.model_service import ModelService
from desktop_app.services.task_library import task_by_id


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tokens", type=int, default=96)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "inkwell-bench"
    )
    args = parser.parse_args()
    cache = DataPaths(args.data_dir).model_cache
    params = GenerationParams(max_new_tokens=args.tokens, temperature=0.0, repetition_penalty=1.0)
    request = build_request(
        task_by_id("poem"), "the sea at night", EditorContext("", "", ""), params
    ).request

    engine = TransformersEngine(cache)
    info = engine.load("embedded", lambda _f, _m: None)  # converts on the first run
    paths = {
        "reference": reference_path(cache, engine, request),
        "engine": lambda: engine_rate(engine, request),
    }
    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    service = loaded_service(cache)
    paths["app"] = lambda: app_rate(service, request)
    # Three variants take turns a token each: the same pace, shared by three texts.
    paths["app, 3 variants"] = lambda: app_rate(service, request, variants=3)

    rates: dict[str, list[float]] = {name: [] for name in paths}
    for _ in range(args.repeats):  # interleaved, so machine noise hits all paths alike
        for name, measure in paths.items():
            rates[name].append(measure())
    service.shutdown()

    import torch

    reference = statistics.median(rates["reference"])
    print(
        f"model {info.model_id} on {info.device}, {torch.get_num_threads()} thread(s), "
        f"{args.tokens} tokens, median of {args.repeats}"
    )
    for name, values in rates.items():
        median = statistics.median(values)
        print(f"{name:>16}: {median:6.1f} tokens/s   ratio to reference {median / reference:5.2f}")
    del app


def reference_path(
    cache: Path, engine: TransformersEngine, request: GenerationRequest
) -> Callable[[], float]:
    """Bare `model.generate` on the same weights and the exact prompt the engine renders."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    weights = resolve("embedded", cache).weights_dir
    tokenizer = AutoTokenizer.from_pretrained(weights)
    model = AutoModelForCausalLM.from_pretrained(weights, dtype=torch.float32).eval()
    rendered = run_stream(engine.stream(request, threading.Event()), lambda _t: None)
    inputs = tokenizer(rendered.rendered_prompt, add_special_tokens=False, return_tensors="pt")
    max_new = request.params.max_new_tokens

    def measure() -> float:
        started = time.perf_counter()
        out = model.generate(**inputs, do_sample=False, max_new_tokens=max_new)
        return (out.shape[1] - inputs.input_ids.shape[1]) / (time.perf_counter() - started)

    return measure


def engine_rate(engine: TransformersEngine, request: GenerationRequest) -> float:
    result = run_stream(engine.stream(request, threading.Event()), lambda _t: None)
    return result.output_tokens / result.duration_s


def loaded_service(cache: Path) -> ModelService:
    service = ModelService(lambda: TransformersEngine(cache))
    loop = QEventLoop()
    service.modelLoaded.connect(loop.quit)
    service.load("embedded")
    loop.exec()
    return service


def app_rate(service: ModelService, request: GenerationRequest, variants: int = 1) -> float:
    """Tokens/s as the GUI thread sees them: from the click to the last chunk delivered,
    counting the tokens of all variants."""
    done = QEventLoop()
    results: list[tuple[GenerationResult, ...]] = []
    chunks: list[str] = []
    on_chunk = service.chunkReceived.connect(lambda _id, _index, text: chunks.append(text))
    on_done = service.generationFinished.connect(lambda _id, r: (results.append(r), done.quit()))
    started = time.perf_counter()
    service.generate(*request.variants(variants))
    done.exec()
    elapsed = time.perf_counter() - started
    service.chunkReceived.disconnect(on_chunk)
    service.generationFinished.disconnect(on_done)
    return sum(result.output_tokens for result in results[0]) / elapsed


if __name__ == "__main__":
    main()
