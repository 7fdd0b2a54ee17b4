"""Fine-tuning the embedded model (SmolLM2-135M-Instruct) on a fixed public-domain text.

    .venv/bin/python benchmarks/finetune.py [--steps 40] [--threads 1] [--data-dir DIR]

Runs the app's own training code (generation/finetune.py, here in this process instead of a
child) on `benchmarks/data/coriolanus_opening.txt` (see the README beside it): LoRA on every
linear layer, the last tenth of the text held out. Prints the wall time of each step, the
held-out perplexity before and after, the peak resident memory, and the seconds per token
per million parameters that the dialog's time estimate uses.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from desktop_app.domain.finetune import TrainingSettings
from desktop_app.generation.finetune import TrainingJob, create_run, train_in_child
from desktop_app.generation.sources import resolve
from desktop_app.paths import DataPaths

TEXT = Path(__file__).parent / "data" / "coriolanus_opening.txt"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=40)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--block-size", type=int, default=128)
    parser.add_argument("--batch-size", type=int, default=2)
    parser.add_argument("--learning-rate", type=float, default=1e-3)
    parser.add_argument(
        "--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "inkwell-bench"
    )
    args = parser.parse_args()
    cache = DataPaths(args.data_dir).model_cache
    source = resolve("embedded", cache)
    settings = TrainingSettings(
        max_steps=args.steps,
        learning_rate=args.learning_rate,
        block_size=args.block_size,
        batch_size=args.batch_size,
    )
    work = Path(tempfile.mkdtemp(prefix="inkwell-finetune-"))
    state = create_run(
        work,
        name="Coriolanus",
        spec="embedded",
        base_model_id=source.model_id,
        texts=[TEXT.read_text(encoding="utf-8")],
        settings=settings,
    )
    print(f"model {source.model_id}, {args.threads} thread(s), {os.cpu_count()} cores", flush=True)
    parent, child = multiprocessing.Pipe()
    messages: list[dict[str, Any]] = []
    reader = threading.Thread(target=_print_reports, args=(parent, messages), daemon=True)
    reader.start()
    started = time.perf_counter()
    train_in_child(TrainingJob(state.run_dir, str(work), str(cache), threads=args.threads), child)
    reader.join()
    total = time.perf_counter() - started
    shutil.rmtree(work, ignore_errors=True)
    summarize(messages, total, settings)


def _print_reports(conn: Any, messages: list[dict[str, Any]]) -> None:
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        messages.append(message)
        kind = message["kind"]
        if kind == "step":
            print(
                f"step {message['step']:3}/{message['total_steps']}  "
                f"loss {message['loss']:.3f}  {message['step_seconds']:.2f} s  "
                f"{message['tokens_per_second']:.0f} tokens/s",
                flush=True,
            )
        elif kind != "checkpoint":
            print(message, flush=True)


def summarize(messages: list[dict[str, Any]], total: float, settings: TrainingSettings) -> None:
    finished = [m for m in messages if m["kind"] == "finished"]
    if not finished:
        sys.exit("training did not finish")
    prepared = next(m for m in messages if m["kind"] == "prepared")
    steps = [m["step_seconds"] for m in messages if m["kind"] == "step"]
    before, after = finished[0]["perplexity_before"], finished[0]["perplexity_after"]
    mean = sum(steps) / len(steps)
    tokens = settings.batch_size * settings.block_size
    per_token = mean / tokens / (prepared["parameter_count"] / 1e6)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_mb = peak / 2**20 if sys.platform == "darwin" else peak / 1024
    print()
    print(f"text: {prepared['words']:,} words, {prepared['tokens']:,} tokens")
    print(
        f"blocks of {settings.block_size}: {prepared['train_blocks']} trained on, "
        f"{prepared['held_out_blocks']} held out"
    )
    print(f"steps: {len(steps)}, mean {mean:.2f} s, min {min(steps):.2f} s, max {max(steps):.2f} s")
    print(f"seconds per token per million parameters: {per_token:.6f}")
    print(f"held-out perplexity: {before:.2f} before, {after:.2f} after ({after / before:.0%})")
    print(f"peak memory (RSS): {peak_mb:.0f} MB")
    print(f"wall time, load to saved adapter: {total:.0f} s")


if __name__ == "__main__":
    main()
