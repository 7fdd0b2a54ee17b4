"""The translation sources are complete and current: every text in the code has its Chinese
(and every "%n" text its English plural), with the same placeholders."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "translations.py"
_spec = importlib.util.spec_from_file_location("translations_tool", SCRIPT)
assert _spec is not None and _spec.loader is not None
tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tool)


@pytest.fixture(scope="module")
def updated(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Path]:
    """The .ts files as `update` makes them from today's code, beside the committed ones."""
    folder = tmp_path_factory.mktemp("ts")
    copies = {}
    for language in tool.LANGUAGES:
        copies[tool.ts_path(language)] = shutil.copy(tool.ts_path(language), folder)
    subprocess.run(
        [sys.executable, str(SCRIPT), "update", "--ts", *map(str, copies.values())],
        check=True,
        capture_output=True,
    )
    return {source: Path(copy) for source, copy in copies.items()}


def test_every_text_in_the_code_is_translated(updated: dict[Path, Path]) -> None:
    problems = [p for copy in updated.values() for p in tool.problems(copy)]
    assert not problems, (
        "run `python scripts/translations.py update`, then translate these in "
        "desktop_app/i18n/ (Qt Linguist, or `translations.py fill FILE.json`):\n"
        + "\n".join(problems)
    )


def test_the_committed_sources_are_up_to_date(updated: dict[Path, Path]) -> None:
    stale = [
        source.name
        for source, copy in updated.items()
        if tool.live_sources(copy) != tool.live_sources(source)
    ]
    assert not stale, f"run `python scripts/translations.py update`: {stale} are out of date"


def test_built_in_tasks_are_among_the_texts(updated: dict[Path, Path]) -> None:
    messages = tool.live_sources(updated[tool.ts_path("zh_CN")])
    assert ("Tasks", "Story") in messages
    assert ("Tasks", "Science fiction") in messages  # a choice, as the form shows it
    assert ("Languages", "Chinese") in messages
    assert ("ModelLabels", "Apple GPU") in messages  # through a one-argument wrapper


def test_check_finds_missing_and_mismatched_translations(tmp_path: Path) -> None:
    ts = tmp_path / "x.ts"
    ts.write_text(
        """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context><name>C</name>
<message><source>%1 of %2</source><translation>%1</translation></message>
<message><source>&amp;File</source><translation>文件</translation></message>
<message><source>Open {name}</source><translation type="unfinished"></translation></message>
<message><source>Gone</source><translation type="vanished">走了</translation></message>
<message><source>Fine %1</source><translation>好 %1</translation></message>
</context>
</TS>
""",
        encoding="utf-8",
    )
    found = tool.problems(ts)
    assert len(found) == 3
    assert [p.split(":")[0] for p in found] == [
        "placeholders differ",
        "accelerator (&) differs",
        "untranslated",
    ]


def test_pseudo_translation_is_longer_and_keeps_placeholders() -> None:
    text = tool.pseudo("Saved %1 of {count} <b>words</b>")
    assert text.startswith("[") and text.endswith("]")
    assert len(text) >= len("Saved %1 of {count} <b>words</b>") * 1.3
    assert "%1" in text and "{count}" in text and "<b>" in text and "</b>" in text
    assert "Saved" not in text
