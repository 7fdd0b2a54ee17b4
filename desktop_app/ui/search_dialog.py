"""Search everything: drafts, their revisions and every generation, as the writer types."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.naming import named
from desktop_app.ui.theme import semantic_colours

_DEBOUNCE_MS = 250
_PREVIEW_CHARS = 20_000  # the preview shows the start of a very long text, around its match


@dataclass(frozen=True, slots=True)
class Found:
    """One result as the dialog shows it; the controller fills it in from a search hit."""

    kind: str  # "draft" | "revision" | "generation"
    id: int
    heading: str  # e.g. "Draft · Harbour notes"
    snippet: str
    text: str  # the whole text, for the preview
    draft_id: int | None


class SearchDialog(QDialog):
    openDraftRequested = Signal(int)  # draft id
    showGenerationRequested = Signal(int)  # generation id

    def __init__(self, search: Callable[[str], list[Found]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("searchDialog")
        self.setWindowTitle(self.tr("Search Everything"))
        self._search = search
        self._found: list[Found] = []

        self.query = named(QLineEdit(), "searchQuery")
        self.query.setPlaceholderText(self.tr("Words in drafts, earlier versions or generations"))
        self.query.setAccessibleName(self.tr("Search for"))
        self.query.setClearButtonEnabled(True)
        self.summary = named(QLabel(), "searchSummary")
        self.results = named(QListWidget(), "searchResults")
        self.results.setAccessibleName(self.tr("Results"))
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        self.preview = named(QTextBrowser(), "searchPreview")
        self.preview.setAccessibleName(self.tr("Preview"))

        self.open_button = named(QPushButton(self.tr("&Open Draft")), "searchOpenDraft")
        self.history_button = named(QPushButton(self.tr("Show in &History")), "searchShowHistory")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.history_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        for button in (self.open_button, self.history_button):
            button.setAutoDefault(False)
            button.setEnabled(False)
        self.open_button.clicked.connect(self._open)
        self.history_button.clicked.connect(self._show_generation)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.results)
        splitter.addWidget(self.preview)
        splitter.setSizes([320, 440])
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(800, 520)

        self._timer = QTimer(self, singleShot=True, interval=_DEBOUNCE_MS)
        self._timer.timeout.connect(self.run)
        self.query.textChanged.connect(self._timer.start)
        self.query.returnPressed.connect(self.run)
        self.results.currentRowChanged.connect(self._show)
        self.results.itemActivated.connect(lambda _item: self._activate())

    def run(self) -> None:
        self._timer.stop()
        query = self.query.text()
        self._found = self._search(query) if query.strip() else []
        self.results.clear()
        for found in self._found:
            item = QListWidgetItem(f"{found.heading}\n{found.snippet}")
            item.setToolTip(found.snippet)
            self.results.addItem(item)
        if not query.strip():
            self.summary.setText("")
        elif not self._found:
            self.summary.setText(self.tr("Nothing found."))
        else:
            self.summary.setText(self.tr("%1 found").replace("%1", str(len(self._found))))
        self.results.setCurrentRow(0 if self._found else -1)
        self._show(self.results.currentRow())

    def _current(self) -> Found | None:
        row = self.results.currentRow()
        return self._found[row] if 0 <= row < len(self._found) else None

    def _show(self, _row: int) -> None:
        found = self._current()
        self.open_button.setEnabled(found is not None and found.draft_id is not None)
        self.history_button.setEnabled(found is not None and found.kind == "generation")
        self.preview.setHtml(_highlighted(found.text, self.query.text()) if found else "")

    def _activate(self) -> None:
        found = self._current()
        if found is not None and found.kind == "generation":
            self._show_generation()
        else:
            self._open()

    def _open(self) -> None:
        found = self._current()
        if found is not None and found.draft_id is not None:
            self.openDraftRequested.emit(found.draft_id)

    def _show_generation(self) -> None:
        found = self._current()
        if found is not None and found.kind == "generation":
            self.showGenerationRequested.emit(found.id)


def _highlighted(text: str, query: str) -> str:
    """The text, escaped, with every search word marked; a long text from around its match."""
    terms = [re.escape(term) for term in query.split() if term]
    if len(text) > _PREVIEW_CHARS:
        first = min(
            (m.start() for t in terms if (m := re.search(t, text, re.IGNORECASE))), default=0
        )
        start = max(0, first - _PREVIEW_CHARS // 4)
        text = ("…" if start else "") + text[start : start + _PREVIEW_CHARS] + "…"
    if not terms:
        return _pre(escape(text))
    pattern = re.compile("|".join(terms), re.IGNORECASE)
    parts: list[str] = []
    colours = semantic_colours()
    mark = f"background:{colours.match_back};color:{colours.match_text}"
    last = 0
    for match in pattern.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(f"<span style='{mark}'>{escape(match.group())}</span>")
        last = match.end()
    parts.append(escape(text[last:]))
    return _pre("".join(parts))


def _pre(html: str) -> str:
    return f"<div style='white-space: pre-wrap'>{html}</div>"
