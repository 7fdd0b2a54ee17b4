"""What a writer expects around the draft: counts, find and replace, focus mode, its font."""

from __future__ import annotations

from PySide6.QtCore import QObject

from desktop_app.ui.draft_counts import DraftCounts
from desktop_app.ui.editor_font import EditorFont
from desktop_app.ui.find_replace import FindReplace
from desktop_app.ui.focus_mode import FocusMode
from desktop_app.ui.main_window import MainWindow


class EditorTools(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        editor = window.editor
        self.find = FindReplace(editor, window.marks, window.editor_area)
        window.add_under_editor(self.find.bar)
        editor.setFocus()

        self.counts = DraftCounts(editor, self)
        # Left of the model's progress and status, which stay at the right end of the bar;
        # permanent widgets only append, so those two step aside and come back after it.
        status = window.statusBar()
        model_widgets = [(w, w.isHidden()) for w in (window.load_progress, window.model_status)]
        for widget, _hidden in model_widgets:
            status.removeWidget(widget)
        status.addPermanentWidget(self.counts.label)
        for widget, hidden in model_widgets:
            status.addPermanentWidget(widget)
            widget.setHidden(hidden)

        self.focus = FocusMode(window)
        self.font = EditorFont(editor, window)

        window.edit_menu.addSeparator()
        window.edit_menu.addActions(self.find.actions())
        view = window.view_menu
        view.addSeparator()
        view.addAction(self.focus.action)
        view.addSeparator()
        view.addActions(self.font.actions())
