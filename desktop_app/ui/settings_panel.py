"""Generation settings in plain words: length, preset, the sampling knobs and the seed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.generation import (
    MAX_NEW_TOKENS,
    MAX_REPETITION_PENALTY,
    MAX_SEED,
    MAX_TEMPERATURE,
    MAX_VARIANTS,
    MIN_REPETITION_PENALTY,
    GenerationParams,
)
from desktop_app.domain.presets import tokens_to_words, with_wording_of, words_to_tokens
from desktop_app.domain.stop_sequences import format_stop_sequences, parse_stop_sequences
from desktop_app.ui.naming import named
from desktop_app.ui.preset_picker import TASK_DEFAULT, PresetPicker


class GenerationSettings(QWidget):
    """A collapsible form; its summary line says what the settings are while folded."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.toggle = named(QToolButton(), "settingsToggle")
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setAutoRaise(True)
        # The summary must not widen the dock; it is cut short in a narrow one.
        self.toggle.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.toggle.setAccessibleName(self.tr("Generation settings"))
        self.toggle.setToolTip(self.tr("Show or hide the generation settings"))
        self.toggle.toggled.connect(self._fold)

        self.presets = PresetPicker(self.params)
        self.preset = self.presets.combo
        self.length = named(QSpinBox(), "lengthWords")
        self.length.setRange(1, tokens_to_words(MAX_NEW_TOKENS))
        self.length.setSingleStep(10)
        self.length.setSuffix(self.tr(" words"))
        self.temperature = self._decimal("temperature", 0.0, MAX_TEMPERATURE)
        self.top_p = self._decimal("topP", 0.01, 1.0)
        self.top_k = named(QSpinBox(), "topK")
        self.top_k.setRange(0, 500)
        self.top_k.setSpecialValueText(self.tr("off"))
        self.repetition = self._decimal(
            "repetitionPenalty", MIN_REPETITION_PENALTY, MAX_REPETITION_PENALTY
        )
        self.stop_at = named(QLineEdit(), "stopSequences")
        self.stop_at.setPlaceholderText(self.tr(r"e.g. THE END | \n\n"))
        self.fixed_seed = named(QCheckBox(self.tr("Fixed")), "fixedSeed")
        self.seed = named(QSpinBox(), "seed")
        self.seed.setRange(0, MAX_SEED)
        self.seed.setAccessibleName(self.tr("Seed"))
        self.seed.setEnabled(False)
        self.fixed_seed.toggled.connect(self.seed.setEnabled)
        # How many texts one Generate writes; not a sampling setting, so not in the params.
        self.variants = named(QSpinBox(), "variantCount")
        self.variants.setRange(1, MAX_VARIANTS)
        self._tokens = words_to_tokens(self.length.value())
        self._task_defaults = GenerationParams()

        self._explain()

        self.form = self._build_form()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toggle)
        layout.addWidget(self.form)

        self.presets.chosen.connect(self._apply_preset)
        self.presets.listChanged.connect(self._changed)
        for spin in (self.length, self.top_k, self.seed):
            spin.valueChanged.connect(self._changed)
        for decimal in (self.temperature, self.top_p, self.repetition):
            decimal.valueChanged.connect(self._changed)
        self.fixed_seed.toggled.connect(self._changed)
        self.stop_at.textChanged.connect(self._changed)
        self.variants.valueChanged.connect(self._summarize)
        self._summarize()

    def _explain(self) -> None:
        tips = {
            self.preset: self.tr("Ready-made settings; changing a value below makes it Custom."),
            self.length: self.tr("About how long the text may get. The model may stop earlier."),
            self.temperature: self.tr(
                "How adventurous the word choice is. 0 always takes the likeliest word, so the "
                "same prompt gives the same text; higher values surprise more, and ramble."
            ),
            self.top_p: self.tr(
                "Only words within this share of the probability are considered. Lower is safer."
            ),
            self.top_k: self.tr("Only this many of the likeliest words are considered."),
            self.repetition: self.tr(
                "Discourages repeating words already used. 1 is off; too high avoids even words "
                "the text needs."
            ),
            self.stop_at: self.tr(
                "The text ends where it would write one of these, which is left out. "
                "Separate up to 8 with |, and write \\n for a line break."
            ),
            self.fixed_seed: self.tr(
                "With a fixed seed, the same prompt and settings give the same text again. "
                "Every generation records the seed it used (see History)."
            ),
            self.variants: self.tr(
                "How many alternative texts to write at once. Above 1 they appear side by side "
                "under the draft, and you pick the one to use. A fixed seed s gives them the "
                "seeds s, s+1, …"
            ),
        }
        for widget, tip in tips.items():
            widget.setToolTip(tip)
        self.seed.setToolTip(tips[self.fixed_seed])

    def _build_form(self) -> QWidget:
        seed_row = QHBoxLayout()
        seed_row.addWidget(self.fixed_seed)
        seed_row.addWidget(self.seed, 1)
        body = QWidget()
        form = QFormLayout(body)
        form.setContentsMargins(8, 0, 0, 0)
        rows: tuple[tuple[str, QWidget, QWidget | QHBoxLayout], ...] = (
            (self.tr("Pre&set"), self.preset, self.presets),
            (self.tr("&Length"), self.length, self.length),
            (self.tr("&Temperature"), self.temperature, self.temperature),
            (self.tr("Top-&p"), self.top_p, self.top_p),
            (self.tr("Top-&k"), self.top_k, self.top_k),
            (self.tr("&Repetition penalty"), self.repetition, self.repetition),
            (self.tr("Stop &at"), self.stop_at, self.stop_at),
            (self.tr("See&d"), self.fixed_seed, seed_row),
            (self.tr("&Variants"), self.variants, self.variants),
        )
        for text, buddy, field in rows:
            label = QLabel(text)
            label.setBuddy(buddy)  # makes the & an Alt shortcut, not a literal character
            # The hint can fall a few pixels short of the drawn text at some DPIs.
            label.setMinimumWidth(label.sizeHint().width() + 4)
            form.addRow(label, field)
        body.hide()
        return body

    def _decimal(self, name: str, low: float, high: float) -> QDoubleSpinBox:
        box = named(QDoubleSpinBox(), name)
        box.setRange(low, high)
        box.setDecimals(2)
        box.setSingleStep(0.05)
        return box

    def params(self) -> GenerationParams:
        """The settings as parameters, always valid: the widgets' ranges are the domain's
        limits, and typed stop sequences are kept within theirs."""
        return GenerationParams(
            max_new_tokens=self._tokens_for(self.length.value()),
            temperature=round(self.temperature.value(), 2),
            top_p=round(self.top_p.value(), 2),
            top_k=self.top_k.value(),
            repetition_penalty=round(self.repetition.value(), 2),
            seed=self.seed.value() if self.fixed_seed.isChecked() else None,
            stop_sequences=parse_stop_sequences(self.stop_at.text()),
        )

    def _tokens_for(self, words: int) -> int:
        # Words are approximate: an unchanged length keeps the exact token count it came from.
        return self._tokens if words == tokens_to_words(self._tokens) else words_to_tokens(words)

    def set_params(self, params: GenerationParams) -> None:
        for widget in self._fields():
            widget.blockSignals(True)
        self._tokens = params.max_new_tokens
        self.length.setValue(tokens_to_words(params.max_new_tokens))
        self.temperature.setValue(params.temperature)
        self.top_p.setValue(params.top_p)
        self.top_k.setValue(params.top_k)
        self.repetition.setValue(params.repetition_penalty)
        self.stop_at.setText(format_stop_sequences(params.stop_sequences))
        self.fixed_seed.setChecked(params.seed is not None)
        self.seed.setEnabled(params.seed is not None)
        if params.seed is not None:
            self.seed.setValue(params.seed)
        for widget in self._fields():
            widget.blockSignals(False)
        self._changed()

    def _fields(self) -> tuple[QWidget, ...]:
        return (
            self.length,
            self.temperature,
            self.top_p,
            self.top_k,
            self.repetition,
            self.stop_at,
            self.fixed_seed,
            self.seed,
        )

    def set_task_defaults(self, defaults: GenerationParams) -> None:
        """The settings "Task default" stands for; the form shows them until changed."""
        self._task_defaults = defaults

    def _apply_preset(self, preset_id: str) -> None:
        preset = self.presets.preset(preset_id)
        if preset is not None:
            self.set_params(preset.apply(self.params()))
        elif preset_id == TASK_DEFAULT:
            self.set_params(with_wording_of(self.params(), self._task_defaults))
        else:
            self._changed()  # "Custom" is not a choice: show what the settings amount to

    def _changed(self) -> None:
        self.presets.show_matching(self.params(), self._task_defaults)
        self._summarize()

    def _summarize(self) -> None:
        params = self.params()
        seed = (
            self.tr("seed %1").replace("%1", str(params.seed))
            if params.seed is not None
            else self.tr("random seed")
        )
        summary = (
            self.tr("About %1 words · %2 · %3")
            .replace("%1", str(self.length.value()))
            .replace("%2", self.preset.currentText())
            .replace("%3", seed)
        )
        if self.variants.value() > 1:
            summary += self.tr(" · %1 variants").replace("%1", str(self.variants.value()))
        self.toggle.setText(summary)

    def _fold(self, open_: bool) -> None:
        self.form.setVisible(open_)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow)
