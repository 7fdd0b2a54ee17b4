"""The writer's basics around the draft: counts, find and replace, focus mode, the font."""

from __future__ import annotations

import random
import time

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QFont, QTextCursor
from PySide6.QtWidgets import QDockWidget, QFontDialog, QLabel
from qt_helpers import controller_of, pick_task, wait_idle, wait_ready

from desktop_app.domain.drafts import character_count, word_count
from desktop_app.generation.fake_engine import FakeEngine
from desktop_app.ui.draft_counts import UPDATE_DELAY_MS
from desktop_app.ui.editor_font import DEFAULT_POINT_SIZE
from desktop_app.ui.editor_tools import EditorTools
from desktop_app.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def tools_of(window: MainWindow) -> EditorTools:
    return controller_of(window).editor_tools


def counts_label(window: MainWindow) -> QLabel:
    label = window.statusBar().findChild(QLabel, "draftCounts")
    assert label is not None
    return label


def n(number: int) -> str:
    return QLocale().toString(number)


def show_text(qtbot, window: MainWindow, text: str) -> None:
    window.editor.setPlainText(text)
    qtbot.waitUntil(lambda: counts_label(window).text().startswith(f"{n(word_count(text))} w"))


def select(window: MainWindow, start: int, end: int) -> None:
    cursor = window.editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    window.editor.setTextCursor(cursor)


# Counts


def test_counts_words_characters_and_reading_time(qtbot, make_window):
    window = make_window()
    label = counts_label(window)
    assert label.isVisible()
    qtbot.waitUntil(lambda: label.geometry().right() < window.model_status.geometry().left())
    english = "The sea was calm tonight.\n" + "word " * 1200
    show_text(qtbot, window, english)
    assert (
        label.text() == f"{n(1205)} words · {n(character_count(english))} characters · 6 min read"
    )


def test_counts_each_cjk_character_as_a_word(qtbot, make_window):
    window = make_window()
    show_text(qtbot, window, "灯塔看守人。Hello world")
    assert counts_label(window).text() == "7 words · 17 characters · 1 min read"


def test_selection_shows_its_own_counts(qtbot, make_window):
    window = make_window()
    show_text(qtbot, window, "One two three.\nFour five six.\n灯塔看守人")
    label = counts_label(window)
    select(window, 4, 19)  # "two three.\u2029Four"
    qtbot.waitUntil(lambda: label.text() == "3 of 11 words selected · 14 characters")
    select(window, 30, 32)  # two ideographs
    qtbot.waitUntil(lambda: label.text() == "2 of 11 words selected · 2 characters")
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.waitUntil(lambda: label.text().startswith("11 words"))


def test_counts_keep_up_with_typing_and_settle_right_after_it(qtbot, make_window):
    window = make_window()
    show_text(qtbot, window, "Start here.\n" * 50)
    window.editor.setFocus()
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.editor, " and more words typed one key at a time")
    stopped = time.monotonic()
    qtbot.waitUntil(lambda: counts_label(window).text().startswith("109 words"), timeout=3000)
    assert time.monotonic() - stopped < (UPDATE_DELAY_MS + 700) / 1000


def test_paragraph_counts_follow_any_edit(qtbot, make_window):
    """Random inserts, deletions across paragraphs, pastes and undo: the totals stay exact."""
    window = make_window()
    editor = window.editor
    rng = random.Random(7)
    pieces = ["word ", "两个字", "\n", "\n\n", " ", "long paragraph of words\n", "🙂"]
    editor.setPlainText("Opening line.\nSecond line.")
    for step in range(120):
        cursor = editor.textCursor()
        length = len(editor.toPlainText())
        cursor.setPosition(rng.randint(0, length))
        if rng.random() < 0.3 and length:
            cursor.setPosition(rng.randint(0, length), QTextCursor.MoveMode.KeepAnchor)
        if step % 17 == 16:
            editor.undo()
        else:
            cursor.insertText("".join(rng.choices(pieces, k=rng.randint(0, 4))))
        if step % 10 == 0:
            qtbot.wait(1)
    editor.moveCursor(QTextCursor.MoveOperation.End)
    text = editor.toPlainText()
    expected = f"{n(word_count(text))} words · {n(character_count(text))} characters"
    qtbot.waitUntil(lambda: counts_label(window).text().startswith(expected))


