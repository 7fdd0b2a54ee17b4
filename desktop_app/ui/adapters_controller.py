"""Adapters in the Model menu: train one on the writer's text, pick one to use over the
loaded model ("model + adapter"), and manage them (rename, export, delete)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.finetune import AdapterInfo
from desktop_app.domain.generation import ModelInfo
from desktop_app.generation.adapters import AdapterError
from desktop_app.paths import DataPaths
from desktop_app.services.adapter_store import (
    delete_adapter,
    export_adapter,
    list_adapters,
    rename_adapter,
)
from desktop_app.services.library import Library
from desktop_app.services.model_service import ModelService
from desktop_app.services.training_service import TrainingService
from desktop_app.ui.controller import WritingController
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.training_dialog import TrainingDialog


def adapter_label(adapter: AdapterInfo) -> str:
    return f"{adapter.base_model_id} + {adapter.name}"


class AdaptersController(QObject):
    def __init__(
        self,
        window: MainWindow,
        writing: WritingController,
        library: Library,
        model: ModelService,
        paths: DataPaths,
        *,
        training: TrainingService | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._writing = writing
        self._library = library
        self._model = model
        self.training = training or TrainingService(paths.adapters, paths.model_cache, parent=self)
        self._dialog: TrainingDialog | None = None
        self._manager: AdaptersDialog | None = None

        menu = window.model_menu
        menu.addSeparator()
        self.train_action = menu.addAction(self.tr("&Train on My Writing…"))
        self.train_action.setObjectName("trainOnMyWriting")
        self.train_action.triggered.connect(self.open_training)
        self.adapters_menu = menu.addMenu(self.tr("&Adapters"))
        self.adapters_menu.aboutToShow.connect(self._fill_adapters_menu)
        model.adapterChanged.connect(self._on_adapter_changed)
        model.adapterFailed.connect(self._on_adapter_failed)
        self.training.finished.connect(self._on_trained)
        self.training.failed.connect(self._on_training_failed)
        window.closing.connect(self.training.shutdown)

    @property
    def model_info(self) -> ModelInfo | None:
        return self._model.model_info

    def adapters(self) -> list[AdapterInfo]:
        return list_adapters(self.training.adapters_dir)

    @Slot()
    def open_training(self) -> TrainingDialog:
        if self._dialog is not None:
            self._dialog.raise_()
            return self._dialog
        info = self._model.model_info
        local = info if info is not None and info.parameter_count else None
        dialog = self._dialog = TrainingDialog(
            self.training, self._library, local, self._writing.model_spec, self._window
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._forget_dialog)
        dialog.useRequested.connect(self.use_adapter)
        dialog.show()
        return dialog

    @Slot()
    def _forget_dialog(self) -> None:
        self._dialog = None

    @Slot(str)
    def use_adapter(self, path: str) -> None:
        """Puts the adapter in `path` over the loaded model; "" takes it off."""
        self._model.set_adapter(path or None)

    def _fill_adapters_menu(self) -> None:
        menu = self.adapters_menu
        menu.clear()
        loaded = self._model.model_info
        group = QActionGroup(menu)
        none = menu.addAction(self.tr("None (the model alone)"))
        none.setCheckable(True)
        none.setChecked(loaded is None or loaded.adapter is None)
        none.triggered.connect(lambda: self.use_adapter(""))
        group.addAction(none)
        for adapter in self.adapters():
            action = menu.addAction(adapter_label(adapter))
            action.setCheckable(True)
            group.addAction(action)
            fits = loaded is not None and loaded.model_id == adapter.base_model_id
            action.setEnabled(fits)
            action.setChecked(fits and loaded is not None and loaded.adapter == adapter.name)
            if not fits:
                action.setToolTip(
                    self.tr("Load %1 to use this adapter.").replace("%1", adapter.base_model_id)
                )
            action.triggered.connect(lambda _checked=False, p=adapter.path: self.use_adapter(p))
        menu.addSeparator()
        manage = QAction(self.tr("Manage Adapters…"), menu)
        manage.triggered.connect(self.open_manager)
        menu.addAction(manage)

    @Slot()
    def open_manager(self) -> AdaptersDialog:
        if self._manager is None:
            self._manager = AdaptersDialog(self, self._window)
            self._manager.destroyed.connect(self._forget_manager)
        self._manager.refresh()
        self._manager.show()
        return self._manager

    @Slot()
    def _forget_manager(self) -> None:
        self._manager = None

    @Slot(object)
    def _on_adapter_changed(self, info: ModelInfo) -> None:
        message = (
            self.tr("Using %1 with the adapter “%2”.")
            .replace("%1", info.model_id)
            .replace("%2", info.adapter)
            if info.adapter
            else self.tr("Using %1 without an adapter.").replace("%1", info.model_id)
        )
        self._window.statusBar().showMessage(message, 5000)
        if self._manager is not None:
            self._manager.refresh()

    @Slot(str)
    def _on_adapter_failed(self, message: str) -> None:
        self._window.show_error(self.tr("The adapter could not be used."), message)

    @Slot(object)
    def _on_trained(self, adapter: AdapterInfo) -> None:
        if self._dialog is None:  # the dialog says so itself when open
            self._window.statusBar().showMessage(
                self.tr("The adapter “%1” is ready: Model > Adapters.").replace("%1", adapter.name),
                10000,
            )
        if self._manager is not None:
            self._manager.refresh()

    @Slot(str)
    def _on_training_failed(self, message: str) -> None:
        if self._dialog is None:
            self._window.show_error(self.tr("Training stopped."), message)


class AdaptersDialog(QDialog):
    """Every adapter with its facts; use, turn off, rename, export or delete it."""

    def __init__(self, controller: AdaptersController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adaptersDialog")
        self.setWindowTitle(self.tr("Adapters"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._controller = controller
        self.adapter_list = QListWidget()
        self.adapter_list.setObjectName("adapterList")
        self.adapter_list.setAccessibleName(self.tr("Adapters"))
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setMinimumHeight(80)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.use_button = QPushButton(self.tr("Use"))
        self.off_button = QPushButton(self.tr("Turn Off"))
        self.rename_button = QPushButton(self.tr("Rename…"))
        self.export_button = QPushButton(self.tr("Export…"))
        self.delete_button = QPushButton(self.tr("Delete…"))
        buttons = QHBoxLayout()
        for button in (
            self.use_button,
            self.off_button,
            self.rename_button,
            self.export_button,
            self.delete_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.adapter_list, 1)
        layout.addWidget(self.details)
        layout.addLayout(buttons)
        self.resize(560, 380)
        self.adapter_list.currentItemChanged.connect(self._show_selected)
        self.use_button.clicked.connect(self._use)
        self.off_button.clicked.connect(lambda: controller.use_adapter(""))
        self.rename_button.clicked.connect(self._rename)
        self.export_button.clicked.connect(self._export)
        self.delete_button.clicked.connect(self._delete)

    def refresh(self) -> None:
        selected = self.selected()
        self.adapter_list.clear()
        for adapter in self._controller.adapters():
            item = QListWidgetItem(adapter_label(adapter))
            item.setData(Qt.ItemDataRole.UserRole, adapter)
            self.adapter_list.addItem(item)
            if selected is not None and selected.path == adapter.path:
                self.adapter_list.setCurrentItem(item)
        if self.adapter_list.currentItem() is None and self.adapter_list.count():
            self.adapter_list.setCurrentRow(0)
        self._show_selected()

    def selected(self) -> AdapterInfo | None:
        item = self.adapter_list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)  # type: ignore[no-any-return]

    def _in_use(self, adapter: AdapterInfo) -> bool:
        loaded = self._controller.model_info
        return loaded is not None and loaded.adapter == adapter.name

    @Slot()
    def _show_selected(self) -> None:
        adapter = self.selected()
        loaded = self._controller.model_info
        for button in (self.use_button, self.rename_button, self.export_button):
            button.setEnabled(adapter is not None)
        self.delete_button.setEnabled(adapter is not None)
        self.off_button.setEnabled(loaded is not None and loaded.adapter is not None)
        if adapter is None:
            self.details.setText(
                self.tr("No adapters yet. Model > Train on My Writing… makes one.")
            )
            return
        before, after = adapter.perplexity_before, adapter.perplexity_after
        lines = [
            self.tr("Trained on %1 words (%2 tokens), %3 steps, on %4.")
            .replace("%1", f"{adapter.words:,}")
            .replace("%2", f"{adapter.tokens:,}")
            .replace("%3", f"{adapter.steps:,}")
            .replace("%4", adapter.created_at[:10] or "—"),
        ]
        if before is not None and after is not None:
            lines.append(
                self.tr("Held-out perplexity: %1 before, %2 after.")
                .replace("%1", f"{before:.1f}")
                .replace("%2", f"{after:.1f}")
            )
        if self._in_use(adapter):
            lines.append(self.tr("In use now."))
        self.details.setText("\n".join(lines))

    @Slot()
    def _use(self) -> None:
        adapter = self.selected()
        if adapter is not None:
            self._controller.use_adapter(adapter.path)

    def _refuse_in_use(self, adapter: AdapterInfo) -> bool:
        if self._in_use(adapter):
            QMessageBox.information(
                self, self.tr("Adapters"), self.tr("Turn the adapter off first.")
            )
            return True
        return False

    @Slot()
    def _rename(self) -> None:
        adapter = self.selected()
        if adapter is None or self._refuse_in_use(adapter):
            return
        name, ok = QInputDialog.getText(
            self, self.tr("Rename Adapter"), self.tr("New name:"), text=adapter.name
        )
        if ok and name.strip() and name.strip() != adapter.name:
            self._apply(lambda: rename_adapter(adapter, name))

    @Slot()
    def _export(self) -> None:
        adapter = self.selected()
        if adapter is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export Adapter"), f"{adapter.name}.zip", self.tr("Zip archive (*.zip)")
        )
        if path:
            self._apply(lambda: export_adapter(adapter, Path(path)))

    @Slot()
    def _delete(self) -> None:
        adapter = self.selected()
        if adapter is None or self._refuse_in_use(adapter):
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete Adapter"),
            self.tr("Delete the adapter “%1”? This cannot be undone.").replace("%1", adapter.name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._apply(lambda: delete_adapter(adapter))

    def _apply(self, change: Callable[[], object]) -> None:
        try:
            change()
        except AdapterError as exc:
            QMessageBox.warning(self, self.tr("Adapters"), str(exc))
        self.refresh()
