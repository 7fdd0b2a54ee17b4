"""The generation settings: task defaults, presets, per-task memory, seed, persistence."""

from __future__ import annotations

from qt_helpers import pick_task, wait_idle, wait_ready

from desktop_app.domain.presets import PRESETS, words_to_tokens
from desktop_app.domain.tasks import task_by_id
from desktop_app.generation.fake_engine import FakeEngine


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