# Find and replace


def open_find(qtbot, window: MainWindow, replace: bool = False):
    window.editor.setFocus()
    key = Qt.Key.Key_H if replace else Qt.Key.Key_F
    qtbot.keyClick(window.editor, key, CTRL)
    find = tools_of(window).find
    assert find.bar.isVisible()
    return find


def test_find_next_and_previous_wrap_around_with_a_note(qtbot, make_window):
    window = make_window()
    window.editor.setPlainText("one two one three one")
    find = open_find(qtbot, window)
    counter = find.bar.counter
    assert find.bar.query.hasFocus()
    qtbot.keyClicks(find.bar.query, "one")
    qtbot.waitUntil(lambda: counter.text() == "1 of 3")  # found as typed, after a pause
    assert window.editor.textCursor().selectionStart() == 0
    qtbot.keyClick(find.bar.query, Qt.Key.Key_Return)
    assert (window.editor.textCursor().selectionStart(), counter.text()) == (8, "2 of 3")
    qtbot.keyClick(find.bar.query, Qt.Key.Key_F3)
    assert counter.text() == "3 of 3"
    qtbot.keyClick(find.bar.query, Qt.Key.Key_Return)
    assert counter.text() == "1 of 3 · from the top"
    qtbot.keyClick(find.bar.query, Qt.Key.Key_Return, SHIFT)
    assert counter.text() == "3 of 3 · from the bottom"
    assert window.editor.textCursor().selectedText() == "one"
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_F3, SHIFT)
    assert counter.text() == "2 of 3"


def test_enter_right_after_typing_finds_without_waiting(qtbot, make_window):
    window = make_window()
    window.editor.setPlainText("one two one")
    find = open_find(qtbot, window)
    qtbot.keyClicks(find.bar.query, "one")
    qtbot.keyClick(find.bar.query, Qt.Key.Key_Return)
    assert (window.editor.textCursor().selectionStart(), find.bar.counter.text()) == (0, "1 of 2")


def test_find_options_and_counter(qtbot, make_window):
    window = make_window()
    window.editor.setPlainText("Cat concatenate cat CAT")
    find = open_find(qtbot, window)
    bar = find.bar

    def found(counter: str, start: int) -> None:
        qtbot.waitUntil(
            lambda: (
                (bar.counter.text(), window.editor.textCursor().selectionStart())
                == (counter, start)
            )
        )

    bar.query.setText("cat")
    found("1 of 4", 0)
    bar.whole_words.setChecked(True)
    found("1 of 3", 0)
    bar.match_case.setChecked(True)
    found("1 of 1", 16)
    bar.match_case.setChecked(False)
    bar.whole_words.setChecked(False)
    bar.regex.setChecked(True)
    bar.query.setText("c.t$")
    found("1 of 1", 20)
    bar.query.setText("(c")
    qtbot.waitUntil(lambda: bar.counter.text().startswith("Not a valid expression"))
    bar.query.setText("zebra")
    qtbot.waitUntil(lambda: bar.counter.text() == "No matches")
    bar.query.setText("cat")
    found("4 of 4", 20)  # from where the last match was
    window.editor.moveCursor(QTextCursor.MoveOperation.Start)
    window.editor.insertPlainText("cat ")
    qtbot.waitUntil(lambda: bar.counter.text() == "5 matches")


def test_find_opens_with_the_selection_and_only_from_the_editor_area(qtbot, make_window):
    window = make_window()
    window.editor.setPlainText("A lighthouse keeper; the lighthouse.")
    select(window, 2, 12)
    find = open_find(qtbot, window)
    assert find.bar.query.text() == "lighthouse"
    assert find.bar.counter.text() == "1 of 2"
    assert not find.bar.replacement.isVisible()
    qtbot.keyClick(find.bar.query, Qt.Key.Key_Escape)
    assert not find.bar.isVisible()
    assert window.editor.hasFocus()

    # Keys typed in the assistant's prompt stay there.
    window.prompt.prompt_edit.setFocus()
    qtbot.keyClick(window.prompt.prompt_edit, Qt.Key.Key_F, CTRL)
    assert not find.bar.isVisible()
    # The Edit menu reaches it from anywhere.
    find.find_action.trigger()
    assert find.bar.isVisible()
    assert find.find_action in window.edit_menu.actions()
    find.bar.match_case.setFocus()
    qtbot.keyClick(find.bar.match_case, Qt.Key.Key_Escape)  # from anywhere in the bar
    assert not find.bar.isVisible()


