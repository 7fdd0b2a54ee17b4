"""Small helpers shared by the Qt tests."""

from __future__ import annotations

from desktop_app.ui.controller import WritingController
from desktop_app.ui.main_window import MainWindow


def controller_of(window: MainWindow) -> WritingController:
    controller = window.findChild(WritingController)
    assert controller is not None
    return controller


def wait_ready(qtbot, window: MainWindow, timeout: int = 5000) -> None:
    qtbot.waitUntil(lambda: "ready" in window.model_status.text(), timeout=timeout)


def wait_idle(qtbot, window: MainWindow, timeout: int = 5000) -> None:
    """Until the generation is over, the model's own state included: that arrives by a signal
    of its own, and until it does a new generation is refused ("not ready yet")."""
    qtbot.waitUntil(
        lambda: (
            not window.prompt.stop_button.isEnabled()
            and not window.editor.is_streaming()
            and not window.model_status.text().endswith("generating")
        ),
        timeout=timeout,
    )


def pick_task(window: MainWindow, task_id: str) -> None:
    picker = window.prompt.task_picker
    picker.setCurrentIndex(picker.findData(task_id))
