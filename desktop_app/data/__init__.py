"""Storage: the SQLite library file, its migrations, and repositories returning domain records.

Everything here runs on the GUI thread, one short session per call.
"""

from desktop_app.data.database import Database, open_database
from desktop_app.data.drafts import DraftRepository
from desktop_app.data.errors import DatabaseTooNewError, StorageError
from desktop_app.data.generations import GenerationRepository
from desktop_app.data.search import SearchHit, search
from desktop_app.data.settings import SettingsRepository

__all__ = [
    "Database",
    "DatabaseTooNewError",
    "DraftRepository",
    "GenerationRepository",
    "SearchHit",
    "SettingsRepository",
    "StorageError",
    "open_database",
    "search",
]
