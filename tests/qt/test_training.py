"""Train on My Writing: the dialog and the training service with a real child process on a
tiny random model, and adapters switched on the model thread."""

from __future__ import annotations

import dataclasses
import multiprocessing
from pathlib import Path
from typing import Any

import model_factory
import pytest
from qt_helpers import wait_ready

from desktop_app.data import open_database
from desktop_app.domain.finetune import TrainingSettings
from desktop_app.domain.generation import ModelInfo
from desktop_app.generation.fake_engine import FakeEngine
from desktop_app.generation.finetune import TrainingJob, create_run, train_in_child
from desktop_app.services.adapter_store import list_adapters
from desktop_app.services.library import Library
from desktop_app.services.training_service import TrainingService
from desktop_app.ui.training_dialog import TrainingDialog

SENTENCE = "The lighthouse keeper counted the gulls every morning. "
CHILD_TIMEOUT_MS = 120_000  # a spawned Python importing torch; seconds, but the CI is busy


@pytest.fixture
def tiny_llama(tmp_path: Path) -> Path:
    return model_factory.trainable_llama_folder(
        tmp_path / "tiny-llama", model_factory.byte_tokenizer()
    )


@pytest.fixture
def library(tmp_path: Path) -> Any:
    database = open_database(tmp_path / "library.db")
    yield Library(database)
    database.close()


def tiny_info(folder: Path) -> ModelInfo:
    return ModelInfo(folder.name, str(folder), "llama", 128, True, "cpu", "float32", 41632)


def make_dialog(qtbot, service: TrainingService, library: Library, llama: Path) -> TrainingDialog:
    dialog = TrainingDialog(service, library, tiny_info(llama), str(llama))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def small_settings(dialog: TrainingDialog) -> None:
    """Few short steps: the tiny model's context is 128 tokens."""
    dialog.settings = lambda: TrainingSettings(  # type: ignore[method-assign]
        max_steps=6, learning_rate=1e-2, block_size=32, batch_size=2
    )


def test_train_from_drafts_to_a_new_adapter(
    qtbot, tmp_path: Path, tiny_llama: Path, library: Library
) -> None:
    adapters = tmp_path / "adapters"
    service = TrainingService(adapters, tmp_path / "cache", threads=1)
    draft = library.new_draft("Keeper", SENTENCE * 40)
    library.new_draft("Empty")
    dialog = make_dialog(qtbot, service, library, tiny_llama)
    small_settings(dialog)
    assert not dialog.start_button.isEnabled()
    dialog.check_drafts({draft.id})
    assert "320 words" in dialog.summary.text()
    assert dialog.start_button.isEnabled()
    dialog.name_edit.setText("Keeper voice")

    with qtbot.waitSignal(service.finished, timeout=CHILD_TIMEOUT_MS) as finished:
        dialog.start_button.click()
        assert dialog.pause_button.isVisible()
        assert not dialog.name_edit.isEnabled()
    adapter = finished.args[0]
    assert adapter.name == "Keeper voice"
    assert adapter.perplexity_after < adapter.perplexity_before
    assert [a.name for a in list_adapters(adapters)] == ["Keeper voice"]
    assert len(dialog.chart.losses) == 6
    assert dialog.progress.value() == dialog.progress.maximum() == 6
    assert "is ready" in dialog.status.text()
    assert "after (lower is better)" in dialog.perplexity_label.text()
    assert not service.running
    with qtbot.waitSignal(dialog.useRequested) as use:
        dialog.use_button.click()
    assert use.args == [adapter.path]


def test_a_paused_run_is_offered_again_and_cancel_discards_it(
    qtbot, tmp_path: Path, tiny_llama: Path, library: Library
) -> None:
    """As after a restart: the run paused at its checkpoint (trained here, in-process)."""
    adapters = tmp_path / "adapters"
    state = create_run(
        adapters,
        name="Half done",
        spec=str(tiny_llama),
        base_model_id=tiny_llama.name,
        texts=[SENTENCE * 40],
        settings=TrainingSettings(max_steps=6, learning_rate=1e-2, block_size=32, batch_size=2),
    )
    _parent, child = multiprocessing.Pipe()
    train_in_child(
        TrainingJob(state.run_dir, str(adapters), str(tmp_path), stop_after_step=3), child
    )
    service = TrainingService(adapters, tmp_path / "cache", threads=1)
    dialog = make_dialog(qtbot, service, library, tiny_llama)
    assert "“Half done” is paused at step 3 of 6" in dialog.status.text()
    assert len(dialog.chart.losses) == 3
    assert dialog.resume_button.isVisible() and dialog.cancel_button.isVisible()
    assert not dialog.start_button.isVisible()
    dialog.cancel_button.click()
    assert not Path(state.run_dir).exists()
    assert dialog.start_button.isVisible()
    assert list_adapters(adapters) == []


def test_unreadable_files_are_named_and_too_little_text_is_refused(
    qtbot, tmp_path: Path, tiny_llama: Path, library: Library
) -> None:
    folder = tmp_path / "writing"
    folder.mkdir()
    (folder / "short.txt").write_text("Only a line.", encoding="utf-8")
    (folder / "broken.docx").write_bytes(b"not a zip")
    service = TrainingService(tmp_path / "adapters", tmp_path / "cache", threads=1)
    dialog = make_dialog(qtbot, service, library, tiny_llama)
    with qtbot.waitSignal(dialog.folderRead, timeout=10_000):
        dialog.use_folder(folder)
    summary = dialog.summary.text()
    assert "“broken.docx” was left out" in summary
    assert "too little" in summary
    dialog.start()
    assert "too little text" in dialog.status.text()
    assert not service.running


class AdapterFakeEngine(FakeEngine):
    """The fake model with the adapter capability of the local engine."""

    info: ModelInfo | None = None

    def load(self, *args: Any, **kwargs: Any) -> ModelInfo:
        self.info = super().load(*args, **kwargs)
        return self.info

    def set_adapter(self, path: str | None) -> ModelInfo:
        assert self.info is not None
        return dataclasses.replace(self.info, adapter=None if path is None else Path(path).name)


def test_adapters_switch_on_the_model_thread_and_are_recorded(make_window, qtbot) -> None:
    engine = AdapterFakeEngine()
    window = make_window(engine)
    wait_ready(qtbot, window)
    from desktop_app.ui.adapters_controller import AdaptersController

    controller = window.findChild(AdaptersController)
    service = controller._model
    with qtbot.waitSignal(service.adapterChanged) as changed:
        controller.use_adapter("/adapters/My voice")
    assert changed.args[0].adapter == "My voice"
    assert service.model_info.adapter == "My voice"
    with qtbot.waitSignal(service.adapterChanged):
        controller.use_adapter("")
    assert service.model_info.adapter is None


def test_a_model_without_adapters_says_so(make_window, qtbot) -> None:
    window = make_window()
    wait_ready(qtbot, window)
    from desktop_app.ui.adapters_controller import AdaptersController

    controller = window.findChild(AdaptersController)
    with qtbot.waitSignal(controller._model.adapterFailed) as failed:
        controller.use_adapter("/adapters/x")
    assert "model on this computer" in failed.args[0]
