"""A table model over generation records, newest first."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from desktop_app.domain.records import GenerationRecord, GenerationStatus
from desktop_app.services.task_library import task_label
from desktop_app.ui.translations import QT_TRANSLATE_NOOP, task_text

_Index = QModelIndex | QPersistentModelIndex


class HistoryTableModel(QAbstractTableModel):
    RecordRole = Qt.ItemDataRole.UserRole + 1
    HEADERS = (
        QT_TRANSLATE_NOOP("HistoryTableModel", "When"),
        QT_TRANSLATE_NOOP("HistoryTableModel", "Task"),
        QT_TRANSLATE_NOOP("HistoryTableModel", "Status"),
        QT_TRANSLATE_NOOP("HistoryTableModel", "Output"),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._records: list[GenerationRecord] = []

    def set_records(self, records: list[GenerationRecord]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def record(self, row: int) -> GenerationRecord:
        return self._records[row]

    def row_of(self, generation_id: int) -> int | None:
        for row, record in enumerate(self._records):
            if record.id == generation_id:
                return row
        return None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        record = self._records[index.row()]
        if role == self.RecordRole:
            return record
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(record, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 3:
            return record.output[:500] or None
        return None

    def _display(self, record: GenerationRecord, column: int) -> str:
        if column == 0:
            when = record.created_at.astimezone()
            same_day = when.date() == datetime.now(when.tzinfo).date()
            shown = when.strftime("%H:%M" if same_day else "%b %d")
            return f"★ {shown}" if record.starred else shown
        if column == 1:
            return task_text(task_label(record.task_id))
        if column == 2:
            return status_label(record.status)
        preview = " ".join(record.output.split())
        return preview[:120]


def status_label(status: GenerationStatus) -> str:
    label = {
        GenerationStatus.RUNNING: QT_TRANSLATE_NOOP("HistoryTableModel", "Running"),
        GenerationStatus.COMPLETED: QT_TRANSLATE_NOOP("HistoryTableModel", "Done"),
        GenerationStatus.STOPPED: QT_TRANSLATE_NOOP("HistoryTableModel", "Stopped"),
        GenerationStatus.FAILED: QT_TRANSLATE_NOOP("HistoryTableModel", "Failed"),
        GenerationStatus.INTERRUPTED: QT_TRANSLATE_NOOP("HistoryTableModel", "Interrupted"),
    }[status]
    return QCoreApplication.translate("HistoryTableModel", label)
