"""Paints a draft as two lines: its title (bold when open), and words · date · project below."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop_app.ui.draft_list_model import DETAILS_ROLE, OPEN_ROLE

_PAD_X = 8
_PAD_Y = 5
_GAP = 1


class DraftDelegate(QStyledItemDelegate):
    def _fonts(self, option: QStyleOptionViewItem, is_open: bool) -> tuple[QFont, QFont]:
        title = QFont(option.font)
        title.setBold(is_open)
        details = QFont(option.font)
        details.setPointSizeF(max(7.0, details.pointSizeF() * 0.88))
        return title, details

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        title, details = self._fonts(option, True)
        height = QFontMetrics(title).height() + _GAP + QFontMetrics(details).height()
        return QSize(120, height + 2 * _PAD_Y)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = opt.palette
        group = (
            QPalette.ColorGroup.Active
            if opt.state & QStyle.StateFlag.State_Active
            else QPalette.ColorGroup.Inactive
        )
        if not opt.state & QStyle.StateFlag.State_Enabled:
            group = QPalette.ColorGroup.Disabled
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        title_font, details_font = self._fonts(option, bool(index.data(OPEN_ROLE)))
        rect: QRect = opt.rect.adjusted(_PAD_X, _PAD_Y, -_PAD_X, -_PAD_Y)

        painter.save()
        title_metrics = QFontMetrics(title_font)
        painter.setFont(title_font)
        painter.setPen(palette.color(group, text_role))
        title_rect = QRect(rect.left(), rect.top(), rect.width(), title_metrics.height())
        title = title_metrics.elidedText(
            str(index.data(Qt.ItemDataRole.DisplayRole)), Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.drawText(
            title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title
        )

        details_metrics = QFontMetrics(details_font)
        painter.setFont(details_font)
        # Quieter than the title, but still the text colour when selected: readable either way.
        muted = palette.color(group, QPalette.ColorRole.PlaceholderText)
        painter.setPen(palette.color(group, text_role) if selected else muted)
        details_rect = QRect(
            rect.left(), title_rect.bottom() + 1 + _GAP, rect.width(), details_metrics.height()
        )
        details = details_metrics.elidedText(
            str(index.data(DETAILS_ROLE) or ""), Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.drawText(
            details_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, details
        )
        painter.restore()
