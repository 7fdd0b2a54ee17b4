"""LoRA fine-tuning of a local model on the writer's text, in a child process.

The GUI process writes a run folder (`create_run`: the texts and the settings) and starts
`train_in_child` in a spawned process, which loads the base model itself, trains, and sends
plain dicts over a pipe: "prepared", "evaluated", "step", "checkpoint", then one of
"paused", "finished", "cancelled", "failed". It reads "pause" and "cancel" from the same
pipe between steps. A pause (or a periodic checkpoint) saves the adapter, the optimizer and
the step into the run folder, so a training continues after the app restarts.

torch, transformers and peft are imported inside the functions that run in the child.
"""

from __future__ import annotations

import contextlib
import errno
import json
import math
import os
import shutil
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.console import ensure_console_streams
from desktop_app.domain.finetune import (
    AdapterInfo,
    TrainingDataError,
    TrainingSettings,
    batch_indices,
    count_words,
    data_fingerprint,
    split_blocks,
)
from desktop_app.domain.i18n import translate
from desktop_app.generation import gguf_cache
from desktop_app.generation.adapters import (
    RUNS_FOLDER,
    install_adapter,
    remove_leftover_staging,
    staging_folder,
)
from desktop_app.generation.load_errors import is_out_of_memory, short_detail
from desktop_app.generation.sources import resolve

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

RUN_FILE = "run.json"
TEXTS_FILE = "texts.json"
CHECKPOINT = "checkpoint"
OPTIMIZER_FILE = "optimizer.pt"
CHECKPOINT_INTERVAL_S = 120.0  # a crash loses at most this much training
MAX_EVAL_BLOCKS = 64  # enough for a steady perplexity; the evaluation stays a few seconds
_WARMUP_FRACTION = 0.05


class TrainingFailed(Exception):
    """Training cannot go on; the message is for the user."""


@dataclass(frozen=True, slots=True)
class RunState:
    """A run folder's `run.json`: what is trained, and how far it got."""

    run_dir: str
    name: str
    spec: str
    base_model_id: str
    settings: TrainingSettings
    fingerprint: str
    words: int
    step: int = 0
    total_steps: int = 0
    losses: tuple[float, ...] = ()
    perplexity_before: float | None = None
    created_at: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "spec": self.spec,
            "base_model_id": self.base_model_id,
            "settings": self.settings.as_dict(),
            "fingerprint": self.fingerprint,
            "words": self.words,
            "step": self.step,
            "total_steps": self.total_steps,
            "losses": list(self.losses),
            "perplexity_before": self.perplexity_before,
            "created_at": self.created_at,
        }


@dataclass(frozen=True, slots=True)
class TrainingJob:
    """What the child process needs; picklable."""

    run_dir: str
    adapters_dir: str
    cache_dir: str
    threads: int = 1
    stop_after_step: int = 0  # tests and the benchmark: pause by themselves after this step


def runs_dir(adapters_dir: Path) -> Path:
    return adapters_dir / RUNS_FOLDER


