"""The preset box, and the menu that keeps the writer's own presets."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QToolButton,
    QWidget,
)

from desktop_app.domain.generation import GenerationParams
from desktop_app.domain.presets import (
    PRESETS,
    USER_PREFIX,
    Preset,
    presets_from_json,
    presets_to_json,
    user_preset,
    wording,
)
from desktop_app.services.atomic_file import write_atomically
from desktop_app.services.preset_store import PresetStore
from desktop_app.ui.naming import named

TASK_DEFAULT = "task"
_CUSTOM = ""
_TOOLTIP = Qt.ItemDataRole.ToolTipRole


class PresetPicker(QWidget):
    chosen = Signal(str)  # a preset id, or TASK_DEFAULT
    listChanged = Signal()  # the writer's presets were saved, renamed, deleted or imported

    def __init__(
        self, current_params: Callable[[], GenerationParams], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._current_params = current_params
        self._store: PresetStore | None = None
        self._user_presets: list[Preset] = []
        self.combo = named(QComboBox(), "presetPicker")
        self.combo.activated.connect(lambda index: self.chosen.emit(self.combo.itemData(index)))
        self._fill()

        self.manage = named(QToolButton(), "managePresets")
        self.manage.setText("…")
        self.manage.setAccessibleName(self.tr("Manage presets"))
        self.manage.setToolTip(self.tr("Save, rename, delete, export or import presets"))
        self.manage.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.manage.setStyleSheet("QToolButton::menu-indicator { image: none; }")  # "…" says it
        menu = QMenu(self.manage)
        self.save_action = menu.addAction(self.tr("&Save as Preset…"), self._save)
        self.rename_action = menu.addAction(self.tr("&Rename Preset…"), self._rename)
        self.delete_action = menu.addAction(self.tr("&Delete Preset"), self._delete)
        menu.addSeparator()
        self.export_action = menu.addAction(self.tr("&Export My Presets…"), self._export)
        self.import_action = menu.addAction(self.tr("&Import Presets…"), self._import)
        self.manage.setMenu(menu)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        layout.addWidget(self.manage)

    def use_store(self, store: PresetStore) -> None:
        self._store = store
        self._user_presets = store.load()
        self._fill()
        self.listChanged.emit()

    def preset(self, preset_id: str) -> Preset | None:
        return next((p for p in (*PRESETS, *self._user_presets) if p.id == preset_id), None)

    def show_matching(self, params: GenerationParams, task_defaults: GenerationParams) -> None:
        """Selects the entry these settings amount to: the task's, a preset, or Custom."""
        chosen = self.combo.currentData()
        chosen_preset = self.preset(chosen)
        if chosen_preset is not None and chosen_preset.matches(params):
            current = chosen  # the writer's pick, even where another entry matches as well
        elif wording(params) == wording(task_defaults):
            current = TASK_DEFAULT
        else:
            match = next((p for p in (*PRESETS, *self._user_presets) if p.matches(params)), None)
            current = match.id if match else _CUSTOM
        self.combo.setCurrentIndex(self.combo.findData(current))
        mine = current.startswith(USER_PREFIX)
        self.rename_action.setEnabled(mine)
        self.delete_action.setEnabled(mine)

    def _fill(self) -> None:
        combo = self.combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("Custom"), _CUSTOM)
        combo.addItem(self.tr("Task default"), TASK_DEFAULT)
        combo.setItemData(1, self.tr("What suits the chosen task best."), _TOOLTIP)
        for preset in PRESETS:
            combo.addItem(self.tr(preset.label), preset.id)
            combo.setItemData(combo.count() - 1, self.tr(preset.description), _TOOLTIP)
        if self._user_presets:
            combo.insertSeparator(combo.count())
        for preset in self._user_presets:
            combo.addItem(preset.label, preset.id)
        combo.blockSignals(False)

    def _keep(self, presets: list[Preset], select: str | None = None) -> None:
        """Stores the writer's presets and shows them, `select` (or the same entry) chosen."""
        if self._store is not None:
            try:
                self._store.save(presets)
            except OSError as exc:
                QMessageBox.warning(self, self.tr("Presets"), str(exc))
                return
        select = select if select is not None else self.combo.currentData()
        self._user_presets = presets
        self._fill()
        self.combo.setCurrentIndex(max(0, self.combo.findData(select)))
        self.listChanged.emit()

    def _ask_name(self, title: str, current: str = "") -> str:
        name, ok = QInputDialog.getText(
            self, title, self.tr("Preset name:"), QLineEdit.EchoMode.Normal, current
        )
        return " ".join(name.split()) if ok else ""

    def _current_own(self) -> Preset | None:
        current = self.combo.currentData()
        return next((p for p in self._user_presets if p.id == current), None)

    def _save(self) -> None:
        name = self._ask_name(self.tr("Save as Preset"))
        if name:
            preset = user_preset(name, self._current_params())
            others = [p for p in self._user_presets if p.id != preset.id]  # same name: replaced
            self._keep([*others, preset], select=preset.id)

    def _rename(self) -> None:
        preset = self._current_own()
        name = self._ask_name(self.tr("Rename Preset"), preset.label) if preset else ""
        if preset is None or not name:
            return
        renamed = user_preset(name, preset.apply(self._current_params()))
        # Another preset already called `name` gives way; the renamed one keeps its place.
        others = (p for p in self._user_presets if p.id == preset.id or p.id != renamed.id)
        self._keep([renamed if p.id == preset.id else p for p in others], select=renamed.id)

    def _delete(self) -> None:
        preset = self._current_own()
        if preset is not None:
            self._keep([p for p in self._user_presets if p.id != preset.id])

    def _export(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export Presets"), "inkwell-presets.json", self.tr("JSON (*.json)")
        )
        if not path:
            return
        try:
            write_atomically(Path(path), presets_to_json(self._user_presets))
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Export Presets"), str(exc))

    def _import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import Presets"), "", self.tr("JSON (*.json)")
        )
        if not path:
            return
        try:
            imported = presets_from_json(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            message = self.tr("Nothing was imported from %1: %2")
            QMessageBox.warning(
                self,
                self.tr("Import Presets"),
                message.replace("%1", path).replace("%2", str(exc)),
            )
            return
        names = {p.id for p in imported}
        self._keep([*(p for p in self._user_presets if p.id not in names), *imported])
