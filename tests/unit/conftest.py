"""Fixtures shared by the unit tests."""

from __future__ import annotations

from typing import Any

import model_factory
import pytest


@pytest.fixture(scope="session")
def byte_tokenizer() -> Any:
    """A tiny byte-level BPE tokenizer (GPT-2 style); see `model_factory.byte_tokenizer`."""
    return model_factory.byte_tokenizer()
