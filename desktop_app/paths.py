"""Where Inkwell keeps what it writes. Everything lives under one data directory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_DIR_NAME = "Inkwell"


def default_data_dir() -> Path:
    """The platform's standard per-user data folder: ~/.local/share/Inkwell (or under
    $XDG_DATA_HOME) on Linux, ~/Library/Application Support/Inkwell on macOS,
    %LOCALAPPDATA%\\Inkwell on Windows (local, not roaming: the model cache is large).

    A library that earlier versions kept under the roaming %APPDATA% on Windows stays in use.
    """
    roaming = Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False, roaming=True))
    local = Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))
    return roaming if roaming != local and (roaming / "inkwell.db").exists() else local


@dataclass(frozen=True, slots=True)
class DataPaths:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "inkwell.db"

    @property
    def settings(self) -> Path:
        return self.root / "settings.ini"

    @property
    def presets(self) -> Path:
        return self.root / "presets.json"

    @property
    def model_list(self) -> Path:
        """The model manager's list: added, recently used and default models."""
        return self.root / "models.json"

    @property
    def tasks(self) -> Path:
        """The writer's own task files, listed with the built-in ones."""
        return self.root / "tasks"

    @property
    def model_cache(self) -> Path:
        return self.root / "models"

    @property
    def adapters(self) -> Path:
        """Fine-tuned LoRA adapters, one folder each; paused trainings in `.runs/`."""
        return self.root / "adapters"

    @property
    def logs(self) -> Path:
        return self.root / "logs"