def create_run(
    adapters_dir: Path,
    *,
    name: str,
    spec: str,
    base_model_id: str,
    texts: list[str],
    settings: TrainingSettings,
) -> RunState:
    """Writes a new run folder with the texts to train on; raises OSError."""
    folder = runs_dir(adapters_dir) / datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    folder.mkdir(parents=True)
    state = RunState(
        run_dir=str(folder),
        name=name,
        spec=spec,
        base_model_id=base_model_id,
        settings=settings,
        fingerprint=data_fingerprint(texts),
        words=count_words(texts),
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    try:
        (folder / TEXTS_FILE).write_text(json.dumps(texts), encoding="utf-8")
        save_run(state)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return state


def save_run(state: RunState) -> None:
    folder = Path(state.run_dir)
    temporary = folder / f"{RUN_FILE}.tmp"
    temporary.write_text(json.dumps(state.as_dict(), indent=2), encoding="utf-8")
    os.replace(temporary, folder / RUN_FILE)


def read_run(folder: Path) -> RunState:
    """Raises OSError or ValueError for a folder that is not a readable run."""
    stored = json.loads((folder / RUN_FILE).read_text(encoding="utf-8"))
    return RunState(
        run_dir=str(folder),
        name=str(stored["name"]),
        spec=str(stored["spec"]),
        base_model_id=str(stored["base_model_id"]),
        settings=TrainingSettings.from_dict(stored["settings"]),
        fingerprint=str(stored["fingerprint"]),
        words=int(stored["words"]),
        step=int(stored["step"]),
        total_steps=int(stored["total_steps"]),
        losses=tuple(float(v) for v in stored["losses"]),
        perplexity_before=stored["perplexity_before"],
        created_at=str(stored.get("created_at", "")),
    )


def paused_runs(adapters_dir: Path) -> list[RunState]:
    """Runs that can be resumed, newest first; unreadable folders are skipped."""
    folder = runs_dir(adapters_dir)
    if not folder.is_dir():
        return []
    found = []
    for child in sorted(folder.iterdir(), reverse=True):
        try:
            found.append(read_run(child))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return found


def discard_run(state: RunState) -> None:
    shutil.rmtree(state.run_dir, ignore_errors=True)


def train_in_child(job: TrainingJob, conn: Connection) -> None:
    """The child process's entry point: never raises, always ends with one final message."""
    ensure_console_streams()  # a child of a windowed app has none, and tqdm writes to them
    try:
        _Trainer(job, conn).run()
    except TrainingFailed as exc:
        conn.send({"kind": "failed", "message": str(exc)})
    except TrainingDataError as exc:
        conn.send({"kind": "failed", "message": str(exc)})
    except Exception as exc:
        conn.send({"kind": "failed", "message": describe_failure(exc)})
    finally:
        conn.close()


def describe_failure(exc: BaseException) -> str:
    if is_out_of_memory(exc):
        return translate(
            "Training",
            "The computer ran out of memory while training. Close other programs, or "
            "choose fewer examples per step under Advanced, and resume.",
        )
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return translate(
            "Training",
            "The disk is full, so the training could not be saved. Free some space and "
            "resume; your drafts and adapters are untouched.",
        )
    if isinstance(exc, OSError) and exc.filename:
        return translate("Training", "Could not write {file}: {reason}.").format(
            file=exc.filename, reason=exc.strerror or exc
        )
    if isinstance(exc, OSError):
        return translate("Training", "Could not write: {reason}.").format(
            reason=exc.strerror or exc
        )
    return translate("Training", "Training failed: {detail}").format(detail=short_detail(exc))


def lora_targets(model: Any) -> str:
    """Every linear layer but the output head ("all-linear"): on small models it learns a
    style much faster than the attention projections alone. TrainingFailed for a model
    without any."""
    import torch
    from transformers.pytorch_utils import Conv1D

    if not any(isinstance(m, (torch.nn.Linear, Conv1D)) for m in model.modules()):
        raise TrainingFailed(
            translate(
                "Training",
                "This model ({architecture}) cannot be fine-tuned here: it has no "
                "layers that LoRA can adapt.",
            ).format(architecture=model.config.model_type)
        )
    return "all-linear"


class _Trainer:
    def __init__(self, job: TrainingJob, conn: Connection) -> None:
        self._job = job
        self._conn = conn
        self._folder = Path(job.run_dir)
        self._state = read_run(self._folder)
        self._base_parameters = 0

    def run(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        _lower_priority()
        import torch

        torch.set_num_threads(max(1, self._job.threads))
        state = self._state
        texts: list[str] = json.loads((self._folder / TEXTS_FILE).read_text(encoding="utf-8"))
        if data_fingerprint(texts) != state.fingerprint:
            raise TrainingFailed(
                translate(
                    "Training", "The saved training text was changed; start the training again."
                )
            )
        model, tokenizer = self._load_base()
        settings = state.settings
        context = _context_length(model)
        if settings.block_size > context:
            settings = replace(settings, block_size=context)
        split = split_blocks(
            _tokenize(tokenizer, texts), settings.block_size, settings.held_out_fraction
        )
        total = settings.total_steps(len(split.train))
        self._send(
            "prepared",
            words=state.words,
            tokens=split.tokens,
            train_blocks=len(split.train),
            held_out_blocks=len(split.held_out),
            total_steps=total,
            parameter_count=sum(p.numel() for p in model.parameters()),
        )
        device = next(model.parameters()).device
        held_out = torch.tensor(split.held_out[:MAX_EVAL_BLOCKS], device=device)
        checkpoint = self._folder / CHECKPOINT
        retired = self._folder / f"{CHECKPOINT}.old"
        if not checkpoint.is_dir() and retired.is_dir():
            os.replace(retired, checkpoint)  # stopped between the two renames of _checkpoint
        if checkpoint.is_dir():
            model, optimizer = self._resume(model, checkpoint)
        else:
            # Nothing trained survives: start from the first step, not from a fresh adapter
            # at the step the run had reached.
            state = replace(state, step=0, losses=())
            before = perplexity(model, held_out)
            self._send("evaluated", when="before", perplexity=before)
            state = replace(state, perplexity_before=before)
            model, optimizer = self._attach(model, settings)
        state = replace(state, total_steps=total)
        save_run(state)
        if state.perplexity_before is not None and checkpoint.is_dir():
            self._send("evaluated", when="before", perplexity=state.perplexity_before)
        self._train = torch.tensor(split.train, device=device)
        self._held_out = held_out
        self._tokens = split.tokens
        self._loop(model, optimizer, state, settings)

    def _loop(
        self, model: Any, optimizer: Any, state: RunState, settings: TrainingSettings
    ) -> None:
        import torch

        model.train()
        train = self._train
        step_tokens = settings.batch_size * train.shape[1]
        losses = list(state.losses)
        last_checkpoint = time.monotonic()
        mean_step_s: float | None = None
        for step in range(state.step, state.total_steps):
            command = self._command()
            if command == "cancel":
                self._cancel()
                return
            if command == "pause":
                self._checkpoint(model, optimizer, replace(state, step=step, losses=tuple(losses)))
                self._send("paused", step=step)
                return
            started = time.perf_counter()
            for group in optimizer.param_groups:
                group["lr"] = _learning_rate(settings.learning_rate, step, state.total_steps)
            index = torch.tensor(
                batch_indices(step, train.shape[0], settings.batch_size, settings.seed)
            )
            batch = train[index]
            loss = model(input_ids=batch, labels=batch).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_([p for p in model.parameters() if p.requires_grad], 1.0)
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
            elapsed = time.perf_counter() - started
            mean_step_s = elapsed if mean_step_s is None else 0.8 * mean_step_s + 0.2 * elapsed
            losses.append(round(float(loss.item()), 5))
            done = step + 1
            self._send(
                "step",
                step=done,
                total_steps=state.total_steps,
                loss=losses[-1],
                tokens_per_second=step_tokens / elapsed if elapsed > 0 else 0.0,
                seconds_left=mean_step_s * (state.total_steps - done),
                step_seconds=elapsed,
            )
            now = time.monotonic()
            pause_here = done == self._job.stop_after_step and done < state.total_steps
            if pause_here or now - last_checkpoint >= CHECKPOINT_INTERVAL_S:
                self._checkpoint(model, optimizer, replace(state, step=done, losses=tuple(losses)))
                last_checkpoint = now
                if pause_here:
                    self._send("paused", step=done)
                    return
        self._finish(model, replace(state, step=state.total_steps, losses=tuple(losses)), settings)

    def _finish(self, model: Any, state: RunState, settings: TrainingSettings) -> None:
        after = perplexity(model, self._held_out)
        self._send("evaluated", when="after", perplexity=after)
        adapters_dir = Path(self._job.adapters_dir)
        staging = staging_folder(adapters_dir)
        try:
            model.save_pretrained(staging)
            info = AdapterInfo(
                name=state.name,
                path="",
                base_model_id=state.base_model_id,
                base_parameter_count=self._base_parameters,
                base_source=state.spec,
                data_fingerprint=state.fingerprint,
                steps=state.step,
                settings=settings.as_dict(),
                perplexity_before=state.perplexity_before,
                perplexity_after=after,
                created_at=datetime.now(UTC).isoformat(timespec="seconds"),
                words=state.words,
                tokens=self._tokens,
            )
            target = install_adapter(staging, adapters_dir, info)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        shutil.rmtree(self._folder, ignore_errors=True)
        self._send(
            "finished",
            path=str(target),
            name=target.name,
            perplexity_before=state.perplexity_before,
            perplexity_after=after,
        )

    def _load_base(self) -> tuple[Any, Any]:
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        source = resolve(self._state.spec, Path(self._job.cache_dir))
        if source.gguf_file is not None and not gguf_cache.is_complete(source.weights_dir):
            gguf_cache.convert(source.gguf_file, source.weights_dir)
        try:
            tokenizer = AutoTokenizer.from_pretrained(
                source.weights_dir, local_files_only=True, trust_remote_code=False
            )
            model: Any = AutoModelForCausalLM.from_pretrained(
                source.weights_dir,
                dtype=torch.float32,  # LoRA training needs full precision on a CPU
                local_files_only=True,
                trust_remote_code=False,
                use_safetensors=True,
            )
        except Exception as exc:
            if is_out_of_memory(exc):
                raise
            raise TrainingFailed(
                translate(
                    "Training", "The model {model} could not be loaded for training: {detail}"
                ).format(model=source.model_id, detail=short_detail(exc))
            ) from exc
        if torch.cuda.is_available():
            model = model.to("cuda")
        self._base_parameters = sum(p.numel() for p in model.parameters())
        return model, tokenizer

    def _attach(self, model: Any, settings: TrainingSettings) -> tuple[Any, Any]:
        import torch
        from peft import LoraConfig, get_peft_model

        torch.manual_seed(settings.seed)
        config = LoraConfig(
            r=settings.lora_rank,
            lora_alpha=settings.lora_alpha,
            lora_dropout=0.0,  # no randomness: a resumed run trains exactly like an unbroken one
            target_modules=lora_targets(model),
            task_type="CAUSAL_LM",
        )
        try:
            peft_model = get_peft_model(model, config)
        except ValueError as exc:
            raise TrainingFailed(
                translate(
                    "Training", "This model ({architecture}) cannot be fine-tuned here: {detail}"
                ).format(architecture=model.config.model_type, detail=short_detail(exc))
            ) from exc
        return peft_model, _optimizer(peft_model, settings)

    def _resume(self, model: Any, checkpoint: Path) -> tuple[Any, Any]:
        import torch
        from peft import PeftModel

        peft_model = PeftModel.from_pretrained(model, checkpoint, is_trainable=True)
        optimizer = _optimizer(peft_model, self._state.settings)
        saved = torch.load(checkpoint / OPTIMIZER_FILE, weights_only=True)
        optimizer.load_state_dict(saved)
        return peft_model, optimizer

    def _checkpoint(self, model: Any, optimizer: Any, state: RunState) -> None:
        """Saves beside the old checkpoint and swaps, so a failure keeps the old one."""
        import torch

        fresh = self._folder / f"{CHECKPOINT}.new"
        shutil.rmtree(fresh, ignore_errors=True)
        try:
            model.save_pretrained(fresh)
            torch.save(optimizer.state_dict(), fresh / OPTIMIZER_FILE)
        except BaseException:
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        old = self._folder / CHECKPOINT
        retired = self._folder / f"{CHECKPOINT}.old"
        if old.exists():
            os.replace(old, retired)
        os.replace(fresh, old)
        shutil.rmtree(retired, ignore_errors=True)
        save_run(state)
        self._send("checkpoint", step=state.step)

    def _cancel(self) -> None:
        shutil.rmtree(self._folder, ignore_errors=True)
        remove_leftover_staging(Path(self._job.adapters_dir))
        self._send("cancelled")

    def _command(self) -> str | None:
        command = None
        while self._conn.poll():
            message = self._conn.recv()
            if message in ("pause", "cancel"):
                command = "cancel" if "cancel" in (command, message) else message
        return command

    def _send(self, kind: str, **values: Any) -> None:
        self._conn.send({"kind": kind, **values})


def _optimizer(model: Any, settings: TrainingSettings) -> Any:
    import torch

    return torch.optim.AdamW(
        [p for p in model.parameters() if p.requires_grad], lr=settings.learning_rate
    )


def _learning_rate(peak: float, step: int, total: int) -> float:
    """A short warm-up, then a linear fall to a tenth: the step alone fixes it (resumable)."""
    warmup = max(1, round(total * _WARMUP_FRACTION))
    if step < warmup:
        return peak * (step + 1) / warmup
    return peak * (1.0 - 0.9 * (step - warmup) / max(1, total - warmup))


def perplexity(model: Any, blocks: Any) -> float:
    """exp of the mean next-token loss over `blocks` (held out: never trained on)."""
    import torch

    was_training = model.training
    model.eval()
    total = 0.0
    with torch.no_grad():
        for start in range(0, blocks.shape[0], 4):
            batch = blocks[start : start + 4]
            total += float(model(input_ids=batch, labels=batch).loss) * batch.shape[0]
    if was_training:
        model.train()
    return math.exp(total / blocks.shape[0])


def _tokenize(tokenizer: Any, texts: list[str]) -> list[int]:
    """One stream of ids, the texts separated by end-of-text so none runs into the next."""
    eos = tokenizer.eos_token_id
    ids: list[int] = []
    for text in texts:
        ids.extend(tokenizer(text, add_special_tokens=False)["input_ids"])
        if eos is not None:
            ids.append(int(eos))
    return ids


def _context_length(model: Any) -> int:
    config = model.config.get_text_config()
    return int(
        getattr(config, "max_position_embeddings", None)
        or getattr(config, "n_positions", None)
        or 2048
    )


def _lower_priority() -> None:
    """Training runs at a lower priority, so the window and the writer's generations keep
    the CPU when they want it."""
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(5)
