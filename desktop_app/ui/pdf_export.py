"""A draft's web page laid out as a PDF by Qt, which finds a font for every script it meets
(CJK, Hebrew, Arabic, emoji where the system has one) and embeds what it uses."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLocale, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from desktop_app.ui.editor_font import default_editor_font
from desktop_app.ui.main_window import APP_NAME


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
    font = default_editor_font()  # the editor's typefaces, at a print size
    font.setPointSize(11)
    document.setDefaultFont(font)
    document.setHtml(page)
    document.print_(writer)  # paginates, and ends the PDF when its painter ends
    buffer.close()
    return bytes(data.data())
