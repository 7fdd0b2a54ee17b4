"""The token log: each generation's output tokens with their probabilities and rivals.

A nullable JSON column on `generations`, so that the token view can show a past generation
as it showed a fresh one. Rows from before this revision, and failed runs, keep NULL.

A plain ADD COLUMN, not a batch migration: SQLite adds a column in place, so the table and
its full-text triggers from 0001 stay as they are.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("generations", sa.Column("tokens", sa.JSON(), nullable=True))
