"""Downloading a model by hub id, through the real huggingface_hub client and a fake hub."""

from __future__ import annotations

import errno
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fake_hub import FakeHub

from desktop_app.generation.engine import ModelLoadError
from desktop_app.generation.model_download import (
    DownloadCancelled,
    DownloadError,
    download_model,
    wanted_file,
)
from desktop_app.generation.sources import resolve

REPO = "tiny-org/tiny-gpt2"
WEIGHTS = "model.safetensors"


@pytest.fixture(scope="module")
def tiny_folder(tmp_path_factory: pytest.TempPathFactory, byte_tokenizer: Any) -> Path:
    import torch
    from transformers import GPT2Config, GPT2LMHeadModel

    folder = tmp_path_factory.mktemp("tiny-gpt2")
    config = GPT2Config(
        vocab_size=len(byte_tokenizer),
        n_positions=32,
        n_embd=32,
        n_layer=2,
        n_head=4,
        bos_token_id=byte_tokenizer.bos_token_id,
        eos_token_id=byte_tokenizer.eos_token_id,
    )
    torch.manual_seed(0)
    GPT2LMHeadModel(config).save_pretrained(folder)
    byte_tokenizer.save_pretrained(folder)
    return folder


@pytest.fixture
def hub(tiny_folder: Path) -> Iterator[FakeHub]:
    with FakeHub() as server:
        # What a real repo also carries, which a download must leave behind.
        server.add_repo(
            REPO,
            tiny_folder,
            extra={
                "pytorch_model.bin": b"pickle",
                "modeling_x.py": b"import os",
                "onnx/m.onnx": b"",
            },
        )
        yield server


class Progress:
    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []

    def __call__(self, done: int, total: int) -> None:
        self.calls.append((done, total))


def download(hub: FakeHub, cache: Path, cancel: threading.Event | None = None, **kw: Any) -> Path:
    return download_model(
        kw.pop("repo_id", REPO),
        cache_dir=cache,
        progress=kw.pop("progress", Progress()),
        cancel=cancel or threading.Event(),
        endpoint=kw.pop("endpoint", hub.url),
    )


def test_full_download_is_found_and_loads(hub: FakeHub, tmp_path: Path) -> None:
    import huggingface_hub

    progress = Progress()
    snapshot = download(hub, tmp_path, progress=progress)

    names = sorted(p.name for p in snapshot.iterdir())
    assert WEIGHTS in names and "config.json" in names and "tokenizer.json" in names
    assert not {"pytorch_model.bin", "modeling_x.py", "onnx"} & set(names)
    assert not any(r.path.endswith((".bin", ".py", ".onnx")) for r in hub.requests)
    # Aggregate progress over all files: monotonic, one total, ends at the total.
    dones = [done for done, _ in progress.calls]
    assert dones == sorted(dones) and len(dones) > 1
    assert {total for _, total in progress.calls} == {dones[-1]}
    assert dones[-1] == sum((snapshot / n).stat().st_size for n in names)

    # The real client and our resolver both find it; transformers loads it.
    found = huggingface_hub.try_to_load_from_cache(REPO, "config.json", cache_dir=tmp_path)
    assert found == str(snapshot / "config.json")
    source = resolve(REPO, tmp_path / "gguf-cache", hub_cache=tmp_path)
    assert source.weights_dir == snapshot.resolve() and source.model_id == REPO
    from transformers import AutoModelForCausalLM, AutoTokenizer

    assert AutoModelForCausalLM.from_pretrained(snapshot).config.n_layer == 2
    assert AutoTokenizer.from_pretrained(snapshot).eos_token == "<|im_end|>"


