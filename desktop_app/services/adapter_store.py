"""The writer's adapters as a list: read, renamed, exported and deleted as whole folders.

Every change is one rename (or a new file written beside and renamed over), so a failure
part-way leaves each adapter either as it was or gone, never half changed.
"""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from pathlib import Path

from desktop_app.domain.finetune import AdapterInfo, adapter_name_problem
from desktop_app.domain.i18n import translate
from desktop_app.generation.adapters import (
    ADAPTER_FILE,
    STAGING_PREFIX,
    AdapterError,
    read_adapter,
)
from desktop_app.generation.finetune import describe_failure
from desktop_app.services.atomic_file import write_atomically


def list_adapters(adapters_dir: Path) -> list[AdapterInfo]:
    """Complete adapters by name; folders that are not (yet) adapters are left out."""
    if not adapters_dir.is_dir():
        return []
    found = []
    for folder in adapters_dir.iterdir():
        if folder.name.startswith(".") or not folder.is_dir():
            continue
        try:
            found.append(read_adapter(folder))
        except AdapterError:
            continue
    return sorted(found, key=lambda a: a.name.casefold())


def rename_adapter(info: AdapterInfo, new_name: str) -> AdapterInfo:
    name = new_name.strip()
    problem = adapter_name_problem(name)
    if problem:
        raise AdapterError(problem)
    folder = Path(info.path)
    target = folder.with_name(name)
    if target.exists() and target != folder:
        raise AdapterError(
            translate("Adapters", "There is already an adapter called “{name}”.").format(name=name)
        )
    renamed = AdapterInfo.from_dict({**info.as_dict(), "name": name}, str(target))
    try:
        write_atomically(folder / ADAPTER_FILE, json.dumps(renamed.as_dict(), indent=2))
        os.rename(folder, target)
    except OSError as exc:
        raise AdapterError(describe_failure(exc)) from exc
    return renamed


def delete_adapter(info: AdapterInfo) -> None:
    """Moves the folder out of the list first (one rename), then removes it."""
    folder = Path(info.path)
    doomed = folder.with_name(f"{STAGING_PREFIX}deleted-{folder.name}")
    try:
        os.rename(folder, doomed)
    except OSError as exc:
        raise AdapterError(
            translate("Adapters", "“{name}” could not be deleted: {reason}.").format(
                name=info.name, reason=exc.strerror or exc
            )
        ) from exc
    shutil.rmtree(doomed, ignore_errors=True)


def export_adapter(info: AdapterInfo, zip_path: Path) -> None:
    """A .zip of the adapter's folder, which another Inkwell can unpack into its adapters."""
    temporary = zip_path.with_name(f".{zip_path.name}.partial")
    folder = Path(info.path)
    try:
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
            for file in sorted(folder.rglob("*")):
                if file.is_file():
                    archive.write(file, Path(info.name) / file.relative_to(folder))
        os.replace(temporary, zip_path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise AdapterError(describe_failure(exc)) from exc
