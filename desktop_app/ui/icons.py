"""Line icons drawn from SVG in the theme's colours, sharp at any scale.

The icons under resources/icons are drawn in one colour, a grey that reads on a light
background. Drawn as they are, they would all but vanish on a dark one, so each is painted
when shown: in its own colour where that stands out enough from the palette's base (3:1, the
contrast asked of icons), else in the text colour, and always in the text colour in high
contrast. Painting at the device's pixel ratio keeps them sharp at 200%.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from desktop_app.ui.theme import contrast_ratio, is_high_contrast

_COLOUR = re.compile(rb'(stroke|fill)="(#[0-9a-fA-F]{6})"')


def svg_icon(path: Path) -> QIcon:
    """An icon from a one-colour SVG file; empty when the file cannot be read."""
    try:
        svg = path.read_bytes()
    except OSError:
        return QIcon()
    return QIcon(_ThemedSvgEngine(svg))


def icon_colour(drawn: QColor, palette: QPalette, mode: QIcon.Mode) -> QColor:
    """The colour to paint an icon drawn in `drawn`, for this palette and icon mode."""
    if mode is QIcon.Mode.Disabled:
        return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    if mode is QIcon.Mode.Selected:
        return palette.color(QPalette.ColorRole.HighlightedText)
    base = palette.color(QPalette.ColorRole.Base)
    if is_high_contrast() or contrast_ratio(drawn, base) < 3.0:
        return palette.color(QPalette.ColorRole.Text)
    return drawn


class _ThemedSvgEngine(QIconEngine):
    def __init__(self, svg: bytes) -> None:
        super().__init__()
        self._svg = svg
        found = _COLOUR.search(svg)
        self._drawn = QColor(found.group(2).decode()) if found else QColor(Qt.GlobalColor.black)
        self._cache: dict[tuple[int, int, float, str], QPixmap] = {}

    def _render(self, size: QSize, mode: QIcon.Mode, scale: float) -> QPixmap:
        colour = icon_colour(self._drawn, QGuiApplication.palette(), mode).name()
        key = (size.width(), size.height(), scale, colour)
        if key not in self._cache:
            svg = _COLOUR.sub(lambda m: m.group(1) + b'="' + colour.encode() + b'"', self._svg)
            pixmap = QPixmap(size * scale)
            pixmap.setDevicePixelRatio(scale)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            QSvgRenderer(QByteArray(svg)).render(painter, QRect(0, 0, size.width(), size.height()))
            painter.end()
            self._cache[key] = pixmap
        return self._cache[key]

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        scale = painter.device().devicePixelRatioF() if painter.device() else 1.0
        painter.drawPixmap(rect, self._render(rect.size(), mode, scale))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self._render(size, mode, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        return self._render(size, mode, scale)

    def clone(self) -> QIconEngine:
        return _ThemedSvgEngine(self._svg)
