"""The writer's library as the UI sees it: drafts, the last open draft, generation history.

The UI talks to this, never to the data layer; every call is one short transaction on the
GUI thread and raises `StorageError` with a message meant for the user.
"""

from __future__ import annotations

from desktop_app.data import (
    Database,
    DraftRepository,
    GenerationRepository,
    SearchHit,
    SettingsRepository,
    StorageError,
    search,
)
from desktop_app.domain.generation import GenerationRequest, GenerationResult, ModelInfo
from desktop_app.domain.i18n import translate
from desktop_app.domain.records import (
    Draft,
    DraftSummary,
    GenerationRecord,
    GenerationStatus,
    HistoryFilter,
    Revision,
    RevisionKind,
)

__all__ = ["Library", "SearchHit", "StorageError"]

_LAST_DRAFT = "last_draft_id"
_OPEN_TABS = "open_draft_tabs"


class Library:
    def __init__(self, database: Database) -> None:
        self._database = database
        self._drafts = DraftRepository(database)
        self._generations = GenerationRepository(database)
        self._settings = SettingsRepository(database)

    # Drafts

    def drafts(self, *, trash: bool = False) -> list[DraftSummary]:
        return self._drafts.list_summaries(trash=trash)

    def projects(self) -> list[str]:
        return self._drafts.projects()

    def set_project(self, draft_id: int, project: str | None) -> None:
        self._drafts.set_project(draft_id, project)

    def duplicate_draft(self, draft_id: int, title: str) -> Draft:
        draft = self._drafts.duplicate(draft_id, title)
        self._settings.set(_LAST_DRAFT, str(draft.id))
        return draft

    def restore_draft(self, draft_id: int) -> Draft | None:
        """Takes a draft out of the trash and makes it the open one."""
        draft = self._drafts.restore(draft_id)
        if draft is not None:
            self._settings.set(_LAST_DRAFT, str(draft.id))
        return draft

    def empty_trash(self) -> int:
        return self._drafts.empty_trash()

    def open_tabs(self) -> list[int]:
        """The drafts open in tabs when the app last closed, in tab order."""
        saved = self._settings.get(_OPEN_TABS) or ""
        return [int(part) for part in saved.split(",") if part.isdigit()]

    def warm_up(self) -> None:
        """Makes the reads the window makes as it opens (its tabs, the open draft, the draft
        list and the trash, the history) and drops them, changing nothing: run on another
        thread first, it leaves SQLAlchemy's statements compiled and SQLite's pages read for
        the GUI thread's own."""
        self.open_tabs()
        last = self._settings.get(_LAST_DRAFT)
        if last and last.isdigit():
            self.draft(int(last))
        self.drafts()
        self.drafts(trash=True)
        self.history_facets()
        self.history()

    def set_open_tabs(self, draft_ids: list[int]) -> None:
        self._settings.set(_OPEN_TABS, ",".join(map(str, draft_ids)) or None)

    def draft_summary(self, draft_id: int) -> DraftSummary | None:
        return self._drafts.summary(draft_id)

    def draft(self, draft_id: int) -> Draft | None:
        """A draft in use, without making it the open one."""
        return self._drafts.get(draft_id)

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
            draft = self._drafts.create(translate("Library", "Untitled"))
        self._settings.set(_LAST_DRAFT, str(draft.id))
        return draft

    def new_draft(self, title: str, body: str = "", project: str | None = None) -> Draft:
        draft = self._drafts.create(title, body, project)
        self._settings.set(_LAST_DRAFT, str(draft.id))
        return draft

    def rename_draft(self, draft_id: int, title: str) -> None:
        self._drafts.rename(draft_id, title)

    def delete_draft(self, draft_id: int) -> None:
        self._drafts.delete(draft_id)

    def save_draft(self, draft_id: int, body: str) -> bool:
        return self._drafts.save_body(draft_id, body)

    def snapshot(
        self, draft_id: int, body: str, kind: RevisionKind, label: str | None = None
    ) -> Revision:
        return self._drafts.add_revision(draft_id, body, kind, label)

    def keep_revision(self, draft_id: int, body: str, kind: RevisionKind) -> bool:
        """Adds a revision unless the newest one holds this text already; whether it did."""
        newest = self._drafts.revisions(draft_id, limit=1)
        if newest and newest[0].body == body:
            return False
        self._drafts.add_revision(draft_id, body, kind)
        return True

    def revisions(self, draft_id: int, limit: int | None = None) -> list[Revision]:
        """Newest first; `limit=1` reads just the latest (bodies may be megabytes each)."""
        return self._drafts.revisions(draft_id, limit)

    def revision(self, revision_id: int) -> Revision | None:
        return self._drafts.revision(revision_id)

    # Generation history

    def start_generation(
        self, draft_id: int | None, request: GenerationRequest, model: ModelInfo
    ) -> int:
        return self._generations.start(
            draft_id,
            request,
            model.model_id,
            device=model.device,
            dtype=model.dtype,
            adapter=model.adapter,
        )

    def finish_generation(
        self, generation_id: int, result: GenerationResult, status: GenerationStatus
    ) -> None:
        self._generations.finish(generation_id, result, status)

    def fail_generation(
        self, generation_id: int, error: str, output: str, duration_s: float
    ) -> None:
        self._generations.fail(generation_id, error, output, duration_s)

    def history(
        self, limit: int | None = 200, filters: HistoryFilter | None = None
    ) -> list[GenerationRecord]:
        return self._generations.list_recent(limit, filters)

    def history_facets(self) -> tuple[list[str], list[str]]:
        """Task ids and model ids in the history."""
        return self._generations.facets()

    def generation(self, generation_id: int) -> GenerationRecord | None:
        return self._generations.get(generation_id)

    def star_generation(self, generation_id: int, starred: bool) -> None:
        self._generations.set_starred(generation_id, starred)

    # Search

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        return search(self._database, query, limit)
