"""The 4-bit Llama path on tiny GGUFs quantized on the fly, checked against transformers
reading the same file (which dequantizes it to float32)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from model_factory import llama_gguf

from desktop_app.domain.generation import (
    GenerationParams,
    GenerationRequest,
    GenerationResult,
    LoadOptions,
)
from desktop_app.generation import decoders, gguf_cache, quantized_llama
from desktop_app.generation.decoders import QuantizedDecoder
from desktop_app.generation.engine import run_stream
from desktop_app.generation.gguf_header import read_gguf_header
from desktop_app.generation.quantized_llama import QuantizedLlama, unsupported_reason
from desktop_app.generation.transformers_engine import FOUR_BIT, TransformersEngine

IDS = list(range(3, 60))


@pytest.fixture(params=["blocks", "torch"])
def products(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each test twice: on Inkwell's C block products, and on torch's 4-bit kernel (what a
    machine without the C build, or another processor, runs)."""
    if request.param == "blocks" and quantized_llama.block_kernels() is None:
        pytest.skip("the block kernels are not built here")
    if request.param == "torch":
        monkeypatch.setattr(quantized_llama, "block_kernels", lambda: None)
    return str(request.param)


@pytest.fixture(scope="module")
def q4_gguf(tmp_path_factory: pytest.TempPathFactory, byte_tokenizer: Any) -> Path:
    folder = tmp_path_factory.mktemp("q4")
    return llama_gguf(folder / "tiny.Q4_1.gguf", byte_tokenizer, "Q4_1", "Q8_0")


def reference_logits(gguf: Path, ids: list[int]) -> Any:
    import torch
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(
        gguf.parent, gguf_file=gguf.name, dtype=torch.float32
    ).eval()
    with torch.inference_mode():
        return model(input_ids=torch.tensor([ids])).logits[0]


@pytest.mark.parametrize(("linears", "embeddings"), [("Q4_1", "Q8_0"), ("Q4_0", "F32")])
def test_scores_match_transformers_on_the_same_file(
    tmp_path: Path, byte_tokenizer: Any, linears: str, embeddings: str, products: str
) -> None:
    import torch

    gguf = llama_gguf(tmp_path / "tiny.gguf", byte_tokenizer, linears, embeddings)
    model = QuantizedLlama(gguf, read_gguf_header(gguf))
    with torch.inference_mode():
        scores = model.forward([IDS], model.new_cache(), keep=len(IDS))
    expected = reference_logits(gguf, IDS)
    # Only rounding separates the two: of activations and scales to bfloat16 (torch), or of
    # activations to 16-bit blocks (the C kernels).
    assert (scores - expected).abs().max() < 0.02 * expected.abs().max()
    assert (scores.argmax(-1) == expected.argmax(-1)).float().mean() > 0.9


def test_a_long_prompt_is_read_with_the_weights_decoded_to_float32(
    q4_gguf: Path, monkeypatch: pytest.MonkeyPatch, products: str
) -> None:
    import torch

    model = QuantizedLlama(q4_gguf, read_gguf_header(q4_gguf))
    decoded: list[object] = []
    real = quantized_llama._Int4Linear._decoded
    monkeypatch.setattr(
        quantized_llama._Int4Linear, "_decoded", lambda self: decoded.append(self) or real(self)
    )
    monkeypatch.setattr(quantized_llama, "DENSE_FROM_ROWS", len(IDS))
    with torch.inference_mode():
        short = model.forward([IDS[:-1]], model.new_cache(), keep=1)
        assert decoded == []  # one token short: the 4-bit kernel
        long = model.forward([IDS], model.new_cache(), keep=2)
    assert len(decoded) == 4 * 2  # every product of both layers, decoded from the file
    expected = reference_logits(q4_gguf, IDS)
    for scores, row in ((short[-1], expected[-2]), (long[-1], expected[-1])):
        assert (scores - row).abs().max() < 0.02 * row.abs().max()
    assert torch.allclose(long[0], short[-1], atol=0.02 * expected.abs().max().item())


def test_a_decoder_reads_in_pieces_and_rewinds_as_if_read_at_once(
    q4_gguf: Path, products: str
) -> None:
    import torch

    model = QuantizedLlama(q4_gguf, read_gguf_header(q4_gguf))
    whole = QuantizedDecoder(model)
    with torch.inference_mode():
        expected = whole.feed(IDS, keep=len(IDS))
        pieces = QuantizedDecoder(model)
        pieces.feed(IDS[:20], keep=1)
        last = pieces.feed(IDS[20:], keep=len(IDS) - 20)
        assert torch.allclose(last, expected[20:], atol=1e-4)
        # Rewound to a shared start, another text gets the scores a fresh read gives.
        other = [*IDS[:10], 7, 8, 9]
        pieces.rewind(10)
        assert pieces.fed == IDS[:10]
        again = pieces.feed(other[10:], keep=3)
        fresh = QuantizedDecoder(model).feed(other, keep=3)
        assert torch.allclose(again, fresh, atol=1e-4)


