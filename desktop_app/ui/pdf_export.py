"""A draft's web page laid out as a PDF by Qt, which finds a font for every script it meets
(CJK, Hebrew, Arabic, emoji where the system has one) and embeds what it uses."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLocale, QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

APP_NAME = "Inkwell"


def html_to_pdf(title: str, page: str) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setCreator(APP_NAME)
    us_letter = QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    writer.setPageSize(
        QPageSize(QPageSize.PageSizeId.Letter if us_letter else QPageSize.PageSizeId.A4)
    )
    # QTextDocument.print_ adds 2 cm of its own inside the page's margins.
    writer.setPageMargins(QMarginsF(5, 5, 5, 5), QPageLayout.Unit.Millimeter)
    document = QTextDocument()
    font = QFont()
    font.setFamilies(["Noto Serif", "Georgia", "Cambria", "Times New Roman", "serif"])
    font.setPointSize(11)
    document.setDefaultFont(font)
    document.setHtml(page)
    document.print_(writer)  # paginates, and ends the PDF when its painter ends
    buffer.close()
    return bytes(data.data())
