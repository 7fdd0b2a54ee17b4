"""A model's tokenizer and chat template read without transformers.

Importing transformers takes 1-1.5 s on a laptop (its package scans the sources of every
model it knows for what they export), and the 4-bit path uses none of its models. A
generic fast tokenizer in transformers is the tokenizers library's `Tokenizer` from the
same tokenizer.json, and its chat template is rendered by jinja2 in a sandbox; both are
done here the same way, for the calls the engine makes (`tokenizer(text)`, `decode`,
`apply_chat_template(..., tokenize=False)`, `len`, `chat_template`, `eos_token_id`).

`load` reads only folders where that is the whole story: the generic class, and none of the
settings with which transformers changes the tokenizer it read (a BOS or EOS added on
encoding, a prefix space, special tokens the file lacks). Anything else returns None and
goes through transformers.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop_app.generation.tokenizer_file import read_tokenizer

GENERIC_CLASSES = ("TokenizersBackend", "PreTrainedTokenizerFast")
# Settings that change nothing about how the tokenizer encodes or decodes; any other setting
# in tokenizer_config.json sends the folder to transformers.
_INERT_SETTINGS = {
    "added_tokens_decoder",  # checked against the file below
    "additional_special_tokens",
    "backend",
    "bos_token",
    "chat_template",
    "clean_up_tokenization_spaces",  # the engine always decodes with it off
    "cls_token",
    "eos_token",
    "extra_special_tokens",
    "is_local",
    "local_files_only",
    "mask_token",
    "model_input_names",
    "model_max_length",
    "pad_token",
    "padding_side",
    "sep_token",
    "tokenizer_class",
    "truncation_side",
    "unk_token",
}
_NAMED_TOKENS = (
    "bos_token",
    "eos_token",
    "unk_token",
    "sep_token",
    "pad_token",
    "cls_token",
    "mask_token",
)
# transformers rewrites the pre-tokenizer of vocabularies this large that it takes for
# Mistral's (`_patch_mistral_regex`); those stay with it.
_LARGEST_VOCABULARY = 100_000


class PlainTokenizer:
    def __init__(self, tokenizer: Any, settings: dict[str, Any], chat_template: str | None):
        self._tokenizer = tokenizer
        self.chat_template = chat_template
        # What transformers 5 passes a template: the named special tokens, not the extra ones.
        self._template_names = named = _named_tokens(settings)
        eos = named.get("eos_token")
        self.eos_token_id: int | None = tokenizer.token_to_id(eos) if eos else None
        self._template: Any = None  # compiled on first use

    @classmethod
    def load(cls, folder: Path) -> PlainTokenizer | None:
        """The folder's tokenizer, or None where only transformers reads it as it should be."""
        try:
            settings = json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(settings, dict) or settings.get("tokenizer_class") not in GENERIC_CLASSES:
            return None
        if set(settings) - _INERT_SETTINGS or not (folder / "tokenizer.json").is_file():
            return None
        if not isinstance(settings.get("chat_template"), str | None):
            return None  # several named templates: transformers chooses among them
        tokenizer = read_tokenizer(folder / "tokenizer.json")
        if not _as_transformers_reads_it(tokenizer, settings):
            return None
        tokenizer.no_truncation()  # what transformers does for a call without truncation
        tokenizer.no_padding()
        return cls(tokenizer, settings, _chat_template(folder, settings))

    def __len__(self) -> int:
        return int(self._tokenizer.get_vocab_size(with_added_tokens=True))

    def __call__(self, text: str, add_special_tokens: bool = True) -> dict[str, list[int]]:
        encoding = self._tokenizer.encode(text, add_special_tokens=add_special_tokens)
        return {"input_ids": list(encoding.ids)}

    def decode(
        self,
        ids: Sequence[int],
        skip_special_tokens: bool = False,
        clean_up_tokenization_spaces: bool = False,
    ) -> str:
        if clean_up_tokenization_spaces:
            raise ValueError("clean_up_tokenization_spaces is not supported")
        text: str = self._tokenizer.decode(list(ids), skip_special_tokens=skip_special_tokens)
        return text

    def apply_chat_template(
        self,
        messages: list[dict[str, str]],
        add_generation_prompt: bool = False,
        tokenize: bool = True,
    ) -> str:
        if tokenize:
            raise ValueError("only tokenize=False is supported")
        if self.chat_template is None:
            raise ValueError("this tokenizer has no chat template")
        if not messages:
            raise ValueError("a chat needs at least one message")
        if self._template is None:
            self._template = _compile(self.chat_template)
        rendered: str = self._template.render(
            messages=[dict(message) for message in messages],
            tools=None,
            documents=None,
            add_generation_prompt=add_generation_prompt,
            **self._template_names,
        )
        return rendered


