"""File > Import…, Export Draft… and Export History… in the real window."""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
from pathlib import Path

import docx
import pytest
from PySide6.QtGui import QFontDatabase, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox
from qt_helpers import controller_of

from desktop_app.data import GenerationRepository, open_database
from desktop_app.domain.generation import (
    GenerationParams,
    GenerationRequest,
    GenerationResult,
    StopReason,
)
from desktop_app.domain.records import GenerationStatus
from desktop_app.paths import DataPaths
from desktop_app.services import docx_format

WORLD = "中文 春眠不觉晓 · עברית שלום · 🌊"
DRAFT = f"# Landfall\n\nThe *tide* came **in**.\n\n- rope\n- salt\n\n{WORLD}\n"


class Dialogs:
    """Stands in for QFileDialog's static methods; remembers the folders it was shown."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.open_names: list[str] = []
        self.save_name = ""
        self.save_filter = ""
        self.shown: list[str] = []  # the directory or suggested path of each dialog
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", self._open)
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self._save)

    def _open(self, _parent, _caption, directory, _filters):
        self.shown.append(directory)
        return self.open_names, ""

    def _save(self, _parent, _caption, suggested, filters, selected):
        self.shown.append(suggested)
        assert selected in filters.split(";;")
        return self.save_name, self.save_filter or selected


@pytest.fixture
def dialogs(monkeypatch) -> Dialogs:
    return Dialogs(monkeypatch)


def error_box(window) -> QMessageBox | None:
    return window.findChild(QMessageBox, "errorDialog")


def current_title(window) -> str:
    return controller_of(window).drafts.current.title


def test_the_file_menu_offers_import_and_export(make_window):
    window = make_window()
    transfers = controller_of(window).transfers
    actions = window.file_menu.actions()
    quit_at = actions.index(window.quit_action)
    for action in (
        transfers.import_action,
        transfers.export_draft_action,
        transfers.export_history_action,
    ):
        assert actions.index(action) < quit_at
    assert transfers.import_action.shortcut() == QKeySequence("Ctrl+Shift+O")
    assert transfers.export_draft_action.shortcut() == QKeySequence("Ctrl+Shift+E")


def test_several_files_become_drafts_and_the_last_one_opens(make_window, dialogs, tmp_path):
    window = make_window()
    notes = tmp_path / "files"
    notes.mkdir()
    (notes / "Plain.txt").write_text(f"Plain text {WORLD}", encoding="utf-8")
    (notes / "Old Letter.md").write_bytes("Café “Léon” — €5\r\n".encode("cp1252"))
    word = docx.Document()
    word.add_heading("Chapter Three", level=1)
    word.add_paragraph("It was ").add_run("late").bold = True
    word.save(notes / "Chapter 3.docx")
    dialogs.open_names = [str(notes / n) for n in ("Plain.txt", "Old Letter.md", "Chapter 3.docx")]

    controller_of(window).transfers.import_action.trigger()

    assert current_title(window) == "Chapter 3"
    assert window.editor.toPlainText() == "# Chapter Three\n\nIt was **late**"
    titles = {d.title for d in controller_of(window)._library.drafts()}
    assert {"Plain", "Old Letter", "Chapter 3"} <= titles
    message = window.statusBar().currentMessage()
    assert "3 drafts imported" in message
    assert "“Old Letter.md”" in message and "Windows-1252" in message
    assert error_box(window) is None


def test_a_damaged_file_is_named_and_the_others_still_come_in(make_window, dialogs, tmp_path):
    window = make_window()
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 half a zip")
    (tmp_path / "good.md").write_text("Still here.", encoding="utf-8")
    dialogs.open_names = [str(tmp_path / "broken.docx"), str(tmp_path / "good.md")]

    controller_of(window).transfers.import_files()

    box = error_box(window)
    assert box is not None and "1 file could not be imported" in box.text()
    assert "“broken.docx”" in box.informativeText()
    assert "damaged" in box.informativeText()
    assert current_title(window) == "good"
    assert window.editor.toPlainText() == "Still here."
    titles = {d.title for d in controller_of(window)._library.drafts()}
    assert "broken" not in titles


def test_import_waits_while_a_generation_writes(make_window):
    window = make_window()
    action = controller_of(window).transfers.import_action
    window.set_generating(True, can_generate=True)
    assert not action.isEnabled()
    window.set_generating(False, can_generate=True)
    assert action.isEnabled()


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("landfall.md", lambda data: data.decode() == DRAFT),
        (
            "landfall.txt",
            lambda data: "The tide came in." in data.decode() and "*" not in data.decode(),
        ),
        ("landfall.html", lambda data: "<em>tide</em>" in data.decode() and WORLD in data.decode()),
        (
            "landfall.docx",
            lambda data: docx.Document(io.BytesIO(data)).paragraphs[0].style.name == "Heading 1",
        ),
    ],
)
def test_the_draft_exports_by_extension(make_window, dialogs, tmp_path, name, check):
    window = make_window()
    window.editor.setPlainText(DRAFT)
    dialogs.save_name = str(tmp_path / name)

    controller_of(window).transfers.export_draft_action.trigger()

    assert check((tmp_path / name).read_bytes())
    assert f"Exported “{name}”" in window.statusBar().currentMessage()
    assert error_box(window) is None


def test_a_pdf_keeps_every_script(make_window, dialogs, tmp_path):
    window = make_window()
    window.editor.setPlainText(DRAFT)
    dialogs.save_name = str(tmp_path / "landfall")  # no extension: the filter's is added
    dialogs.save_filter = "PDF (*.pdf)"

    controller_of(window).transfers.export_draft()

    data = (tmp_path / "landfall.pdf").read_bytes()
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    assert len(data) > 5000
    fonts = {name.split(b"+")[-1].decode() for name in re.findall(rb"/BaseFont\s*/(\S+)", data)}
    han = {
        f.replace(" ", "")
        for f in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    }
    if han:  # the system has a font for Chinese: the PDF must have embedded it
        assert fonts & han, (fonts, han)


def test_the_filter_decides_when_the_name_has_no_extension(make_window, dialogs, tmp_path):
    window = make_window()
    window.editor.setPlainText(DRAFT)
    dialogs.save_name = str(tmp_path / "for the client")
    dialogs.save_filter = "Word document (*.docx)"

    controller_of(window).transfers.export_draft()

    document = docx.Document(str(tmp_path / "for the client.docx"))
    assert [p.style.name for p in document.paragraphs][:3] == ["Heading 1", "Normal", "List Bullet"]


def test_a_file_the_dialog_did_not_ask_about_is_only_replaced_on_yes(
    make_window, dialogs, tmp_path, monkeypatch
):
    window = make_window()
    window.editor.setPlainText("new words")
    (tmp_path / "notes.md").write_text("old words")
    dialogs.save_name = str(tmp_path / "notes")
    dialogs.save_filter = "Markdown (*.md)"
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.No)
    controller_of(window).transfers.export_draft()
    assert (tmp_path / "notes.md").read_text() == "old words"

    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    controller_of(window).transfers.export_draft()
    assert (tmp_path / "notes.md").read_text() == "new words\n"


@pytest.mark.parametrize("failure", ["disk", "converter"])
def test_a_failed_export_keeps_the_old_file_and_says_why(
    make_window, dialogs, tmp_path, monkeypatch, failure
):
    window = make_window()
    window.editor.setPlainText(DRAFT)
    target = tmp_path / "landfall.docx"
    target.write_bytes(b"the version the client has")
    dialogs.save_name = str(target)

    def broken(*_args):
        if failure == "disk":
            raise OSError(28, "No space left on device")
        raise ValueError("the converter gave up")

    if failure == "disk":
        monkeypatch.setattr(os, "replace", broken)
    else:
        monkeypatch.setattr(docx_format, "render_docx", broken)
    controller_of(window).transfers.export_draft()

    box = error_box(window)
    assert box is not None and "“landfall.docx” could not be exported" in box.text()
    cause = "No space left on device" if failure == "disk" else "the converter gave up"
    assert cause in box.informativeText()
    assert "unchanged" in box.informativeText()
    assert target.read_bytes() == b"the version the client has"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".landfall")] == []


def _add_generations(data_dir: Path, count: int) -> None:
    database = open_database(DataPaths(data_dir).database)
    try:
        generations = GenerationRepository(database)
        request = GenerationRequest(
            task_id="marketing",
            inputs=(("prompt", "新茶 launch"),),
            messages=(),
            plain_prompt="p",
            params=GenerationParams(seed=5),
        )
        result = GenerationResult("清香 fresh", StopReason.END_OF_TEXT, "p", 4, 3, 5, "m", 0.1, 0.4)
        for _ in range(count):
            generation_id = generations.start(None, request, "m")
            generations.finish(generation_id, result, GenerationStatus.COMPLETED)
    finally:
        database.close()


def test_the_history_exports_as_csv_and_json(make_window, dialogs, tmp_path):
    window = make_window()
    _add_generations(tmp_path, 3)
    transfers = controller_of(window).transfers

    dialogs.save_name = str(tmp_path / "history.csv")
    transfers.export_history_action.trigger()
    data = (tmp_path / "history.csv").read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert (
        len(rows) == 3 and rows[0]["prompt"] == "新茶 launch" and rows[0]["output"] == "清香 fresh"
    )
    assert "3 generations exported" in window.statusBar().currentMessage()

    dialogs.save_name = str(tmp_path / "history")
    dialogs.save_filter = "JSON (*.json)"
    transfers.export_history()
    entries = json.loads((tmp_path / "history.json").read_text(encoding="utf-8"))
    assert [e["output"] for e in entries] == ["清香 fresh"] * 3
    assert entries[0]["seed"] == 5 and "tokens" not in entries[0]


def test_the_dialogs_remember_the_last_folder(make_window, dialogs, tmp_path):
    window = make_window()
    transfers = controller_of(window).transfers
    folder = tmp_path / "manuscripts"
    folder.mkdir()
    (folder / "one.txt").write_text("One.")
    dialogs.open_names = [str(folder / "one.txt")]
    transfers.import_files()

    dialogs.save_name = ""  # cancelled
    transfers.export_draft()
    assert dialogs.shown[-1] == str(folder / "one.md")

    dialogs.save_name = str(tmp_path / "out.docx")
    transfers.export_draft()
    transfers.export_draft()  # Word was chosen last: it is offered first
    assert dialogs.shown[-1] == str(tmp_path / "one.docx")
