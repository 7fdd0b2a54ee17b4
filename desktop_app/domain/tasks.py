"""The task catalogue: what a writer can ask for, and how each task becomes a prompt."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from desktop_app.domain.generation import GenerationParams


class TextSource(StrEnum):
    """Which part of the draft a task works on, besides the prompt box."""

    NONE = "none"  # the prompt box alone (a story about ..., an ad for ...)
    BEFORE_CURSOR = "before_cursor"  # the text before the cursor (continue writing)
    SELECTION_OR_DRAFT = "selection_or_draft"  # the selection, or the whole draft without one


class Placement(StrEnum):
    """Where generated text goes, relative to the cursor."""

    CONTINUE = "continue"  # straight after the text before the cursor, as its next words
    NEW_PARAGRAPH = "new_paragraph"  # a piece of its own, set apart from the text around it
    REPLACE_SELECTION = "replace_selection"  # in the selection's place; else a new paragraph


SYSTEM_PROMPT = (
    "You are Inkwell, a careful writing assistant. Reply with the requested text only: "
    "no preamble, no notes, no quotation marks around it."
)


@dataclass(frozen=True, slots=True)
class Task:
    id: str
    label: str
    description: str
    prompt_hint: str  # placeholder text of the prompt box
    source: TextSource
    placement: Placement
    prompt_required: bool
    # str.format templates; fields: {prompt}, {text}. Chat: the user turn; plain: the whole prompt.
    chat_template: str
    plain_template: str
    defaults: GenerationParams = field(default_factory=GenerationParams)
    # Continuing text is what a language model does natively: with no instruction to follow,
    # raw completion keeps the writer's voice, where a chat turn drifts into commentary.
    completion_without_prompt: bool = False


def _params(
    max_new_tokens: int, temperature: float, repetition_penalty: float = 1.15
) -> GenerationParams:
    return GenerationParams(
        max_new_tokens=max_new_tokens,
        temperature=temperature,
        repetition_penalty=repetition_penalty,
    )


# Text-faithful tasks (translate, summarize, rewrite) run cooler and with a light repetition
# penalty: a heavy one stops the model from repeating names and terms it must keep.
TASKS: tuple[Task, ...] = (
    Task(
        id="continue",
        label="Continue writing",
        description="Carry on from the cursor in the same voice.",
        prompt_hint="Optional: where should the text go next?",
        source=TextSource.BEFORE_CURSOR,
        placement=Placement.CONTINUE,
        prompt_required=False,
        chat_template=(
            "Continue the following text in the same voice and style. Write only the "
            "continuation.{direction}\n\nText:\n{text}"
        ),
        plain_template="{text}",
        defaults=_params(120, 0.8),
        completion_without_prompt=True,
    ),
    Task(
        id="story",
        label="Story",
        description="A short story from an idea.",
        prompt_hint="What is the story about? e.g. a lighthouse keeper who finds a letter",
        source=TextSource.NONE,
        placement=Placement.NEW_PARAGRAPH,
        prompt_required=True,
        chat_template="Write a short story about {prompt}.",
        plain_template="Here is a short story about {prompt}.\n\n",
        defaults=_params(400, 0.8),
    ),
    Task(
        id="poem",
        label="Poem",
        description="A poem on any theme.",
        prompt_hint="What should the poem be about? e.g. autumn rain in the city",
        source=TextSource.NONE,
        placement=Placement.NEW_PARAGRAPH,
        prompt_required=True,
        chat_template="Write a poem about {prompt}.",
        plain_template="A poem about {prompt}:\n\n",
        defaults=_params(160, 0.8),
    ),
    Task(
        id="article",
        label="Article",
        description="An article or blog post on a topic.",
        prompt_hint="Topic and angle, e.g. why small teams ship faster",
        source=TextSource.NONE,
        placement=Placement.NEW_PARAGRAPH,
        prompt_required=True,
        chat_template="Write a clear, well-structured article about {prompt}.",
        plain_template="{prompt}\n\nArticle:\n",
        defaults=_params(500, 0.7),
    ),
    Task(
        id="product_description",
        label="Product description",
        description="Persuasive copy for a product page.",
        prompt_hint="The product and what makes it special, e.g. a bamboo travel mug",
        source=TextSource.NONE,
        placement=Placement.NEW_PARAGRAPH,
        prompt_required=True,
        chat_template="Write an engaging product description for {prompt}.",
        plain_template="Product: {prompt}\nDescription:",
        defaults=_params(160, 0.7),
    ),
    Task(
        id="ad_copy",
        label="Ad copy",
        description="A headline and short body for an advert.",
        prompt_hint="Product, audience and offer, e.g. running shoes for beginners, 20% off",
        source=TextSource.NONE,
        placement=Placement.NEW_PARAGRAPH,
        prompt_required=True,
        chat_template="Write a catchy advertisement (a headline and two sentences) for {prompt}.",
        plain_template="Advertisement for {prompt}\nHeadline:",
        defaults=_params(100, 0.8),
    ),
    Task(
        id="translate",
        label="Translate",
        description="Translate the selection (or the draft) into another language.",
        prompt_hint="Into which language? e.g. French",
        source=TextSource.SELECTION_OR_DRAFT,
        placement=Placement.REPLACE_SELECTION,
        prompt_required=True,
        chat_template="Translate the following text into {prompt}.\n\nText:\n{text}",
        plain_template="Text:\n{text}\n\nThe same text in {prompt}:\n",
        defaults=_params(300, 0.3, 1.05),
    ),
    Task(
        id="answer",
        label="Answer a question",
        description="Answer a question, about the selection or draft if there is one.",
        prompt_hint="Your question",
        source=TextSource.SELECTION_OR_DRAFT,
        placement=Placement.NEW_PARAGRAPH,
        prompt_required=True,
        chat_template="{context_block}Question: {prompt}",
        plain_template="{context_block}Question: {prompt}\nAnswer:",
        defaults=_params(200, 0.5, 1.1),
    ),
    Task(
        id="summarize",
        label="Summarize",
        description="Summarize the selection (or the draft).",
        prompt_hint="Optional: e.g. in three bullet points",
        source=TextSource.SELECTION_OR_DRAFT,
        placement=Placement.REPLACE_SELECTION,
        prompt_required=False,
        chat_template="Summarize the following text{prompt_note}.\n\nText:\n{text}",
        plain_template="{text}\n\nSummary:",
        defaults=_params(150, 0.3, 1.1),
    ),
    Task(
        id="rewrite",
        label="Rewrite",
        description="Rewrite the selection (or the draft), keeping its meaning.",
        prompt_hint="Optional: how? e.g. more formal, simpler, more vivid",
        source=TextSource.SELECTION_OR_DRAFT,
        placement=Placement.REPLACE_SELECTION,
        prompt_required=False,
        chat_template=(
            "Rewrite the following text{prompt_note}, keeping its meaning.\n\nText:\n{text}"
        ),
        plain_template="Original:\n{text}\n\nRewritten{prompt_note}:\n",
        defaults=_params(300, 0.6, 1.1),
    ),
)

_BY_ID = {task.id: task for task in TASKS}


def task_by_id(task_id: str) -> Task:
    try:
        return _BY_ID[task_id]
    except KeyError:
        raise KeyError(f"unknown task {task_id!r}") from None


def task_label(task_id: str) -> str:
    """The label for a stored task id, which may name a task this version no longer has."""
    task = _BY_ID.get(task_id)
    return task.label if task else task_id
