"""The LoRA adapter a generation ran with, by name (NULL: the base model alone).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("generations", sa.Column("adapter", sa.String(), nullable=True))