def fbgemm_missing() -> bool:
    import torch

    return "fbgemm" not in torch.backends.quantized.supported_engines


@pytest.mark.skipif(fbgemm_missing(), reason="fbgemm runs on x86 only")
def test_the_int8_head_scores_as_the_exact_product_of_its_rows(q4_gguf: Path) -> None:
    import torch

    from desktop_app.generation.quantized_llama import _FileTensors, _Int8Head

    tensors = _FileTensors(q4_gguf, read_gguf_header(q4_gguf))
    head = _Int8Head(tensors, "output.weight")
    weights = tensors.dense("output.weight", torch.float32)
    rows = weights.abs().amax(1, keepdim=True) / 127
    exact_int8 = torch.round(weights / rows) * rows
    torch.manual_seed(0)
    mixed = torch.randn(3, weights.shape[1]) * 4
    for x in (mixed, mixed.abs() + 1, torch.zeros(1, weights.shape[1])):
        expected = x @ exact_int8.T
        error = (head(x) - expected).abs().max()
        assert error <= 1e-3 * expected.abs().max() + 1e-6
    # fbgemm alone rounds the input to 7 bits: well over ten times the error.
    alone = (head._product(mixed) - mixed @ exact_int8.T).abs().max()
    assert (head(mixed) - mixed @ exact_int8.T).abs().max() * 10 < alone


@pytest.mark.skipif(fbgemm_missing(), reason="fbgemm runs on x86 only")
@pytest.mark.parametrize("native_bfloat16", [False, True])
def test_the_head_is_int8_only_where_bfloat16_arithmetic_is_emulated(
    q4_gguf: Path, monkeypatch: pytest.MonkeyPatch, native_bfloat16: bool
) -> None:
    import torch

    from desktop_app.generation import system_resources
    from desktop_app.generation.quantized_llama import _Int8Head

    monkeypatch.setattr(quantized_llama, "block_kernels", lambda: None)  # they choose Q8_0
    monkeypatch.setattr(system_resources, "cpu_runs_bfloat16", lambda _torch: native_bfloat16)
    monkeypatch.setattr(torch.backends.cpu, "get_cpu_capability", lambda: "AVX2")
    model = QuantizedLlama(q4_gguf, read_gguf_header(q4_gguf))
    assert isinstance(model._head, _Int8Head) is not native_bfloat16
    with torch.inference_mode():
        scores = model.forward([IDS], model.new_cache(), keep=len(IDS))
    expected = reference_logits(q4_gguf, IDS)
    assert (scores - expected).abs().max() < 0.02 * expected.abs().max()


@pytest.mark.parametrize(("linears", "problem"), [("F32", "Q4_0 or Q4_1"), ("Q8_0", "Q4_0")])
def test_other_weight_types_are_left_to_transformers(
    tmp_path: Path, byte_tokenizer: Any, linears: str, problem: str
) -> None:
    gguf = llama_gguf(tmp_path / "tiny.gguf", byte_tokenizer, linears)
    reason = unsupported_reason(read_gguf_header(gguf))
    assert reason is not None
    assert problem in reason


def run(engine: TransformersEngine, prompt: str, seed: int | None = None) -> GenerationResult:
    temperature = 0.0 if seed is None else 1.0
    params = GenerationParams(
        max_new_tokens=8, temperature=temperature, repetition_penalty=1.0, seed=seed
    )
    request = GenerationRequest(
        task_id="continue", inputs=(), messages=(), plain_prompt=prompt, params=params
    )
    return run_stream(engine.stream(request, threading.Event()), lambda _piece: None)


def test_the_engine_runs_a_q4_gguf_in_four_bits_unless_told_otherwise(
    q4_gguf: Path, tmp_path: Path
) -> None:
    engine = TransformersEngine(tmp_path / "cache", threads=1)
    info = engine.load(str(q4_gguf), lambda f, m: None, LoadOptions(device="cpu"))
    assert info.dtype == FOUR_BIT
    assert run(engine, "hello there").output_tokens > 0
    exact = engine.load(str(q4_gguf), lambda f, m: None, LoadOptions("cpu", "float32"))
    assert exact.dtype == "float32"
    assert info.parameter_count == exact.parameter_count


