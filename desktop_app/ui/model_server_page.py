"""The model manager's Servers tab: a model on an OpenAI-compatible server (vLLM, Ollama,
llama.cpp's server, TGI), used like a local one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.naming import named


class ModelServerPage(QWidget):
    connectRequested = Signal(str, str)  # base URL, API key ("" for none)
    useRequested = Signal(str, str)  # base URL, model id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        intro = QLabel(
            self.tr(
                "Use a model running on another computer, such as a team's GPU server with "
                "vLLM, Ollama, llama.cpp or TGI. Your prompts go to that server; API keys "
                "are kept in your system's keyring."
            ),
            wordWrap=True,
        )
        self.url_edit = named(QLineEdit(), "serverUrl")
        self.url_edit.setAccessibleName(self.tr("Server address"))
        self.url_edit.setPlaceholderText(self.tr("e.g. http://gpu-box:8000/v1"))
        self.key_edit = named(QLineEdit(), "serverApiKey")
        self.key_edit.setAccessibleName(self.tr("API key"))
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText(self.tr("Optional; leave empty to keep the saved one"))
        self.connect_button = named(QPushButton(self.tr("&Connect")), "connectServer")
        self.connect_button.clicked.connect(self._connect)
        self.url_edit.returnPressed.connect(self._connect)
        self.url_edit.textChanged.connect(self._update_buttons)

        form = QFormLayout()
        form.addRow(self.tr("Server &address:"), self.url_edit)
        form.addRow(self.tr("API &key:"), self.key_edit)
        connect_row = QHBoxLayout()
        connect_row.addStretch(1)
        connect_row.addWidget(self.connect_button)

        self.models = named(QListWidget(), "serverModels")
        self.models.setAccessibleName(self.tr("Models on the server"))
        self.models.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.models.currentItemChanged.connect(self._update_buttons)
        self.models.itemActivated.connect(lambda *_: self._use())
        self.use_button = named(QPushButton(self.tr("&Use This Model")), "useServerModel")
        self.use_button.setToolTip(self.tr("Add it to your models and select it"))
        self.use_button.clicked.connect(self._use)
        use_row = QHBoxLayout()
        use_row.addStretch(1)
        use_row.addWidget(self.use_button)
        self.status = named(QLabel(wordWrap=True), "serverStatus")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(connect_row)
        layout.addWidget(QLabel(self.tr("Models on the server:")))
        layout.addWidget(self.models, 1)
        layout.addLayout(use_row)
        layout.addWidget(self.status)
        self._listed_url = ""
        self._busy = False
        self._update_buttons()

    def set_busy(self, text: str) -> None:
        self._busy = True
        self.status.setText(text)
        self._update_buttons()

    def show_models(self, base_url: str, models: tuple[str, ...], error: str) -> None:
        self._busy = False
        self.models.clear()
        self._listed_url = base_url if not error else ""
        self.models.addItems(list(models))
        if models:
            self.models.setCurrentRow(0)
        if error:
            self.status.setText(error)
        elif models:
            self.status.setText(self.tr("Connected. Pick a model and press Use This Model."))
        else:
            self.status.setText(self.tr("The server is running but offers no models."))
        self._update_buttons()

    def show_message(self, text: str) -> None:
        self._busy = False
        self.status.setText(text)
        self._update_buttons()

    @Slot()
    def _update_buttons(self) -> None:
        self.connect_button.setEnabled(not self._busy and bool(self.url_edit.text().strip()))
        self.use_button.setEnabled(bool(self._listed_url) and self.models.currentItem() is not None)

    @Slot()
    def _connect(self) -> None:
        url = self.url_edit.text().strip()
        if url and not self._busy:
            self.connectRequested.emit(url, self.key_edit.text().strip())

    @Slot()
    def _use(self) -> None:
        item = self.models.currentItem()
        if item is not None and self._listed_url:
            self.useRequested.emit(self._listed_url, item.text())
