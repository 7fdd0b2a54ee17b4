"""A comparison of two versions: side by side in two panes that scroll together, or inline."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.diffing import Diff, inline_html, side_by_side_html
from desktop_app.ui.naming import named
from desktop_app.ui.theme import semantic_colours


def _style_sheet(palette: QPalette) -> str:
    # Removed text is red and struck through, added text green and underlined: the marks still
    # read without colour.
    colours = semantic_colours(palette)
    muted = palette.color(QPalette.ColorRole.PlaceholderText).name()
    return (
        "p { white-space: pre-wrap; margin-top: 0; margin-bottom: 6px; }"
        f".del {{ color: {colours.removed_text}; background-color: {colours.removed_back};"
        " text-decoration: line-through; }"
        f".ins {{ color: {colours.added_text}; background-color: {colours.added_back};"
        " text-decoration: underline; }"
        f"p.removed {{ background-color: {colours.removed_back}; }}"
        f"p.added {{ background-color: {colours.added_back}; }}"
        f"p.gap {{ background-color: {colours.gap_back}; }}"
        f"p.fold {{ color: {muted}; font-style: italic; text-align: center; }}"
    )


class DiffView(QWidget):
    """Shows a `Diff`; only the mode on screen is laid out, the other when switched to."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.old_title = named(QLabel(), "diffOldTitle")
        self.new_title = named(QLabel(), "diffNewTitle")
        self.inline_title = named(QLabel(), "diffInlineTitle")
        self.old_pane = self._browser("diffOldPane", self.tr("Older version"))
        self.new_pane = self._browser("diffNewPane", self.tr("Newer version"))
        self.inline = self._browser("diffInline", self.tr("Changes"))
        side = QWidget()
        grid = QGridLayout(side)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.old_title, 0, 0)
        grid.addWidget(self.new_title, 0, 1)
        grid.addWidget(self.old_pane, 1, 0)
        grid.addWidget(self.new_pane, 1, 1)
        # Equal widths: rows then wrap alike on both sides and stay level as they scroll.
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        together = QWidget()
        column = QVBoxLayout(together)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.inline_title)
        column.addWidget(self.inline)
        self.stack = QStackedWidget()
        self.stack.addWidget(side)
        self.stack.addWidget(together)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._diff: Diff | None = None
        self._folded: Callable[[int], str] = str
        self._stale = {False: True, True: True}  # per mode (inline or not): needs rendering
        self._syncing = False
        for source, target in ((self.old_pane, self.new_pane), (self.new_pane, self.old_pane)):
            source.verticalScrollBar().valueChanged.connect(
                lambda _value, s=source, t=target: self._follow(s, t)
            )

    def _browser(self, name: str, accessible: str) -> QTextBrowser:
        browser = named(QTextBrowser(), name)
        browser.setAccessibleName(accessible)
        browser.setOpenLinks(False)
        browser.document().setDefaultStyleSheet(_style_sheet(self.palette()))
        return browser

    @property
    def inline_mode(self) -> bool:
        return self.stack.currentIndex() == 1

    def set_inline(self, inline: bool) -> None:
        self.stack.setCurrentIndex(1 if inline else 0)
        self._render()

    def show_diff(
        self, diff: Diff, old_title: str, new_title: str, folded: Callable[[int], str]
    ) -> None:
        """`folded(n)` labels a run of n unchanged paragraphs left out."""
        self._diff, self._folded = diff, folded
        self.old_title.setText(old_title)
        self.new_title.setText(new_title)
        self.inline_title.setText(f"{old_title}  →  {new_title}")
        self._stale = {False: True, True: True}
        self._render()

    def clear(self) -> None:
        self._diff = None
        for browser in (self.old_pane, self.new_pane, self.inline):
            browser.clear()
        for title in (self.old_title, self.new_title, self.inline_title):
            title.clear()

    def _render(self) -> None:
        inline = self.inline_mode
        if self._diff is None or not self._stale[inline]:
            return
        self._stale[inline] = False
        if inline:
            self.inline.setHtml(inline_html(self._diff, self._folded))
            return
        old_html, new_html = side_by_side_html(self._diff, self._folded)
        self._syncing = True  # both are replaced: neither leads
        self.old_pane.setHtml(old_html)
        self.new_pane.setHtml(new_html)
        self._syncing = False

    def _follow(self, source: QTextBrowser, target: QTextBrowser) -> None:
        """Scrolls `target` to the row at the top of `source`, as far into it as `source` is.

        Both sides have one block per row, so the same block number is the same row even
        where an edited paragraph is taller on one side.
        """
        if self._syncing:
            return
        self._syncing = True
        try:
            bar = source.verticalScrollBar()
            target_bar = target.verticalScrollBar()
            if bar.value() >= bar.maximum():
                target_bar.setValue(target_bar.maximum())
                return
            document = source.document()
            layout = document.documentLayout()
            margin = document.documentMargin()
            position = layout.hitTest(QPointF(margin + 1, bar.value()), Qt.HitTestAccuracy.FuzzyHit)
            block = document.findBlock(max(0, position))
            rect = layout.blockBoundingRect(block)
            into = (bar.value() - rect.top()) / rect.height() if rect.height() else 0.0
            twin = target.document().findBlockByNumber(block.blockNumber())
            if not twin.isValid():
                return
            twin_rect = target.document().documentLayout().blockBoundingRect(twin)
            target_bar.setValue(round(twin_rect.top() + into * twin_rect.height()))
        finally:
            self._syncing = False
