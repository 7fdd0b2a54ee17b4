"""A stand-in for huggingface.co on 127.0.0.1, for download tests through the real client.

It answers the calls `huggingface_hub` makes: the model info with file sizes
(`/api/models/{repo}/revision/{rev}?blobs=true`), and `resolve` with HEAD and GET, ETag,
X-Repo-Commit and Range. Like the real hub, LFS files (here: *.safetensors) redirect to a
"CDN" path. It never advertises Xet storage, so clients fetch plain HTTP bytes.

    with FakeHub() as hub:
        hub.add_repo("org/tiny", model_folder)
        download_model("org/tiny", endpoint=hub.url, ...)
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from urllib.parse import unquote, urlsplit

_RANGE = re.compile(r"bytes=(\d+)-(\d*)")
_INFO = re.compile(r"/api/models/([^/]+/[^/]+)(?:/revision/([^/]+))?")
_RESOLVE = re.compile(r"/([^/]+/[^/]+)/resolve/([^/]+)/(.+)")
_CDN = re.compile(r"/cdn/([0-9a-f]{64})")


@dataclass
class FakeFile:
    data: bytes
    lfs: bool
    served: bytes | None = None  # sent instead of `data`: a transfer corrupted on the way

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def git_oid(self) -> str:
        return hashlib.sha1(b"blob %d\0" % len(self.data) + self.data).hexdigest()

    @property
    def etag(self) -> str:  # the hub's ETag: sha256 for LFS files, the git blob id otherwise
        return self.sha256 if self.lfs else self.git_oid


@dataclass
class FakeRepo:
    files: dict[str, FakeFile]
    gated: bool = False  # files answer 401 GatedRepo, like a gated model without a token
    commit: str = "0123456789abcdef0123456789abcdef01234567"


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    range: str | None


@dataclass
class FakeHub:
    """The hub server; `throttle_s` sleeps between `chunk`-sized pieces of a file body, and
    `on_chunk(file_name, bytes_sent)` runs after each piece (to cancel mid-file)."""

    chunk: int = 16 * 1024
    throttle_s: float = 0.0
    on_chunk: Callable[[str, int], None] | None = None
    repos: dict[str, FakeRepo] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    sent: dict[str, int] = field(default_factory=dict)  # body bytes sent per file name
    _sending: int = 0  # bodies being sent now
    _quiet: threading.Condition = field(default_factory=threading.Condition)

    def __enter__(self) -> FakeHub:
        hub = self

        class Handler(_Handler):
            server_hub = hub

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        serve = self._server.serve_forever
        self._thread = threading.Thread(target=serve, args=(0.05,), daemon=True)
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def add_repo(
        self, repo_id: str, folder: Path | None = None, *, extra: dict[str, bytes] | None = None
    ) -> FakeRepo:
        """Serve every file of `folder` (plus `extra` name -> bytes) as the repo `repo_id`."""
        contents = {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder else {}
        contents.update(extra or {})
        repo = FakeRepo({n: FakeFile(d, n.endswith(".safetensors")) for n, d in contents.items()})
        self.repos[repo_id] = repo
        return repo

    def wait_until_quiet(self, timeout_s: float = 10.0) -> None:
        """Until no body is being sent. A cancelled transfer's handler goes on until a write
        finds the connection closed, counting in `sent` meanwhile."""
        with self._quiet:
            assert self._quiet.wait_for(lambda: self._sending == 0, timeout_s)

    def ranged_gets(self, name: str) -> list[str]:
        return [
            r.range
            for r in self.requests
            if r.method == "GET" and r.path.endswith(name) and r.range
        ]

    def info(self, repo_id: str, repo: FakeRepo) -> dict[str, object]:
        siblings: list[dict[str, object]] = []
        for name, file in repo.files.items():
            sibling: dict[str, object] = {"rfilename": name, "size": len(file.data)}
            if file.lfs:
                pointer = f"oid sha256:{file.sha256}\nsize {len(file.data)}\n".encode()
                sibling["blobId"] = hashlib.sha1(pointer).hexdigest()
                sibling["lfs"] = {
                    "size": len(file.data),
                    "sha256": file.sha256,
                    "pointerSize": len(pointer),
                }
            else:
                sibling["blobId"] = file.git_oid
            siblings.append(sibling)
        return {"id": repo_id, "sha": repo.commit, "gated": repo.gated, "siblings": siblings}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_hub: FakeHub

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def do_GET(self) -> None:
        self._answer(body=True)

    def _answer(self, body: bool) -> None:
        hub = self.server_hub
        path = unquote(urlsplit(self.path).path)
        hub.requests.append(Request(self.command, path, self.headers.get("Range")))
        if match := _INFO.fullmatch(path):
            repo = hub.repos.get(match[1])
            if repo is None:
                return self._error(404, "RepoNotFound")
            return self._send(200, json.dumps(hub.info(match[1], repo)).encode(), body, name="")
        if match := _RESOLVE.fullmatch(path):
            return self._resolve(match[1], match[2], match[3], body)
        if match := _CDN.fullmatch(path):
            for repo in hub.repos.values():
                for name, file in repo.files.items():
                    if file.sha256 == match[1]:
                        return self._file(repo, name, file, body)
        return self._error(404, "EntryNotFound")

    def _resolve(self, repo_id: str, revision: str, name: str, body: bool) -> None:
        repo = self.server_hub.repos.get(repo_id)
        if repo is None:
            return self._error(404, "RepoNotFound")
        if revision not in ("main", repo.commit):
            return self._error(404, "RevisionNotFound")
        if repo.gated:
            return self._error(401, "GatedRepo")
        file = repo.files.get(name)
        if file is None:
            return self._error(404, "EntryNotFound")
        if file.lfs:  # the real hub sends LFS files from its CDN
            self.send_response(302)
            self.send_header("Location", f"/cdn/{file.sha256}")
            self._metadata(repo, file)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        return self._file(repo, name, file, body)

    def _metadata(self, repo: FakeRepo, file: FakeFile) -> None:
        self.send_header("X-Repo-Commit", repo.commit)
        self.send_header("ETag", f'"{file.etag}"')
        if file.lfs:
            self.send_header("X-Linked-Etag", f'"{file.etag}"')
            self.send_header("X-Linked-Size", str(len(file.data)))

    def _file(self, repo: FakeRepo, name: str, file: FakeFile, body: bool) -> None:
        data, status, start = file.served or file.data, 200, 0
        if (requested := self.headers.get("Range")) and (match := _RANGE.fullmatch(requested)):
            start = int(match[1])
            end = int(match[2]) if match[2] else len(data) - 1
            if start >= len(data):
                return self._error(416, "RangeNotSatisfiable")
            status, data = 206, data[start : end + 1]
        self.send_response(status)
        self._metadata(repo, file)
        self.send_header("Accept-Ranges", "bytes")
        if status == 206:
            self.send_header(
                "Content-Range", f"bytes {start}-{start + len(data) - 1}/{len(file.data)}"
            )
        self._send(None, data, body, name=name)
        return None

    def _send(self, status: int | None, data: bytes, body: bool, name: str) -> None:
        hub = self.server_hub
        if status is not None:
            self.send_response(status)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if not body:
            return
        with hub._quiet:
            hub._sending += 1
        try:
            for offset in range(0, len(data), hub.chunk):
                piece = data[offset : offset + hub.chunk]
                self.wfile.write(piece)
                self.wfile.flush()
                hub.sent[name] = hub.sent.get(name, 0) + len(piece)
                if hub.on_chunk and name:
                    hub.on_chunk(name, hub.sent[name])
                if hub.throttle_s:
                    time.sleep(hub.throttle_s)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client hung up, as a cancelled download does
        finally:
            with hub._quiet:
                hub._sending -= 1
                hub._quiet.notify_all()

    def _error(self, status: int, code: str) -> None:
        self.send_response(status)
        self.send_header("X-Error-Code", code)
        self._send(None, json.dumps({"error": code}).encode(), True, name="")
