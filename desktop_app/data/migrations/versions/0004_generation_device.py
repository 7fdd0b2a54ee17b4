"""Where each generation ran: the device and the precision the model was loaded with.

Two nullable text columns on `generations` ("cpu", "float32"; "cuda:0", "bfloat16"), so a
writer comparing outputs can tell a GPU run from a CPU one. Rows from before keep NULL.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("generations", sa.Column("device", sa.String(), nullable=True))
    op.add_column("generations", sa.Column("dtype", sa.String(), nullable=True))
