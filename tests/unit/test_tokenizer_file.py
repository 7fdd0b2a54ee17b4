"""tokenizer.json read in steps is the tokenizer `Tokenizer.from_file` reads, for every kind
of BPE file, and no step parses more than a slice of it at once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from any_script import SAMPLES

from desktop_app.generation import tokenizer_file
from desktop_app.generation.tokenizer_file import read_tokenizer

# Tokens a slice may be cut inside of: JSON's own punctuation, escapes, and any script.
AWKWARD = [",", '"', "]", "}", "[", "{", ":", "\\", '","', "],[", "\n", "中文", "שלום", "🙂", "a b"]


def _bpe_tokenizer(**settings: Any) -> Any:
    """A BPE whose vocabulary and merges hold every awkward token, with special and plain
    tokens added both inside and beyond its vocabulary."""
    from tokenizers import AddedToken, Tokenizer, decoders, pre_tokenizers
    from tokenizers.models import BPE

    prefix = settings.get("continuing_subword_prefix", "")  # where a merge's right part starts
    alphabet = sorted({char for token in AWKWARD for char in token} | set("abcdefgh "))
    vocab: dict[str, int] = {}
    for text in [*alphabet, *(prefix + char for char in alphabet)]:
        vocab.setdefault(text, len(vocab))
    merges = []
    for token in AWKWARD:
        for cut in range(1, len(token)):  # each token built up one character at a time
            left, right = token[:cut], token[cut:]
            if left in vocab and prefix + right in vocab and token not in vocab:
                merges.append((left, prefix + right))
                vocab.setdefault(token, len(vocab))
                vocab.setdefault(prefix + token, len(vocab))
    vocab["<unk>"] = len(vocab)
    tokenizer = Tokenizer(BPE(vocab, merges, **settings))
    tokenizer.pre_tokenizer = pre_tokenizers.Split(" ", "isolated")
    tokenizer.decoder = decoders.Fuse()
    tokenizer.add_special_tokens(["<unk>", "<|end|>", AddedToken("<|tool|>", lstrip=True)])
    tokenizer.add_tokens(["中文", AddedToken(" spaced ", single_word=True, normalized=False)])
    return tokenizer


def _file(
    folder: Path, tokenizer: Any, *, legacy_merges: bool = False, pretty: bool = True
) -> Path:
    path = folder / "tokenizer.json"
    tokenizer.save(str(path), pretty=pretty)
    if legacy_merges:  # as tokenizers wrote merges before 0.20: "left right"
        data = json.loads(path.read_text(encoding="utf-8"))
        pairs = [pair for pair in data["model"]["merges"] if " " not in "".join(pair)]
        data["model"]["merges"] = [" ".join(pair) for pair in pairs]  # no space in either
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _same_as_from_file(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Read in steps, not by the whole file's `from_str`, and the same tokenizer."""
    from tokenizers import Tokenizer

    expected = Tokenizer.from_file(str(path))
    read_whole: list[str] = []
    from_str = Tokenizer.from_str
    monkeypatch.setattr(
        Tokenizer, "from_str", lambda text: read_whole.append(text) or from_str(text)
    )
    tokenizer = read_tokenizer(path)
    assert path.read_text(encoding="utf-8") not in read_whole
    assert tokenizer.to_str() == expected.to_str()
    for text in [*SAMPLES.values(), " ".join(AWKWARD), "a <|tool|> b  spaced 中文<|end|>"]:
        encoded = expected.encode(text)
        assert tokenizer.encode(text).ids == encoded.ids
        assert tokenizer.decode(encoded.ids, skip_special_tokens=False) == expected.decode(
            encoded.ids, skip_special_tokens=False
        )


@pytest.mark.parametrize("pretty", [True, False])
@pytest.mark.parametrize("step", [1, 7, 64, tokenizer_file.STEP])
@pytest.mark.parametrize(
    "settings",
    [
        {},
        {"unk_token": "<unk>", "fuse_unk": True},
        {"continuing_subword_prefix": "##", "end_of_word_suffix": "</w>"},
        {"byte_fallback": True, "ignore_merges": True, "dropout": 0.0},
    ],
    ids=["plain", "unknown", "affixes", "fallback"],
)
def test_a_bpe_file_reads_as_from_file_reads_it(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    step: int,
    pretty: bool,
    settings: dict[str, Any],
) -> None:
    monkeypatch.setattr(tokenizer_file, "STEP", step)  # slices cut everywhere they can
    _same_as_from_file(_file(tmp_path, _bpe_tokenizer(**settings), pretty=pretty), monkeypatch)


def test_merges_in_the_old_format_and_a_trained_tokenizer_read_as_from_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, byte_tokenizer: Any
) -> None:
    monkeypatch.setattr(tokenizer_file, "STEP", 16)
    (tmp_path / "old").mkdir()
    _same_as_from_file(_file(tmp_path / "old", _bpe_tokenizer(), legacy_merges=True), monkeypatch)
    _same_as_from_file(_file(tmp_path, byte_tokenizer.backend_tokenizer), monkeypatch)


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length of the text each JSON parse in tokenizer_file reads, as it reads it."""
    lengths: list[int] = []
    decoder = tokenizer_file._decoder

    class Measured:
        def decode(self, text: str) -> Any:
            lengths.append(len(text))
            return decoder.decode(text)

        def raw_decode(self, text: str, start: int = 0) -> Any:
            value, end = decoder.raw_decode(text, start)
            lengths.append(end - start)
            return value, end

    monkeypatch.setattr(tokenizer_file, "_decoder", Measured())
    return lengths


def test_no_step_parses_more_than_a_slice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parsed: list[int]
) -> None:
    """Each parse holds the GIL; only the BPE model's own build is left as one long step."""
    from tokenizers import Tokenizer
    from tokenizers.models import BPE

    vocab = {f"t{index}": index for index in range(30_000)}
    merges = [(f"t{index}", f"t{index + 1}") for index in range(0, 29_000, 2)]
    vocab |= {left + right: len(vocab) + n for n, (left, right) in enumerate(merges)}
    path = _file(tmp_path, Tokenizer(BPE(vocab, merges)))
    assert path.stat().st_size > 1_000_000
    from_str = Tokenizer.from_str

    def measured_from_str(text: str) -> Any:
        parsed.append(len(text))
        return from_str(text)

    monkeypatch.setattr(Tokenizer, "from_str", measured_from_str)
    tokenizer = read_tokenizer(path)
    assert tokenizer.to_str() == from_str(path.read_text(encoding="utf-8")).to_str()
    assert len(parsed) > 2 * path.stat().st_size / tokenizer_file.STEP
    assert max(parsed) < tokenizer_file.STEP + 100


