"""What the model manager shows about a model, and whether it fits this machine.

A `ModelCard` is filled from cheap reads (config files, file headers) without loading the
model; the memory estimate and the fit verdict are pure arithmetic on it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from desktop_app.domain.i18n import translate


class ModelKind(StrEnum):
    EMBEDDED = "embedded"  # the GGUF shipped with Inkwell
    FOLDER = "folder"  # a Hugging Face model folder (config + safetensors)
    GGUF = "gguf"  # a .gguf file
    HUB_CACHE = "hub_cache"  # a model already in the local Hugging Face cache
    REMOTE = "remote"  # a model on an OpenAI-compatible server


@dataclass(frozen=True, slots=True)
class ModelCard:
    spec: str  # what `--model` and the registry take: "embedded", a path or a hub id
    kind: ModelKind
    name: str
    path: str  # the file or folder on disk ("" when not even that was found)
    architecture: str | None = None  # e.g. "LlamaForCausalLM" or, for GGUF, "llama"
    parameter_count: int | None = None
    context_length: int | None = None
    disk_bytes: int = 0
    has_chat_template: bool | None = None  # None: could not tell
    licence: str | None = None
    quantization: str | None = None  # GGUF file type, e.g. "Q4_1"; None for plain weights
    problem: str | None = None  # why it cannot be used, in plain words; None if none found
    # Shape facts for the KV-cache estimate; None when the config does not say.
    layer_count: int | None = None
    kv_width: int | None = None  # key (= value) elements per token per layer

    @property
    def usable(self) -> bool:
        return self.problem is None


class Fit(StrEnum):
    FITS = "fits"
    SLOW = "slow"
    WONT_FIT = "wont_fit"

    @property
    def label(self) -> str:
        if self is Fit.FITS:
            return translate("ModelCard", "Fits")
        if self is Fit.SLOW:
            return translate("ModelCard", "Will be slow")
        return translate("ModelCard", "Will not fit")


DTYPE_BYTES = {"float32": 4, "bfloat16": 2, "float16": 2}
ESTIMATE_CONTEXT_TOKENS = 2048  # a realistic prompt + output; not the model's maximum
# The Python, torch and transformers runtime, measured at roughly 0.4-0.5 GB resident.
RUNTIME_OVERHEAD_BYTES = 500 * 1000**2
ACTIVATION_SHARE = 0.10  # activations and allocator slack, as a share of the weights
FITS_SHARE = 0.70  # above this share of the free memory the OS starts to page things out


def estimate_memory_bytes(
    model: ModelCard | int,
    dtype_bytes: int = 4,
    context_tokens: int = ESTIMATE_CONTEXT_TOKENS,
) -> int:
    """Memory needed to run `model` (a card or a parameter count) with weights `dtype_bytes`
    wide: weights + KV cache for `context_tokens` (capped at the model's context) + runtime.

    transformers dequantizes a GGUF on load, so its memory follows the parameter count and
    the load dtype, not the (quantized) file size. A card without a parameter count falls
    back to its disk size, which for plain weights is the stored size.
    """
    layers = width = None
    if isinstance(model, ModelCard):
        if model.context_length:
            context_tokens = min(context_tokens, model.context_length)
        layers, width = model.layer_count, model.kv_width
        if model.parameter_count is not None:
            weights = model.parameter_count * dtype_bytes
            params = model.parameter_count
        else:
            weights = model.disk_bytes
            params = model.disk_bytes // 2
    else:
        params = model
        weights = model * dtype_bytes
    if layers and width:
        kv_elements_per_token = 2 * layers * width
    else:
        # Without the shapes: a dense transformer's 2·layers·width grows about as
        # 3·sqrt(parameters) (GPT-2 small 18k vs 33k; Llama-7B 262k vs 251k), erring high.
        kv_elements_per_token = int(3 * math.sqrt(max(params, 0)))
    kv_cache = kv_elements_per_token * context_tokens * dtype_bytes
    return int(weights * (1 + ACTIVATION_SHARE)) + kv_cache + RUNTIME_OVERHEAD_BYTES


def fit_verdict(needed_bytes: int, available_bytes: int) -> Fit:
    """FITS under 70 % of the free memory, SLOW (paging, a tight squeeze) up to 100 %."""
    if available_bytes <= 0 or needed_bytes > available_bytes:
        return Fit.WONT_FIT
    if needed_bytes <= available_bytes * FITS_SHARE:
        return Fit.FITS
    return Fit.SLOW


def format_size(num_bytes: int) -> str:
    """Sizes in decimal units, as file managers show them: "812 MB", "1.4 GB"."""
    value = float(num_bytes)
    for unit in ("B", "KB", "MB", "GB"):
        if abs(value) < 1000:
            return f"{value:.0f} {unit}" if unit == "B" or value >= 100 else f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} TB"


def format_parameter_count(count: int) -> str:
    """Parameter counts as model names give them: "135M", "1.7B"."""
    value = float(count)
    for unit in ("", "K", "M"):
        if value < 1000:
            return f"{value:.0f}{unit}" if unit == "" or value >= 100 else f"{value:.1f}{unit}"
        value /= 1000
    return f"{value:.1f}B"
