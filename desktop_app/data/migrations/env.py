"""Alembic environment. Runs only on the connection that `desktop_app.data.migrate` passes in
`config.attributes`, inside that connection's transaction."""

from __future__ import annotations

from alembic import context

from desktop_app.data.models import Base

# Tables of the full-text index live outside the ORM; autogenerate must not drop them.
_SEARCH_TABLES = ("drafts_fts", "generations_fts")


def _include_name(name: str | None, type_: str, _parents: object) -> bool:
    return not (type_ == "table" and name is not None and name.startswith(_SEARCH_TABLES))


context.configure(
    connection=context.config.attributes["connection"],
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters most things only by copying the table
    include_name=_include_name,
)
with context.begin_transaction():
    context.run_migrations()
