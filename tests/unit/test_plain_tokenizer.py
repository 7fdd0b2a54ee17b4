"""The tokenizer read without transformers encodes, decodes and renders chat templates
exactly as transformers' own does, and leaves every folder it would read differently to
transformers."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from any_script import any_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.generation.plain_tokenizer import PlainTokenizer
from desktop_app.generation.transformers_engine import _load_tokenizer

# What real templates use: loop controls, namespace, tojson, raise_exception,
# strftime_now, the special-token names, a {% generation %} block, and tags on lines of
# their own (the environment trims those lines).
TEMPLATE = (
    "{% set ns = namespace(system=none) %}\n"
    "{% for m in messages %}\n"
    "    {% if loop.first %}[start]{% endif %}\n"
    "{% if m.role == 'system' %}{% set ns.system = m.content %}{% continue %}{% endif %}"
    "{% if m.role not in ['user', 'assistant'] %}{{ raise_exception('bad role ' + m.role) }}"
    "{% endif %}"
    "{{ bos_token }}{{ m.role }}\n"
    "{% if m.role == 'assistant' %}{% generation %}{{ m.content }}{% endgeneration %}"
    "{% else %}{{ m.content }}{% endif %}{{ eos_token }}\n"
    "{% endfor %}"
    "{% if ns.system %}<note>{{ ns.system | tojson }}</note>{% endif %}"
    "{% if tools is not none %}tools!{% endif %}"
    "{{ strftime_now('%Y') | length }}"
    "{% if add_generation_prompt %}{{ bos_token }}assistant\n{% endif %}"
)
MESSAGES = [
    {"role": "system", "content": 'Answer in "quotes" & <tags>, 中文 ok.'},
    {"role": "user", "content": "Write about the sea."},
    {"role": "assistant", "content": "The sea is wide."},
    {"role": "user", "content": "  again,\n\tlonger  "},
]


def saved(folder: Path, tokenizer: Any, template: str | None = TEMPLATE, **config: Any) -> Path:
    """`tokenizer` saved by transformers, then its settings edited with `config`."""
    tokenizer = copy.deepcopy(tokenizer)
    tokenizer.chat_template = template
    tokenizer.save_pretrained(folder)
    settings_file = folder / "tokenizer_config.json"
    settings = json.loads(settings_file.read_text(encoding="utf-8"))
    settings.update(config)
    settings_file.write_text(json.dumps(settings), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def pair(byte_tokenizer: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Any]:
    from transformers import PreTrainedTokenizerFast

    folder = saved(tmp_path_factory.mktemp("tokenizer"), byte_tokenizer)
    plain = PlainTokenizer.load(folder)
    assert plain is not None
    return plain, PreTrainedTokenizerFast.from_pretrained(folder)


def test_it_describes_the_tokenizer_as_transformers_does(pair: tuple[Any, Any]) -> None:
    plain, reference = pair
    assert len(plain) == len(reference)
    assert plain.eos_token_id == reference.eos_token_id
    assert plain.chat_template == reference.chat_template == TEMPLATE


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=any_text(max_units=30), special=st.booleans())
def test_text_in_any_script_encodes_to_the_same_tokens(
    pair: tuple[Any, Any], text: str, special: bool
) -> None:
    plain, reference = pair
    marked = f"<|im_start|>{text}<|im_end|>"  # special tokens inside the text too
    for sample in (text, marked):
        expected = reference(sample, add_special_tokens=special)["input_ids"]
        assert plain(sample, add_special_tokens=special)["input_ids"] == expected


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data(), skip=st.booleans())
def test_any_tokens_decode_to_the_same_text(pair: tuple[Any, Any], data: Any, skip: bool) -> None:
    plain, reference = pair
    ids = data.draw(st.lists(st.integers(0, len(reference) - 1), max_size=12))
    expected = reference.decode(ids, skip_special_tokens=skip, clean_up_tokenization_spaces=False)
    assert plain.decode(ids, skip_special_tokens=skip) == expected


@pytest.mark.parametrize("generation_prompt", [True, False])
@pytest.mark.parametrize("messages", [MESSAGES, MESSAGES[1:2]])
def test_a_chat_renders_as_transformers_renders_it(
    pair: tuple[Any, Any], messages: list[dict[str, str]], generation_prompt: bool
) -> None:
    plain, reference = pair
    expected = reference.apply_chat_template(
        messages, add_generation_prompt=generation_prompt, tokenize=False
    )
    rendered = plain.apply_chat_template(
        messages, add_generation_prompt=generation_prompt, tokenize=False
    )
    assert rendered == expected
    if messages:
        assert '<note>"Answer in \\"quotes\\" & <tags>, 中文 ok."</note>' in rendered or (
            messages[0]["role"] != "system"
        )


def test_an_empty_chat_a_template_that_raises_and_one_that_reaches_for_internals_fail(
    pair: tuple[Any, Any], byte_tokenizer: Any, tmp_path: Path
) -> None:
    import jinja2

    plain, reference = pair
    for tokenizer in (plain, reference):
        with pytest.raises(ValueError):
            tokenizer.apply_chat_template([], tokenize=False)
    with pytest.raises(jinja2.TemplateError, match="bad role tool"):
        plain.apply_chat_template([{"role": "tool", "content": "x"}], tokenize=False)
    escaping = "{% set ns = namespace() %}{% set ns._hidden = 1 %}{{ ns }}"
    sneaky = PlainTokenizer.load(saved(tmp_path, byte_tokenizer, escaping))
    assert sneaky is not None
    with pytest.raises(jinja2.exceptions.SecurityError):
        sneaky.apply_chat_template(MESSAGES, tokenize=False)


@pytest.mark.parametrize(
    "change",
    [
        {"add_bos_token": True},  # transformers would add a BOS on encoding
        {"add_prefix_space": True},
        {"tokenizer_class": "LlamaTokenizer"},
        {"eos_token": "<|not-in-the-vocabulary|>"},  # transformers would add it
        {"added_tokens_decoder": {"1": {"content": "<|something-else|>"}}},
        {"chat_template": [{"name": "default", "template": "x"}]},
    ],
)
def test_folders_transformers_reads_differently_are_left_to_it(
    byte_tokenizer: Any, tmp_path: Path, change: dict[str, Any]
) -> None:
    template = None if "chat_template" in change else TEMPLATE
    folder = saved(tmp_path, byte_tokenizer, template, **change)
    assert PlainTokenizer.load(folder) is None
    if "tokenizer_class" not in change:  # the others transformers itself still reads
        assert not isinstance(_load_tokenizer(folder), PlainTokenizer)


def test_a_tokenizer_without_a_template_says_so(byte_tokenizer: Any, tmp_path: Path) -> None:
    plain = PlainTokenizer.load(saved(tmp_path, byte_tokenizer, None))
    assert plain is not None
    assert plain.chat_template is None
    assert isinstance(_load_tokenizer(tmp_path), PlainTokenizer)


def test_settings_not_in_transformers_form_are_left_to_it_to_report(
    byte_tokenizer: Any, tmp_path: Path
) -> None:
    folder = saved(tmp_path, byte_tokenizer, added_tokens_decoder={"one": {"text": "x"}})
    assert PlainTokenizer.load(folder) is None
