"""Checks the CUDA path on a machine with an NVIDIA GPU (the test suite runs on CPUs only).

    PYTHONPATH=.:tests python3 scripts/gpu_check.py

Builds a tiny random Llama, then: the automatic choice picks the GPU at its best precision;
every precision the GPU offers loads and generates; greedy output on the GPU equals
transformers' own `generate` there; a fixed seed repeats; GPU memory is reported and
freed again when the model is unloaded. Exits 1 on the first failed check.
"""

from __future__ import annotations

import sys
import tempfile
import threading
from pathlib import Path

import model_factory

from desktop_app.domain.generation import (
    ChatMessage,
    GenerationParams,
    GenerationRequest,
    LoadOptions,
)
from desktop_app.generation import system_resources
from desktop_app.generation.engine import run_stream
from desktop_app.generation.transformers_engine import TransformersEngine


def check(condition: bool, what: str) -> None:
    print(("ok    " if condition else "FAIL  ") + what, flush=True)
    if not condition:
        sys.exit(1)


def request(**params: object) -> GenerationRequest:
    return GenerationRequest(
        task_id="story",
        inputs=(),
        messages=(ChatMessage("user", "Tell a story about the sea."),),
        plain_prompt="Tell a story about the sea.",
        params=GenerationParams(max_new_tokens=24, **params),  # type: ignore[arg-type]
    )


def main() -> None:
    import torch
    from transformers import AutoModelForCausalLM

    devices = system_resources.available_devices()
    print("devices:", devices)
    check(devices[0].name == "cuda:0", "the GPU is listed first")
    gpus = system_resources.gpu_memory()
    print("gpu memory:", gpus)
    check(bool(gpus) and gpus[0].free_bytes > 0, "GPU memory is reported")

    folder = model_factory.llama_folder(
        Path(tempfile.mkdtemp()) / "tiny", model_factory.byte_tokenizer()
    )
    engine = TransformersEngine(Path(tempfile.mkdtemp()))
    info = engine.load(str(folder), lambda f, m: None, LoadOptions())
    print("automatic:", info)
    check(info.device == "cuda:0", "automatic loads on the GPU")
    check(info.dtype == devices[0].recommended_dtype, "at the GPU's recommended precision")

    for dtype in devices[0].dtypes:
        info = engine.load(str(folder), lambda f, m: None, LoadOptions(dtype=dtype))
        pieces: list[str] = []
        result = run_stream(
            engine.stream(request(temperature=0.0), threading.Event()), pieces.append
        )
        check(info.dtype == dtype and result.output_tokens > 0, f"{dtype} loads and generates")

    engine.load(str(folder), lambda f, m: None, LoadOptions(device="cuda", dtype="float32"))
    model = AutoModelForCausalLM.from_pretrained(folder).to("cuda").eval()
    for penalty in (1.0, 1.3):  # the engine's own score adjustments run on the GPU too
        greedy = run_stream(
            engine.stream(request(temperature=0.0, repetition_penalty=penalty), threading.Event()),
            lambda _: None,
        )
        # The engine's tokenizer may be its own (plain_tokenizer), which returns plain lists.
        prompt = engine._tokenizer(greedy.rendered_prompt, add_special_tokens=False)["input_ids"]
        ids = torch.tensor([prompt], device="cuda")
        out = model.generate(ids, do_sample=False, max_new_tokens=24, repetition_penalty=penalty)
        expected: list[int] = out[0, len(prompt) :].tolist()
        got = [choice.token_id for choice in greedy.tokens]
        check(
            got == expected[: len(got)],
            f"greedy on the GPU equals transformers' generate (repetition penalty {penalty})",
        )
    del model

    first = run_stream(engine.stream(request(seed=11), threading.Event()), lambda _: None)
    again = run_stream(engine.stream(request(seed=11), threading.Event()), lambda _: None)
    check(first.text == again.text, "a fixed seed repeats on the GPU")

    used = torch.cuda.memory_allocated()
    engine.unload()
    check(torch.cuda.memory_allocated() < used, "unloading frees GPU memory")

    info = engine.load(str(folder), lambda f, m: None, LoadOptions(device="cpu", threads=2))
    check((info.device, info.dtype, info.threads) == ("cpu", "float32", 2), "the CPU on request")
    engine.unload()
    print("all GPU checks passed")


if __name__ == "__main__":
    main()
