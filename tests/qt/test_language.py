"""The interface language: chosen by the setting or the system, switched from the View menu."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu

from desktop_app.app import build_main_window
from desktop_app.domain import i18n
from desktop_app.generation.fake_engine import FakeEngine
from desktop_app.paths import DataPaths
from desktop_app.ui import translations
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.translations import LANGUAGE_KEY, apply_language, resolve_language


@pytest.fixture(autouse=True)
def english_afterwards(qapp, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Later tests read English whatever this one switched to."""
    yield
    monkeypatch.setattr(translations, "system_ui_languages", lambda: ["en-US"])
    apply_language("")


def store_language(data_dir: Path, language: str) -> None:
    settings = QSettings(str(DataPaths(data_dir).settings), QSettings.Format.IniFormat)
    settings.setValue(LANGUAGE_KEY, language)
    settings.sync()


@pytest.mark.parametrize(
    ("setting", "system", "expected"),
    [
        ("zh_CN", ["en-US"], "zh_CN"),
        ("en", ["zh-Hans-CN"], "en"),
        ("pseudo", ["en-US"], "pseudo"),
        ("", ["zh-Hans-CN", "en-US"], "zh_CN"),
        ("", ["zh-CN"], "zh_CN"),
        ("", ["zh_SG"], "zh_CN"),
        ("", ["zh"], "zh_CN"),
        ("", ["zh-Hant-TW"], "en"),  # traditional characters: not translated yet
        ("", ["fr-FR", "zh-CN"], "zh_CN"),  # the first language Inkwell has
        ("", ["de-DE"], "en"),
        ("", [], "en"),
    ],
)
def test_resolve_language(setting: str, system: list[str], expected: str) -> None:
    assert resolve_language(setting, system) == expected


@pytest.mark.parametrize(
    ("case", "file_menu"),
    [(("zh_CN", "en-US"), "文件(&F)"), (("en", "zh-CN"), "&File"), (("", "zh-CN"), "文件(&F)")],
)
def test_window_speaks_the_chosen_language(
    make_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case, file_menu
) -> None:
    setting, system = case
    monkeypatch.setattr(translations, "system_ui_languages", lambda: [system])
    store_language(tmp_path, setting)
    window = make_window()
    assert window.file_menu.title() == file_menu
    chinese = file_menu != "&File"
    # The Qt-free layers' messages, the built-in tasks and Qt's own buttons follow it too.
    assert (i18n.translate("Tasks", "Story") == "故事") is chinese
    assert (window.prompt.task_picker.currentText() == "续写") is chinese
    assert (QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消") is chinese


def test_switching_language_keeps_the_writers_text(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(translations, "system_ui_languages", lambda: ["en-US"])
    engine = FakeEngine()
    # Not through make_window: the switch deletes this window, and its teardown would close it.
    window = build_main_window(DataPaths(tmp_path), "embedded", lambda: engine)
    window.show()
    assert window.view_menu.findChild(QMenu, "languageMenu") is not None
    window.editor.setPlainText("Unsaved words, 还有中文。")
    monkeypatch.setattr(
        "desktop_app.ui.language_controller.LanguageController.confirm_reopen", lambda _self: True
    )
    chinese = window.findChild(QAction, "language_zh_CN")
    assert chinese is not None and not chinese.isChecked()
    chinese.trigger()
    qtbot.wait(50)  # the old window is deleted meanwhile

    reopened = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]
    assert len(reopened) == 1 and reopened[0] is not window
    new = reopened[0]
    qtbot.addWidget(new)
    assert new.editor.toPlainText() == "Unsaved words, 还有中文。"
    assert new.file_menu.title() == "文件(&F)"
    language_action = new.findChild(QAction, "language_zh_CN")
    assert language_action is not None and language_action.isChecked()
    new.close()
