"""The token view: shading by probability, the alternatives panel and regenerating from a token."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt, QUrl
from PySide6.QtGui import QColor, QHelpEvent
from PySide6.QtWidgets import QApplication, QListWidget, QToolTip

from desktop_app.domain.generation import TokenAlternative, TokenChoice
from desktop_app.ui.token_view import TokenView


def choice(token_id: int, text: str, probability: float, *rivals: tuple[int, str, float]):
    """A token whose alternatives are itself and `rivals`, likeliest first."""
    alternatives = sorted(
        [TokenAlternative(token_id, text or "\ufffd", probability)]
        + [TokenAlternative(*rival) for rival in rivals],
        key=lambda a: -a.probability,
    )
    return TokenChoice(token_id, text, probability, tuple(alternatives))


TOKENS = [
    choice(1, "The", 0.95, (2, "A", 0.03)),
    choice(3, " castle", 0.1, (4, " house", 0.3), (5, " tower", 0.2), (6, " town", 0.15)),
    choice(7, " stood", 0.6, (8, " was", 0.3)),
    choice(9, " on", 0.412, (10, " above", 0.3), (11, "\n", 0.1), (12, " ", 0.05)),
    choice(13, " the", 0.9),
    choice(14, " hill", 0.7, (15, " cliff", 0.1)),
    choice(16, ".\n\n", 0.5, (17, ",", 0.4)),
]


def make_view(qtbot, tokens=TOKENS, **kwargs) -> TokenView:
    view = TokenView(tokens, "A castle", **kwargs)
    qtbot.addWidget(view)
    return view


def click_token(view: TokenView, index: int) -> None:
    view.browser.anchorClicked.emit(QUrl(f"tok:{index}"))


def item_texts(widget: QListWidget) -> list[str]:
    return [widget.item(row).text() for row in range(widget.count())]


def background_of(view: TokenView, index: int) -> QColor:
    """The background of the visible (non-space) text of token `index` in the browser."""
    block = view.browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fmt.anchorHref() == f"tok:{index}" and fragment.text().strip():
                return fmt.background().color()
            it += 1
        block = block.next()
    raise AssertionError(f"no text for token {index}")


def test_shows_the_text_token_by_token(qtbot):
    view = make_view(qtbot)
    assert view.objectName() == "tokenView"
    assert view.windowTitle() == "Tokens – A castle"
    assert view.browser.toPlainText() == "The castle stood on the hill.\n\n"


def test_an_unsure_token_is_shaded_more_strongly_than_a_sure_one(qtbot):
    view = make_view(qtbot)
    base = view.palette().color(view.palette().ColorRole.Base)
    sure, unsure = background_of(view, 0), background_of(view, 1)
    assert sure != unsure

    def distance(colour: QColor) -> int:
        return sum(abs(a - b) for a, b in zip(colour.getRgb()[:3], base.getRgb()[:3], strict=True))

    assert distance(sure) < distance(unsure)


def test_the_first_token_is_selected_at_first(qtbot):
    view = make_view(qtbot)
    assert view.selected_index == 0
    assert view.details.text() == "Token 1 of 7: “The” · 95.0%"


def test_clicking_a_token_lists_its_alternatives(qtbot):
    view = make_view(qtbot)
    click_token(view, 3)
    assert view.selected_index == 3
    assert view.details.text() == "Token 4 of 7: “ on” · 41.2%"
    assert item_texts(view.alternatives) == [
        "✓ “ on”  —  41.2%  (chosen)",
        "“ above”  —  30.0%",
        "“⏎”  —  10.0%",
        "“␣”  —  5.0%",
    ]


def test_an_alternative_regenerates_from_its_token(qtbot):
    view = make_view(qtbot)
    click_token(view, 3)
    view.alternatives.setCurrentRow(1)
    assert view.regenerate.isEnabled()
    with qtbot.waitSignal(view.regenerateRequested) as blocker:
        qtbot.mouseClick(view.regenerate, Qt.MouseButton.LeftButton)
    assert blocker.args == [3, 10]
    assert view.result() == TokenView.DialogCode.Accepted


def test_enter_on_an_alternative_regenerates(qtbot):
    view = make_view(qtbot)
    view.show()
    click_token(view, 1)
    view.alternatives.setFocus()
    view.alternatives.setCurrentRow(0)  # " house", likelier than the chosen " castle"
    with qtbot.waitSignal(view.regenerateRequested) as blocker:
        qtbot.keyClick(view.alternatives, Qt.Key.Key_Return)
    assert blocker.args == [1, 4]
    assert not view.isVisible()


def test_the_chosen_token_itself_cannot_regenerate(qtbot):
    view = make_view(qtbot)
    view.show()
    click_token(view, 3)
    assert view.alternatives.currentRow() == 0  # the chosen token
    assert not view.regenerate.isEnabled()
    with qtbot.assertNotEmitted(view.regenerateRequested):
        qtbot.keyClick(view.alternatives, Qt.Key.Key_Return)
    assert view.isVisible()


def test_regenerating_is_off_when_the_model_is_not_loaded(qtbot):
    view = make_view(qtbot, can_regenerate=False)
    click_token(view, 3)
    view.alternatives.setCurrentRow(1)
    assert not view.regenerate.isEnabled()
    assert "not loaded" in view.regenerate.toolTip()


def test_arrow_keys_and_buttons_step_through_tokens(qtbot):
    view = make_view(qtbot)
    qtbot.keyClick(view.browser, Qt.Key.Key_Right)
    qtbot.keyClick(view.browser, Qt.Key.Key_Right)
    assert view.selected_index == 2
    qtbot.mouseClick(view.previous, Qt.MouseButton.LeftButton)
    assert view.selected_index == 1
    click_token(view, 6)
    assert not view.next.isEnabled()


def test_the_tooltip_lists_the_top_alternatives(qtbot):
    view = make_view(qtbot)
    text = view.tooltip_text(1)
    assert text.splitlines()[0] == "“ castle” · 10.0%"
    for line in ("30.0%  “ house”", "20.0%  “ tower”", "10.0%  “ castle” (chosen)"):
        assert line in text
    assert view.anchor_tooltip("tok:1").startswith("<p")
    assert view.anchor_tooltip("") == ""


# The offscreen platform warns when the tooltip window is raised; that is not ours.
@pytest.mark.qt_log_ignore("does not support raise")
def test_hovering_a_token_shows_its_tooltip(qtbot):
    view = make_view(qtbot)
    view.show()
    qtbot.waitExposed(view)
    cursor = view.browser.textCursor()
    cursor.setPosition(len("The ca"))
    viewport = view.browser.viewport()
    point = view.browser.cursorRect(cursor).center()
    QApplication.sendEvent(
        viewport, QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point))
    )
    assert "30.0%  “ house”" in QToolTip.text()
    QToolTip.hideText()


def test_a_character_split_over_tokens_is_one_link(qtbot):
    tokens = [
        choice(1, "城", 0.8),
        choice(2, "", 0.6, (3, "\ufffd", 0.3)),  # first bytes of 堡
        choice(4, "堡", 0.99),
    ]
    view = make_view(qtbot, tokens)
    assert view.browser.toPlainText() == "城堡"
    click_token(view, 1)
    assert view.details.text() == "Token 2 of 3: (part of a character) · 60.0%"
    assert view.group_note.text() == "Tokens 2–3 together make “堡”."
    assert item_texts(view.alternatives)[1] == "(part of a character)  —  30.0%"
    view.alternatives.setCurrentRow(1)
    assert view.regenerate.isEnabled()


def test_cjk_and_right_to_left_text_render_unchanged(qtbot):
    texts = ["שלום", " עולם", " 你好", "世界", " & <b>", "🙂"]
    view = make_view(qtbot, [choice(n, text, 0.5) for n, text in enumerate(texts)])
    assert view.browser.toPlainText() == "".join(texts)
    click_token(view, 2)
    assert view.details.text() == "Token 3 of 6: “ 你好” · 50.0%"


def test_no_tokens_says_so(qtbot):
    view = make_view(qtbot, [])
    assert view.message.text().startswith("This generation has no token details")
    assert not view.findChildren(QListWidget)


def test_tab_leaves_the_text_for_the_alternatives(qtbot):
    view = make_view(qtbot)
    with qtbot.waitActive(view):
        view.show()
    assert view.focusWidget() is view.browser
    qtbot.keyClick(view.browser, Qt.Key.Key_Tab)
    assert view.focusWidget() is view.alternatives
    qtbot.keyClick(view.alternatives, Qt.Key.Key_Tab)
    assert view.focusWidget() is view.next  # Regenerate and Previous are disabled here
