"""The generation history: one row per request, completed when the model finishes."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, defer

from desktop_app.data.database import Database
from desktop_app.data.models import GenerationRow
from desktop_app.domain.generation import (
    GenerationRequest,
    GenerationResult,
    StopReason,
    TokenAlternative,
    TokenChoice,
)
from desktop_app.domain.records import GenerationRecord, GenerationStatus, HistoryFilter

_log = logging.getLogger(__name__)


class GenerationRepository:
    def __init__(self, database: Database) -> None:
        self._db = database

    def start(
        self,
        draft_id: int | None,
        request: GenerationRequest,
        model_id: str,
        *,
        device: str | None = None,
        dtype: str | None = None,
        adapter: str | None = None,
    ) -> int:
        """Records a request as `running` on `model_id`, loaded on `device` at `dtype`;
        returns the id that `finish` or `fail` completes."""
        row = GenerationRow(
            draft_id=draft_id,
            task_id=request.task_id,
            inputs=request.inputs_dict(),
            # Readable until `finish` stores the exact prompt the engine built.
            rendered_prompt="\n".join(f"{m.role}: {m.content}" for m in request.messages),
            params=request.params.as_dict(),
            seed=request.params.seed,
            model_id=model_id,
            device=device,
            dtype=dtype,
            adapter=adapter,
            output="",
            status=GenerationStatus.RUNNING.value,
            created_at=datetime.now(UTC),
        )
        with self._db.session() as session:
            session.add(row)
            session.flush()
            return row.id

    def finish(
        self, generation_id: int, result: GenerationResult, status: GenerationStatus
    ) -> None:
        with self._db.session() as session:
            row = _row(session, generation_id)
            row.status = status.value
            row.output = result.text
            row.stop_reason = result.stop_reason.value
            row.rendered_prompt = result.rendered_prompt
            row.seed = result.seed
            row.model_id = result.model_id
            row.prompt_tokens = result.prompt_tokens
            row.output_tokens = result.output_tokens
            row.time_to_first_token_s = result.time_to_first_token_s
            row.duration_s = result.duration_s
            row.tokens = _encode_tokens(result.tokens)
            row.finished_at = datetime.now(UTC)

    def fail(self, generation_id: int, error: str, output: str, duration_s: float) -> None:
        """Keeps whatever text arrived before the error."""
        with self._db.session() as session:
            row = _row(session, generation_id)
            row.status = GenerationStatus.FAILED.value
            row.stop_reason = StopReason.ERROR.value
            row.error = error
            row.output = output
            row.duration_s = duration_s
            row.finished_at = datetime.now(UTC)

    def list_recent(
        self, limit: int | None = 200, filters: HistoryFilter | None = None
    ) -> list[GenerationRecord]:
        """Newest first, narrowed by `filters`; `limit=None` for all of them.

        Without their token logs (`has_tokens` says which have one): decoding a few hundred
        logs takes seconds, and the list is read on the GUI thread. `get` reads one.
        """
        has_tokens = GenerationRow.tokens.is_not(None).label("has_tokens")
        query = select(GenerationRow, has_tokens).options(defer(GenerationRow.tokens))
        f = filters or HistoryFilter()
        if f.draft_id is not None:
            query = query.where(GenerationRow.draft_id == f.draft_id)
        if f.task_id is not None:
            query = query.where(GenerationRow.task_id == f.task_id)
        if f.model_id is not None:
            query = query.where(GenerationRow.model_id == f.model_id)
        if f.since is not None:
            query = query.where(GenerationRow.created_at >= f.since)
        if f.until is not None:
            query = query.where(GenerationRow.created_at < f.until)
        if f.starred_only:
            query = query.where(GenerationRow.starred.is_(True))
        query = query.order_by(GenerationRow.created_at.desc(), GenerationRow.id.desc())
        with self._db.session() as session:
            return [
                _record(row, tokens=None, has_tokens=logged)
                for row, logged in session.execute(query.limit(limit))
            ]

    def facets(self) -> tuple[list[str], list[str]]:
        """The task ids and the model ids the history holds, for its filters."""
        with self._db.session() as session:
            tasks = session.scalars(select(GenerationRow.task_id).distinct()).all()
            models = session.scalars(select(GenerationRow.model_id).distinct()).all()
        return sorted(tasks), sorted(models)

    def set_starred(self, generation_id: int, starred: bool) -> None:
        with self._db.session() as session:
            _row(session, generation_id).starred = starred

    def get(self, generation_id: int) -> GenerationRecord | None:
        """One generation, with its token log."""
        with self._db.session() as session:
            row = session.get(GenerationRow, generation_id)
            if row is None:
                return None
            tokens = _decode_tokens(row.tokens, row.id)
            return _record(row, tokens=tokens, has_tokens=bool(tokens))


def _row(session: Session, generation_id: int) -> GenerationRow:
    row = session.get(GenerationRow, generation_id)
    if row is None:
        raise LookupError(f"no generation with id {generation_id}")
    return row


def _record(
    row: GenerationRow, *, tokens: tuple[TokenChoice, ...] | None, has_tokens: bool
) -> GenerationRecord:
    """`tokens` None: the log was not read (see `has_tokens`)."""
    return GenerationRecord(
        id=row.id,
        draft_id=row.draft_id,
        task_id=row.task_id,
        inputs=dict(row.inputs),
        rendered_prompt=row.rendered_prompt,
        params=dict(row.params),
        seed=row.seed,
        model_id=row.model_id,
        output=row.output,
        status=GenerationStatus(row.status),
        stop_reason=None if row.stop_reason is None else StopReason(row.stop_reason),
        error=row.error,
        prompt_tokens=row.prompt_tokens,
        output_tokens=row.output_tokens,
        time_to_first_token_s=row.time_to_first_token_s,
        duration_s=row.duration_s,
        created_at=row.created_at,
        finished_at=row.finished_at,
        starred=row.starred,
        tokens=tokens or (),
        has_tokens=has_tokens,
        device=row.device,
        dtype=row.dtype,
        adapter=row.adapter,
    )


def _encode_tokens(tokens: tuple[TokenChoice, ...]) -> list[Any] | None:
    """`[[id, text, probability, [[id, text, probability], ...]], ...]`, or None for none.

    Lists, not objects, and probabilities to 5 significant digits: a long output logs
    thousands of tokens with several rivals each, and keys or 17-digit floats would be
    repeated in every one.
    """

    def entry(token: TokenChoice | TokenAlternative) -> list[Any]:
        return [token.token_id, token.text, float(f"{token.probability:.5g}")]

    return [[*entry(t), [entry(a) for a in t.alternatives]] for t in tokens] or None


def _decode_tokens(stored: list[Any] | None, generation_id: int) -> tuple[TokenChoice, ...]:
    """The tokens `_encode_tokens` stored. A value of any other shape is logged and read as
    no tokens: one odd row must not keep the history from opening."""

    def fields(token_id: object, text: object, probability: object) -> tuple[int, str, float]:
        if not (
            isinstance(token_id, int)
            and isinstance(text, str)
            and isinstance(probability, int | float)
        ):
            raise TypeError(f"not a token: {[token_id, text, probability]!r}")
        return token_id, text, float(probability)

    try:
        return tuple(
            TokenChoice(
                *fields(token_id, text, probability),
                tuple(TokenAlternative(*fields(*alternative)) for alternative in alternatives),
            )
            for token_id, text, probability, alternatives in stored or ()
        )
    except (TypeError, ValueError):
        _log.warning(
            "Ignoring the unreadable token log of generation %d", generation_id, exc_info=True
        )
        return ()
