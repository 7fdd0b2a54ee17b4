"""Wires the assistant to the model service: generating into the draft, and the model's status."""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QObject, Qt, Slot
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QTextCursor
from PySide6.QtWidgets import QMessageBox, QPlainTextEdit, QTextEdit, QWidget

from desktop_app.domain.generation import (
    GenerationParams,
    GenerationRequest,
    GenerationResult,
    LoadOptions,
    ModelInfo,
    ModelState,
    SpeedStats,
    StopReason,
)
from desktop_app.domain.prompting import EditorContext, PromptError, build_request
from desktop_app.domain.records import GenerationRecord, GenerationStatus, RevisionKind
from desktop_app.domain.tasks import Placement, Task
from desktop_app.domain.text_search import Utf16
from desktop_app.services.library import Library, StorageError
from desktop_app.services.model_service import ModelService
from desktop_app.ui.announcer import GenerationAnnouncer
from desktop_app.ui.drafts_controller import DraftsController
from desktop_app.ui.editor_tools import EditorTools
from desktop_app.ui.import_export import ImportExportController
from desktop_app.ui.keyboard import KeyboardController
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.model_labels import device_summary, spec_name
from desktop_app.ui.output_slot import Output, OutputSlot
from desktop_app.ui.revisions_controller import RevisionsController
from desktop_app.ui.search_controller import SearchController
from desktop_app.ui.stream_insertion import StreamInsertion
from desktop_app.ui.task_controller import capability_warning
from desktop_app.ui.text_edit import selection_text
from desktop_app.ui.token_view import TokenView
from desktop_app.ui.translations import QT_TRANSLATE_NOOP, task_text

log = logging.getLogger(__name__)

_AI_MARK = "ai-text"  # the editor-marks layer of the AI text awaiting a decision


@dataclass
class _Running:
    request_id: str
    requests: tuple[GenerationRequest, ...]
    generation_ids: list[int | None]  # None where the history could not be written
    placement: Placement
    started: float
    omitted_chars: int  # of the draft, left out of the prompt before it reached the model
    # One output streams into the draft (over `replacing`'s output when it regenerates);
    # several stream into the variant cards and wait there for the writer's choice.
    insertion: StreamInsertion | None
    replacing: OutputSlot | None
    target: QTextCursor  # where the writer's cursor was
    parts: list[list[str]] = field(default_factory=list)  # text received, per variant


@dataclass
class _VariantSet:
    outputs: list[Output]
    placement: Placement
    target: QTextCursor
    used: bool = False


