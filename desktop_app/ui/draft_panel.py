"""The draft library: drafts by project, sorted and filtered by title, and the trash.

Clicking a draft (or Enter) opens it; the arrow keys only move the selection, so narrowing
the list as the writer types never opens a draft by itself. The actions work on the
selected draft and are in its right-click menu, the ⋯ button and on keys (F2, Delete).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt, Signal, SignalInstance
from PySide6.QtGui import QAction, QKeyEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.records import DraftSummary
from desktop_app.ui.draft_delegate import DraftDelegate
from desktop_app.ui.draft_list_model import (
    ANY_PROJECT,
    ID_ROLE,
    NO_PROJECT,
    DraftFilterProxy,
    DraftListModel,
    SortKey,
)
from desktop_app.ui.naming import named


class DraftListView(QListView):
    """A list whose keys trigger the panel's actions, with a line to say why it is empty."""

    def __init__(self, empty_text: str) -> None:
        super().__init__()
        self.empty_text = empty_text
        self.key_actions: dict[Qt.Key, QAction] = {}
        self.setItemDelegate(DraftDelegate(self))
        self.setUniformItemSizes(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def event(self, event: QEvent) -> bool:
        # Claim the keys before a window shortcut takes them: the window's F2 renames the
        # open draft, here it renames the selected one.
        if event.type() == QEvent.Type.ShortcutOverride and self._action_for(event) is not None:
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = self._action_for(event)
        if action is None:
            super().keyPressEvent(event)
        elif action.isEnabled():
            action.trigger()

    def _action_for(self, event: QEvent) -> QAction | None:
        if (
            not isinstance(event, QKeyEvent)
            or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            return None
        return self.key_actions.get(Qt.Key(event.key()))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        # Disabled while the library opens: not yet known to be empty.
        if self.isEnabled() and self.model() is not None and self.model().rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(
                self.viewport().rect().adjusted(8, 12, -8, -8),
                Qt.AlignmentFlag.AlignHCenter
                | Qt.AlignmentFlag.AlignTop
                | Qt.TextFlag.TextWordWrap,
                self.empty_text,
            )


class DraftPanel(QWidget):
    draftSelected = Signal(int)  # open it
    newRequested = Signal()
    renameRequested = Signal(int)
    duplicateRequested = Signal(int)
    moveRequested = Signal(int)  # to another project
    deleteRequested = Signal(int)  # to the trash
    restoreRequested = Signal(int)
    emptyTrashRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = DraftListModel()
        self.proxy = DraftFilterProxy(self.model)
        self.list = named(DraftListView(self.tr("No drafts match.")), "draftList")
        self.list.setAccessibleName(self.tr("Drafts"))
        self.list.setAccessibleDescription(
            self.tr("Enter opens the selected draft, F2 renames it, Delete moves it to the trash.")
        )
        self.list.setModel(self.proxy)
        self.trash_model = DraftListModel(trash=True)
        self.trash_proxy = DraftFilterProxy(self.trash_model, SortKey.DELETED)
        self.trash_list = named(DraftListView(self.tr("The trash is empty.")), "trashList")
        self.trash_list.setAccessibleName(self.tr("Drafts in the trash"))
        self.trash_list.setModel(self.trash_proxy)

        self._build_actions()
        self.pages = QStackedWidget()
        self.pages.addWidget(self._drafts_page())
        self.pages.addWidget(self._trash_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.pages)

        for view in (self.list, self.trash_list):
            view.clicked.connect(self._activate)
            view.activated.connect(self._activate)
            view.customContextMenuRequested.connect(self._show_context_menu)
            view.selectionModel().currentChanged.connect(self._update_actions)
            view.model().modelReset.connect(self._update_actions)
            view.model().layoutChanged.connect(self._update_actions)
        self.list.key_actions = {
            Qt.Key.Key_F2: self.rename_action,
            Qt.Key.Key_Delete: self.trash_action,
            Qt.Key.Key_Backspace: self.trash_action,  # the Delete key of a Mac keyboard
            Qt.Key.Key_Return: self.open_action,
            Qt.Key.Key_Enter: self.open_action,
        }
        self.trash_list.key_actions = {
            Qt.Key.Key_Return: self.restore_action,
            Qt.Key.Key_Enter: self.restore_action,
        }
        self._update_actions()

    def _build_actions(self) -> None:
        def action(text: str, signal: SignalInstance) -> QAction:
            result = QAction(text, self)
            result.triggered.connect(lambda: self._emit_for_selected(signal))
            return result

        self.open_action = action(self.tr("&Open"), self.draftSelected)
        self.rename_action = action(self.tr("&Rename…"), self.renameRequested)
        self.duplicate_action = action(self.tr("D&uplicate"), self.duplicateRequested)
        self.move_action = action(self.tr("Move to &Project…"), self.moveRequested)
        self.trash_action = action(self.tr("Move to &Trash"), self.deleteRequested)
        self.restore_action = action(self.tr("&Restore"), self.restoreRequested)
        self.empty_trash_action = QAction(self.tr("&Empty Trash…"), self)
        self.empty_trash_action.triggered.connect(self.emptyTrashRequested)
        self.empty_trash_action.setIconText(self.tr("Empty Trash…"))  # the button keeps the …
        self.restore_action.setToolTip(self.tr("Take the draft out of the trash and open it"))
        self.empty_trash_action.setToolTip(self.tr("Delete the drafts in the trash for good"))
        for item, key in ((self.rename_action, "F2"), (self.trash_action, "Del")):
            item.setShortcut(key)  # shown in the menus; the list handles the keys itself
            item.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)

    def _drafts_page(self) -> QWidget:
        self.project_picker = named(QComboBox(), "projectFilter")
        self.project_picker.setAccessibleName(self.tr("Project"))
        self.project_picker.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.project_picker.setMinimumContentsLength(6)
        self._set_projects([])
        self.project_picker.currentIndexChanged.connect(
            lambda: self.proxy.set_project(self.project_filter())
        )
        self.sort_picker = named(QComboBox(), "draftSort")
        self.sort_picker.setAccessibleName(self.tr("Sort drafts by"))
        for text, key in (
            (self.tr("Last changed"), SortKey.CHANGED),
            (self.tr("Title"), SortKey.TITLE),
            (self.tr("Created"), SortKey.CREATED),
            (self.tr("Word count"), SortKey.WORDS),
        ):
            self.sort_picker.addItem(text, key.value)
        self.sort_picker.currentIndexChanged.connect(
            lambda: self.proxy.set_sort_key(SortKey(self.sort_picker.currentData()))
        )
        self.filter_edit = named(QLineEdit(), "draftFilter")
        self.filter_edit.setAccessibleName(self.tr("Filter drafts by title"))
        self.filter_edit.setPlaceholderText(self.tr("Title contains…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.set_title_filter)

        form = QGridLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setHorizontalSpacing(6)
        form.setVerticalSpacing(4)
        for row, (text, field) in enumerate(
            (
                (self.tr("Pro&ject"), self.project_picker),
                (self.tr("S&ort"), self.sort_picker),
                (self.tr("F&ilter"), self.filter_edit),
            )
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addWidget(label, row, 0)
            form.addWidget(field, row, 1)
        form.setColumnStretch(1, 1)

        self.new_button = self._button(self.tr("New"), self.tr("New draft (Ctrl+N)"))
        self.new_button.clicked.connect(self.newRequested)
        self.more_button = named(
            self._button("⋯", self.tr("More actions for the selected draft")), "draftActions"
        )
        self.more_button.setAccessibleName(self.tr("Draft actions"))
        more = QMenu(self.more_button)
        more.addActions(self._draft_actions())
        self.more_button.setMenu(more)
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_button.setStyleSheet("QToolButton::menu-indicator { image: none; }")  # ⋯ says it
        self.trash_button = named(
            self._button(self.tr("Trash"), self.tr("Deleted drafts")), "showTrash"
        )
        self.trash_button.clicked.connect(lambda: self.show_trash(True))

        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.more_button)
        buttons.addStretch(1)
        buttons.addWidget(self.trash_button)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        return page

    def _trash_page(self) -> QWidget:
        self.back_button = named(
            self._button(self.tr("‹ Drafts"), self.tr("Back to your drafts")), "hideTrash"
        )
        self.back_button.clicked.connect(lambda: self.show_trash(False))
        heading = QLabel(self.tr("Trash"))
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        header = QHBoxLayout()
        header.addWidget(self.back_button)
        header.addWidget(heading, 1)
        hint = QLabel(self.tr("Deleted drafts wait here until you empty the trash."))
        hint.setWordWrap(True)
        palette = hint.palette()
        palette.setColor(
            QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
        )
        hint.setPalette(palette)

        self.restore_button = named(QToolButton(), "restoreDraft")
        self.restore_button.setDefaultAction(self.restore_action)
        self.empty_button = named(QToolButton(), "emptyTrash")
        self.empty_button.setDefaultAction(self.empty_trash_action)
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(self.empty_button)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(header)
        layout.addWidget(hint)
        layout.addWidget(self.trash_list, 1)
        layout.addLayout(buttons)
        return page

    def _button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(text)
        return button

    def _draft_actions(self) -> list[QAction]:
        return [
            self.open_action,
            self.rename_action,
            self.duplicate_action,
            self.move_action,
            self.trash_action,
        ]

    # What the controller sets

    def set_drafts(self, drafts: list[DraftSummary], current_id: int | None) -> None:
        self.model.set_drafts(drafts, current_id)
        self._set_projects(sorted({d.project for d in drafts if d.project}, key=str.casefold))
        if current_id is not None:
            self.select(current_id)

    def set_trash(self, drafts: list[DraftSummary]) -> None:
        self.trash_model.set_drafts(drafts)
        count = len(drafts)
        self.trash_button.setText(
            self.tr("Trash (%1)").replace("%1", str(count)) if count else self.tr("Trash")
        )
        self.trash_list.setCurrentIndex(self.trash_proxy.index(0, 0))

    def _set_projects(self, projects: list[str]) -> None:
        """Keeps the chosen filter while its project still has drafts, else shows them all."""
        chosen = self.project_filter() if self.project_picker.count() else ANY_PROJECT
        picker = self.project_picker
        picker.blockSignals(True)
        picker.clear()
        picker.addItem(self.tr("All drafts"))
        for project in projects:
            picker.addItem(project, project)
        picker.addItem(self.tr("No project"), NO_PROJECT)
        index = picker.findData(chosen) if chosen is not ANY_PROJECT else 0
        picker.setCurrentIndex(max(0, index))
        picker.blockSignals(False)
        if self.project_filter() != chosen:
            self.proxy.set_project(self.project_filter())

    def select(self, draft_id: int) -> None:
        """Selects the draft's row, if shown, without opening it."""
        row = self.model.row_of(draft_id)
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else QModelIndex()
        if index.isValid():
            self.list.setCurrentIndex(index)
            self.list.scrollTo(index)

    def show_trash(self, show: bool) -> None:
        self.pages.setCurrentIndex(1 if show else 0)
        (self.trash_list if show else self.list).setFocus()
        self._update_actions()

    def showing_trash(self) -> bool:
        return self.pages.currentIndex() == 1

    # What the controller asks

    def project_filter(self) -> str | None:
        """ANY_PROJECT (None), NO_PROJECT ("") or the project's name."""
        data = self.project_picker.currentData()
        return data if isinstance(data, str) else ANY_PROJECT

    def current_project(self) -> str | None:
        """The project a new draft belongs to: the one filtered on, if any."""
        return self.project_filter() or None

    def current_id(self) -> int | None:
        view = self.trash_list if self.showing_trash() else self.list
        index = view.currentIndex()
        return int(index.data(ID_ROLE)) if index.isValid() else None

    def neighbour_of(self, draft_id: int) -> int | None:
        """The draft shown below this one, else above: what opens when it goes."""
        row = self.model.row_of(draft_id)
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else QModelIndex()
        if not index.isValid():
            return None
        for neighbour in (index.row() + 1, index.row() - 1):
            if 0 <= neighbour < self.proxy.rowCount():
                return int(self.proxy.index(neighbour, 0).data(ID_ROLE))
        return None

    # Internals

    def _activate(self, index: QModelIndex) -> None:
        if index.isValid():
            signal = self.restoreRequested if self.showing_trash() else self.draftSelected
            signal.emit(int(index.data(ID_ROLE)))

    def _emit_for_selected(self, signal: SignalInstance) -> None:
        draft_id = self.current_id()
        if draft_id is not None:
            signal.emit(draft_id)

    def _show_context_menu(self, pos: QPoint) -> None:
        view = self.trash_list if self.showing_trash() else self.list
        index = view.indexAt(pos)
        if index.isValid():
            view.setCurrentIndex(index)
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if self.showing_trash():
            menu.addAction(self.restore_action)
            menu.addSeparator()
            menu.addAction(self.empty_trash_action)
        else:
            menu.addActions(self._draft_actions()[:4])
            menu.addSeparator()
            menu.addAction(self.trash_action)
            menu.addSeparator()
            new = menu.addAction(self.tr("&New Draft"))
            new.triggered.connect(self.newRequested)
        menu.popup(view.viewport().mapToGlobal(pos))

    def _update_actions(self) -> None:
        selected = self.current_id() is not None
        for action in self._draft_actions():
            action.setEnabled(selected and not self.showing_trash())
        self.restore_action.setEnabled(selected and self.showing_trash())
        self.empty_trash_action.setEnabled(self.trash_model.rowCount() > 0)
