"""Light, dark and high-contrast appearance, and the few colours that carry a meaning.

The writer picks a theme (follow the system, light or dark), high contrast, and the size of the
interface text in Edit > Preferences; settings.ini keeps them under `ui/theme`,
`ui/high_contrast` and `ui/font_size`. `apply_appearance` sets them on the application.

Where the platform style draws the chosen scheme itself (macOS, Windows 11, a dark KDE) it is
kept; otherwise the Fusion style is used with a palette of our own, because the older platform
styles paint light whatever the palette says. High contrast always uses Fusion, the style that
draws every frame from the palette, with a style sheet for the frames Fusion draws too faintly;
the focus ring (focus_ring.py) is drawn in the palette's highlight, yellow or deep blue there.

Widgets never write a colour literal: they take roles from their palette, or the meaning-named
colours of `semantic_colours()`, which are readable (at least 4.5:1) on the palette's base in
every theme.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

_THEME_KEY = "ui/theme"
_HIGH_CONTRAST_KEY = "ui/high_contrast"
_FONT_SIZE_KEY = "ui/font_size"
# Interface text sizes offered, in points; 0 stands for the system's own size.
FONT_SIZES = (8, 9, 10, 11, 12, 13, 14, 16, 18, 20, 24)
# Kept on the QApplication: which style it started with, and whether high contrast is on.
_NATIVE_STYLE = "inkwellNativeStyle"
_HIGH_CONTRAST = "inkwellHighContrast"
_STYLE = "inkwellStyle"


class Theme(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


@dataclass(frozen=True)
class Appearance:
    theme: Theme = Theme.SYSTEM
    high_contrast: bool = False
    font_size: int = 0  # interface text in points; 0: the system's


def load_appearance(settings: QSettings) -> Appearance:
    """What settings.ini says; anything unreadable falls back to the default, never fails."""
    try:
        theme = Theme(str(settings.value(_THEME_KEY, Theme.SYSTEM.value)))
    except ValueError:
        theme = Theme.SYSTEM
    high_contrast = str(settings.value(_HIGH_CONTRAST_KEY, "false")).lower() == "true"
    size = str(settings.value(_FONT_SIZE_KEY, 0))
    font_size = int(size) if size.isdigit() and int(size) in FONT_SIZES else 0
    return Appearance(theme, high_contrast, font_size)


def save_appearance(settings: QSettings, appearance: Appearance) -> None:
    settings.setValue(_THEME_KEY, appearance.theme.value)
    settings.setValue(_HIGH_CONTRAST_KEY, appearance.high_contrast)
    settings.setValue(_FONT_SIZE_KEY, appearance.font_size)
    settings.sync()


# Palettes: (active and inactive, disabled) colours per role.
_Roles = dict[QPalette.ColorRole, str]
_R = QPalette.ColorRole
_DARK: _Roles = {
    _R.Window: "#26282b",
    _R.WindowText: "#e8e8e8",
    _R.Base: "#1c1d1f",
    _R.AlternateBase: "#2c2e32",
    _R.ToolTipBase: "#3a3d42",
    _R.ToolTipText: "#f2f2f2",
    _R.PlaceholderText: "#a3a7ad",
    _R.Text: "#e8e8e8",
    _R.Button: "#33363b",
    _R.ButtonText: "#e8e8e8",
    _R.BrightText: "#ffffff",
    _R.Light: "#4a4d53",
    _R.Midlight: "#3c3f44",
    _R.Mid: "#5c6067",
    _R.Dark: "#151618",
    _R.Shadow: "#000000",
    _R.Highlight: "#2f6fcf",
    _R.HighlightedText: "#ffffff",
    _R.Link: "#8ab4f8",
    _R.LinkVisited: "#c58af9",
    _R.Accent: "#2f6fcf",
}
_DARK_DISABLED: _Roles = {
    _R.WindowText: "#7f838a",
    _R.Text: "#7f838a",
    _R.ButtonText: "#7f838a",
    _R.Highlight: "#3c3f44",
}
# High contrast: pure black and white, a yellow (on black) or deep blue (on white) selection
# and focus; borders as strong as the text. Disabled text still reads at 7:1.
_CONTRAST_DARK: _Roles = (
    dict.fromkeys(
        (_R.Window, _R.Base, _R.AlternateBase, _R.Button, _R.ToolTipBase, _R.Dark, _R.Shadow),
        "#000000",
    )
    | dict.fromkeys(
        (_R.WindowText, _R.Text, _R.ButtonText, _R.ToolTipText, _R.BrightText),
        "#ffffff",
    )
    | {
        _R.Light: "#ffffff",
        _R.Midlight: "#ffffff",
        _R.Mid: "#ffffff",
        _R.PlaceholderText: "#d0d0d0",
        _R.Highlight: "#ffd800",
        _R.HighlightedText: "#000000",
        _R.Link: "#7fd4ff",
        _R.LinkVisited: "#e0a0ff",
        _R.Accent: "#ffd800",
    }
)
_CONTRAST_DARK_DISABLED: _Roles = dict.fromkeys(
    (_R.WindowText, _R.Text, _R.ButtonText), "#a0a0a0"
) | {_R.Highlight: "#a0a0a0"}
_CONTRAST_LIGHT: _Roles = (
    dict.fromkeys(
        (_R.Window, _R.Base, _R.AlternateBase, _R.Button, _R.ToolTipBase, _R.Light, _R.Midlight),
        "#ffffff",
    )
    | dict.fromkeys(
        (_R.WindowText, _R.Text, _R.ButtonText, _R.ToolTipText, _R.Mid, _R.Dark, _R.Shadow),
        "#000000",
    )
    | {
        _R.BrightText: "#ffffff",
        _R.PlaceholderText: "#333333",
        _R.Highlight: "#1a0dab",
        _R.HighlightedText: "#ffffff",
        _R.Link: "#0000c8",
        _R.LinkVisited: "#5a008c",
        _R.Accent: "#1a0dab",
    }
)
_CONTRAST_LIGHT_DISABLED: _Roles = dict.fromkeys(
    (_R.WindowText, _R.Text, _R.ButtonText), "#595959"
) | {_R.Highlight: "#595959"}


def _palette(normal: _Roles, disabled: _Roles) -> QPalette:
    palette = QPalette()
    for role, colour in normal.items():
        palette.setColor(role, QColor(colour))
    for role, colour in disabled.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    return palette


@dataclass(frozen=True)
class SemanticColours:
    """Colours named for what they say, as `#rrggbb`; each text colour reads on `base`."""

    base: str
    good: str
    warn: str
    bad: str
    removed_text: str
    removed_back: str
    added_text: str
    added_back: str
    gap_back: str
    match_text: str
    match_back: str


_SEMANTIC = {
    # (dark, high contrast)
    (False, False): SemanticColours(
        "#ffffff", "#1b5e20", "#8a4b00", "#b3261e",
        "#a4161a", "#fde2e1", "#14632c", "#dcf3e1", "#f0f0f0", "#000000", "#ffe08a",
    ),
    (True, False): SemanticColours(
        "#1c1d1f", "#7bd88f", "#ffc266", "#ff8a80",
        "#ffaaa5", "#5a2224", "#9be7ad", "#1d4a2a", "#3a3a3a", "#ffffff", "#7a5a00",
    ),
    (False, True): SemanticColours(
        "#ffffff", "#005a00", "#6b3a00", "#a00000",
        "#a00000", "#ffffff", "#005a00", "#ffffff", "#e0e0e0", "#000000", "#ffd800",
    ),
    (True, True): SemanticColours(
        "#000000", "#5cff7a", "#ffd800", "#ff8080",
        "#ff8080", "#000000", "#5cff7a", "#000000", "#303030", "#000000", "#ffd800",
    ),
}  # fmt: skip


def semantic_colours(palette: QPalette | None = None) -> SemanticColours:
    """The meaning-named colours for `palette` (default: the application's) and high contrast."""
    palette = palette or QGuiApplication.palette()
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    return _SEMANTIC[dark, is_high_contrast()]


def is_high_contrast() -> bool:
    app = QGuiApplication.instance()
    return bool(app and app.property(_HIGH_CONTRAST))


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG 2 contrast ratio, 1 (none) to 21 (black on white)."""

    def luminance(colour: QColor) -> float:
        def linear(c: float) -> float:
            return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = (linear(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def wants_dark(appearance: Appearance) -> bool:
    if appearance.theme is Theme.SYSTEM:
        return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
    return appearance.theme is Theme.DARK


def apply_appearance(app: QApplication, appearance: Appearance) -> None:
    """Style, palette and interface font for `appearance`; cheap when nothing changes."""
    if not app.property(_NATIVE_STYLE):
        app.setProperty(_NATIVE_STYLE, app.style().name())
        app.setProperty(_STYLE, app.style().name())
    # Asks the platform for the scheme (title bars, native dialogs follow it where they can).
    hints = app.styleHints()
    if appearance.theme is Theme.SYSTEM:
        hints.unsetColorScheme()
    else:
        hints.setColorScheme(
            Qt.ColorScheme.Dark if appearance.theme is Theme.DARK else Qt.ColorScheme.Light
        )
    app.setProperty(_HIGH_CONTRAST, appearance.high_contrast)
    before = QPalette(app.palette())
    _set_style_and_palette(app, appearance)
    sheet = _HIGH_CONTRAST_SHEET if appearance.high_contrast else ""
    if app.styleSheet() != sheet:
        app.setStyleSheet(sheet)
    if app.palette() != before:
        # A style sheet's palette(...) colours are read when it is set: set them again.
        for widget in app.allWidgets():
            if own := widget.styleSheet():
                widget.setStyleSheet(own)
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
    if appearance.font_size:
        font.setPointSize(appearance.font_size)
    if app.font() != font:
        app.setFont(font)


def _set_style_and_palette(app: QApplication, appearance: Appearance) -> None:
    dark = wants_dark(appearance)
    if appearance.high_contrast:
        palette = (
            _palette(_CONTRAST_DARK, _CONTRAST_DARK_DISABLED)
            if dark
            else _palette(_CONTRAST_LIGHT, _CONTRAST_LIGHT_DISABLED)
        )
    else:
        native = str(app.property(_NATIVE_STYLE))
        _set_style(app, native)
        app.setPalette(QPalette())  # back to the platform's own
        if _is_dark(app.palette()) == dark and not (dark and native in _LIGHT_ONLY_STYLES):
            return  # the platform draws this scheme itself
        palette = _palette(_DARK, _DARK_DISABLED) if dark else _light_palette()
    _set_style(app, "fusion")
    app.setPalette(palette)


# Fusion draws frames a shade darker than the window: nothing on black. High contrast frames
# every field and button in the text colour instead, and fills a ticked box with the
# selection colour. (Spin boxes keep Fusion's frame: a style sheet border breaks their arrows.)
_HIGH_CONTRAST_SHEET = """
QLineEdit, QComboBox, QPushButton, QAbstractScrollArea { border: 1px solid palette(window-text); }
QLineEdit:disabled, QComboBox:disabled, QPushButton:disabled { border-color: palette(mid); }
QPushButton { padding: 3px 10px; }
QComboBox { padding: 1px 6px; }
QCheckBox::indicator, QRadioButton::indicator, QGroupBox::indicator {
    width: 12px; height: 12px; border: 2px solid palette(window-text);
}
QRadioButton::indicator { border-radius: 8px; }
QCheckBox::indicator:checked, QRadioButton::indicator:checked, QGroupBox::indicator:checked {
    background: palette(highlight);
}
"""

# Platform styles that draw their own light controls whatever the palette says.
_LIGHT_ONLY_STYLES = frozenset({"windowsvista", "windows"})


def _is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def _light_palette() -> QPalette:
    style = QStyleFactory.create("fusion")
    palette = style.standardPalette()
    style.deleteLater()
    return palette


def _set_style(app: QApplication, name: str) -> None:
    # Remembered, not asked: under a style sheet app.style() is a wrapper without a name.
    if app.property(_STYLE) != name:
        app.setStyle(name)
        app.setProperty(_STYLE, name)
