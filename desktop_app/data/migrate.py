"""Runs the Alembic migrations shipped inside the package; no alembic.ini is needed.

Alembic is imported only to upgrade: every start asks for the revisions, and reading them
from the migration files' `revision = "…"` lines costs nothing, where importing Alembic
costs a quarter of a second before the window can appear.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_LINK = re.compile(r'^(down_revision|revision) = (None|"([^"]+)")$', re.MULTILINE)


def _config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    # The option goes through ConfigParser interpolation, which treats "%" as special.
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


def _links() -> dict[str, str | None]:
    """Each shipped revision and the one it follows."""
    links: dict[str, str | None] = {}
    for script in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = {key: value or None for key, _, value in _LINK.findall(script.read_text("utf-8"))}
        links[str(found["revision"])] = found["down_revision"]
    return links


def known_revisions() -> set[str]:
    return set(_links())


def head_revision() -> str:
    links = _links()
    (head,) = set(links) - set(links.values())  # the one no other revision follows
    return head


def upgrade(connection: Connection) -> None:
    """Upgrades to head inside the caller's transaction, so a failed step changes nothing."""
    from alembic import command

    command.upgrade(_config(connection), "head")
