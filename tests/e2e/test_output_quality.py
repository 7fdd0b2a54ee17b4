"""The embedded model with the default settings writes text, not loops."""

from __future__ import annotations

import threading
from collections import Counter

import pytest

from desktop_app.domain.generation import GenerationParams, StopReason
from desktop_app.domain.prompting import EditorContext, build_request
from desktop_app.generation.engine import run_stream
from desktop_app.services.task_library import task_by_id

pytestmark = pytest.mark.e2e


def most_repeated_4gram(text: str) -> int:
    words = text.lower().split()
    grams = Counter(tuple(words[i : i + 4]) for i in range(len(words) - 3))
    return max(grams.values(), default=0)


@pytest.mark.parametrize(
    ("task_id", "prompt", "seed"),
    [("story", "a robot who learns to paint", 1), ("product_description", "a bamboo mug", 2)],
)
def test_default_sampling_does_not_loop(engine, task_id, prompt, seed):
    task = task_by_id(task_id)
    params = GenerationParams(**{**task.defaults.as_dict(), "max_new_tokens": 120, "seed": seed})
    request = build_request(task, prompt, EditorContext("", "", ""), params).request
    result = run_stream(engine.stream(request, threading.Event()), lambda _text: None)
    assert result.stop_reason in (StopReason.END_OF_TEXT, StopReason.LENGTH)
    assert len(result.text.split()) >= 20, result.text
    assert most_repeated_4gram(result.text) <= 2, result.text


def test_same_seed_gives_the_same_text(engine):
    task = task_by_id("poem")
    params = GenerationParams(max_new_tokens=24, seed=1234)
    request = build_request(task, "rain", EditorContext("", "", ""), params).request
    first = run_stream(engine.stream(request, threading.Event()), lambda _text: None)
    second = run_stream(engine.stream(request, threading.Event()), lambda _text: None)
    assert first.text == second.text and first.seed == second.seed == 1234


def test_greedy_in_the_app_is_exactly_model_generate(engine, tmp_path):
    """The engine's own decoding loop picks the same tokens as transformers' `generate`, on
    the same (float32) weights; the default 4-bit path, whose inputs and weights are rounded,
    predicts the same next tokens nearly everywhere along that text, and on Inkwell's C
    products scores every token as the float32 model does."""
    import torch
    from transformers import AutoModelForCausalLM

    from desktop_app.domain.generation import LoadOptions
    from desktop_app.generation.quantized_llama import _BlockLinear
    from desktop_app.generation.sources import resolve
    from desktop_app.generation.transformers_engine import TransformersEngine

    task = task_by_id("poem")
    params = GenerationParams(max_new_tokens=24, temperature=0.0, repetition_penalty=1.0)
    request = build_request(task, "the sea", EditorContext("", "", ""), params).request
    exact = TransformersEngine(tmp_path / "cache")
    exact.load("embedded", lambda _fraction, _message: None, LoadOptions("cpu", "float32"))
    ours = run_stream(exact.stream(request, threading.Event()), lambda _text: None)
    exact.unload()

    weights = resolve("embedded", tmp_path / "cache").weights_dir
    model = AutoModelForCausalLM.from_pretrained(weights, dtype=torch.float32).eval()
    prompt = engine._tokenizer(ours.rendered_prompt, add_special_tokens=False)["input_ids"]
    out = model.generate(torch.tensor([prompt]), do_sample=False, max_new_tokens=24)
    assert [token.token_id for token in ours.tokens] == out[0, len(prompt) :].tolist()

    ids = out[0].tolist()
    with torch.inference_mode():
        scores = model(out).logits[0]
        four_bit = engine._model.forward([ids], engine._model.new_cache(), len(ids))
    reference = scores[len(prompt) - 1 : -1].argmax(-1)
    agree = (four_bit[len(prompt) - 1 : -1].argmax(-1) == reference).float().mean()
    assert agree >= 0.9, float(agree)
    if isinstance(engine._model.layers[0].qkv, _BlockLinear):  # on the C products
        # Inputs rounded to 16-bit blocks: 0.008 apart at most here (8-bit ones: 1.1).
        assert float((four_bit - scores).abs().max()) < 0.05


def test_the_c_block_products_read_text_as_well_as_torchs_kernel(engine, monkeypatch):
    """The embedded model on Inkwell's C products (inputs rounded to 16-bit blocks)
    predicts a fixed text as it does on torch's 4-bit kernel."""
    from pathlib import Path

    import torch

    from desktop_app.generation import quantized_llama
    from desktop_app.generation.gguf_header import read_gguf_header
    from desktop_app.generation.quantized_llama import QuantizedLlama, _BlockLinear

    model = engine._model
    if quantized_llama.block_kernels() is None:
        pytest.skip("the block kernels are not built here")
    assert isinstance(model.layers[0].gate_up, _BlockLinear)  # the app's default path
    monkeypatch.setattr(quantized_llama, "block_kernels", lambda: None)
    gguf_file = engine._source.gguf_file
    on_torch = QuantizedLlama(gguf_file, read_gguf_header(gguf_file))
    text = Path(__file__).parents[2] / "benchmarks/data/coriolanus_opening.txt"
    ids = engine._tokenizer(text.read_text(encoding="utf-8"))["input_ids"][:384]
    losses, guesses = [], []
    with torch.inference_mode():
        for llama in (model, on_torch):
            cache = llama.new_cache()
            scores = torch.cat(
                [llama.forward([ids[i : i + 128]], cache, 128) for i in range(0, len(ids), 128)]
            )
            target = torch.tensor(ids[1:])
            losses.append(float(torch.nn.functional.cross_entropy(scores[:-1], target)))
            guesses.append(scores[:-1].argmax(-1))
    ratio = torch.exp(torch.tensor(losses[0] - losses[1]))
    assert abs(float(ratio) - 1) < 0.01, losses
    assert (guesses[0] == guesses[1]).float().mean() > 0.9


def test_decoding_through_the_c_layer_steps_scores_as_the_python_layers(engine, monkeypatch):
    """The embedded model's decoded tokens, each one C call a layer (`_LayerStep`), score
    as the Python pass through the same products does, token after token."""
    from pathlib import Path

    import torch

    model = engine._model
    if model.layers[0].step is None:
        pytest.skip("the block kernels are not built here")
    text = Path(__file__).parents[2] / "benchmarks/data/coriolanus_opening.txt"
    ids = engine._tokenizer(text.read_text(encoding="utf-8"))["input_ids"][:100]

    def decoded():
        cache = model.new_cache()
        with torch.inference_mode():
            model.forward([ids[:40]], cache, 1)
            return torch.cat([model.forward([[i]], cache, 1) for i in ids[40:]])

    stepped = decoded()
    for layer in model.layers:
        monkeypatch.setattr(layer, "step", None)
    passed = decoded()
    assert (stepped - passed).abs().max() < 1e-3 * passed.abs().max()
    assert (stepped.argmax(-1) == passed.argmax(-1)).float().mean() >= 0.95
