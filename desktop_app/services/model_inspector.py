"""Reads what the model manager shows, off the GUI thread.

Inspecting a model reads config files and file headers, scanning the Hugging Face cache walks
folders, and asking which GPUs there are imports torch: each can take long enough to stall the
window, so all of it runs on one background thread and comes back as queued signals.
"""

from __future__ import annotations

import functools
import logging
import queue
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot

from desktop_app.domain.devices import DeviceOption
from desktop_app.domain.i18n import translate
from desktop_app.generation import model_catalog, system_resources

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class MachineResources:
    """What the fit verdicts are judged against, read when the manager opens."""

    devices: tuple[DeviceOption, ...]
    free_memory_bytes: int
    free_gpu_bytes: int | None  # the first GPU's free memory; None without a GPU


class ModelInspector(QObject):
    """Runs catalogue reads on a background thread; results arrive on the GUI thread."""

    cardReady = Signal(object)  # ModelCard, for one spec asked with `inspect`
    cacheScanned = Signal(object)  # tuple of ModelCard found in the Hugging Face cache
    resourcesReady = Signal(object)  # MachineResources
    serverListed = Signal(str, object, str)  # base URL, tuple of model ids, error ("" if none)

    _card = Signal(object)
    _scanned = Signal(object)
    _resources = Signal(object)
    _listed = Signal(object)

    def __init__(
        self, cache_dir: Path, hub_cache: Path | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._cache_dir = cache_dir
        self._hub_cache = hub_cache
        # One daemon thread: a read still running at quit (a slow server, a first torch
        # import) must not keep the process alive after the window has gone.
        self._jobs: queue.SimpleQueue[Callable[[], None] | None] = queue.SimpleQueue()
        self._closed = False
        threading.Thread(target=self._work, name="inkwell-models", daemon=True).start()
        queued = Qt.ConnectionType.QueuedConnection
        self._card.connect(self.cardReady, queued)
        self._scanned.connect(self.cacheScanned, queued)
        self._resources.connect(self.resourcesReady, queued)
        self._listed.connect(self._on_listed, queued)

    def inspect(self, specs: Sequence[str]) -> None:
        for spec in specs:
            read = functools.partial(
                model_catalog.inspect_model, spec, self._cache_dir, self._hub_cache
            )
            self._submit(read, self._card.emit)

    def scan_cache(self) -> None:
        self._submit(
            lambda: tuple(model_catalog.scan_hub_cache(self._hub_cache)), self._scanned.emit
        )

    def read_resources(self) -> None:
        self._submit(_machine_resources, self._resources.emit)

    def list_server_models(self, base_url: str, new_key: str = "") -> None:
        """Asks the server at `base_url` which models it offers (a network call the writer
        started by pressing Connect). A `new_key` is kept in the keyring first; without one
        the key kept there is used. The keyring may block (an unlock prompt), so both run here.
        """

        def read() -> tuple[str, tuple[str, ...], str]:
            # Here, not at the top: httpx and keyring cost start-up a third of a second, and
            # most writers never connect to a server.
            from desktop_app.generation.remote_engine import RemoteServerError, list_remote_models
            from desktop_app.services.credentials import (
                CredentialsError,
                get_api_key,
                store_api_key,
            )

            try:
                if new_key:
                    store_api_key(base_url, new_key)
                key = new_key or get_api_key(base_url)
                return base_url, tuple(list_remote_models(base_url, key)), ""
            except (RemoteServerError, CredentialsError) as exc:
                return base_url, (), str(exc)
            except Exception as exc:  # e.g. a key with characters HTTP headers cannot carry
                log.exception("listing the models of %s failed", base_url)
                message = translate("RemoteModel", "Could not ask {url} for its models: {detail}")
                return base_url, (), message.format(url=base_url, detail=exc)

        self._submit(read, self._listed.emit)

    @Slot(object)
    def _on_listed(self, found: tuple[str, tuple[str, ...], str]) -> None:
        self.serverListed.emit(*found)

    @Slot()
    def close(self) -> None:
        """Drops what is queued; a read in progress finishes on its own and is not reported."""
        self._closed = True
        self._jobs.put(None)

    def _submit(self, read: Callable[[], object], emit: Callable[[object], None]) -> None:
        if self._closed:
            return

        def run() -> None:
            try:
                result = read()
            except Exception:  # the catalogue reports bad models itself; this is a bug
                log.exception("reading model information failed")
                return
            if not self._closed:
                emit(result)

        self._jobs.put(run)

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None and not self._closed:
            job()


def _machine_resources() -> MachineResources:
    devices = tuple(system_resources.available_devices())
    gpus = system_resources.gpu_memory()
    return MachineResources(
        devices=devices,
        free_memory_bytes=system_resources.available_memory(),
        free_gpu_bytes=gpus[0].free_bytes if gpus else None,
    )
