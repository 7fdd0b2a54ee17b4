"""The Qt-free layers' messages go through `i18n.translate`, in a form the extraction reads."""

from __future__ import annotations

import ast
import functools
import re
import sqlite3
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

import desktop_app
from desktop_app.data.database import open_database
from desktop_app.data.errors import storage_error
from desktop_app.domain import i18n
from desktop_app.domain.task_files import TaskFileError, parse_task
from desktop_app.generation.engine import ModelLoadError
from desktop_app.generation.sources import resolve

PACKAGE = Path(desktop_app.__file__).parent
MISSING_MODEL = "There is no model file or folder at {path}."
# A whole sentence in Chinese, placeholders kept: what the app's Qt translator returns.
CHINESE = {("ModelLoad", MISSING_MODEL): "在 {path} 没有找到模型文件或文件夹。"}


def _marked(context: str, text: str) -> str:
    """Chinese where the table has it, else the text marked, so a miss shows in the test."""
    return CHINESE.get((context, text), f"〔{context}〕{text}")


@pytest.fixture
def translated() -> Iterator[None]:
    i18n.install(_marked)
    try:
        yield
    finally:
        i18n.install(None)


def test_a_missing_model_is_reported_in_the_users_language(
    translated: None, tmp_path: Path
) -> None:
    missing = tmp_path / "no-such-model"
    with pytest.raises(ModelLoadError) as caught:
        resolve(str(missing), tmp_path / "cache")
    assert str(caught.value) == f"在 {missing} 没有找到模型文件或文件夹。"


def test_a_damaged_library_and_a_full_disk_are_reported_translated(
    translated: None, tmp_path: Path
) -> None:
    path = tmp_path / "library.db"
    path.write_bytes(b"this is not a database\x00\xff" * 100)
    database = open_database(path)
    try:
        notice = database.recovery_notice
    finally:
        database.close()
    assert notice is not None
    assert notice.startswith("〔Storage〕The library file was damaged")
    assert "{kept}" not in notice and ".corrupt-" in notice  # filled in after translating

    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = 13  # SQLITE_FULL
    message = str(storage_error(full, path))
    assert message == f"〔Storage〕Could not save: the disk is full ({path})."


def test_a_broken_task_file_is_explained_translated(translated: None) -> None:
    with pytest.raises(TaskFileError, match=r"^〔TaskFile〕it is not valid TOML \("):
        parse_task("label = [")


def test_english_comes_back_once_the_translator_is_removed(tmp_path: Path) -> None:
    i18n.install(_marked)
    i18n.install(None)
    with pytest.raises(ModelLoadError, match=r"^There is no model file or folder at "):
        resolve(str(tmp_path / "gone"), tmp_path)


@functools.cache
def _translate_calls() -> tuple[tuple[Path, ast.Call], ...]:
    return tuple(_scan())


def _scan() -> Iterator[tuple[Path, ast.Call]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else None
                # i18n.translate(...) too; str.translate(table) and Qt's own are not ours.
                if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                    name = func.attr if func.value.id == "i18n" else None
                if name == "translate":
                    yield path, node


def test_every_translate_call_has_a_literal_context_and_text() -> None:
    calls = _translate_calls()
    assert len(calls) > 100, "the scan found too few calls: has translate been renamed?"
    wrong = [
        f"{path.relative_to(PACKAGE.parent)}:{call.lineno}"
        for path, call in calls
        if call.keywords
        or len(call.args) != 2
        or not all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in call.args)
        or not call.args[0].value  # type: ignore[attr-defined]
    ]
    assert wrong == [], "translate needs two string literals (the extraction reads them)"


def test_every_placeholder_is_a_plain_name() -> None:
    # Named, so a translation may reorder them; no format spec or conversion, which the
    # .ts checks and the pseudo-locale would not recognise as part of the placeholder.
    for path, call in _translate_calls():
        text = call.args[1].value  # type: ignore[attr-defined]
        for _, name, spec, conversion in string.Formatter().parse(text):
            if name is not None:
                where = f"{path}:{call.lineno}: {text!r}"
                assert re.fullmatch(r"[a-z_][a-z0-9_]*", name), where
                assert not spec and conversion is None, where
