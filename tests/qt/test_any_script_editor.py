"""Text in any script through the real window: the editor, saving and reopening (a 5 MB
paste: tests/qt/test_drafts.py), streamed insertion split inside characters, right-to-left
paragraphs, and translate's default target language following the interface's."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from any_script import SAMPLES
from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtGui import QFontDatabase, QTextCursor
from qt_helpers import pick_task, wait_idle, wait_ready

from desktop_app.domain.tasks import Placement
from desktop_app.generation.fake_engine import FakeEngine
from desktop_app.paths import DataPaths
from desktop_app.services.draft_export import ExportFormat, render_draft
from desktop_app.services.task_library import builtin_catalogue
from desktop_app.ui.pdf_export import html_to_pdf
from desktop_app.ui.stream_insertion import StreamInsertion
from desktop_app.ui.task_fields import TaskFieldsForm
from desktop_app.ui.text_edit import TextEdit
from desktop_app.ui.translations import LANGUAGE_KEY, apply_language

MIXED = "\n".join(SAMPLES.values())
# What the editor may change: line breaks of every kind become "\n", nothing else (a NUL,
# say, is kept: only importing a file refuses one, as the sign of a binary file).
LINE_BREAKS = "x\r\ny\rz\u2028w\u2029v\x00"


def test_any_script_is_saved_and_reopened_exactly(make_window, tmp_path):
    window = make_window()
    window.editor.insertPlainText(MIXED + LINE_BREAKS)
    # The prompt box and task fields keep their text too (no-break spaces included).
    window.prompt.prompt_edit.setPlainText(SAMPLES["spaces"])
    assert window.prompt.prompt_edit.toPlainText() == SAMPLES["spaces"]
    window.close()

    reopened = make_window()
    assert reopened.editor.toPlainText() == MIXED + "x\ny\nz\nw\nv\x00"


class SplittingEngine(FakeEngine):
    """Streams its reply one code point at a time: accents, joiners, skin tones and the
    parts of a conjunct all arrive apart from the letters they belong to."""

    def pieces(self, seed: int = 0) -> list[str]:
        return list(self.reply)


def test_streamed_pieces_split_inside_characters_add_up_in_the_editor(qtbot, make_window):
    reply = SAMPLES["combining"] + " " + SAMPLES["emoji"] + " " + SAMPLES["arabic"]
    engine = SplittingEngine(reply)
    window = make_window(engine)
    wait_ready(qtbot, window)
    window.editor.setPlainText("前文🙂")  # an emoji before the cursor: two UTF-16 units
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    pick_task(window, "continue")
    qtbot.mouseClick(window.prompt.generate_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window, timeout=15_000)

    assert window.editor.toPlainText() == "前文🙂" + reply
    assert engine.requests[0].inputs_dict()["text"] == "前文🙂"
    assert window.history.model.record(0).output == reply


def test_the_context_is_the_text_before_the_cursor_after_emoji(qtbot, make_window):
    engine = FakeEngine("ok")
    window = make_window(engine)
    wait_ready(qtbot, window)
    window.editor.setPlainText("🙂🙂🙂 before|after")
    cursor = window.editor.document().find("|")
    cursor.setPosition(cursor.selectionStart())  # in UTF-16 units, as Qt counts
    window.editor.setTextCursor(cursor)
    pick_task(window, "continue")
    qtbot.mouseClick(window.prompt.generate_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert engine.requests[0].inputs_dict()["text"] == "🙂🙂🙂 before"


def test_surrogate_halves_streamed_apart_join_in_the_editor(qtbot):
    editor = TextEdit()
    qtbot.addWidget(editor)
    insertion = StreamInsertion(editor, Placement.CONTINUE)
    for chunk in ("a", "\ud83d", "\udc4d", "e", "\u0301"):
        insertion.append(chunk)
    assert editor.toPlainText() == "a👍e\u0301"


def test_right_to_left_paragraphs_read_from_the_right(make_window, tmp_path):
    window = make_window()
    window.resize(1000, 600)
    editor = window.editor
    editor.setPlainText("\n".join(SAMPLES.values()))
    image = editor.grab()  # painting aligns the paragraphs on screen
    image.save(str(tmp_path / "any_script_editor.png"))
    document = editor.document()
    width = editor.viewport().width()

    def line_of(name: str) -> tuple[Qt.LayoutDirection, float, float]:
        block = document.findBlockByNumber(list(SAMPLES).index(name))
        rect = block.layout().lineAt(0).naturalTextRect()
        return block.textDirection(), rect.left(), rect.right()

    for name in ("arabic", "hebrew"):
        direction, left, right = line_of(name)
        assert direction is Qt.LayoutDirection.RightToLeft
        assert left > width / 2 and right > width - 60, name  # against the right margin
    direction, left, _ = line_of("chinese")
    assert direction is Qt.LayoutDirection.LeftToRight and left < 60
    # The cursor goes where the text is drawn.
    cursor = QTextCursor(document.findBlockByNumber(list(SAMPLES).index("arabic")))
    editor.setTextCursor(cursor)
    assert editor.cursorRect().left() > width / 2


@pytest.fixture
def restore_language() -> Iterator[None]:
    before = QLocale()
    yield
    apply_language("")  # the next tests' English interface, translators included
    QLocale.setDefault(before)


@pytest.mark.parametrize(("locale", "language"), [("zh_CN", "Chinese"), ("en", "English")])
def test_translate_into_defaults_to_the_default_locales_language(
    qtbot, restore_language, locale, language
):
    QLocale.setDefault(QLocale(locale))  # what the start-up does for the interface language
    form = TaskFieldsForm()
    qtbot.addWidget(form)
    form.show_task(builtin_catalogue().get("translate"))
    assert form.values()["target_language"] == language


def test_translate_into_follows_the_language_chosen_for_the_interface(
    make_window, restore_language, tmp_path
):
    settings = QSettings(str(DataPaths(tmp_path).settings), QSettings.Format.IniFormat)
    settings.setValue(LANGUAGE_KEY, "zh_CN")
    settings.sync()
    window = make_window()
    pick_task(window, "translate")
    assert window.prompt.field_values()["target_language"] == "Chinese"


def test_a_pdf_of_every_script_is_made_with_fonts_for_them(qtbot):
    body = "\n\n".join(SAMPLES.values()) + "\n\ncontrol\x01characters\x0b too"
    data = render_draft(ExportFormat.PDF, "标题 🙂 עברית", body, html_to_pdf)
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    fonts = {name.split(b"+")[-1] for name in re.findall(rb"/BaseFont\s*/(\S+)", data)}
    hebrew = {
        family.replace(" ", "").encode()
        for family in QFontDatabase.families(QFontDatabase.WritingSystem.Hebrew)
    }
    if hebrew:  # glyphs, not boxes, where the system has a font for them
        assert fonts & hebrew, (fonts, hebrew)
