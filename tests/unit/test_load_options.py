"""Device, precision and thread choices: checked against the machine, applied by the engine."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path
from typing import Any

import model_factory
import pytest

from desktop_app.domain.devices import DeviceOption
from desktop_app.domain.generation import LoadOptions
from desktop_app.generation.device_choice import choose_device
from desktop_app.generation.engine import ModelLoadError
from desktop_app.generation.transformers_engine import TransformersEngine

CPU = DeviceOption(
    "cpu", "Processor", ("float32", "bfloat16", "float16"), "float32", ("bfloat16", "float16")
)
GPU = DeviceOption("cuda:0", "NVIDIA H200 (GPU)", ("bfloat16", "float16", "float32"), "bfloat16")


def test_automatic_takes_the_best_device_and_its_precision() -> None:
    assert choose_device(LoadOptions(), [GPU, CPU], "m") == (GPU, "bfloat16")
    assert choose_device(LoadOptions(), [CPU], "m") == (CPU, "float32")
    assert choose_device(LoadOptions(dtype="float16"), [GPU, CPU], "m") == (GPU, "float16")


def test_a_chosen_device_is_found_by_kind_or_exact_name() -> None:
    assert choose_device(LoadOptions(device="cpu"), [GPU, CPU], "m") == (CPU, "float32")
    assert choose_device(LoadOptions(device="cuda"), [GPU, CPU], "m")[0] is GPU
    assert choose_device(LoadOptions(device="cuda:0", dtype="float32"), [GPU, CPU], "m") == (
        GPU,
        "float32",
    )


def test_a_missing_gpu_or_precision_is_refused_in_words() -> None:
    with pytest.raises(ModelLoadError, match=r"NVIDIA GPU .* none") as missing:
        choose_device(LoadOptions(device="cuda"), [CPU], "my-model")
    assert missing.value.path == "my-model"
    with pytest.raises(ModelLoadError, match="Apple GPU"):
        choose_device(LoadOptions(device="mps"), [CPU], "m")
    only_fp32 = DeviceOption("cpu", "Processor", ("float32",), "float32")
    with pytest.raises(ModelLoadError, match="cannot run models in bfloat16; it offers float32"):
        choose_device(LoadOptions(dtype="bfloat16"), [only_fp32], "m")


@pytest.fixture(scope="module")
def llama(tmp_path_factory: pytest.TempPathFactory, byte_tokenizer: Any) -> Path:
    return model_factory.llama_folder(tmp_path_factory.mktemp("llama"), byte_tokenizer)


def test_the_engine_loads_with_the_chosen_precision_and_threads(llama: Path) -> None:
    import torch

    engine = TransformersEngine(Path("/nonexistent-cache"), threads=2)
    before = torch.get_num_threads()
    try:
        info = engine.load(
            str(llama), lambda f, m: None, LoadOptions(device="cpu", dtype="bfloat16", threads=1)
        )
        assert (info.device, info.dtype, info.threads) == ("cpu", "bfloat16", 1)
        assert torch.get_num_threads() == 1
        assert {p.dtype for p in engine._model.parameters()} == {torch.bfloat16}
        default = engine.load(str(llama), lambda f, m: None, LoadOptions(device="cpu"))
        assert (default.dtype, default.threads) == ("float32", 2)
    finally:
        engine.unload()
        torch.set_num_threads(before)


def test_a_device_this_machine_lacks_fails_the_load_in_words(llama: Path) -> None:
    engine = TransformersEngine(Path("/nonexistent-cache"), threads=1)
    with pytest.raises(ModelLoadError, match="Apple GPU"):
        engine.load(str(llama), lambda f, m: None, LoadOptions(device="mps"))


def test_loading_another_model_frees_the_first(
    llama: Path, tmp_path: Path, byte_tokenizer: Any
) -> None:
    gpt2 = model_factory.gpt2_folder(tmp_path / "gpt2", byte_tokenizer)
    engine = TransformersEngine(Path("/nonexistent-cache"), threads=1)
    engine.load(str(llama), lambda f, m: None, LoadOptions())
    first = weakref.ref(engine._model)
    info = engine.load(str(gpt2), lambda f, m: None, LoadOptions())
    gc.collect()
    assert info.architecture == "gpt2"
    assert first() is None  # nothing keeps the old weights alive
    engine.unload()
