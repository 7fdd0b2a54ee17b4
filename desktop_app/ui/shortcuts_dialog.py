"""Help > Keyboard Shortcuts: every shortcut of the window, read from its actions.

Nothing here is a hand-kept list: the menus are walked as they are when the dialog opens,
so a shortcut added to an action shows up by itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.naming import named


@dataclass(frozen=True)
class Shortcut:
    group: str  # the menu, "File" or "Model › Adapters"
    action: str  # what it does, as the menu says it
    keys: str  # native text, several separated by ", "


def plain(text: str) -> str:
    """A menu text without its accelerator marks: "&Save && Close" → "Save & Close", and
    "文件(&F)" → "文件" (a translation's own key letter in brackets)."""
    text = re.sub(r"\s*\(&[^&]\)", "", text)
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def key_text(action: QAction) -> str:
    keys = (key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts())
    return ", ".join(key for key in keys if key)


def window_shortcuts(window: QMainWindow) -> list[Shortcut]:
    """The shortcuts of the window's menus, in menu order; then those of actions no menu shows."""
    found: list[Shortcut] = []
    seen: set[QAction] = set()

    def walk(menu: QMenu, group: str) -> None:
        for action in menu.actions():
            seen.add(action)
            if isinstance(submenu := action.menu(), QMenu):
                walk(submenu, f"{group} › {plain(action.text())}")
            elif not action.isSeparator() and (keys := key_text(action)):
                found.append(Shortcut(group, plain(action.text()), keys))

    for top in window.menuBar().actions():
        if isinstance(menu := top.menu(), QMenu):
            walk(menu, plain(top.text()))
    for action in window.findChildren(QAction):
        if action not in seen and (keys := key_text(action)) and action.text():
            found.append(Shortcut(_place_of(action), plain(action.text()), keys))
    return found


def _place_of(action: QAction) -> str:
    """The panel an action outside the menus belongs to, by its dock's title."""
    parent = action.parent()
    while isinstance(parent, QWidget):
        if parent.isWindow() or parent.windowTitle():
            return plain(parent.windowTitle())
        parent = parent.parentWidget()
    return ""


class ShortcutsDialog(QDialog):
    """The shortcuts grouped by menu, filtered as the writer types."""

    def __init__(self, shortcuts: list[Shortcut], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        self.filter = named(QLineEdit(), "shortcutsFilter")
        self.filter.setPlaceholderText(self.tr("Type to find an action or a key"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName(self.tr("Find a shortcut"))
        self.tree = named(QTreeWidget(), "shortcutsList")
        self.tree.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.tree.setHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setIndentation(12)
        self._headings: dict[QTreeWidgetItem, list[QTreeWidgetItem]] = {}
        for group, entries in _grouped(shortcuts).items():
            heading = QTreeWidgetItem(self.tree, [group or self.tr("Other")])
            heading.setFirstColumnSpanned(True)
            font = heading.font(0)
            font.setBold(True)
            heading.setFont(0, font)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self._headings[heading] = [
                QTreeWidgetItem(heading, [entry.action, entry.keys]) for entry in entries
            ]
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        self.tree.setColumnWidth(0, self.tree.columnWidth(0) + 24)

        note = QLabel(
            self.tr(
                "In the editor, Tab types a tab: Next Control (View menu) moves on. "
                "Elsewhere Tab and Shift+Tab move between the controls."
            ),
            wordWrap=True,
        )

        label = QLabel(self.tr("&Find:"))
        label.setBuddy(self.filter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(self._filter)
        self.resize(520, 600)

    def groups(self) -> dict[str, list[QTreeWidgetItem]]:
        """Each menu's heading text and its rows (action, keys)."""
        return {heading.text(0): items for heading, items in self._headings.items()}

    def visible_actions(self) -> list[str]:
        """The actions the filter lets through."""
        return [
            item.text(0)
            for items in self._headings.values()
            for item in items
            if not item.isHidden()
        ]

    def _filter(self, text: str) -> None:
        wanted = text.strip().casefold()
        for heading, items in self._headings.items():
            in_group = wanted in heading.text(0).casefold()
            for item in items:
                item.setHidden(
                    not (in_group or any(wanted in item.text(c).casefold() for c in (0, 1)))
                )
            heading.setHidden(all(item.isHidden() for item in items))


def _grouped(shortcuts: list[Shortcut]) -> dict[str, list[Shortcut]]:
    groups: dict[str, list[Shortcut]] = {}
    for shortcut in shortcuts:
        groups.setdefault(shortcut.group, []).append(shortcut)
    return groups
