"""The default data directory is the platform's standard per-user place."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from desktop_app.paths import default_data_dir

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the XDG rules are Linux's"
)


def test_default_is_where_earlier_versions_kept_the_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    assert default_data_dir() == tmp_path / ".local" / "share" / "Inkwell"


def test_xdg_data_home_is_honoured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_data_dir() == tmp_path / "data" / "Inkwell"


def test_a_library_in_the_old_windows_place_stays_in_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def user_data_dir(name: str, appauthor: bool, roaming: bool = False) -> str:
        return str(tmp_path / ("Roaming" if roaming else "Local") / name)

    monkeypatch.setattr(platformdirs, "user_data_dir", user_data_dir)
    assert default_data_dir() == tmp_path / "Local" / "Inkwell"
    (tmp_path / "Roaming" / "Inkwell").mkdir(parents=True)
    (tmp_path / "Roaming" / "Inkwell" / "inkwell.db").write_bytes(b"")
    assert default_data_dir() == tmp_path / "Roaming" / "Inkwell"
