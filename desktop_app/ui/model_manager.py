"""Model > Manage Models…: the models on this computer, what each needs, and how to run it.

A view: the ModelsController fills it with model cards and the machine's resources as they
arrive from the background reads, and acts on its signals.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from html import escape

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.devices import DeviceOption
from desktop_app.domain.generation import AUTO, LoadOptions
from desktop_app.domain.model_cards import (
    DTYPE_BYTES,
    Fit,
    ModelCard,
    ModelKind,
    estimate_memory_bytes,
    fit_verdict,
    format_parameter_count,
    format_size,
)
from desktop_app.services.model_inspector import MachineResources
from desktop_app.ui.model_download_page import ModelDownloadPage
from desktop_app.ui.model_labels import spec_name
from desktop_app.ui.model_server_page import ModelServerPage
from desktop_app.ui.naming import named
from desktop_app.ui.theme import semantic_colours

_SPEC = Qt.ItemDataRole.UserRole


def _fit_colour(fit: Fit) -> str:
    """Good, warning or bad in the theme's readable shade."""
    colours = semantic_colours()
    return {Fit.FITS: colours.good, Fit.SLOW: colours.warn}.get(fit, colours.bad)


class ModelManagerDialog(QDialog):
    loadRequested = Signal(str, object)  # spec, LoadOptions
    defaultRequested = Signal(str)
    addRequested = Signal(str)  # a file or folder the writer picked or dropped
    removeRequested = Signal(str)

    def __init__(
        self,
        current_spec: str,
        default_spec: str,
        options: LoadOptions,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        named(self, "modelManager")
        self.setWindowTitle(self.tr("Models"))
        self.setAcceptDrops(True)
        self._current = current_spec
        self._default = default_spec
        self._options = options
        self._cards: dict[str, ModelCard] = {}
        self._resources: MachineResources | None = None

        self.tabs = QTabWidget()
        self.tabs.addTab(self._local_page(), self.tr("On This Computer"))
        self.download_page = ModelDownloadPage()
        self.tabs.addTab(self.download_page, self.tr("Download"))
        self.server_page = ModelServerPage()
        self.tabs.addTab(self.server_page, self.tr("Servers"))
        self.options_box = self._options_box()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.default_button = named(QPushButton(self.tr("Set as &Default")), "setDefaultModel")
        self.default_button.setToolTip(self.tr("Load this model whenever Inkwell starts"))
        self.load_button = named(QPushButton(self.tr("&Load")), "loadModel")
        self.load_button.setDefault(True)
        buttons.addButton(self.default_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.load_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.default_button.clicked.connect(self._set_default)
        self.load_button.clicked.connect(self._load)

        # Load and Set as Default act on the list of models, so only while it is in view.
        self.tabs.currentChanged.connect(self._show_selected)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.options_box)
        layout.addWidget(buttons)
        self.resize(980, 620)
        self._show_selected()

    # Building

    def _local_page(self) -> QWidget:
        self.model_list = named(QTreeWidget(), "modelList")
        self.model_list.setAccessibleName(self.tr("Models"))
        self.model_list.setHeaderLabels([self.tr("Model"), self.tr("Size"), self.tr("Memory")])
        self.model_list.setRootIsDecorated(False)
        self.model_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.model_list.setUniformRowHeights(True)
        header = self.model_list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.model_list.currentItemChanged.connect(self._show_selected)
        self.model_list.itemActivated.connect(lambda *_: self._load())

        add_file = QPushButton(self.tr("Add &File…"))
        add_file.setToolTip(self.tr("Add a .gguf model file"))
        add_file.clicked.connect(self._add_file)
        add_folder = QPushButton(self.tr("Add F&older…"))
        add_folder.setToolTip(
            self.tr("Add a Hugging Face model folder (config.json + .safetensors)")
        )
        add_folder.clicked.connect(self._add_folder)
        self.remove_button = QPushButton(self.tr("&Remove from List"))
        self.remove_button.setToolTip(self.tr("Forget this model; its files stay where they are"))
        self.remove_button.clicked.connect(self._remove)
        row = QHBoxLayout()
        row.addWidget(add_file)
        row.addWidget(add_folder)
        row.addStretch(1)
        row.addWidget(self.remove_button)
        hint = QLabel(self.tr("You can also drop a model file or folder here."))
        hint.setStyleSheet("color: palette(placeholder-text);")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.model_list, 1)
        left_layout.addLayout(row)
        left_layout.addWidget(hint)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self._details())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([560, 380])
        return splitter

    def _details(self) -> QWidget:
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.subtitle = QLabel(wordWrap=True)
        self.subtitle.setStyleSheet("color: palette(placeholder-text);")
        self.facts: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, label in (
            ("architecture", self.tr("Architecture")),
            ("parameters", self.tr("Parameters")),
            ("context", self.tr("Context length")),
            ("disk", self.tr("Size on disk")),
            ("chat", self.tr("Chat template")),
            ("licence", self.tr("Licence")),
            ("memory", self.tr("Memory needed")),
            ("location", self.tr("Location")),
        ):
            value = QLabel(wordWrap=True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAccessibleName(label)
            form.addRow(label + ":", value)
            self.facts[key] = value
        # Rich text for the verdict's colour; the numbers carry the meaning without it.
        self.facts["memory"].setTextFormat(Qt.TextFormat.RichText)
        self.problem = named(QLabel(wordWrap=True), "modelProblem")
        self.problem.setStyleSheet(f"color: {semantic_colours().bad};")
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        return panel

    def _options_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("How to run it"))
        self.device_picker = named(QComboBox(), "devicePicker")
        self.device_picker.setAccessibleName(self.tr("Run on"))
        self.dtype_picker = named(QComboBox(), "precisionPicker")
        self.dtype_picker.setAccessibleName(self.tr("Precision"))
        self.dtype_picker.setToolTip(
            self.tr(
                "float32 is exact everywhere; bfloat16 and float16 halve the memory and are "
                "faster on GPUs and on processors made for them."
            )
        )
        self.threads = named(QSpinBox(), "threadCount")
        self.threads.setAccessibleName(self.tr("Processor threads"))
        self.threads.setRange(0, os.cpu_count() or 1)
        self.threads.setSpecialValueText(self.tr("Automatic"))
        # Wide enough for the word in any language (the spin box sizes itself for digits).
        self.threads.setMinimumWidth(
            self.threads.fontMetrics().horizontalAdvance(self.threads.specialValueText()) + 48
        )
        self.threads.setValue(self._options.threads)
        self.threads.setToolTip(
            self.tr("How many processor cores the model computes with; more is not always faster")
        )
        self._fill_devices()
        self.device_picker.currentIndexChanged.connect(self._device_changed)
        self.dtype_picker.currentIndexChanged.connect(self._refresh_memory)

        layout = QHBoxLayout(box)
        for text, widget in (
            (self.tr("R&un on:"), self.device_picker),
            (self.tr("&Precision:"), self.dtype_picker),
            (self.tr("Processor &threads:"), self.threads),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            layout.addWidget(label)
            layout.addWidget(widget, 1 if widget is not self.threads else 0)
            layout.addSpacing(12)
        return box

    # Filling

    def set_models(self, groups: list[tuple[str, list[str]]]) -> None:
        """Sections of specs, e.g. ("Built in", ["embedded"]); keeps the selection."""
        selected = self.selected_spec() or self._current
        self.model_list.clear()
        bold = QFont(self.model_list.font())
        bold.setBold(True)
        for title, specs in groups:
            if not specs:
                continue
            heading = QTreeWidgetItem(self.model_list, [title])
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            heading.setFont(0, bold)
            heading.setFirstColumnSpanned(True)
            for spec in specs:
                item = QTreeWidgetItem(self.model_list)
                item.setData(0, _SPEC, spec)
                self._fill_item(item)
                if spec == selected:
                    self.model_list.setCurrentItem(item)
        if self.model_list.currentItem() is None:
            first = next(self._items(), None)
            if first is not None:
                self.model_list.setCurrentItem(first)

    def set_card(self, card: ModelCard) -> None:
        self._cards[card.spec] = card
        for item in self._items():
            if item.data(0, _SPEC) == card.spec:
                self._fill_item(item)
        if self.selected_spec() == card.spec:
            self._show_selected()

    def set_resources(self, resources: MachineResources) -> None:
        self._resources = resources
        self._fill_devices()
        self._refresh_memory()

    def mark_current(self, spec: str, default_spec: str) -> None:
        self._current, self._default = spec, default_spec
        for item in self._items():
            self._fill_item(item)
        self._show_selected()

    def select(self, spec: str) -> None:
        for item in self._items():
            if item.data(0, _SPEC) == spec:
                self.model_list.setCurrentItem(item)

    def selected_spec(self) -> str | None:
        item = self.model_list.currentItem()
        spec = item.data(0, _SPEC) if item is not None else None
        return spec if isinstance(spec, str) else None

    def options(self) -> LoadOptions:
        device = self.device_picker.currentData()
        dtype = self.dtype_picker.currentData()
        return LoadOptions(
            device=device if isinstance(device, str) else AUTO,
            dtype=dtype if isinstance(dtype, str) else AUTO,
            threads=self.threads.value(),
        )

    def _items(self) -> Iterator[QTreeWidgetItem]:
        for index in range(self.model_list.topLevelItemCount()):
            item = self.model_list.topLevelItem(index)
            if item is not None and item.data(0, _SPEC) is not None:
                yield item

    def _fill_item(self, item: QTreeWidgetItem) -> None:
        spec = str(item.data(0, _SPEC))
        card = self._cards.get(spec)
        name = card.name if card else spec_name(spec)
        marks = []
        if spec == self._current:
            marks.append(self.tr("in use"))
        if spec == self._default:
            marks.append(self.tr("default"))
        item.setText(0, f"{name}  ({', '.join(marks)})" if marks else name)
        item.setText(1, format_size(card.disk_bytes) if card and card.disk_bytes else "")
        fit = self._fit(card) if card else None
        if card and card.problem:
            item.setText(2, self.tr("Cannot be used"))
            item.setForeground(2, QColor(_fit_colour(Fit.WONT_FIT)))
        else:
            item.setText(2, fit[1].label if fit else "")
            if fit:
                item.setForeground(2, QColor(_fit_colour(fit[1])))
        item.setToolTip(0, card.problem if card and card.problem else spec)
        item.setDisabled(bool(card and card.problem))
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)

    def _fill_devices(self) -> None:
        wanted = self.device_picker.currentData() or self._options.device
        self.device_picker.blockSignals(True)
        self.device_picker.clear()
        self.device_picker.addItem(self.tr("Automatic (the best this computer has)"), AUTO)
        devices = self._resources.devices if self._resources else ()
        for device in devices:
            self.device_picker.addItem(device.label, device.name)
        if wanted != AUTO and self.device_picker.findData(wanted) < 0:
            self.device_picker.addItem(wanted, wanted)  # chosen before; not found (yet)
        self.device_picker.setCurrentIndex(max(0, self.device_picker.findData(wanted)))
        self.device_picker.blockSignals(False)
        self._fill_dtypes()

    def _fill_dtypes(self) -> None:
        wanted = self.dtype_picker.currentData() or self._options.dtype
        device = self._device()
        self.dtype_picker.blockSignals(True)
        self.dtype_picker.clear()
        recommended = device.recommended_dtype if device else "float32"
        self.dtype_picker.addItem(self.tr("Automatic (%1)").replace("%1", recommended), AUTO)
        for dtype in device.dtypes if device else ("float32", "bfloat16", "float16"):
            slow = device is not None and dtype in device.slow_dtypes
            text = self.tr("%1 (slow here)").replace("%1", dtype) if slow else dtype
            self.dtype_picker.addItem(text, dtype)
        self.dtype_picker.setCurrentIndex(max(0, self.dtype_picker.findData(wanted)))
        self.dtype_picker.blockSignals(False)

    def _device(self) -> DeviceOption | None:
        """The device the options pick: the chosen one, or the best for Automatic."""
        devices = self._resources.devices if self._resources else ()
        name = self.device_picker.currentData()
        if name in (None, AUTO):
            return devices[0] if devices else None
        return next((d for d in devices if d.name == name), None)

    def _fit(self, card: ModelCard) -> tuple[int, Fit, int] | None:
        """(bytes needed, verdict, bytes available) for the current options, once known."""
        if self._resources is None or card.problem or card.kind is ModelKind.REMOTE:
            return None
        device = self._device()
        dtype = self.dtype_picker.currentData()
        if dtype in (None, AUTO):
            dtype = device.recommended_dtype if device else "float32"
        needed = estimate_memory_bytes(card, DTYPE_BYTES.get(str(dtype), 4))
        on_gpu = device is not None and device.name != "cpu"
        free = self._resources.free_memory_bytes
        if on_gpu and self._resources.free_gpu_bytes is not None:
            free = self._resources.free_gpu_bytes
        return needed, fit_verdict(needed, free), free

    # Reacting

    @Slot()
    def _device_changed(self) -> None:
        self._fill_dtypes()
        self._refresh_memory()

    @Slot()
    def _refresh_memory(self) -> None:
        for item in self._items():
            self._fill_item(item)
        self._show_selected()

    @Slot()
    def _show_selected(self) -> None:
        spec = self.selected_spec()
        card = self._cards.get(spec) if spec else None
        usable = spec is not None and not (card and card.problem) and self.tabs.currentIndex() == 0
        self.load_button.setEnabled(usable)
        self.default_button.setEnabled(usable and spec != self._default)
        self.remove_button.setEnabled(spec is not None and spec != "embedded")
        if spec is None:
            self.title.setText(self.tr("No model selected"))
            self.subtitle.clear()
            for value in self.facts.values():
                value.clear()
            self.problem.hide()
            return
        self.title.setText(card.name if card else spec_name(spec))
        if card is None:
            self.subtitle.setText(self.tr("Reading the model's files…"))
            for value in self.facts.values():
                value.setText("…")
            self.problem.hide()
            return
        self.subtitle.setText(self._kind_text(card))
        unknown = self.tr("Unknown")
        facts = self.facts
        facts["architecture"].setText(card.architecture or unknown)
        facts["parameters"].setText(
            format_parameter_count(card.parameter_count) if card.parameter_count else unknown
        )
        facts["context"].setText(
            self.tr("%1 tokens").replace("%1", f"{card.context_length:,}")
            if card.context_length
            else unknown
        )
        facts["disk"].setText(format_size(card.disk_bytes) if card.disk_bytes else unknown)
        facts["chat"].setText(
            unknown
            if card.has_chat_template is None
            else self.tr("Yes: chat tasks use it")
            if card.has_chat_template
            else self.tr("No: tasks use plain prompts")
        )
        facts["licence"].setText(card.licence or self.tr("Not stated"))
        facts["memory"].setText(self._memory_text(card))
        facts["location"].setText(card.path or spec)
        self.problem.setVisible(bool(card.problem))
        self.problem.setText(card.problem or "")

    def _kind_text(self, card: ModelCard) -> str:
        kind = {
            ModelKind.EMBEDDED: self.tr("Built into Inkwell"),
            ModelKind.FOLDER: self.tr("Model folder"),
            ModelKind.GGUF: self.tr("GGUF file"),
            ModelKind.HUB_CACHE: self.tr("In the Hugging Face cache"),
            ModelKind.REMOTE: self.tr("On a model server"),
        }[card.kind]
        return f"{kind} · {card.quantization}" if card.quantization else kind

    def _memory_text(self, card: ModelCard) -> str:
        fit = self._fit(card)
        if card.kind is ModelKind.REMOTE:
            return self.tr("None here: the model runs on the server")
        if fit is None:
            return "—" if card.problem else self.tr("Checking this computer…")
        needed, verdict, free = fit
        colour = _fit_colour(verdict)
        return (
            self.tr("about %1, %2 free: %3")
            .replace("%1", format_size(needed))
            .replace("%2", format_size(free))
            .replace("%3", f"<b style='color:{colour}'>{escape(verdict.label)}</b>")
        )

    @Slot()
    def _load(self) -> None:
        spec = self.selected_spec()
        if spec is not None and self.load_button.isEnabled():
            self.loadRequested.emit(spec, self.options())

    @Slot()
    def _set_default(self) -> None:
        spec = self.selected_spec()
        if spec is not None:
            self.defaultRequested.emit(spec)

    @Slot()
    def _remove(self) -> None:
        spec = self.selected_spec()
        if spec is not None:
            self.removeRequested.emit(spec)

    @Slot()
    def _add_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Add a Model File"), "", self.tr("GGUF models (*.gguf)")
        )
        if path:
            self.addRequested.emit(path)

    @Slot()
    def _add_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Add a Model Folder"))
        if path:
            self.addRequested.emit(path)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile():
                self.addRequested.emit(url.toLocalFile())
        event.acceptProposedAction()
