"""Model > Train on My Writing…: choose the text, see how much it is, train, watch it learn."""

from __future__ import annotations

import contextlib
import dataclasses
import threading
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.finetune import (
    MIN_WORDS,
    AdapterInfo,
    TrainingProgress,
    TrainingSettings,
    adapter_name_problem,
    approximate_tokens,
    count_words,
    estimate_memory_bytes,
    estimate_seconds,
)
from desktop_app.domain.generation import ModelInfo
from desktop_app.domain.records import DraftSummary
from desktop_app.services.library import Library
from desktop_app.services.training_service import (
    RunState,
    TrainingService,
    TrainingStartError,
    read_training_folder,
)
from desktop_app.ui.loss_chart import LossChart

_DEFAULTS = TrainingSettings()


def duration_text(seconds: float) -> str:
    if seconds < 90:
        return f"{max(1, round(seconds))} s"
    if seconds < 90 * 60:
        return f"{round(seconds / 60)} min"
    return f"{seconds / 3600:.1f} h"


class TrainingDialog(QDialog):
    """Drives one TrainingService; closing the dialog leaves a running training running."""

    useRequested = Signal(str)  # the new adapter's folder
    folderRead = Signal()  # the chosen folder's files are read and summed up
    _folder_read = Signal(int, object, object)  # reading number, texts, problems

    def __init__(
        self,
        service: TrainingService,
        library: Library,
        model: ModelInfo | None,
        spec: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("trainingDialog")
        self._reading = 0  # counts folder reads, so that only the latest one is shown
        self._folder_read.connect(self._on_folder_read, Qt.ConnectionType.QueuedConnection)
        self.setWindowTitle(self.tr("Train on My Writing"))
        self._service = service
        self._library = library
        self._model = model
        self._spec = spec
        self._texts: list[str] = []
        self._paused_run: RunState | None = None
        self._new_adapter: AdapterInfo | None = None
        self._perplexity: dict[str, float] = {}

        layout = QVBoxLayout(self)
        self._build_source(layout)
        self._build_settings(layout)
        self._build_progress(layout)
        self.resize(640, 720)

        service.prepared.connect(self._on_prepared)
        service.evaluated.connect(self._on_evaluated)
        service.progressed.connect(self._on_progress)
        service.paused.connect(self._on_paused)
        service.finished.connect(self._on_finished)
        service.cancelled.connect(self._on_cancelled)
        service.failed.connect(self._on_failed)
        self.draft_list.itemChanged.connect(self._on_drafts_changed)
        self._adopt_existing_run()

    def _build_source(self, layout: QVBoxLayout) -> None:
        intro = QLabel(
            self.tr(
                "Inkwell learns your style by training a small add-on to the model (an "
                "adapter) on your own text. The model itself is not changed, and the adapter "
                "can be turned on and off at any time."
            )
        )
        intro.setWordWrap(True)

        self.drafts_choice = QRadioButton(self.tr("Drafts"))
        self.folder_choice = QRadioButton(self.tr("A folder of .txt, .md or .docx files"))
        self.drafts_choice.setChecked(True)
        choice = QButtonGroup(self)
        choice.addButton(self.drafts_choice)
        choice.addButton(self.folder_choice)
        choices = QHBoxLayout()
        choices.addWidget(QLabel(self.tr("Train on:")))
        choices.addWidget(self.drafts_choice)
        choices.addWidget(self.folder_choice)
        choices.addStretch()

        self.draft_list = QListWidget()
        self.draft_list.setObjectName("trainingDrafts")
        self.draft_list.setAccessibleName(self.tr("Drafts to train on"))
        self.draft_list.setMinimumHeight(130)
        for summary in self._library.drafts():
            self._add_draft(summary)
        self.folder_edit = QLineEdit()
        self.folder_edit.setPlaceholderText(self.tr("Choose a folder…"))
        self.folder_edit.setReadOnly(True)
        self.folder_edit.setAccessibleName(self.tr("Folder to train on"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        folder_row = QWidget()
        folder_layout = QHBoxLayout(folder_row)
        folder_layout.setContentsMargins(0, 0, 0, 0)
        folder_layout.addWidget(self.folder_edit, 1)
        folder_layout.addWidget(browse)
        folder_page = QWidget()
        folder_page_layout = QVBoxLayout(folder_page)
        folder_page_layout.setContentsMargins(0, 0, 0, 0)
        folder_page_layout.addWidget(folder_row)
        folder_page_layout.addStretch()
        self.source_pages = QStackedWidget()
        self.source_pages.addWidget(self.draft_list)
        self.source_pages.addWidget(folder_page)
        self.drafts_choice.toggled.connect(self._on_source_changed)

        self.summary = QLabel()
        self.summary.setObjectName("trainingSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(intro)
        layout.addLayout(choices)
        layout.addWidget(self.source_pages, 1)
        layout.addWidget(self.summary)

    def _build_settings(self, layout: QVBoxLayout) -> None:

        self.name_edit = QLineEdit(self.tr("My style"))
        self.name_edit.setObjectName("adapterName")
        self.name_edit.setMaxLength(60)
        self.advanced_button = QToolButton()
        self.advanced_button.setText(self.tr("Advanced"))
        self.advanced_button.setCheckable(True)
        self.advanced_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advanced_button.setArrowType(Qt.ArrowType.RightArrow)
        self.advanced_button.setAutoRaise(True)
        self.advanced_button.toggled.connect(self._show_advanced)
        form = QFormLayout()
        form.addRow(self.tr("Adapter name:"), self.name_edit)

        self.epochs = QSpinBox()
        self.epochs.setRange(1, 50)
        self.epochs.setValue(_DEFAULTS.epochs)
        self.epochs.setToolTip(self.tr("How many times the training reads all of the text."))
        self.max_steps = QSpinBox()
        self.max_steps.setRange(0, 100_000)
        self.max_steps.setSpecialValueText(self.tr("As the passes give"))
        self.learning_rate = QDoubleSpinBox()
        self.learning_rate.setDecimals(5)
        self.learning_rate.setRange(0.00001, 0.01)
        self.learning_rate.setSingleStep(0.0001)
        self.learning_rate.setValue(_DEFAULTS.learning_rate)
        self.batch_size = QSpinBox()
        self.batch_size.setRange(1, 32)
        self.batch_size.setValue(_DEFAULTS.batch_size)
        self.batch_size.setToolTip(self.tr("Fewer needs less memory; more is steadier."))
        self.advanced = QWidget()
        advanced_form = QFormLayout(self.advanced)
        advanced_form.setContentsMargins(16, 0, 0, 0)
        advanced_form.addRow(self.tr("Passes over the text:"), self.epochs)
        advanced_form.addRow(self.tr("Steps:"), self.max_steps)
        advanced_form.addRow(self.tr("Learning rate:"), self.learning_rate)
        advanced_form.addRow(self.tr("Examples per step:"), self.batch_size)
        self.advanced.hide()
        for box in (self.epochs, self.max_steps, self.batch_size):
            box.valueChanged.connect(self._update_summary)
        layout.addLayout(form)
        layout.addWidget(self.advanced_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.advanced)

    def _build_progress(self, layout: QVBoxLayout) -> None:
        self.progress = QProgressBar()
        self.progress.setObjectName("trainingProgress")
        self.progress.setFormat(self.tr("%v of %m steps"))
        self.progress.setTextVisible(False)  # until the step count is known
        self.progress.setValue(0)
        self.status = QLabel(self.tr("Not started."))
        self.status.setObjectName("trainingStatus")
        self.status.setWordWrap(True)
        self.perplexity_label = QLabel()
        self.perplexity_label.setObjectName("heldOutPerplexity")
        self.chart = LossChart()

        self.start_button = QPushButton(self.tr("Start Training"))
        self.start_button.setObjectName("startTraining")
        self.start_button.setDefault(True)
        self.pause_button = QPushButton(self.tr("Pause"))
        self.resume_button = QPushButton(self.tr("Resume"))
        self.cancel_button = QPushButton(self.tr("Cancel Training"))
        self.use_button = QPushButton(self.tr("Use It Now"))
        close_button = QPushButton(self.tr("Close"))
        self.start_button.clicked.connect(self.start)
        self.pause_button.clicked.connect(self._service.pause)
        self.resume_button.clicked.connect(self.resume)
        self.cancel_button.clicked.connect(self.cancel)
        self.use_button.clicked.connect(self._use)
        close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        for button in (self.start_button, self.pause_button, self.resume_button):
            buttons.addWidget(button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.use_button)
        buttons.addStretch()
        buttons.addWidget(close_button)

        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.perplexity_label)
        layout.addWidget(self.chart, 1)
        layout.addLayout(buttons)

    # Choosing the text

    def _add_draft(self, summary: DraftSummary) -> None:
        item = QListWidgetItem(
            self.tr("%1 — %2 words")
            .replace("%1", summary.title or self.tr("Untitled"))
            .replace("%2", f"{summary.word_count:,}")
        )
        item.setData(Qt.ItemDataRole.UserRole, summary.id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        self.draft_list.addItem(item)

    def check_drafts(self, draft_ids: set[int]) -> None:
        for row in range(self.draft_list.count()):
            item = self.draft_list.item(row)
            state = item.data(Qt.ItemDataRole.UserRole) in draft_ids
            item.setCheckState(Qt.CheckState.Checked if state else Qt.CheckState.Unchecked)

    def use_folder(self, folder: Path) -> None:
        """Reads the folder's files on a thread of their own: a big folder takes a while,
        and the window must not freeze meanwhile. `folderRead` says when it is done."""
        self.folder_choice.setChecked(True)
        self.folder_edit.setText(str(folder))
        self._texts = []
        self._reading += 1
        reading = self._reading
        self._update_summary()
        self.summary.setText(self.tr("Reading the files in %1…").replace("%1", str(folder)))

        def read() -> None:
            texts, problems = read_training_folder(folder)
            with contextlib.suppress(RuntimeError):  # the dialog was closed meanwhile
                self._folder_read.emit(reading, texts, problems)

        threading.Thread(target=read, name="inkwell-training-folder", daemon=True).start()

    @Slot(int, object, object)
    def _on_folder_read(self, reading: int, texts: list[str], problems: list[str]) -> None:
        if reading != self._reading or not self.folder_choice.isChecked():
            return  # another folder was chosen since, or the drafts
        self._texts = texts
        self._update_summary(problems=problems)
        self.folderRead.emit()

    @Slot()
    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Train on the Files in…"))
        if folder:
            self.use_folder(Path(folder))

    @Slot(bool)
    def _on_source_changed(self, drafts: bool) -> None:
        self.source_pages.setCurrentIndex(0 if drafts else 1)
        if drafts:
            self._on_drafts_changed()
        else:
            self._texts = []
            if self.folder_edit.text():
                self.use_folder(Path(self.folder_edit.text()))
            else:
                self._update_summary()

    @Slot()
    def _on_drafts_changed(self, _item: QListWidgetItem | None = None) -> None:
        texts = []
        for row in range(self.draft_list.count()):
            item = self.draft_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                draft = self._library.draft(item.data(Qt.ItemDataRole.UserRole))
                if draft is not None and draft.body.strip():
                    texts.append(draft.body)
        self._texts = texts
        self._update_summary()

    def settings(self) -> TrainingSettings:
        return dataclasses.replace(
            _DEFAULTS,
            epochs=self.epochs.value(),
            max_steps=self.max_steps.value(),
            learning_rate=self.learning_rate.value(),
            batch_size=self.batch_size.value(),
        )

    def _update_summary(self, *_args: object, problems: list[str] | None = None) -> None:
        texts = self._texts
        words = count_words(texts)
        model = self._model
        lines = []
        if problems:
            lines.append(" ".join(problems))
        if not texts:
            lines.append(self.tr("Choose the drafts or the folder to learn from."))
        else:
            settings = self.settings()
            tokens = approximate_tokens(texts)
            blocks = max(1, tokens // settings.block_size)
            held = max(1, round(blocks * settings.held_out_fraction))
            lines.append(
                self.tr("%1 words, about %2 tokens. %3% is held out to measure the result.")
                .replace("%1", f"{words:,}")
                .replace("%2", f"{tokens:,}")
                .replace("%3", str(round(100 * settings.held_out_fraction)))
            )
            if words < MIN_WORDS:
                lines.append(
                    self.tr("That is too little: choose at least %1 words.").replace(
                        "%1", str(MIN_WORDS)
                    )
                )
            elif model is not None:
                steps = settings.total_steps(max(1, blocks - held))
                seen = steps * settings.batch_size * settings.block_size
                memory = estimate_memory_bytes(model.parameter_count, model.vocab_size, settings)
                lines.append(
                    self.tr("About %1 steps, %2 on this computer, using about %3 GB of memory.")
                    .replace("%1", f"{steps:,}")
                    .replace("%2", duration_text(estimate_seconds(model.parameter_count, seen)))
                    .replace("%3", f"{memory / 2**30:.1f}")
                )
        if model is None:
            lines.append(self.tr("Load a model on this computer to train it."))
        self.summary.setText("\n".join(lines))
        self._update_buttons()

    @Slot(bool)
    def _show_advanced(self, shown: bool) -> None:
        self.advanced.setVisible(shown)
        self.advanced_button.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )

    # Training

    @Slot()
    def start(self) -> None:
        model = self._model
        problem = adapter_name_problem(self.name_edit.text())
        if model is None or problem:
            self.status.setText(problem or self.tr("Load a model on this computer first."))
            return
        self._perplexity.clear()
        self.perplexity_label.clear()
        self.chart.set_losses([])
        self.progress.setValue(0)
        try:
            self._service.start(
                name=self.name_edit.text().strip(),
                spec=self._spec,
                base_model_id=model.model_id,
                texts=self._texts,
                settings=self.settings(),
            )
        except TrainingStartError as exc:
            self.status.setText(str(exc))
            return
        self.status.setText(self.tr("Loading the model for training…"))
        self._update_buttons()

    @Slot()
    def resume(self) -> None:
        run = self._paused_run or self._service.current
        if run is None:
            return
        try:
            self._service.resume(run)
        except TrainingStartError as exc:
            self.status.setText(str(exc))
            return
        self._paused_run = None
        self.status.setText(self.tr("Loading the model to go on training…"))
        self._update_buttons()

    @Slot()
    def cancel(self) -> None:
        if self._paused_run is not None and not self._service.running:
            self._service.discard(self._paused_run)
            self._paused_run = None
            self._on_cancelled()
            return
        self._service.cancel()
        self.status.setText(self.tr("Cancelling…"))

    def _adopt_existing_run(self) -> None:
        service = self._service
        if service.running and service.current is not None:
            self.name_edit.setText(service.current.name)
            self.status.setText(self.tr("Training “%1”…").replace("%1", service.current.name))
        else:
            runs = service.paused_runs()
            if runs:
                self._show_paused_run(runs[0])
        self._update_summary()

    def _show_paused_run(self, run: RunState) -> None:
        self._paused_run = run
        self.name_edit.setText(run.name)
        self.chart.set_losses(list(run.losses))
        self.progress.setRange(0, max(1, run.total_steps))
        self.progress.setValue(run.step)
        self.progress.setTextVisible(True)
        self.status.setText(
            self.tr("“%1” is paused at step %2 of %3. Resume it, or cancel it to start anew.")
            .replace("%1", run.name)
            .replace("%2", str(run.step))
            .replace("%3", str(run.total_steps))
        )

    def _update_buttons(self) -> None:
        running = self._service.running
        paused = not running and (self._paused_run is not None or self._service.current is not None)
        idle = not running and not paused
        self.start_button.setVisible(idle)
        self.start_button.setEnabled(idle and bool(self._texts) and self._model is not None)
        self.pause_button.setVisible(running)
        self.resume_button.setVisible(paused)
        self.cancel_button.setVisible(running or paused)
        self.use_button.setVisible(idle and self._new_adapter is not None)
        for widget in (self.drafts_choice, self.folder_choice, self.source_pages, self.name_edit):
            widget.setEnabled(idle)
        self.advanced.setEnabled(idle)

    @Slot(object)
    def _on_prepared(self, facts: dict[str, int]) -> None:
        self.progress.setRange(0, facts["total_steps"])
        self.progress.setTextVisible(True)
        self.status.setText(
            self.tr(
                "%1 words, %2 tokens: %3 examples to learn from, %4 held out. Measuring the "
                "model before training…"
            )
            .replace("%1", f"{facts['words']:,}")
            .replace("%2", f"{facts['tokens']:,}")
            .replace("%3", f"{facts['train_blocks']:,}")
            .replace("%4", f"{facts['held_out_blocks']:,}")
        )

    @Slot(str, float)
    def _on_evaluated(self, when: str, perplexity: float) -> None:
        self._perplexity[when] = perplexity
        before, after = self._perplexity.get("before"), self._perplexity.get("after")
        text = self.tr("Perplexity on the held-out text: %1 before training").replace(
            "%1", f"{before:.1f}" if before is not None else "—"
        )
        if after is not None:
            text += self.tr(", %1 after (lower is better)").replace("%1", f"{after:.1f}")
        self.perplexity_label.setText(text)

    @Slot(object)
    def _on_progress(self, progress: TrainingProgress) -> None:
        self.progress.setRange(0, progress.total_steps)
        self.progress.setValue(progress.step)
        self.progress.setTextVisible(True)
        self.chart.append(progress.loss)
        self.status.setText(
            self.tr("Step %1 of %2 · loss %3 · %4 tokens/s · %5 left")
            .replace("%1", f"{progress.step:,}")
            .replace("%2", f"{progress.total_steps:,}")
            .replace("%3", f"{progress.loss:.3f}")
            .replace("%4", f"{progress.tokens_per_second:,.0f}")
            .replace("%5", duration_text(progress.seconds_left))
        )

    @Slot(int)
    def _on_paused(self, step: int) -> None:
        self.status.setText(
            self.tr(
                "Paused at step %1. Resume now or later, even after restarting Inkwell."
            ).replace("%1", str(step))
        )
        self._update_buttons()

    @Slot(object)
    def _on_finished(self, adapter: AdapterInfo) -> None:
        self._new_adapter = adapter
        self.progress.setValue(self.progress.maximum())
        self.status.setText(
            self.tr(
                "The adapter “%1” is ready. Use it now, or later from Model > Adapters."
            ).replace("%1", adapter.name)
        )
        self._update_buttons()

    @Slot()
    def _on_cancelled(self) -> None:
        self.chart.set_losses([])
        self.progress.setValue(0)
        self.status.setText(self.tr("Training cancelled. Nothing was saved."))
        self._update_buttons()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.status.setText(message)
        self._update_buttons()

    @Slot()
    def _use(self) -> None:
        if self._new_adapter is not None:
            self.useRequested.emit(self._new_adapter.path)
