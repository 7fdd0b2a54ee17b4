"""The writer's own presets, kept as a JSON file in the data directory."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from desktop_app.domain.presets import Preset, presets_from_json, presets_to_json

log = logging.getLogger(__name__)


class PresetStore:
    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> list[Preset]:
        """The saved presets; a damaged file is kept aside (and logged), never fatal."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        except OSError:
            log.exception("could not read %s", self.path)
            return []
        try:
            return presets_from_json(text)
        except ValueError:
            log.exception("presets file %s is damaged; keeping it aside", self.path)
            os.replace(self.path, self.path.with_suffix(".damaged.json"))
            return []

    def save(self, presets: list[Preset]) -> None:
        write_atomically(self.path, presets_to_json(presets))


def write_atomically(path: Path, text: str) -> None:
    """Writes beside `path`, then renames: a failure never leaves half a file over a good one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
