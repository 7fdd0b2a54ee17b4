"""Model > Serve This Model on the Network: the window's own model answers an API client."""

from __future__ import annotations

import socket
import sys
import threading

import openai
from PySide6.QtCore import Qt, QTimer
from qt_helpers import pick_task, wait_idle, wait_ready

from desktop_app.generation.fake_engine import FAKE_MODEL_ID, FakeEngine
from desktop_app.serving.options import ServeOptions
from desktop_app.ui.serve_controller import ServeController, ServeDialog

REPLY = "Once upon a time, a fake model wrote this."


def serve_controller(window) -> ServeController:
    found = window.findChild(ServeController)
    assert found is not None
    return found


def ask_in_background(url: str, answers: list[object]) -> threading.Thread:
    def ask() -> None:
        client = openai.OpenAI(base_url=url, api_key="k", max_retries=0, timeout=20)
        try:
            answers.append(
                client.chat.completions.create(
                    model=FAKE_MODEL_ID, messages=[{"role": "user", "content": "Hi"}], seed=42
                )
            )
        except Exception as exc:  # the test thread reports it
            answers.append(exc)

    thread = threading.Thread(target=ask)
    thread.start()
    return thread


def test_a_client_takes_its_turn_after_the_writers_generation(qtbot, make_window):
    engine = FakeEngine(delay_s=0.02)
    window = make_window(engine)
    wait_ready(qtbot, window)
    serving = serve_controller(window)
    url = serving.bridge.start(ServeOptions(port=0, token="k"))
    assert serving.action.isChecked()
    assert serving.status.text() == f"Serving at {url}"

    window.editor.setPlainText("Before.")
    pick_task(window, "story")
    window.prompt.prompt_edit.setPlainText("the sea")
    qtbot.mouseClick(window.prompt.generate_button, Qt.MouseButton.LeftButton)
    answers: list[object] = []
    thread = ask_in_background(url, answers)
    qtbot.waitUntil(lambda: bool(answers), timeout=10000)
    thread.join()
    (answer,) = answers
    assert not isinstance(answer, Exception), answer
    assert answer.choices[0].message.content == REPLY  # type: ignore[attr-defined]
    wait_idle(qtbot, window)
    # One after the other: the writer's request first, whole, then the client's.
    assert [r.task_id for r in engine.requests] == ["story", "serve"]
    assert REPLY in window.editor.toPlainText()
    assert "Hi" not in window.editor.toPlainText()  # the client's text stays the client's

    serving.action.trigger()  # unchecking stops serving
    assert not serving.action.isChecked() and serving.bridge.base_url is None


def test_closing_the_window_while_a_client_waits_ends_cleanly(qtbot, make_window):
    engine = FakeEngine(reply="word " * 300, delay_s=0.02)
    window = make_window(engine)
    wait_ready(qtbot, window)
    url = serve_controller(window).bridge.start(ServeOptions(port=0, token="k"))
    answers: list[object] = []
    thread = ask_in_background(url, answers)
    qtbot.waitUntil(lambda: len(engine.requests) == 1, timeout=10000)
    window.close()
    qtbot.waitUntil(lambda: bool(answers), timeout=10000)
    thread.join()
    # Stopped with the model: what it wrote so far, or an error, but an answer all the same.
    (answer,) = answers
    if not isinstance(answer, openai.APIError):
        assert ("word " * 300).startswith(answer.choices[0].message.content)  # type: ignore[attr-defined]


def test_the_dialog_offers_the_network_only_with_a_key(qtbot, make_window, tmp_path):
    window = make_window()
    dialog = ServeDialog("the-key", window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.options() == ServeOptions(host="127.0.0.1", port=8765, token="the-key")
    dialog.network.setChecked(True)
    dialog.port.setValue(9000)
    assert dialog.options() == ServeOptions(host="0.0.0.0", port=9000, token="the-key")
    assert dialog.address.text().endswith(":9000/v1")
    dialog.grab().save(str(tmp_path / "serve_dialog.png"))


def test_a_port_in_use_is_reported_and_the_toggle_stays_off(qtbot, make_window, monkeypatch):
    window = make_window()
    wait_ready(qtbot, window)
    serving = serve_controller(window)
    shown: list[str] = []
    monkeypatch.setattr(window, "show_error", lambda _headline, details: shown.append(details))
    with socket.create_server(("127.0.0.1", 0)) as taken:

        def answer_dialog() -> None:
            dialog = window.findChild(ServeDialog)
            assert dialog is not None
            dialog.port.setValue(taken.getsockname()[1])
            dialog.accept()

        QTimer.singleShot(0, answer_dialog)
        serving.action.trigger()
    assert len(shown) == 1 and "in use" in shown[0].lower()
    assert not serving.action.isChecked() and serving.bridge.base_url is None


def test_a_newly_loaded_model_is_served_in_the_old_ones_place(qtbot, make_window):
    engine = FakeEngine()
    window = make_window(engine)
    wait_ready(qtbot, window)
    serving = serve_controller(window)
    serving.bridge.start(ServeOptions(port=0, token="k"))
    engine.model_id = "another-model"
    window.reload_model_action.trigger()
    qtbot.waitUntil(
        lambda: serving.bridge.base_url is not None and "ready" in window.model_status.text()
    )
    client = openai.OpenAI(base_url=serving.bridge.base_url, api_key="k", max_retries=0)
    assert [m.id for m in client.models.list()] == ["another-model"]
    assert serving.action.isChecked()


def test_a_model_loaded_while_nothing_is_served_leaves_the_server_unimported(
    qtbot, make_window, monkeypatch
):
    # Importing the server's libraries holds the GUI thread for a tenth of a second, so a
    # load does it only when serving: here the import would fail.
    monkeypatch.setitem(sys.modules, "desktop_app.serving.server", None)
    window = make_window(FakeEngine())
    wait_ready(qtbot, window)
    window.reload_model_action.trigger()
    qtbot.waitUntil(lambda: "ready" in window.model_status.text())
    assert serve_controller(window).bridge.base_url is None
