"""Themes, high contrast, interface text size, Preferences, and 200% scaling."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QColor, QPalette
from PySide6.QtWidgets import QApplication, QFontDialog, QPushButton

from desktop_app.ui.appearance_controller import AppearanceController
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences_dialog import PreferencesDialog
from desktop_app.ui.theme import (
    Appearance,
    Theme,
    apply_appearance,
    contrast_ratio,
    semantic_colours,
)

_R = QPalette.ColorRole


@pytest.fixture(autouse=True)
def default_appearance_after() -> Iterator[None]:
    """The application is shared by all tests: leave it as every other test expects it."""
    yield
    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_appearance(app, Appearance())


def _appearance_of(window: MainWindow) -> AppearanceController:
    controller = window.findChild(AppearanceController)
    assert controller is not None
    return controller


def _settings(data_dir: Path) -> QSettings:
    return QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)


def test_each_theme_is_readable(make_window) -> None:
    appearance = _appearance_of(make_window())
    # Dark first, straight from the start-up look: nothing else has restyled the widgets yet.
    for theme in (Theme.DARK, Theme.LIGHT):
        for high_contrast in (False, True):
            appearance.set_appearance(Appearance(theme, high_contrast))
            palette = QApplication.palette()
            case = f"{theme} high contrast={high_contrast}"
            window_lightness = palette.color(_R.Window).lightness()
            assert (window_lightness < 128) is (theme is Theme.DARK), case

            def ratio(fg: _R, bg: _R, palette: QPalette = palette) -> float:
                return contrast_ratio(palette.color(fg), palette.color(bg))

            text_pairs = (
                (_R.Text, _R.Base),
                (_R.WindowText, _R.Window),
                (_R.ButtonText, _R.Button),
            )
            if theme is Theme.DARK or high_contrast:  # light keeps the system's selection colour
                text_pairs += ((_R.HighlightedText, _R.Highlight),)
            least = 7.0 if high_contrast else 4.5
            for fg, bg in text_pairs:
                assert ratio(fg, bg) >= least, f"{case}: {fg.name} on {bg.name}"
            if high_contrast:
                assert ratio(_R.Text, _R.Base) == pytest.approx(21.0), case  # pure black/white
                assert "border" in QApplication.instance().styleSheet()  # frames drawn strong
            colours = semantic_colours()
            base = palette.color(_R.Base)
            assert QColor(colours.base) == base, case
            for name, fg, bg in (
                ("good", colours.good, colours.base),
                ("warn", colours.warn, colours.base),
                ("bad", colours.bad, colours.base),
                ("removed", colours.removed_text, colours.removed_back),
                ("added", colours.added_text, colours.added_back),
                ("match", colours.match_text, colours.match_back),
            ):
                assert contrast_ratio(QColor(fg), QColor(bg)) >= 4.5, f"{case}: {name}"
            # A label styled with palette(...) follows the switch.
            description = window_description_colour(appearance.parent())
            assert contrast_ratio(description, palette.color(_R.Window)) >= 3.0, case
    appearance.set_appearance(Appearance())
    assert not QApplication.instance().styleSheet()


def window_description_colour(window: object) -> QColor:
    """The colour the task's description (styled `color: palette(placeholder-text)`) is shown in."""
    assert isinstance(window, MainWindow)
    label = window.prompt.description
    return label.palette().color(label.foregroundRole())


def test_interface_text_size_applies_live_and_after_a_restart(make_window, tmp_path, qtbot) -> None:
    window = make_window()
    editor_size = window.editor.font().pointSizeF()
    _appearance_of(window).set_appearance(Appearance(font_size=16))
    assert QApplication.font().pointSize() == 16
    qtbot.waitUntil(lambda: window.prompt.task_picker.font().pointSize() == 16, timeout=2000)
    assert window.editor.font().pointSizeF() == editor_size  # the editor keeps its own
    bigger = window.findChild(QAction, "biggerTextAction")
    bigger.trigger()
    assert window.editor.font().pointSizeF() > editor_size
    assert QApplication.font().pointSize() == 16
    window.close()

    app = QApplication.instance()
    apply_appearance(app, Appearance())  # as a fresh start would find it
    assert QApplication.font().pointSize() != 16
    make_window(data_dir=tmp_path)
    assert QApplication.font().pointSize() == 16
    assert _settings(tmp_path).value("ui/font_size") in (16, "16")


