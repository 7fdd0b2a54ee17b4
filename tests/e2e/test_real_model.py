"""The real embedded model through the real app: smoke test, window, bad files."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from conftest import run_app
from PySide6.QtWidgets import QMessageBox

from desktop_app.data import DraftRepository, GenerationRepository, open_database
from desktop_app.domain.generation import StopReason
from desktop_app.domain.records import GenerationStatus
from desktop_app.generation import gguf_cache
from desktop_app.paths import DataPaths

pytestmark = pytest.mark.e2e
LOAD_TIMEOUT_MS = 180_000


def wait_ready(qtbot, window) -> None:
    qtbot.waitUntil(lambda: "ready" in window.model_status.text(), timeout=LOAD_TIMEOUT_MS)


def test_smoke_test_prints_generated_text(data_dir):
    result = run_app("--smoke-test", "--data-dir", str(data_dir))
    assert result.returncode == 0, result.stderr
    assert "SmolLM2-135M-Instruct" in result.stdout
    output = result.stdout.split("output:", 1)[1].strip()
    assert len(output) > 3


def test_a_first_start_makes_no_dense_copy_of_the_model(shared_model_cache):
    """The shared cache is what a first start (a smoke test) left: the 4-bit path reads only
    the config and tokenizer, so the dense weights (over 1 GB of memory to make, half a
    gigabyte on disk) were never converted."""
    (cache,) = (path for path in shared_model_cache.iterdir() if path.is_dir())
    assert gguf_cache.is_complete(cache, weights=False)
    assert not gguf_cache.is_complete(cache)


def test_the_four_bit_path_never_imports_transformers(shared_model_cache):
    """Its import takes 1-1.5 s of every start on a laptop; the 4-bit path reads the
    tokenizer, renders the chat template and samples without it."""
    script = f"""
import sys, threading
from desktop_app.domain.generation import GenerationParams
from desktop_app.domain.prompting import EditorContext, build_request
from desktop_app.generation.engine import run_stream
from desktop_app.generation.transformers_engine import TransformersEngine
from desktop_app.services.task_library import task_by_id

engine = TransformersEngine(__import__("pathlib").Path({str(shared_model_cache)!r}))
info = engine.load("embedded", lambda _fraction, _message: None)
params = GenerationParams(max_new_tokens=3, seed=7)  # every score adjustment on
built = build_request(task_by_id("poem"), "the sea", EditorContext("", "", ""), params)
result = run_stream(engine.stream(built.request, threading.Event()), lambda _text: None)
assert info.dtype == "int4" and result.output_tokens == 3, (info, result)
assert result.rendered_prompt.startswith("<|im_start|>system"), result.rendered_prompt
print(sorted(name for name in sys.modules if name.split(".")[0] == "transformers"))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_real_window_streams_then_stops(qtbot, real_window, data_dir):
    window = real_window()
    wait_ready(qtbot, window)
    picker = window.prompt.task_picker
    picker.setCurrentIndex(picker.findData("story"))
    window.prompt.prompt_edit.setPlainText("a robot who learns to paint")
    window.generate_action.trigger()
    qtbot.waitUntil(lambda: len(window.editor.toPlainText().split()) >= 3, timeout=60_000)
    stopped_at = time.perf_counter()
    window.stop_action.trigger()
    qtbot.waitUntil(lambda: not window.editor.is_streaming(), timeout=10_000)
    assert time.perf_counter() - stopped_at < 5

    record = window.history.model.record(0)
    assert record.status is GenerationStatus.STOPPED
    assert record.stop_reason is StopReason.CANCELLED
    assert record.model_id == "SmolLM2-135M-Instruct"
    assert "<|im_start|>" in record.rendered_prompt  # the chat template was used
    assert record.output and record.output in window.editor.toPlainText()
    assert record.output_tokens and record.prompt_tokens
    assert record.time_to_first_token_s is not None and record.seed is not None
    window.editor.undo()
    assert window.editor.toPlainText() == ""


def test_draft_survives_restart(qtbot, real_window):
    window = real_window()
    window.editor.insertPlainText("Chapter twelve begins at the harbour. 第十二章")
    window.close()
    reopened = real_window()
    assert reopened.editor.toPlainText() == "Chapter twelve begins at the harbour. 第十二章"


def test_corrupt_model_file_smoke_test_fails_with_one_line(tmp_path):
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(b"GGUF" + os.urandom(2048))
    result = run_app("--smoke-test", "--model", str(broken), "--data-dir", str(tmp_path / "d"))
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "broken.gguf" in lines[0]
    assert "Traceback" not in result.stderr


def test_corrupt_model_file_in_the_window(qtbot, real_window, tmp_path):
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(b"GGUF" + os.urandom(2048))
    window = real_window(str(broken))
    qtbot.waitUntil(lambda: "Model error" in window.model_status.text(), timeout=60_000)
    assert "broken.gguf" in window.model_status.text()
    box = window.findChild(QMessageBox, "errorDialog")
    assert box is not None and "broken.gguf" in box.informativeText()
    box.close()
    window.editor.insertPlainText("The editor still works.")
    assert window.editor.toPlainText() == "The editor still works."
    assert not window.prompt.generate_button.isEnabled()


def test_corrupt_database_is_moved_aside_and_a_fresh_one_starts(qtbot, real_window, data_dir):
    database = DataPaths(data_dir).database
    database.write_bytes(b"this is not a database" * 100)
    window = real_window()
    box = window.findChild(QMessageBox, "errorDialog")
    assert box is not None
    kept = [p for p in data_dir.iterdir() if p.name.startswith("inkwell.db.corrupt")]
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"this is not a database")
    assert kept[0].name in box.informativeText()
    window.editor.insertPlainText("Fresh start.")
    window.close()
    db = open_database(database)
    try:
        assert [d.title for d in DraftRepository(db).list_summaries()] == ["Untitled"]
    finally:
        db.close()


def test_kill_while_typing_loses_at_most_two_seconds(data_dir):
    """A real app process types, gets SIGKILLed, and the draft still has the text."""
    script = textwrap.dedent(
        f"""
        import sys, time
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from desktop_app.app import configure_application, create_main_window
        app = QApplication([])
        configure_application(app)
        window = create_main_window({str(data_dir)!r}, "embedded")
        window.show()
        words = iter(("alpha ", "beta ", "gamma ", "delta ") * 4)
        def type_word():
            try:
                window.editor.insertPlainText(next(words))
            except StopIteration:
                timer.stop()
                QTimer.singleShot(2000, lambda: print("TYPED", flush=True))
        timer = QTimer(interval=50, timeout=type_word)
        timer.start()
        app.exec()
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "TYPED"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    db = open_database(DataPaths(data_dir).database)
    try:
        [summary] = DraftRepository(db).list_summaries()
        body = DraftRepository(db).get(summary.id).body
        assert body == "alpha beta gamma delta " * 4
        assert GenerationRepository(db).list_recent() == []
    finally:
        db.close()
