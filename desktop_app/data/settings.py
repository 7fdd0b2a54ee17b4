"""Small named values (the last open draft, window layout, ...) kept in the library."""

from __future__ import annotations

from sqlalchemy import delete

from desktop_app.data.database import Database
from desktop_app.data.models import SettingRow


class SettingsRepository:
    def __init__(self, database: Database) -> None:
        self._db = database

    def get(self, key: str) -> str | None:
        with self._db.session() as session:
            row = session.get(SettingRow, key)
            return None if row is None else row.value

    def set(self, key: str, value: str | None) -> None:
        """None removes the key."""
        with self._db.session() as session:
            if value is None:
                session.execute(delete(SettingRow).where(SettingRow.key == key))
            else:
                session.merge(SettingRow(key=key, value=value))
