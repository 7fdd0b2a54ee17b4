"""Model downloads for the GUI: one at a time, on a background thread, reported by signals."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot

from desktop_app.domain.i18n import translate
from desktop_app.generation.model_download import (
    DownloadCancelled,
    DownloadError,
    download_model,
)

_log = logging.getLogger(__name__)
_QUEUED = Qt.ConnectionType.QueuedConnection
_SHUTDOWN_WAIT_S = 5.0


class DownloadService(QObject):
    """Downloads a model by Hugging Face id when the user asks, on a Python thread.

    The thread only emits private signals, delivered queued to slots here, which re-emit the
    public ones: every receiver runs on the GUI thread, and `is_running` is already false
    when `finished`, `failed` or `cancelled` arrive. Cancel sets a `threading.Event` that
    the download checks between chunks; what arrived is kept, and the next `start` of the
    same model continues it.
    """

    # object, not int: model sizes pass 2 GiB, beyond a 32-bit signal argument.
    progress = Signal(str, object, object)  # repo id, done bytes, total bytes (int)
    finished = Signal(str, str)  # repo id, the downloaded snapshot folder
    failed = Signal(str, str)  # repo id, message in plain words
    cancelled = Signal(str)  # repo id

    _progressed = Signal(str, object, object)
    _ended = Signal(str, str, str)  # repo id, outcome ("finished" | "failed" | "cancelled"), text

    def __init__(
        self,
        cache_dir: Path | None = None,
        endpoint: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        """`cache_dir` None is the standard Hugging Face cache; `endpoint` None the hub
        (or HF_ENDPOINT)."""
        super().__init__(parent)
        self._cache_dir = cache_dir
        self._endpoint = endpoint
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None
        self._repo_id: str | None = None
        self._progressed.connect(self.progress, _QUEUED)
        self._ended.connect(self._on_ended, _QUEUED)

    @property
    def is_running(self) -> bool:
        return self._thread is not None

    @property
    def repo_id(self) -> str | None:
        """The model being downloaded, or None."""
        return self._repo_id

    def start(self, repo_id: str) -> None:
        """Start downloading `repo_id`; only one download runs at a time."""
        if self._thread is not None:
            raise RuntimeError(f"{self._repo_id} is still downloading")
        self._cancel = threading.Event()
        self._repo_id = repo_id
        self._thread = threading.Thread(
            target=self._run, args=(repo_id, self._cancel), name="inkwell-download", daemon=True
        )
        self._thread.start()

    def cancel(self) -> None:
        """Stop the running download soon; `cancelled` follows. Partial files are kept."""
        self._cancel.set()

    def shutdown(self) -> None:
        """Cancel and wait briefly for the thread (app exit). A daemon thread that is stuck
        connecting cannot hold the exit up; its partial file resumes next time."""
        self._cancel.set()
        if self._thread is not None:
            self._thread.join(_SHUTDOWN_WAIT_S)

    def _run(self, repo_id: str, cancel: threading.Event) -> None:
        try:
            path = download_model(
                repo_id,
                cache_dir=self._cache_dir,
                progress=lambda done, total: self._progressed.emit(repo_id, done, total),
                cancel=cancel,
                endpoint=self._endpoint,
            )
        except DownloadCancelled:
            self._ended.emit(repo_id, "cancelled", "")
        except DownloadError as exc:
            self._ended.emit(repo_id, "failed", str(exc))
        except Exception as exc:  # a bug must reach the user as a message, not kill the thread
            _log.exception("Downloading %s failed", repo_id)
            message = translate("Download", "Downloading {model} failed: {detail}")
            self._ended.emit(repo_id, "failed", message.format(model=repo_id, detail=exc))
        else:
            self._ended.emit(repo_id, "finished", str(path))

    @Slot(str, str, str)
    def _on_ended(self, repo_id: str, outcome: str, text: str) -> None:
        if self._thread is not None:
            self._thread.join()  # it has emitted its last signal and is returning
        self._thread = None
        self._repo_id = None
        if outcome == "finished":
            self.finished.emit(repo_id, text)
        elif outcome == "cancelled":
            self.cancelled.emit(repo_id)
        else:
            self.failed.emit(repo_id, text)
