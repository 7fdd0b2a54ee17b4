"""The writer's library: projects, trash, named snapshots, starred generations, and the
revisions in the full-text index.

`drafts.project` groups drafts under a project name (NULL: none); deleting a draft already
set `deleted_at`, which is now the trash. `revisions.label` names a snapshot the writer
took. `generations.starred` marks runs worth keeping in view. Plain ADD COLUMNs, so the
tables and their triggers from 0001 stay as they are; the revisions get their own trigram
index, filled from the rows already there.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_REVISIONS_SEARCH_DDL = (
    """CREATE VIRTUAL TABLE revisions_fts USING fts5(
        label, body, content='revisions', content_rowid='id', tokenize='trigram')""",
    """CREATE TRIGGER revisions_fts_insert AFTER INSERT ON revisions BEGIN
        INSERT INTO revisions_fts(rowid, label, body)
        VALUES (new.id, coalesce(new.label, ''), new.body);
    END""",
    """CREATE TRIGGER revisions_fts_delete AFTER DELETE ON revisions BEGIN
        INSERT INTO revisions_fts(revisions_fts, rowid, label, body)
        VALUES ('delete', old.id, coalesce(old.label, ''), old.body);
    END""",
    """CREATE TRIGGER revisions_fts_update AFTER UPDATE OF label, body ON revisions BEGIN
        INSERT INTO revisions_fts(revisions_fts, rowid, label, body)
        VALUES ('delete', old.id, coalesce(old.label, ''), old.body);
        INSERT INTO revisions_fts(rowid, label, body)
        VALUES (new.id, coalesce(new.label, ''), new.body);
    END""",
    "INSERT INTO revisions_fts(revisions_fts) VALUES ('rebuild')",
)


def upgrade() -> None:
    op.add_column("drafts", sa.Column("project", sa.String(), nullable=True))
    op.add_column("revisions", sa.Column("label", sa.String(), nullable=True))
    op.add_column(
        "generations",
        sa.Column("starred", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_generations_starred", "generations", ["starred"])
    for statement in _REVISIONS_SEARCH_DDL:
        op.execute(statement)
