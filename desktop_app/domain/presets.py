"""Sampling presets and the words-to-tokens rule the settings panel speaks in."""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass

from desktop_app.domain.generation import GenerationParams
from desktop_app.domain.i18n import translate

# English prose averages about 1.3 tokens a word with the embedded model's tokenizer; a
# little headroom keeps a "200 words" request from stopping mid-sentence.
TOKENS_PER_WORD = 1.4


def words_to_tokens(words: int) -> int:
    return max(1, math.ceil(words * TOKENS_PER_WORD))


def tokens_to_words(tokens: int) -> int:
    return max(1, round(tokens / TOKENS_PER_WORD))


# What a preset decides; length, stop sequences and seed stay the writer's own.
KNOBS = ("temperature", "top_p", "top_k", "repetition_penalty")


def wording(params: GenerationParams) -> tuple[object, ...]:
    return tuple(getattr(params, knob) for knob in KNOBS)


def with_wording_of(params: GenerationParams, source: GenerationParams) -> GenerationParams:
    return dataclasses.replace(params, **{knob: getattr(source, knob) for knob in KNOBS})


@dataclass(frozen=True, slots=True)
class Preset:
    """How adventurous the wording is; length and seed stay the writer's own."""

    id: str
    label: str
    description: str
    temperature: float
    top_p: float
    top_k: int
    repetition_penalty: float

    def apply(self, params: GenerationParams) -> GenerationParams:
        return dataclasses.replace(params, **{knob: getattr(self, knob) for knob in KNOBS})

    def matches(self, params: GenerationParams) -> bool:
        return wording(params) == tuple(getattr(self, knob) for knob in KNOBS)


PRESETS: tuple[Preset, ...] = (
    Preset(
        "precise",
        "Precise",
        "Sticks to the likeliest words: facts, translations.",
        0.3,
        0.85,
        40,
        1.1,
    ),
    Preset("balanced", "Balanced", "Natural prose with some variety.", 0.7, 0.9, 50, 1.15),
    # The 135M embedded model turns to noise above about 1.0; this is as loose as it stays usable.
    Preset(
        "creative",
        "Creative",
        "Surprising word choices: poems, ideas, slogans.",
        0.95,
        0.95,
        80,
        1.15,
    ),
)


USER_PREFIX = "user:"
_FORMAT = "inkwell-presets"


def user_preset(label: str, params: GenerationParams) -> Preset:
    """A preset of the writer's own, from the settings on screen."""
    label = " ".join(label.split())
    if not label:
        raise ValueError(translate("Presets", "A preset needs a name."))
    knobs = (params.temperature, params.top_p, params.top_k, params.repetition_penalty)
    return Preset(USER_PREFIX + label, label, "", *knobs)


def presets_to_json(presets: Iterable[Preset]) -> str:
    entries = [{"name": p.label, **{knob: getattr(p, knob) for knob in KNOBS}} for p in presets]
    return json.dumps({"format": _FORMAT, "version": 1, "presets": entries}, indent=2)


def presets_from_json(text: str) -> list[Preset]:
    """Presets from an exported file; ValueError, with the reason in words, if it is not one."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ValueError(
            translate("Presets", "The file is not JSON ({detail}).").format(detail=exc)
        ) from exc
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        raise ValueError(translate("Presets", "The file is not an Inkwell presets file."))
    presets = []
    for entry in data.get("presets", []):
        if not isinstance(entry, dict):
            raise ValueError(
                translate("Presets", "The file has a preset that is not a set of values.")
            )
        name = str(entry.get("name", ""))
        # Missing values take the default; decimals are kept to what the form can show.
        knobs = {k: _two_places(entry[k]) for k in KNOBS if k in entry}
        try:
            params = GenerationParams.from_dict(knobs)
        except ValueError as exc:
            raise ValueError(
                translate("Presets", "The preset “{name}” is not valid: {detail}").format(
                    name=name, detail=exc
                )
            ) from exc
        presets.append(user_preset(name, params))
    return presets


def _two_places(value: object) -> object:
    return round(value, 2) if isinstance(value, float) else value