def test_replace_one_then_replace_all_as_one_undo_step(qtbot, make_window):
    window = make_window()
    original = "a cat, a cat, and a cat 🙂 cat"
    window.editor.setPlainText(original)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    find = open_find(qtbot, window, replace=True)
    bar = find.bar
    assert bar.replacement.isVisible()
    bar.query.setText("cat")
    # Found from the end, without a note: typing a query is not a step.
    qtbot.waitUntil(lambda: bar.counter.text() == "1 of 4")
    bar.replacement.setText("dog")
    bar.replacement.setFocus()
    qtbot.keyClick(bar.replacement, Qt.Key.Key_Return)  # Enter in the replace field: Replace
    assert window.editor.toPlainText() == "a dog, a cat, and a cat 🙂 cat"
    assert bar.counter.text() == "1 of 3"

    qtbot.mouseClick(bar.replace_all_button, Qt.MouseButton.LeftButton)
    assert window.editor.toPlainText() == "a dog, a dog, and a dog 🙂 dog"
    assert bar.counter.text() == "Replaced 3"
    window.undo_action.trigger()
    assert window.editor.toPlainText() == "a dog, a cat, and a cat 🙂 cat"
    window.undo_action.trigger()
    assert window.editor.toPlainText() == original


def test_replace_all_keeps_the_writers_place(qtbot, make_window):
    window = make_window()
    window.editor.setPlainText("cat cat here cat")
    find = open_find(qtbot, window, replace=True)
    find.bar.query.setText("cat")
    find.bar.replacement.setText("lion")
    qtbot.waitUntil(lambda: find.bar.counter.text() == "1 of 3")
    window.editor.moveCursor(QTextCursor.MoveOperation.Start)
    cursor = window.editor.textCursor()
    cursor.setPosition(8)  # before "here"
    window.editor.setTextCursor(cursor)
    assert find.replace_all() == 3
    assert window.editor.toPlainText() == "lion lion here lion"
    assert window.editor.textCursor().position() == 10


def test_replacing_waits_for_a_generation_but_finding_does_not(qtbot, make_window):
    window = make_window()
    window.editor.setPlainText("red, red, red")
    find = open_find(qtbot, window, replace=True)
    find.bar.query.setText("red")
    find.bar.replacement.setText("blue")
    qtbot.waitUntil(lambda: find.bar.counter.text() == "1 of 3")
    window.editor.set_streaming(True)  # as while a generation streams
    assert not find.bar.replace_button.isEnabled()
    assert not find.bar.replace_all_button.isEnabled()
    assert find.replace_all() == 0
    find.replace()
    assert window.editor.toPlainText() == "red, red, red"
    find.find(forward=True)
    assert find.bar.counter.text() == "2 of 3"
    window.editor.set_streaming(False)
    assert find.bar.replace_all_button.isEnabled()


def test_find_in_cjk_and_right_to_left_text(qtbot, make_window):
    window = make_window()
    window.editor.setPlainText("灯塔看守人每天晚上都爬上楼梯。\nשלום עולם, שלום.\n看守人")
    find = open_find(qtbot, window, replace=True)
    find.bar.query.setText("看守人")
    qtbot.waitUntil(lambda: find.bar.counter.text() == "1 of 2")
    assert window.editor.textCursor().selectedText() == "看守人"
    find.bar.query.setText("שלום")
    qtbot.waitUntil(lambda: window.editor.textCursor().selectedText() == "שלום")
    find.bar.replacement.setText("سلام")
    assert find.replace_all() == 2
    assert window.editor.toPlainText().splitlines()[1] == "سلام עולם, سلام."