def test_cache_layout_matches_hf_hub_download(
    hub: FakeHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Blob names and snapshot folder are what the official client writes, so they share it."""
    from huggingface_hub import constants, hf_hub_download

    ours = download(hub, tmp_path / "ours")
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)  # the tests run offline
    for name in ("config.json", WEIGHTS):
        theirs = hf_hub_download(REPO, name, cache_dir=tmp_path / "theirs", endpoint=hub.url)
        assert Path(theirs).relative_to(tmp_path / "theirs") == (ours / name).relative_to(
            tmp_path / "ours"
        )
        assert Path(theirs).resolve().name == (ours / name).resolve().name


def test_cancel_mid_file_leaves_nothing_loadable_and_resume_continues(
    hub: FakeHub, tmp_path: Path
) -> None:
    weights_size = len(hub.repos[REPO].files[WEIGHTS].data)
    cancel = threading.Event()
    hub.chunk, hub.throttle_s = 4096, 0.002

    def cancel_halfway(name: str, sent: int) -> None:
        if name == WEIGHTS and sent >= weights_size // 2:
            cancel.set()

    hub.on_chunk = cancel_halfway
    with pytest.raises(DownloadCancelled):
        download(hub, tmp_path, cancel)

    partials = list(tmp_path.glob("models--*/blobs/*.incomplete"))
    assert len(partials) == 1
    kept = partials[0].stat().st_size
    assert 0 < kept < weights_size
    assert not list(tmp_path.glob("models--*/refs/main"))
    assert not list(tmp_path.glob("models--*/snapshots/*/config.json"))
    with pytest.raises(ModelLoadError, match="download the model first"):
        resolve(REPO, tmp_path, hub_cache=tmp_path)

    hub.wait_until_quiet()  # the cancelled transfer's last bytes are not the resumed one's
    hub.on_chunk, hub.throttle_s = None, 0.0
    hub.sent.clear()
    progress = Progress()
    snapshot = download(hub, tmp_path, progress=progress)
    assert hub.ranged_gets(WEIGHTS) == [f"bytes={kept}-"]
    assert hub.sent[WEIGHTS] == weights_size - kept  # only the rest was sent again
    assert progress.calls[0][0] >= kept  # progress starts from what was already there
    assert (snapshot / WEIGHTS).read_bytes() == hub.repos[REPO].files[WEIGHTS].data
    assert resolve(REPO, tmp_path, hub_cache=tmp_path).weights_dir == snapshot.resolve()


def test_second_download_fetches_nothing(hub: FakeHub, tmp_path: Path) -> None:
    download(hub, tmp_path)
    hub.requests.clear()
    download(hub, tmp_path)
    assert [r.path for r in hub.requests] == [f"/api/models/{REPO}/revision/main"]


def test_disk_space_is_checked_first(
    hub: FakeHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "disk_usage", lambda path: shutil._ntuple_diskusage(10, 10, 1000))
    with pytest.raises(DownloadError, match=r"needs \d+ KB, but only 1\.0 KB is free on /"):
        download(hub, tmp_path)
    assert not any("/resolve/" in r.path for r in hub.requests)


def test_disk_full_mid_download_keeps_the_partial(
    hub: FakeHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = Path.open

    def full_disk(self: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = original(self, mode, *args, **kwargs)
        if self.name.endswith(".incomplete") and handle.tell() == 0:
            handle.write(b"x")  # what fitted before the disk filled up
            handle.write = _raise_enospc
        return handle

    monkeypatch.setattr(Path, "open", full_disk)
    with pytest.raises(DownloadError, match="The disk is full") as caught:
        download(hub, tmp_path)
    assert "kept" in str(caught.value)
    assert list(tmp_path.glob("models--*/blobs/*.incomplete"))
    assert not list(tmp_path.glob("models--*/refs/main"))


def _raise_enospc(data: bytes) -> int:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_unreachable_host_says_offline(tmp_path: Path) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(
        DownloadError, match=r"Could not reach 127\.0\.0\.1: you seem to be offline"
    ):
        download_model(
            REPO,
            cache_dir=tmp_path,
            progress=Progress(),
            cancel=threading.Event(),
            endpoint=f"http://127.0.0.1:{port}",
        )
    assert not any(tmp_path.iterdir())


def test_unknown_repo_is_no_such_model(hub: FakeHub, tmp_path: Path) -> None:
    with pytest.raises(DownloadError, match="There is no model nobody/nothing"):
        download(hub, tmp_path, repo_id="nobody/nothing")


def test_malformed_id_is_explained(hub: FakeHub, tmp_path: Path) -> None:
    with pytest.raises(DownloadError, match="not a Hugging Face model id"):
        download(hub, tmp_path, repo_id="just a name")
    assert not hub.requests


def test_gated_repo_asks_for_licence_and_token(hub: FakeHub, tmp_path: Path) -> None:
    hub.repos[REPO].gated = True
    with pytest.raises(DownloadError, match=r"requires accepting its licence .* and a token"):
        download(hub, tmp_path)
    assert not list(tmp_path.glob("models--*/refs/main"))


def test_pickle_only_repo_is_refused_before_downloading(hub: FakeHub, tmp_path: Path) -> None:
    hub.add_repo("org/old", extra={"config.json": b"{}", "pytorch_model.bin": b"pickle"})
    with pytest.raises(DownloadError, match=r"only has PyTorch pickle weights \(pytorch_model"):
        download(hub, tmp_path, repo_id="org/old")
    assert not any("/resolve/" in r.path for r in hub.requests)


def test_corrupted_file_is_deleted(hub: FakeHub, tmp_path: Path) -> None:
    weights = hub.repos[REPO].files[WEIGHTS]
    weights.served = weights.data[:-1] + bytes([weights.data[-1] ^ 1])
    with pytest.raises(DownloadError, match="arrived corrupted"):
        download(hub, tmp_path)
    assert not list(tmp_path.glob("models--*/blobs/*.incomplete"))


@pytest.mark.parametrize(
    ("name", "wanted"),
    [
        ("model-00001-of-00002.safetensors", True),
        ("model.safetensors.index.json", True),
        ("tokenizer.model", True),
        ("chat_template.jinja", True),
        ("LICENSE", True),
        ("LICENSE.txt", True),
        ("pytorch_model.bin", False),
        ("modeling_phi3.py", False),
        ("original/consolidated.00.pth", False),
        ("onnx/model.safetensors", False),
        ("model.gguf", False),
    ],
)
def test_wanted_files(name: str, wanted: bool) -> None:
    assert wanted_file(name) is wanted
