"""The presets file: atomic writes, and a damaged file kept aside rather than fatal."""

from __future__ import annotations

import pytest

from desktop_app.domain.generation import GenerationParams
from desktop_app.domain.presets import user_preset
from desktop_app.services.atomic_file import write_atomically
from desktop_app.services.preset_store import PresetStore


def test_presets_round_trip_through_the_file(tmp_path):
    store = PresetStore(tmp_path / "presets.json")
    assert store.load() == []
    mine = [user_preset("Warm", GenerationParams(temperature=0.9))]
    store.save(mine)
    assert PresetStore(tmp_path / "presets.json").load() == mine


def test_a_damaged_file_is_kept_aside_and_nothing_crashes(tmp_path):
    path = tmp_path / "presets.json"
    path.write_text("{ half a file")
    assert PresetStore(path).load() == []
    [kept] = tmp_path.glob("presets.damaged-*.json")
    assert kept.read_text() == "{ half a file"


def test_a_failed_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "out.json"
    path.write_text("good")

    def broken_replace(*_args):
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_atomically(path, "new")
    assert path.read_text() == "good"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
