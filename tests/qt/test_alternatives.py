"""Variants side by side, regenerating, paging through outputs, and the token view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from qt_helpers import controller_of, pick_task, wait_idle, wait_ready

from desktop_app.domain.records import GenerationStatus
from desktop_app.generation.fake_engine import FAKE_SEED, FakeEngine
from desktop_app.ui.token_view import TokenView

REPLY = "The tide came in slowly."


def seeded(seed: int) -> str:
    return REPLY if seed == FAKE_SEED else f"{REPLY} (seed {seed})"


def records(window):
    model = window.history.model
    return [model.record(row) for row in range(model.rowCount())]


def start_story(qtbot, window, *, seed: int | None = None, variants: int = 1) -> None:
    wait_ready(qtbot, window)
    window.editor.setPlainText("Before.")
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    pick_task(window, "story")
    window.prompt.prompt_edit.setPlainText("the sea")
    settings = window.prompt.settings
    settings.fixed_seed.setChecked(seed is not None)
    if seed is not None:
        settings.seed.setValue(seed)
    window.prompt.variants.setValue(variants)
    qtbot.mouseClick(window.prompt.generate_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    qtbot.waitUntil(window.generate_action.isEnabled)  # the model reports ready a bit later


def open_token_view(qtbot, window) -> TokenView:
    window.show_tokens_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(TokenView) is not None)
    view = window.findChild(TokenView)
    assert view is not None
    return view


def test_variants_stream_into_cards_and_one_is_used(qtbot, make_window):
    window = make_window(FakeEngine(reply=REPLY))
    start_story(qtbot, window, seed=10, variants=3)

    assert window.variants_dock.isVisible()
    cards = window.variants.cards
    assert [card.text.toPlainText() for card in cards] == [seeded(s) for s in (10, 11, 12)]
    assert window.editor.toPlainText() == "Before."  # nothing goes in until one is chosen
    assert sorted(r.seed for r in records(window)) == [10, 11, 12]
    assert all(r.status is GenerationStatus.COMPLETED for r in records(window))

    qtbot.mouseClick(cards[1].use_button, Qt.MouseButton.LeftButton)
    assert window.editor.toPlainText() == "Before.\n\n" + seeded(11)
    assert window.prompt.pager.position.text() == "AI text: output 2 of 3"

    # A second choice takes the first one's place, as its own undo step.
    qtbot.mouseClick(cards[2].use_button, Qt.MouseButton.LeftButton)
    assert window.editor.toPlainText() == "Before.\n\n" + seeded(12)
    assert "in the draft" in cards[2].title.text() and "in the draft" not in cards[1].title.text()
    window.editor.undo()
    assert window.editor.toPlainText() == "Before.\n\n" + seeded(11)


def test_copy_on_a_card_copies_that_variant(qtbot, make_window):
    window = make_window(FakeEngine(reply=REPLY))
    start_story(qtbot, window, seed=3, variants=2)
    qtbot.mouseClick(window.variants.cards[1].copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == seeded(4)


def test_regenerate_keeps_every_output_to_page_through(qtbot, make_window):
    window = make_window(FakeEngine(reply=REPLY))
    start_story(qtbot, window, seed=5)
    assert window.editor.toPlainText() == "Before.\n\n" + seeded(5)

    window.regenerate_action.trigger()
    wait_idle(qtbot, window)
    qtbot.waitUntil(window.generate_action.isEnabled)
    # A fresh random seed (the fake reports its own), in the same place.
    assert window.editor.toPlainText() == "Before.\n\n" + seeded(FAKE_SEED)
    assert window.prompt.pager.position.text() == "AI text: output 2 of 2"
    assert len(records(window)) == 2

    window.previous_output_action.trigger()
    assert window.editor.toPlainText() == "Before.\n\n" + seeded(5)
    assert not window.previous_output_action.isEnabled()
    window.next_output_action.trigger()
    assert window.editor.toPlainText() == "Before.\n\n" + seeded(FAKE_SEED)


def test_an_edited_output_is_never_paged_over(qtbot, make_window):
    window = make_window(FakeEngine(reply=REPLY))
    start_story(qtbot, window, seed=5)
    window.regenerate_action.trigger()
    wait_idle(qtbot, window)

    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    window.editor.insertPlainText(" My own words.")
    assert not window.previous_output_action.isEnabled()
    assert not window.regenerate_action.isEnabled()
    assert "Edited" in window.prompt.pager.position.text()
    controller_of(window).page_output(-1)  # even if asked directly
    assert window.editor.toPlainText().endswith(" My own words.")


def test_a_regenerate_stopped_before_any_text_leaves_the_output(qtbot, make_window):
    engine = FakeEngine(reply=REPLY)
    window = make_window(engine)
    start_story(qtbot, window, seed=5)
    engine.delay_s = 5.0
    window.regenerate_action.trigger()
    qtbot.waitUntil(window.prompt.stop_button.isEnabled)
    window.stop_action.trigger()
    wait_idle(qtbot, window)
    assert window.editor.toPlainText() == "Before.\n\n" + seeded(5)
    assert window.regenerate_action.isEnabled()


def test_choosing_another_token_regenerates_from_there(qtbot, make_window):
    engine = FakeEngine(reply=REPLY)
    window = make_window(engine)
    start_story(qtbot, window, seed=5)
    view = open_token_view(qtbot, window)
    assert "".join(t.text for t in view.tokens) == seeded(5)

    view.select_token(2)  # "came"
    rival = next(
        i for i in range(view.alternatives.count()) if "perhaps" in view.alternatives.item(i).text()
    )
    view.alternatives.setCurrentRow(rival)
    with qtbot.waitSignal(view.regenerateRequested):
        qtbot.mouseClick(view.regenerate, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)

    forced = engine.requests[-1].forced_tokens
    assert [engine.vocabulary[t] for t in forced] == ["The ", "tide ", " perhaps"]
    expected = "The tide  perhaps" + "".join(engine.pieces(FAKE_SEED)[3:])
    assert window.editor.toPlainText() == "Before.\n\n" + expected
    assert window.prompt.pager.position.text() == "AI text: output 2 of 2"
    window.previous_output_action.trigger()
    assert window.editor.toPlainText() == "Before.\n\n" + seeded(5)


def test_tokens_of_an_earlier_session_regenerate_at_the_cursor(qtbot, make_window, tmp_path):
    window = make_window(FakeEngine(reply=REPLY))
    start_story(qtbot, window, seed=5)
    window.close()

    engine = FakeEngine(reply=REPLY)
    reopened = make_window(engine, data_dir=tmp_path)
    wait_ready(qtbot, reopened)
    reopened.history.view.selectRow(0)
    assert reopened.history.tokens_action.isEnabled()
    reopened.editor.moveCursor(reopened.editor.textCursor().MoveOperation.End)
    reopened.history.tokens_action.trigger()
    qtbot.waitUntil(lambda: reopened.findChild(TokenView) is not None)
    view = reopened.findChild(TokenView)
    view.select_token(1)
    view.alternatives.setCurrentRow(view.alternatives.count() - 1)  # " never"
    with qtbot.waitSignal(view.regenerateRequested):
        qtbot.mouseClick(view.regenerate, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, reopened)

    request = engine.requests[-1]
    stored = records(reopened)[-1]
    assert request.rendered_prompt == stored.rendered_prompt  # the exact prompt, not rebuilt
    assert reopened.editor.toPlainText().startswith("Before.\n\n" + seeded(5) + "\n\nThe  never")


def test_tokens_of_another_model_can_be_read_but_not_regenerated(qtbot, make_window, tmp_path):
    window = make_window(FakeEngine(reply=REPLY))
    start_story(qtbot, window, seed=5)
    window.close()

    reopened = make_window(FakeEngine(reply=REPLY, model_id="other-model"), data_dir=tmp_path)
    wait_ready(qtbot, reopened)
    reopened.history.view.selectRow(0)
    reopened.history.tokens_action.trigger()
    qtbot.waitUntil(lambda: reopened.findChild(TokenView) is not None)
    view = reopened.findChild(TokenView)
    view.select_token(1)
    view.alternatives.setCurrentRow(view.alternatives.count() - 1)
    assert view.alternatives.count() == 5
    assert not view.regenerate.isEnabled()


def test_the_status_says_how_much_did_not_fit_in_tokens(qtbot, make_window):
    window = make_window(FakeEngine(reply=REPLY, context_length=260))
    wait_ready(qtbot, window)
    pick_task(window, "story")
    window.prompt.prompt_edit.setPlainText(" ".join(["word"] * 300))
    qtbot.mouseClick(window.prompt.generate_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    message = window.statusBar().currentMessage()
    assert "of the model's 260 tokens" in message
    assert "did not fit and were left out" in message


def test_a_failing_variant_run_is_recorded_for_every_card(qtbot, make_window):
    engine = FakeEngine(reply=REPLY)
    window = make_window(engine)
    start_story(qtbot, window, seed=1, variants=2)  # a good set first: it must not linger
    engine.generate_error, engine.error_after = "disk on fire", 2
    qtbot.mouseClick(window.prompt.generate_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert all(card.status.text() == "Failed" for card in window.variants.cards)
    assert not any(card.use_button.isEnabled() for card in window.variants.cards)
    assert window.variants.cards[0].copy_button.isEnabled()  # the partial text can be copied
    controller_of(window).use_variant(0)  # even asked directly, nothing from the old set
    assert window.editor.toPlainText() == "Before."
    for box in window.findChildren(QMessageBox):
        box.close()
    records_now = [r for r in records(window) if r.status is GenerationStatus.FAILED]
    assert len(records_now) == 2
    assert all(r.output.startswith("The tide") for r in records_now)


def test_closing_mid_variants_records_every_one_as_stopped(qtbot, make_window):
    window = make_window(FakeEngine(reply="word " * 1000, delay_s=0.01))
    wait_ready(qtbot, window)
    pick_task(window, "poem")
    window.prompt.prompt_edit.setPlainText("night")
    window.prompt.variants.setValue(3)
    window.generate_action.trigger()
    qtbot.waitUntil(lambda: all(c.text.toPlainText() for c in window.variants.cards))
    window.close()

    reopened = make_window(FakeEngine())
    stored = records(reopened)
    assert [r.status for r in stored] == [GenerationStatus.STOPPED] * 3
    assert all(r.output.startswith("word") for r in stored)
    assert reopened.editor.toPlainText() == ""  # variants wait for a choice; none was made


def test_another_draft_has_no_alternatives_to_page(qtbot, make_window):
    window = make_window(FakeEngine(reply=REPLY))
    start_story(qtbot, window, seed=5, variants=2)
    qtbot.mouseClick(window.variants.cards[0].use_button, Qt.MouseButton.LeftButton)
    assert window.prompt.pager.isVisible()

    window.new_draft_action.trigger()
    assert not window.prompt.pager.isVisible()
    assert not window.regenerate_action.isEnabled()
    # A variant used now goes to the cursor of the draft in front of the writer.
    qtbot.mouseClick(window.variants.cards[1].use_button, Qt.MouseButton.LeftButton)
    assert window.editor.toPlainText() == seeded(6)


def test_ai_text_is_marked_until_kept(qtbot, make_window):
    window = make_window(FakeEngine(reply=REPLY))
    start_story(qtbot, window, seed=5)
    qtbot.waitUntil(lambda: len(window.editor.extraSelections()) == 1)
    [mark] = window.editor.extraSelections()
    assert mark.cursor.selectedText() == seeded(5)  # the text, not the break before it
    window.keep_output_action.trigger()
    qtbot.waitUntil(lambda: window.editor.extraSelections() == [])
    assert window.editor.toPlainText() == "Before.\n\n" + seeded(5)
    assert not window.prompt.pager.isVisible()
    assert not window.discard_output_action.isEnabled()


def test_discard_puts_back_exactly_what_was_there_selection_included(qtbot, make_window):
    window = make_window(FakeEngine(reply=REPLY))
    wait_ready(qtbot, window)
    text = "Keep this. Rewrite thïs part 👋. Keep that."
    window.editor.setPlainText(text)
    cursor = window.editor.textCursor()
    start = text.index("Rewrite")
    cursor.setPosition(start)
    cursor.setPosition(start + len("Rewrite thïs part 👋.") + 1, cursor.MoveMode.KeepAnchor)
    window.editor.setTextCursor(cursor)
    selected = cursor.selectedText()
    pick_task(window, "rewrite")
    window.generate_action.trigger()
    wait_idle(qtbot, window)
    qtbot.waitUntil(window.generate_action.isEnabled)
    assert REPLY in window.editor.toPlainText()
    window.regenerate_action.trigger()  # discarding after paging still restores the original
    wait_idle(qtbot, window)

    window.discard_output_action.trigger()
    assert window.editor.toPlainText() == text
    assert window.editor.textCursor().selectedText() == selected
    qtbot.waitUntil(lambda: window.editor.extraSelections() == [])
    assert len(records(window)) == 2  # both outputs stay in the history
    window.editor.undo()  # and the discard itself can be undone
    assert REPLY in window.editor.toPlainText()


def test_the_text_before_the_ai_text_is_kept_as_a_revision_once(qtbot, make_window):
    window = make_window(FakeEngine(reply=REPLY))
    start_story(qtbot, window, seed=5)
    window.discard_output_action.trigger()  # back to "Before." exactly
    window.generate_action.trigger()
    wait_idle(qtbot, window)
    library = controller_of(window).drafts._library
    draft_id = controller_of(window).drafts.current_draft_id

    def kept() -> list[tuple[str, str]]:
        return [(r.kind.value, r.body) for r in library.revisions(draft_id)]

    # Written off the GUI thread; the same text twice is kept once.
    qtbot.waitUntil(lambda: kept() == [("generation", "Before.")], timeout=3000)
