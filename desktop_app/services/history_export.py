"""The generation history as a file: CSV for spreadsheets, JSON for everything else."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Iterable
from datetime import datetime

from desktop_app.domain.records import GenerationRecord

CSV_COLUMNS = (
    "id",
    "created_at",
    "draft_id",
    "task",
    "model",
    "status",
    "stop_reason",
    "seed",
    "prompt",
    "output",
    "params",
    "prompt_tokens",
    "output_tokens",
    "duration_s",
    "starred",
)
# A spreadsheet runs a cell starting with one of these as a formula: "- Buy now" would show
# #NAME?, and "=HYPERLINK(...)" in a model's output would be live in the client's Excel.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def history_csv(records: Iterable[GenerationRecord]) -> bytes:
    """UTF-8 with a byte order mark: without it Excel reads the file as the local ANSI code
    page and CJK text turns to mojibake."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for r in records:
        writer.writerow(
            (
                r.id,
                r.created_at.isoformat(),
                _cell(r.draft_id),
                r.task_id,
                r.model_id,
                r.status.value,
                _cell(r.stop_reason),  # a StrEnum: its value
                _cell(r.seed),
                _text_cell(r.inputs.get("prompt", "")),
                _text_cell(r.output),
                json.dumps(r.params, ensure_ascii=False, sort_keys=True),
                _cell(r.prompt_tokens),
                _cell(r.output_tokens),
                _cell(r.duration_s),
                "true" if r.starred else "false",
            )
        )
    return buffer.getvalue().encode("utf-8-sig")


def history_json(records: Iterable[GenerationRecord]) -> bytes:
    """Every field of each record but its token log (large, and only for the token view)."""
    # The token log is large and not read for lists; whether there is one is not history.
    left_out = {"tokens", "has_tokens"}
    fields = [f.name for f in dataclasses.fields(GenerationRecord) if f.name not in left_out]
    rows = [{name: getattr(record, name) for name in fields} for record in records]
    text = json.dumps(rows, ensure_ascii=False, indent=2, default=_json_value)
    return (text + "\n").encode("utf-8")


def _json_value(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _cell(value: object) -> object:
    return "" if value is None else value


def _text_cell(text: str) -> str:
    """Free text, kept from being read as a formula by an apostrophe, as OWASP advises."""
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text
