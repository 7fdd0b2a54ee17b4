"""The row above the history table: which generations it shows."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QSizePolicy, QToolButton, QWidget

from desktop_app.domain.records import HistoryFilter
from desktop_app.services.task_library import task_label
from desktop_app.ui.naming import named
from desktop_app.ui.translations import QT_TRANSLATE_NOOP, task_text

_ANY = None
_PERIODS = (
    (QT_TRANSLATE_NOOP("HistoryFilterBar", "Any time"), None),
    (QT_TRANSLATE_NOOP("HistoryFilterBar", "Today"), 0),
    (QT_TRANSLATE_NOOP("HistoryFilterBar", "Last 7 days"), 7),
    (QT_TRANSLATE_NOOP("HistoryFilterBar", "Last 30 days"), 30),
)


class HistoryFilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scope = self._combo("historyScope", self.tr("Which drafts"))
        self.scope.addItem(self.tr("All drafts"), False)
        self.scope.addItem(self.tr("This draft"), True)
        self.task = self._combo("historyTask", self.tr("Task"))
        self.model = self._combo("historyModel", self.tr("Model"))
        self.period = self._combo("historyPeriod", self.tr("When"))
        for text, days in _PERIODS:
            self.period.addItem(self.tr(text), days)
        self.starred = named(QToolButton(), "historyStarred")
        self.starred.setText("★")
        self.starred.setCheckable(True)
        self.starred.setAutoRaise(True)
        self.starred.setAccessibleName(self.tr("Starred only"))
        self.starred.setToolTip(self.tr("Only generations you starred"))
        self.starred.toggled.connect(self.changed)
        self.set_facets([], [])
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 2, 4, 2)
        # Two rows of two: the panel is narrow beside the editor.
        grid.addWidget(self.scope, 0, 0)
        grid.addWidget(self.period, 0, 1)
        grid.addWidget(self.task, 1, 0)
        grid.addWidget(self.model, 1, 1)
        grid.addWidget(self.starred, 0, 2)

    def _combo(self, name: str, accessible: str) -> QComboBox:
        combo = named(QComboBox(), name)
        combo.setAccessibleName(accessible)
        combo.setToolTip(accessible)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(3)
        combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        combo.currentIndexChanged.connect(self.changed)
        return combo

    def set_facets(self, task_ids: list[str], model_ids: list[str]) -> None:
        """The tasks and models the history holds; a chosen one stays chosen."""
        for combo, everything, values, label in (
            (self.task, self.tr("All tasks"), task_ids, lambda t: task_text(task_label(t))),
            (self.model, self.tr("All models"), model_ids, str),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, _ANY)
            for value in values:
                combo.addItem(label(value), value)
            index = combo.findData(chosen)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def reset(self) -> None:
        """Shows everything again, with one refresh."""
        self.blockSignals(True)
        for combo in (self.scope, self.task, self.model, self.period):
            combo.setCurrentIndex(0)
        self.starred.setChecked(False)
        self.blockSignals(False)
        self.changed.emit()

    def filter(self, current_draft_id: int | None, now: datetime | None = None) -> HistoryFilter:
        days = self.period.currentData()
        since = None
        if days is not None:
            local = (now or datetime.now().astimezone()).replace(
                hour=0, minute=0, second=0, microsecond=0
            )
            since = local - timedelta(days=days)
        return HistoryFilter(
            draft_id=current_draft_id if self.scope.currentData() else None,
            task_id=self.task.currentData(),
            model_id=self.model.currentData(),
            since=since,
            starred_only=self.starred.isChecked(),
        )