def test_esc_in_the_find_bar_closes_it_even_while_generating(qtbot, make_window):
    window = make_window(FakeEngine(reply="word " * 400, delay_s=0.01))
    wait_ready(qtbot, window)
    pick_task(window, "poem")
    window.prompt.prompt_edit.setPlainText("sea")
    find = open_find(qtbot, window)
    window.generate_action.trigger()
    qtbot.waitUntil(lambda: "word" in window.editor.toPlainText())
    find.bar.query.setFocus()
    qtbot.keyClick(find.bar.query, Qt.Key.Key_Escape)
    assert not find.bar.isVisible()
    assert window.editor.hasFocus()
    assert window.stop_action.isEnabled()  # the generation goes on
    window.stop_action.trigger()
    wait_idle(qtbot, window)


# Focus mode


def visible_docks(window: MainWindow) -> list[str]:
    return sorted(d.objectName() for d in window.findChildren(QDockWidget) if d.isVisible())


def test_focus_mode_hides_everything_but_the_draft_and_esc_restores_it(qtbot, make_window):
    window = make_window()
    window.editor.setPlainText("A quiet page.")
    docks, state = visible_docks(window), window.saveState()
    assert docks
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_F11)
    focus = tools_of(window).focus
    assert focus.active
    assert visible_docks(window) == []
    assert not window.menuBar().isVisible()
    assert not window.statusBar().isVisible()
    assert window.isFullScreen()
    # The text sits in a column about 70 characters wide in the middle of the screen.
    qtbot.waitUntil(lambda: window.editor.viewportMargins().left() > 50)
    column = window.editor.viewport().width()
    assert 50 < column / window.editor.fontMetrics().averageCharWidth() < 90

    qtbot.keyClick(window.editor, Qt.Key.Key_Escape)
    assert not focus.active
    assert visible_docks(window) == docks
    qtbot.waitUntil(lambda: window.saveState() == state)  # sizes too, once laid out
    assert window.menuBar().isVisible()
    assert window.statusBar().isVisible()
    assert not window.isFullScreen()
    assert window.editor.viewportMargins().left() == 0

    qtbot.keyClick(window.editor, Qt.Key.Key_F11)
    assert focus.active
    qtbot.keyClick(window.editor, Qt.Key.Key_F11)
    assert not focus.active


def test_generation_starts_and_stops_by_shortcut_in_focus_mode(qtbot, make_window):
    window = make_window(FakeEngine(reply="word " * 400, delay_s=0.01))
    wait_ready(qtbot, window)
    pick_task(window, "poem")
    window.prompt.prompt_edit.setPlainText("sea")
    focus = tools_of(window).focus
    assert focus.action in window.view_menu.actions()
    focus.action.trigger()
    editor = window.editor
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: "word" in editor.toPlainText())
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # stops the generation, stays in focus mode
    wait_idle(qtbot, window)
    assert focus.active
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not focus.active


# The editor's font


def test_text_size_steps_resets_and_survives_a_restart(qtbot, make_window, tmp_path):
    window = make_window()
    editor = window.editor
    editor.setFocus()
    assert editor.font().pointSize() == DEFAULT_POINT_SIZE
    qtbot.keyClick(editor, Qt.Key.Key_Equal, CTRL)
    qtbot.keyClick(editor, Qt.Key.Key_Plus, CTRL)
    assert editor.font().pointSize() == 15
    qtbot.keyClick(editor, Qt.Key.Key_Minus, CTRL)
    assert editor.font().pointSize() == 14
    qtbot.keyClick(editor, Qt.Key.Key_0, CTRL)
    assert editor.font().pointSize() == DEFAULT_POINT_SIZE
    tools_of(window).font.set_size(18)
    window.close()

    again = make_window(data_dir=tmp_path)
    assert again.editor.font().pointSize() == 18
    # The fallback typefaces come back too, for a computer without the first.
    assert again.editor.font().families() == editor.font().families()


def test_editor_font_dialog_leaves_the_window_usable(qtbot, make_window):
    window = make_window()
    font = tools_of(window).font
    font.choose_action.trigger()
    dialog = window.findChild(QFontDialog, "editorFontDialog")
    assert dialog is not None
    assert dialog.isVisible()
    chosen = QFont("Monospace", 16)
    dialog.setCurrentFont(chosen)
    dialog.accept()
    assert window.editor.font().pointSize() == 16
    assert window.editor.font().family() == dialog.selectedFont().family()
