"""StreamInsertion on a bare editor: joins, whitespace, undo steps, a writer typing meanwhile."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from desktop_app.domain.tasks import Placement
from desktop_app.ui.stream_insertion import StreamInsertion
from desktop_app.ui.text_edit import TextEdit


def editor_with(qtbot, text: str, select: tuple[int, int] | None = None) -> TextEdit:
    editor = TextEdit()
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


def test_typing_where_the_stream_writes_stays_after_the_generated_text(qtbot):
    editor = editor_with(qtbot, "Start.")
    insertion = StreamInsertion(editor, Placement.CONTINUE)
    insertion.append(" One")
    qtbot.keyClicks(editor, " mine")  # the caret is at the end of the new text
    for word in (" two", " three."):
        insertion.append(word)
    insertion.finish()

    assert editor.toPlainText() == "Start. One two three. mine"
    assert insertion.written().selectedText() == " One two three."
    assert editor.textCursor().position() == len("Start. One two three. mine")  # theirs now


def test_undo_never_mixes_the_writers_typing_with_the_generation(qtbot):
    editor = editor_with(qtbot, "Start.")
    insertion = StreamInsertion(editor, Placement.CONTINUE)
    insertion.append(" One")
    insertion.append(" two")
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, "So. ")
    insertion.append(" three.")

    assert editor.toPlainText() == "So. Start. One two three."
    assert editor.textCursor().position() == len("So. ")  # the stream left the caret alone
    editor.undo()
    assert editor.toPlainText() == "So. Start. One two"  # the chunk after the typing
    editor.undo()
    assert editor.toPlainText() == "Start. One two"  # the writer's words, one step
    editor.undo()
    assert editor.toPlainText() == "Start."  # the chunks before them, one step


def test_undo_and_redo_wait_while_a_generation_streams(qtbot):
    editor = editor_with(qtbot, "Start.")
    qtbot.keyClicks(editor, " Typed.")
    editor.set_streaming(True)
    insertion = StreamInsertion(editor, Placement.CONTINUE)
    insertion.append(" Generated.")

    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    menu = editor._context_menu(editor.rect().center())
    undo = next(a for a in menu.actions() if a.objectName() == "edit-undo")

    assert editor.toPlainText() == "Start. Typed. Generated."
    assert not undo.isEnabled()
    editor.set_streaming(False)
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "Start. Typed."


def test_the_editors_own_painting_and_keys_run_without_python_in_between():
    """Qt's painting and key handling of a long draft take a millisecond or more a
    keystroke; called from a Python override they would hold the GIL the generation needs
    for every token. The editor's extra steps are event filters instead (text_edit.py)."""
    for handler in ("paintEvent", "keyPressEvent"):
        assert handler not in vars(TextEdit)


def test_typing_inside_the_new_text_is_noticed(qtbot):
    editor = editor_with(qtbot, "Start.")
    insertion = StreamInsertion(editor, Placement.NEW_PARAGRAPH)
    insertion.append("One two")
    assert insertion.intact()
    cursor = editor.textCursor()
    cursor.setPosition(len("Start.\n\nOne"))
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, " and a half")
    insertion.append(" three.")
    insertion.finish()

    assert editor.toPlainText() == "Start.\n\nOne and a half two three."
    assert not insertion.intact()
