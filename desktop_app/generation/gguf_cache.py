"""Converted-weights cache for GGUF models.

transformers dequantizes a GGUF on every load (15-30 s for the embedded model), so the first
load saves the result as a plain safetensors folder and later loads read that (a few seconds,
imports included). The folder is written beside its final place and renamed in one step, so
a process killed mid-conversion never leaves a half-written cache behind.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from desktop_app.generation.load_errors import describe_load_failure

_REQUIRED = ("config.json", "tokenizer.json")
_WEIGHTS = ("model.safetensors", "model.safetensors.index.json")  # one file, or shards


def is_complete(folder: Path) -> bool:
    """Whether the cache looks whole; a damaged weight file still shows up when loading."""
    files = (folder / name for name in _REQUIRED)
    return all(f.is_file() for f in files) and any((folder / w).is_file() for w in _WEIGHTS)


def convert(gguf_file: Path, target: Path) -> None:
    """Dequantize `gguf_file` into the safetensors folder `target`, replacing a broken one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for leftover in target.parent.glob(f".{target.name}.*.tmp"):
        shutil.rmtree(leftover, ignore_errors=True)  # from a run killed while converting
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        _save_dequantized(gguf_file, staging)
        shutil.rmtree(target, ignore_errors=True)
        os.replace(staging, target)
    except Exception as exc:
        raise describe_load_failure(exc, gguf_file) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # a no-op once renamed


def _save_dequantized(gguf_file: Path, out: Path) -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    folder, name = gguf_file.parent, gguf_file.name
    tokenizer = AutoTokenizer.from_pretrained(
        folder, gguf_file=name, local_files_only=True, trust_remote_code=False
    )
    model: Any = AutoModelForCausalLM.from_pretrained(
        folder, gguf_file=name, dtype=torch.float32, local_files_only=True, trust_remote_code=False
    )
    # The tensors are plain after dequantizing, but transformers 5 refuses to save a model
    # that still carries its GGUF quantizer; dropping both markers makes it an ordinary model.
    model.hf_quantizer = None
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
