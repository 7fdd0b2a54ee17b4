"""The interface language: which one, loading its translations, and the built-in tasks' texts.

The setting `ui/language` is "" (follow the system), "en" or "zh_CN"; "pseudo" (or the
environment variable INKWELL_LANGUAGE) selects the developers' pseudo-locale, whose longer,
accented text shows untranslated and clipped labels. The .qm files are built from
desktop_app/i18n/*.ts by scripts/translations.py.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from desktop_app.domain import i18n
from desktop_app.resources import resource_path

log = logging.getLogger(__name__)

LANGUAGE_KEY = "ui/language"
LANGUAGE_ENV = "INKWELL_LANGUAGE"
ENGLISH = "en"
CHINESE = "zh_CN"
PSEUDO = "pseudo"
# Each language named in itself, as the View > Language menu offers them.
LANGUAGE_NAMES = {ENGLISH: "English", CHINESE: "简体中文"}
_CHINESE_TAGS = ("zh", "zh-cn", "zh-hans", "zh-sg", "zh-hans-cn", "zh-hans-sg")

_installed: list[QTranslator] = []


def system_ui_languages() -> list[str]:
    """The system's preferred interface languages, most wanted first (e.g. "zh-Hans-CN")."""
    return list(QLocale.system().uiLanguages())


def resolve_language(setting: str, system_languages: Sequence[str]) -> str:
    """The language to show: ENGLISH, CHINESE or PSEUDO.

    "" follows the first system language Inkwell has (Chinese variants written in simplified
    characters count as zh_CN); anything it does not have is English.
    """
    setting = setting.strip()
    if setting in (ENGLISH, CHINESE, PSEUDO):
        return setting
    candidates = [setting] if setting else system_languages
    for tag in (c.replace("_", "-").lower() for c in candidates):
        if tag in _CHINESE_TAGS or tag.startswith("zh-hans"):  # zh-Hans-HK, zh-Hans-MO too
            return CHINESE
        if tag.split("-")[0] in ("en", "zh"):  # zh-TW, zh-Hant: English until translated
            return ENGLISH
    return ENGLISH


def stored_language(settings_file: Path) -> str:
    """The `ui/language` setting in settings.ini, read before the window (and its settings
    object) exists."""
    value = QSettings(str(settings_file), QSettings.Format.IniFormat).value(LANGUAGE_KEY, "")
    return value if isinstance(value, str) else ""


def apply_language(setting: str) -> str:
    """Loads the translations for the stored `setting` (before any widget is built); returns
    the language now shown. INKWELL_LANGUAGE overrides the setting."""
    stored = os.environ.get(LANGUAGE_ENV) or setting
    language = resolve_language(stored, system_ui_languages())
    app = QCoreApplication.instance()
    assert app is not None, "create the QApplication first"
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    # English has a file too: the singular and plural of its "%n …" texts.
    files = [resource_path("i18n", f"inkwell_{language}.qm")]
    if language == CHINESE:  # Qt's own texts: the standard dialog buttons
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        files.append(Path(qt_dir, "qtbase_zh_CN.qm"))
    for path in files:
        translator = QTranslator(app)
        if translator.load(str(path)):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("no translations at %s (run scripts/translations.py build)", path)
    # Code reading QLocale() (number formats, translate's default language) follows the
    # interface; following the system keeps the system's own locale.
    QLocale.setDefault(QLocale(language) if stored and language != PSEUDO else QLocale.system())
    i18n.install(None if language == ENGLISH else QCoreApplication.translate)
    return language


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks a text for translation where it is defined (a table built at import, before any
    translator is installed); `QCoreApplication.translate(context, text)` shows it later.
    PySide6's own returns `object` to the type checker."""
    del context
    return text


def task_text(text: str) -> str:
    """A built-in task's label, description, hint or option in the interface language; the
    writer's own tasks come back as they wrote them."""
    return QCoreApplication.translate("Tasks", text)


def language_name(name: str) -> str:
    """A language picker's entry ("Chinese"), in the interface language."""
    return QCoreApplication.translate("Languages", name)


def option_label(option: str) -> str:
    """How a choice field shows its option: capitalised, as the task file spells it otherwise."""
    return option[:1].upper() + option[1:]