class WritingController(QObject):
    """Generation and the model's status; drafts are the DraftsController's."""

    def __init__(
        self,
        window: MainWindow,
        library: Library,
        model: ModelService,
        model_spec: str,
        notices: list[str] | None = None,
        *,
        load_options: LoadOptions | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._library = library
        self._model = model
        self._model_spec = model_spec
        self._load_options = load_options or LoadOptions()
        self._running: _Running | None = None
        self._saving_to_start = False  # a generation waits for the draft's save to land
        self._start_stopped = False  # and Stop was pressed meanwhile
        self._slot: OutputSlot | None = None  # the last output in the draft, and its rivals
        self._variants: _VariantSet | None = None
        self._load_error: str | None = None
        self._failed_model = ""
        self._shut_down = False
        self.drafts = DraftsController(window, library)
        self.revisions = RevisionsController(window, library, self.drafts)
        self.editor_tools = EditorTools(window)
        self.transfers = ImportExportController(window, library, self.drafts)
        self.search = SearchController(window, library, self.drafts)
        self.keyboard = KeyboardController(window)
        self.announcer = GenerationAnnouncer(window, model)
        self.drafts.draftShown.connect(self._forget_output_place)
        self.drafts.draftShown.connect(self._refresh_history)  # "This draft" follows it
        self._connect()
        self._refresh_history()
        self._show_model_state(model.state)
        for notice in notices or []:
            window.show_error(self.tr("Inkwell started a new library."), notice)

    def _connect(self) -> None:
        w = self._window
        w.prompt.generateRequested.connect(self.generate)
        w.prompt.stopRequested.connect(self.stop)
        w.generate_action.triggered.connect(self.generate)
        w.stop_action.triggered.connect(self.stop)
        w.reload_model_action.triggered.connect(self.load_model)
        w.history.copy_action.triggered.connect(self.copy_selected_output)
        w.history.insert_action.triggered.connect(self.insert_selected_output)
        w.history.rerun_action.triggered.connect(self.rerun_selected)
        w.history.tokens_action.triggered.connect(self.show_selected_tokens)
        w.history.star_action.triggered.connect(self.star_selected)
        w.history.filters.changed.connect(self._refresh_history)
        w.keep_output_action.triggered.connect(self.keep_output)
        w.discard_output_action.triggered.connect(self.discard_output)
        w.regenerate_action.triggered.connect(self.regenerate)
        w.previous_output_action.triggered.connect(lambda: self.page_output(-1))
        w.next_output_action.triggered.connect(lambda: self.page_output(+1))
        w.show_tokens_action.triggered.connect(self.show_output_tokens)
        w.variants.useRequested.connect(self.use_variant)
        w.variants.tokensRequested.connect(self.show_variant_tokens)
        w.editor.document().contentsChanged.connect(self._update_output_actions)
        w.closing.connect(self.shutdown)

        m = self._model
        m.stateChanged.connect(self._show_model_state)
        m.loadProgress.connect(self._on_load_progress)
        m.modelLoaded.connect(self._on_model_loaded)
        m.loadFailed.connect(self._on_load_failed)
        m.chunkReceived.connect(self._on_chunk)
        m.generationFinished.connect(self._on_finished)
        m.generationFailed.connect(self._on_failed)
        m.speedUpdated.connect(self._on_speed)

    @property
    def model_spec(self) -> str:
        return self._model_spec

    @property
    def load_options(self) -> LoadOptions:
        return self._load_options

    def load_model(self) -> None:
        if self._shut_down:
            return  # a load scheduled before the window closed
        self._load_error = None
        self._model.load(self._model_spec, self._load_options)
        self.show_loading()

    def switch_model(self, spec: str, options: LoadOptions, parent: QWidget | None = None) -> bool:
        """Loads `spec` in place of the current model; False if the writer keeps the old one.

        A running generation is stopped first, after asking: what it wrote so far stays.
        """
        if self._running is not None:
            answer = QMessageBox.question(
                parent or self._window,
                self.tr("Switch models?"),
                self.tr(
                    "A generation is running. Stop it and switch to %1? "
                    "The text it has written so far stays in the draft."
                ).replace("%1", spec_name(spec)),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
            self.stop()  # the load queues behind the generation, which ends at once
        self._model_spec, self._load_options = spec, options
        self.load_model()
        return True

    def show_loading(self) -> None:
        """Says "loading" from the first frame; the worker confirms it a moment later."""
        self._show_model_state(ModelState.LOADING)

    # Generation

    @Slot()
    def generate(self) -> None:
        prompt = self._window.prompt
        self._start(
            prompt.current_task(),
            prompt.prompt(),
            prompt.params(),
            prompt.variants.value(),
            prompt.field_values(),
        )

    def _start(
        self,
        task: Task,
        prompt_text: str,
        params: GenerationParams,
        variants: int = 1,
        fields: dict[str, str] | None = None,
    ) -> None:
        self._when_saved(
            functools.partial(self._start_saved, task, prompt_text, params, variants, fields)
        )

    def _start_saved(
        self,
        task: Task,
        prompt_text: str,
        params: GenerationParams,
        variants: int,
        fields: dict[str, str] | None,
    ) -> None:
        window = self._window
        cursor = window.editor.textCursor()
        full_text = window.editor.toPlainText()
        # Qt counts UTF-16 units: each emoji before the cursor would shift a plain slice.
        before = Utf16(full_text).index(cursor.selectionStart())
        context = EditorContext(
            text_before_cursor=full_text[:before],
            selection=selection_text(cursor.selectedText()),
            full_text=full_text,
        )
        try:
            built = build_request(task, prompt_text, context, params, fields)
        except PromptError as exc:
            window.prompt.show_notice(str(exc))
            return
        # Says what the model cannot do, rather than letting it write confident nonsense.
        info = self._model.model_info
        warning = capability_warning(task, built.request.inputs_dict(), info)
        window.prompt.show_capability_notice(warning)
        if warning:
            return
        window.prompt.show_notice(built.notice)
        placement = task.placement
        if placement is Placement.NEW_DRAFT:
            if not self.drafts.open_new_draft(_draft_title(task, prompt_text)):
                return
            placement = Placement.NEW_PARAGRAPH  # at the top of the new, empty draft
        self._launch(built.request.variants(variants), placement, built.omitted_chars)

    def _when_saved(self, start: Callable[[], object]) -> None:
        """Calls `start` once the draft is stored, if a generation can start then.

        A big draft's save lands on the writer thread while the window goes on (see
        `Autosaver.flush_then`): nothing is generated into a draft that cannot be saved,
        and the window does not freeze for the save either.
        """
        if self._running is not None or self._saving_to_start:
            return
        self._saving_to_start = True
        self._start_stopped = False
        # Running from the click on, as far as the window shows (no other draft can open
        # meanwhile); Stop cancels it.
        self._window.set_generating(True, can_generate=True)
        self.drafts.autosaver.flush_then(functools.partial(self._saved_for_start, start))

    def _saved_for_start(self, start: Callable[[], object], saved: bool) -> None:
        self._saving_to_start = False
        if not self._start_stopped and self._can_start(saved):
            start()
        if self._running is None:  # it did not start after all
            self._window.set_generating(False, can_generate=self._model.state is ModelState.READY)

    def _can_start(self, saved: bool) -> bool:
        """Says why not, in the assistant panel, when a generation cannot start now."""
        if self._running is not None:
            return False
        if not saved or self.drafts.current is None:
            self._window.prompt.show_notice(
                self.tr("Your draft cannot be saved right now, so nothing was generated.")
            )
            return False
        if self._model.state is not ModelState.READY or self._model.model_info is None:
            self._window.prompt.show_notice(self.tr("The model is not ready yet."))
            return False
        if self._model.busy:  # a request served to another app has the model this moment
            self._window.prompt.show_notice(
                self.tr("The model is answering a request from the network; try again.")
            )
            return False
        return True

    def _launch(
        self,
        requests: tuple[GenerationRequest, ...],
        placement: Placement,
        omitted_chars: int = 0,
        replacing: OutputSlot | None = None,
    ) -> None:
        window = self._window
        draft = self.drafts.current
        info = self._model.model_info
        if draft is None or info is None:
            return
        generation_ids: list[int | None] = [None] * len(requests)
        try:
            for index, request in enumerate(requests):
                generation_ids[index] = self._library.start_generation(draft.id, request, info)
        except StorageError as exc:
            # The writer still gets the text; the notice says the history missed it.
            window.statusBar().showMessage(
                self.tr("This generation will not be kept in the history: %1").replace(
                    "%1", str(exc)
                )
            )
        # The window's own work comes before the model thread wakes: from then on the GIL
        # is shared with the prompt's reading, and each step here would take longer.
        self._refresh_history()
        before_generation = window.editor.toPlainText()
        single = len(requests) == 1
        insertion = None
        if single:
            replaced = replacing.range() if replacing is not None else None
            insertion = StreamInsertion(window.editor, placement, replacing=replaced)
        else:
            self._variants = None  # the cards are about to show other texts
            window.variants.start(len(requests))
            window.variants_dock.show()
            window.variants_dock.raise_()
        self._running = _Running(
            self._model.generate(*requests),
            requests,
            generation_ids,
            placement,
            time.perf_counter(),
            omitted_chars,
            insertion,
            replacing,
            QTextCursor(window.editor.textCursor()),
            [[] for _ in requests],
        )
        window.set_generating(True, can_generate=True)
        self._update_output_actions()
        # The text as it was before the AI's: kept off the GUI thread, as for a big draft it
        # takes as long to store as a save does (RevisionsController reports a failure).
        # Queued last: database sessions take turns, and the GUI thread's writes above would
        # otherwise wait for this one.
        self.drafts.autosaver.write_later(
            functools.partial(
                self._library.keep_revision, draft.id, before_generation, RevisionKind.GENERATION
            )
        )

    @Slot()
    def stop(self) -> None:
        if self._running is not None:
            self._model.stop()
        elif self._saving_to_start:
            self._start_stopped = True

    @Slot(str, int, str)
    def _on_chunk(self, request_id: str, variant: int, text: str) -> None:
        running = self._running
        if running is None or request_id != running.request_id:
            return
        running.parts[variant].append(text)
        if running.insertion is not None:
            running.insertion.append(text)
        else:
            self._window.variants.cards[variant].append(text)

    @Slot(str, object)
    def _on_finished(self, request_id: str, results: tuple[GenerationResult, ...]) -> None:
        running = self._end(request_id)
        if running is None:
            return
        outputs = []
        for request, generation_id, result in zip(
            running.requests, running.generation_ids, results, strict=True
        ):
            status = (
                GenerationStatus.STOPPED
                if result.stop_reason is StopReason.CANCELLED
                else GenerationStatus.COMPLETED
            )
            if generation_id is not None:
                self._record(
                    functools.partial(
                        self._library.finish_generation, generation_id, result, status
                    )
                )
            outputs.append(Output(generation_id, request, result))
        if running.insertion is not None:
            self._place_single(running, outputs[0], running.insertion)
        else:
            self._show_variants(running, outputs)
        self._window.statusBar().showMessage(self._finish_message(running, results), 15000)
        self._update_output_actions()

    def _place_single(self, running: _Running, output: Output, insertion: StreamInsertion) -> None:
        written = insertion.written()
        if written is None:
            return  # nothing arrived: the draft and any earlier output stay as they were
        if not insertion.intact():
            # The writer typed inside the new text as it streamed: swapping or discarding
            # it would take their words too. It stays as it is, and in the history.
            self._forget_output_place()
            return
        if running.replacing is not None and running.replacing is self._slot:
            self._slot.add(output, insertion)
        else:
            self._slot = OutputSlot(
                self._window.editor,
                running.placement,
                written,
                [output],
                0,
                original=insertion.replaced,
            )
        self._window.variants.show_in_draft(None)

    def _show_variants(self, running: _Running, outputs: list[Output]) -> None:
        for card, output in zip(self._window.variants.cards, outputs, strict=True):
            result = output.result
            status = (
                self.tr("%1 tokens · seed %2")
                .replace("%1", str(result.output_tokens))
                .replace("%2", str(result.seed))
            )
            if result.stop_reason is StopReason.CANCELLED:
                status += " · " + _stop_label(result.stop_reason)
            card.finish(status, has_tokens=bool(result.tokens))
        self._variants = _VariantSet(outputs, running.placement, running.target)

    def _finish_message(self, running: _Running, results: tuple[GenerationResult, ...]) -> str:
        first = results[0]
        if len(results) == 1:
            message = self.tr("%1.").replace("%1", _stop_label(first.stop_reason))
        else:
            message = self.tr("%1 variants written; pick one under the draft.").replace(
                "%1", str(len(results))
            )
        rate = _rate(results)
        if rate is not None:
            message += " " + self.tr("%1 tokens/s.").replace("%1", f"{rate:.1f}")
        info = self._model.model_info
        if info is not None:
            message += " " + self.tr("The prompt used %1 of the model's %2 tokens.").replace(
                "%1", f"{first.prompt_tokens:,}"
            ).replace("%2", f"{info.context_length:,}")
        left_out = first.prompt_tokens_dropped
        if running.omitted_chars and first.rendered_prompt:
            # The draft text cut before tokenizing, at this prompt's own characters per token.
            per_char = first.prompt_tokens / len(first.rendered_prompt)
            left_out += round(running.omitted_chars * per_char)
        if left_out:
            message += " " + self.tr(
                "About %1 tokens of earlier text did not fit and were left out."
            ).replace("%1", f"{left_out:,}")
        return message

    @Slot(str, str)
    def _on_failed(self, request_id: str, error: str) -> None:
        running = self._end(request_id)
        if running is None:
            return
        duration = time.perf_counter() - running.started
        for generation_id, parts in zip(running.generation_ids, running.parts, strict=True):
            if generation_id is not None:
                self._record(
                    functools.partial(
                        self._library.fail_generation,
                        generation_id,
                        error,
                        "".join(parts),
                        duration,
                    )
                )
        for card in self._window.variants.cards if running.insertion is None else ():
            card.finish(self.tr("Failed"), has_tokens=False, usable=False)
        self._update_output_actions()
        if not self._shut_down:
            self._window.show_error(self.tr("Generation failed"), error)

    def _end(self, request_id: str) -> _Running | None:
        running = self._running
        if running is None or running.request_id != request_id:
            return None
        self._running = None
        if running.insertion is not None:
            running.insertion.finish()
        self._window.set_generating(False, can_generate=self._model.state is ModelState.READY)
        if running.insertion is not None and running.insertion.text:
            self.drafts.autosaver.mark_dirty()
        return running

    # Alternatives: variants, regenerating, paging, the token view

    @Slot(int)
    def use_variant(self, index: int) -> None:
        """Puts variant `index` in the draft; a second choice replaces the first."""
        variants = self._variants
        if variants is None or self._running is not None:
            return
        slot = self._slot
        if slot is not None and slot.outputs is variants.outputs and slot.intact():
            slot.show(index)
        else:
            editor = self._window.editor
            if not variants.used:
                editor.setTextCursor(variants.target)  # where the writer asked for it
            insertion = StreamInsertion(editor, variants.placement)
            insertion.append(variants.outputs[index].result.text)
            insertion.finish()
            written = insertion.written()
            if written is None:
                return
            variants.used = True
            self._slot = OutputSlot(
                editor,
                variants.placement,
                written,
                variants.outputs,
                index,
                original=insertion.replaced,
            )
        self.drafts.autosaver.mark_dirty()
        self._window.variants.show_in_draft(index)
        self._update_output_actions()
        self._window.editor.setFocus()

    @Slot()
    def keep_output(self) -> None:
        """The AI text becomes the writer's own: unmarked, and no longer swapped."""
        if self._running is None:
            self._forget_output_place()

    @Slot()
    def discard_output(self) -> None:
        """Puts back exactly what was there before the AI text; it stays in the history."""
        slot = self._slot
        if slot is None or self._running is not None or not slot.intact():
            return
        slot.discard()
        self._slot = None
        if self._variants is not None and slot.outputs is self._variants.outputs:
            self._variants.used = False  # a variant used next goes where this one was
        self._window.variants.show_in_draft(None)
        self.drafts.autosaver.mark_dirty()
        self._update_output_actions()
        self._window.editor.setFocus()

    @Slot()
    def regenerate(self) -> None:
        """Writes the last output again in its place; the old one stays an alternative."""
        if self._slot is not None and self._slot.intact():
            self._when_saved(self._regenerate_saved)

    def _regenerate_saved(self) -> None:
        slot = self._slot
        if slot is None or not slot.intact():  # changed while the draft was being saved
            return
        request = slot.outputs[slot.current].request.again()
        self._launch((request,), slot.placement, replacing=slot)

    def page_output(self, step: int) -> None:
        slot = self._slot
        if slot is None or self._running is not None:
            return
        slot.show(slot.current + step)
        self.drafts.autosaver.mark_dirty()
        self._window.variants.show_in_draft(
            slot.current if self._variants and slot.outputs is self._variants.outputs else None
        )
        self._update_output_actions()

    @Slot()
    def show_output_tokens(self) -> None:
        slot = self._slot
        if slot is not None:
            output = slot.outputs[slot.current]
            label = self._window.prompt.catalogue.label(output.request.task_id)
            self._show_tokens(output, task_text(label))

    @Slot(int)
    def show_variant_tokens(self, index: int) -> None:
        if self._variants is not None:
            output = self._variants.outputs[index]
            self._show_tokens(output, self.tr("Variant %1").replace("%1", str(index + 1)))

    @Slot()
    def show_selected_tokens(self) -> None:
        selected = self._window.history.selected_record()
        if selected is None:
            return
        try:
            record = self._library.generation(selected.id)  # the list leaves logs unread
        except StorageError as exc:
            self._window.show_error(self.tr("The tokens could not be read."), str(exc))
            return
        if record is None:
            return
        slot = self._slot
        index = slot.index_of(record.id) if slot is not None else None
        # From this session, its exact request is still at hand.
        output = slot.outputs[index] if slot is not None and index is not None else None
        output = output or _output_of(record)
        if output is None:
            self._window.prompt.show_notice(
                self.tr("That generation's settings are not available in this version.")
            )
            return
        self._show_tokens(output, task_text(self._window.prompt.catalogue.label(record.task_id)))

    def _show_tokens(self, output: Output, title: str) -> None:
        info = self._model.model_info
        usable = info is not None and info.model_id == output.result.model_id
        view = TokenView(output.result.tokens, title, self._window, can_regenerate=usable)
        view.regenerateRequested.connect(
            lambda index, token: self._regenerate_from(output, index, token)
        )
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view.open()

    def _regenerate_from(self, output: Output, index: int, token: int) -> None:
        """Keeps the output up to token `index`, puts `token` there, and lets the model go on.

        In the output's own place when it is still in the draft as it was put there,
        otherwise at the cursor, like any generation of its task.
        """
        self._when_saved(functools.partial(self._regenerate_from_saved, output, index, token))

    def _regenerate_from_saved(self, output: Output, index: int, token: int) -> None:
        forced = (*(choice.token_id for choice in output.result.tokens[:index]), token)
        request = output.request.again(forced)
        slot = self._slot
        if output.generation_id is not None and slot is not None and slot.intact():
            index_in_slot = slot.index_of(output.generation_id)
            if index_in_slot is not None:
                if index_in_slot != slot.current:
                    slot.show(index_in_slot)  # the output the writer chose a token of
                self._launch((request,), slot.placement, replacing=slot)
                return
        self._launch((request,), self._placement_of(request.task_id))

    def _placement_of(self, task_id: str) -> Placement:
        """Where a task's text goes in the open draft; a new draft's text goes at the cursor."""
        try:
            placement = self._window.prompt.catalogue.get(task_id).placement
        except KeyError:
            return Placement.NEW_PARAGRAPH
        return Placement.NEW_PARAGRAPH if placement is Placement.NEW_DRAFT else placement

    @Slot()
    def _forget_output_place(self) -> None:
        """Another draft: the last output's place is gone; a variant used now goes to the
        cursor, as its original place was in the other draft."""
        self._slot = None
        if self._variants is not None:
            self._variants.used = True
        self._window.variants.show_in_draft(None)
        self._update_output_actions()

    def _update_output_actions(self) -> None:
        w = self._window
        slot = self._slot
        idle = self._running is None
        intact = slot is not None and slot.intact()
        ready = self._model.state is ModelState.READY
        w.regenerate_action.setEnabled(idle and intact and ready)
        w.keep_output_action.setEnabled(idle and slot is not None)
        w.discard_output_action.setEnabled(idle and intact)
        w.previous_output_action.setEnabled(
            idle and intact and slot is not None and slot.current > 0
        )
        w.next_output_action.setEnabled(
            idle and intact and slot is not None and slot.current < len(slot.outputs) - 1
        )
        w.show_tokens_action.setEnabled(
            idle and slot is not None and bool(slot.outputs[slot.current].result.tokens)
        )
        if slot is None:
            w.prompt.pager.hide()
        else:
            w.prompt.pager.show_position(slot.current, len(slot.outputs), intact=intact)
        w.marks.set(_AI_MARK, [_ai_mark(w.editor, slot.range())] if slot and intact else [])

    def _record(self, write: Callable[[], None]) -> None:
        try:
            write()
        except StorageError as exc:
            self._window.statusBar().showMessage(
                self.tr("Could not write the history: %1").replace("%1", str(exc))
            )
        self._refresh_history()

    @Slot()
    def _refresh_history(self) -> None:
        history = self._window.history
        try:
            history.filters.set_facets(*self._library.history_facets())
            history.set_records(
                self._library.history(filters=history.filters.filter(self.drafts.current_draft_id))
            )
        except StorageError as exc:
            log.warning("history unavailable: %s", exc)

    # History actions

    @Slot()
    def copy_selected_output(self) -> None:
        record = self._window.history.selected_record()
        if record is not None:
            QGuiApplication.clipboard().setText(record.output)

    @Slot()
    def insert_selected_output(self) -> None:
        """Puts a past output at the cursor, replacing any selection: one undoable step."""
        record = self._window.history.selected_record()
        if record is None or self._running is not None:
            return
        self._window.editor.textCursor().insertText(record.output)
        self._window.editor.setFocus()

    @Slot(bool)
    def star_selected(self, starred: bool) -> None:
        record = self._window.history.selected_record()
        if record is not None:
            self._record(functools.partial(self._library.star_generation, record.id, starred))

    @Slot()
    def rerun_selected(self) -> None:
        """Generates again with a past run's task, prompt and settings, seed included.

        The assistant panel is left as it is: a re-run is not a change of the writer's settings.
        """
        record = self._window.history.selected_record()
        if record is None:
            return
        try:
            task = self._window.prompt.catalogue.get(record.task_id)
            params = GenerationParams.from_dict({**record.params, "seed": record.seed})
        except (KeyError, ValueError):
            self._window.prompt.show_notice(
                self.tr("That generation's task or settings are not available in this version.")
            )
            return
        fields = {k: v for k, v in record.inputs.items() if k not in ("prompt", "text")}
        self._start(task, record.inputs.get("prompt", ""), params, fields=fields)

    # Model status

    @Slot(object)
    def _show_model_state(self, state: ModelState) -> None:
        w = self._window
        info = self._model.model_info
        name = info.model_id if info else spec_name(self._model_spec)
        if info is not None and state in (ModelState.READY, ModelState.GENERATING):
            name += " · " + device_summary(info)
        if state is ModelState.ERROR and self._load_error:
            text = self.tr("Model error: %1 could not be loaded").replace("%1", self._failed_model)
        else:
            text = {
                ModelState.UNLOADED: self.tr("%1 · not loaded"),
                ModelState.LOADING: self.tr("%1 · loading…"),
                ModelState.READY: self.tr("%1 · ready"),
                ModelState.GENERATING: self.tr("%1 · generating"),
                ModelState.ERROR: self.tr("%1 · error"),
            }[state].replace("%1", name)
        w.model_status.setText(text)
        w.model_status.setToolTip(self._load_error or (info.source if info else ""))
        w.load_progress.setVisible(state is ModelState.LOADING)
        if state is not ModelState.LOADING:
            w.load_progress.setValue(0)
        running = self._running is not None or self._saving_to_start
        w.set_generating(running, can_generate=state is ModelState.READY)
        w.reload_model_action.setEnabled(state in (ModelState.READY, ModelState.ERROR))
        self._update_output_actions()

    @Slot(float, str)
    def _on_load_progress(self, fraction: float, message: str) -> None:
        self._window.load_progress.setValue(round(fraction * 100))
        self._window.statusBar().showMessage(message)

    @Slot(object)
    def _on_model_loaded(self, info: ModelInfo) -> None:
        self._window.statusBar().showMessage(
            self.tr("Model ready: %1 on %2.")
            .replace("%1", info.model_id)
            .replace("%2", device_summary(info)),
            5000,
        )

    @Slot(str, str)
    def _on_load_failed(self, message: str, path: str) -> None:
        self._load_error = message
        self._failed_model = spec_name(path)
        self._show_model_state(ModelState.ERROR)
        self._window.statusBar().clearMessage()
        if not self._shut_down:
            self._window.show_error(
                self.tr("The model %1 could not be loaded.").replace("%1", self._failed_model),
                message,
            )

    @Slot(str, object)
    def _on_speed(self, request_id: str, stats: SpeedStats) -> None:
        if self._running is None or request_id != self._running.request_id:
            return
        name = self._model.model_info.model_id if self._model.model_info else ""
        first = "" if stats.time_to_first_token_s is None else f"{stats.time_to_first_token_s:.2f}"
        self._window.model_status.setText(
            self.tr("%1 · generating · %2 tokens/s · %3 tokens · first after %4 s")
            .replace("%1", name)
            .replace("%2", f"{stats.tokens_per_second:.1f}")
            .replace("%3", str(stats.tokens))
            .replace("%4", first)
        )

    # Shutdown

    @Slot()
    def shutdown(self) -> None:
        """Saves, stops the model thread, then records what the last generation left."""
        if self._shut_down:
            return
        self._shut_down = True
        self.drafts.autosaver.flush()
        self._window.hide()  # a model still loading may take a moment to let go
        self._model.shutdown()
        # Deliver the worker's last queued signals (the stopped generation's result) now,
        # so its row and its text are written before the database closes.
        QCoreApplication.sendPostedEvents(self._model)
        self.drafts.autosaver.flush()
        self.drafts.autosaver.close()


def _rate(results: tuple[GenerationResult, ...]) -> float | None:
    """Tokens a second after the first, over all variants: the model's pace."""
    first = results[0]
    tokens = sum(result.output_tokens for result in results)
    if tokens < 2 or first.time_to_first_token_s is None:
        return None
    elapsed = max(result.duration_s for result in results) - first.time_to_first_token_s
    return (tokens - 1) / elapsed if elapsed > 0 else None


def _stop_label(reason: StopReason) -> str:
    labels = {
        StopReason.CANCELLED: QT_TRANSLATE_NOOP("WritingController", "Stopped"),
        StopReason.LENGTH: QT_TRANSLATE_NOOP("WritingController", "Done (length limit)"),
        StopReason.STOP_SEQUENCE: QT_TRANSLATE_NOOP(
            "WritingController", "Done (stop sequence reached)"
        ),
        StopReason.ERROR: QT_TRANSLATE_NOOP("WritingController", "Failed"),
    }
    label = labels.get(reason, QT_TRANSLATE_NOOP("WritingController", "Done"))
    return QCoreApplication.translate("WritingController", label)


def _ai_mark(editor: QPlainTextEdit, text: QTextCursor) -> QTextEdit.ExtraSelection:
    """A light wash of the highlight colour over AI text awaiting the writer's decision."""
    mark = QTextEdit.ExtraSelection()
    tint = QColor(editor.palette().color(QPalette.ColorRole.Highlight))
    tint.setAlpha(48)
    mark.format.setBackground(tint)
    # The paragraph break before a piece of its own is not worth a coloured stub.
    start, end = text.selectionStart(), text.selectionEnd()
    document = editor.document()
    while start < end and document.characterAt(start) in "\u2029\n":
        start += 1
    mark.cursor = QTextCursor(document)
    mark.cursor.setPosition(start)
    mark.cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return mark


def _draft_title(task: Task, prompt: str) -> str:
    words = " ".join(prompt.split()[:8])
    label = task_text(task.label)
    return f"{label}: {words}" if words else label


def _output_of(record: GenerationRecord) -> Output | None:
    """A past generation as an output that can be regenerated from, from its exact prompt."""
    try:
        params = GenerationParams.from_dict({**record.params, "seed": record.seed})
    except ValueError:
        return None
    request = GenerationRequest(
        task_id=record.task_id,
        inputs=tuple(record.inputs.items()),
        messages=(),
        plain_prompt="",
        params=params,
        rendered_prompt=record.rendered_prompt,
    )
    result = GenerationResult(
        text=record.output,
        stop_reason=record.stop_reason or StopReason.ERROR,
        rendered_prompt=record.rendered_prompt,
        prompt_tokens=record.prompt_tokens or 0,
        output_tokens=record.output_tokens or 0,
        seed=record.seed or 0,
        model_id=record.model_id,
        time_to_first_token_s=record.time_to_first_token_s,
        duration_s=record.duration_s or 0.0,
        tokens=record.tokens,
    )
    return Output(record.id, request, result)
