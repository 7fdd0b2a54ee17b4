"""Find and replace in the draft: Edit > Find… (Ctrl+F), Replace… (Ctrl+H), F3 / Shift+F3.

The shortcuts belong to the editor area (the editor and the find bar), so keys typed in the
assistant's fields never open or drive the bar. Finding works on a read-only editor (while
a generation writes into it); replacing waits until the generation is done.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QPalette, QTextCursor
from PySide6.QtWidgets import QTextEdit, QWidget

from desktop_app.domain.text_search import (
    Matches,
    Replacement,
    Rewrite,
    SearchError,
    compile_query,
    replace_one,
)
from desktop_app.ui.editor_marks import EditorMarks
from desktop_app.ui.find_bar import FindBar
from desktop_app.ui.naming import named
from desktop_app.ui.text_edit import TextEdit

_MARKS = "find"  # the editor-marks layer of the matches on screen
RECOUNT_DELAY_MS = 500  # after the last edit, while the bar is open: a pause, not a keystroke
# Finding as the query is typed waits for a pause this long: in a long draft each search
# takes a noticeable moment, and "t", "th" on the way to "the" need none.
QUERY_DELAY_MS = 150
_QUERY_FROM_SELECTION_MAX = 200  # longer selections are not what the writer wants to find


class FindReplace(QObject):
    def __init__(
        self,
        editor: TextEdit,
        marks: EditorMarks,
        area: QWidget,
    ) -> None:
        super().__init__(area)
        self._editor = editor
        self._marks = marks
        self.bar = FindBar()
        self.bar.hide()
        self._matches: Matches | None = None  # None: to be searched again
        self._recount = QTimer(self)
        self._recount.setSingleShot(True)
        self._recount.setInterval(RECOUNT_DELAY_MS)
        self._recount.timeout.connect(self._show_count)
        self._query_pause = QTimer(self)
        self._query_pause.setSingleShot(True)
        self._query_pause.setInterval(QUERY_DELAY_MS)
        self._query_pause.timeout.connect(self._find_as_typed)

        key = QKeySequence
        self.find_action = self._action(area, "findAction", self.tr("&Find…"), key.StandardKey.Find)
        # Not StandardKey.Replace: that is Ctrl+R on KDE, which is Regenerate here.
        self.replace_action = self._action(
            area, "replaceAction", self.tr("Rep&lace…"), key("Ctrl+H")
        )
        self.find_next_action = self._action(
            area, "findNextAction", self.tr("Find &Next"), key.StandardKey.FindNext
        )
        self.find_previous_action = self._action(
            area, "findPreviousAction", self.tr("Find Pre&vious"), key.StandardKey.FindPrevious
        )
        self.find_action.triggered.connect(lambda: self.open(replace=False))
        self.replace_action.triggered.connect(lambda: self.open(replace=True))
        self.find_next_action.triggered.connect(lambda: self.find(forward=True))
        self.find_previous_action.triggered.connect(lambda: self.find(forward=False))

        bar = self.bar
        bar.queryChanged.connect(self._on_query_changed)
        bar.nextRequested.connect(lambda: self.find(forward=True))
        bar.previousRequested.connect(lambda: self.find(forward=False))
        bar.replaceRequested.connect(self.replace)
        bar.replaceAllRequested.connect(self.replace_all)
        bar.closeRequested.connect(self.close)
        editor.document().contentsChanged.connect(self._on_text_changed)
        editor.verticalScrollBar().valueChanged.connect(self._mark_visible)
        editor.installEventFilter(self)
        editor.streamingChanged.connect(self._sync_replace_allowed)
        self._sync_replace_allowed()

    def _action(
        self,
        area: QWidget,
        name: str,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey,
    ) -> QAction:
        action = named(QAction(text, area), name)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        area.addAction(action)  # its shortcut works where the focus is in the editor area
        return action

    def actions(self) -> list[QAction]:
        return [
            self.find_action,
            self.replace_action,
            self.find_next_action,
            self.find_previous_action,
        ]

    # Showing and hiding

    def open(self, replace: bool) -> None:
        """Shows the bar with the selection as the query, the query selected for typing over."""
        bar = self.bar
        selected = self._editor.textCursor().selectedText()
        if selected and "\u2029" not in selected and len(selected) <= _QUERY_FROM_SELECTION_MAX:
            bar.query.setText(selected)
        bar.show_replace(replace)
        bar.show()
        field = bar.replacement if replace and bar.query.text() else bar.query
        field.setFocus()
        field.selectAll()
        self._show_count()

    def close(self) -> None:
        self.bar.hide()
        self._recount.stop()
        self._query_pause.stop()
        self._marks.set(_MARKS, [])
        self._editor.setFocus()

    # Finding

    def find(self, forward: bool) -> None:
        self._query_pause.stop()  # Enter right after typing: this search replaces that one
        if self.bar.isHidden():
            self.bar.show_replace(False)
            self.bar.show()
        if not self.bar.query.text():
            self.bar.query.setFocus()
            return
        cursor = self._editor.textCursor()
        self._go(cursor.selectionEnd() if forward else cursor.selectionStart(), forward)

    def _on_query_changed(self) -> None:
        self._matches = None
        self._query_pause.start()

    def _find_as_typed(self) -> None:
        """From the current match, so that it grows in place as the query does."""
        self._go(self._editor.textCursor().selectionStart(), forward=True, stepping=False)

    def _go(self, position: int, forward: bool, stepping: bool = True) -> None:
        matches = self._current_matches()
        if matches is None:
            return
        if not matches:
            self._set_counter(self.tr("No matches"))
            return
        found = matches.first_from(position) if forward else matches.last_before(position)
        wrapped = found is None
        if found is None:
            found = 0 if forward else len(matches) - 1
        self._select(matches.starts[found], matches.ends[found])
        counter = self.tr("%1 of %2").replace("%1", str(found + 1)).replace("%2", str(len(matches)))
        if wrapped and stepping:
            counter = (
                self.tr("%1 · from the top") if forward else self.tr("%1 · from the bottom")
            ).replace("%1", counter)
        self._set_counter(counter)

    def _select(self, start: int, end: int) -> None:
        cursor = self._editor.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self._editor.setTextCursor(cursor)
        self._editor.centerCursor()
        self._mark_visible()

    def _compiled(self) -> re.Pattern[str] | None:
        """The query as a pattern; None when there is none, or it is unusable (and says so)."""
        query = self.bar.query.text()
        if not query:
            self._set_counter("")
            return None
        try:
            return compile_query(query, self.bar.options())
        except SearchError as exc:
            self._set_counter(self.tr("Not a valid expression: %1").replace("%1", str(exc)))
            return None

    def _current_matches(self) -> Matches | None:
        """All matches in the text as it is now; None when there is nothing to search for."""
        if self._matches is None:
            pattern = self._compiled()
            if pattern is None:
                self._marks.set(_MARKS, [])
                return None
            self._matches = Matches(pattern, self._editor.toPlainText())
            self._mark_visible()
        return self._matches

    def _show_count(self) -> None:
        """Says "3 of 17" where the selection is a match, "17 matches" elsewhere."""
        if self.bar.isHidden():
            return
        matches = self._current_matches()
        if matches is None:
            return
        cursor = self._editor.textCursor()
        current = matches.index_of(cursor.selectionStart(), cursor.selectionEnd())
        if not matches:
            text = self.tr("No matches")
        elif current is not None:
            text = self.tr("%1 of %2").replace("%1", str(current + 1))
        elif len(matches) == 1:
            text = self.tr("1 match")
        else:
            text = self.tr("%2 matches")
        self._set_counter(text.replace("%2", str(len(matches))))

    def _set_counter(self, text: str) -> None:
        self.bar.counter.setText(text)

    def _on_text_changed(self) -> None:
        self._matches = None
        if not self.bar.isHidden():
            self._recount.start()  # restarted by each edit: counts once the writer pauses

    def _mark_visible(self) -> None:
        """Tints the matches on screen; the selected one shows as the selection."""
        matches = self._matches
        if self.bar.isHidden():
            return  # closing cleared them
        if not matches:
            self._marks.set(_MARKS, [])
            return
        editor = self._editor
        top = editor.cursorForPosition(editor.viewport().rect().topLeft()).position()
        bottom = editor.cursorForPosition(editor.viewport().rect().bottomRight()).position()
        tint = editor.palette().color(QPalette.ColorRole.Highlight)
        tint.setAlpha(70)
        marks = []
        for i in matches.between(max(0, top - 200), bottom):
            span = QTextCursor(editor.document())
            span.setPosition(matches.starts[i])
            span.setPosition(matches.ends[i], QTextCursor.MoveMode.KeepAnchor)
            mark = QTextEdit.ExtraSelection()
            mark.format.setBackground(tint)
            mark.cursor = span
            marks.append(mark)
        self._marks.set(_MARKS, marks)

    # Replacing

    def _replacement(self) -> Replacement:
        return Replacement(self.bar.replacement.text(), regex=self.bar.regex.isChecked())

    def replace(self) -> None:
        """Replaces the selected match (one undo step) and moves on to the next."""
        editor = self._editor
        matches = self._current_matches()
        pattern = self._compiled()
        if editor.is_streaming() or matches is None or pattern is None:
            return
        cursor = editor.textCursor()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        if matches.index_of(start, end) is not None:
            text = editor.toPlainText()
            try:
                new = replace_one(pattern, text, start, end, self._replacement())
            except SearchError as exc:
                self._set_counter(str(exc))
                return
            if new is not None:
                cursor.insertText(new)
                editor.setTextCursor(cursor)
        self.find(forward=True)

    def replace_all(self) -> int:
        """Replaces every match as one edit, so a single Undo takes it all back."""
        editor = self._editor
        matches = self._current_matches()  # usually still those of the last find
        pattern = self._compiled()
        if editor.is_streaming() or matches is None or pattern is None:
            return 0
        try:
            rewrite = Rewrite(pattern, editor.toPlainText(), matches, self._replacement())
        except SearchError as exc:
            self._set_counter(str(exc))
            return 0
        if rewrite.count:
            cursor = editor.textCursor()
            place = rewrite.moved(cursor.selectionStart())
            scrolled = editor.verticalScrollBar().value()
            edit = QTextCursor(editor.document())
            edit.setPosition(rewrite.start)
            edit.setPosition(rewrite.end, QTextCursor.MoveMode.KeepAnchor)
            edit.beginEditBlock()
            edit.insertText(rewrite.text)
            edit.endEditBlock()
            cursor.setPosition(place)
            editor.setTextCursor(cursor)
            editor.verticalScrollBar().setValue(scrolled)  # the writer keeps their place
            self._recount.stop()
            self._marks.set(_MARKS, [])
        self._set_counter(
            self.tr("Replaced %1").replace("%1", str(rewrite.count))
            if rewrite.count
            else self.tr("No matches")
        )
        return rewrite.count

    def _sync_replace_allowed(self) -> None:
        self.bar.set_can_replace(
            not self._editor.is_streaming(),
            self.tr("Replacing waits until the generation is done"),
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._mark_visible()
        return super().eventFilter(watched, event)
