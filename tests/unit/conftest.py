"""Fixtures shared by the unit tests."""

from __future__ import annotations

from typing import Any

import model_factory
import pytest


@pytest.fixture(scope="session")
def byte_tokenizer() -> Any:
    """A tiny byte-level BPE tokenizer (GPT-2 style); see `model_factory.byte_tokenizer`."""
    return model_factory.byte_tokenizer()


@pytest.fixture
def kernel_threads() -> Any:
    """Sets the C kernels' thread count for a test (they must be built), and back to one
    after it."""
    from desktop_app.generation.quantized_llama import block_kernels

    kernels = block_kernels()
    assert kernels is not None
    yield kernels.set_threads
    kernels.set_threads(1)
