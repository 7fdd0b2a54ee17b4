"""The writer's library as the UI sees it: drafts, the last open draft, generation history.

The UI talks to this, never to the data layer; every call is one short transaction on the
GUI thread and raises `StorageError` with a message meant for the user.
"""

from __future__ import annotations

from desktop_app.data import (
    Database,
    DraftRepository,
    GenerationRepository,
    SettingsRepository,
    StorageError,
)
from desktop_app.domain.generation import GenerationRequest, GenerationResult
from desktop_app.domain.records import (
    Draft,
    DraftSummary,
    GenerationRecord,
    GenerationStatus,
    RevisionKind,
)

__all__ = ["Library", "StorageError"]

_LAST_DRAFT = "last_draft_id"


class Library:
    def __init__(self, database: Database) -> None:
        self._drafts = DraftRepository(database)
        self._generations = GenerationRepository(database)
        self._settings = SettingsRepository(database)

    # Drafts

    def drafts(self) -> list[DraftSummary]:
        return self._drafts.list_summaries()

    def open_draft(self, draft_id: int) -> Draft | None:
        draft = self._drafts.get(draft_id)
        if draft is not None:
            self._settings.set(_LAST_DRAFT, str(draft.id))
        return draft

    def open_last_draft(self) -> Draft:
        """The draft open when the app last closed, else the newest, else a new one."""
        last = self._settings.get(_LAST_DRAFT)
        draft = self._drafts.get(int(last)) if last and last.isdigit() else None
        if draft is None:
            summaries = self._drafts.list_summaries()
            draft = self._drafts.get(summaries[0].id) if summaries else None
        if draft is None:
            draft = self._drafts.create("Untitled")
        self._settings.set(_LAST_DRAFT, str(draft.id))
        return draft

    def new_draft(self, title: str) -> Draft:
        draft = self._drafts.create(title)
        self._settings.set(_LAST_DRAFT, str(draft.id))
        return draft

    def rename_draft(self, draft_id: int, title: str) -> None:
        self._drafts.rename(draft_id, title)

    def delete_draft(self, draft_id: int) -> None:
        self._drafts.delete(draft_id)

    def save_draft(self, draft_id: int, body: str) -> bool:
        return self._drafts.save_body(draft_id, body)

    def snapshot(self, draft_id: int, body: str, kind: RevisionKind) -> None:
        self._drafts.add_revision(draft_id, body, kind)

    # Generation history

    def start_generation(
        self, draft_id: int | None, request: GenerationRequest, model_id: str
    ) -> int:
        return self._generations.start(draft_id, request, model_id)

    def finish_generation(
        self, generation_id: int, result: GenerationResult, status: GenerationStatus
    ) -> None:
        self._generations.finish(generation_id, result, status)

    def fail_generation(
        self, generation_id: int, error: str, output: str, duration_s: float
    ) -> None:
        self._generations.fail(generation_id, error, output, duration_s)

    def history(self, limit: int = 200) -> list[GenerationRecord]:
        return self._generations.list_recent(limit)
