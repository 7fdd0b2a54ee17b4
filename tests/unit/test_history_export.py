"""Exporting the generation history: CSV that Excel opens right, JSON that round-trips."""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop_app.data import Database, open_database
from desktop_app.domain.generation import (
    GenerationParams,
    GenerationRequest,
    GenerationResult,
    ModelInfo,
    StopReason,
    TokenChoice,
)
from desktop_app.domain.records import GenerationRecord, GenerationStatus
from desktop_app.services.history_export import CSV_COLUMNS, history_csv, history_json
from desktop_app.services.library import Library

CREATED = datetime(2025, 3, 1, 9, 30, 15, tzinfo=UTC)


def _record(**changes: object) -> GenerationRecord:
    fields: dict[str, object] = {
        "id": 7,
        "draft_id": 3,
        "task_id": "marketing",
        "inputs": {"prompt": "一款新茶 — a new tea", "tone": "warm"},
        "rendered_prompt": "<|im_start|>user\n...",
        "params": {"temperature": 0.7, "max_new_tokens": 80},
        "seed": 42,
        "model_id": "SmolLM2-135M-Instruct",
        "output": '清香四溢, "fresh", שלום 🍵\nline two',
        "status": GenerationStatus.COMPLETED,
        "stop_reason": StopReason.END_OF_TEXT,
        "error": None,
        "prompt_tokens": 12,
        "output_tokens": 30,
        "time_to_first_token_s": 0.25,
        "duration_s": 1.5,
        "created_at": CREATED,
        "finished_at": CREATED,
        "tokens": (TokenChoice(1, "x", 0.5, ()),),
        "starred": True,
        "device": "cpu",
        "dtype": "bfloat16",
    }
    fields.update(changes)
    return GenerationRecord(**fields)  # type: ignore[arg-type]


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_has_a_bom_and_one_row_per_generation():
    data = history_csv([_record(), _record(id=8, stop_reason=None, seed=None, starred=False)])
    assert data.startswith(codecs.BOM_UTF8)
    reader = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    assert tuple(next(reader)) == CSV_COLUMNS
    first, second = _rows(data)
    assert first == {
        "id": "7",
        "created_at": "2025-03-01T09:30:15+00:00",
        "draft_id": "3",
        "task": "marketing",
        "model": "SmolLM2-135M-Instruct",
        "status": "completed",
        "stop_reason": "end_of_text",
        "seed": "42",
        "prompt": "一款新茶 — a new tea",
        "output": '清香四溢, "fresh", שלום 🍵\nline two',
        "params": '{"max_new_tokens": 80, "temperature": 0.7}',
        "prompt_tokens": "12",
        "output_tokens": "30",
        "duration_s": "1.5",
        "starred": "true",
    }
    assert (second["stop_reason"], second["seed"], second["starred"]) == ("", "", "false")


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "- Buy now", "+1 offer", "@all"])
def test_csv_text_cannot_run_as_a_spreadsheet_formula(text):
    [row] = _rows(history_csv([_record(output=text, inputs={"prompt": text})]))
    assert row["output"] == row["prompt"] == "'" + text


def test_json_has_everything_but_the_token_log():
    [entry] = json.loads(history_json([_record()]).decode("utf-8"))
    assert "tokens" not in entry
    assert entry == {
        "id": 7,
        "draft_id": 3,
        "task_id": "marketing",
        "inputs": {"prompt": "一款新茶 — a new tea", "tone": "warm"},
        "rendered_prompt": "<|im_start|>user\n...",
        "params": {"temperature": 0.7, "max_new_tokens": 80},
        "seed": 42,
        "model_id": "SmolLM2-135M-Instruct",
        "output": '清香四溢, "fresh", שלום 🍵\nline two',
        "status": "completed",
        "stop_reason": "end_of_text",
        "error": None,
        "prompt_tokens": 12,
        "output_tokens": 30,
        "time_to_first_token_s": 0.25,
        "duration_s": 1.5,
        "created_at": "2025-03-01T09:30:15+00:00",
        "finished_at": "2025-03-01T09:30:15+00:00",
        "starred": True,
        "device": "cpu",
        "dtype": "bfloat16",
        "adapter": None,
    }
    assert "清香四溢" in history_json([_record()]).decode("utf-8")  # readable, not \u-escaped


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    database: Database = open_database(tmp_path / "library.db")
    yield Library(database)
    database.close()


def test_the_whole_history_is_available_for_export(library):
    request = GenerationRequest(
        task_id="story",
        inputs=(("prompt", "p"),),
        messages=(),
        plain_prompt="p",
        params=GenerationParams(),
    )
    result = GenerationResult("out", StopReason.LENGTH, "p", 1, 1, 1, "m", 0.1, 0.2)
    model = ModelInfo("m", "/m", "llama", 2048, True, "cpu", "float32", 1000)
    for _ in range(205):
        library.finish_generation(
            library.start_generation(None, request, model), result, GenerationStatus.COMPLETED
        )
    assert len(library.history()) == 200
    records = library.history(limit=None)
    assert len(records) == 205
    assert len(_rows(history_csv(records))) == 205