def test_preferences_round_trip(make_window, tmp_path, qtbot) -> None:
    window = make_window()
    window.findChild(QAction, "preferencesAction").trigger()
    dialog = window.findChild(PreferencesDialog)
    qtbot.waitExposed(dialog)
    assert dialog.theme.currentData() == Theme.SYSTEM
    assert not dialog.high_contrast.isChecked()
    assert dialog.font_size.currentData() == 0

    dialog.theme.setCurrentIndex(dialog.theme.findData(Theme.DARK))
    dialog.high_contrast.setChecked(True)
    dialog.font_size.setCurrentIndex(dialog.font_size.findData(14))
    assert QApplication.palette().color(_R.Window) == QColor("#000000")
    assert QApplication.font().pointSize() == 14
    settings = _settings(tmp_path)
    assert settings.value("ui/theme") == "dark"
    assert settings.value("ui/high_contrast") in (True, "true")
    assert settings.value("ui/font_size") in (14, "14")

    # The editor font is chosen in its own dialog and shown here when it changes.
    dialog.findChild(QPushButton, "chooseEditorFont").click()
    font_dialog = window.findChild(QFontDialog, "editorFontDialog")
    assert font_dialog is not None and font_dialog.isVisible()
    font_dialog.reject()
    font = window.editor.font()
    font.setPointSize(21)
    window.editor.setFont(font)
    assert "21 pt" in dialog.editor_font.text()

    dialog.close()
    window.close()
    apply_appearance(QApplication.instance(), Appearance())
    again = _appearance_of(make_window(data_dir=tmp_path)).show_preferences()
    assert again.appearance() == Appearance(Theme.DARK, True, 14)
    assert QApplication.palette().color(_R.Window) == QColor("#000000")


def test_unreadable_settings_fall_back_to_the_default(make_window, tmp_path) -> None:
    settings = _settings(tmp_path)
    settings.setValue("ui/theme", "purple")
    settings.setValue("ui/font_size", "huge")
    settings.sync()
    assert _appearance_of(make_window()).appearance == Appearance()


_AT_200 = r"""
import sys, tempfile
from pathlib import Path
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from desktop_app.app import build_main_window, configure_application
from desktop_app.generation.fake_engine import FakeEngine
from desktop_app.paths import DataPaths
from desktop_app.ui.appearance_controller import AppearanceController
from desktop_app.ui.theme import Appearance, Theme, contrast_ratio

app = QApplication([])
configure_application(app)
window = build_main_window(DataPaths(Path(tempfile.mkdtemp())), "embedded", lambda: FakeEngine())
window.findChild(AppearanceController).set_appearance(Appearance(Theme.DARK))
window.show()
app.processEvents()
print("ratio", window.devicePixelRatio())
base = QApplication.palette().color(QPalette.ColorRole.Base)
picker = window.prompt.task_picker
icons = [picker.itemIcon(i) for i in range(picker.count()) if not picker.itemIcon(i).isNull()]
icons.append(app.windowIcon())
for icon in icons:
    image = icon.pixmap(QSize(16, 16), 2.0).toImage()
    inked = [image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())]
    inked = [c for c in inked if c.alpha() > 200]
    best = max((contrast_ratio(c, base) for c in inked), default=0.0)
    print("icon", image.width(), image.height(), len(inked), round(best, 1))
grab = window.grab()
print("grab", grab.width() / window.width(), grab.devicePixelRatio())
window.close()
"""


def test_at_200_percent_the_window_and_its_icons_are_sharp(tmp_path) -> None:
    """QT_SCALE_FACTOR must be set before a QApplication exists: a process of its own."""
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "2"}
    done = subprocess.run(
        [sys.executable, "-c", _AT_200],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = [line.split() for line in done.stdout.splitlines()]
    assert ["ratio", "2.0"] in lines
    icons = [line for line in lines if line[0] == "icon"]
    assert len(icons) > 10  # the task icons and the application's
    for _, width, height, inked, contrast in icons:
        assert (int(width), int(height)) == (32, 32)  # drawn at 2x, not a blurry 1x scaled up
        assert int(inked) > 20  # not blank
        assert float(contrast) >= 3.0  # visible on the dark theme's base
    assert ["grab", "2.0", "2.0"] in lines
