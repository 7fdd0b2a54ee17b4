"""Output quality of every task with the embedded model, on fixed inputs.

    .venv/bin/python benchmarks/task_quality.py [--tasks poem,translate] [--max-new-tokens 64]
        [--cache-dir /tmp/inkwell-bench/models] [--show]

Runs each task on its cases in benchmarks/task_inputs.toml, greedy and sampled (seed fixed per
case), through the real engine, and prints a table per task: the share of outputs that are
empty, echo the prompt or template, loop (a repeated 6-gram, or distinct-2 below 0.5) or talk
about the text instead of writing it ("meta": "Here is...", "This is an example of..."), the
median length against the task's target, and for translate and summarize whether the output is
in the target language and shorter than the input. Cases the app refuses to run on this model
(it lacks what the task needs, e.g. writing Chinese) still run here and are counted. `--show`
prints every output too.
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
import itertools
import os
import re
import statistics
import sys
import threading
import time
import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from desktop_app.domain.capabilities import missing_capabilities
from desktop_app.domain.generation import GenerationRequest, ModelInfo
from desktop_app.domain.presets import tokens_to_words
from desktop_app.domain.prompting import EditorContext, PromptError, build_request
from desktop_app.domain.tasks import Task, TextSource
from desktop_app.generation.engine import run_stream
from desktop_app.generation.transformers_engine import TransformersEngine
from desktop_app.services.task_library import builtin_catalogue

INPUTS = Path(__file__).with_name("task_inputs.toml")
SEED = 1234
# A few words of each target language that almost every sentence has; English for contrast.
_COMMON_WORDS = {
    "English": {"the", "a", "is", "and", "of", "to", "in", "you", "i", "it"},
    "French": {"le", "la", "les", "et", "est", "de", "un", "une", "des", "je", "vous", "il"},
    "Spanish": {"el", "la", "los", "y", "es", "de", "un", "una", "que", "su", "por", "se"},
    "German": {"der", "die", "das", "und", "ist", "ein", "eine", "wir", "es", "zu", "heute"},
}
# The model talking about the text instead of writing it ("Here is a poem...", "This is an
# example of...").
_META = re.compile(
    r"\b(here is|here's|here are|this is an example|in this example|this (sentence|translation|"
    r"ad|advertisement|poem|story|text) (is|uses|was)|as an ai|i hope this|let me know|"
    r"sure[,!]|certainly[,!])",
    re.IGNORECASE,
)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


@dataclass
class Case:
    prompt: str
    text: str
    fields: dict[str, str]


@dataclass
class Score:
    empty: bool
    echo: bool
    loop: bool
    meta: bool
    words: int
    in_target: bool | None = None  # translate: in the target language
    shorter: bool | None = None  # translate/summarize: shorter than the input
    refused: bool = False  # the app would not run it: the model lacks what the task needs


def words_of(text: str) -> list[str]:
    """Words, or characters for CJK text, lowercased without punctuation."""
    if _CJK.search(text):
        return [c for c in text if not c.isspace()]
    return re.findall(r"[\w']+", text.lower())


def loops(text: str) -> bool:
    words = words_of(text)
    bigrams = list(itertools.pairwise(words))
    if len(bigrams) >= 10 and len(set(bigrams)) / len(bigrams) < 0.5:
        return True
    grams = Counter(tuple(words[i : i + 6]) for i in range(len(words) - 5))
    return max(grams.values(), default=0) >= 3


def echoes(output: str, request: GenerationRequest, case: Case) -> bool:
    """The output repeats the instructions (5 words in a row of the template's own text),
    or, for a task that must change the writer's text, contains it unchanged."""
    scaffold = "\n".join(m.content for m in request.messages) or request.plain_prompt
    for value in (case.prompt, case.text, *case.fields.values()):
        if value:
            scaffold = scaffold.replace(value, "\n")
    lines = [words_of(line) for line in scaffold.splitlines()]
    grams = {tuple(w[i : i + 5]) for w in lines for i in range(len(w) - 4)}
    out = words_of(output)
    if any(tuple(out[i : i + 5]) in grams for i in range(len(out) - 4)):
        return True
    first = output.strip().split("\n", 1)[0].strip().lower()
    if first.rstrip(":") in {"text", "question", "original", "answer", "summary"}:
        return True
    # Only tasks that must change the writer's text; `continue` and `answer` may quote it.
    text = words_of(case.text)
    if request.task_id in ("continue", "answer") or len(text) < 6:
        return False
    out_text = " ".join(out)
    return " ".join(text) in out_text


def in_language(output: str, language: str) -> bool:
    if language in ("Chinese", "Japanese", "Korean"):
        return len(_CJK.findall(output)) >= max(1, len(output.strip()) // 3)
    if _CJK.search(output):
        return False
    words = words_of(output)
    hits = {lang: sum(w in common for w in words) for lang, common in _COMMON_WORDS.items()}
    return hits.get(language, 0) > 0 and hits[language] == max(hits.values())


def score(
    task: Task, case: Case, request: GenerationRequest, output: str, info: ModelInfo
) -> Score:
    s = Score(
        empty=not output.strip(),
        echo=echoes(output, request, case),
        loop=loops(output),
        meta=bool(_META.search(output)),
        words=len(words_of(output)),
        refused=bool(missing_capabilities(task, request.inputs_dict(), info)),
    )
    if task.id == "translate":
        s.in_target = in_language(output, case.fields.get("target_language", ""))
    if task.id in ("translate", "summarize"):
        s.shorter = len(output.strip()) < len(case.text.strip())
    return s


def load_cases(path: Path) -> dict[str, list[Case]]:
    data: dict[str, list[dict[str, Any]]] = tomllib.loads(path.read_text(encoding="utf-8"))
    return {
        task_id: [
            Case(c.get("prompt", ""), c.get("text", ""), dict(c.get("fields", {}))) for c in cases
        ]
        for task_id, cases in data.items()
    }


def editor_for(task: Task, case: Case) -> EditorContext:
    if task.source is TextSource.BEFORE_CURSOR:
        return EditorContext(case.text, "", case.text)
    return EditorContext("", case.text, case.text)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", default="", help="comma-separated task ids (default: all)")
    parser.add_argument("--max-new-tokens", type=int, default=64)
    parser.add_argument("--cache-dir", type=Path, default=Path("/tmp/inkwell-bench/models"))
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--show", action="store_true", help="print every output")
    parser.add_argument(
        "--from-log",
        type=Path,
        help="score the outputs a --show run printed (same templates) instead of generating",
    )
    args = parser.parse_args()

    cases = load_cases(INPUTS)
    catalogue = builtin_catalogue()
    wanted = [t for t in args.tasks.split(",") if t] or [t.id for t in catalogue]
    generate: Generate
    if args.from_log:
        logged = read_log(args.from_log)
        info = ModelInfo(EMBEDDED_ID, "log", "llama", 8192, True, "cpu", "float32", 0)
        generate = lambda task_id, index, mode, _request: logged.get((task_id, index, mode))  # noqa: E731
        wanted = [t for t in wanted if any(key[0] == t for key in logged)]
    else:
        import torch

        torch.set_num_threads(args.threads)
        engine = TransformersEngine(args.cache_dir)
        info = engine.load("embedded", lambda _f, _m: None)

        def generate(_task_id: str, _index: int, _mode: str, request: GenerationRequest) -> str:
            return run_stream(engine.stream(request, threading.Event()), lambda _t: None).text

    print(f"model {info.model_id}, max {args.max_new_tokens} new tokens, seed {SEED}+case")
    started = time.perf_counter()
    for task_id in wanted:
        if task_id not in catalogue:
            print(f"\n{task_id}: no such task")
            continue
        task = catalogue.get(task_id)
        report(
            generate,
            info,
            task,
            cases.get(task_id, []),
            max_new=args.max_new_tokens,
            show=args.show,
        )
    print(f"\n{time.perf_counter() - started:.0f} s")


# The output for (task id, case, mode, request); None where there is none (a log cut short).
Generate = Callable[[str, int, str, GenerationRequest], str | None]
EMBEDDED_ID = "SmolLM2-135M-Instruct"
_LOGGED = re.compile(r"  \[(\w+) (\d+) (greedy|sampled)\] (.*)")


def read_log(path: Path) -> dict[tuple[str, int, str], str]:
    """The outputs a --show run printed, by task, case and mode."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _LOGGED.fullmatch(line)
        if match:
            key = (match.group(1), int(match.group(2)), match.group(3))
            found[key] = ast.literal_eval(match.group(4))
    return found


def report(
    generate: Generate,
    info: ModelInfo,
    task: Task,
    cases: list[Case],
    *,
    max_new: int,
    show: bool,
) -> None:
    tokens = min(max_new, task.defaults.max_new_tokens)
    target = min(task.target_words, tokens_to_words(tokens))
    rows: dict[str, list[Score]] = {"greedy": [], "sampled": []}
    for index, case in enumerate(cases):
        for mode, scores in rows.items():
            params = dataclasses.replace(
                task.defaults,
                max_new_tokens=tokens,
                seed=SEED + index,
                temperature=0.0 if mode == "greedy" else task.defaults.temperature,
            )
            try:
                request = build_request(
                    task, case.prompt, editor_for(task, case), params, case.fields
                ).request
            except PromptError as exc:
                print(f"  {task.id} case {index}: {exc}", file=sys.stderr)
                continue
            output = generate(task.id, index, mode, request)
            if output is None:
                continue
            scores.append(score(task, case, request, output, info))
            if show:
                print(f"  [{task.id} {index} {mode}] {output.strip()!r}")
    print(f"\n{task.id} ({len(cases)} cases, target {target} words)")
    extra = task.id in ("translate", "summarize")
    print(
        f"  {'mode':8} {'empty':>5} {'echo':>5} {'loop':>5} {'meta':>5} {'words':>6} {'len/tgt':>7}"
        + (f" {'target lang':>11} {'shorter':>7}" if extra else "")
    )
    for mode, scores in rows.items():
        if not scores:
            continue
        n = len(scores)
        words = statistics.median(s.words for s in scores)
        line = (
            f"  {mode:8} {_share(s.empty for s in scores):>5} {_share(s.echo for s in scores):>5}"
            f" {_share(s.loop for s in scores):>5} {_share(s.meta for s in scores):>5}"
            f" {words:>6.0f} {words / target:>7.2f}"
        )
        if extra:
            langs = [s.in_target for s in scores if s.in_target is not None]
            shorter = _share(s.shorter for s in scores)
            line += f" {(_share(langs) if langs else '-'):>11} {shorter:>7}"
        refused = sum(s.refused for s in scores)
        print(line + f"   (n={n}" + (f"; {refused} refused by the app" if refused else "") + ")")


def _share(flags: Any) -> str:
    values = [bool(f) for f in flags]
    return f"{sum(values)}/{len(values)}"


if __name__ == "__main__":
    main()