def _content(token: Any) -> str:
    """A special token as tokenizer_config.json saves it: a string or an AddedToken's dict."""
    return str(token["content"]) if isinstance(token, dict) else str(token)


def _named_tokens(settings: dict[str, Any]) -> dict[str, str]:
    """bos_token, eos_token and the like, as far as the settings name them."""
    return {name: _content(settings[name]) for name in _NAMED_TOKENS if settings.get(name)}


def _chat_template(folder: Path, settings: dict[str, Any]) -> str | None:
    """Where transformers 5 saves it, or where older versions did."""
    try:
        return (folder / "chat_template.jinja").read_text(encoding="utf-8")
    except OSError:
        return settings.get("chat_template") or None


def _as_transformers_reads_it(tokenizer: Any, settings: dict[str, Any]) -> bool:
    """Whether transformers would use the file's tokenizer unchanged: it adds special tokens
    the file lacks, and writes a post-processor where the file has none."""
    if tokenizer.post_processor is None or tokenizer.get_vocab_size() > _LARGEST_VOCABULARY:
        return False
    named = list(_named_tokens(settings).values())
    for extra in ("extra_special_tokens", "additional_special_tokens"):
        listed = settings.get(extra) or []
        if not isinstance(listed, list):
            return False
        named += [_content(token) for token in listed]
    if any(tokenizer.token_to_id(token) is None for token in named):
        return False
    added = settings.get("added_tokens_decoder") or {}
    try:
        return isinstance(added, dict) and all(
            tokenizer.id_to_token(int(index)) == _content(token) for index, token in added.items()
        )
    except (KeyError, TypeError, ValueError):  # not as transformers writes it
        return False


def _compile(template: str) -> Any:
    """The template in the environment transformers renders chat templates in: a sandbox
    (templates come with downloaded models), its `tojson`, `raise_exception` and
    `strftime_now`, its guarded `dict` and `namespace`, and `{% generation %}` blocks rendered
    as their contents."""
    import jinja2
    from jinja2.ext import Extension, loopcontrols
    from jinja2.sandbox import ImmutableSandboxedEnvironment
    from jinja2.utils import Namespace

    class GuardedNamespace(Namespace):
        # No underscore names: they lead to the interpreter's internals.
        def __init__(*args: Any, **kwargs: Any) -> None:
            self, args = args[0], args[1:]
            attributes = dict(*args, **kwargs)
            for name in attributes:
                GuardedNamespace.check(name)
            Namespace.__init__(self, attributes)

        def __setitem__(self, name: str, value: Any) -> None:
            GuardedNamespace.check(name)
            Namespace.__setitem__(self, name, value)

        @staticmethod
        def check(name: Any) -> None:
            if isinstance(name, str) and name.startswith("_"):
                raise jinja2.exceptions.SecurityError(f"a template stored {name!r}")

    class GuardedDict:
        # `dict(...)` and `dict.fromkeys(...)` without the type itself in reach.
        def __call__(self, *args: Any, **kwargs: Any) -> dict[Any, Any]:
            return dict(*args, **kwargs)

        def fromkeys(self, *args: Any, **kwargs: Any) -> dict[Any, Any]:
            return dict.fromkeys(*args, **kwargs)

    class GenerationBlocks(Extension):
        # Marks the assistant's part for training masks; rendering only needs the text.
        tags: set[str] = {"generation"}  # noqa: RUF012 (declared so by jinja2)

        def parse(self, parser: Any) -> Any:
            line = next(parser.stream).lineno
            body = parser.parse_statements(("name:endgeneration",), drop_needle=True)
            call = self.call_method("_contents")
            return jinja2.nodes.CallBlock(call, [], [], body).set_lineno(line)

        def _contents(self, caller: Any) -> str:
            return str(caller())

    def raise_exception(message: str) -> None:
        raise jinja2.exceptions.TemplateError(message)

    def tojson(
        value: Any,
        ensure_ascii: bool = False,
        indent: int | None = None,
        separators: tuple[str, str] | None = None,
        sort_keys: bool = False,
    ) -> str:
        # Jinja's own escapes HTML characters, which a prompt must not have.
        return json.dumps(
            value,
            ensure_ascii=ensure_ascii,
            indent=indent,
            separators=separators,
            sort_keys=sort_keys,
        )

    environment = ImmutableSandboxedEnvironment(
        trim_blocks=True, lstrip_blocks=True, extensions=[GenerationBlocks, loopcontrols]
    )
    environment.filters["tojson"] = tojson
    environment.globals["raise_exception"] = raise_exception
    environment.globals["strftime_now"] = lambda format: datetime.now().strftime(format)
    environment.globals["dict"] = GuardedDict()
    environment.globals["namespace"] = GuardedNamespace
    return environment.from_string(template)
