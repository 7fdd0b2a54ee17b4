"""View > Language: the interface language, stored in the settings.

Switching reopens the window in the new language rather than retranslating it live: every
panel and dialog builds its texts once, and the window's close path already saves every
draft, stops the model and reopens the same drafts and tabs on the next build.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings, Slot
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMessageBox

from desktop_app.ui.main_window import APP_NAME, MainWindow
from desktop_app.ui.naming import named
from desktop_app.ui.translations import (
    LANGUAGE_KEY,
    LANGUAGE_NAMES,
    resolve_language,
    system_ui_languages,
)


class LanguageController(QObject):
    def __init__(
        self,
        window: MainWindow,
        settings: QSettings,
        shown: str,
        reopen: Callable[[], object],
    ) -> None:
        """`shown` is the language the window was built in; `reopen` closes the window
        through its close path and builds it again."""
        super().__init__(window)
        self._window = window
        self._settings = settings
        self._shown = shown
        self._reopen = reopen
        self.menu = named(window.view_menu.addMenu(self.tr("&Language")), "languageMenu")
        self._group = QActionGroup(self)
        stored = str(settings.value(LANGUAGE_KEY, "") or "")
        choices = {"": self.tr("System Default"), **LANGUAGE_NAMES}
        for code, text in choices.items():
            action = QAction(text, self._group)
            action.setCheckable(True)
            action.setChecked(code == stored)
            action.setData(code)
            action.setObjectName(f"language_{code or 'system'}")
            self.menu.addAction(action)
        self._group.triggered.connect(self._choose)

    @Slot(QAction)
    def _choose(self, action: QAction) -> None:
        code = str(action.data())
        self._settings.setValue(LANGUAGE_KEY, code)
        self._settings.sync()
        if resolve_language(code, system_ui_languages()) == self._shown:
            return
        if self.confirm_reopen():
            self._reopen()
        else:
            self._window.statusBar().showMessage(
                self.tr("Inkwell will show the new language the next time it starts."), 10000
            )

    def confirm_reopen(self) -> bool:
        answer = QMessageBox.question(
            self._window,
            APP_NAME,
            self.tr(
                "Switch the language now? Inkwell saves your drafts and reopens its window "
                "in the new language; the model loads again."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes
