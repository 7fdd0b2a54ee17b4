"""The C layer step (`decode_layer` in _block_kernels.c): a decoded token's whole pass through
a Llama layer, against a float64 reference written from the definitions and against the
Python pass it replaces."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from model_factory import llama_gguf
from test_block_kernels import decoded, random_blocks, rounded_input

from desktop_app.generation import quantized_llama
from desktop_app.generation.gguf_header import read_gguf_header
from desktop_app.generation.quantized_llama import LlamaShape, QuantizedLlama, block_kernels

pytestmark = pytest.mark.skipif(
    block_kernels() is None, reason="not built here, or the processor lacks AVX2"
)

# Grouped query heads (4 to a key) and a head size that is not a multiple of 8; and the
# embedded model's (3 to a key, 64 values a head: summed in registers).
ODD = LlamaShape(
    layers=1, hidden=64, ffn=96, heads=8, kv_heads=2, head_dim=12,
    rope_base=10000.0, norm_eps=1e-5, context=64,
)  # fmt: skip
SMOL = LlamaShape(
    layers=1, hidden=576, ffn=1536, heads=9, kv_heads=3, head_dim=64,
    rope_base=100000.0, norm_eps=1e-5, context=512,
)  # fmt: skip


class RandomLayer:
    """Random Q4_1 weights of a layer, as the C step reads them and decoded (float64)."""

    def __init__(self, shape: LlamaShape, seed: int) -> None:
        import numpy as np
        import torch

        s, q_size = shape, shape.heads * shape.head_dim
        sizes = {
            "qkv": (q_size + 2 * s.kv_heads * s.head_dim, s.hidden),
            "out": (s.hidden, q_size),
            "gate_up": (2 * s.ffn, s.hidden),
            "down": (s.hidden, s.ffn),
        }
        self.blocks = {
            name: torch.from_numpy(random_blocks("Q4_1", rows, columns, seed + i))
            for i, (name, (rows, columns)) in enumerate(sizes.items())
        }
        self.weights = {
            name: torch.from_numpy(decoded("Q4_1", blocks.numpy(), sizes[name][1]))
            for name, blocks in self.blocks.items()
        }
        generator = torch.Generator().manual_seed(seed)
        self.norms = [1 + 0.1 * torch.randn(s.hidden, generator=generator) for _ in range(2)]
        order = [self.norms[0], *(self.blocks[n] for n in ("qkv", "out")), self.norms[1]]
        order += [self.blocks["gate_up"], self.blocks["down"]]
        self.table = np.array([t.data_ptr() for t in order], dtype=np.uintp)


def rotation_at(shape: LlamaShape, position: int) -> Any:
    """(cos, sin) pairs of each rotated pair at `position`, float32 [head_dim]."""
    import torch

    half = shape.head_dim // 2
    inverse = 1.0 / shape.rope_base ** (torch.arange(half, dtype=torch.float64) / half)
    angles = position * inverse
    return torch.stack([angles.cos(), angles.sin()], -1).flatten().float()


def reference_step(shape: LlamaShape, layer: RandomLayer, x: Any, cache: Any, position: int) -> Any:
    """The layer from its definitions in float64, each product's input rounded as the
    kernels round it. Writes the key and value into cache (float64)."""
    import torch

    s, d = shape, shape.head_dim

    def norm(v: Any, weight: Any) -> Any:
        return v * torch.rsqrt(v.pow(2).mean() + s.norm_eps) * weight.double()

    def product(name: str, v: Any) -> Any:
        return (rounded_input(v.float()[None]) @ layer.weights[name].T)[0]

    qkv = product("qkv", norm(x, layer.norms[0]))
    rotated = (s.heads + s.kv_heads) * d
    pairs = torch.view_as_complex(qkv[:rotated].reshape(-1, 2).contiguous())
    turn = torch.view_as_complex(rotation_at(shape, position).double().view(-1, 2))
    qk = torch.view_as_real(pairs.view(s.heads + s.kv_heads, -1) * turn).flatten(1)
    cache[0, :, position] = qk[s.heads :]
    cache[1, :, position] = qkv[rotated:].view(s.kv_heads, d)
    attended = []
    for head in range(s.heads):
        group = head // (s.heads // s.kv_heads)
        keys, values = cache[0, group, : position + 1], cache[1, group, : position + 1]
        weights = torch.softmax(keys @ qk[head] / d**0.5, 0)
        attended.append(weights @ values)
    x = x + product("out", torch.cat(attended))
    gate, up = product("gate_up", norm(x, layer.norms[1])).split(s.ffn)
    return x + product("down", torch.nn.functional.silu(gate) * up)


@pytest.mark.parametrize(
    ("s", "position", "threads"),
    [
        (ODD, 0, 1),
        (ODD, 7, 1),
        (ODD, 19, 1),
        (ODD, 40, 3),
        (SMOL, 5, 1),
        (SMOL, 300, 1),
        (SMOL, 300, 2),  # long enough for the heads to be shared out among threads
        (SMOL, 511, 4),
    ],
)
def test_a_layer_step_is_the_layer_as_defined(
    s: LlamaShape, position: int, threads: int, kernel_threads: Any
) -> None:
    import torch

    kernels = block_kernels()
    assert kernels is not None
    kernel_threads(threads)
    layer = RandomLayer(s, seed=position)
    torch.manual_seed(position)
    x = torch.randn(s.hidden) * 2
    # Keys and values of earlier tokens, and garbage beyond the position, which must not count.
    cache = torch.randn(2, s.kv_heads, s.context, s.head_dim)
    expected_cache = cache.double()
    expected = reference_step(s, layer, x.double(), expected_cache, position)
    out = x.clone()
    shape = (s.hidden, s.ffn, s.heads, s.kv_heads, s.head_dim, s.norm_eps)
    rotation = rotation_at(s, position)
    kernels.decode_layer(
        out.data_ptr(), layer.table.ctypes.data, cache.data_ptr(), s.context, position,
        rotation.data_ptr(), shape,
    )  # fmt: skip
    assert torch.allclose(out.double(), expected, rtol=0, atol=1e-3 * expected.abs().max())
    assert torch.allclose(cache.double(), expected_cache, rtol=0, atol=1e-4 * cache.abs().max())


def test_a_layer_step_refuses_a_position_outside_the_cache_or_a_shape_it_cannot_run() -> None:
    import torch

    kernels = block_kernels()
    assert kernels is not None
    s = ODD
    layer = RandomLayer(s, seed=1)
    x, cache, rotation = torch.zeros(s.hidden), torch.zeros(2, 2, 4, 12), rotation_at(s, 0)
    good = (s.hidden, s.ffn, s.heads, s.kv_heads, s.head_dim, s.norm_eps)
    odd_heads = (s.hidden, s.ffn, s.heads, 3, s.head_dim, s.norm_eps)
    for position, shape in ((4, good), (-1, good), (0, odd_heads)):
        with pytest.raises(ValueError, match="not a shape"):
            kernels.decode_layer(
                x.data_ptr(), layer.table.ctypes.data, cache.data_ptr(), 4, position,
                rotation.data_ptr(), shape,
            )  # fmt: skip


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory, byte_tokenizer: Any) -> QuantizedLlama:
    gguf = llama_gguf(tmp_path_factory.mktemp("step") / "tiny.gguf", byte_tokenizer, "Q4_1", "Q8_0")
    return QuantizedLlama(gguf, read_gguf_header(gguf))


def decode(model: QuantizedLlama, prompt: list[int], tokens: list[int]) -> tuple[Any, Any]:
    """Scores after each of `tokens` fed one at a time after `prompt`, and the cache."""
    import torch

    cache = model.new_cache()
    with torch.inference_mode():
        model.forward([prompt], cache, keep=1)
        scores = torch.cat([model.forward([[token]], cache, keep=1) for token in tokens])
    return scores, cache.data[:, :, :, : cache.length]


def test_a_decoded_token_takes_the_step_and_scores_as_the_python_pass(
    tiny_model: QuantizedLlama, monkeypatch: pytest.MonkeyPatch
) -> None:
    import torch

    kernels = block_kernels()
    calls: list[int] = []
    real = kernels.decode_layer  # type: ignore[union-attr]
    for layer in tiny_model.layers:
        assert layer.step is not None
        monkeypatch.setattr(layer.step, "_decode_layer", lambda *a: calls.append(1) or real(*a))
    prompt, tokens = list(range(3, 40)), list(range(40, 61))  # past the cache's 8-key runs
    stepped, stepped_cache = decode(tiny_model, prompt, tokens)
    assert len(calls) == len(tokens) * len(tiny_model.layers)  # a prompt's rows do not
    for layer in tiny_model.layers:
        monkeypatch.setattr(layer, "step", None)
    passed, passed_cache = decode(tiny_model, prompt, tokens)
    assert torch.allclose(stepped, passed, rtol=0, atol=1e-4 * passed.abs().max())
    assert torch.allclose(stepped_cache, passed_cache, rtol=0, atol=1e-5)


def test_a_machine_without_the_kernels_has_no_steps(
    tmp_path: Path, byte_tokenizer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(quantized_llama, "block_kernels", lambda: None)
    gguf = llama_gguf(tmp_path / "tiny.gguf", byte_tokenizer, "Q4_1", "Q8_0")
    model = QuantizedLlama(gguf, read_gguf_header(gguf))
    assert all(layer.step is None for layer in model.layers)
