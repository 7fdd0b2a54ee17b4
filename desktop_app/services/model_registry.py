"""The writer's models: the ones added to the manager, the recently used, and the default.

Kept as a small JSON file in the data directory. A damaged file is moved aside and the
registry starts empty; a file that cannot be written is logged and the change kept in memory
for this session. Neither ever stops the app.
"""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path

from desktop_app.domain.i18n import translate
from desktop_app.generation.sources import EMBEDDED
from desktop_app.services.atomic_file import write_atomically

log = logging.getLogger(__name__)

RECENT_LIMIT = 8
_FORMAT = "inkwell-models"


def normalize_spec(spec: str) -> str:
    """One spelling per model: an existing file or folder becomes its absolute path."""
    spec = spec.strip()
    if spec == EMBEDDED:
        return spec
    path = Path(spec).expanduser()
    return str(path.resolve()) if path.exists() else spec


class ModelRegistry:
    def __init__(self, path: Path) -> None:
        self.path = path
        # Plain words for the user when the file was damaged or could not be written.
        self.problem: str | None = None
        self._added: list[str] = []
        self._recent: list[str] = []
        self._default: str | None = None
        self._read_only = False
        self._load()

    def added(self) -> list[str]:
        return list(self._added)

    def add(self, spec: str) -> str:
        """Adds `spec` (no-op if present); returns the normalized spec that was stored."""
        spec = normalize_spec(spec)
        if spec not in self._added:
            self._added.append(spec)
            self._save()
        return spec

    def remove(self, spec: str) -> None:
        """Forgets `spec` everywhere; the default falls back to the embedded model."""
        spec = normalize_spec(spec)
        self._added = [s for s in self._added if s != spec]
        self._recent = [s for s in self._recent if s != spec]
        if self._default == spec:
            self._default = None
        self._save()

    def recent(self) -> list[str]:
        """Most recently used first, at most RECENT_LIMIT."""
        return list(self._recent)

    def mark_used(self, spec: str) -> None:
        spec = normalize_spec(spec)
        self._recent = [spec, *(s for s in self._recent if s != spec)][:RECENT_LIMIT]
        self._save()

    def default(self) -> str:
        """The model to load at start when no `--model` is given."""
        return self._default or EMBEDDED

    def set_default(self, spec: str) -> None:
        spec = normalize_spec(spec)
        self._default = None if spec == EMBEDDED else spec
        self._save()

    def _load(self) -> None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return
        except UnicodeDecodeError as exc:
            self._keep_aside(
                translate("ModelList", "not UTF-8: {detail}").format(detail=exc.reason)
            )
            return
        except OSError as exc:
            log.exception("could not read %s", self.path)
            self.problem = translate(
                "ModelList",
                "The model list {path} could not be read ({reason}); "
                "changes to it are kept for this session only.",
            ).format(path=self.path, reason=exc.strerror or exc)
            # Saving now would replace the writer's list (locked, not lost) with nothing.
            self._read_only = self.path.exists()
            return
        try:
            self._added, self._recent, self._default = _parse(text)
        except ValueError as exc:
            self._keep_aside(str(exc))

    def _keep_aside(self, reason: str) -> None:
        log.warning("model list %s is damaged (%s); keeping it aside", self.path, reason)
        kept = self.path.with_name(
            f"{self.path.stem}.damaged-{time.strftime('%Y%m%d-%H%M%S')}.json"
        )
        try:
            os.replace(self.path, kept)
        except OSError:
            log.exception("could not move %s aside", self.path)
            kept = self.path
            self._read_only = True  # it is still there, and still the writer's
        self.problem = translate(
            "ModelList",
            "The model list {path} was damaged ({reason}); it was kept as {kept} "
            "and Inkwell started with an empty list.",
        ).format(path=self.path, reason=reason, kept=kept.name)

    def _save(self) -> None:
        if self._read_only:
            return
        data = {
            "format": _FORMAT,
            "added": self._added,
            "recent": self._recent,
            "default": self._default,
        }
        try:
            write_atomically(self.path, json.dumps(data, indent=2, ensure_ascii=False))
        except OSError as exc:
            log.exception("could not write %s", self.path)
            self.problem = translate(
                "ModelList", "The model list {path} could not be saved ({reason})."
            ).format(path=self.path, reason=exc.strerror or exc)
        else:
            self.problem = None


def _parse(text: str) -> tuple[list[str], list[str], str | None]:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ValueError(translate("ModelList", "not JSON: {detail}").format(detail=exc)) from exc
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        raise ValueError(translate("ModelList", "not an Inkwell model list"))
    added, recent, default = data.get("added", []), data.get("recent", []), data.get("default")
    if not _is_str_list(added) or not _is_str_list(recent):
        raise ValueError(translate("ModelList", "a model entry is not text"))
    if default is not None and not isinstance(default, str):
        raise ValueError(translate("ModelList", "the default model is not text"))
    return added, recent[:RECENT_LIMIT], default


def _is_str_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)
