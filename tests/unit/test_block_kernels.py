"""The C block products (desktop_app/generation/_block_kernels.c) against gguf's own decoding
of the same blocks, and the Q4_1/Q8_0 blocks the model keeps for them."""

from __future__ import annotations

import math
import os
import platform
import shutil
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from model_factory import llama_gguf

from desktop_app.generation.gguf_header import read_gguf_header
from desktop_app.generation.quantized_llama import (
    QuantizedLlama,
    _BlockHead,
    _BlockLinear,
    _FileTensors,
    block_kernels,
)

needs_kernels = pytest.mark.skipif(
    block_kernels() is None, reason="not built here, or the processor lacks AVX2"
)


def test_the_kernels_are_built_wherever_they_can_be() -> None:
    x86 = platform.machine().lower() in {"x86_64", "amd64"}
    compiler = shutil.which(os.environ.get("CC", "cc"))
    if not x86 or sys.platform == "win32" or compiler is None:
        pytest.skip("the kernels build with GCC or Clang on x86 only")
    # Built by `pip install -e .` (setup.py); a failed build is silent there, so it is here.
    from desktop_app.generation import _block_kernels

    assert isinstance(_block_kernels.runs_here(), bool)


def random_blocks(kind: str, rows: int, columns: int, seed: int) -> Any:
    """Random blocks of `kind` (any bytes as values, fp16 scales of mixed sizes and signs):
    uint8 [rows, columns / 32 * block bytes]."""
    import numpy as np

    generator = np.random.default_rng(seed)
    size = {"Q4_1": 20, "Q8_0": 34}[kind]
    blocks = generator.integers(0, 256, (rows, columns // 32, size), dtype=np.uint8)
    halves = 2 if kind == "Q8_0" else 4  # the scale, and Q4_1's offset
    scales = generator.normal(0, 0.05, (rows, columns // 32, halves // 2)).astype(np.float16)
    blocks[..., :halves] = scales.view(np.uint8)
    return blocks.reshape(rows, -1)


def decoded(kind: str, blocks: Any, columns: int) -> Any:
    """The weights as gguf itself reads them, float64 [rows, columns]."""
    import gguf
    import numpy as np

    quant = gguf.GGMLQuantizationType[kind]
    return gguf.quants.dequantize(blocks, quant).reshape(len(blocks), columns).astype(np.float64)


def rounded_input(x: Any) -> Any:
    """x as the kernels read it: blocks of 32, each scaled so its largest value is 32767 and
    rounded to integers (halves to even)."""
    import torch

    grouped = x.view(len(x), -1, 32)
    scale = grouped.abs().amax(-1, keepdim=True) / 32767
    inverse = torch.where(scale > 0, 1 / scale, torch.zeros_like(scale))
    values = torch.round(grouped * inverse)
    return (values.double() * scale.double()).flatten(1)


@needs_kernels
@pytest.mark.parametrize("kind", ["Q4_1", "Q8_0"])
@pytest.mark.parametrize("rows_in", [1, 2, 3, 4, 5, 11])
@pytest.mark.parametrize(("rows", "columns"), [(1, 32), (5, 96), (16, 64)])
def test_a_product_is_the_input_rounded_to_16_bit_blocks_times_the_weights(
    kind: str, rows_in: int, rows: int, columns: int
) -> None:
    import torch

    blocks = torch.from_numpy(random_blocks(kind, rows, columns, seed=rows_in * columns))
    weights = torch.from_numpy(decoded(kind, blocks.numpy(), columns))
    torch.manual_seed(rows_in)
    x = torch.randn(rows_in, columns) * 3
    x[0, :32] = 0  # a block of zeros has no scale
    product = _product(kind, blocks)
    expected = rounded_input(x) @ weights.T
    # Integer sums are exact; only float32 scaling and summing remain.
    bound = 1e-5 * (rounded_input(x).abs() @ weights.abs().T) + 1e-6
    assert ((product(x).double() - expected).abs() <= bound).all()


def _product(kind: str, blocks: Any) -> Any:
    from desktop_app.generation.quantized_llama import _block_product

    return _block_product(blocks, kind)


@needs_kernels
@pytest.mark.parametrize("kind", ["Q4_1", "Q8_0"])
@pytest.mark.parametrize("rows_in", [1, 7])
def test_a_product_split_over_threads_is_the_same_to_the_bit(
    kind: str, rows_in: int, kernel_threads: Any
) -> None:
    import torch

    blocks = torch.from_numpy(random_blocks(kind, 1000, 128, seed=9))
    product = _product(kind, blocks)
    x = torch.randn(rows_in, 128)
    alone = product(x)
    for threads in (2, 3, 8, 1000):  # more than there are parts of 64 rows: 15 at most
        kernel_threads(threads)
        assert torch.equal(product(x), alone)


@needs_kernels
def test_products_asked_for_from_two_threads_at_once_both_come_out_right(
    kernel_threads: Any,
) -> None:
    import torch

    product = _product("Q8_0", torch.from_numpy(random_blocks("Q8_0", 2048, 256, seed=6)))
    inputs = [torch.randn(3, 256) for _ in range(2)]
    expected = [product(x) for x in inputs]
    kernel_threads(3)
    wrong: list[int] = []

    def repeat(index: int) -> None:
        for _ in range(200):
            if not torch.equal(product(inputs[index]), expected[index]):
                wrong.append(index)

    workers = [threading.Thread(target=repeat, args=(i,)) for i in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert not any(worker.is_alive() for worker in workers)
    assert wrong == []


@needs_kernels
@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is POSIX's")
def test_a_forked_process_runs_products_without_its_parents_threads(
    kernel_threads: Any,
) -> None:
    import torch

    product = _product("Q4_1", torch.from_numpy(random_blocks("Q4_1", 512, 64, seed=4)))
    x = torch.randn(2, 64)
    kernel_threads(4)
    expected = product(x)  # the parent's helper threads exist now
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through its exit status
        os._exit(0 if torch.equal(product(x), expected) else 1)
    deadline = time.monotonic() + 60
    while (finished := os.waitpid(child, os.WNOHANG))[0] == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    if finished[0] == 0:  # waiting for helper threads it does not have
        os.kill(child, 9)
        os.waitpid(child, 0)
        pytest.fail("the forked process hung in a product")
    assert os.waitstatus_to_exitcode(finished[1]) == 0


@needs_kernels
def test_q8_0_weights_of_minus_128_count_in_full() -> None:
    import numpy as np
    import torch

    blocks = random_blocks("Q8_0", 4, 64, seed=1)
    values = blocks.reshape(4, 2, 34)[..., 2:]
    values[:, 0, :] = 128  # int8 -128, the one value whose magnitude int8 cannot hold
    weights = torch.from_numpy(decoded("Q8_0", blocks, 64))
    x = torch.linspace(-5, 5, 64)[None]
    assert np.all(values.view(np.int8)[:, 0] == -128)
    expected = rounded_input(x) @ weights.T
    assert torch.allclose(_product("Q8_0", torch.from_numpy(blocks))(x).double(), expected)


@needs_kernels
def test_an_input_that_does_not_fit_the_weights_is_refused() -> None:
    import torch

    product = _product("Q4_1", torch.from_numpy(random_blocks("Q4_1", 4, 64, seed=2)))
    for wrong in (torch.zeros(1, 32), torch.zeros(1, 96), torch.zeros(2, 1, 64)):
        with pytest.raises(ValueError, match="does not fit"):
            product(wrong)


@needs_kernels
def test_a_product_lets_other_threads_run() -> None:
    import torch

    blocks = torch.from_numpy(random_blocks("Q8_0", 200_000, 1024, seed=3))  # ~7 MB a row
    product = _product("Q8_0", blocks)
    x = torch.randn(4, 1024)
    started = time.perf_counter()
    product(x)
    alone = time.perf_counter() - started
    done = threading.Event()
    worker = threading.Thread(target=lambda: (product(x), done.set()))
    ticks, last, longest = 0, time.perf_counter(), 0.0
    worker.start()
    while not done.is_set():
        now = time.perf_counter()
        longest, last, ticks = max(longest, now - last), now, ticks + 1
    worker.join()
    # Holding the GIL, the product would stop this loop for all of its time.
    assert longest < alone / 2, (longest, alone, ticks)


@pytest.fixture(scope="module")
def tiny_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("blocks")


@pytest.mark.parametrize("kind", ["Q4_0", "Q4_1"])
def test_four_bit_tensors_are_kept_as_the_files_own_q4_1_blocks(
    tiny_folder: Path, byte_tokenizer: Any, kind: str
) -> None:
    import numpy as np

    gguf_file = llama_gguf(tiny_folder / f"{kind}.gguf", byte_tokenizer, kind, "Q8_0")
    tensors = _FileTensors(gguf_file, read_gguf_header(gguf_file))
    name = "blk.0.ffn_down.weight"
    columns = tensors.info(name).shape[0]
    size = {"Q4_0": 18, "Q4_1": 20}[kind]
    original = decoded(kind, np.array(tensors.raw(name, columns // 32 * size)), columns)
    kept = tensors.q4_1_blocks(name)
    if kind == "Q4_1":
        assert np.array_equal(kept, tensors.raw(name, columns // 32 * size))
    assert np.array_equal(decoded("Q4_1", kept, columns), original)


def test_a_float_head_is_rounded_to_q8_0_blocks_of_its_own_scale(
    tiny_folder: Path, byte_tokenizer: Any
) -> None:
    import numpy as np
    import torch

    gguf_file = llama_gguf(tiny_folder / "f32.gguf", byte_tokenizer, "Q4_1", "F32")
    tensors = _FileTensors(gguf_file, read_gguf_header(gguf_file))
    rows = tensors.dense("output.weight", torch.float32).double().numpy()
    kept = decoded("Q8_0", tensors.q8_0_blocks("output.weight").numpy(), rows.shape[1])
    step = np.abs(rows).reshape(len(rows), -1, 32).max(-1, keepdims=True) / 127
    error = np.abs(kept - rows).reshape(len(rows), -1, 32)
    assert (error <= step * 0.5 + 1e-3 * step).all()


@needs_kernels
def test_the_model_runs_on_the_kernels_where_they_run(
    tiny_folder: Path, byte_tokenizer: Any
) -> None:
    gguf_file = llama_gguf(tiny_folder / "model.gguf", byte_tokenizer, "Q4_1", "Q8_0")
    model = QuantizedLlama(gguf_file, read_gguf_header(gguf_file))
    assert all(isinstance(layer.gate_up, _BlockLinear) for layer in model.layers)
    assert isinstance(model._head, _BlockHead)
    # The file's 20 bytes a block of 32 weights, no more.
    header = read_gguf_header(gguf_file)
    names = ("ffn_gate.weight", "ffn_up.weight", "ffn_down.weight")
    four_bit = sum(math.prod(t.shape) for t in header.tensors if t.name.endswith(names))
    assert sum(layer.gate_up.nbytes + layer.down.nbytes for layer in model.layers) == (
        four_bit // 32 * 20
    )
