"""Model > Manage Models…: listing, adding, running options, switching and the default model."""

from __future__ import annotations

from pathlib import Path

import model_factory
import pytest
from fake_hub import FakeHub
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from qt_helpers import controller_of, pick_task, wait_idle, wait_ready
from serve_helpers import serving

from desktop_app.domain.generation import LoadOptions
from desktop_app.domain.records import GenerationStatus
from desktop_app.generation.fake_engine import FakeEngine
from desktop_app.generation.remote_spec import remote_spec
from desktop_app.ui.model_manager import ModelManagerDialog
from desktop_app.ui.models_controller import ModelsController


@pytest.fixture(scope="module")
def tiny_gpt2(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("models") / "tiny-gpt2"
    return model_factory.gpt2_folder(folder, model_factory.byte_tokenizer()).resolve()


def open_manager(window) -> ModelManagerDialog:
    models = window.findChild(ModelsController)
    assert models is not None
    return models.open_manager()


def drop(widget, path: Path) -> None:
    """Drops `path` on `widget` as a file manager would."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    point = QPointF(widget.rect().center())
    action = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        point.toPoint(), action, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    event = QDropEvent(
        point, action, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, event)


def history(window):
    return [window.history.model.record(r) for r in range(window.history.model.rowCount())]


def generate(qtbot, window, prompt: str = "rain") -> None:
    pick_task(window, "poem")
    window.prompt.prompt_edit.setPlainText(prompt)
    qtbot.mouseClick(window.prompt.generate_button, Qt.MouseButton.LeftButton)


def test_a_model_is_added_inspected_and_loaded_with_its_options(qtbot, make_window, tiny_gpt2):
    engine = FakeEngine()
    window = make_window(engine)
    wait_ready(qtbot, window)
    dialog = open_manager(window)

    dialog.addRequested.emit(str(tiny_gpt2))  # as the folder picker or a drop does
    qtbot.waitUntil(lambda: dialog.facts["parameters"].text() not in ("", "…"), timeout=20_000)
    assert dialog.selected_spec() == str(tiny_gpt2)
    assert dialog.title.text() == "tiny-gpt2"
    assert dialog.facts["chat"].text().startswith("No")
    assert dialog.facts["context"].text() == "32 tokens"
    qtbot.waitUntil(lambda: dialog.device_picker.findData("cpu") >= 0, timeout=20_000)
    assert "Fits" in dialog.facts["memory"].text()

    dialog.device_picker.setCurrentIndex(dialog.device_picker.findData("cpu"))
    dialog.dtype_picker.setCurrentIndex(dialog.dtype_picker.findData("bfloat16"))
    dialog.threads.setValue(1)
    qtbot.mouseClick(dialog.load_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: engine.loaded == str(tiny_gpt2))
    wait_ready(qtbot, window)
    assert engine.load_options == LoadOptions(device="cpu", dtype="bfloat16", threads=1)
    assert "CPU · bfloat16 · 1 thread" in window.model_status.text()
    assert "in use" in dialog.model_list.currentItem().text(0)

    generate(qtbot, window)
    wait_idle(qtbot, window)
    [record] = history(window)
    assert (record.device, record.dtype) == ("cpu", "bfloat16")
    dialog.close()


def test_switching_mid_generation_asks_and_keeps_the_text(qtbot, make_window, monkeypatch):
    engine = FakeEngine(reply="word " * 400, delay_s=0.01)
    window = make_window(engine)
    wait_ready(qtbot, window)
    controller = controller_of(window)
    generate(qtbot, window)
    qtbot.waitUntil(lambda: window.editor.toPlainText().count("word") >= 3)

    answers = iter([QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *args: next(answers))
    assert not controller.switch_model("/models/other", LoadOptions())
    assert window.prompt.stop_button.isEnabled()  # still generating, same model
    assert engine.loaded == "embedded"

    assert controller.switch_model("/models/other", LoadOptions())
    qtbot.waitUntil(lambda: engine.loaded == "/models/other")
    wait_idle(qtbot, window)
    wait_ready(qtbot, window)
    [record] = history(window)
    assert record.status is GenerationStatus.STOPPED
    assert record.output.count("word") >= 3
    assert window.editor.toPlainText() == record.output


def test_the_default_model_and_options_are_used_at_the_next_start(
    qtbot, make_window, tmp_path, tiny_gpt2
):
    window = make_window(FakeEngine(), data_dir=tmp_path)
    wait_ready(qtbot, window)
    dialog = open_manager(window)
    dialog.addRequested.emit(str(tiny_gpt2))
    qtbot.waitUntil(dialog.default_button.isEnabled, timeout=20_000)
    qtbot.mouseClick(dialog.default_button, Qt.MouseButton.LeftButton)
    assert "default" in dialog.model_list.currentItem().text(0)
    dialog.threads.setValue(1)
    qtbot.mouseClick(dialog.load_button, Qt.MouseButton.LeftButton)
    wait_ready(qtbot, window)
    dialog.close()
    window.close()

    engine = FakeEngine()
    again = make_window(engine, data_dir=tmp_path, model=None)
    wait_ready(qtbot, again)
    assert engine.loaded == str(tiny_gpt2)
    assert engine.load_options.threads == 1
    # An explicit --model still wins over the default.
    engine = FakeEngine()
    third = make_window(engine, data_dir=tmp_path / "other", model="embedded")
    wait_ready(qtbot, third)
    assert engine.loaded == "embedded"


def test_a_broken_model_is_explained_and_cannot_be_loaded(qtbot, make_window, tmp_path):
    window = make_window(FakeEngine())
    wait_ready(qtbot, window)
    dialog = open_manager(window)
    not_a_model = tmp_path / "holiday-photos"
    not_a_model.mkdir()

    drop(dialog, not_a_model)
    qtbot.waitUntil(dialog.problem.isVisible, timeout=20_000)
    assert "holiday-photos" in dialog.problem.text()
    assert "config.json" in dialog.problem.text()
    assert not dialog.load_button.isEnabled()
    assert not dialog.default_button.isEnabled()

    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert str(not_a_model) not in [
        dialog.model_list.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)
        for i in range(dialog.model_list.topLevelItemCount())
    ]
    assert not_a_model.is_dir()  # forgotten, not deleted
    dialog.close()


def test_recent_models_switch_from_the_menu(qtbot, make_window):
    engine = FakeEngine()
    window = make_window(engine)
    wait_ready(qtbot, window)
    controller_of(window).switch_model("/models/other", LoadOptions())
    qtbot.waitUntil(lambda: engine.loaded == "/models/other")
    wait_ready(qtbot, window)

    menu = window.recent_models_menu
    menu.aboutToShow.emit()
    names = [action.text() for action in menu.actions()]
    assert names[:2] == ["other", "SmolLM2-135M-Instruct (built in)"]
    assert menu.actions()[0].isChecked()
    menu.actions()[1].trigger()
    qtbot.waitUntil(lambda: engine.loaded == "embedded")


def test_a_model_is_downloaded_only_when_asked_then_listed_and_loaded(
    qtbot, make_window, tmp_path, tiny_gpt2
):
    with FakeHub(chunk=4096) as hub:
        hub.add_repo("org/tiny-gpt2", tiny_gpt2)
        engine = FakeEngine()
        window = make_window(engine, hub_cache=tmp_path / "hub", hub_endpoint=hub.url)
        wait_ready(qtbot, window)
        dialog = open_manager(window)
        page = dialog.download_page
        assert page.suggestions.topLevelItemCount() >= 5  # the curated list, with sizes
        assert hub.requests == []  # opening the manager reaches no network

        dialog.tabs.setCurrentWidget(page)
        page.repo_edit.setText("  org/tiny-gpt2 ")
        qtbot.mouseClick(page.download_button, Qt.MouseButton.LeftButton)
        assert page.cancel_button.isVisible() and not page.download_button.isEnabled()
        qtbot.waitUntil(lambda: dialog.tabs.currentIndex() == 0, timeout=20_000)

        assert "is downloaded" in page.status.text()
        assert dialog.selected_spec() == "org/tiny-gpt2"
        qtbot.waitUntil(
            lambda: dialog.subtitle.text() == "In the Hugging Face cache", timeout=20_000
        )
        assert dialog.facts["architecture"].text() == "GPT2LMHeadModel"
        qtbot.mouseClick(dialog.load_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: engine.loaded == "org/tiny-gpt2")
        dialog.close()


def test_a_failed_download_says_why_and_lists_nothing(qtbot, make_window, tmp_path):
    with FakeHub() as hub:
        window = make_window(FakeEngine(), hub_cache=tmp_path / "hub", hub_endpoint=hub.url)
        wait_ready(qtbot, window)
        dialog = open_manager(window)
        page = dialog.download_page
        page.repo_edit.setText("org/no-such-model")
        qtbot.mouseClick(page.download_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(page.download_button.isEnabled, timeout=20_000)
        assert "org/no-such-model" in page.status.text()
        assert not page.progress.isVisible()
        assert "org/no-such-model" not in [
            dialog.model_list.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)
            for i in range(dialog.model_list.topLevelItemCount())
        ]
        dialog.close()


def test_a_model_on_a_server_is_listed_added_and_loaded(qtbot, make_window):
    engine = FakeEngine()
    window = make_window(engine)
    wait_ready(qtbot, window)
    dialog = open_manager(window)
    page = dialog.server_page
    with serving(FakeEngine(model_id="team-llama")) as served:
        page.url_edit.setText(served.url)
        qtbot.mouseClick(page.connect_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.models.count() == 1, timeout=10_000)
        assert page.models.item(0).text() == "team-llama"
        qtbot.mouseClick(page.use_button, Qt.MouseButton.LeftButton)

    spec = dialog.selected_spec()
    assert spec == remote_spec(served.url, "team-llama")
    assert dialog.tabs.currentIndex() == 0
    qtbot.waitUntil(lambda: dialog.subtitle.text() == "On a model server", timeout=10_000)
    assert "runs on the server" in dialog.facts["memory"].text()
    qtbot.mouseClick(dialog.load_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: engine.loaded == spec)

    with serving(token="s3cret") as guarded:
        page.url_edit.setText(guarded.url)
        qtbot.mouseClick(page.connect_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "401" in page.status.text(), timeout=10_000)
        assert page.models.count() == 0 and not page.use_button.isEnabled()
    dialog.close()


def test_a_key_that_cannot_be_kept_is_explained_and_connect_stays_usable(
    qtbot, make_window, monkeypatch
):
    import keyring
    import keyring.backends.fail

    monkeypatch.setattr(keyring, "get_keyring", keyring.backends.fail.Keyring)
    monkeypatch.setattr(keyring, "set_password", keyring.backends.fail.Keyring().set_password)
    window = make_window(FakeEngine())
    wait_ready(qtbot, window)
    dialog = open_manager(window)
    page = dialog.server_page
    page.url_edit.setText("http://127.0.0.1:9/v1")
    page.key_edit.setText("s3cret")
    qtbot.mouseClick(page.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.connect_button.isEnabled, timeout=10_000)
    assert "no keyring" in page.status.text()
    dialog.close()


def test_the_status_names_the_precision_in_words(qtbot):
    from desktop_app.domain.generation import ModelInfo
    from desktop_app.ui.model_labels import device_summary

    info = ModelInfo("m", "m.gguf", "llama", 2048, True, "cpu", "int4", 1, threads=1)
    assert device_summary(info) == "CPU · 4-bit · 1 thread"
    assert device_summary(ModelInfo("m", "m", "llama", 2048, True, "cuda:0", "bfloat16", 1)) == (
        "GPU cuda:0 · bfloat16"
    )
