"""Tells screen readers about generations without reading every token aloud.

A screen reader announces a text change on the editor once per change, which for a
streamed output is once per chunk: unusable. Instead this announces the start, then whole
sentences as they complete (at most one announcement every couple of seconds), and at the
end what is left plus a summary; a stop or an error is said briefly.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

from desktop_app.domain.drafts import word_count
from desktop_app.domain.generation import GenerationResult, StopReason
from desktop_app.services.model_service import ModelService
from desktop_app.ui.main_window import MainWindow

Politeness = QAccessible.AnnouncementPoliteness
Send = Callable[[QObject, str, Politeness], None]

# The end of a sentence: its punctuation, closing quotes or brackets, then a space (CJK
# sentences run on without one). While text streams in, "3." may still become "3.5": a
# sentence only counts as ended once the space after it has arrived.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)）」』]*\s|[。！？]+[”’」』）)]*")

MIN_INTERVAL_S = 2.0


def send_announcement(target: QObject, message: str, politeness: Politeness) -> None:
    event = QAccessibleAnnouncementEvent(target, message)
    event.setPoliteness(politeness)
    QAccessible.updateAccessibility(event)


class GenerationAnnouncer(QObject):
    """Announces the window's generations on its editor, where they stream to."""

    def __init__(
        self,
        window: MainWindow,
        model: ModelService,
        *,
        send: Send | None = None,  # where announcements go; tests listen here
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(window)
        self._target = window.editor
        self._send = send or send_announcement

        self._clock = clock
        self._request_id = ""
        self._pending = ""  # streamed text not announced yet
        self._last_said = float("-inf")
        # Stop is enabled exactly while a generation runs (MainWindow.set_generating).
        window.stop_action.enabledChanged.connect(self._on_running_changed)
        model.chunkReceived.connect(self._on_chunk)
        model.generationFinished.connect(self._on_finished)
        model.generationFailed.connect(self._on_failed)
        model.loadFailed.connect(self._on_load_failed)

    def _say(self, message: str, politeness: Politeness = Politeness.Polite) -> None:
        self._last_said = self._clock()
        self._send(self._target, message, politeness)

    @Slot(bool)
    def _on_running_changed(self, running: bool) -> None:
        if running:
            self._request_id, self._pending = "", ""
            self._say(self.tr("Generating…"))

    @Slot(str, int, str)
    def _on_chunk(self, request_id: str, variant: int, text: str) -> None:
        if variant != 0:
            return  # several variants at once would be read interleaved: only the first is
        if request_id != self._request_id:
            self._request_id, self._pending = request_id, ""
        self._pending += text
        if self._clock() - self._last_said < MIN_INTERVAL_S:
            return
        cut = _last_sentence_end(self._pending)
        if cut:
            sentences, self._pending = self._pending[:cut], self._pending[cut:]
            if sentences.strip():
                self._say(sentences.strip())

    @Slot(str, object)
    def _on_finished(self, request_id: str, results: Sequence[GenerationResult]) -> None:
        if not results:
            return
        first = results[0]
        rest = self._pending.strip() if request_id == self._request_id else first.text.strip()
        self._request_id, self._pending = "", ""
        if len(results) > 1:
            summary = self.tr("Generation finished: %n variants ready.", "", len(results))
        elif first.stop_reason is StopReason.CANCELLED:
            summary = self.tr("Generation stopped: %n words.", "", word_count(first.text))
        else:
            summary = self.tr("Generation finished: %n words.", "", word_count(first.text))
        self._say(f"{rest} {summary}" if rest and len(results) == 1 else summary)

    @Slot(str, str)
    def _on_failed(self, _request_id: str, message: str) -> None:
        self._request_id, self._pending = "", ""
        self._say(self.tr("Generation failed: %1").replace("%1", message), Politeness.Assertive)

    @Slot(str, str)
    def _on_load_failed(self, message: str, _where: str) -> None:
        self._say(
            self.tr("The model could not load: %1").replace("%1", message), Politeness.Assertive
        )


def _last_sentence_end(text: str) -> int:
    """Where the last complete sentence of `text` ends; 0 if none has."""
    end = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
    return end
