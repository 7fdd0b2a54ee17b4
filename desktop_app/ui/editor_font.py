"""The editor's typeface and size: View > Editor Font…, Bigger / Smaller Text, Reset Text Size.

The choice is kept in settings.ini (`editor/font`) with the window layout, so it survives a
restart.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction, QFont, QFontInfo, QKeySequence
from PySide6.QtWidgets import QFontDialog, QPlainTextEdit, QWidget

from desktop_app.ui.naming import named

DEFAULT_POINT_SIZE = 13
# Bigger and Smaller step through these: fine steps where text is read, wide ones beyond.
SIZES = (8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 20, 22, 24, 28, 32, 36, 42, 48)
_KEY = "editor/font"


def default_editor_font() -> QFont:
    font = QFont()
    font.setFamilies(["Noto Serif", "Georgia", "Cambria", "Times New Roman", "serif"])
    font.setPointSize(DEFAULT_POINT_SIZE)
    return font


def restore_editor_font(editor: QPlainTextEdit, settings: QSettings) -> None:
    """The saved font, if it reads as one; a size outside SIZES' range is brought inside."""
    saved = settings.value(_KEY)
    font = QFont()
    if isinstance(saved, str) and font.fromString(saved):
        font.setPointSizeF(min(max(font.pointSizeF(), SIZES[0]), SIZES[-1]))
        # The string keeps one family: the default's fallbacks stand in should it be missing.
        fallbacks = default_editor_font().families()
        font.setFamilies([font.family(), *(f for f in fallbacks if f != font.family())])
        editor.setFont(font)


def save_editor_font(editor: QPlainTextEdit, settings: QSettings) -> None:
    settings.setValue(_KEY, editor.font().toString())


class EditorFont(QObject):
    def __init__(self, editor: QPlainTextEdit, dialog_parent: QWidget) -> None:
        super().__init__(editor)
        self._editor = editor
        self._dialog_parent = dialog_parent
        self._dialog: QFontDialog | None = None
        key = QKeySequence
        self.choose_action = self._action("editorFontAction", self.tr("Editor &Font…"))
        self.bigger_action = self._action(
            "biggerTextAction", self.tr("&Bigger Text"), key(key.StandardKey.ZoomIn), key("Ctrl+=")
        )
        self.smaller_action = self._action(
            "smallerTextAction", self.tr("&Smaller Text"), key(key.StandardKey.ZoomOut)
        )
        self.reset_action = self._action(
            "resetTextSizeAction", self.tr("&Reset Text Size"), key("Ctrl+0")
        )
        self.choose_action.triggered.connect(self.choose)
        self.bigger_action.triggered.connect(lambda: self.step(+1))
        self.smaller_action.triggered.connect(lambda: self.step(-1))
        self.reset_action.triggered.connect(lambda: self.set_size(DEFAULT_POINT_SIZE))
        self._sync_actions()

    def _action(self, name: str, text: str, *shortcuts: QKeySequence) -> QAction:
        action = named(QAction(text, self._dialog_parent), name)
        action.setShortcuts(list(shortcuts))
        return action

    def actions(self) -> list[QAction]:
        return [self.choose_action, self.bigger_action, self.smaller_action, self.reset_action]

    def choose(self) -> None:
        """A font dialog that leaves the window usable; the font applies when it is accepted."""
        if self._dialog is None:
            self._dialog = named(QFontDialog(self._dialog_parent), "editorFontDialog")
            self._dialog.setWindowTitle(self.tr("Editor Font"))
            self._dialog.fontSelected.connect(self.set_font)
        # The family the text is really shown in: the first of the fallbacks may be missing.
        current = QFont(self._editor.font())
        shown = QFontInfo(current)
        current.setFamily(shown.family())
        current.setStyleName(shown.styleName())
        self._dialog.setCurrentFont(current)
        self._dialog.open()

    def set_font(self, font: QFont) -> None:
        self._editor.setFont(font)
        self._sync_actions()

    def set_size(self, points: float) -> None:
        font = self._editor.font()
        font.setPointSizeF(points)
        self.set_font(font)

    def step(self, direction: int) -> None:
        """To the next size in SIZES, up (+1) or down (-1)."""
        current = self._editor.font().pointSizeF()
        if direction > 0:
            i = bisect_right(SIZES, current)
            if i < len(SIZES):
                self.set_size(SIZES[i])
        else:
            i = bisect_left(SIZES, current) - 1
            if i >= 0:
                self.set_size(SIZES[i])

    def _sync_actions(self) -> None:
        size = self._editor.font().pointSizeF()
        self.bigger_action.setEnabled(size < SIZES[-1])
        self.smaller_action.setEnabled(size > SIZES[0])
        self.reset_action.setEnabled(size != DEFAULT_POINT_SIZE)
