"""Drafts, revisions, generation history, settings, and the full-text index.

Migrations have no downgrade: an older Inkwell refuses a newer file, and the copy saved
before each upgrade (`<file>.backup-<revision>`) is the way back.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Trigram tokens make substring search work for scripts written without spaces (CJK).
# The triggers keep the index in step with the tables; a batch migration that recreates
# `drafts` or `generations` drops their triggers and must create them again.
_SEARCH_DDL = (
    # External content: the index reads titles and bodies back from `drafts`.
    """CREATE VIRTUAL TABLE drafts_fts USING fts5(
        title, body, content='drafts', content_rowid='id', tokenize='trigram')""",
    """CREATE TRIGGER drafts_fts_insert AFTER INSERT ON drafts BEGIN
        INSERT INTO drafts_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
    """CREATE TRIGGER drafts_fts_delete AFTER DELETE ON drafts BEGIN
        INSERT INTO drafts_fts(drafts_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
    END""",
    """CREATE TRIGGER drafts_fts_update AFTER UPDATE OF title, body ON drafts BEGIN
        INSERT INTO drafts_fts(drafts_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO drafts_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
    # Holds its own copy: `inputs` is the JSON object's values joined, not the JSON text.
    "CREATE VIRTUAL TABLE generations_fts USING fts5(output, inputs, tokenize='trigram')",
    """CREATE TRIGGER generations_fts_insert AFTER INSERT ON generations BEGIN
        INSERT INTO generations_fts(rowid, output, inputs) VALUES (
            new.id, new.output,
            (SELECT group_concat(value, ' ') FROM json_each(new.inputs)));
    END""",
    """CREATE TRIGGER generations_fts_update AFTER UPDATE OF output, inputs ON generations
    BEGIN
        UPDATE generations_fts SET
            output = new.output,
            inputs = (SELECT group_concat(value, ' ') FROM json_each(new.inputs))
        WHERE rowid = new.id;
    END""",
    """CREATE TRIGGER generations_fts_delete AFTER DELETE ON generations BEGIN
        DELETE FROM generations_fts WHERE rowid = old.id;
    END""",
)


def upgrade() -> None:
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("body", sa.String(), nullable=False),
        sa.Column("word_count", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_drafts_deleted_at_updated_at", "drafts", ["deleted_at", "updated_at"])
    op.create_table(
        "revisions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "draft_id",
            sa.Integer(),
            sa.ForeignKey("drafts.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("body", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_revisions_draft_id_created_at", "revisions", ["draft_id", "created_at"])
    op.create_table(
        "generations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "draft_id",
            sa.Integer(),
            sa.ForeignKey("drafts.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("task_id", sa.String(), nullable=False),
        sa.Column("inputs", sa.JSON(), nullable=False),
        sa.Column("rendered_prompt", sa.String(), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=True),
        sa.Column("model_id", sa.String(), nullable=False),
        sa.Column("output", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("stop_reason", sa.String(), nullable=True),
        sa.Column("error", sa.String(), nullable=True),
        sa.Column("prompt_tokens", sa.Integer(), nullable=True),
        sa.Column("output_tokens", sa.Integer(), nullable=True),
        sa.Column("time_to_first_token_s", sa.Double(), nullable=True),
        sa.Column("duration_s", sa.Double(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_generations_created_at", "generations", ["created_at"])
    op.create_index("ix_generations_draft_id_created_at", "generations", ["draft_id", "created_at"])
    op.create_index(
        "ix_generations_running",
        "generations",
        ["status"],
        sqlite_where=sa.text("status = 'running'"),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(), primary_key=True),
        sa.Column("value", sa.String(), nullable=False),
    )
    for statement in _SEARCH_DDL:
        op.execute(statement)
