"""Settings stored in the library."""

from __future__ import annotations

from pathlib import Path

from desktop_app.data import SettingsRepository, open_database


def test_set_get_overwrite_and_remove(tmp_path: Path) -> None:
    database = open_database(tmp_path / "library.db")
    settings = SettingsRepository(database)

    assert settings.get("last_draft_id") is None
    settings.set("last_draft_id", "3")
    settings.set("last_draft_id", "7")
    assert settings.get("last_draft_id") == "7"
    settings.set("last_draft_id", None)
    assert settings.get("last_draft_id") is None
    settings.set("never_set", None)  # removing a missing key is fine
    database.close()
