"""Screen readers hear a generation in sentences and a summary, never token by token."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAccessible
from qt_helpers import pick_task, wait_idle, wait_ready

from desktop_app.domain.generation import GenerationResult, StopReason
from desktop_app.generation.fake_engine import FakeEngine
from desktop_app.ui import announcer as announcer_module
from desktop_app.ui.announcer import GenerationAnnouncer
from desktop_app.ui.main_window import MainWindow

Polite = QAccessible.AnnouncementPoliteness.Polite
Assertive = QAccessible.AnnouncementPoliteness.Assertive


class StubModel(QObject):
    chunkReceived = Signal(str, int, str)
    generationFinished = Signal(str, object)
    generationFailed = Signal(str, str)
    loadFailed = Signal(str, str)


class Recorder:
    def __init__(self) -> None:
        self.now = 0.0
        self.said: list[tuple[float, str, QAccessible.AnnouncementPoliteness]] = []

    def send(self, target: QObject, message: str, politeness) -> None:
        assert target.objectName() == "editor"
        self.said.append((self.now, message, politeness))

    def messages(self) -> list[str]:
        return [message for _at, message, _p in self.said]


def result(text: str, reason: StopReason = StopReason.END_OF_TEXT) -> GenerationResult:
    return GenerationResult(text, reason, "prompt", 3, len(text.split()), 1, "fake", 0.1, 1.0)


@pytest.fixture
def announced(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    model, recorder = StubModel(), Recorder()
    GenerationAnnouncer(window, model, send=recorder.send, clock=lambda: recorder.now)  # type: ignore[arg-type]
    return window, model, recorder


def test_a_long_stream_is_read_in_a_few_sentences_and_a_summary(announced):
    window, model, recorder = announced
    sentence = "The tide came in over the stones and the gulls rose. "
    words = (sentence * 40).split(" ")
    window.stop_action.setEnabled(True)  # a generation starts
    chunks = [word + " " for word in words[:-1]]
    for index, chunk in enumerate(chunks):
        recorder.now = index * 0.03  # about 30 chunks a second, as the service sends them
        model.chunkReceived.emit("r1", 0, chunk)
        model.chunkReceived.emit("r1", 1, "another variant, never read. ")
    text = "".join(chunks)
    model.generationFinished.emit("r1", (result(text),))
    window.stop_action.setEnabled(False)

    messages = recorder.messages()
    summary = "Generation finished: 440 words."
    assert messages[0] == "Generating…"
    assert messages[-1].endswith(summary)
    # 439 chunks over 13 s: the start, a sentence or so every 2 s, and the end.
    assert 3 <= len(messages) <= 10
    times = [at for at, _m, _p in recorder.said]
    assert all(b - a >= 2.0 for a, b in itertools.pairwise(times[:-1]))
    # Every word is read once, in whole sentences, and the variant is never mixed in.
    read = " ".join(messages[1:]).removesuffix(summary)
    assert read.split() == text.split()
    assert all(m.endswith((".", "…")) for m in messages)


def test_a_stop_and_an_error_are_said_briefly(announced):
    window, model, recorder = announced
    window.stop_action.setEnabled(True)
    model.chunkReceived.emit("r1", 0, "Half a")
    model.generationFinished.emit("r1", (result("Half a", StopReason.CANCELLED),))
    assert recorder.messages()[-1] == "Half a Generation stopped: 2 words."
    model.generationFailed.emit("r2", "the model ran out of memory")
    assert recorder.said[-1][1:] == ("Generation failed: the model ran out of memory", Assertive)
    model.generationFinished.emit("r3", (result("One."), result("Two.")))
    assert recorder.messages()[-1] == "Generation finished: 2 variants ready."


def test_cjk_sentences_are_read_as_they_complete(announced):
    window, model, recorder = announced
    window.stop_action.setEnabled(True)
    recorder.now = 5.0
    model.chunkReceived.emit("r1", 0, "“潮水慢慢涨上来。”海鸥")
    assert recorder.messages()[-1] == "“潮水慢慢涨上来。”"


def test_the_window_announces_its_generations(qtbot, make_window, monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(
        announcer_module, "send_announcement", lambda _target, message, _p: said.append(message)
    )
    reply = " ".join(["Word"] * 60) + "."
    window = make_window(FakeEngine(reply))
    wait_ready(qtbot, window)
    pick_task(window, "story")
    window.prompt.prompt_edit.setPlainText("the sea")
    window.generate_action.trigger()
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: len(said) >= 2)
    assert said[0] == "Generating…"
    assert said[-1].endswith("Generation finished: 60 words.")
    assert len(said) <= 3
