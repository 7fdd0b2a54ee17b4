"""The devices a model can run on and the precisions each handles well."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DeviceOption:
    name: str  # what torch calls it: "cuda", "cuda:1", "mps", "cpu"
    label: str  # for people, e.g. "NVIDIA H200 (GPU)" or "Processor (CPU)"
    dtypes: tuple[str, ...]  # "float32" | "bfloat16" | "float16", best first
    recommended_dtype: str
    slow_dtypes: tuple[str, ...] = ()  # work, but emulated in software: much slower
    total_memory_bytes: int | None = None  # GPU memory; None for the CPU (see system RAM)


@dataclass(frozen=True, slots=True)
class GpuMemory:
    device: str  # "cuda:0"
    name: str  # e.g. "NVIDIA GeForce RTX 4060 Laptop GPU"
    free_bytes: int
    total_bytes: int
