"""Plain, detached snapshots of stored rows; the data layer returns these, never ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from desktop_app.domain.generation import StopReason, TokenChoice


class GenerationStatus(StrEnum):
    RUNNING = "running"
    COMPLETED = "completed"  # ended by the model (end of text or length limit)
    STOPPED = "stopped"  # the user pressed Stop or closed the window
    FAILED = "failed"
    INTERRUPTED = "interrupted"  # still `running` when the app last exited: a crash or a kill


class RevisionKind(StrEnum):
    AUTOSAVE = "autosave"
    GENERATION = "generation"  # snapshot taken just before AI text went into the draft
    MANUAL = "manual"
    RESTORE = "restore"


@dataclass(frozen=True, slots=True)
class Draft:
    id: int
    title: str
    body: str
    created_at: datetime
    updated_at: datetime
    project: str | None = None


@dataclass(frozen=True, slots=True)
class DraftSummary:
    id: int
    title: str
    updated_at: datetime
    word_count: int
    project: str | None = None
    created_at: datetime | None = None
    deleted_at: datetime | None = None  # set for drafts in the trash


@dataclass(frozen=True, slots=True)
class Revision:
    id: int
    draft_id: int
    body: str
    kind: RevisionKind
    created_at: datetime
    label: str | None = None  # a named snapshot's name


@dataclass(frozen=True, slots=True)
class GenerationRecord:
    id: int
    draft_id: int | None
    task_id: str
    inputs: dict[str, str]
    rendered_prompt: str
    params: dict[str, object]
    seed: int | None
    model_id: str
    output: str
    status: GenerationStatus
    stop_reason: StopReason | None
    error: str | None
    prompt_tokens: int | None
    output_tokens: int | None
    time_to_first_token_s: float | None
    duration_s: float | None
    created_at: datetime
    finished_at: datetime | None
    # Empty for runs that failed or predate the log, and in lists, which leave it unread:
    # `has_tokens` says whether there is one to read.
    tokens: tuple[TokenChoice, ...] = ()
    starred: bool = False
    has_tokens: bool = False
    device: str | None = None  # where it ran ("cpu", "cuda:0"); None for older runs
    dtype: str | None = None
    adapter: str | None = None  # the LoRA adapter it ran with, by name


@dataclass(frozen=True, slots=True)
class HistoryFilter:
    """Which generations the history shows; None (or False) leaves that part open."""

    draft_id: int | None = None
    task_id: str | None = None
    model_id: str | None = None
    since: datetime | None = None  # inclusive
    until: datetime | None = None  # exclusive
    starred_only: bool = False
