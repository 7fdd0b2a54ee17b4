"""The generation history: a table of runs and the details of the selected one."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, QItemSelection, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.generation import StopReason
from desktop_app.domain.records import GenerationRecord
from desktop_app.domain.stop_sequences import format_stop_sequences
from desktop_app.services.task_library import task_label
from desktop_app.ui.history_filters import HistoryFilterBar
from desktop_app.ui.history_model import HistoryTableModel, status_label
from desktop_app.ui.naming import named
from desktop_app.ui.theme import semantic_colours
from desktop_app.ui.translations import QT_TRANSLATE_NOOP, task_text


class HistoryPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = HistoryTableModel(self)
        self.view = named(QTableView(), "historyView")
        self.view.setAccessibleName(self.tr("Generation history"))
        self.view.setAccessibleDescription(
            self.tr("Past generations, one a row; the selected one's prompt and output show below.")
        )
        self.view.setModel(self.model)
        self.view.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.view.selectionModel().selectionChanged.connect(self._on_selection)

        # On the right-click (and Menu key) menu of a row; disabled while nothing is selected.
        self.copy_action = QAction(self.tr("&Copy Output"), self)
        self.insert_action = QAction(self.tr("&Insert at Cursor"), self)
        self.rerun_action = QAction(self.tr("&Re-run with These Settings"), self)
        self.tokens_action = QAction(self.tr("Show &Tokens…"), self)
        self.star_action = QAction(self.tr("&Star"), self)
        self.star_action.setCheckable(True)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        actions = (
            self.copy_action,
            self.insert_action,
            self.rerun_action,
            self.tokens_action,
            self.star_action,
        )
        for action in actions:
            action.setEnabled(False)
            self.view.addAction(action)

        self.details = named(QTextBrowser(), "historyDetails")
        self.details.setAccessibleName(self.tr("Generation details"))
        self.details.setOpenLinks(False)
        self.details.setPlaceholderText(self.tr("Select a generation to see its details."))

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        self.filters = HistoryFilterBar()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.filters)
        layout.addWidget(splitter)

    def set_records(self, records: list[GenerationRecord]) -> None:
        selected = self.selected_record()
        self.model.set_records(records)
        row = self.model.row_of(selected.id) if selected else None
        if row is not None:
            self.view.selectRow(row)
        else:
            self.details.clear()

    def selected_record(self) -> GenerationRecord | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        record = self.selected_record()
        self.details.setHtml(details_html(record) if record else "")
        has_output = record is not None and bool(record.output)
        self.copy_action.setEnabled(has_output)
        self.insert_action.setEnabled(has_output)
        self.rerun_action.setEnabled(record is not None)
        self.tokens_action.setEnabled(record is not None and record.has_tokens)
        self.star_action.setEnabled(record is not None)
        self.star_action.setChecked(record is not None and record.starred)


def _tr(text: str) -> str:
    return QCoreApplication.translate("HistoryDetails", text)


def details_html(record: GenerationRecord) -> str:
    def row(name: str, value: object) -> str:
        return f"<tr><td><b>{escape(name)}</b></td><td>{escape(str(value))}</td></tr>"

    def seconds(value: float | None) -> str:
        return "—" if value is None else f"{value:.2f} s"

    rows = [
        row(_tr("Task"), task_text(task_label(record.task_id))),
        row(_tr("Status"), status_label(record.status)),
        row(
            _tr("Stop reason"),
            _tr(_STOP_REASONS[record.stop_reason]) if record.stop_reason else "—",
        ),
        row(_tr("Model"), record.model_id or "—"),
        row(_tr("Ran on"), " · ".join(filter(None, (record.device, record.dtype))) or "—"),
        row(_tr("Adapter"), record.adapter or _tr("none")),
        row(_tr("Started"), record.created_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")),
        row(_tr("Seed"), "—" if record.seed is None else record.seed),
        row(
            _tr("Tokens (prompt / output)"),
            f"{record.prompt_tokens or 0} / {record.output_tokens or 0}",
        ),
        row(_tr("Time to first token"), seconds(record.time_to_first_token_s)),
        row(_tr("Duration"), seconds(record.duration_s)),
        row(_tr("Parameters"), _params_text(record.params)),
    ]
    bad = semantic_colours().bad
    error = f"<p style='color:{bad}'>{escape(record.error)}</p>" if record.error else ""
    inputs = "".join(
        f"<p><b>{escape(key.capitalize())}</b><br>{_pre(value)}</p>"
        for key, value in record.inputs.items()
        if value
    )
    return (
        f"<table cellspacing=4>{''.join(rows)}</table>{error}{inputs}"
        f"<p><b>{escape(_tr('Output'))}</b><br>{_pre(record.output) or '—'}</p>"
        f"<p><b>{escape(_tr('Rendered prompt'))}</b><br>{_pre(record.rendered_prompt)}</p>"
    )


_STOP_REASONS = {
    StopReason.END_OF_TEXT: QT_TRANSLATE_NOOP("HistoryDetails", "The model finished"),
    StopReason.STOP_SEQUENCE: QT_TRANSLATE_NOOP("HistoryDetails", "A stop sequence was reached"),
    StopReason.LENGTH: QT_TRANSLATE_NOOP("HistoryDetails", "Length limit reached"),
    StopReason.CANCELLED: QT_TRANSLATE_NOOP("HistoryDetails", "Stopped by you"),
    StopReason.ERROR: QT_TRANSLATE_NOOP("HistoryDetails", "Error"),
}
_PARAM_LABELS = {
    "max_new_tokens": QT_TRANSLATE_NOOP("HistoryDetails", "length"),
    "temperature": QT_TRANSLATE_NOOP("HistoryDetails", "temperature"),
    "top_p": "top-p",
    "top_k": "top-k",
    "repetition_penalty": QT_TRANSLATE_NOOP("HistoryDetails", "repetition penalty"),
    "stop_sequences": QT_TRANSLATE_NOOP("HistoryDetails", "stop at"),
}


def _params_text(params: dict[str, object]) -> str:
    shown = []
    for key, label in _PARAM_LABELS.items():
        value = params.get(key)
        if key == "stop_sequences":
            if not isinstance(value, list) or not value:
                continue
            value = format_stop_sequences(tuple(str(v) for v in value))
        if value is not None:
            shown.append(f"{_tr(label)} {value}")
    return " · ".join(shown)


def _pre(text: str) -> str:
    return f"<span style='white-space: pre-wrap'>{escape(text)}</span>" if text else ""
