"""Model > Serve This Model on the Network: the loaded model as an OpenAI-compatible API."""

from __future__ import annotations

import secrets
import socket

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.serve_bridge import ServeBridge
from desktop_app.serving.options import DEFAULT_PORT, ServeOptions
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.naming import named

_LOOPBACK = "127.0.0.1"
_EVERYWHERE = "0.0.0.0"  # only with a key, which the dialog always sets


class ServeController(QObject):
    """The menu toggle, its dialog, and a status-bar note while the API is up."""

    def __init__(self, window: MainWindow, bridge: ServeBridge) -> None:
        super().__init__(window)
        self._window = window
        self.bridge = bridge
        bridge.setParent(self)
        self._token = secrets.token_urlsafe(18)
        self.action = QAction(self.tr("&Serve This Model on the Network…"), window)
        self.action.setCheckable(True)
        self.action.setToolTip(self.tr("Let other programs use this model through an API"))
        window.model_menu.addSeparator()
        window.model_menu.addAction(self.action)
        self.status = named(QLabel(), "serveStatus")
        self.status.setContentsMargins(12, 0, 0, 0)
        self.status.hide()
        window.statusBar().addPermanentWidget(self.status)
        self.action.triggered.connect(self._toggle)
        bridge.servingChanged.connect(self._show)
        window.closing.connect(bridge.stop)

    @Slot(bool)
    def _toggle(self, checked: bool) -> None:
        if not checked:
            self.bridge.stop()
            return
        self.action.setChecked(False)  # until the server is up
        dialog = ServeDialog(self._token, self._window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        options = dialog.options()
        self._token = options.token or self._token
        try:
            self.bridge.start(options)
        except Exception as exc:  # a port in use, no model yet: said, never raised
            self._window.show_error(self.tr("Inkwell could not start serving the model."), str(exc))

    @Slot(str)
    def _show(self, base_url: str) -> None:
        self.action.setChecked(bool(base_url))
        self.status.setVisible(bool(base_url))
        if base_url:
            shown = base_url.replace(_EVERYWHERE, socket.gethostname())
            self.status.setText(self.tr("Serving at %1").replace("%1", shown))
            self.status.setToolTip(
                self.tr("Programs send the key %1. Model > Serve… again stops it.").replace(
                    "%1", self._token
                )
            )


class ServeDialog(QDialog):
    """Who may connect, on which port, and the key they need."""

    def __init__(self, token: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Serve This Model"))
        intro = QLabel(
            self.tr(
                "Other programs, such as scripts or editors with an OpenAI-compatible "
                "client, can use the loaded model at the address below. Their requests take "
                "turns with yours."
            )
        )
        intro.setWordWrap(True)
        self.local = named(QRadioButton(self.tr("Only programs on this computer")), "serveLocal")
        self.network = named(
            QRadioButton(self.tr("Other computers on the network too")), "serveNetwork"
        )
        self.local.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.local)
        group.addButton(self.network)
        self.port = named(QSpinBox(), "servePort")
        self.port.setRange(1024, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.token = named(QLineEdit(token), "serveToken")
        self.token.setReadOnly(True)
        self.token.setAccessibleName(self.tr("API key"))
        copy = QPushButton(self.tr("Copy"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.token.text()))
        key_row = QHBoxLayout()
        key_row.addWidget(self.token, 1)
        key_row.addWidget(copy)
        self.address = QLabel()
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        note = QLabel(
            self.tr(
                "Programs send the key as their API key. On the network, anyone who has "
                "it can use the model, and traffic is not encrypted: share it only on a "
                "network you trust."
            )
        )
        note.setWordWrap(True)
        note.setEnabled(False)

        form = QFormLayout()
        form.addRow(self.tr("Who may connect:"), self.local)
        form.addRow("", self.network)
        form.addRow(self.tr("Port:"), self.port)
        form.addRow(self.tr("API key:"), key_row)
        form.addRow(self.tr("Address:"), self.address)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        start = buttons.addButton(self.tr("Start Serving"), QDialogButtonBox.ButtonRole.AcceptRole)
        start.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self.network.toggled.connect(self._show_address)
        self.port.valueChanged.connect(self._show_address)
        self._show_address()

    def options(self) -> ServeOptions:
        # The key is always required: another program on a shared computer is a stranger too.
        host = _EVERYWHERE if self.network.isChecked() else _LOOPBACK
        return ServeOptions(host=host, port=self.port.value(), token=self.token.text())

    @Slot()
    def _show_address(self) -> None:
        host = socket.gethostname() if self.network.isChecked() else _LOOPBACK
        self.address.setText(f"http://{host}:{self.port.value()}/v1")
