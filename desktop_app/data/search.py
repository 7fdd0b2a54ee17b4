"""Full-text search over drafts, their revisions and the generation history (the FTS5
indexes of migrations 0001 and 0003)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import ColumnElement, Integer, column, func, literal_column, or_, select, table
from sqlalchemy.orm import Session

from desktop_app.data.database import Database
from desktop_app.data.models import DraftRow, GenerationRow, RevisionRow

# The trigram index finds only substrings of at least three characters.
_MIN_INDEXED = 3
_SNIPPET_CHARS = 120
_drafts_fts = table("drafts_fts", column("rowid", Integer), column("rank"))
_generations_fts = table("generations_fts", column("rowid", Integer), column("rank"))
_revisions_fts = table("revisions_fts", column("rowid", Integer), column("rank"))


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: Literal["draft", "revision", "generation"]
    id: int
    snippet: str  # one line of text around the first match
    draft_id: int | None = None  # the draft a revision or generation belongs to


def search(database: Database, query: str, limit: int = 50) -> list[SearchHit]:
    """Items containing every word of `query`: drafts, then revisions, then generations.

    Any text is safe: words are quoted for FTS5, so operators and stray quotes match
    literally. Words shorter than the index allows are found by a slower LIKE scan.
    """
    terms = query.split()
    if not terms:
        return []
    with database.session() as session:
        hits = (
            _draft_hits(session, terms, limit)
            + _revision_hits(session, terms, limit)
            + _generation_hits(session, terms, limit)
        )
    return hits[:limit]


def _draft_hits(session: Session, terms: list[str], limit: int) -> list[SearchHit]:
    query = select(DraftRow.id, DraftRow.title, DraftRow.body).where(DraftRow.deleted_at.is_(None))
    if _indexed(terms):
        query = (
            query.join(_drafts_fts, _drafts_fts.c.rowid == DraftRow.id)
            .where(literal_column("drafts_fts").match(_fts_query(terms)))
            .order_by(_drafts_fts.c.rank)
        )
    else:
        query = query.where(
            *(
                or_(
                    DraftRow.title.contains(term, autoescape=True),
                    DraftRow.body.contains(term, autoescape=True),
                )
                for term in terms
            )
        ).order_by(DraftRow.updated_at.desc())
    return [
        SearchHit("draft", draft_id, _snippet((body, title), terms), draft_id)
        for draft_id, title, body in session.execute(query.limit(limit))
    ]


def _revision_hits(session: Session, terms: list[str], limit: int) -> list[SearchHit]:
    """Revisions of drafts in use (not in the trash), one hit per passage and draft."""
    query = (
        select(RevisionRow.id, RevisionRow.draft_id, RevisionRow.body, RevisionRow.label)
        .join(DraftRow, DraftRow.id == RevisionRow.draft_id)
        .where(DraftRow.deleted_at.is_(None))
    )
    if _indexed(terms):
        query = (
            query.join(_revisions_fts, _revisions_fts.c.rowid == RevisionRow.id)
            .where(literal_column("revisions_fts").match(_fts_query(terms)))
            .order_by(_revisions_fts.c.rank)
        )
    else:
        query = query.where(
            *(
                or_(
                    RevisionRow.body.contains(term, autoescape=True),
                    RevisionRow.label.contains(term, autoescape=True),
                )
                for term in terms
            )
        ).order_by(RevisionRow.created_at.desc())
    hits: list[SearchHit] = []
    seen: set[tuple[int, str]] = set()
    # Autosaves repeat the same passage: read more rows than shown, as repeats fold away.
    for revision_id, draft_id, body, label in session.execute(query.limit(limit * 4)):
        snippet = _snippet((body, label or ""), terms)
        if (draft_id, snippet) in seen:
            continue
        seen.add((draft_id, snippet))
        hits.append(SearchHit("revision", revision_id, snippet, draft_id))
        if len(hits) == limit:
            break
    return hits


def _generation_hits(session: Session, terms: list[str], limit: int) -> list[SearchHit]:
    query = select(
        GenerationRow.id, GenerationRow.output, GenerationRow.inputs, GenerationRow.draft_id
    )
    if _indexed(terms):
        query = (
            query.join(_generations_fts, _generations_fts.c.rowid == GenerationRow.id)
            .where(literal_column("generations_fts").match(_fts_query(terms)))
            .order_by(_generations_fts.c.rank)
        )
    else:
        query = query.where(
            *(
                or_(GenerationRow.output.contains(term, autoescape=True), _in_inputs(term))
                for term in terms
            )
        ).order_by(GenerationRow.created_at.desc())
    return [
        SearchHit(
            "generation", generation_id, _snippet((output, *inputs.values()), terms), draft_id
        )
        for generation_id, output, inputs, draft_id in session.execute(query.limit(limit))
    ]


def _indexed(terms: list[str]) -> bool:
    return all(len(term) >= _MIN_INDEXED for term in terms)


def _fts_query(terms: list[str]) -> str:
    # Each word becomes an FTS5 string ("" escapes a quote); strings side by side mean AND.
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms)


def _in_inputs(term: str) -> ColumnElement[bool]:
    values = func.json_each(GenerationRow.inputs).table_valued("value")
    return select(values.c.value).where(values.c.value.contains(term, autoescape=True)).exists()


def _snippet(texts: Sequence[str], terms: list[str]) -> str:
    """About a line of the first text that contains a term, starting a little before it."""
    lowered_terms = [term.lower() for term in terms]
    for text in texts:
        lowered = text.lower()
        found = [at for term in lowered_terms if (at := lowered.find(term)) >= 0]
        if found:
            start = max(min(found) - 30, 0)
            end = start + _SNIPPET_CHARS
            line = " ".join(text[start:end].split())
            return ("…" if start else "") + line + ("…" if end < len(text) else "")
    return " ".join(texts[0][:_SNIPPET_CHARS].split())
