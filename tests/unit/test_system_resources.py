"""Free memory, and the devices and precisions offered for a model."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from desktop_app.generation import system_resources


def test_free_memory_and_threads_are_sensible() -> None:
    assert system_resources.available_memory() > 0
    assert system_resources.cpu_threads() >= 1


def test_the_processor_is_always_offered_last() -> None:
    devices = system_resources.available_devices()
    cpu = devices[-1]
    assert cpu.name == "cpu"
    assert cpu.recommended_dtype == "float32"
    assert cpu.dtypes[0] == "float32"
    assert "float16" in cpu.slow_dtypes
    assert system_resources.torch_imported()


def fake_torch(capabilities: dict[str, object], gpu_major: int = 8) -> Any:
    properties = SimpleNamespace(name="Test GPU", major=gpu_major, total_memory=8 * 1024**3)
    return SimpleNamespace(
        cpu=SimpleNamespace(get_capabilities=lambda: capabilities),
        cuda=SimpleNamespace(get_device_properties=lambda index: properties),
    )


def test_bfloat16_is_slow_on_processors_without_it() -> None:
    plain = system_resources._cpu_option(fake_torch({"avx2": True, "cpu_name": "Old CPU"}))
    assert plain.slow_dtypes == ("bfloat16", "float16")
    assert plain.label == "Processor (Old CPU)"
    native = system_resources._cpu_option(fake_torch({"avx512_bf16": True}))
    assert native.slow_dtypes == ("float16",)
    assert native.label == "Processor (CPU)"


def test_gpus_before_ampere_get_float16() -> None:
    new = system_resources._cuda_option(fake_torch({}, gpu_major=8), 0)
    assert (new.name, new.recommended_dtype, new.dtypes) == (
        "cuda:0",
        "bfloat16",
        ("bfloat16", "float16", "float32"),
    )
    assert new.total_memory_bytes == 8 * 1024**3
    old = system_resources._cuda_option(fake_torch({}, gpu_major=7), 1)
    assert (old.recommended_dtype, old.dtypes) == ("float16", ("float16", "float32"))
    assert old.label == "Test GPU (GPU 1)"
