"""The writer's own presets, kept as a JSON file in the data directory."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from desktop_app.domain.presets import Preset, presets_from_json, presets_to_json
from desktop_app.services.atomic_file import write_atomically

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
        stamp = time.strftime("%Y%m%d-%H%M%S")
        kept = self.path.with_name(f"{self.path.stem}.damaged-{stamp}.json")
        try:
            os.replace(self.path, kept)
        except OSError:
            log.exception("could not move %s aside", self.path)
        return []

    def save(self, presets: list[Preset]) -> None:
        write_atomically(self.path, presets_to_json(presets))
