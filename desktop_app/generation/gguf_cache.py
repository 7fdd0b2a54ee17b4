"""Converted cache for GGUF models: their config and tokenizer, and dense weights if needed.

transformers dequantizes a GGUF on every load (15-30 s for the embedded model), so the first
load that needs dense weights saves them as a plain safetensors folder and later loads read
that (a few seconds, imports included). Running the GGUF from its own 4-bit blocks needs only
the config and the tokenizer: those are converted alone, without the dense copy's time,
memory (over 1 GB at its peak) and disk (half a gigabyte), until something needs it. The
folder is written beside its final place and renamed in one step, so a process killed
mid-conversion never leaves a half-written cache behind.
"""

from __future__ import annotations

import copy
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from desktop_app.generation.load_errors import describe_load_failure

_REQUIRED = ("config.json", "tokenizer.json")
_WEIGHTS = ("model.safetensors", "model.safetensors.index.json")  # one file, or shards
_ABANDONED_AFTER_S = 3600  # a conversion writes into its staging folder within minutes


def is_complete(folder: Path, *, weights: bool = True) -> bool:
    """Whether the cache holds the config and tokenizer, and with `weights` the dense
    weights too; a damaged weight file still shows up when loading."""
    files = (folder / name for name in _REQUIRED)
    has_weights = any((folder / w).is_file() for w in _WEIGHTS)
    return all(f.is_file() for f in files) and (has_weights or not weights)


def convert(gguf_file: Path, target: Path, *, weights: bool = True) -> None:
    """Converts `gguf_file` into the folder `target`, replacing what was there: its config
    and tokenizer, and with `weights` its dequantized weights as safetensors."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for leftover in target.parent.glob(f".{target.name}.*.tmp"):
        # From a run killed while converting; a recent one may be another process's
        # conversion under way (a fine-tune's, say), which writes into it.
        if time.time() - leftover.stat().st_mtime > _ABANDONED_AFTER_S:
            shutil.rmtree(leftover, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        _save_converted(gguf_file, staging, weights)
        shutil.rmtree(target, ignore_errors=True)
        os.replace(staging, target)
    except Exception as exc:
        raise describe_load_failure(exc, gguf_file) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # a no-op once renamed


def _save_converted(gguf_file: Path, out: Path, weights: bool) -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from transformers import AutoConfig, AutoTokenizer, GenerationConfig

    folder, name = gguf_file.parent, gguf_file.name
    with _settings_read_once():
        tokenizer = AutoTokenizer.from_pretrained(
            folder, gguf_file=name, local_files_only=True, trust_remote_code=False
        )
        if weights:
            _save_dequantized(gguf_file, out)
        else:
            config = AutoConfig.from_pretrained(
                folder, gguf_file=name, local_files_only=True, trust_remote_code=False
            )
            _drop_gguf_marker(config)
            config.save_pretrained(out)
            GenerationConfig.from_model_config(config).save_pretrained(out)
    tokenizer.save_pretrained(out)


@contextmanager
def _settings_read_once() -> Iterator[None]:
    """transformers reads a GGUF's settings in full (5-6 s for the embedded model, in
    Python) for the tokenizer, to choose its class, and again for the config: the second
    read gets a copy of the first's result. Where a newer transformers no longer reads them
    this way, nothing changes."""
    from transformers import modeling_gguf_pytorch_utils as gguf_reader

    read = getattr(gguf_reader, "load_gguf_checkpoint", None)
    if read is None:
        yield
        return
    results: dict[str, Any] = {}

    def read_once(
        path: Any, return_tensors: Any = False, model_to_load: Any = None, torch_dtype: Any = None
    ) -> Any:
        if return_tensors or model_to_load is not None:  # the weights: read as before
            return read(path, return_tensors, model_to_load, torch_dtype)
        if str(path) not in results:
            results[str(path)] = read(path, False, None, torch_dtype)
        return copy.deepcopy(results[str(path)])

    gguf_reader.load_gguf_checkpoint = read_once
    try:
        yield
    finally:
        gguf_reader.load_gguf_checkpoint = read


def _save_dequantized(gguf_file: Path, out: Path) -> None:
    import torch
    from transformers import AutoModelForCausalLM

    model: Any = AutoModelForCausalLM.from_pretrained(
        gguf_file.parent,
        gguf_file=gguf_file.name,
        dtype=torch.float32,
        local_files_only=True,
        trust_remote_code=False,
    )
    # The tensors are plain after dequantizing, but transformers 5 refuses to save a model
    # that still carries its GGUF quantizer; dropping both markers makes it an ordinary model.
    model.hf_quantizer = None
    _drop_gguf_marker(model.config)
    model.save_pretrained(out)


def _drop_gguf_marker(config: Any) -> None:
    if hasattr(config, "quantization_config"):
        del config.quantization_config
