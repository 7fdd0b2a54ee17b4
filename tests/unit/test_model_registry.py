"""The model list: added, recently used and default models, kept across restarts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.services.model_registry import RECENT_LIMIT, ModelRegistry


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "models.json"


def test_everything_survives_a_restart(path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "my-model"
    folder.mkdir()
    registry = ModelRegistry(path)
    assert (registry.added(), registry.recent(), registry.default()) == ([], [], "embedded")

    stored = registry.add(str(folder) + "/")
    registry.add("org/model")
    registry.add(str(folder))  # the same folder spelled differently: not added twice
    registry.mark_used("org/model")
    registry.mark_used(stored)
    registry.set_default("org/model")

    again = ModelRegistry(path)
    assert again.problem is None
    assert again.added() == [str(folder), "org/model"]
    assert again.recent() == [str(folder), "org/model"]  # most recent first
    assert again.default() == "org/model"


def test_recent_is_capped_and_moves_a_reused_model_to_the_front(path: Path) -> None:
    registry = ModelRegistry(path)
    for n in range(RECENT_LIMIT + 3):
        registry.mark_used(f"org/m{n}")
    registry.mark_used("org/m5")
    recent = ModelRegistry(path).recent()
    assert len(recent) == RECENT_LIMIT
    assert recent[:2] == ["org/m5", f"org/m{RECENT_LIMIT + 2}"]
    assert recent.count("org/m5") == 1


def test_removing_the_default_falls_back_to_the_embedded_model(path: Path) -> None:
    registry = ModelRegistry(path)
    registry.add("org/model")
    registry.mark_used("org/model")
    registry.set_default("org/model")
    registry.remove("org/model")
    again = ModelRegistry(path)
    assert (again.added(), again.recent(), again.default()) == ([], [], "embedded")


@pytest.mark.parametrize(
    "content",
    [
        '{"format": "inkwell-models", "added": [',
        '["a list"]',
        '{"format": "inkwell-models", "added": [1]}',
    ],
    ids=["truncated", "not-a-model-list", "wrong-type"],
)
def test_a_damaged_file_is_kept_aside_and_reported(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True)
    path.write_text(content)
    registry = ModelRegistry(path)
    assert registry.added() == []
    assert registry.problem is not None
    assert str(path) in registry.problem
    kept = list(path.parent.glob("models.damaged-*.json"))
    assert [p.read_text() for p in kept] == [content]
    assert kept[0].name in registry.problem

    registry.add("org/model")  # the app carries on with a fresh list
    assert json.loads(path.read_text())["added"] == ["org/model"]
    assert registry.problem is None


def test_a_file_that_cannot_be_written_is_reported_not_raised(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be")
    registry = ModelRegistry(blocker / "models.json")
    registry.add("org/model")
    assert registry.added() == ["org/model"]  # kept for this session
    assert registry.problem is not None
    assert "could not be saved" in registry.problem


def test_a_file_that_is_not_utf8_is_kept_aside(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xff\xfe not text")
    registry = ModelRegistry(path)
    assert registry.added() == [] and registry.problem is not None
    assert [p.read_bytes() for p in path.parent.glob("models.damaged-*.json")] == [
        b"\xff\xfe not text"
    ]


def test_a_list_that_cannot_be_read_is_never_written_over(path: Path) -> None:
    path.mkdir(parents=True)  # reading it fails with an OSError, as a locked file would
    (path / "precious").write_text("the writer's list")
    registry = ModelRegistry(path)
    assert registry.problem is not None and "could not be read" in registry.problem
    registry.mark_used("org/model")
    assert registry.recent() == ["org/model"]  # for this session
    assert (path / "precious").read_text() == "the writer's list"
