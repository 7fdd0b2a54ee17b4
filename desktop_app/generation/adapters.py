"""Adapters on disk: one folder each under `<data dir>/adapters/`, holding peft's files and
Inkwell's `adapter.json`. Only a complete adapter ever gets a folder there: training writes
into a staging folder beside them and renames it into place at the very end."""

from __future__ import annotations

import dataclasses
import json
import os
import secrets
import shutil
from pathlib import Path
from typing import Protocol

from desktop_app.domain.finetune import AdapterInfo
from desktop_app.domain.generation import ModelInfo
from desktop_app.domain.i18n import translate

ADAPTER_FILE = "adapter.json"
WEIGHTS_FILE = "adapter_model.safetensors"  # only safetensors: a pickle could run code
STAGING_PREFIX = ".staging-"
RUNS_FOLDER = ".runs"


class AdapterError(Exception):
    """An adapter could not be read, applied or changed; the message is for the user.

    `info` is the model as it is now, when the failure changed it (the old adapter came off
    before the new one failed): what runs must not go on being recorded as the old one.
    """

    def __init__(self, message: str, info: ModelInfo | None = None) -> None:
        super().__init__(message)
        self.info = info


def read_adapter(folder: Path) -> AdapterInfo:
    try:
        stored = json.loads((folder / ADAPTER_FILE).read_text(encoding="utf-8"))
        info = AdapterInfo.from_dict(stored, str(folder))
    except FileNotFoundError as exc:
        raise AdapterError(
            translate("Adapters", "“{name}” is not an Inkwell adapter (no {file}).").format(
                name=folder.name, file=ADAPTER_FILE
            )
        ) from exc
    except OSError as exc:
        raise AdapterError(
            translate("Adapters", "“{name}” could not be read: {reason}.").format(
                name=folder.name, reason=exc.strerror or exc
            )
        ) from exc
    except (ValueError, AttributeError) as exc:
        raise AdapterError(
            translate("Adapters", "“{name}” has a damaged {file}: {detail}").format(
                name=folder.name, file=ADAPTER_FILE, detail=exc
            )
        ) from exc
    if not (folder / WEIGHTS_FILE).is_file():
        raise AdapterError(
            translate("Adapters", "“{name}” has no weights ({file}).").format(
                name=folder.name, file=WEIGHTS_FILE
            )
        )
    return info


def install_adapter(staging: Path, adapters_dir: Path, info: AdapterInfo) -> Path:
    """Writes `info` into the finished `staging` folder and renames it into `adapters_dir`
    under its name (or "name (2)" and so on where that is taken); returns the new folder.

    The stored name is the folder's: the menu and the history tell adapters apart by name.
    """
    target = free_folder(adapters_dir, info.name)
    info = dataclasses.replace(info, name=target.name)
    (staging / ADAPTER_FILE).write_text(json.dumps(info.as_dict(), indent=2), encoding="utf-8")
    os.rename(staging, target)  # same folder, so atomic: the adapter appears whole or not at all
    return target


def free_folder(adapters_dir: Path, name: str) -> Path:
    target = adapters_dir / name
    number = 2
    while target.exists():
        target = adapters_dir / f"{name} ({number})"
        number += 1
    return target


def staging_folder(adapters_dir: Path) -> Path:
    adapters_dir.mkdir(parents=True, exist_ok=True)
    return adapters_dir / f"{STAGING_PREFIX}{secrets.token_hex(6)}"


def remove_leftover_staging(adapters_dir: Path) -> None:
    """Staging folders of a training that crashed before its last rename."""
    if not adapters_dir.is_dir():
        return
    for child in adapters_dir.iterdir():
        if child.name.startswith(STAGING_PREFIX):
            shutil.rmtree(child, ignore_errors=True)


def check_adapter_base(folder: Path, model: ModelInfo) -> AdapterInfo:
    """The adapter in `folder`, if it was trained on `model`; AdapterError otherwise."""
    info = read_adapter(folder)
    if info.base_model_id != model.model_id or (
        info.base_parameter_count and info.base_parameter_count != model.parameter_count
    ):
        raise AdapterError(
            translate(
                "Adapters",
                "The adapter “{name}” was trained on {base}, not on {model}. "
                "Load {base} to use it.",
            ).format(name=info.name, base=info.base_model_id, model=model.model_id)
        )
    return info


class AdapterEngine(Protocol):
    """An engine that can put an adapter over its loaded model (the local one can)."""

    def set_adapter(self, path: str | None) -> ModelInfo: ...


def adapter_engine(engine: object) -> AdapterEngine | None:
    """The engine that takes adapters: `engine` itself, or the local engine behind a
    router; None for a model on a server, or none loaded."""
    inner = getattr(engine, "engine", engine)  # RoutedEngine: the engine of the loaded model
    return inner if callable(getattr(inner, "set_adapter", None)) else None  # type: ignore[return-value]
