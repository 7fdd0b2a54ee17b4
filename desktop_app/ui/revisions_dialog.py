"""File > Revisions…: the draft's earlier versions, any two compared, and restoring one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QDateTime, QLocale, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.diffing import Diff, compare
from desktop_app.domain.drafts import word_count
from desktop_app.domain.records import Revision, RevisionKind
from desktop_app.ui.diff_view import DiffView
from desktop_app.ui.naming import named


@dataclass(frozen=True, slots=True)
class _Version:
    name: str  # the kind in words ("Autosave", "Snapshot: …")
    when: str
    text: str
    revision_id: int | None  # None for the editor's current text


class RevisionsDialog(QDialog):
    """Lists "Current text" and the revisions, newest first; compares the selected one with
    another (the current text unless the writer picks one) and offers to restore it."""

    restoreRequested = Signal(int)  # a revision id

    def __init__(
        self,
        title: str,
        revisions: list[Revision],
        current_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        named(self, "revisionsDialog")
        self.setWindowTitle(self.tr("Revisions of “%1”").replace("%1", title))
        self._versions = [
            _Version(self.tr("Current text"), self.tr("Now"), current_text, None),
            *(_Version(self.kind_name(r), _when(r.created_at), r.body, r.id) for r in revisions),
        ]
        self._restore_allowed = True
        self._items: list[QTreeWidgetItem] = []  # one per version, in the same order

        self.list = named(QTreeWidget(), "revisionList")
        self.list.setAccessibleName(self.tr("Versions"))
        self.list.setHeaderLabels([self.tr("Version"), self.tr("Saved"), self.tr("Words")])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.headerItem().setTextAlignment(2, Qt.AlignmentFlag.AlignRight)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.compare_with = named(QComboBox(), "compareWith")
        self.compare_with.setAccessibleName(self.tr("Compare with"))
        self.compare_with.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._fill()

        self.side_by_side = named(QRadioButton(self.tr("&Side by side")), "sideBySide")
        self.inline = named(QRadioButton(self.tr("&Inline")), "inlineView")
        self.side_by_side.setChecked(True)
        self.whole_text = named(QCheckBox(self.tr("Show whole &text")), "wholeText")
        self.whole_text.setToolTip(
            self.tr("Show the unchanged paragraphs too, not only those around the changes")
        )
        self.summary = named(QLabel(), "diffSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.diff_view = named(DiffView(), "diffView")
        self.restore_button = named(QPushButton(self.tr("&Restore This Version")), "restoreButton")
        self.restore_button.setAutoDefault(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self._lay_out(buttons)

        self.list.currentItemChanged.connect(self._on_selected)
        self.compare_with.currentIndexChanged.connect(self._show_comparison)
        self.inline.toggled.connect(self.diff_view.set_inline)
        self.whole_text.toggled.connect(self._show_comparison)
        self.restore_button.clicked.connect(self._restore)
        # The newest revision against the current text: what changed since it was taken.
        self.list.setCurrentItem(self._items[min(1, len(self._items) - 1)])
        self.list.setFocus()

    def _fill(self) -> None:
        locale = QLocale()
        for version in self._versions:
            words = locale.toString(word_count(version.text))
            item = QTreeWidgetItem([version.name, version.when, words])
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(0, version.name)
            self.list.addTopLevelItem(item)
            self._items.append(item)
            self.compare_with.addItem(_title(version))
        # The current text first, in bold: it is what a restore would replace.
        current = self._items[0]
        font = current.font(0)
        font.setBold(True)
        for column in range(3):
            current.setFont(column, font)

    def _lay_out(self, buttons: QDialogButtonBox) -> None:
        versions_label = QLabel(self.tr("&Versions:"))
        versions_label.setBuddy(self.list)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(versions_label)
        left_layout.addWidget(self.list)

        compare_label = QLabel(self.tr("Compare &with:"))
        compare_label.setBuddy(self.compare_with)
        controls = QHBoxLayout()
        controls.addWidget(compare_label)
        controls.addWidget(self.compare_with)
        controls.addSpacing(16)
        controls.addWidget(self.side_by_side)
        controls.addWidget(self.inline)
        controls.addSpacing(16)
        controls.addWidget(self.whole_text)
        controls.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(controls)
        right_layout.addWidget(self.summary)
        right_layout.addWidget(self.diff_view, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        note = QLabel(
            self.tr(
                "Restoring keeps your current text as a revision first, and Edit ▸ Undo "
                "brings it back."
            )
        )
        note.setWordWrap(True)
        note.setEnabled(False)  # a quiet hint, drawn muted
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        parent = self.parentWidget()
        size = parent.size() if parent is not None else self.screen().availableGeometry().size()
        self.resize(min(1180, size.width() * 92 // 100), min(760, size.height() * 88 // 100))
        splitter.setSizes([self.width() * 30 // 100, self.width() * 70 // 100])

    def kind_name(self, revision: Revision) -> str:
        if revision.kind is RevisionKind.MANUAL:
            if revision.label:
                return self.tr("Snapshot: %1").replace("%1", revision.label)
            return self.tr("Snapshot")
        return {
            RevisionKind.AUTOSAVE: self.tr("Autosave"),
            RevisionKind.GENERATION: self.tr("Before AI text"),
            RevisionKind.RESTORE: self.tr("Before restore"),
        }[revision.kind]

    def set_restore_allowed(self, allowed: bool) -> None:
        """Off while a generation writes into the draft."""
        self._restore_allowed = allowed
        self._update_restore()

    def set_current_text(self, text: str) -> None:
        """The editor changed under the dialog (a generation ended): compare with that."""
        self._versions[0] = _Version(self._versions[0].name, self._versions[0].when, text, None)
        self._items[0].setText(2, QLocale().toString(word_count(text)))
        self._show_comparison()

    def selected_revision_id(self) -> int | None:
        return self._versions[self._selected()].revision_id

    def select(self, row: int, compare_with: int = 0) -> None:
        """Shows the version in `row` (0 is the current text) against `compare_with`."""
        self.compare_with.setCurrentIndex(compare_with)
        self.list.setCurrentItem(self._items[row])

    def _selected(self) -> int:
        item = self.list.currentItem()
        return 0 if item is None else self.list.indexOfTopLevelItem(item)

    @Slot()
    def _on_selected(self) -> None:
        self._update_restore()
        self._show_comparison()

    def _update_restore(self) -> None:
        is_revision = self.selected_revision_id() is not None
        self.restore_button.setEnabled(is_revision and self._restore_allowed)
        self.restore_button.setToolTip(
            ""
            if self._restore_allowed
            else self.tr("Wait for the generation to finish: it is writing into this draft.")
        )

    @Slot()
    def _show_comparison(self) -> None:
        if len(self._versions) == 1:
            self.diff_view.clear()
            self.summary.setText(
                self.tr(
                    "No revisions yet. Inkwell keeps one every few minutes while you write, "
                    "one before AI text goes in, and one whenever you take a snapshot "
                    "(File ▸ Take Snapshot…)."
                )
            )
            return
        # Older on the left, newer on the right, whichever was picked first.
        first, second = self._selected(), self.compare_with.currentIndex()
        older, newer = self._versions[max(first, second)], self._versions[min(first, second)]
        diff = compare(older.text, newer.text, context=None if self.whole_text.isChecked() else 2)
        self.diff_view.show_diff(diff, _title(older), _title(newer), self._folded_label)
        self.summary.setText(self._summary(diff, first == second))

    def _summary(self, diff: Diff, same_version: bool) -> str:
        if same_version:
            return self.tr("The same version is on both sides: pick another to compare with.")
        if diff.identical:
            return self.tr("No differences: both versions have the same text.")
        added = (
            self.tr("+%1 words").replace("%1", QLocale().toString(diff.words_added))
            if diff.words_added != 1
            else self.tr("+1 word")
        )
        removed = (
            self.tr("−%1 words").replace("%1", QLocale().toString(diff.words_removed))
            if diff.words_removed != 1
            else self.tr("−1 word")
        )
        summary = f"<b>{added}</b>, <b>{removed}</b>"
        if not diff.words_added and not diff.words_removed:
            summary += self.tr(" (only punctuation, spacing or line breaks changed)")
        if diff.coarse:
            summary += " " + self.tr(
                "Some long passages changed too much to mark word by word; they are shown whole."
            )
        if diff.truncated:
            summary += " " + self.tr("The comparison is very large: only its beginning is shown.")
        return summary

    def _folded_label(self, count: int) -> str:
        if count == 1:
            return self.tr("⋯ 1 unchanged paragraph ⋯")
        return self.tr("⋯ %1 unchanged paragraphs ⋯").replace("%1", QLocale().toString(count))

    @Slot()
    def _restore(self) -> None:
        revision_id = self.selected_revision_id()
        if revision_id is not None and self._restore_allowed:
            self.restoreRequested.emit(revision_id)


def _title(version: _Version) -> str:
    return f"{version.name} · {version.when}"


def _when(moment: datetime) -> str:
    """Local time: the time alone today, with the date before that."""
    local = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
    locale = QLocale()
    time = locale.toString(local.time(), QLocale.FormatType.ShortFormat)
    if local.date() == QDateTime.currentDateTime().date():
        return time
    return f"{locale.toString(local.date(), QLocale.FormatType.ShortFormat)} {time}"
