"""Edit > Preferences: how Inkwell looks. Every change applies at once; Close just closes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QAction, QFontDatabase, QFontInfo
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.naming import named
from desktop_app.ui.theme import FONT_SIZES, Appearance, Theme


class PreferencesDialog(QDialog):
    appearanceChanged = Signal(object)  # Appearance

    def __init__(
        self, appearance: Appearance, editor: QWidget, choose_editor_font: QAction, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self._editor = editor

        self.theme = named(QComboBox(), "themePicker")
        for text, theme in (
            (self.tr("Follow the system"), Theme.SYSTEM),
            (self.tr("Light"), Theme.LIGHT),
            (self.tr("Dark"), Theme.DARK),
        ):
            self.theme.addItem(text, theme)
        self.high_contrast = named(QCheckBox(self.tr("&High contrast")), "highContrastCheck")
        self.high_contrast.setToolTip(
            self.tr("Pure black and white, with strong selection and focus colours")
        )
        self.font_size = named(QComboBox(), "interfaceTextSize")
        system = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).pointSize()
        self.font_size.addItem(self.tr("System (%1 pt)").replace("%1", str(system)), 0)
        for size in FONT_SIZES:
            self.font_size.addItem(self.tr("%1 pt").replace("%1", str(size)), size)
        self.editor_font = named(QLabel(), "editorFontName")
        choose = named(QPushButton(self.tr("&Choose…")), "chooseEditorFont")
        choose.setToolTip(
            choose_editor_font.toolTip() or self.tr("The typeface and size of the draft")
        )
        choose.clicked.connect(choose_editor_font.trigger)

        editor_row = QHBoxLayout()
        editor_row.addWidget(self.editor_font, 1)
        editor_row.addWidget(choose)
        group = QGroupBox(self.tr("Appearance"))
        form = QFormLayout(group)
        form.addRow(self.tr("&Theme:"), self.theme)
        form.addRow("", self.high_contrast)
        form.addRow(self.tr("&Interface text:"), self.font_size)
        form.addRow(self.tr("Editor font:"), editor_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(group)
        layout.addStretch(1)
        layout.addWidget(buttons)

        self.set_appearance(appearance)
        self._show_editor_font()
        editor.installEventFilter(self)
        self.theme.currentIndexChanged.connect(self._changed)
        self.high_contrast.toggled.connect(self._changed)
        self.font_size.currentIndexChanged.connect(self._changed)

    def appearance(self) -> Appearance:
        return Appearance(
            Theme(self.theme.currentData()),
            self.high_contrast.isChecked(),
            int(self.font_size.currentData()),
        )

    def set_appearance(self, appearance: Appearance) -> None:
        for picker, value in (
            (self.theme, appearance.theme),
            (self.font_size, appearance.font_size),
        ):
            picker.blockSignals(True)
            picker.setCurrentIndex(max(0, picker.findData(value)))
            picker.blockSignals(False)
        self.high_contrast.blockSignals(True)
        self.high_contrast.setChecked(appearance.high_contrast)
        self.high_contrast.blockSignals(False)

    def _changed(self) -> None:
        self.appearanceChanged.emit(self.appearance())

    def _show_editor_font(self) -> None:
        # The family really shown: the first of the editor's fallbacks may be missing.
        shown = QFontInfo(self._editor.font())
        size = round(self._editor.font().pointSizeF(), 1)
        self.editor_font.setText(
            self.tr("%1, %2 pt").replace("%1", shown.family()).replace("%2", f"{size:g}")
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._editor and event.type() == QEvent.Type.FontChange:
            self._show_editor_font()
        return False
