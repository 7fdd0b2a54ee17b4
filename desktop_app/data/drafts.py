"""Drafts and their revisions."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from desktop_app.data.database import Database
from desktop_app.data.models import DraftRow, RevisionRow
from desktop_app.domain.drafts import word_count
from desktop_app.domain.records import Draft, DraftSummary, Revision, RevisionKind


class DraftRepository:
    def __init__(self, database: Database) -> None:
        self._db = database

    def create(self, title: str, body: str = "", project: str | None = None) -> Draft:
        now = datetime.now(UTC)
        row = DraftRow(
            title=title,
            body=body,
            word_count=word_count(body),
            created_at=now,
            updated_at=now,
            project=project or None,
        )
        with self._db.session() as session:
            session.add(row)
            session.flush()
            return _draft(row)

    def get(self, draft_id: int) -> Draft | None:
        """None when the draft does not exist or was deleted."""
        with self._db.session() as session:
            row = _live(session.get(DraftRow, draft_id))
            return None if row is None else _draft(row)

    def list_summaries(self, *, trash: bool = False) -> list[DraftSummary]:
        """Drafts in use, most recently changed first; with `trash`, those in the trash, most
        recently deleted first."""
        in_trash = DraftRow.deleted_at.is_not(None) if trash else DraftRow.deleted_at.is_(None)
        newest = DraftRow.deleted_at.desc() if trash else DraftRow.updated_at.desc()
        query = _summaries.where(in_trash).order_by(newest, DraftRow.id.desc())
        with self._db.session() as session:
            return [DraftSummary(*row) for row in session.execute(query)]

    def summary(self, draft_id: int) -> DraftSummary | None:
        """One draft in use, without its body (read after every save)."""
        query = _summaries.where(DraftRow.id == draft_id, DraftRow.deleted_at.is_(None))
        with self._db.session() as session:
            row = session.execute(query).first()
            return None if row is None else DraftSummary(*row)

    def projects(self) -> list[str]:
        """The names drafts in use are grouped under, alphabetically."""
        query = (
            select(DraftRow.project)
            .where(DraftRow.deleted_at.is_(None), DraftRow.project.is_not(None))
            .distinct()
        )
        with self._db.session() as session:
            return sorted((name for name in session.scalars(query) if name), key=str.casefold)

    def set_project(self, draft_id: int, project: str | None) -> None:
        with self._db.session() as session:
            row = _live(session.get(DraftRow, draft_id))
            if row is not None:
                row.project = project or None

    def duplicate(self, draft_id: int, title: str) -> Draft:
        with self._db.session() as session:
            row = _live(session.get(DraftRow, draft_id))
            if row is None:
                raise LookupError(f"no draft with id {draft_id}")
            body, project = row.body, row.project
        return self.create(title, body, project)

    def rename(self, draft_id: int, title: str) -> None:
        with self._db.session() as session:
            row = _live(session.get(DraftRow, draft_id))
            if row is not None and row.title != title:
                row.title = title
                row.updated_at = datetime.now(UTC)

    def save_body(self, draft_id: int, body: str) -> bool:
        """Writes only a changed body; returns whether it wrote. Deleted drafts stay as they are."""
        with self._db.session() as session:
            row = _live(session.get(DraftRow, draft_id))
            if row is None or row.body == body:
                return False
            row.body = body
            row.word_count = word_count(body)
            row.updated_at = datetime.now(UTC)
            return True

    def delete(self, draft_id: int) -> None:
        """Moves the draft to the trash, from where `restore` brings it back."""
        with self._db.session() as session:
            row = _live(session.get(DraftRow, draft_id))
            if row is not None:
                row.deleted_at = datetime.now(UTC)

    def restore(self, draft_id: int) -> Draft | None:
        with self._db.session() as session:
            row = session.get(DraftRow, draft_id)
            if row is None:
                return None
            row.deleted_at = None
            return _draft(row)

    def empty_trash(self) -> int:
        """Deletes the drafts in the trash for good, with their revisions; the generations
        made for them stay in the history. Returns how many drafts went."""
        with self._db.session() as session:
            rows = session.scalars(select(DraftRow).where(DraftRow.deleted_at.is_not(None)))
            count = 0
            for row in rows:
                session.delete(row)
                count += 1
            return count

    def add_revision(
        self, draft_id: int, body: str, kind: RevisionKind, label: str | None = None
    ) -> Revision:
        with self._db.session() as session:
            if session.get(DraftRow, draft_id) is None:
                raise LookupError(f"no draft with id {draft_id}")
            row = RevisionRow(
                draft_id=draft_id,
                body=body,
                kind=kind.value,
                created_at=datetime.now(UTC),
                label=label or None,
            )
            session.add(row)
            session.flush()
            return _revision(row)

    def revision(self, revision_id: int) -> Revision | None:
        with self._db.session() as session:
            row = session.get(RevisionRow, revision_id)
            return None if row is None else _revision(row)

    def revisions(self, draft_id: int, limit: int | None = None) -> list[Revision]:
        """Newest first."""
        query = (
            select(RevisionRow)
            .where(RevisionRow.draft_id == draft_id)
            .order_by(RevisionRow.created_at.desc(), RevisionRow.id.desc())
            .limit(limit)
        )
        with self._db.session() as session:
            return [_revision(row) for row in session.scalars(query)]


# The list's columns: never the body, which may be megabytes.
_summaries = select(
    DraftRow.id,
    DraftRow.title,
    DraftRow.updated_at,
    DraftRow.word_count,
    DraftRow.project,
    DraftRow.created_at,
    DraftRow.deleted_at,
)


def _live(row: DraftRow | None) -> DraftRow | None:
    return None if row is None or row.deleted_at is not None else row


def _draft(row: DraftRow) -> Draft:
    return Draft(row.id, row.title, row.body, row.created_at, row.updated_at, row.project)


def _revision(row: RevisionRow) -> Revision:
    return Revision(
        row.id, row.draft_id, row.body, RevisionKind(row.kind), row.created_at, row.label
    )
