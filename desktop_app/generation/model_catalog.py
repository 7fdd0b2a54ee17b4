"""Inspect models without loading them: what the model manager lists and shows.

Everything here reads config files and file headers only (no torch), so a card takes
milliseconds; the first GGUF inspected also imports transformers' GGUF architecture tables
(1.5-2.5 s here, without torch), so call these off the GUI thread.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import logging
import math
import re
import struct
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from desktop_app.domain.i18n import translate
from desktop_app.domain.model_cards import ModelCard, ModelKind
from desktop_app.generation.engine import ModelLoadError
from desktop_app.generation.gguf_header import GGUFHeader, read_gguf_header
from desktop_app.generation.remote_spec import is_remote_spec, parse_remote_spec
from desktop_app.generation.sources import (
    EMBEDDED,
    check_gguf_file,
    check_model_folder,
    embedded_gguf,
    gguf_model_id,
    hub_snapshot,
    spec_kind,
)

log = logging.getLogger(__name__)

# Config keys for the context window, most specific first; nested configs (multimodal
# models) keep the language model's under text_config.
_CONTEXT_KEYS = (
    "max_position_embeddings",
    "n_positions",
    "max_sequence_length",
    "seq_length",
    "n_ctx",
)
_LAYER_KEYS = ("num_hidden_layers", "n_layer", "num_layers")
_HEAD_KEYS = ("num_attention_heads", "n_head")
_WIDTH_KEYS = ("hidden_size", "n_embd", "d_model")
_LICENCE_FILES = ("LICENSE", "LICENSE.txt", "LICENSE.md", "LICENCE", "COPYING")
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*$", re.DOTALL | re.MULTILINE)
_SAFETENSORS_INDEX = "model.safetensors.index.json"
# GGUF architectures transformers converts but cannot run as a causal language model.
_GGUF_ENCODER_DECODERS = frozenset({"t5", "umt5"})


def inspect_model(spec: str, cache_dir: Path, hub_cache: Path | None = None) -> ModelCard:
    """A card for `spec` ("embedded", a folder, a .gguf file or a cached hub id).

    Never raises for a bad model: what is wrong goes into `ModelCard.problem`, in words that
    name the file and the cause. `cache_dir` and `hub_cache` are `sources.resolve`'s; a GGUF
    is inspected in place, so its converted copy under `cache_dir` is not needed.
    """
    spec = spec.strip()
    if is_remote_spec(spec):
        return _remote_card(spec)
    kind = spec_kind(spec)
    try:
        if kind is ModelKind.EMBEDDED:
            return embedded_card()
        if kind is ModelKind.HUB_CACHE:
            return _hub_card(spec, hub_cache)
        path = Path(spec).expanduser().resolve()
        if kind is ModelKind.GGUF and path.is_file():
            return _gguf_card(spec, kind, path, gguf_model_id(path))
        if path.is_dir():
            return _folder_card(spec, kind, path, path.name)
        problem = translate("ModelLoad", "There is no model file or folder at {path}.").format(
            path=path
        )
    except OSError as exc:
        path = Path(spec)
        problem = translate("ModelLoad", "{path} could not be read ({reason}).").format(
            path=exc.filename or spec, reason=exc.strerror or exc
        )
    return ModelCard(spec, kind, Path(spec).name or spec, str(path), problem=problem)


def _remote_card(spec: str) -> ModelCard:
    """What the spec says; the server tells the rest when the model loads."""
    try:
        remote = parse_remote_spec(spec)
    except ValueError as exc:
        return ModelCard(spec, ModelKind.REMOTE, spec, "", problem=str(exc))
    host = urlsplit(remote.base_url).netloc
    return ModelCard(spec, ModelKind.REMOTE, f"{remote.model} @ {host}", remote.base_url)


def embedded_card() -> ModelCard:
    """The card of the model shipped with Inkwell."""
    try:
        path = embedded_gguf()
    except ModelLoadError as exc:
        name = translate("ModelLoad", "Built-in model")
        return ModelCard(EMBEDDED, ModelKind.EMBEDDED, name, exc.path, problem=str(exc))
    return _gguf_card(EMBEDDED, ModelKind.EMBEDDED, path, gguf_model_id(path))


def scan_hub_cache(hub_cache: Path | None = None) -> list[ModelCard]:
    """Text-generation models in the local Hugging Face cache (its default place if None),
    sorted by name.

    Only complete downloads are listed: a snapshot with config.json and all its weights. Repos
    that are something else (datasets, embedding models, a lone tokenizer) are left out.
    """
    from huggingface_hub import scan_cache_dir
    from huggingface_hub.errors import CacheNotFound

    try:
        info = scan_cache_dir(hub_cache)
    except (CacheNotFound, OSError, ValueError):
        return []
    cards = []
    for repo in info.repos:
        if repo.repo_type != "model":
            continue
        revisions = sorted(repo.revisions, key=lambda r: ("main" in r.refs, r.last_modified))
        if not revisions:
            continue
        snapshot = revisions[-1].snapshot_path
        if not (snapshot / "config.json").is_file():
            continue
        card = _folder_card(repo.repo_id, ModelKind.HUB_CACHE, snapshot, repo.repo_id)
        if card.problem is None:  # else a partial download, or not a model that writes
            cards.append(card)
    return sorted(cards, key=lambda c: c.name.lower())


def _hub_card(repo_id: str, hub_cache: Path | None) -> ModelCard:
    try:
        snapshot = hub_snapshot(repo_id, hub_cache)
    except ModelLoadError as exc:
        return ModelCard(repo_id, ModelKind.HUB_CACHE, repo_id, "", problem=str(exc))
    return _folder_card(repo_id, ModelKind.HUB_CACHE, snapshot, repo_id)


def _folder_card(spec: str, kind: ModelKind, folder: Path, name: str) -> ModelCard:
    problem = None
    try:
        config = check_model_folder(folder)
    except ModelLoadError as exc:
        if not (folder / "config.json").is_file():  # not a model folder: read nothing more
            return ModelCard(spec, kind, name, str(folder), problem=str(exc))
        problem = str(exc)
        config = _read_json(folder / "config.json") or {}
    text = config.get("text_config")
    shape = text if isinstance(text, dict) else config
    parameters, weights_problem = _safetensors_parameters(folder)
    quantization = config.get("quantization_config")
    return ModelCard(
        spec=spec,
        kind=kind,
        name=name,
        path=str(folder),
        architecture=_architecture(config),
        parameter_count=parameters,
        context_length=_first_int(shape, _CONTEXT_KEYS),
        disk_bytes=_disk_bytes(folder),
        has_chat_template=_folder_has_chat_template(folder),
        licence=_folder_licence(folder),
        quantization=str(quantization.get("quant_method"))
        if isinstance(quantization, dict) and quantization.get("quant_method")
        else None,
        problem=problem or weights_problem,
        layer_count=_first_int(shape, _LAYER_KEYS),
        kv_width=_kv_width(shape),
    )


def _gguf_card(spec: str, kind: ModelKind, path: Path, name: str) -> ModelCard:
    base = ModelCard(spec, kind, name, str(path), disk_bytes=path.stat().st_size)
    try:
        check_gguf_file(path)
    except ModelLoadError as exc:
        return dataclasses.replace(base, problem=str(exc))
    try:
        header = read_gguf_header(path)
        end = header.data_end()
    except (ValueError, KeyError) as exc:
        corrupt = translate(
            "ModelLoad", "{path} could not be read: it is truncated or corrupt ({detail})."
        )
        return dataclasses.replace(base, problem=corrupt.format(path=path, detail=exc))
    meta = header.metadata
    arch = meta.get("general.architecture")
    if not isinstance(arch, str):
        unknown = translate(
            "ModelLoad", "{path} does not say which architecture it has, so it cannot be loaded."
        ).format(path=path)
        return dataclasses.replace(base, parameter_count=header.parameter_count, problem=unknown)
    problem: str | None
    if end > base.disk_bytes:
        problem = translate(
            "ModelLoad",
            "{path} is truncated: it holds {size} bytes of the {expected} its "
            "header announces (an interrupted download or copy?).",
        ).format(path=path, size=f"{base.disk_bytes:,}", expected=f"{end:,}")
    else:
        problem = _gguf_architecture_problem(path, arch)
    licence = meta.get("general.license")
    return dataclasses.replace(
        base,
        architecture=arch,
        parameter_count=header.parameter_count,
        context_length=_gguf_int(meta, f"{arch}.context_length"),
        has_chat_template=isinstance(meta.get("tokenizer.chat_template"), str),
        licence=licence if isinstance(licence, str) else None,
        quantization=header.quantization(),
        problem=problem,
        layer_count=_gguf_int(meta, f"{arch}.block_count"),
        kv_width=_gguf_kv_width(header, arch),
    )


def _gguf_architecture_problem(path: Path, arch: str) -> str | None:
    if arch in _GGUF_ENCODER_DECODERS:
        return translate(
            "ModelLoad",
            "{path} holds a {architecture} model, which turns one text into another and cannot "
            "write on from a prompt. Choose a chat or text-generation model.",
        ).format(path=path, architecture=arch)
    supported = _gguf_architectures()
    if supported is not None and _arch_key(arch) not in supported:
        return translate(
            "ModelLoad",
            "{path} holds a {architecture} model; transformers cannot load that architecture "
            "from a GGUF file. Look for the model as a folder with .safetensors weights.",
        ).format(path=path, architecture=arch)
    return None


@functools.cache
def _gguf_architectures() -> frozenset[str] | None:
    """The architectures transformers reads from GGUF: two tables, neither needs torch."""
    try:
        from transformers.integrations.ggml import GGUF_CONFIG_MAPPING
        from transformers.integrations.gguf.gguf_config_mapping import GGUF_CONFIG_ARCHS
    except ImportError:
        log.warning("transformers' GGUF tables are missing; not checking GGUF architectures")
        return None
    names = (set(GGUF_CONFIG_MAPPING) | set(GGUF_CONFIG_ARCHS)) - {"general", "tokenizer"}
    return frozenset(_arch_key(name) for name in names)


def _arch_key(arch: str) -> str:
    # llama.cpp writes "qwen2moe" and "gpt-oss" where transformers' tables say "qwen2_moe"
    # and "gpt_oss".
    return arch.replace("_", "").replace("-", "").lower()


def _safetensors_parameters(folder: Path) -> tuple[int | None, str | None]:
    """Parameter count from the weight files' headers (no tensor data is read), and the
    problem with the weights if one is truncated, corrupt or missing."""
    index = folder / _SAFETENSORS_INDEX
    if index.is_file():
        data = _read_json(index)
        weight_map = data.get("weight_map") if data else None
        if not isinstance(weight_map, dict):
            return None, translate(
                "ModelLoad", "{file} could not be read: the file is truncated or corrupt."
            ).format(file=index)
        files = sorted({folder / str(name) for name in weight_map.values()})
    else:
        files = sorted(folder.glob("*.safetensors"))
    if not files:
        return None, None  # check_model_folder has said so already
    total = 0
    for file in files:
        if not file.is_file():
            return None, translate(
                "ModelLoad", "The model in {folder} is incomplete: {file} is missing."
            ).format(folder=folder, file=file.name)
        try:
            total += _safetensors_file_parameters(file)
        except (OSError, ValueError, struct.error) as exc:
            return None, translate(
                "ModelLoad", "{path} could not be read: it is truncated or corrupt ({detail})."
            ).format(path=file, detail=exc)
    return total, None


def _safetensors_file_parameters(file: Path) -> int:
    # The format: an 8-byte little-endian header length, a JSON header, then the data.
    size = file.stat().st_size
    with file.open("rb") as handle:
        (length,) = struct.unpack("<Q", handle.read(8))
        if 8 + length > size:
            raise ValueError("the file ends inside its header")
        header = json.loads(handle.read(length))
    if not isinstance(header, dict):
        raise ValueError("the header is not a table of tensors")
    total, end = 0, 0
    for name, tensor in header.items():
        if name == "__metadata__":
            continue
        total += math.prod(tensor["shape"])
        end = max(end, tensor["data_offsets"][1])
    if 8 + length + end > size:
        raise ValueError(f"{size:,} of {8 + length + end:,} bytes present")
    return total


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _architecture(config: dict[str, Any]) -> str | None:
    architectures = config.get("architectures")
    if isinstance(architectures, list) and architectures:
        return str(architectures[0])
    model_type = config.get("model_type")
    return str(model_type) if model_type else None


def _first_int(config: dict[str, Any], keys: tuple[str, ...]) -> int | None:
    for key in keys:
        value = config.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
    return None


def _kv_width(config: dict[str, Any]) -> int | None:
    width, heads = _first_int(config, _WIDTH_KEYS), _first_int(config, _HEAD_KEYS)
    if width is None or heads is None:
        return None
    head_dim = _first_int(config, ("head_dim",)) or width // heads
    kv_heads = _first_int(config, ("num_key_value_heads",)) or heads
    return kv_heads * head_dim


def _gguf_int(meta: dict[str, object], key: str) -> int | None:
    value = meta.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _gguf_kv_width(header: GGUFHeader, arch: str) -> int | None:
    meta = header.metadata
    width = _gguf_int(meta, f"{arch}.embedding_length")
    heads = _gguf_int(meta, f"{arch}.attention.head_count")
    if not width or not heads:
        return None
    head_dim = _gguf_int(meta, f"{arch}.attention.key_length") or width // heads
    return (_gguf_int(meta, f"{arch}.attention.head_count_kv") or heads) * head_dim


def _folder_has_chat_template(folder: Path) -> bool | None:
    if (folder / "chat_template.jinja").is_file() or (folder / "chat_template.json").is_file():
        return True
    config_file = folder / "tokenizer_config.json"
    if not config_file.is_file():
        return None if not (folder / "tokenizer.json").is_file() else False
    config = _read_json(config_file)
    return None if config is None else bool(config.get("chat_template"))


def _folder_licence(folder: Path) -> str | None:
    readme = folder / "README.md"
    if readme.is_file():
        licence = _front_matter_licence(readme)
        if licence:
            return licence
    for name in _LICENCE_FILES:
        file = folder / name
        if file.is_file():
            try:
                with file.open(encoding="utf-8", errors="replace") as handle:
                    for line in handle:
                        if line.strip():
                            return line.strip()[:80]
            except OSError:
                return None
    return None


def _front_matter_licence(readme: Path) -> str | None:
    """`license:` (or `license_name:` for "other") from a model card's YAML front matter."""
    try:
        with readme.open(encoding="utf-8", errors="replace") as handle:
            head = handle.read(16_000)  # front matter is at the top; model cards run long
    except OSError:
        return None
    match = _FRONT_MATTER.match(head)
    if not match:
        return None
    values = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and not line[:1].isspace():
            values[key.strip()] = value.strip().strip("'\"")
    licence = values.get("license")
    if licence == "other" and values.get("license_name"):
        return values["license_name"]
    return licence or None


def _disk_bytes(folder: Path) -> int:
    """The files in `folder`, where models keep theirs; links (the hub cache's snapshots)
    count their targets. Not recursive: a folder added by mistake may hold a whole disk."""
    total = 0
    for file in folder.iterdir():
        try:
            if file.is_file():
                total += file.stat().st_size
        except OSError:
            continue  # a dangling link in a half-deleted cache
    return total
