"""Translatable messages for the Qt-free layers.

Domain, data, generation and services code writes the messages a user reads (errors, task
names) but may not import Qt. It calls `translate(context, text)` instead; the app installs
Qt's translator behind it at start-up, and `scripts/translations.py` finds these calls the
way lupdate finds `self.tr(...)`. Until something is installed, text comes back unchanged,
so tests and the command line read English.
"""

from __future__ import annotations

from collections.abc import Callable

Translator = Callable[[str, str], str]


def _untranslated(context: str, text: str) -> str:
    del context
    return text


_installed: Translator = _untranslated


def install(translator: Translator | None) -> None:
    """Routes every later `translate` call through `translator`; None restores English."""
    global _installed  # noqa: PLW0603 - one translator for the whole process
    _installed = translator or _untranslated


def translate(context: str, text: str) -> str:
    """`text` in the user's language. Both arguments must be string literals at the call
    site (the extraction tool reads them); fill in values afterwards with str.format."""
    return _installed(context, text)


def task_text(text: str) -> str:
    """A built-in task's label or field label in the user's language (scripts/translations.py
    extracts them from the task files, under "Tasks"); the writer's own come back as written."""
    return _installed("Tasks", text)