def _edited(data: dict[str, Any], **model: Any) -> str:
    return json.dumps(dict(data, model=dict(data["model"], **model)), indent=1)


def _added(data: dict[str, Any], **changes: Any) -> str:
    first, *rest = data["added_tokens"]
    token = {k: v for k, v in {**first, **changes}.items() if v is not None}
    return json.dumps(dict(data, added_tokens=[token, *rest]), indent=1)


@pytest.mark.parametrize("step", [16, tokenizer_file.STEP])
def test_other_models_and_broken_files_read_as_from_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: int
) -> None:
    """Whatever tokenizers refuses is refused with its message, wherever the mistake is."""
    from tokenizers import Tokenizer
    from tokenizers.models import WordLevel

    monkeypatch.setattr(tokenizer_file, "STEP", step)
    word_level = tmp_path / "word_level.json"
    Tokenizer(WordLevel({"a": 0, "<unk>": 1}, unk_token="<unk>")).save(str(word_level))
    good = _file(tmp_path, _bpe_tokenizer()).read_text(encoding="utf-8")
    data = json.loads(good)
    vocab, merges = data["model"]["vocab"], data["model"]["merges"]
    legacy = [" ".join(pair) for pair in merges if " " not in "".join(pair)]
    odd = [
        word_level.read_text(encoding="utf-8"),
        _edited(data, novel=1),  # tokenizers ignores it
        _edited(data, merges=["#version: 0.2", *legacy]),  # and skips this line
        good.replace("\n", "\r\n"),
    ]
    middle = good.index('"', good.index('"vocab"') + len(good[good.index('"vocab"') :]) // 4)
    broken = [
        good[: len(good) // 2],
        good[:-1],
        "",
        "[]",
        '{"model": "\udcff"}',  # not UTF-8 once written
        good.replace('"added_tokens"', '"added_tokens', 1),
        good.replace(',\n  "model"', '\n  "model"', 1),  # a comma missing
        good.replace(',\n  "model"', ',\n  "model": 1,\n  "model"', 1),  # a key twice
        good[:-1] + ",}",  # a comma too many
        good + " []",
        good.replace('"vocab": {', '"vocab": {1: 2, ', 1),
        good[:middle] + good[middle:].replace(":", "", 1),  # mid-vocabulary
        good[:middle] + good[middle:].replace(",", ",,", 1),
        _edited(data, merges=["a b c"]),
        _edited(data, merges={}),
        _edited(data, merges=[*merges, "cd"]),  # the two formats mixed
        _edited(data, merges=[*merges, ["a", 1]]),
        _edited(data, vocab=[1]),
        _edited(data, vocab={**vocab, "<unk>": True}),
        _edited(data, dropout=True),
        _edited(data, unk_token=3),
        _added(data, id=None),
        _added(data, id=-1),
        _added(data, id="1"),
        _added(data, single_word=None),
        _added(data, special=1),
        json.dumps(dict(data, truncation={"max_length": 1, "max_length ": 2})),
    ]
    for at in (good.rindex("]\n  }\n}"), good.index("\n  }", good.index('"vocab"'))):
        broken.append(good[:at] + "," + good[at:])  # after the last merge, the last token
    duplicate = good.index('"<|end|>"')
    odd.append(good.replace('"<unk>": ', '"<unk>": 0, "<unk>": ', 1))  # the last one counts
    broken.append(
        good[:duplicate] + good[duplicate:].replace('"special"', '"special": 1, "special"', 1)
    )
    path = tmp_path / "file.json"
    for text in odd:
        path.write_bytes(text.encode("utf-8"))
        assert read_tokenizer(path).to_str() == Tokenizer.from_file(str(path)).to_str()
    for text in broken:
        path.write_bytes(text.encode("utf-8", "surrogateescape"))
        with pytest.raises(Exception) as expected:  # tokenizers raises a bare Exception
            Tokenizer.from_file(str(path))
        with pytest.raises(type(expected.value)) as raised:
            read_tokenizer(path)
        assert str(raised.value) == str(expected.value)


def test_a_mistake_in_a_large_vocabulary_is_reported_without_reading_on(
    tmp_path: Path, parsed: list[int]
) -> None:
    """Trying every later comma as the slice's end would read the rest of the file again and
    again: half a minute for a 3 MB file."""
    from tokenizers import Tokenizer
    from tokenizers.models import BPE

    path = _file(tmp_path, Tokenizer(BPE({f"t{index}": index for index in range(60_000)}, [])))
    text = path.read_text(encoding="utf-8")
    middle = text.index('"t30000"')
    path.write_text(text[:middle] + text[middle:].replace(":", "", 1), encoding="utf-8")
    with pytest.raises(Exception, match="expected `:`"):
        read_tokenizer(path)
    assert sum(parsed) < 2 * len(text)
