"""tokenizer.json read as `Tokenizer.from_file` reads it, without holding the GIL for long.

`Tokenizer.from_file` parses the file and builds the tokenizer in one call into Rust that
holds the GIL throughout: 0.1-0.2 s for the embedded model's 49,152 tokens and merges, and
while the model loads on its thread the window cannot run a line of Python for that long.
A BPE tokenizer's file is read here in steps instead:

1. its vocabulary and merges are parsed in slices of about `STEP` characters, one call to
   the JSON decoder each, the rest of the file value by value;
2. the tokenizer is built from the file without them (`from_str`, a millisecond);
3. the BPE model built from them is set into it: the one long step left (40-70 ms on a slow
   2-core machine), the model's own build;
4. the added tokens are added to it, as `from_str` adds them once its model is built: a
   token the vocabulary lacks takes its id from the vocabulary's size.

Other models, and files this reading does not expect, are read by `from_str`, which also
reports a broken file as `from_file` would.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

STEP = 1 << 15  # characters parsed in one call: about a millisecond with the GIL held
# A member this long is not a token: the file is not what this reading expects.
_LONGEST_MEMBER = 64 * STEP
# BPE's settings in the file besides its vocabulary and merges, by its constructor's names,
# with the types tokenizers reads them as (a bool is no number there).
_BPE_SETTINGS: dict[str, tuple[type, ...]] = {
    "dropout": (float, int),
    "unk_token": (str,),
    "continuing_subword_prefix": (str,),
    "end_of_word_suffix": (str,),
    "fuse_unk": (bool,),
    "byte_fallback": (bool,),
    "ignore_merges": (bool,),
}
_ADDED_TOKEN: dict[str, type] = {
    "id": int,
    "content": str,
    "single_word": bool,
    "lstrip": bool,
    "rstrip": bool,
    "normalized": bool,
    "special": bool,
}
_SPACE = re.compile(r"[ \t\n\r]*")  # JSON's whitespace


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object's members; a key given twice raises (tokenizers refuses most such files,
    and `from_str` then decides)."""
    members = dict(pairs)
    if len(members) != len(pairs):
        raise ValueError("a key twice")
    return members


_decoder = json.JSONDecoder(object_pairs_hook=_unique)


@dataclass(frozen=True, slots=True)
class _BpeFile:
    rest: str  # the file without the four below, as JSON
    settings: dict[str, Any]  # the BPE model's, by its constructor's names
    vocab: dict[str, int]
    merges: list[Any]  # (left, right) tuples; one of another length makes BPE refuse it
    added: list[dict[str, Any]]  # AddedToken's arguments, in the file's order


def read_tokenizer(path: Path) -> Any:
    """The `tokenizers.Tokenizer` saved in `path`; raises what `Tokenizer.from_file` raises."""
    from tokenizers import AddedToken, Tokenizer
    from tokenizers.models import BPE

    try:
        text = path.read_bytes().decode("utf-8")  # line ends as they are, for its messages
    except (OSError, UnicodeDecodeError):
        return Tokenizer.from_file(str(path))  # to say what is wrong in its words
    try:
        bpe = _bpe_file(text)
        if bpe is not None:
            tokenizer = Tokenizer.from_str(bpe.rest)
            tokenizer.model = BPE(bpe.vocab, bpe.merges, **bpe.settings)
            tokenizer.add_tokens([AddedToken(**token) for token in bpe.added])
            return tokenizer
    except Exception:  # not as tokenizers writes a BPE (it raises bare Exceptions)
        pass  # from_str reads it, or says what is wrong, as from_file would
    return Tokenizer.from_str(text)


