"""A short list of small instruct models that run on a laptop, offered for download.

Every entry has .safetensors weights and loads with transformers' own code (no
trust_remote_code). Download sizes are approximate: the weight files as published
(bfloat16) plus tokenizer and config files, rounded; the hub's file list gives the exact
figure when a download starts.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CuratedModel:
    repo_id: str  # the Hugging Face id, e.g. "Qwen/Qwen2.5-0.5B-Instruct"
    name: str  # for people
    parameter_count: int
    download_bytes: int  # approximate, see the module docstring
    licence: str  # the licence id the model card declares
    languages: tuple[str, ...]  # ISO 639-1 codes the model card names, main language first
    gated: bool = False  # needs its licence accepted on huggingface.co and a token


# The main languages the model cards name (Qwen2.5 claims 29 in all).
_QWEN_LANGUAGES = ("zh", "en", "fr", "es", "pt", "de", "it", "ru", "ja", "ko", "vi", "th", "ar")
_PHI_LANGUAGES: tuple[str, ...] = ("en", "ar", "zh", "cs", "da", "nl", "fi", "fr", "de", "he", "hu")
_PHI_LANGUAGES += ("it", "ja", "ko", "no", "pl", "pt", "ru", "es", "sv", "th", "tr", "uk")

CURATED_MODELS: tuple[CuratedModel, ...] = (
    CuratedModel(
        "HuggingFaceTB/SmolLM2-360M-Instruct",
        "SmolLM2 360M Instruct",
        parameter_count=362_000_000,
        download_bytes=728_000_000,
        licence="apache-2.0",
        languages=("en",),
    ),
    CuratedModel(
        "Qwen/Qwen2.5-0.5B-Instruct",
        "Qwen2.5 0.5B Instruct",
        parameter_count=494_000_000,
        download_bytes=999_000_000,
        licence="apache-2.0",
        languages=_QWEN_LANGUAGES,
    ),
    CuratedModel(
        "meta-llama/Llama-3.2-1B-Instruct",
        "Llama 3.2 1B Instruct",
        parameter_count=1_236_000_000,
        download_bytes=2_480_000_000,
        licence="llama3.2",
        languages=("en", "de", "fr", "it", "pt", "hi", "es", "th"),
        gated=True,
    ),
    CuratedModel(
        "Qwen/Qwen2.5-1.5B-Instruct",
        "Qwen2.5 1.5B Instruct",
        parameter_count=1_544_000_000,
        download_bytes=3_100_000_000,
        licence="apache-2.0",
        languages=_QWEN_LANGUAGES,
    ),
    CuratedModel(
        "HuggingFaceTB/SmolLM2-1.7B-Instruct",
        "SmolLM2 1.7B Instruct",
        parameter_count=1_711_000_000,
        download_bytes=3_430_000_000,
        licence="apache-2.0",
        languages=("en",),
    ),
    CuratedModel(
        "google/gemma-2-2b-it",
        "Gemma 2 2B Instruct",
        parameter_count=2_614_000_000,
        download_bytes=5_260_000_000,
        licence="gemma",
        languages=("en",),
        gated=True,
    ),
    CuratedModel(
        "microsoft/Phi-3.5-mini-instruct",
        "Phi-3.5 mini Instruct",
        parameter_count=3_821_000_000,
        download_bytes=7_650_000_000,
        licence="mit",
        languages=_PHI_LANGUAGES,
    ),
)
