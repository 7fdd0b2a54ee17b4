"""Memory estimates and the fits / slow / will-not-fit verdict (pure arithmetic)."""

from __future__ import annotations

from typing import Any

import pytest

from desktop_app.domain.model_cards import (
    ACTIVATION_SHARE,
    RUNTIME_OVERHEAD_BYTES,
    Fit,
    ModelCard,
    ModelKind,
    estimate_memory_bytes,
    fit_verdict,
    format_parameter_count,
    format_size,
)

GB = 1000**3


def card(**facts: Any) -> ModelCard:
    return ModelCard("m", ModelKind.FOLDER, "m", "/m", **facts)


def test_estimate_is_weights_kv_cache_and_runtime() -> None:
    model = card(parameter_count=1_000_000, layer_count=4, kv_width=64, context_length=8192)
    weights = 1_000_000 * 2
    kv_cache = 2 * 4 * 64 * 2048 * 2  # keys and values, per layer, for 2k tokens
    expected = int(weights * (1 + ACTIVATION_SHARE)) + kv_cache + RUNTIME_OVERHEAD_BYTES
    assert estimate_memory_bytes(model, dtype_bytes=2) == expected


def test_short_context_caps_the_kv_cache() -> None:
    long = card(parameter_count=10**6, layer_count=4, kv_width=64, context_length=8192)
    short = card(parameter_count=10**6, layer_count=4, kv_width=64, context_length=512)
    saved = estimate_memory_bytes(long) - estimate_memory_bytes(short)
    assert saved == 2 * 4 * 64 * (2048 - 512) * 4


def test_gguf_memory_follows_parameters_not_the_quantized_file() -> None:
    # A 4-bit 7B file is ~4 GB on disk, but transformers dequantizes it on load.
    gguf = card(parameter_count=7 * 10**9, disk_bytes=4 * GB, quantization="Q4_K_M")
    assert estimate_memory_bytes(gguf, dtype_bytes=4) > 28 * GB
    assert estimate_memory_bytes(gguf, dtype_bytes=2) > 14 * GB


def test_parameter_count_alone_gives_a_plausible_estimate() -> None:
    # Llama-2-7B in bfloat16 runs in about 14-16 GB with a 2k context.
    assert 14 * GB < estimate_memory_bytes(7 * 10**9, dtype_bytes=2) < 18 * GB
    # Without a parameter count the disk size stands in for the weights.
    assert estimate_memory_bytes(card(disk_bytes=GB)) > GB


@pytest.mark.parametrize(
    ("needed", "available", "verdict"),
    [
        (70, 100, Fit.FITS),
        (71, 100, Fit.SLOW),
        (100, 100, Fit.SLOW),
        (101, 100, Fit.WONT_FIT),
        (1, 0, Fit.WONT_FIT),
    ],
)
def test_fit_thresholds(needed: int, available: int, verdict: Fit) -> None:
    assert fit_verdict(needed, available) is verdict


def test_labels_and_formats() -> None:
    assert [fit.label for fit in Fit] == ["Fits", "Will be slow", "Will not fit"]
    assert [format_size(n) for n in (512, 1500, 98_362_432, 1_400_000_000, 2 * 10**13)] == [
        "512 B",
        "1.5 KB",
        "98.4 MB",
        "1.4 GB",
        "20.0 TB",
    ]
    assert [format_parameter_count(n) for n in (950, 41_632, 134_515_008, 1_700_000_000)] == [
        "950",
        "41.6K",
        "135M",
        "1.7B",
    ]
