"""Applies the saved appearance before the window shows, follows the system's light or dark
live, and owns Edit > Preferences."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication

from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.naming import named
from desktop_app.ui.preferences_dialog import PreferencesDialog
from desktop_app.ui.theme import (
    Appearance,
    Theme,
    apply_appearance,
    load_appearance,
    save_appearance,
)


class AppearanceController(QObject):
    def __init__(self, window: MainWindow, settings: QSettings) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings
        self._dialog: PreferencesDialog | None = None
        self.appearance = load_appearance(settings)
        self._apply()

        self.preferences_action = named(
            QAction(self.tr("&Preferences…"), window), "preferencesAction"
        )
        standard = QKeySequence(QKeySequence.StandardKey.Preferences)
        self.preferences_action.setShortcut(
            standard if not standard.isEmpty() else QKeySequence("Ctrl+,")
        )
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.preferences_action.triggered.connect(self.show_preferences)
        window.edit_menu.addSeparator()
        window.edit_menu.addAction(self.preferences_action)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)

    def set_appearance(self, appearance: Appearance) -> None:
        """Applies at once and remembers it for the next start."""
        self.appearance = appearance
        save_appearance(self._settings, appearance)
        self._apply()

    def show_preferences(self) -> PreferencesDialog:
        if self._dialog is None:
            editor_font = self._window.findChild(QAction, "editorFontAction")
            assert editor_font is not None  # EditorTools makes it with the window
            self._dialog = PreferencesDialog(
                self.appearance, self._window.editor, editor_font, self._window
            )
            self._dialog.appearanceChanged.connect(self.set_appearance)
        else:
            self._dialog.set_appearance(self.appearance)
        if self._dialog.isVisible():
            self._dialog.raise_()
            self._dialog.activateWindow()
        else:
            self._dialog.show()
        return self._dialog

    def _system_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self.appearance.theme is Theme.SYSTEM:
            self._apply()

    def _apply(self) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        apply_appearance(app, self.appearance)
