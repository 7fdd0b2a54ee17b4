"""The generation settings: task defaults, presets, per-task memory, seed, persistence."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox
from qt_helpers import pick_task, wait_idle, wait_ready

from desktop_app.domain.generation import StopReason
from desktop_app.domain.presets import PRESETS, words_to_tokens
from desktop_app.generation.fake_engine import FakeEngine
from desktop_app.services.task_library import task_by_id


def test_a_task_brings_its_own_defaults(make_window):
    window = make_window()
    settings = window.prompt.settings
    pick_task(window, "translate")
    assert settings.params() == task_by_id("translate").defaults
    assert settings.preset.currentText() == "Task default"
    pick_task(window, "poem")
    assert settings.params() == task_by_id("poem").defaults


def test_changes_are_kept_per_task_and_across_restarts(make_window):
    window = make_window()
    settings = window.prompt.settings
    pick_task(window, "poem")
    settings.temperature.setValue(0.55)
    assert settings.preset.currentText() == "Custom"
    pick_task(window, "story")
    assert settings.params() == task_by_id("story").defaults
    pick_task(window, "poem")
    assert settings.params().temperature == 0.55
    window.close()

    reopened = make_window()
    assert reopened.prompt.current_task().id == "poem"
    assert reopened.prompt.settings.params().temperature == 0.55


def test_a_preset_sets_the_wording_knobs_but_not_length_or_seed(make_window):
    window = make_window()
    settings = window.prompt.settings
    pick_task(window, "article")
    settings.length.setValue(50)
    settings.fixed_seed.setChecked(True)
    settings.seed.setValue(77)
    precise = next(p for p in PRESETS if p.id == "precise")
    settings.preset.setCurrentIndex(settings.preset.findData("precise"))
    settings.preset.activated.emit(settings.preset.currentIndex())
    params = settings.params()
    assert (params.temperature, params.top_p, params.top_k) == (
        precise.temperature,
        precise.top_p,
        precise.top_k,
    )
    assert params.max_new_tokens == words_to_tokens(50)
    assert params.seed == 77
    assert settings.preset.currentText() == "Precise"


def test_the_settings_reach_the_model_and_the_history(qtbot, make_window):
    engine = FakeEngine(reply="one two three")
    window = make_window(engine)
    wait_ready(qtbot, window)
    settings = window.prompt.settings
    pick_task(window, "poem")
    window.prompt.prompt_edit.setPlainText("frost")
    settings.length.setValue(2)
    settings.fixed_seed.setChecked(True)
    settings.seed.setValue(1234)
    window.generate_action.trigger()
    wait_idle(qtbot, window)

    sent = engine.requests[0].params
    assert sent.max_new_tokens == words_to_tokens(2) == 3
    assert sent.seed == 1234
    record = window.history.model.record(0)
    assert record.seed == 1234
    assert record.params["max_new_tokens"] == 3
    assert "seed 1234" in settings.toggle.text()


def name_next_preset(monkeypatch, name: str) -> None:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (name, True))


def test_own_presets_are_saved_renamed_deleted_and_kept(make_window, monkeypatch):
    window = make_window()
    settings = window.prompt.settings
    picker = settings.presets
    pick_task(window, "story")
    settings.temperature.setValue(0.45)
    settings.top_k.setValue(20)
    name_next_preset(monkeypatch, "  Quiet   noir ")
    picker.save_action.trigger()
    assert settings.preset.currentText() == "Quiet noir"
    assert picker.rename_action.isEnabled()

    pick_task(window, "poem")  # another task: the preset applies there too
    settings.preset.setCurrentIndex(settings.preset.findData("user:Quiet noir"))
    settings.preset.activated.emit(settings.preset.currentIndex())
    assert (settings.params().temperature, settings.params().top_k) == (0.45, 20)

    name_next_preset(monkeypatch, "Noir")
    picker.rename_action.trigger()
    assert settings.preset.currentText() == "Noir"
    window.close()

    reopened = make_window()
    combo = reopened.prompt.settings.preset
    assert combo.findData("user:Noir") >= 0 and combo.findData("user:Quiet noir") < 0
    combo.setCurrentIndex(combo.findData("user:Noir"))
    combo.activated.emit(combo.currentIndex())
    reopened.prompt.settings.presets.delete_action.trigger()
    assert combo.findData("user:Noir") < 0


def test_presets_export_and_import_as_json(make_window, monkeypatch, tmp_path):
    window = make_window()
    settings = window.prompt.settings
    settings.temperature.setValue(0.33)
    name_next_preset(monkeypatch, "Calm")
    settings.presets.save_action.trigger()
    exported = tmp_path / "mine.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(exported), ""))
    settings.presets.export_action.trigger()
    assert json.loads(exported.read_text())["presets"][0]["name"] == "Calm"

    other = make_window(data_dir=tmp_path / "elsewhere")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(exported), ""))
    other.prompt.settings.presets.import_action.trigger()
    assert other.prompt.settings.preset.findData("user:Calm") >= 0


def test_a_broken_presets_file_is_refused_with_a_reason(make_window, monkeypatch, tmp_path):
    window = make_window()
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "inkwell-presets", "presets": [{"name": "x", "top_p": 9}]}')
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(broken), ""))
    before = window.prompt.settings.preset.count()
    window.prompt.settings.presets.import_action.trigger()
    assert warnings and "Nothing was imported" in warnings[0] and "top-p" in warnings[0]
    assert window.prompt.settings.preset.count() == before


def test_a_stop_sequence_ends_the_text_before_it(qtbot, make_window):
    engine = FakeEngine(reply="Roses are red. THE END and then more words")
    window = make_window(engine)
    wait_ready(qtbot, window)
    pick_task(window, "poem")
    window.prompt.prompt_edit.setPlainText("roses")
    window.prompt.settings.stop_at.setText(r"THE END | \n\n")
    window.generate_action.trigger()
    wait_idle(qtbot, window)

    assert engine.requests[0].params.stop_sequences == ("THE END", "\n\n")
    assert window.editor.toPlainText() == "Roses are red. "
    record = window.history.model.record(0)
    assert record.stop_reason is StopReason.STOP_SEQUENCE
    assert record.output == "Roses are red. "
    window.history.view.selectRow(0)
    assert r"stop at THE END | \n\n" in window.history.details.toPlainText()


def test_preset_edge_cases_a_writer_hits(make_window, monkeypatch):
    window = make_window()
    settings = window.prompt.settings
    picker = settings.presets
    pick_task(window, "poem")
    settings.length.setValue(40)
    settings.fixed_seed.setChecked(True)
    settings.seed.setValue(5)
    settings.stop_at.setText("THE END")

    # A preset of my own with the same values as Balanced stays mine to pick and manage.
    settings.preset.setCurrentIndex(settings.preset.findData("balanced"))
    settings.preset.activated.emit(settings.preset.currentIndex())
    name_next_preset(monkeypatch, "Mine")
    picker.save_action.trigger()
    assert settings.preset.currentText() == "Mine" and picker.delete_action.isEnabled()

    # Renaming to its own name keeps it.
    name_next_preset(monkeypatch, "Mine")
    picker.rename_action.trigger()
    assert settings.preset.findData("user:Mine") >= 0

    # "Task default" resets the wording, not the length, seed or stop sequences.
    settings.preset.setCurrentIndex(settings.preset.findData("task"))
    settings.preset.activated.emit(settings.preset.currentIndex())
    params = settings.params()
    assert params.temperature == task_by_id("poem").defaults.temperature
    assert (params.max_new_tokens, params.seed, params.stop_sequences) == (
        words_to_tokens(40),
        5,
        ("THE END",),
    )

    # Whatever is typed or set, the settings stay valid parameters.
    settings.length.setValue(settings.length.maximum())
    settings.stop_at.setText(" | ".join(["x" * 300] * 20))
    assert settings.params().max_new_tokens <= 8192