def _bpe_file(text: str) -> _BpeFile | None:
    """The file in parts, or None when its model is not a BPE of known settings."""
    data, end = _object_in_steps(text, _skip_space(text, 0), _top_level_value)
    if _skip_space(text, end) != len(text):
        raise ValueError("text after the object")
    model = data["model"]
    if not isinstance(model, dict) or model.get("type") != "BPE":
        return None
    settings = {  # null is each setting's default, and the constructor takes no None
        k: v for k, v in model.items() if k not in ("type", "vocab", "merges") and v is not None
    }
    if any(type(v) not in _BPE_SETTINGS.get(k, ()) for k, v in settings.items()):
        return None
    vocab, merges, added = model["vocab"], model["merges"], data["added_tokens"]
    if type(merges) is not list or not all(type(index) is int for index in vocab.values()):
        return None
    if all(type(merge) is str for merge in merges):  # "left right", before tokenizers 0.20
        merges = [m.split(" ") for m in merges if not m.startswith("#version")]
    elif not all(type(merge) is list for merge in merges):
        return None
    if not all(_is_added_token(token) for token in added):
        return None
    return _BpeFile(
        rest=json.dumps(
            dict(data, added_tokens=[], model={"type": "BPE", "vocab": {}, "merges": []})
        ),
        settings=settings,
        vocab=vocab,
        merges=list(map(tuple, merges)),
        added=[{k: v for k, v in token.items() if k != "id"} for token in added],
    )


def _is_added_token(token: Any) -> bool:
    """Whether `token` is an added token as tokenizers writes one: every field, each of its
    type (its id is the one the tokenizer gives it again)."""
    return (
        type(token) is dict
        and token.keys() == _ADDED_TOKEN.keys()
        and all(type(token[k]) is kind for k, kind in _ADDED_TOKEN.items())
        and token["id"] >= 0
    )


def _top_level_value(key: str, text: str, start: int) -> tuple[Any, int]:
    if key == "model" and text[start] == "{":
        return _object_in_steps(text, start, _model_value)
    return _decoder.raw_decode(text, start)


def _model_value(key: str, text: str, start: int) -> tuple[Any, int]:
    if key in ("vocab", "merges") and text[start] in "{[":
        return _container_in_slices(text, start)
    return _decoder.raw_decode(text, start)


def _object_in_steps(
    text: str, start: int, value: Callable[[str, str, int], tuple[Any, int]]
) -> tuple[dict[str, Any], int]:
    """The object at `start` and the index after it, each member's value read by
    `value(key, text, index)`."""
    if text[start] != "{":
        raise ValueError("expected an object")
    members: dict[str, Any] = {}
    at = _skip_space(text, start + 1)
    if text[at] == "}":
        return members, at + 1
    while True:
        key, at = _decoder.raw_decode(text, at)
        at = _skip_space(text, at)
        if not isinstance(key, str) or key in members or text[at] != ":":
            raise ValueError("expected a new key")
        members[key], at = value(key, text, _skip_space(text, at + 1))
        at = _skip_space(text, at)
        if text[at] == "}":
            return members, at + 1
        if text[at] != ",":
            raise ValueError("expected ',' or '}'")
        at = _skip_space(text, at + 1)


def _container_in_slices(text: str, start: int) -> tuple[Any, int]:
    """The object or array at `start`, parsed a slice of members at a time, and the index
    after it.

    A slice ends at the first comma after `STEP` characters that ends a member. A comma
    inside a string or a nested value does not: the slice then ends in an unclosed string or
    value, which fails to parse, and the next comma is tried. "Extra data" means the
    container closed before the comma: the slice up to it is the last.
    """
    opener = text[start]
    closer = "}" if opener == "{" else "]"
    parts: list[Any] = []
    at = start + 1
    while True:
        cut = text.find(",", at + STEP)
        part = None  # a slice parses to a dict or a list
        while cut != -1 and part is None:
            piece = opener + text[at:cut] + closer
            try:
                part = _decoder.decode(piece)
            except json.JSONDecodeError as error:
                if error.msg == "Extra data":
                    break
                inside = error.msg.startswith("Unterminated string") or error.pos >= len(piece) - 1
                if not inside or cut - at > _LONGEST_MEMBER:
                    raise  # a mistake in the file, not a cut in the wrong place
                cut = text.find(",", cut + 1)
        if part is None:
            last, length = _decoder.raw_decode(opener + (text[at:cut] if cut != -1 else text[at:]))
            if parts and not last:
                raise ValueError("a comma before the end")
            parts.append(last)
            end = at - 1 + length
            break
        parts.append(part)
        at = cut + 1
    if opener == "[":
        return list(itertools.chain.from_iterable(parts)), end
    members: dict[str, Any] = {}
    for part in parts:
        members.update(part)
    if len(members) != sum(map(len, parts)):
        raise ValueError("a key twice")
    return members, end


def _skip_space(text: str, at: int) -> int:
    return _SPACE.match(text, at).end()  # type: ignore[union-attr]  # it matches ""
