"""Llama-family decoding from a GGUF's 4-bit weights, kept 4-bit in memory.

transformers dequantizes a GGUF to float32 (540 MB for the embedded model, all of it read for
every token); llama.cpp keeps the blocks and reads about 4.5 bits per weight. torch ships CPU
kernels for group-wise 4-bit weights (`_weight_int4pack_mm_for_cpu`: groups of 32 weights,
each group with a scale and an offset, bfloat16 activations), and that arithmetic is exactly
GGUF's Q4_0 and Q4_1 blocks, so those load without quantizing again: the weights are the
file's (only the fp16 scales round to bfloat16). Where Inkwell's own AVX2 products were
built (`_block_kernels.c`), the blocks stay as the file has them and each input row is
rounded to 16-bit integer blocks instead (greedy text then matches float32's): about
twice as fast, and a GIL released for each product. The forward pass is written out here, with
q/k/v and gate/up fused into one product each and a KV cache that grows in place, because
the generic one in transformers spends more time in Python than in arithmetic at this size;
with the C products, a decoded token's pass through a layer is one C call (`_LayerStep`).

GGUF files store Llama's q and k rows in llama.cpp's interleaved rotary order; rotating
adjacent pairs here (as llama.cpp does) gives the same attention as transformers, which
permutes the rows back and rotates halves.
"""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from desktop_app.generation.gguf_header import GGUFHeader, GGUFTensorInfo

GROUP = 32  # weights per GGUF block, and per scale in torch's int4 kernel
# From this many tokens at once (a long prompt) products run dequantized, in float32.
# Measured on a 2-core AVX2 laptop CPU with the embedded model, one thread: 255 tokens take
# 1.6 s on the C block products (2.2 s on torch's 4-bit kernel) and 1.8 s in float32, 1 s of
# it decoding the weights, which every piece of a long prompt then shares (3.6 ms a token).
DENSE_FROM_ROWS = 256
_F32, _F16, _Q4_0, _Q4_1, _Q8_0, _BF16 = 0, 1, 2, 3, 8, 30
_FOUR_BIT = {_Q4_0: 18, _Q4_1: 20}  # block sizes in bytes
_DENSE = {_F32, _F16, _BF16, _Q8_0, *_FOUR_BIT}  # what embeddings and the head may be
_LINEARS = ("attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up", "ffn_down")


@dataclass(frozen=True, slots=True)
class LlamaShape:
    layers: int
    hidden: int
    ffn: int
    heads: int
    kv_heads: int
    head_dim: int
    rope_base: float
    norm_eps: float
    context: int


def unsupported_reason(header: GGUFHeader) -> str | None:
    """Why this GGUF cannot run 4-bit here (it then loads dequantized), or None if it can."""
    import torch

    if not hasattr(torch.ops.aten, "_weight_int4pack_mm_for_cpu"):
        return "this torch has no 4-bit CPU kernel"
    meta = header.metadata
    if meta.get("general.architecture") != "llama":
        return f"architecture {meta.get('general.architecture')} is not Llama"
    tensors = {t.name: t for t in header.tensors}
    # Llama 3's frequency scaling comes as metadata or as a rope_freqs tensor.
    scaling = str(meta.get("llama.rope.scaling.type", "none"))
    if scaling != "none" or "rope_freqs.weight" in tensors:
        return "scaled rotary embeddings"
    try:
        shape = _shape(header)
    except (KeyError, TypeError, ValueError) as exc:
        return f"incomplete metadata ({exc})"
    for key in ("rope.dimension_count", "attention.key_length", "attention.value_length"):
        if meta.get(f"llama.{key}", shape.head_dim) != shape.head_dim:
            return f"{key} differs from the head size"
    for layer in range(shape.layers):
        for name in _LINEARS:
            tensor = tensors.get(f"blk.{layer}.{name}.weight")
            if tensor is None or not _packable(tensor):
                return f"blk.{layer}.{name} is not Q4_0 or Q4_1 in whole kernel tiles"
        if f"blk.{layer}.attn_q.bias" in tensors:
            return "attention biases"
    for name in ("token_embd.weight", "output.weight"):
        if name in tensors and tensors[name].type_id not in _DENSE:
            return f"{name} has an unsupported type"
    return None if "token_embd.weight" in tensors else "no token embeddings"


