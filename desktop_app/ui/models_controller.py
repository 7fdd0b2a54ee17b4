"""The Model menu: the model manager, recent models, and switching without a restart."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Qt, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.domain.generation import AUTO, LoadOptions, ModelInfo
from desktop_app.domain.model_cards import ModelCard
from desktop_app.generation.remote_spec import is_remote_spec, normalize_base_url, remote_spec
from desktop_app.generation.sources import EMBEDDED
from desktop_app.services.download_service import DownloadService
from desktop_app.services.insecure_hosts import InsecureHostApprovals
from desktop_app.services.model_inspector import ModelInspector
from desktop_app.services.model_registry import ModelRegistry
from desktop_app.services.model_service import ModelService
from desktop_app.ui.controller import WritingController
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.model_labels import spec_name
from desktop_app.ui.model_manager import ModelManagerDialog

_OPTION_KEYS = ("model/device", "model/dtype", "model/threads")


def saved_load_options(settings: QSettings) -> LoadOptions:
    device, dtype, threads = (settings.value(key) for key in _OPTION_KEYS)
    try:
        count = max(0, int(str(threads)))
    except ValueError:
        count = 0
    return LoadOptions(
        device=device if isinstance(device, str) and device else AUTO,
        dtype=dtype if isinstance(dtype, str) and dtype else AUTO,
        threads=count,
    )


def save_load_options(settings: QSettings, options: LoadOptions) -> None:
    for key, value in zip(
        _OPTION_KEYS, (options.device, options.dtype, options.threads), strict=True
    ):
        settings.setValue(key, value)


class ModelsController(QObject):
    def __init__(
        self,
        window: MainWindow,
        writing: WritingController,
        service: ModelService,
        *,
        registry: ModelRegistry,
        settings: QSettings,
        inspector: ModelInspector,
        downloads: DownloadService,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._writing = writing
        self._registry = registry
        self._settings = settings
        self._inspector = inspector
        self._downloads = downloads
        self._approvals = InsecureHostApprovals(settings)
        self._hub_specs: list[str] = []
        self._dialog: ModelManagerDialog | None = None
        window.manage_models_action.triggered.connect(self.open_manager)
        window.recent_models_menu.aboutToShow.connect(self._fill_recent)
        service.modelLoaded.connect(self._on_loaded)
        window.closing.connect(inspector.close)
        window.closing.connect(downloads.shutdown)
        downloads.progress.connect(self._on_download_progress)
        downloads.finished.connect(self._on_downloaded)
        downloads.failed.connect(self._on_download_failed)
        downloads.cancelled.connect(self._on_download_cancelled)
        if registry.problem:
            window.statusBar().showMessage(registry.problem, 10000)

    @Slot()
    def open_manager(self) -> ModelManagerDialog:
        if self._dialog is not None:
            self._dialog.raise_()
            self._dialog.activateWindow()
            return self._dialog
        dialog = self._dialog = ModelManagerDialog(
            self._writing.model_spec,
            self._registry.default(),
            self._writing.load_options,
            self._window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._forget_dialog)
        dialog.set_models(self._groups())
        inspector = self._inspector
        inspector.cardReady.connect(dialog.set_card)
        inspector.cacheScanned.connect(self._on_cache_scanned)
        inspector.resourcesReady.connect(dialog.set_resources)
        dialog.loadRequested.connect(self.switch_model)
        dialog.defaultRequested.connect(self._set_default)
        dialog.addRequested.connect(self._add)
        dialog.removeRequested.connect(self._remove)
        dialog.download_page.downloadRequested.connect(self._download)
        dialog.download_page.cancelRequested.connect(self._downloads.cancel)
        dialog.download_page.set_running(self._downloads.repo_id)
        dialog.server_page.connectRequested.connect(self._connect_server)
        dialog.server_page.useRequested.connect(self._use_server_model)
        inspector.serverListed.connect(dialog.server_page.show_models)
        inspector.inspect(self._listed_specs())
        inspector.scan_cache()
        inspector.read_resources()
        dialog.open()
        return dialog

    @Slot(str, object)
    def switch_model(self, spec: str, options: LoadOptions) -> None:
        parent: QWidget = self._dialog or self._window
        if not self._writing.switch_model(spec, options, parent):
            return
        save_load_options(self._settings, options)
        if self._dialog is not None:
            self._dialog.mark_current(spec, self._registry.default())

    def _groups(self) -> list[tuple[str, list[str]]]:
        added = [s for s in self._registry.added() if s != EMBEDDED and not is_remote_spec(s)]
        servers = [s for s in self._registry.added() if is_remote_spec(s)]
        hub = [s for s in self._hub_specs if s not in added]
        listed = {EMBEDDED, *added, *servers, *hub}
        recent = [
            s for s in [self._writing.model_spec, *self._registry.recent()] if s not in listed
        ]
        return [
            (self.tr("Built in"), [EMBEDDED]),
            (self.tr("Added by you"), added),
            (self.tr("Hugging Face cache"), hub),
            (self.tr("Model servers"), servers),
            (self.tr("Recently used"), list(dict.fromkeys(recent))),
        ]

    def _listed_specs(self) -> list[str]:
        return [spec for _title, specs in self._groups() for spec in specs]

    def _refresh(self) -> None:
        if self._dialog is not None:
            self._dialog.set_models(self._groups())

    @Slot(object)
    def _on_cache_scanned(self, cards: tuple[ModelCard, ...]) -> None:
        self._hub_specs = [card.spec for card in cards]
        self._refresh()
        if self._dialog is not None:
            for card in cards:
                self._dialog.set_card(card)

    @Slot(str)
    def _add(self, path: str) -> None:
        spec = self._registry.add(path)
        self._refresh()
        self._inspector.inspect([spec])
        if self._dialog is not None:
            self._dialog.select(spec)

    @Slot(str)
    def _remove(self, spec: str) -> None:
        self._registry.remove(spec)
        self._refresh()

    @Slot(str)
    def _set_default(self, spec: str) -> None:
        self._registry.set_default(spec)
        if self._dialog is not None:
            self._dialog.mark_current(self._writing.model_spec, self._registry.default())

    # Model servers: connecting is a network call, made only when the writer asks.

    @Slot(str, str)
    def _connect_server(self, url: str, key: str) -> None:
        page = self._dialog.server_page if self._dialog else None
        try:
            base_url = normalize_base_url(url)
        except ValueError:
            if page is not None:
                page.show_message(
                    self.tr(
                        "%1 is not a server address; it looks like http://host:8000/v1."
                    ).replace("%1", url)
                )
            return
        if self._approvals.needs_confirmation(base_url) and not self._confirm_plain_http(base_url):
            return
        if page is not None:
            page.set_busy(self.tr("Connecting to %1…").replace("%1", base_url))
        self._inspector.list_server_models(base_url, key)

    def _confirm_plain_http(self, base_url: str) -> bool:
        answer = QMessageBox.question(
            self._dialog or self._window,
            self.tr("Send your text unencrypted?"),
            self.tr(
                "%1 uses plain HTTP on another computer: your prompts, your text and the API "
                "key cross the network readable by anyone on the way. Use it anyway?"
            ).replace("%1", base_url),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self._approvals.approve(base_url)
        return True

    @Slot(str, str)
    def _use_server_model(self, base_url: str, model: str) -> None:
        spec = self._registry.add(remote_spec(base_url, model))
        self._refresh()
        self._inspector.inspect([spec])
        if self._dialog is not None:
            self._dialog.select(spec)
            self._dialog.tabs.setCurrentIndex(0)

    # Downloads outlive the dialog: closing it mid-download leaves the download running.

    @Slot(str)
    def _download(self, repo_id: str) -> None:
        self._downloads.start(repo_id)
        if self._dialog is not None:
            self._dialog.download_page.set_running(repo_id)

    @Slot(str, object, object)
    def _on_download_progress(self, repo_id: str, done: int, total: int) -> None:
        if self._dialog is not None:
            self._dialog.download_page.show_progress(repo_id, done, total)

    @Slot(str, str)
    def _on_downloaded(self, repo_id: str, _folder: str) -> None:
        message = self.tr("%1 is downloaded. Select it and press Load to use it.").replace(
            "%1", repo_id
        )
        self._download_ended(message)
        self._window.statusBar().showMessage(message, 10000)
        if self._dialog is not None:
            self._hub_specs = list(dict.fromkeys([*self._hub_specs, repo_id]))
            self._refresh()
            self._inspector.scan_cache()  # brings the new model's card with the others
            self._dialog.select(repo_id)
            self._dialog.tabs.setCurrentIndex(0)

    @Slot(str, str)
    def _on_download_failed(self, repo_id: str, message: str) -> None:
        self._download_ended(message)
        if self._dialog is None:
            self._window.show_error(
                self.tr("%1 could not be downloaded.").replace("%1", repo_id), message
            )

    @Slot(str)
    def _on_download_cancelled(self, repo_id: str) -> None:
        self._download_ended(
            self.tr(
                "The download of %1 was cancelled. What arrived is kept: "
                "download it again to go on from there."
            ).replace("%1", repo_id)
        )

    def _download_ended(self, message: str) -> None:
        if self._dialog is not None:
            self._dialog.download_page.set_running(None)
            self._dialog.download_page.show_message(message)

    @Slot(object)
    def _on_loaded(self, _info: ModelInfo) -> None:
        self._registry.mark_used(self._writing.model_spec)

    @Slot()
    def _fill_recent(self) -> None:
        menu = self._window.recent_models_menu
        menu.clear()
        current = self._writing.model_spec
        for spec in self._registry.recent() or [current]:
            action = menu.addAction(spec_name(spec))
            action.setToolTip(spec)
            action.setCheckable(True)
            action.setChecked(spec == current)
            action.triggered.connect(
                lambda _checked=False, spec=spec: self.switch_model(
                    spec, self._writing.load_options
                )
            )

    @Slot()
    def _forget_dialog(self) -> None:
        self._dialog = None
