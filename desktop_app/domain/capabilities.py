"""What a model can do beyond English, guessed from what is known about it without running it.

The rule, in order:
1. A family known to be trained (almost) only on English is English-only: SmolLM/SmolLM2
   (Inkwell's embedded model), GPT-2, Pythia, OPT, TinyStories, Phi-1/2.
2. A family known to be multilingual is multilingual: Qwen, Gemma, Llama 3, Mistral/Mixtral,
   BLOOM, mT5, XGLM, Aya, GLM, Baichuan, Yi, InternLM, DeepSeek, SmolLM3, Phi-3.5/4, Command R,
   or anything with "multilingual" in its name.
3. Otherwise a large vocabulary (100k tokens or more) says multilingual: tokenizers trained on
   many scripts need room for them, where English-first ones stay near 32k-50k.
"""

from __future__ import annotations

from collections.abc import Mapping

from desktop_app.domain.generation import ModelInfo
from desktop_app.domain.tasks import Capability, FieldKind, Task

_ENGLISH_ONLY = (
    "smollm2",
    "smollm-",
    "gpt2",
    "gpt-2",
    "pythia",
    "opt-",
    "tinystories",
    "phi-1",
    "phi-2",
)
_MULTILINGUAL = (
    "qwen",
    "gemma",
    "llama-3",
    "llama3",
    "mistral",
    "mixtral",
    "bloom",
    "mt5",
    "xglm",
    "aya",
    "glm",
    "baichuan",
    "yi-",
    "internlm",
    "deepseek",
    "smollm3",
    "phi-3.5",
    "phi-4",
    "command-r",
    "multilingual",
)
MULTILINGUAL_VOCAB = 100_000
ENGLISH = "English"


def model_capabilities(info: ModelInfo) -> frozenset[Capability]:
    name = f"{info.model_id} {info.source.replace(chr(92), '/').rsplit('/', 1)[-1]}".lower()
    if any(family in name for family in _ENGLISH_ONLY):
        return frozenset()
    if any(family in name for family in _MULTILINGUAL) or info.vocab_size >= MULTILINGUAL_VOCAB:
        return frozenset({Capability.MULTILINGUAL})
    return frozenset()


def required_capabilities(task: Task, values: Mapping[str, str]) -> frozenset[Capability]:
    """What `task` needs with these field values: writing in a language other than English
    needs a multilingual model (reading one, as in translating into English, less so)."""
    needs = set(task.needs)
    for task_field in task.fields:
        value = values.get(task_field.name, "").strip()
        writes_in = task_field.kind is FieldKind.LANGUAGE and task_field.output_language
        if writes_in and value and value != ENGLISH:
            needs.add(Capability.MULTILINGUAL)
    return frozenset(needs)


def missing_capabilities(
    task: Task, values: Mapping[str, str], info: ModelInfo
) -> frozenset[Capability]:
    return required_capabilities(task, values) - model_capabilities(info)
