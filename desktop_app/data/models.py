"""The ORM schema. Alembic migrations in `migrations/versions` create it; keep both in step."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, DateTime, Dialect, Double, ForeignKey, Index, false, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes. SQLite has no time zones, so they are stored as naive UTC text,
    which also sorts chronologically."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    # Pinned, so that what the migrations create does not depend on SQLAlchemy's defaults.
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime, float: Double}


class DraftRow(Base):
    __tablename__ = "drafts"
    __table_args__ = (Index("ix_drafts_deleted_at_updated_at", "deleted_at", "updated_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    body: Mapped[str]
    # Stored on save so the draft list never has to read every body.
    word_count: Mapped[int]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    deleted_at: Mapped[datetime | None]  # in the trash since then
    project: Mapped[str | None]


class RevisionRow(Base):
    __tablename__ = "revisions"
    __table_args__ = (Index("ix_revisions_draft_id_created_at", "draft_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"))
    body: Mapped[str]
    kind: Mapped[str]  # a RevisionKind value
    created_at: Mapped[datetime]
    label: Mapped[str | None]  # the name the writer gave a snapshot


class GenerationRow(Base):
    __tablename__ = "generations"
    __table_args__ = (
        Index("ix_generations_created_at", "created_at"),
        Index("ix_generations_draft_id_created_at", "draft_id", "created_at"),
        # Tiny: only rows of a generation in progress, found again after a crash.
        Index(
            "ix_generations_running",
            "status",
            sqlite_where=text("status = 'running'"),
        ),
        Index("ix_generations_starred", "starred"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int | None] = mapped_column(ForeignKey("drafts.id", ondelete="SET NULL"))
    task_id: Mapped[str]
    inputs: Mapped[dict[str, str]] = mapped_column(JSON)
    rendered_prompt: Mapped[str]
    params: Mapped[dict[str, object]] = mapped_column(JSON)
    seed: Mapped[int | None]
    model_id: Mapped[str]
    device: Mapped[str | None]  # where it ran, e.g. "cpu" or "cuda:0" (None before 0004)
    dtype: Mapped[str | None]  # the precision the model was loaded with, e.g. "bfloat16"
    adapter: Mapped[str | None]  # the LoRA adapter's name (None: the base model; before 0005)
    output: Mapped[str]
    status: Mapped[str]  # a GenerationStatus value
    stop_reason: Mapped[str | None]  # a StopReason value
    error: Mapped[str | None]
    prompt_tokens: Mapped[int | None]
    output_tokens: Mapped[int | None]
    time_to_first_token_s: Mapped[float | None]
    duration_s: Mapped[float | None]
    created_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    # Encoded by `generations._encode_tokens`; None is stored as SQL NULL, not JSON null.
    tokens: Mapped[list[Any] | None] = mapped_column(JSON(none_as_null=True))
    starred: Mapped[bool] = mapped_column(default=False, server_default=false())


class SettingRow(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(primary_key=True)
    value: Mapped[str]
