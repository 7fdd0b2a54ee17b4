"""Short words for where and how a model runs, as the status bar and the manager show it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop_app.domain.generation import ModelInfo


def _tr(text: str) -> str:
    return QCoreApplication.translate("ModelLabels", text)


def spec_name(spec: str) -> str:
    """A short name for a model spec: a path's last part, not all of it."""
    return (
        _tr("SmolLM2-135M-Instruct (built in)") if spec == "embedded" else Path(spec).name or spec
    )


def device_summary(info: ModelInfo) -> str:
    """E.g. "CPU · float32 · 2 threads", "GPU cuda:0 · bfloat16", "Apple GPU · float16"."""
    kind = info.device.partition(":")[0]
    if kind == "cpu":
        threads = (
            _tr("1 thread")
            if info.threads == 1
            else _tr("%1 threads").replace("%1", str(info.threads))
        )
        # "int4" is the engine's name for a GGUF run from its own 4-bit blocks.
        dtype = _tr("4-bit") if info.dtype == "int4" else info.dtype
        parts = [_tr("CPU"), dtype, threads] if info.threads else [_tr("CPU"), dtype]
    elif kind == "cuda":
        parts = [_tr("GPU %1").replace("%1", info.device), info.dtype]
    elif kind == "mps":
        parts = [_tr("Apple GPU"), info.dtype]
    else:
        parts = [info.device, info.dtype]
    return " · ".join(part for part in parts if part)