@pytest.mark.parametrize("dtype", ["auto", "float32"])
def test_a_longer_prompt_with_the_same_start_reuses_what_was_read_and_repeats_its_text(
    q4_gguf: Path, tmp_path: Path, dtype: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(decoders, "PROMPT_CHUNK", 8)  # pieces the tiny prompts can fill

    def loaded() -> TransformersEngine:
        engine = TransformersEngine(tmp_path / "cache", threads=1)
        engine.load(str(q4_gguf), lambda f, m: None, LoadOptions("cpu", dtype))
        return engine

    engine = loaded()
    draft = "Once upon a time there was a lighthouse keeper"
    first = run(engine, draft, seed=7)
    assert first.prompt_tokens_reused == 0
    longer = draft + first.text + " and then"
    second = run(engine, longer, seed=7)
    # Whole pieces of the first prompt only: the state after them is what a fresh read has.
    assert second.prompt_tokens_reused == first.prompt_tokens // 8 * 8 > 0
    # Sampled with the same seed, the text is the one a fresh engine writes.
    assert run(loaded(), longer, seed=7).text == second.text
    assert run(engine, longer).text == run(loaded(), longer).text  # and greedy
    assert run(engine, "Zebras").prompt_tokens_reused == 0  # another text shares nothing


def test_prompts_are_read_in_pieces_cut_at_fixed_positions() -> None:
    assert decoders.prompt_pieces(0, list(range(600))) == [
        list(range(256)),
        list(range(256, 512)),
        list(range(512, 600)),
    ]
    assert [len(p) for p in decoders.prompt_pieces(250, list(range(300)))] == [6, 256, 38]


def random_adapter(folder: Path, base: Path, info: Any) -> Path:
    """A LoRA adapter with random (non-zero) weights over the dequantized tiny model."""
    import json

    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    torch.manual_seed(5)
    model = AutoModelForCausalLM.from_pretrained(base, dtype=torch.float32)
    config = LoraConfig(r=4, target_modules=["q_proj", "v_proj"], init_lora_weights=False)
    get_peft_model(model, config).save_pretrained(folder)
    described = {
        "name": "Random",
        "base_model_id": info.model_id,
        "base_parameter_count": info.parameter_count,
        "base_source": info.source,
        "data_fingerprint": "-",
        "steps": 1,
    }
    (folder / "adapter.json").write_text(json.dumps(described), encoding="utf-8")
    return folder


def test_an_adapter_over_the_four_bit_model_comes_off_back_to_four_bits(
    q4_gguf: Path, tmp_path: Path
) -> None:
    engine = TransformersEngine(tmp_path / "cache", threads=1)
    info = engine.load(str(q4_gguf), lambda f, m: None, LoadOptions(device="cpu"))
    base = run(engine, "hello there").text
    cache_folder = next((tmp_path / "cache").iterdir())
    assert not gguf_cache.is_complete(cache_folder)  # the 4-bit path made no dense copy
    gguf_cache.convert(q4_gguf, tmp_path / "dense")
    adapter = random_adapter(tmp_path / "adapter", tmp_path / "dense", info)
    adapted = engine.set_adapter(str(adapter))
    assert (adapted.dtype, adapted.adapter) == ("float32", "Random")
    assert gguf_cache.is_complete(cache_folder)  # made for the adapter, which adds to it
    assert run(engine, "hello there").text != base
    restored = engine.set_adapter(None)
    assert restored == info  # the same 4-bit model, not a float32 copy
    assert run(engine, "hello there").text == base


def test_a_sliding_window_cache_that_cannot_be_cut_back_is_read_again(
    byte_tokenizer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import torch
    from transformers import MistralConfig, MistralForCausalLM

    from desktop_app.domain.generation import GenerationParams
    from desktop_app.generation.decoders import TransformersDecoder
    from desktop_app.generation.sampling import TokenSampler

    monkeypatch.setattr(decoders, "PROMPT_CHUNK", 4)
    torch.manual_seed(0)
    config = MistralConfig(
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        sliding_window=8,
        vocab_size=len(byte_tokenizer),
    )
    model = MistralForCausalLM(config).eval()
    decoder = TransformersDecoder(model)
    params = GenerationParams(temperature=0.0)
    first = TokenSampler(decoder, IDS[:13], params, seed=1)
    for _ in range(3):
        first.next_step()
    # The window is full: cutting back is impossible, so the next prompt is read whole.
    second = TokenSampler(decoder, IDS[:20], params, seed=1)
    step = second.next_step()
    assert second.reused == 0
    assert (
        step.token
        == TokenSampler(TransformersDecoder(model), IDS[:20], params, 1).next_step().token
    )
