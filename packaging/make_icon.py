"""Draws resources/icons/inkwell.png, the app icon (an ink drop on a deep blue tile), and
the packaging/icons/inkwell.ico and .icns made from it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
)

SIZE = 256


def draw() -> QImage:
    image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    tile = QLinearGradient(0, 0, 0, SIZE)
    tile.setColorAt(0, QColor("#2d4a8a"))
    tile.setColorAt(1, QColor("#16264d"))
    p.setBrush(QBrush(tile))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawRoundedRect(QRectF(8, 8, SIZE - 16, SIZE - 16), 48, 48)

    drop = QPainterPath()
    drop.moveTo(QPointF(128, 44))
    drop.cubicTo(QPointF(150, 92), QPointF(190, 124), QPointF(190, 160))
    drop.cubicTo(QPointF(190, 196), QPointF(162, 220), QPointF(128, 220))
    drop.cubicTo(QPointF(94, 220), QPointF(66, 196), QPointF(66, 160))
    drop.cubicTo(QPointF(66, 124), QPointF(106, 92), QPointF(128, 44))
    p.setBrush(QColor("#f4f1e8"))
    p.drawPath(drop)
    p.setBrush(QColor(255, 255, 255, 200))
    p.drawEllipse(QRectF(96, 150, 22, 34))
    p.end()
    return image


if __name__ == "__main__":
    app = QGuiApplication(sys.argv)
    out = Path(__file__).resolve().parent.parent / "resources" / "icons" / "inkwell.png"
    draw().save(str(out))
    print(out)
    # The Windows and macOS icons are made from the PNG (Pillow is in the `package` extra).
    from PIL import Image

    with Image.open(out) as png:
        for suffix in (".ico", ".icns"):
            target = Path(__file__).resolve().parent / "icons" / f"inkwell{suffix}"
            target.parent.mkdir(exist_ok=True)
            png.save(target)
            print(target)