def _packable(tensor: GGUFTensorInfo) -> bool:
    """Whether torch's int4 kernel takes this weight: 4-bit blocks, and rows in 16s."""
    columns, rows = tensor.shape[0], math.prod(tensor.shape[1:])
    return tensor.type_id in _FOUR_BIT and columns % GROUP == 0 and rows % 16 == 0


def _shape(header: GGUFHeader) -> LlamaShape:
    meta = header.metadata
    hidden = int(meta["llama.embedding_length"])  # type: ignore[call-overload]
    heads = int(meta["llama.attention.head_count"])  # type: ignore[call-overload]
    return LlamaShape(
        layers=int(meta["llama.block_count"]),  # type: ignore[call-overload]
        hidden=hidden,
        ffn=int(meta["llama.feed_forward_length"]),  # type: ignore[call-overload]
        heads=heads,
        kv_heads=int(meta.get("llama.attention.head_count_kv", heads)),  # type: ignore[call-overload]
        head_dim=hidden // heads,
        rope_base=float(meta.get("llama.rope.freq_base", 10000.0)),  # type: ignore[arg-type]
        norm_eps=float(meta["llama.attention.layer_norm_rms_epsilon"]),  # type: ignore[arg-type]
        context=int(meta.get("llama.context_length", 2048)),  # type: ignore[call-overload]
    )


