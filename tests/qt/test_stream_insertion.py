"""StreamInsertion on a bare editor: joins, whitespace, one undo step."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from desktop_app.domain.tasks import Placement
from desktop_app.ui.stream_insertion import StreamInsertion


def editor_with(qtbot, text: str, select: tuple[int, int] | None = None) -> QPlainTextEdit:
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    editor.setPlainText(text)
    cursor = editor.textCursor()
    if select:
        cursor.setPosition(select[0])
        cursor.setPosition(select[1], QTextCursor.MoveMode.KeepAnchor)
    else:
        cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    return editor


def test_a_paragraph_break_split_from_its_text_is_kept(qtbot):
    editor = editor_with(qtbot, "It was late.")
    insertion = StreamInsertion(editor, Placement.CONTINUE)
    for chunk in ("\n", "\n", "Morning", " came."):
        insertion.append(chunk)
    assert editor.toPlainText() == "It was late.\n\nMorning came."
    assert insertion.text == "\n\nMorning came."


def test_many_chunks_undo_in_one_step(qtbot):
    editor = editor_with(qtbot, "Start.")
    insertion = StreamInsertion(editor, Placement.NEW_PARAGRAPH)
    for word in ("One ", "two ", "three."):
        insertion.append(word)
    assert editor.toPlainText() == "Start.\n\nOne two three."
    editor.undo()
    assert editor.toPlainText() == "Start."


def test_nothing_generated_leaves_the_selection_alone(qtbot):
    editor = editor_with(qtbot, "Keep this text.", select=(5, 9))
    insertion = StreamInsertion(editor, Placement.REPLACE_SELECTION)
    insertion.append("  ")
    assert editor.toPlainText() == "Keep this text."
    assert editor.textCursor().selectedText() == "this"


def test_rtl_and_cjk_text_replace_the_selection_exactly(qtbot):
    editor = editor_with(qtbot, "שלום world 你好", select=(5, 10))
    insertion = StreamInsertion(editor, Placement.REPLACE_SELECTION)
    insertion.append(" مرحبا")
    insertion.append(" 🙂")
    assert editor.toPlainText() == "שלום مرحبا 🙂 你好"


def test_streaming_follows_the_text_unless_the_writer_scrolled_away(qtbot):
    editor = editor_with(qtbot, "line\n" * 400)
    editor.resize(400, 300)
    editor.show()
    qtbot.waitExposed(editor)
    editor.ensureCursorVisible()
    scrollbar = editor.verticalScrollBar()
    start = scrollbar.value()
    insertion = StreamInsertion(editor, Placement.CONTINUE)
    for _ in range(20):
        insertion.append("A new line.\n")
    assert scrollbar.value() > start  # watching the end: the view follows the new text
    assert editor.viewport().rect().intersects(editor.cursorRect())

    scrollbar.setValue(0)  # scrolls up to reread the beginning
    for _ in range(20):
        insertion.append("More text.\n")
    assert scrollbar.value() == 0
    assert editor.textCursor().position() == len(editor.toPlainText())


def test_a_new_piece_inserted_mid_line_is_set_apart_on_both_sides(qtbot):
    editor = editor_with(qtbot, "Before. After.", select=(8, 8))
    insertion = StreamInsertion(editor, Placement.NEW_PARAGRAPH)
    insertion.append("A poem.")
    insertion.finish()
    assert editor.toPlainText() == "Before. \n\nA poem.\n\nAfter."
    assert editor.textCursor().position() == len("Before. \n\nA poem.")
    editor.undo()
    assert editor.toPlainText() == "Before. After."
