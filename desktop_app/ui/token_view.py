"""The token view: a finished generation token by token, shaded by how sure the model was.

Hovering a token lists the likeliest tokens the model weighed at that point; picking one
of them asks for the text to be regenerated from there with that token in its place.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from math import prod

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QHelpEvent, QKeyEvent, QPalette, QTextBlockFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.generation import TokenAlternative, TokenChoice
from desktop_app.ui.naming import named

_SCHEME = "tok"
_AMBER = QColor(255, 176, 0)
# How much amber the least likely token gets; dark palettes get less so light text stays legible.
_MAX_SHADE_LIGHT = 0.75
_MAX_SHADE_DARK = 0.5
_LEGEND_STEPS = (0.99, 0.8, 0.5, 0.2, 0.05)


class _TokenBrowser(QTextBrowser):
    """The running text: tooltips per token, and Left/Right to step from token to token.

    Tab leaves the text instead of visiting every token link, so a long generation is not
    a trap for keyboard users; the arrow keys (and the Previous/Next buttons) step instead.
    """

    stepped = Signal(int)

    def __init__(self, view: TokenView) -> None:
        super().__init__()
        self._view = view
        self.setTabChangesFocus(True)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self._view.anchor_tooltip(self.anchorAt(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def focusNextPrevChild(self, forward: bool) -> bool:
        # QTextBrowser's own would move to the next link, whatever tabChangesFocus says.
        return QTextEdit.focusNextPrevChild(self, forward)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}.get(Qt.Key(event.key()))
        if step is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.stepped.emit(step)
            return
        super().keyPressEvent(event)


class TokenView(QDialog):
    """Shows `tokens` as text; emits regenerateRequested(token index, alternative token id)."""

    regenerateRequested = Signal(int, int)

    def __init__(
        self,
        tokens: Sequence[TokenChoice],
        title: str,
        parent: QWidget | None = None,
        *,
        can_regenerate: bool = True,
    ) -> None:
        super().__init__(parent)
        named(self, "tokenView")
        self.setWindowTitle(self.tr("Tokens – {title}").format(title=title))
        self.tokens = tuple(tokens)
        self.can_regenerate = can_regenerate
        self.selected_index = -1
        self._spans = _spans(self.tokens)
        self._span_of = [
            n for n, (start, stop) in enumerate(self._spans) for _ in range(start, stop)
        ]
        self._positions: dict[int, tuple[int, int]] = {}  # span start -> document range

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.close_button = named(
            buttons.button(QDialogButtonBox.StandardButton.Close), "tokenViewClose"
        )
        self.close_button.setAccessibleName(self.tr("Close"))
        layout = QVBoxLayout(self)

        if not self.tokens:
            self.message = named(
                QLabel(
                    self.tr(
                        "This generation has no token details (it was made before Inkwell "
                        "recorded them, or it failed)."
                    )
                ),
                "tokenViewEmpty",
            )
            self.message.setWordWrap(True)
            self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(self.message, 1)
            layout.addWidget(buttons)
            self.resize(480, 200)
            return

        intro = named(
            QLabel(
                self.tr(
                    "A GPT writes one token (a word or a piece of one) at a time, each time "
                    "choosing among the tokens it finds likely. The shade shows how sure the "
                    "model was: the stronger the colour, the less sure. Click a token to see "
                    "what else it considered."
                )
            ),
            "tokenViewIntro",
        )
        intro.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_text())
        splitter.addWidget(self._build_details())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([460, 280])
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        # Enter in the list regenerates (itemActivated); it must not also press a button.
        for button in (self.regenerate, self.previous, self.next, self.close_button):
            button.setAutoDefault(False)
        self.setTabOrder(self.browser, self.alternatives)
        self.setTabOrder(self.alternatives, self.regenerate)
        self.setTabOrder(self.regenerate, self.previous)
        self.setTabOrder(self.previous, self.next)
        self.setTabOrder(self.next, self.close_button)
        self.resize(760, 480)

        self._render()
        self.select_token(0)
        self.browser.setFocus()

    def _build_text(self) -> QWidget:
        self.browser = named(_TokenBrowser(self), "tokenText")
        self.browser.setAccessibleName(self.tr("Generated text, token by token"))
        self.browser.setAccessibleDescription(
            self.tr("Left and Right arrow keys step from token to token.")
        )
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._on_anchor)
        self.browser.stepped.connect(self._step)
        self.legend = named(QLabel(), "tokenLegend")
        self.legend.setWordWrap(True)
        side = QWidget()
        layout = QVBoxLayout(side)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.legend)
        return side

    def _build_details(self) -> QWidget:
        self.details = named(QLabel(), "tokenDetails")
        self.details.setTextFormat(Qt.TextFormat.PlainText)  # token text is never markup
        self.details.setWordWrap(True)
        font = self.details.font()
        font.setBold(True)
        self.details.setFont(font)
        self.group_note = named(QLabel(), "tokenGroupNote")
        self.group_note.setTextFormat(Qt.TextFormat.PlainText)
        self.group_note.setWordWrap(True)
        considered = QLabel(self.tr("The model also considered:"))
        self.alternatives = named(QListWidget(), "tokenAlternatives")
        self.alternatives.setAccessibleName(self.tr("Alternatives for the selected token"))
        self.alternatives.setWordWrap(True)
        self.alternatives.setSpacing(2)
        self.alternatives.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        considered.setBuddy(self.alternatives)
        self.alternatives.currentItemChanged.connect(self._update_regenerate)
        self.alternatives.itemActivated.connect(self._regenerate)

        self.regenerate = named(QPushButton(self.tr("&Regenerate from Here")), "regenerateButton")
        self.regenerate.setAccessibleName(self.tr("Regenerate from here"))
        self.regenerate.clicked.connect(self._regenerate)
        self.previous = named(QPushButton(self.tr("◀ &Previous")), "previousTokenButton")
        self.previous.setAccessibleName(self.tr("Previous token"))
        self.previous.clicked.connect(lambda: self._step(-1))
        self.next = named(QPushButton(self.tr("&Next ▶")), "nextTokenButton")
        self.next.setAccessibleName(self.tr("Next token"))
        self.next.clicked.connect(lambda: self._step(1))

        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.details)
        layout.addWidget(self.group_note)
        layout.addWidget(considered)
        layout.addWidget(self.alternatives, 1)
        layout.addWidget(self.regenerate)
        steps = QHBoxLayout()
        steps.addWidget(self.previous)
        steps.addWidget(self.next)
        layout.addLayout(steps)
        return panel

    # The running text

    def shade(self, probability: float) -> QColor:
        """The background for a token: the palette's own for a sure one, amber for a guess."""
        base = self.palette().color(QPalette.ColorRole.Base)
        strongest = _MAX_SHADE_DARK if base.lightnessF() < 0.5 else _MAX_SHADE_LIGHT
        weight = strongest * (1.0 - min(max(probability, 0.0), 1.0))
        return QColor.fromRgbF(
            base.redF() + (_AMBER.redF() - base.redF()) * weight,
            base.greenF() + (_AMBER.greenF() - base.greenF()) * weight,
            base.blueF() + (_AMBER.blueF() - base.blueF()) * weight,
        )

    def _render(self) -> None:
        text_colour = self.palette().color(QPalette.ColorRole.Text).name()
        parts = []
        for start, stop in self._spans:
            text = "".join(token.text for token in self.tokens[start:stop])
            # A character split over several tokens is only as likely as all of them together.
            background = self.shade(prod(t.probability for t in self.tokens[start:stop]))
            link = f'<a href="{_SCHEME}:{start}" style="color:{text_colour}; text-decoration:none'
            # The space before a word stays unshaded, so neighbouring shaded words stay apart.
            word = text.lstrip() or text
            lead = text[: len(text) - len(word)]
            if lead:
                parts.append(f'{link}">{escape(lead)}</a>')
            parts.append(f'{link}; background-color:{background.name()}">{escape(word)}</a>')
        self.browser.setHtml(f'<div style="white-space:pre-wrap">{"".join(parts)}</div>')
        spacing = QTextBlockFormat()
        spacing.setLineHeight(135, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        cursor = QTextCursor(self.browser.document())
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.mergeBlockFormat(spacing)
        self._positions = _anchor_ranges(self.browser)

        swatches = " ".join(
            f'<span style="background-color:{self.shade(p).name()}; color:{text_colour}">'
            f"&nbsp;{p:.0%}&nbsp;</span>"
            for p in _LEGEND_STEPS
        )
        self.legend.setText(
            self.tr("Sure {swatches} Unsure").format(swatches=swatches)
            + "<br><small>"
            + escape(self.tr("Hover over a token for its likeliest alternatives."))
            + "</small>"
        )

    def anchor_tooltip(self, href: str) -> str:
        """Rich text for the tooltip of the token link `href`; "" when it is no token."""
        index = _anchor_index(href)
        if index is None or not 0 <= index < len(self.tokens):
            return ""
        lines = escape(self.tooltip_text(index)).replace("\n", "<br>")
        return f"<p style='white-space:pre'>{lines}</p>"

    def tooltip_text(self, index: int) -> str:
        """What hovering token `index` says: its probability and the top five alternatives."""
        token = self.tokens[index]
        lines = [
            self.tr("{text} · {percent}").format(
                text=self._chosen_text(token), percent=_percent(token.probability)
            )
        ]
        start, stop = self._spans[self._span_of[index]]
        if stop - start > 1:
            lines.append(self._group_text(start, stop))
        if token.alternatives:
            lines.append(self.tr("Likeliest choices here:"))
            for alternative in token.alternatives[:5]:
                mark = self.tr(" (chosen)") if alternative.token_id == token.token_id else ""
                lines.append(
                    f"  {_percent(alternative.probability):>6}  "
                    f"{self.shown_text(alternative.text)}{mark}"
                )
        return "\n".join(lines)

    def _on_anchor(self, url: QUrl) -> None:
        index = _anchor_index(url.toString())
        if index is not None and 0 <= index < len(self.tokens):
            self.select_token(index)

    def _step(self, delta: int) -> None:
        self.select_token(min(max(self.selected_index + delta, 0), len(self.tokens) - 1))

    # The selected token

    def select_token(self, index: int) -> None:
        self.selected_index = index
        token = self.tokens[index]
        self.details.setText(
            self.tr("Token {number} of {count}: {text} · {percent}").format(
                number=index + 1,
                count=len(self.tokens),
                text=self._chosen_text(token),
                percent=_percent(token.probability),
            )
        )
        start, stop = self._spans[self._span_of[index]]
        self.group_note.setText(self._group_text(start, stop) if stop - start > 1 else "")
        self.group_note.setVisible(stop - start > 1)

        self.alternatives.clear()
        for alternative in token.alternatives:
            chosen = alternative.token_id == token.token_id
            label = f"{self.shown_text(alternative.text)}  —  {_percent(alternative.probability)}"
            item = QListWidgetItem(
                self.tr("✓ {label}  (chosen)").format(label=label) if chosen else label
            )
            item.setData(Qt.ItemDataRole.UserRole, alternative.token_id)
            if chosen:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.alternatives.addItem(item)
            if chosen:
                # Start on what the model chose; the user moves to a rival to regenerate.
                self.alternatives.setCurrentItem(item)
        self._update_regenerate()
        self.previous.setEnabled(index > 0)
        self.next.setEnabled(index < len(self.tokens) - 1)
        self._highlight(start)

    def selected_alternative(self) -> TokenAlternative | None:
        row = self.alternatives.currentRow()
        token = self.tokens[self.selected_index]
        return token.alternatives[row] if 0 <= row < len(token.alternatives) else None

    def _highlight(self, span_start: int) -> None:
        """Marks the selected token's span with the palette's selection colours."""
        if span_start not in self._positions:  # a generation that ended mid-character
            self.browser.setExtraSelections([])
            return
        begin, end = self._positions[span_start]
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(begin)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format.setBackground(self.palette().color(QPalette.ColorRole.Highlight))
        selection.format.setForeground(self.palette().color(QPalette.ColorRole.HighlightedText))
        self.browser.setExtraSelections([selection])
        self._scroll_to(cursor)

    def _scroll_to(self, cursor: QTextCursor) -> None:
        rect = self.browser.cursorRect(cursor)
        bar = self.browser.verticalScrollBar()
        viewport_height = self.browser.viewport().height()
        if rect.top() < 0:
            bar.setValue(bar.value() + rect.top())
        elif rect.bottom() > viewport_height:
            bar.setValue(bar.value() + rect.bottom() - viewport_height)

    def _update_regenerate(self) -> None:
        alternative = self.selected_alternative()
        chosen = self.tokens[self.selected_index].token_id
        if not self.can_regenerate:
            reason = self.tr(
                "Regenerating needs the model that wrote this text, and it is not loaded."
            )
        elif alternative is None:
            reason = self.tr("Pick one of the alternatives first.")
        elif alternative.token_id == chosen:
            reason = self.tr("This is what the model chose; pick another token to try it.")
        else:
            reason = ""
        self.regenerate.setEnabled(not reason)
        self.regenerate.setToolTip(
            reason
            or self.tr(
                "Keep the text before this token, put the selected alternative in its place, "
                "and let the model write on from there."
            )
        )

    def _regenerate(self) -> None:
        alternative = self.selected_alternative()
        if self.regenerate.isEnabled() and alternative is not None:
            self.regenerateRequested.emit(self.selected_index, alternative.token_id)
            self.accept()

    # Wording

    def shown_text(self, text: str) -> str:
        """A token's text as a list shows it: quoted, with whitespace made visible."""
        if not text.replace("\ufffd", ""):
            return self.tr("(part of a character)")
        shown = text.replace("\r", "").replace("\n", "⏎").replace("\t", "⇥")
        if not shown.strip():
            shown = shown.replace(" ", "␣")
        if "\ufffd" in shown:
            return self.tr("“{text}” (part of a character)").format(
                text=shown.replace("\ufffd", "")
            )
        return f"“{shown}”"

    def _chosen_text(self, token: TokenChoice) -> str:
        if token.text:
            return self.shown_text(token.text)
        # An incomplete character: its own text says "part of a character" too.
        own = next((a.text for a in token.alternatives if a.token_id == token.token_id), "")
        return self.shown_text(own)

    def _group_text(self, start: int, stop: int) -> str:
        text = "".join(token.text for token in self.tokens[start:stop])
        return self.tr("Tokens {first}–{last} together make {text}.").format(
            first=start + 1, last=stop, text=self.shown_text(text)
        )


def _spans(tokens: Sequence[TokenChoice]) -> list[tuple[int, int]]:
    """Token ranges shown as one link: a token with no text of its own (the first bytes of a
    character) joins the token that completes the character; trailing ones join the last."""
    spans: list[tuple[int, int]] = []
    start = 0
    for index, token in enumerate(tokens):
        if token.text:
            spans.append((start, index + 1))
            start = index + 1
    if start < len(tokens):
        if spans:
            spans[-1] = (spans[-1][0], len(tokens))
        else:
            spans.append((start, len(tokens)))
    return spans


def _anchor_ranges(browser: QTextBrowser) -> dict[int, tuple[int, int]]:
    """Where each token link lies in the document, found from the laid-out text itself
    (positions count UTF-16 units and line breaks, which the token texts alone do not say)."""
    ranges: dict[int, tuple[int, int]] = {}
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            index = _anchor_index(fragment.charFormat().anchorHref())
            if index is not None:
                begin, end = fragment.position(), fragment.position() + fragment.length()
                first, _ = ranges.get(index, (begin, end))
                ranges[index] = (min(first, begin), end)
            it += 1
        block = block.next()
    return ranges


def _anchor_index(href: str) -> int | None:
    scheme, _, number = href.partition(":")
    return int(number) if scheme == _SCHEME and number.isdigit() else None


def _percent(probability: float) -> str:
    percent = probability * 100
    return "<0.1%" if 0 < percent < 0.05 else f"{percent:.1f}%"
