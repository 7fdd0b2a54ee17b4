"""The model manager's Download tab: a short list of laptop-sized models, or any hub id.

Nothing here reaches the network by itself: a download starts only when the writer presses
Download, and the DownloadService does the work.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.curated_models import CURATED_MODELS
from desktop_app.domain.model_cards import format_parameter_count, format_size
from desktop_app.ui.naming import named


class ModelDownloadPage(QWidget):
    downloadRequested = Signal(str)  # a Hugging Face id
    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        intro = QLabel(
            self.tr(
                "Inkwell works offline. It connects to huggingface.co only when you press "
                "Download, and only to fetch the model you chose. Downloads can be cancelled "
                "and resumed later."
            ),
            wordWrap=True,
        )
        self.suggestions = named(QTreeWidget(), "suggestedModels")
        self.suggestions.setAccessibleName(self.tr("Suggested models"))
        self.suggestions.setHeaderLabels(
            [self.tr("Model"), self.tr("Size"), self.tr("Download"), self.tr("Licence"),
             self.tr("Languages")]
        )  # fmt: skip
        self.suggestions.setRootIsDecorated(False)
        self.suggestions.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.suggestions.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for model in CURATED_MODELS:
            languages = ", ".join(model.languages[:6]) + ("…" if len(model.languages) > 6 else "")
            licence = model.licence + (self.tr(" (sign-in needed)") if model.gated else "")
            item = QTreeWidgetItem(
                self.suggestions,
                [
                    model.name,
                    format_parameter_count(model.parameter_count),
                    format_size(model.download_bytes),
                    licence,
                    languages,
                ],
            )
            item.setData(0, Qt.ItemDataRole.UserRole, model.repo_id)
            item.setToolTip(0, model.repo_id)
            if model.gated:
                item.setToolTip(
                    3,
                    self.tr(
                        "Accept this model's licence on huggingface.co and sign in "
                        "(hf auth login, or set HF_TOKEN) before downloading."
                    ),
                )
        self.suggestions.currentItemChanged.connect(self._pick)
        self.suggestions.itemActivated.connect(lambda *_: self._download())

        self.repo_edit = named(QLineEdit(), "downloadRepoId")
        self.repo_edit.setAccessibleName(self.tr("Hugging Face model id"))
        self.repo_edit.setPlaceholderText(self.tr("e.g. Qwen/Qwen2.5-0.5B-Instruct"))
        self.repo_edit.textChanged.connect(self._update_buttons)
        self.repo_edit.returnPressed.connect(self._download)
        self.download_button = named(QPushButton(self.tr("&Download")), "downloadModel")
        self.download_button.clicked.connect(self._download)
        self.cancel_button = QPushButton(self.tr("&Cancel Download"))
        self.cancel_button.clicked.connect(self.cancelRequested)
        self.progress = named(QProgressBar(), "downloadProgress")
        self.progress.setAccessibleName(self.tr("Download progress"))
        self.progress.setTextVisible(True)
        self.status = named(QLabel(wordWrap=True), "downloadStatus")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        id_label = QLabel(self.tr("Hugging Face &id:"))
        id_label.setBuddy(self.repo_edit)
        row = QHBoxLayout()
        row.addWidget(id_label)
        row.addWidget(self.repo_edit, 1)
        row.addWidget(self.download_button)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.suggestions, 1)
        layout.addLayout(row)
        layout.addLayout(progress_row)
        layout.addWidget(self.status)
        self.set_running(None)

    def set_running(self, repo_id: str | None) -> None:
        """Shows a download of `repo_id` in progress, or none."""
        self._running = repo_id
        self.progress.setVisible(repo_id is not None)
        self.cancel_button.setVisible(repo_id is not None)
        if repo_id is not None:
            self.progress.setRange(0, 0)  # busy until the file list gives a total
            self.status.setText(self.tr("Looking up %1…").replace("%1", repo_id))
        self._update_buttons()

    @Slot(str, object, object)
    def show_progress(self, repo_id: str, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, 1000)
            self.progress.setValue(round(1000 * done / total))
        self.status.setText(
            self.tr("Downloading %1: %2 of %3").replace("%1", repo_id)
            .replace("%2", format_size(done)).replace("%3", format_size(total))
        )  # fmt: skip

    def show_message(self, text: str) -> None:
        self.status.setText(text)

    @Slot()
    def _pick(self) -> None:
        item = self.suggestions.currentItem()
        if item is not None:
            self.repo_edit.setText(str(item.data(0, Qt.ItemDataRole.UserRole)))

    @Slot()
    def _update_buttons(self) -> None:
        self.download_button.setEnabled(
            self._running is None and bool(self.repo_edit.text().strip())
        )

    @Slot()
    def _download(self) -> None:
        repo_id = self.repo_edit.text().strip()
        if repo_id and self._running is None:
            self.downloadRequested.emit(repo_id)