class _FileTensors:
    """Tensor data of a GGUF file, memory-mapped; each tensor decoded on request."""

    def __init__(self, path: Path, header: GGUFHeader) -> None:
        import numpy as np

        self._data = np.memmap(path, dtype=np.uint8, mode="r")
        self._start = header.data_start
        self._infos = {t.name: t for t in header.tensors}

    def has(self, name: str) -> bool:
        return name in self._infos

    def info(self, name: str) -> GGUFTensorInfo:
        return self._infos[name]

    def raw(self, name: str, row_bytes: int) -> Any:
        """The tensor's bytes as rows: numpy uint8 [rows, row_bytes]."""
        info = self._infos[name]
        rows = math.prod(info.shape[1:])
        begin = self._start + info.offset
        return self._data[begin : begin + rows * row_bytes].reshape(rows, row_bytes)

    def four_bit(self, name: str, rows: Any = slice(None)) -> tuple[Any, Any, Any]:
        """Q4_0/Q4_1 `rows` as (values 0..15 int32 [N, K], scales [N, K/32], offsets
        [N, K/32]), float32, with weight = (value - 8) * scale + offset."""
        import numpy as np
        import torch

        info = self._infos[name]
        columns = info.shape[0]
        size = _FOUR_BIT[info.type_id]
        blocks = self.raw(name, columns // GROUP * size)[rows]
        blocks = blocks.reshape(-1, columns // GROUP, size)
        scale = _halves(blocks[..., 0:2])
        if info.type_id == _Q4_1:  # d * q + m
            offset = _halves(blocks[..., 2:4]) + 8 * scale
        else:  # d * (q - 8)
            offset = np.zeros_like(scale)
        packed = blocks[..., size - 16 :]
        # Each block's first 16 weights are the low nibbles, the next 16 the high ones.
        values = np.concatenate([packed & 15, packed >> 4], axis=-1).reshape(-1, columns)
        return (
            torch.from_numpy(values.astype(np.int32)),
            torch.from_numpy(scale),
            torch.from_numpy(offset),
        )

    def q4_1_blocks(self, name: str) -> Any:
        """A Q4_0 or Q4_1 tensor's blocks as Q4_1 bytes, numpy uint8 [N, K/32 * 20]: Q4_0's
        d * (q - 8) is Q4_1's d * q + m with m = -8d, exact in fp16. A Q4_1 tensor's are
        the read-only map itself, to be copied once by the caller."""
        import numpy as np

        info = self._infos[name]
        columns = info.shape[0]
        blocks = self.raw(name, columns // GROUP * _FOUR_BIT[info.type_id])
        blocks = blocks.reshape(len(blocks), columns // GROUP, -1)
        if info.type_id == _Q4_0:
            scale = np.ascontiguousarray(blocks[..., 0:2]).view(np.float16)
            offset = (scale * np.float16(-8)).view(np.uint8)
            blocks = np.concatenate([blocks[..., 0:2], offset, blocks[..., 2:]], axis=-1)
        return blocks.reshape(len(blocks), -1)

    def q8_0_blocks(self, name: str) -> Any:
        """Any supported type as Q8_0 bytes, uint8 [N, K/32 * 34]: a Q8_0 tensor as it is,
        others rounded to it, each block of 32 with its own scale."""
        import numpy as np
        import torch

        info = self._infos[name]
        columns = info.shape[0]
        if info.type_id == _Q8_0:
            return torch.from_numpy(np.array(self.raw(name, columns // GROUP * 34)))
        out = torch.empty(math.prod(info.shape[1:]), columns // GROUP, 34, dtype=torch.uint8)
        for first, rows in self.slices(name):
            grouped = rows.view(len(rows), -1, GROUP)
            scale = grouped.abs().amax(-1, keepdim=True).div(127).half()
            values = torch.round(grouped / scale.float().clamp_min(1e-30)).clamp(-127, 127)
            values = values.to(torch.int8)
            out[first : first + len(rows), :, :2] = scale.view(torch.uint8)
            out[first : first + len(rows), :, 2:] = values.view(torch.uint8)
        return out.flatten(1)

    def dense(self, name: str, dtype: Any) -> Any:
        """Any supported type as a dense [N, K] tensor of `dtype`, decoded in slices so a
        large vocabulary never exists in float32 all at once."""
        import torch

        info = self._infos[name]
        out = torch.empty(math.prod(info.shape[1:]), info.shape[0], dtype=dtype)
        for first, rows in self.slices(name):
            out[first : first + len(rows)] = rows
        return out

    def slices(self, name: str, step: int = 4096) -> Iterator[tuple[int, Any]]:
        """(first row, float32 rows [<= step, K]) for the whole tensor, in order."""
        for first in range(0, math.prod(self._infos[name].shape[1:]), step):
            yield first, self.float_rows(name, slice(first, first + step))

    def float_rows(self, name: str, rows: Any) -> Any:
        """Any supported type's `rows` (a slice or an array of row numbers) as float32."""
        import numpy as np
        import torch

        info = self._infos[name]
        columns = info.shape[0]
        if info.type_id in (_F32, _F16, _BF16):
            # numpy has no bfloat16: its bits are moved as int16.
            item = {_F32: np.float32, _F16: np.float16, _BF16: np.int16}[info.type_id]
            array = self.raw(name, columns * np.dtype(item).itemsize).view(item)[rows]
            part = torch.from_numpy(np.array(array))  # a copy: the map is read-only
            return (part.view(torch.bfloat16) if info.type_id == _BF16 else part).float()
        if info.type_id == _Q8_0:  # d (fp16) then 32 int8 weights
            blocks = self.raw(name, columns // GROUP * 34)[rows]
            blocks = blocks.reshape(len(blocks), columns // GROUP, 34)
            values = np.ascontiguousarray(blocks[..., 2:]).view(np.int8).astype(np.float32)
            weights = values * _halves(blocks[..., 0:2])[..., None]
            return torch.from_numpy(weights.reshape(len(blocks), columns))
        return _float_weights(*self.four_bit(name, rows))


def _float_weights(values: Any, scale: Any, offset: Any) -> Any:
    """4-bit values with their group scales and offsets as float32 weights [N, K]."""
    grouped = (values.float() - 8).view(values.shape[0], -1, GROUP)
    return (grouped * scale[..., None] + offset[..., None]).flatten(1)


def _halves(pairs: Any) -> Any:
    """Little-endian fp16 numbers stored as byte pairs, as float32."""
    import numpy as np

    return np.ascontiguousarray(pairs).view(np.float16)[..., 0].astype(np.float32)


class _Int4Linear:
    """y = x W^T for W stacked from the 4-bit GGUF tensors `names`, kept in torch's packed
    int4 layout. The 4-bit kernel reads one row of x at a time, so for a long prompt it is
    faster to decode W from the (memory-mapped) file again and multiply in float32."""

    def __init__(self, tensors: _FileTensors, names: list[str]) -> None:
        self._tensors, self._names = tensors, names
        self._keep_weights()

    def _keep_weights(self) -> None:
        import torch

        values, scale, offset = self._decoded()
        self.weight = torch.ops.aten._convert_weight_to_int4pack_for_cpu(values, 1)
        # [K/32, N, 2]: each group's scale and offset, as the kernel reads them.
        self.scales = torch.stack([scale, offset], dim=-1).transpose(0, 1).contiguous()
        self.scales = self.scales.to(torch.bfloat16)

    def _decoded(self) -> tuple[Any, Any, Any]:
        import torch

        parts = [self._tensors.four_bit(name) for name in self._names]
        values, scale, offset = (torch.cat([part[i] for part in parts]) for i in range(3))
        return values, scale, offset

    def __call__(self, x: Any) -> Any:
        import torch

        x = x.to(torch.bfloat16)
        return torch.ops.aten._weight_int4pack_mm_for_cpu(x, self.weight, GROUP, self.scales)

    def dense(self) -> Callable[[Any], Any]:
        """The same product in float32, its weights decoded now (dropped after use)."""
        import torch.nn.functional as F

        weight = _float_weights(*self._decoded())
        return lambda x: F.linear(x.float(), weight)

    @property
    def nbytes(self) -> int:
        return int(self.weight.nbytes + self.scales.nbytes)


@functools.cache
def block_kernels() -> ModuleType | None:
    """Inkwell's AVX2 block products, where they were built and this processor runs them."""
    try:
        from desktop_app.generation import _block_kernels
    except ImportError:  # no C compiler at install, or not x86: torch's kernels instead
        return None
    return _block_kernels if _block_kernels.runs_here() else None


_BLOCK_BYTES = {"Q4_1": 20, "Q8_0": 34}


def _block_product(blocks: Any, kind: str) -> Callable[[Any], Any]:
    """x [M, K] -> x W^T in float32 by `block_kernels`, W the weight rows `blocks` (uint8
    [N, K/32 blocks of `kind`]). Sizes are checked here: the C code trusts them."""
    import torch

    kernels = block_kernels()
    assert kernels is not None, "chosen only where the kernels run"
    product = kernels.q4_1_product if kind == "Q4_1" else kernels.q8_0_product
    rows, row_bytes = blocks.shape
    columns, rest = divmod(row_bytes * GROUP, _BLOCK_BYTES[kind])
    assert rest == 0, f"rows of {row_bytes} bytes are not whole {kind} blocks"
    weights = blocks.data_ptr()

    # Called about 120 times a token: shapes, not len(), which is Python code in torch.
    def run(x: Any) -> Any:
        x = x.float().contiguous()
        if x.dim() != 2 or x.shape[1] != columns:
            raise ValueError(f"input {tuple(x.shape)} does not fit weights {tuple(blocks.shape)}")
        count = x.shape[0]
        out = torch.empty((count, rows))
        product(out.data_ptr(), weights, x.data_ptr(), count, rows, columns)
        return out

    return run


class _BlockLinear(_Int4Linear):
    """The same product on the file's own blocks (Q4_0 turned Q4_1), by `block_kernels`."""

    def _keep_weights(self) -> None:
        import numpy as np
        import torch

        parts = [self._tensors.q4_1_blocks(name) for name in self._names]
        self.blocks = torch.from_numpy(np.concatenate(parts))  # the one copy of the map
        self._product = _block_product(self.blocks, "Q4_1")

    def __call__(self, x: Any) -> Any:
        return self._product(x)

    @property
    def nbytes(self) -> int:
        return int(self.blocks.nbytes)


class _BlockHead:
    """The output head as Q8_0 blocks (the embedded model's own), by `block_kernels`."""

    def __init__(self, tensors: _FileTensors, name: str) -> None:
        self.blocks = tensors.q8_0_blocks(name)
        self._product = _block_product(self.blocks, "Q8_0")
        self.nbytes = int(self.blocks.nbytes)

    def __call__(self, x: Any) -> Any:
        return self._product(x)


def _int8_runs_faster() -> bool:
    """Whether fbgemm's int8 product beats bfloat16 here: it runs on x86 from AVX2 on, and
    bfloat16 is slow where the processor has no bfloat16 arithmetic of its own."""
    import torch

    from desktop_app.generation.system_resources import cpu_runs_bfloat16

    return (
        "fbgemm" in torch.backends.quantized.supported_engines
        and torch.backends.cpu.get_cpu_capability() in ("AVX2", "AVX512")
        and not cpu_runs_bfloat16(torch)
    )


def _head(tensors: _FileTensors) -> _Int4Linear | _BlockHead | _Int8Head | Any:
    """The output head in the fastest form this processor runs (Any: bfloat16 weights)."""
    import torch

    head = "output.weight" if tensors.has("output.weight") else "token_embd.weight"
    if _packable(tensors.info(head)):
        return _linear(tensors, [head])
    if block_kernels():
        return _BlockHead(tensors, head)
    if _int8_runs_faster():
        return _Int8Head(tensors, head)
    return tensors.dense(head, torch.bfloat16)


class _Int8Head:
    """The output head (a score for every vocabulary entry) as int8 rows for fbgemm's int8
    product. On a laptop CPU without bfloat16 arithmetic this takes about 3 ms a token for
    the embedded model, where the bfloat16 product takes about 7 ms, a fifth of the token.

    fbgemm rounds its input to 7 bits with one scale per call (`reduce_range`: AVX2 sums
    pairs of u8 x s8 products in 16 bits, which 8 bits would overflow), and that alone
    costs 3-10% perplexity. So the rounding error rides along as a second row, scaled up
    into the input's own range: one product reads the weights once for both rows, and the
    input keeps about 14 bits. The weights are rounded per row from the file's (Q8_0 for
    the embedded model); perplexity on the benchmark text moves by less than 0.05%.

    torch has deprecated the quantized tensors that fbgemm's packing takes (pytorch#184982);
    `_int8_runs_faster` finds no fbgemm once they are gone, and the head stays bfloat16.
    """

    def __init__(self, tensors: _FileTensors, name: str) -> None:
        import torch

        info = tensors.info(name)
        count = math.prod(info.shape[1:])
        values = torch.empty(count, info.shape[0], dtype=torch.int8)
        scales = torch.empty(count, dtype=torch.float64)
        for first, rows in tensors.slices(name):
            scale = rows.abs().amax(1).clamp_min(1e-12) / 127
            values[first : first + len(rows)] = torch.round(rows / scale[:, None])
            scales[first : first + len(rows)] = scale
        zeros = torch.zeros(count, dtype=torch.long)
        engine = torch.backends.quantized.engine
        # fbgemm by name: the error row is worked out for its rounding of the input, and the
        # default engine ("x86") hands some CPUs' products to oneDNN instead.
        torch.backends.quantized.engine = "fbgemm"
        # Known and handled (see above). Process-wide, as catch_warnings would be too.
        warnings.filterwarnings("ignore", "torch.quantize_per_tensor", UserWarning)
        try:
            weights = torch._make_per_channel_quantized_tensor(values, scales, zeros, 0)
            self._packed = torch.ops.quantized.linear_prepack(weights, None)
        finally:
            torch.backends.quantized.engine = engine
        self.nbytes = values.nbytes + scales.nbytes

    def _product(self, x: Any) -> Any:
        import torch

        return torch.ops.quantized.linear_dynamic(x, self._packed, True)

    def __call__(self, x: Any) -> Any:
        import torch

        x = x.float()
        scale, zero = torch._choose_qparams_per_tensor(x, True)
        error = x - torch.fake_quantize_per_tensor_affine(x, scale, zero, 0, 127)
        largest = float(error.abs().max())
        if largest == 0:
            return self._product(x)
        low, high = (float(bound) for bound in torch.aminmax(x))
        # fbgemm's range always holds 0: the error row fits without widening it while it
        # stays within the smaller of the two sides.
        room = min(-low, high)
        if room <= 0:  # the input has one sign: the error needs a product of its own
            return self._product(x) + self._product(error)
        gain = 0.95 * room / largest
        scores = self._product(torch.cat([x, error * gain]))
        return torch.add(scores[: len(x)], scores[len(x) :], alpha=1 / gain)


def _linear(tensors: _FileTensors, names: list[str]) -> _Int4Linear:
    return (_BlockLinear if block_kernels() else _Int4Linear)(tensors, names)


@dataclass(slots=True)
class _Layer:
    attn_norm: Any
    qkv: _Int4Linear
    out: _Int4Linear
    ffn_norm: Any
    gate_up: _Int4Linear
    down: _Int4Linear
    step: _LayerStep | None = None  # a decoded token's whole pass, where the C products run


class _LayerStep:
    """One decoded token's pass through `layer` by `block_kernels`' decode_layer: at one row,
    the dozen torch operations between the products, each a call from Python, took about as
    long as the products themselves (7 of 18.5 ms a token on the embedded model)."""

    def __init__(self, layer: _Layer, shape: LlamaShape) -> None:
        import numpy as np
        import torch

        kernels = block_kernels()
        assert kernels is not None, "chosen only where the kernels run"
        self._decode_layer = kernels.decode_layer
        linears = (layer.qkv, layer.out, layer.gate_up, layer.down)
        blocks = [linear.blocks for linear in linears if isinstance(linear, _BlockLinear)]
        assert len(blocks) == len(linears), "every product on the C kernels"
        qkv, out, gate_up, down = blocks
        tensors = [layer.attn_norm, qkv, out, layer.ffn_norm, gate_up, down]
        assert all(t.is_contiguous() for t in tensors)
        assert layer.attn_norm.dtype == layer.ffn_norm.dtype == torch.float32
        # The C code reads these addresses as a struct of pointers; the layer keeps them alive.
        self._weights = np.array([t.data_ptr() for t in tensors], dtype=np.uintp)
        self._weights_at = self._weights.ctypes.data
        s = shape
        self._shape = (s.hidden, s.ffn, s.heads, s.kv_heads, s.head_dim, s.norm_eps)

    def __call__(self, x: Any, keys_values: Any, position: int, rotation: Any) -> Any:
        """x [1, hidden] after the layer, its key and value written at `position` of
        keys_values [2, kv_heads, capacity, head_dim]; rotation: the position's [D/2] complex."""
        import torch

        out = x.clone(memory_format=torch.contiguous_format)
        self._decode_layer(
            out.data_ptr(),
            self._weights_at,
            keys_values.data_ptr(),
            keys_values.shape[2],
            position,
            rotation.data_ptr(),
            self._shape,
        )
        return out


class KVCache:
    """Keys and values of the tokens seen so far, for every layer; grows by doubling."""

    def __init__(self, shape: LlamaShape) -> None:
        import torch

        self.length = 0
        self._shape = shape
        self.data = torch.empty(shape.layers, 2, shape.kv_heads, 0, shape.head_dim)

    def reserve(self, total: int) -> None:
        import torch

        capacity = self.data.shape[3]
        if total <= capacity:
            return
        capacity = min(max(total, 2 * capacity, 256), max(total, self._shape.context))
        grown = torch.empty(*self.data.shape[:3], capacity, self.data.shape[4])
        grown[:, :, :, : self.length] = self.data[:, :, :, : self.length]
        self.data = grown


class QuantizedLlama:
    """A Llama-family model whose linear layers stay in the GGUF's 4-bit blocks."""

    def __init__(self, path: Path, header: GGUFHeader) -> None:
        import torch

        # Embeddings are read from the file a few rows at a time: no copy in memory.
        self._tensors = tensors = _FileTensors(path, header)
        self.shape = shape = _shape(header)
        self.parameter_count = header.parameter_count  # a tied head is stored once there too
        self.vocab_size = math.prod(tensors.info("token_embd.weight").shape[1:])
        self.norm = tensors.dense("output_norm.weight", torch.float32)[0]
        self._head = _head(tensors)
        self.layers = [self._layer(tensors, f"blk.{i}.", shape) for i in range(shape.layers)]
        half = shape.head_dim // 2
        inverse = 1.0 / shape.rope_base ** (torch.arange(half, dtype=torch.float32) / half)
        angles = torch.outer(torch.arange(shape.context, dtype=torch.float32), inverse)
        self._rotations = torch.polar(torch.ones_like(angles), angles)  # [context, D/2]

    @staticmethod
    def _layer(tensors: _FileTensors, prefix: str, shape: LlamaShape) -> _Layer:
        import torch

        def norm(name: str) -> Any:
            return tensors.dense(prefix + name, torch.float32)[0]

        layer = _Layer(
            attn_norm=norm("attn_norm.weight"),
            qkv=_linear(tensors, [prefix + n + ".weight" for n in ("attn_q", "attn_k", "attn_v")]),
            out=_linear(tensors, [prefix + "attn_output.weight"]),
            ffn_norm=norm("ffn_norm.weight"),
            gate_up=_linear(tensors, [prefix + "ffn_gate.weight", prefix + "ffn_up.weight"]),
            down=_linear(tensors, [prefix + "ffn_down.weight"]),
        )
        if isinstance(layer.qkv, _BlockLinear):
            layer.step = _LayerStep(layer, shape)
        return layer

    @property
    def nbytes(self) -> int:
        """Memory the weights take."""
        linears = [part for layer in self.layers for part in (layer.qkv, layer.out)]
        linears += [part for layer in self.layers for part in (layer.gate_up, layer.down)]
        return int(self._head.nbytes + sum(part.nbytes for part in linears))

    def embed(self, ids: list[int]) -> Any:
        """The tokens' embeddings, float32 [len(ids), hidden]."""
        import numpy as np

        return self._tensors.float_rows("token_embd.weight", np.array(ids))

    def new_cache(self) -> KVCache:
        return KVCache(self.shape)

    def forward(self, pieces: list[list[int]], cache: KVCache, keep: int) -> Any:
        """Reads the token lists `pieces`, one after another, after the cache's tokens;
        float32 scores [keep, vocab] after each of the last `keep` tokens of the last piece.
        Call under torch.inference_mode(), with torch's threads set to those to use.

        Each piece is one pass through the products (its rows computed together, as a
        fresh read of the same piece would); going layer by layer over all pieces decodes
        a dense weight once for all of them.
        """
        import torch

        long = any(len(piece) >= DENSE_FROM_ROWS for piece in pieces)
        kernels = block_kernels() if isinstance(self.layers[0].qkv, _BlockLinear) else None
        if kernels is None:
            return self._forward(pieces, cache, keep, long)
        threads = torch.get_num_threads()
        kernels.set_threads(threads)
        if long:  # dense products, which use torch's threads
            return self._forward(pieces, cache, keep, long)
        # Between the C products torch runs only small operations, and its idle threads spin
        # on the cores the products' threads need (3-5x slower where they meet): one is enough.
        torch.set_num_threads(1)
        try:
            return self._forward(pieces, cache, keep, long)
        finally:
            torch.set_num_threads(threads)

    def _forward(self, pieces: list[list[int]], cache: KVCache, keep: int, long: bool) -> Any:
        import torch
        import torch.nn.functional as F

        s = self.shape
        end = cache.length + sum(len(piece) for piece in pieces)
        if end > s.context:
            raise ValueError(f"{end} tokens do not fit the context of {s.context}")
        cache.reserve(end)
        states, start = [], cache.length
        for piece in pieces:
            states.append(_PieceState(self, piece, start))
            start += len(piece)
        for index, layer in enumerate(self.layers):
            dense = _DenseProducts(layer) if long else None
            for state in states:
                # How a piece is computed depends only on its size, so results repeat.
                if layer.step and state.x.shape[0] == 1:
                    state.x = layer.step(state.x, cache.data[index], state.start, state.rotation)
                    continue
                products = dense if dense and len(state.x) >= DENSE_FROM_ROWS else layer
                state.x = self._layer_pass(state, layer, products, cache.data[index])
        cache.length = end
        last = states[-1].x[-keep:]
        h = _rms_norm(last, self.norm, s.norm_eps)
        if isinstance(self._head, _Int4Linear | _BlockHead | _Int8Head):
            return self._head(h).float()
        return F.linear(h.to(torch.bfloat16), self._head).float()

    def _layer_pass(
        self, state: _PieceState, layer: _Layer, products: _Layer | _DenseProducts, keys_values: Any
    ) -> Any:
        import torch
        import torch.nn.functional as F

        s, x = self.shape, state.x
        count, start, end = len(x), state.start, state.start + len(x)
        rotated_heads = s.heads + s.kv_heads
        h = _rms_norm(x, layer.attn_norm, s.norm_eps)
        qkv = products.qkv(h).float()
        qk = qkv[:, : rotated_heads * s.head_dim].reshape(count, rotated_heads, -1, 2)
        qk = torch.view_as_real(torch.view_as_complex(qk) * state.rotation).flatten(2)
        keys_values[0, :, start:end] = qk[:, s.heads :].transpose(0, 1)
        values = qkv[:, rotated_heads * s.head_dim :].view(count, s.kv_heads, s.head_dim)
        keys_values[1, :, start:end] = values.transpose(0, 1)
        attended = F.scaled_dot_product_attention(
            qk[:, : s.heads].transpose(0, 1)[None],
            keys_values[0, None, :, :end],
            keys_values[1, None, :, :end],
            attn_mask=state.mask,
            enable_gqa=True,
        )
        x = x + products.out(attended[0].transpose(0, 1).reshape(count, -1))
        h = _rms_norm(x, layer.ffn_norm, s.norm_eps)
        gate_up = products.gate_up(h)
        return x + products.down(F.silu(gate_up[:, : s.ffn]) * gate_up[:, s.ffn :])


def _rms_norm(x: Any, weight: Any, eps: float) -> Any:
    """Llama's RMSNorm. Written out: torch's fused rms_norm takes about 3x as long for one
    row on a laptop CPU, and there are two per layer per token."""
    import torch

    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps) * weight


class _PieceState:
    """One piece's hidden states on their way through the layers."""

    def __init__(self, model: QuantizedLlama, ids: list[int], start: int) -> None:
        import torch

        self.start = start
        self.x = model.embed(ids)
        end = start + len(ids)
        self.rotation = model._rotations[start:end, None, :]
        self.mask = None
        if len(ids) > 1:  # each token sees the cache and the piece up to itself
            positions = torch.arange(end)
            self.mask = positions[None, :] <= positions[start:, None]


class _DenseProducts:
    """A layer's four products in float32, decoded for one forward call (for long pieces)."""

    def __init__(self, layer: _Layer) -> None:
        self.qkv, self.out, self.gate_up, self.down = (
            linear.dense() for linear in (layer.qkv, layer.out, layer.gate_up, layer.down)
        )
