"""Download a model from the Hugging Face hub, only when the user asks for it.

The files land in the standard hub cache layout (`models--org--name/blobs`, `snapshots`,
`refs`), so `huggingface_hub.try_to_load_from_cache` and `sources.resolve` find the model
afterwards and other Hugging Face tools share the copy.

We run our own fetch loop instead of `hf_hub_download` for three reasons:
- the app runs with `HF_HUB_OFFLINE=1`, which `huggingface_hub` reads once at import and
  enforces in its shared HTTP client; turning it off for one call would let every other
  thread (a model loading on the worker) reach the network too. A private client here
  leaves that switch alone;
- `hf_hub_download` has no cancel hook, and its progress arrives in 10 MB chunks;
- the hub can hand a file over to Xet storage, which bypasses both. The `resolve` URL
  always serves plain bytes with `Range` support, which is all resume needs.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from desktop_app.domain.i18n import translate
from desktop_app.domain.model_cards import format_size

if TYPE_CHECKING:
    import httpx2

# Everything a text-generation model needs and nothing that runs code: no pickle weights
# (.bin, .pt), no Python files (we never trust_remote_code), no subfolders (ONNX, originals).
_MODEL_FILES = frozenset(
    {
        "config.json",
        "generation_config.json",
        "tokenizer.json",
        "tokenizer_config.json",
        "tokenizer.model",
        "special_tokens_map.json",
        "added_tokens.json",
        "vocab.json",
        "vocab.txt",
        "merges.txt",
        "chat_template.jinja",
        "chat_template.json",
        "README.md",
    }
)
_LICENCE_PREFIXES = ("license", "licence", "notice", "use_policy")
_PICKLE_SUFFIXES = (".bin", ".pt", ".pth", ".ckpt", ".pkl")
_PROGRESS_INTERVAL_S = 0.05  # at most 20 reports a second: a fast link must not flood the UI
_READ_TIMEOUT_S = 5.0
_MAX_STALLS = 6  # reopen a silent connection this often (half a minute) before giving up


class DownloadError(Exception):
    """A download failed; the message is shown to the user as it is."""


class DownloadCancelled(Exception):
    """The user cancelled; what was downloaded so far is kept for the next try."""


@dataclass(frozen=True, slots=True)
class RemoteFile:
    name: str  # path in the repository
    size: int
    blob: str  # the cache's blob name: the LFS sha256, or the git blob id for small files
    sha256: str | None  # set for LFS files, checked once the file is complete


def wanted_file(name: str) -> bool:
    """Whether a repository file belongs in a download (weights, config, tokenizer, licence)."""
    if "/" in name:
        return False
    lower = name.lower()
    if lower.endswith((".safetensors", ".safetensors.index.json")) or name in _MODEL_FILES:
        return True
    stem, _, suffix = lower.partition(".")
    return stem.startswith(_LICENCE_PREFIXES) and suffix in ("", "txt", "md")


def download_model(
    repo_id: str,
    *,
    cache_dir: Path | None,
    progress: Callable[[int, int], None],
    cancel: threading.Event,
    endpoint: str | None = None,
) -> Path:
    """Download `repo_id` into the hub cache and return its snapshot folder.

    `progress(done_bytes, total_bytes)` counts all files together, including bytes already
    on disk from an earlier try. Raises `DownloadCancelled` when `cancel` is set and
    `DownloadError` with a plain-words message for everything else. The model appears in
    the cache only once every file is complete; partial files stay as `.incomplete` blobs
    and the next call continues them with HTTP `Range` requests.
    """
    import httpx2
    from huggingface_hub import constants
    from huggingface_hub.errors import HFValidationError
    from huggingface_hub.file_download import repo_folder_name
    from huggingface_hub.utils import build_hf_headers, validate_repo_id

    try:
        validate_repo_id(repo_id)
    except HFValidationError as exc:
        raise DownloadError(
            translate(
                "Download",
                "“{model}” is not a Hugging Face model id: it looks like owner/name, for "
                "example Qwen/Qwen2.5-0.5B-Instruct.",
            ).format(model=repo_id)
        ) from exc
    endpoint = (endpoint or constants.ENDPOINT).rstrip("/")
    host = urlsplit(endpoint).hostname or endpoint
    cache = cache_dir if cache_dir is not None else Path(constants.HF_HUB_CACHE)
    repo_dir = cache / repo_folder_name(repo_id=repo_id, repo_type="model")
    # identity encoding: byte ranges and sizes must mean the file's bytes, not gzip's.
    headers = {**build_hf_headers(), "accept-encoding": "identity"}
    timeout = httpx2.Timeout(_READ_TIMEOUT_S, connect=10.0)
    with httpx2.Client(headers=headers, timeout=timeout, follow_redirects=True) as client:
        file_list = translate("Download", "the file list of {model}").format(model=repo_id)
        with _network_errors(host, file_list):
            commit, files = _list_files(client, endpoint, repo_id, host)
        # Identical files (two "{}" configs) share one blob: fetch and count each blob once.
        blobs = list({file.blob: file for file in files}.values())
        _check_disk_space(repo_id, repo_dir, blobs)
        meter = _Meter(progress, sum(file.size for file in blobs))
        meter.add(sum(_bytes_on_disk(repo_dir / "blobs", file) for file in blobs))
        fetcher = _Fetcher(client, endpoint, repo_id, commit, cache, repo_dir, meter, cancel)
        for file in blobs:
            if cancel.is_set():
                raise DownloadCancelled(repo_id)
            with _network_errors(host, file.name), _disk_errors(repo_id, repo_dir, file.name):
                fetcher.fetch(file)
        meter.report(force=True)
    with _disk_errors(repo_id, repo_dir, translate("Download", "the model folder")):
        return _publish(repo_dir, commit, files)


def _list_files(
    client: httpx2.Client, endpoint: str, repo_id: str, host: str
) -> tuple[str, list[RemoteFile]]:
    from huggingface_hub.hf_api import ModelInfo

    # The same call as `HfApi.model_info(files_metadata=True)`, through our own client.
    response = client.get(f"{endpoint}/api/models/{repo_id}/revision/main", params={"blobs": True})
    _raise_for_status(response, repo_id, host, translate("Download", "the file list"))
    try:
        info = ModelInfo(**response.json())  # type: ignore[no-untyped-call]
    except (ValueError, TypeError, KeyError) as exc:
        raise DownloadError(
            translate(
                "Download",
                "{host} sent an answer for {model} that is not a model's file list; a proxy or "
                "login page may be in the way.",
            ).format(host=host, model=repo_id)
        ) from exc
    _check_usable(repo_id, [sibling.rfilename for sibling in info.siblings or ()])
    files = []
    for sibling in info.siblings or ():
        if not wanted_file(sibling.rfilename):
            continue
        blob = sibling.lfs.sha256 if sibling.lfs else sibling.blob_id
        if sibling.size is None or blob is None:
            raise DownloadError(
                translate(
                    "Download", "{host} did not report the file sizes of {model}; try again."
                ).format(host=host, model=repo_id)
            )
        sha256 = sibling.lfs.sha256 if sibling.lfs else None
        files.append(RemoteFile(sibling.rfilename, sibling.size, blob, sha256))
    if info.sha is None:
        raise DownloadError(
            translate(
                "Download", "{host} did not report the current version of {model}; try again."
            ).format(host=host, model=repo_id)
        )
    return info.sha, files


def _check_usable(repo_id: str, names: list[str]) -> None:
    """Refuse before downloading gigabytes that Inkwell could never load."""
    if not any(name.endswith(".safetensors") and "/" not in name for name in names):
        pickles = sorted(name for name in names if name.endswith(_PICKLE_SUFFIXES))
        if pickles:
            raise DownloadError(
                translate(
                    "Download",
                    "{model} only has PyTorch pickle weights ({files}). Pickle "
                    "files can run hidden code when opened, so Inkwell refuses them; look for a "
                    "copy of the model with .safetensors weights.",
                ).format(model=repo_id, files=", ".join(pickles))
            )
        raise DownloadError(
            translate(
                "Download",
                "{model} has no .safetensors weights that Inkwell can load. If it offers "
                ".gguf files, download one and add it as a model file instead.",
            ).format(model=repo_id)
        )
    if "config.json" not in names:
        raise DownloadError(
            translate(
                "Download", "{model} is not a transformers model: it has no config.json."
            ).format(model=repo_id)
        )


def _raise_for_status(response: httpx2.Response, repo_id: str, host: str, what: str) -> None:
    from huggingface_hub import hf_raise_for_status
    from huggingface_hub.errors import (
        GatedRepoError,
        HfHubHTTPError,
        RemoteEntryNotFoundError,
        RepositoryNotFoundError,
    )

    if response.status_code < 400:
        return
    response.read()  # a streamed error body must be read before the hub's parser looks at it
    try:
        hf_raise_for_status(response)
    except GatedRepoError as exc:  # before its base class, RepositoryNotFoundError
        raise DownloadError(_gated_message(repo_id)) from exc
    except RepositoryNotFoundError as exc:
        raise DownloadError(
            translate(
                "Download",
                "There is no model {model} on {host} (or it is private). Check the name.",
            ).format(model=repo_id, host=host)
        ) from exc
    except RemoteEntryNotFoundError as exc:
        raise DownloadError(
            translate("Download", "{what} is missing from {model} on {host}.").format(
                what=what, model=repo_id, host=host
            )
        ) from exc
    except HfHubHTTPError as exc:
        if response.status_code in (401, 403):
            raise DownloadError(_gated_message(repo_id)) from exc
        if response.status_code == 404:
            raise DownloadError(
                translate(
                    "Download", "There is no model {model} on {host}. Check the name."
                ).format(model=repo_id, host=host)
            ) from exc
        raise DownloadError(
            translate(
                "Download",
                "{host} could not send {what} of {model} (HTTP {status}). Try again later.",
            ).format(host=host, what=what, model=repo_id, status=response.status_code)
        ) from exc


def _gated_message(repo_id: str) -> str:
    return translate(
        "Download",
        "{model} requires accepting its licence on huggingface.co and a token: accept it "
        "on https://huggingface.co/{model}, log in with `hf auth login` (or set HF_TOKEN), "
        "then try again.",
    ).format(model=repo_id)


@contextmanager
def _network_errors(host: str, what: str) -> Iterator[None]:
    import httpx2

    try:
        yield
    except (httpx2.ConnectError, httpx2.ConnectTimeout) as exc:
        raise DownloadError(
            translate(
                "Download",
                "Could not reach {host}: you seem to be offline, or the server is down. "
                "Check the connection and try again.",
            ).format(host=host)
        ) from exc
    except httpx2.TransportError as exc:
        raise DownloadError(
            translate(
                "Download",
                "The connection to {host} broke while downloading {what}. What arrived so far "
                "is kept: try again to continue.",
            ).format(host=host, what=what)
        ) from exc


@contextmanager
def _disk_errors(repo_id: str, repo_dir: Path, what: str) -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise DownloadError(
                translate(
                    "Download",
                    "The disk is full: {what} of {model} could not be written to {folder}. What "
                    "arrived so far is kept: free some space and download again to continue.",
                ).format(what=what, model=repo_id, folder=repo_dir)
            ) from exc
        raise DownloadError(
            translate(
                "Download", "{what} of {model} could not be written to {folder}: {reason}."
            ).format(what=what, model=repo_id, folder=repo_dir, reason=exc.strerror or exc)
        ) from exc


def _check_disk_space(repo_id: str, repo_dir: Path, files: list[RemoteFile]) -> None:
    needed = sum(file.size - _bytes_on_disk(repo_dir / "blobs", file) for file in files)
    disk = repo_dir
    while not disk.exists() and disk.parent != disk:
        disk = disk.parent
    free = shutil.disk_usage(disk).free
    if needed > free:
        raise DownloadError(
            translate(
                "Download",
                "Downloading {model} needs {needed}, but only {free} is free on {disk}. "
                "Free some space and try again.",
            ).format(model=repo_id, needed=format_size(needed), free=format_size(free), disk=disk)
        )


def _bytes_on_disk(blobs: Path, file: RemoteFile) -> int:
    blob = blobs / file.blob
    if blob.is_file():
        return file.size
    return min(_size(_partial_path(blob)), file.size)


def _partial_path(blob: Path) -> Path:
    return blob.with_name(blob.name + ".incomplete")  # the name hf_hub_download resumes too


class _Meter:
    """Aggregate progress over all files, reported at a bounded rate."""

    def __init__(self, callback: Callable[[int, int], None], total: int) -> None:
        self._callback = callback
        self.total = total
        self.done = 0
        self._last = 0.0

    def add(self, count: int) -> None:
        self.done += count
        self.report()

    def report(self, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self._last >= _PROGRESS_INTERVAL_S:
            self._last = now
            self._callback(self.done, self.total)


@dataclass
class _Fetcher:
    """Fetches the blobs of one repository commit into the hub cache, resuming partial ones."""

    client: httpx2.Client
    endpoint: str
    repo_id: str
    commit: str
    cache: Path
    repo_dir: Path
    meter: _Meter
    cancel: threading.Event

    @property
    def host(self) -> str:
        return urlsplit(self.endpoint).hostname or self.endpoint

    def fetch(self, file: RemoteFile) -> None:
        from filelock import FileLock, Timeout

        blob = self.repo_dir / "blobs" / file.blob
        if blob.is_file():
            return
        blob.parent.mkdir(parents=True, exist_ok=True)
        # The lock file hf_hub_download uses, so a second app or hub tool never writes alongside.
        lock_path = self.cache / ".locks" / self.repo_dir.name / f"{file.blob}.lock"
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        try:
            lock = FileLock(str(lock_path), timeout=0).acquire()
        except Timeout:
            raise DownloadError(
                translate(
                    "Download",
                    "{file} of {model} is being downloaded by another program right now. "
                    "Try again when it has finished.",
                ).format(file=file.name, model=self.repo_id)
            ) from None
        with lock:
            partial = _partial_path(blob)
            if _size(partial) > file.size:  # not a prefix of this file: start over
                partial.unlink()
                self.meter.add(-file.size)
            self._stream_with_retries(file, partial)
            _verify(self.repo_id, self.host, file, partial)
            os.replace(partial, blob)

    def _stream_with_retries(self, file: RemoteFile, partial: Path) -> None:
        """Stream the rest of the file; a stalled connection is reopened where it stopped,
        which also bounds how long a cancel waits when no bytes arrive (the read timeout)."""
        import httpx2

        stalls = 0
        while (have := _size(partial)) < file.size:
            try:
                self._stream_into(file, partial, have)
                return
            except httpx2.ReadTimeout:
                if self.cancel.is_set():
                    raise DownloadCancelled(self.repo_id) from None
                stalls = 0 if _size(partial) > have else stalls + 1
                if stalls >= _MAX_STALLS:
                    raise

    def _stream_into(self, file: RemoteFile, partial: Path, have: int) -> None:
        url = f"{self.endpoint}/{self.repo_id}/resolve/{self.commit}/{quote(file.name)}"
        headers = {"range": f"bytes={have}-"} if have else {}
        with self.client.stream("GET", url, headers=headers) as response:
            _raise_for_status(response, self.repo_id, self.host, file.name)
            if have and response.status_code != 206:  # the server ignored the range: restart
                self.meter.add(-have)
                have = 0
            with partial.open("ab" if have else "wb") as out:
                # Unsized chunks come as the network delivers them, so cancel lands promptly.
                for chunk in response.iter_bytes():
                    if self.cancel.is_set():
                        raise DownloadCancelled(self.repo_id)
                    out.write(chunk)
                    self.meter.add(len(chunk))


def _size(path: Path) -> int:
    return path.stat().st_size if path.is_file() else 0


def _verify(repo_id: str, host: str, file: RemoteFile, partial: Path) -> None:
    size = partial.stat().st_size
    if size < file.size:
        raise DownloadError(
            translate(
                "Download",
                "The connection to {host} ended early while downloading {file}. What "
                "arrived so far is kept: try again to continue.",
            ).format(host=host, file=file.name)
        )
    if size > file.size or (file.sha256 and _sha256(partial) != file.sha256):
        partial.unlink()
        raise DownloadError(
            translate(
                "Download", "{file} of {model} arrived corrupted and was deleted. Try again."
            ).format(file=file.name, model=repo_id)
        )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _publish(repo_dir: Path, commit: str, files: list[RemoteFile]) -> Path:
    """Link the complete blobs into the snapshot, then point `refs/main` at it.

    Until `refs/main` names this commit, `try_to_load_from_cache` does not see the snapshot,
    so an interrupted download never looks loadable. config.json is linked last as well, for
    readers that look a commit up directly.
    """
    from huggingface_hub.file_download import _create_symlink

    snapshot = repo_dir / "snapshots" / commit
    snapshot.mkdir(parents=True, exist_ok=True)
    for file in sorted(files, key=lambda file: file.name == "config.json"):
        # The hub's own helper: relative symlinks, or the file moved in where the OS has none.
        _create_symlink(
            str(repo_dir / "blobs" / file.blob), str(snapshot / file.name), new_blob=True
        )
    refs = repo_dir / "refs"
    refs.mkdir(exist_ok=True)
    pending = refs / "main.incomplete"
    pending.write_text(commit, encoding="utf-8")
    os.replace(pending, refs / "main")
    return snapshot
