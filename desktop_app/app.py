"""Composition root: start-up, wiring, and ordered shutdown."""

from __future__ import annotations

import argparse
import faulthandler
import functools
import logging
import logging.handlers
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, TextIO

from desktop_app.console import ensure_console_streams
from desktop_app.domain.generation import GenerationParams
from desktop_app.domain.prompting import EditorContext, build_request
from desktop_app.generation.engine import Engine, GenerationError, ModelLoadError, run_stream
from desktop_app.paths import DataPaths, default_data_dir
from desktop_app.resources import resource_path
from desktop_app.services.task_library import task_by_id
from desktop_app.serving.options import add_serve_command, options_from

if TYPE_CHECKING:
    from desktop_app.data import Database, StorageError
    from desktop_app.generation.engine_router import RoutedEngine
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.window_opening import WindowShell

log = logging.getLogger("desktop_app")

EMBEDDED_MODEL = "embedded"
_crash_log: TextIO | None = None  # kept open for faulthandler for the life of the process


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="desktop-app", description="Inkwell: an offline AI writing studio."
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="where the database, settings, model cache and logs live "
        f"(default: {default_data_dir()})",
    )
    parser.add_argument(
        "--model",
        default=None,
        metavar="SPEC",
        help="'embedded' (default), a model folder, a .gguf file, or a cached Hugging Face id",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="no window: load the model, generate a few tokens, print them and exit",
    )
    add_serve_command(parser.add_subparsers(dest="command", metavar="{serve}"))
    return parser.parse_args(list(argv))


def main(argv: Sequence[str] | None = None) -> int:
    ensure_console_streams()
    # A frozen app is its own Python: the fine-tuning child process starts here and runs
    # the training instead of the app (a no-op when not frozen).
    multiprocessing.freeze_support()
    args = parse_args(sys.argv[1:] if argv is None else argv)
    # Offline unless the user starts a download: no library may reach for a hub on its own.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    paths = DataPaths((args.data_dir or default_data_dir()).expanduser().resolve())
    try:
        paths.root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"desktop-app: cannot use the data directory {paths.root}: {exc}", file=sys.stderr)
        return 2
    setup_logging(paths.logs)
    model = args.model or EMBEDDED_MODEL
    if args.smoke_test:
        return run_smoke_test(model, paths)
    if args.command == "serve":
        from desktop_app.serving.server import run_serve

        return run_serve(make_engine(paths), model, options_from(args))
    return run_gui(paths.root, args.model)  # None: the default set in the model manager


def setup_logging(log_dir: Path) -> None:
    global _crash_log  # noqa: PLW0603 - the crash log must outlive this function
    log_dir.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        log_dir / "inkwell.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    root.addHandler(handler)
    if _crash_log is None:
        _crash_log = (log_dir / "crash.log").open("a", encoding="utf-8")
        faulthandler.enable(_crash_log)
    sys.excepthook = _log_unhandled
    threading.excepthook = lambda hook: _log_unhandled(
        hook.exc_type, hook.exc_value or hook.exc_type(), hook.exc_traceback
    )


_error_reporter: Callable[[str], object] | None = None


def _log_unhandled(
    kind: type[BaseException], value: BaseException, tb: TracebackType | None
) -> None:
    log.critical("unhandled exception", exc_info=(kind, value, tb))
    if _error_reporter is not None:
        _error_reporter(f"{kind.__name__}: {value}")


def run_smoke_test(model: str, paths: DataPaths) -> int:
    """Loads the model without a window, generates a few tokens and prints them."""
    engine = make_engine(paths)
    try:
        info = engine.load(model, lambda _fraction, _message: None)
        built = build_request(
            task_by_id("poem"),
            "the sea",
            EditorContext("", "", ""),
            GenerationParams(max_new_tokens=8, temperature=0.0),
        )
        result = run_stream(engine.stream(built.request, threading.Event()), lambda _text: None)
    except (ModelLoadError, GenerationError) as exc:
        print(f"desktop-app: error: {exc}", file=sys.stderr)
        return 1
    finally:
        engine.unload()
    print(f"model: {info.model_id} ({info.device}, {info.dtype})")
    print(f"output: {result.text}")
    return 0


def run_gui(data_dir: Path, model: str | None) -> int:
    from PySide6.QtCore import QCoreApplication, QLockFile
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop_app.ui.translations import apply_language, stored_language
    from desktop_app.ui.window_opening import WindowOpening

    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_application(app)
    apply_language(stored_language(DataPaths(data_dir).settings))  # for the messages below
    # Two windows on one library would overwrite each other's autosaves.
    lock = QLockFile(str(data_dir / "inkwell.lock"))
    lock.setStaleLockTime(0)  # stale only when its process is gone, however long it ran
    if not lock.tryLock(200):
        holder_pid = lock.getLockInfo()[0]  # 0 when no running Inkwell holds it
        if lock.error() == QLockFile.LockError.LockFailedError and holder_pid:
            reason = QCoreApplication.translate(
                "App", "Inkwell is already running with the data folder %1."
            )
            advice = QCoreApplication.translate(
                "App",
                "Switch to that window, or start Inkwell with --data-dir to use another folder.",
            )
        else:
            reason = QCoreApplication.translate(
                "App", "Inkwell cannot write to its data folder %1."
            )
            advice = QCoreApplication.translate(
                "App", "Check that you may write there, or start Inkwell with --data-dir."
            )
        reason = reason.replace("%1", str(data_dir))
        QMessageBox.information(None, "Inkwell", f"{reason}\n\n{advice}")
        return 1
    paths = DataPaths(data_dir)
    shell = window_shell(paths)

    def wire_opened(opened: object) -> None:
        from desktop_app.data import Database, StorageError

        try:
            if isinstance(opened, StorageError):
                raise opened
            # None if the opening thread failed otherwise: wired here, its error comes again
            database = opened if isinstance(opened, Database) else None
            wire_window(shell, paths, model, lambda: make_engine(paths), database=database)
        except StorageError as exc:
            shell.window.hide()
            QMessageBox.critical(None, "Inkwell", str(exc))
            app.exit(1)

    # The first frame comes before the library's modules are imported: see window_opening.
    WindowOpening(shell.window, functools.partial(_open_library, paths), wire_opened)
    shell.window.show()
    try:
        return app.exec()
    finally:
        lock.unlock()


