"""Finding resources and the embedded model both in a checkout and in a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from desktop_app.generation.sources import EMBEDDED_FILE, EMBEDDED_PACKAGE, embedded_gguf
from desktop_app.resources import bundle_root, resource_path

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def frozen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Pretends to run inside a PyInstaller bundle unpacked at tmp_path."""
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    return tmp_path


def test_resource_path_in_a_checkout() -> None:
    assert bundle_root() is None
    assert resource_path("icons", "inkwell.png") == ROOT / "resources" / "icons" / "inkwell.png"
    assert resource_path("icons", "inkwell.png").is_file()


def test_resource_path_in_a_bundle(frozen: Path) -> None:
    assert bundle_root() == frozen
    assert resource_path("tasks", "poem.toml") == frozen / "resources" / "tasks" / "poem.toml"


def test_embedded_model_is_found_in_a_bundle(frozen: Path) -> None:
    shipped = frozen / EMBEDDED_PACKAGE / EMBEDDED_FILE
    shipped.parent.mkdir()
    shipped.write_bytes(b"GGUF")
    assert embedded_gguf() == shipped
