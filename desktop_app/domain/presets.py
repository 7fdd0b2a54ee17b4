"""Sampling presets and the words-to-tokens rule the settings panel speaks in."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from desktop_app.domain.generation import GenerationParams

# English prose averages about 1.3 tokens a word with the embedded model's tokenizer; a
# little headroom keeps a "200 words" request from stopping mid-sentence.
TOKENS_PER_WORD = 1.4


def words_to_tokens(words: int) -> int:
    return max(1, math.ceil(words * TOKENS_PER_WORD))


def tokens_to_words(tokens: int) -> int:
    return max(1, round(tokens / TOKENS_PER_WORD))


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
        return dataclasses.replace(
            params,
            temperature=self.temperature,
            top_p=self.top_p,
            top_k=self.top_k,
            repetition_penalty=self.repetition_penalty,
        )

    def matches(self, params: GenerationParams) -> bool:
        return self.apply(params) == params


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