def configure_application(app: object) -> None:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    app.setApplicationName("Inkwell")
    app.setOrganizationName("Inkwell")
    app.setApplicationDisplayName("Inkwell")
    icon = resource_path("icons", "inkwell.png")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))


def create_main_window(data_dir: Path, model: str | None = None) -> MainWindow:
    """The fully wired main window on real services; the caller owns the QApplication."""
    paths = DataPaths(Path(data_dir))
    return build_main_window(paths, model, lambda: make_engine(paths))


def reopen_window(old: MainWindow, build: Callable[[], MainWindow]) -> MainWindow | None:
    """Closes `old` through its close path (drafts saved, model stopped, database closed),
    then shows the window `build` makes; None when the close guard kept `old` open."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop_app.data import StorageError

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    quits = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)  # for a moment there is no window: not a reason to quit
    try:
        if not old.close():
            return None
        old.deleteLater()
        try:
            window = build()
        except StorageError as exc:
            QMessageBox.critical(None, "Inkwell", str(exc))
            app.quit()
            return None
        window.show()
        return window
    finally:
        app.setQuitOnLastWindowClosed(quits)


def make_engine(paths: DataPaths) -> RoutedEngine:
    """An engine for every kind of spec; API keys for model servers come from the keyring."""
    from desktop_app.generation.engine_router import RoutedEngine

    return RoutedEngine(paths.model_cache, _api_key)


def _api_key(base_url: str) -> str | None:
    # Imported when a server asks: keyring takes 40 ms, beside the window's first paint.
    from desktop_app.services.credentials import get_api_key

    return get_api_key(base_url)


def build_main_window(
    paths: DataPaths,
    model: str | None,
    engine_factory: Callable[[], Engine],
    *,
    hub_cache: Path | None = None,
    hub_endpoint: str | None = None,
) -> MainWindow:
    """Wires database, services and window; tests pass a fake engine factory here, and a
    Hugging Face cache and hub address of their own.

    `model` None loads the default model chosen in the model manager (else the embedded one).
    """
    shell = window_shell(paths)
    try:
        wire_window(
            shell, paths, model, engine_factory, hub_cache=hub_cache, hub_endpoint=hub_endpoint
        )
    except BaseException:
        shell.window.deleteLater()
        raise
    return shell.window


def window_shell(paths: DataPaths) -> WindowShell:
    """The main window before the library opens, without the heavy imports (`wiring`)."""
    from PySide6.QtCore import QSettings

    from desktop_app.ui.appearance_controller import AppearanceController
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.translations import apply_language, stored_language
    from desktop_app.ui.window_opening import WindowShell

    paths.root.mkdir(parents=True, exist_ok=True)
    language = apply_language(stored_language(paths.settings))  # before any text is built
    window = MainWindow()
    settings = QSettings(str(paths.settings), QSettings.Format.IniFormat, window)
    window.restore_layout(settings)
    AppearanceController(window, settings)  # before the window shows: no flash of the old theme
    return WindowShell(window, settings, language)


def _open_library(paths: DataPaths) -> Database | StorageError:
    """On the opening thread: the wiring's imports, and the library opened and read ahead;
    or why it cannot be opened, for the GUI thread to say."""
    from desktop_app import wiring
    from desktop_app.data import StorageError

    try:
        return wiring.open_library(paths)
    except StorageError as exc:
        return exc


def wire_window(
    shell: WindowShell,
    paths: DataPaths,
    model: str | None,
    engine_factory: Callable[[], Engine],
    *,
    hub_cache: Path | None = None,
    hub_endpoint: str | None = None,
    database: Database | None = None,
) -> None:
    """Opens the library into `shell` (unless `database` is it, opened) and wires it; raises
    StorageError if it cannot."""
    from desktop_app import wiring

    global _error_reporter  # noqa: PLW0603 - one bridge for unhandled errors, set once a window exists
    rebuild = functools.partial(
        build_main_window,
        paths,
        model,
        engine_factory,
        hub_cache=hub_cache,
        hub_endpoint=hub_endpoint,
    )
    _error_reporter = wiring.wire(
        shell,
        paths,
        model,
        engine_factory,
        hub_cache=hub_cache,
        hub_endpoint=hub_endpoint,
        reopen=functools.partial(reopen_window, shell.window, rebuild),
        database=database,
    )
