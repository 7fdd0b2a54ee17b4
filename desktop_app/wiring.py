"""The composition root's heavy half: the library, services and controllers wired into a
window that already shows its layout.

Everything is imported at the top, SQLAlchemy and every controller included (about 0.8 s on
a laptop): `desktop_app.app.run_gui` imports this module and calls `open_library` on a
thread while the window's first frame is already on screen, then calls `wire` on the GUI
thread.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop_app.data import Database, open_database
from desktop_app.generation.engine import Engine
from desktop_app.paths import DataPaths
from desktop_app.services.download_service import DownloadService
from desktop_app.services.error_bridge import ErrorBridge
from desktop_app.services.library import Library
from desktop_app.services.model_inspector import ModelInspector
from desktop_app.services.model_registry import ModelRegistry
from desktop_app.services.model_service import ModelService
from desktop_app.services.preset_store import PresetStore
from desktop_app.services.serve_bridge import ServeBridge
from desktop_app.ui.adapters_controller import AdaptersController
from desktop_app.ui.controller import WritingController
from desktop_app.ui.language_controller import LanguageController
from desktop_app.ui.models_controller import ModelsController, saved_load_options
from desktop_app.ui.serve_controller import ServeController
from desktop_app.ui.task_controller import TaskController
from desktop_app.ui.window_opening import WindowShell

log = logging.getLogger(__name__)
# Within the app, sessions take turns (see Database); the busy timeout is for another program
# holding the file, and is short because autosave retries anyway.
_BUSY_TIMEOUT_S = 1.0


def open_library(paths: DataPaths) -> Database:
    """The library, opened as `wire` opens it, after the reads the window makes first: on the
    opening thread, they take the SQL compiling and the disk reads off the GUI thread (about
    30 ms of `wire`'s 70 ms on a slow laptop)."""
    database = open_database(paths.database, busy_timeout_s=_BUSY_TIMEOUT_S)
    try:
        Library(database).warm_up()
    except Exception:  # only a head start: the window's own reads meet it and say so
        log.warning("reading ahead in the library failed", exc_info=True)
    return database


def wire(
    shell: WindowShell,
    paths: DataPaths,
    model: str | None,
    engine_factory: Callable[[], Engine],
    *,
    hub_cache: Path | None,
    hub_endpoint: str | None,
    reopen: Callable[[], object],
    database: Database | None = None,
) -> Callable[[str], object]:
    """Opens the library into `window` (unless `database` is it, opened by `open_library`)
    and starts loading the model once it is on screen.

    Returns the reporter for unhandled errors from any thread. Raises StorageError when the
    library cannot be opened; nothing is wired then.
    """
    window, settings = shell.window, shell.settings
    if database is None:
        database = open_database(paths.database, busy_timeout_s=_BUSY_TIMEOUT_S)
    # Every QObject here has the window as its parent: a parentless one is deleted by Python's
    # garbage collector, which may run on the model thread, where no GUI object may be deleted.
    window.prompt.settings.presets.use_store(PresetStore(paths.presets))
    notices = [database.recovery_notice] if database.recovery_notice else []
    service = ModelService(engine_factory, window)
    registry = ModelRegistry(paths.model_list)
    controller = WritingController(
        window,
        Library(database),
        service,
        model or registry.default(),
        notices,
        load_options=saved_load_options(settings),
    )
    ModelsController(
        window,
        controller,
        service,
        registry=registry,
        settings=settings,
        inspector=ModelInspector(paths.model_cache, hub_cache, window),
        downloads=DownloadService(hub_cache, hub_endpoint, window),
    )
    TaskController(window, service, paths.tasks, settings.value("assistant/task"))
    ServeController(window, ServeBridge(service, window))
    AdaptersController(window, controller, Library(database), service, paths)
    LanguageController(window, settings, shell.language, reopen)
    # After the controller's own shutdown (connected first): the database closes last.
    window.closing.connect(lambda: window.save_layout(settings))
    window.closing.connect(database.close)
    if count := database.interrupted_count:
        window.statusBar().showMessage(
            QCoreApplication.translate(
                "MainWindow", "1 generation was interrupted when Inkwell last closed."
            )
            if count == 1
            else QCoreApplication.translate(
                "MainWindow", "%1 generations were interrupted when Inkwell last closed."
            ).replace("%1", str(count)),
            10000,
        )
    # Unhandled errors may come from any thread; the bridge queues them to the GUI thread.
    bridge = ErrorBridge(window)
    bridge.reported.connect(
        functools.partial(
            window.show_error,
            QCoreApplication.translate("MainWindow", "Something went wrong. Your text is safe."),
        )
    )
    # Only once what was wired here is on screen: the model thread's first steps (torch's
    # libraries mapped, then imported) made that paint a stall of about twice as long.
    window.after_next_paint(controller.load_model)
    controller.show_loading()
    return bridge.reported.emit
