"""The drafts as a list model, and the proxy that narrows them by project and title and sorts."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from enum import StrEnum

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTime,
)

from desktop_app.domain.records import DraftSummary

ID_ROLE = Qt.ItemDataRole.UserRole
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 1
DETAILS_ROLE = Qt.ItemDataRole.UserRole + 2  # the secondary line: words · date · project
OPEN_ROLE = Qt.ItemDataRole.UserRole + 3  # True for the draft in the editor

# The project filter: None shows every draft, "" those in no project, a name that project.
ANY_PROJECT: str | None = None
NO_PROJECT = ""

_Index = QModelIndex | QPersistentModelIndex


class SortKey(StrEnum):
    CHANGED = "changed"
    TITLE = "title"
    CREATED = "created"
    WORDS = "words"
    DELETED = "deleted"  # the trash's order


def _tr(text: str) -> str:
    return QCoreApplication.translate("DraftListModel", text)


def fold(text: str) -> str:
    """For matching typed text: case and width variants (ＡＢＣ, ｶﾀｶﾅ) compare equal."""
    return unicodedata.normalize("NFKC", text).casefold()


def title_order(title: str) -> tuple[tuple[int, int | str], ...]:
    """Sorts "Chapter 2" before "Chapter 10", ignoring case, width and accents.

    Done here rather than by QCollator, whose numeric mode does nothing in the C locale.
    """
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", fold(title)) if not unicodedata.combining(c)
    )
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part)
        for part in re.split(r"(\d+)", plain)
        if part
    )


def word_label(count: int) -> str:
    # No English translation file ships, so Qt's "%n word(s)" plural would show "(s)".
    if count == 1:
        return _tr("1 word")
    return _tr("%1 words").replace("%1", QLocale().toString(count))


def short_date(when: datetime, now: datetime, yesterday: str = "") -> str:
    """As mail clients show it: the time today, then Yesterday, a weekday, a day and month.

    `yesterday` replaces the word where it follows another (“Deleted yesterday”).
    """
    local = when.astimezone()
    days = (now.astimezone().date() - local.date()).days
    locale = QLocale()
    if days <= 0:
        return locale.toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
    if days == 1:
        return yesterday or _tr("Yesterday")
    if days < 7:
        return locale.dayName(local.isoweekday(), QLocale.FormatType.ShortFormat)
    date = QDate(local.year, local.month, local.day)
    return locale.toString(date, "d MMM" if local.year == now.year else "d MMM yyyy")


class DraftListModel(QAbstractListModel):
    """Live drafts, or (with `trash`) those in the trash, whose line says when they went."""

    def __init__(self, *, trash: bool = False) -> None:
        super().__init__()
        self._trash = trash
        self._drafts: list[DraftSummary] = []
        self._details: list[str] = []
        self._folded: list[str] = []
        self._title_order: list[tuple[tuple[int, int | str], ...]] = []
        self._open_id: int | None = None

    def set_drafts(self, drafts: list[DraftSummary], open_id: int | None = None) -> None:
        self.beginResetModel()
        now = datetime.now().astimezone()
        self._drafts = list(drafts)
        self._details = [self._details_of(draft, now) for draft in self._drafts]
        self._folded = [fold(draft.title) for draft in self._drafts]
        self._title_order = [title_order(draft.title) for draft in self._drafts]
        self._open_id = open_id
        self.endResetModel()

    def update_draft(self, draft: DraftSummary) -> None:
        """One draft's new length and time, in place: no reset, so the list keeps its
        scroll position and selection while the writer types."""
        row = self.row_of(draft.id)
        if row < 0:
            return
        self._drafts[row] = draft
        self._details[row] = self._details_of(draft, datetime.now().astimezone())
        self.dataChanged.emit(self.index(row, 0), self.index(row, 0))

    def _details_of(self, draft: DraftSummary, now: datetime) -> str:
        if self._trash:  # when it went matters here; its length is in the tooltip
            when = short_date(draft.deleted_at or draft.updated_at, now, _tr("yesterday"))
            parts = [_tr("Deleted %1").replace("%1", when)]
        else:
            parts = [word_label(draft.word_count), short_date(draft.updated_at, now)]
        if draft.project:
            parts.append(draft.project)
        return " · ".join(parts)

    def drafts(self) -> list[DraftSummary]:
        return list(self._drafts)

    def row_of(self, draft_id: int) -> int:
        """The draft's row, or -1."""
        return next((row for row, d in enumerate(self._drafts) if d.id == draft_id), -1)

    def summary(self, row: int) -> DraftSummary:
        return self._drafts[row]

    def folded_title(self, row: int) -> str:
        return self._folded[row]

    def title_order(self, row: int) -> tuple[tuple[int, int | str], ...]:
        return self._title_order[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._drafts)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._drafts):
            return None
        draft = self._drafts[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return draft.title or _tr("Untitled")
        if role == DETAILS_ROLE:
            return self._details[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{draft.title}\n{word_label(draft.word_count)} · {self._details[index.row()]}"
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return self._details[index.row()]
        if role == ID_ROLE:
            return draft.id
        if role == SUMMARY_ROLE:
            return draft
        if role == OPEN_ROLE:
            return draft.id == self._open_id
        return None


class DraftFilterProxy(QSortFilterProxyModel):
    """Shows the drafts of one project whose titles hold every typed word, in the chosen order."""

    def __init__(self, source: DraftListModel, sort_key: SortKey = SortKey.CHANGED) -> None:
        super().__init__()
        self._source = source
        self._project: str | None = ANY_PROJECT
        self._words: list[str] = []
        self._key = sort_key
        self.setSourceModel(source)
        self.setDynamicSortFilter(True)
        self.sort(0)

    @property
    def sort_key(self) -> SortKey:
        return self._key

    def set_sort_key(self, key: SortKey) -> None:
        self._key = key
        self.invalidate()

    def set_project(self, project: str | None) -> None:
        self.beginFilterChange()
        self._project = project
        self.endFilterChange()

    def set_title_filter(self, text: str) -> None:
        self.beginFilterChange()
        self._words = fold(text).split()
        self.endFilterChange()

    def is_filtered(self) -> bool:
        return self._project is not ANY_PROJECT or bool(self._words)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        draft = self._source.summary(source_row)
        if self._project is not ANY_PROJECT and (draft.project or NO_PROJECT) != self._project:
            return False
        title = self._source.folded_title(source_row)
        return all(word in title for word in self._words)

    def lessThan(self, source_left: _Index, source_right: _Index) -> bool:
        left, right = source_left.row(), source_right.row()
        if self._key is SortKey.TITLE:
            left_title, right_title = (
                self._source.title_order(left),
                self._source.title_order(right),
            )
            if left_title != right_title:
                return left_title < right_title
        return self._newest_first(self._source.summary(left)) < self._newest_first(
            self._source.summary(right)
        )

    def _newest_first(self, draft: DraftSummary) -> tuple[float, ...]:
        """Ascending sort keys that put the largest, newest drafts first; ties by id."""
        changed = draft.updated_at.timestamp()
        if self._key is SortKey.CREATED and draft.created_at is not None:
            return (-draft.created_at.timestamp(), -draft.id)
        if self._key is SortKey.WORDS:
            return (-draft.word_count, -changed, -draft.id)
        if self._key is SortKey.DELETED and draft.deleted_at is not None:
            return (-draft.deleted_at.timestamp(), -draft.id)
        return (-changed, -draft.id)
