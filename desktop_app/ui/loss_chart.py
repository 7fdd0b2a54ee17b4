"""A small line chart of the training loss, drawn with QPainter (QtCharts is not shipped)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


class LossChart(QWidget):
    """Loss by step, scaled to fit; the latest value is labelled at the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lossChart")
        self._losses: list[float] = []
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Training loss chart"))

    def sizeHint(self) -> QSize:
        return QSize(420, 150)

    @property
    def losses(self) -> list[float]:
        return list(self._losses)

    def set_losses(self, losses: list[float]) -> None:
        self._losses = list(losses)
        self.update()

    def append(self, loss: float) -> None:
        self._losses.append(loss)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        metrics = self.fontMetrics()
        margin = metrics.height() // 2 + 2
        left = metrics.horizontalAdvance("00.00") + margin
        plot = QRectF(
            left,
            margin,
            self.width() - left - margin,
            self.height() - 2 * margin - metrics.height(),
        )
        text_color = palette.color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.drawRect(plot)
        losses = self._losses
        painter.setPen(text_color)
        if len(losses) < 2:
            painter.drawText(
                plot, Qt.AlignmentFlag.AlignCenter, self.tr("The loss appears here as it trains")
            )
            return
        low, high = min(losses), max(losses)
        span = (high - low) or 1.0
        painter.drawText(
            QRectF(0, plot.top() - margin, left - 4, 2 * margin),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            f"{high:.2f}",
        )
        painter.drawText(
            QRectF(0, plot.bottom() - margin, left - 4, 2 * margin),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            f"{low:.2f}",
        )
        painter.drawText(
            QRectF(plot.left(), plot.bottom() + 2, plot.width(), metrics.height()),
            Qt.AlignmentFlag.AlignRight,
            self.tr("step %1").replace("%1", str(len(losses))),
        )
        path = QPainterPath()
        last = len(losses) - 1
        for index, loss in enumerate(losses):
            point = QPointF(
                plot.left() + plot.width() * index / last,
                plot.bottom() - plot.height() * (loss - low) / span,
            )
            if index == 0:
                path.moveTo(point)
            else:
                path.lineTo(point)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
        painter.drawPath(path)
