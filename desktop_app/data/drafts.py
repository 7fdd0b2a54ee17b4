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

    def create(self, title: str, body: str = "") -> Draft:
        now = datetime.now(UTC)
        row = DraftRow(
            title=title,
            body=body,
            word_count=word_count(body),
            created_at=now,
            updated_at=now,
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

    def list_summaries(self) -> list[DraftSummary]:
        """Drafts not deleted, the most recently changed first."""
        query = (
            select(DraftRow.id, DraftRow.title, DraftRow.updated_at, DraftRow.word_count)
            .where(DraftRow.deleted_at.is_(None))
            .order_by(DraftRow.updated_at.desc(), DraftRow.id.desc())
        )
        with self._db.session() as session:
            return [DraftSummary(*row) for row in session.execute(query)]

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
        """Soft delete: the draft disappears from the app but stays in the file."""
        with self._db.session() as session:
            row = _live(session.get(DraftRow, draft_id))
            if row is not None:
                row.deleted_at = datetime.now(UTC)

    def add_revision(self, draft_id: int, body: str, kind: RevisionKind) -> Revision:
        with self._db.session() as session:
            if session.get(DraftRow, draft_id) is None:
                raise LookupError(f"no draft with id {draft_id}")
            row = RevisionRow(
                draft_id=draft_id, body=body, kind=kind.value, created_at=datetime.now(UTC)
            )
            session.add(row)
            session.flush()
            return _revision(row)

    def revisions(self, draft_id: int) -> list[Revision]:
        """Newest first."""
        query = (
            select(RevisionRow)
            .where(RevisionRow.draft_id == draft_id)
            .order_by(RevisionRow.created_at.desc(), RevisionRow.id.desc())
        )
        with self._db.session() as session:
            return [_revision(row) for row in session.scalars(query)]


def _live(row: DraftRow | None) -> DraftRow | None:
    return None if row is None or row.deleted_at is not None else row


def _draft(row: DraftRow) -> Draft:
    return Draft(row.id, row.title, row.body, row.created_at, row.updated_at)


def _revision(row: RevisionRow) -> Revision:
    return Revision(row.id, row.draft_id, row.body, RevisionKind(row.kind), row.created_at)
