"""Turn the many ways a model load fails into one plain-words ModelLoadError."""

from __future__ import annotations

import errno
import struct
from pathlib import Path

from desktop_app.domain.i18n import translate
from desktop_app.generation.engine import ModelLoadError

_UNSUPPORTED = ("not supported", "unrecognized", "does not recognize")
_MISSING = ("does not appear to have", "no file named", "not found")


def short_detail(exc: BaseException) -> str:
    """The first sentence of an exception's message: library messages run on for lines."""
    lines = str(exc).strip().splitlines()
    return (lines[0].split(". ")[0] if lines else type(exc).__name__)[:200]


def is_out_of_memory(exc: BaseException) -> bool:
    # torch.OutOfMemoryError is matched by name so this module need not import torch.
    return isinstance(exc, MemoryError) or type(exc).__name__ == "OutOfMemoryError"


def describe_load_failure(exc: BaseException, path: str | Path) -> ModelLoadError:
    if isinstance(exc, ModelLoadError):
        return exc
    detail = short_detail(exc)
    lowered = detail.lower()
    if "trust_remote_code" in str(exc):
        message = translate(
            "ModelLoad",
            "The model {path} needs its own Python code to run. Inkwell never runs code "
            "that comes with a model; choose a model that transformers supports directly.",
        )
    elif is_out_of_memory(exc):
        message = translate(
            "ModelLoad",
            "There is not enough memory to load the model {path}. "
            "Close other programs or choose a smaller model.",
        )
    elif isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        message = translate(
            "ModelLoad", "There is not enough free disk space to prepare the model {path}."
        )
    elif isinstance(exc, FileNotFoundError) or any(hint in lowered for hint in _MISSING):
        message = translate(
            "ModelLoad", "The model {path} is incomplete: a file it needs is missing ({detail})."
        )
    elif any(hint in lowered for hint in _UNSUPPORTED):
        message = translate(
            "ModelLoad", "The model {path} uses an architecture Inkwell cannot run ({detail})."
        )
    elif type(exc).__name__ == "SafetensorError" or isinstance(
        exc, ValueError | EOFError | OSError | struct.error | IndexError
    ):
        message = translate(
            "ModelLoad",
            "The model {path} could not be read: it is truncated or corrupt ({detail}).",
        )
    else:
        message = translate("ModelLoad", "The model {path} could not be loaded: {detail}")
    return ModelLoadError(message.format(path=path, detail=detail), path)
