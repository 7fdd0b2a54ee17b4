"""An engine whose model runs on an OpenAI-compatible server (vLLM, Ollama, llama.cpp, TGI).

Chat requests go to `/chat/completions`, plain prompts to `/completions`, both streamed as
server-sent events. Connecting is retried (nothing was sent yet); a broken stream is not,
as the server may have generated part of it. Stop shuts the socket down, so a stream that
waits for a slow server ends at once and the server sees the client leave.
"""

from __future__ import annotations

import contextlib
import json
import math
import secrets
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx

from desktop_app.domain.generation import (
    MAX_SEED,
    ChatMessage,
    GenerationResult,
    LoadOptions,
    ModelInfo,
    StopReason,
    TokenAlternative,
    TokenChoice,
)
from desktop_app.domain.i18n import translate
from desktop_app.domain.stop_sequences import StopSequenceCutter
from desktop_app.generation.engine import GenerationError, ModelLoadError
from desktop_app.generation.remote_spec import RemoteSpec, normalize_base_url, parse_remote_spec

if TYPE_CHECKING:
    from collections.abc import Generator

    from desktop_app.domain.generation import GenerationRequest
    from desktop_app.generation.engine import ProgressCallback

KeyLookup = Callable[[str], str | None]
"""The API key for a base URL, or None; keys come from the keyring, never from a spec."""

DEVICE = "remote"
_DEFAULT_CONTEXT = 4096  # for servers that do not say how long their model's context is
_SERVER_STOP_SEQUENCES = 4  # OpenAI's limit; the rest are cut here, as all of them are
_TOP_LOGPROBS = 5
_DETAIL_CHARS = 200
_CANCEL_POLL_S = 0.05
_DEFAULT_LOAD = LoadOptions()


class RemoteServerError(Exception):
    """A server could not be used; the message names it and the cause in plain words."""


def list_remote_models(
    base_url: str, api_key: str | None = None, *, timeout_s: float = 10.0
) -> list[str]:
    """The ids of the models the server offers, from `/models`; raises RemoteServerError.

    Blocks for up to a few times `timeout_s`: call it off the GUI thread.
    """
    try:
        base = normalize_base_url(base_url)
    except ValueError as exc:
        raise RemoteServerError(str(exc)) from exc
    with _client(api_key, connect_s=timeout_s, read_s=timeout_s) as client:
        return [str(entry.get("id")) for entry in _fetch_models(client, base)]


class RemoteEngine:
    def __init__(
        self,
        key_lookup: KeyLookup | None = None,
        *,
        connect_timeout_s: float = 5.0,
        read_timeout_s: float = 120.0,
    ) -> None:
        self._key_lookup = key_lookup
        self._connect_s = connect_timeout_s
        self._read_s = read_timeout_s  # the longest pause between two pieces of an answer
        self._remote: RemoteSpec | None = None
        self._client: httpx.Client | None = None
        # Servers name tokens by text; the token view wants ids, so each text gets one here.
        self._token_ids: dict[str, int] = {}

    def load(
        self, spec: str, progress: ProgressCallback, options: LoadOptions = _DEFAULT_LOAD
    ) -> ModelInfo:
        """Checks that the server offers the model; `options` are the server's business."""
        self.unload()
        try:
            remote = parse_remote_spec(spec)
        except ValueError as exc:
            message = translate("RemoteModel", "Not a server model: {reason}.")
            raise ModelLoadError(message.format(reason=exc), spec) from exc
        progress(0.0, translate("RemoteModel", "Connecting to {url}…").format(url=remote.base_url))
        key = self._key_lookup(remote.base_url) if self._key_lookup else None
        client = _client(key, connect_s=self._connect_s, read_s=self._read_s)
        try:
            models = _fetch_models(client, remote.base_url)
        except RemoteServerError as exc:
            client.close()
            raise ModelLoadError(str(exc), remote.base_url) from exc
        entry = next((m for m in models if m.get("id") == remote.model), None)
        if entry is None:
            client.close()
            offered = ", ".join(str(m.get("id")) for m in models[:10]) or translate(
                "RemoteModel", "none"
            )
            raise ModelLoadError(
                translate(
                    "RemoteModel",
                    "The server at {url} has no model named {model} (it offers: {offered}).",
                ).format(url=remote.base_url, model=remote.model, offered=offered),
                remote.base_url,
            )
        self._remote, self._client = remote, client
        progress(1.0, translate("ModelLoad", "Model ready"))
        meta = entry.get("meta")
        meta = meta if isinstance(meta, dict) else {}  # llama.cpp's server tells these
        context = entry.get("max_model_len") or meta.get("n_ctx_train") or _DEFAULT_CONTEXT
        return ModelInfo(
            model_id=remote.model,
            source=remote.base_url,
            architecture="remote",
            context_length=int(context),
            has_chat_template=True,  # the server applies its own template, or refuses chat
            device=DEVICE,
            dtype="server",
            parameter_count=int(meta.get("n_params") or 0),
        )

    def stream(
        self, request: GenerationRequest, cancel: threading.Event
    ) -> Generator[str, None, GenerationResult]:
        remote, client = self._remote, self._client
        if remote is None or client is None:
            raise GenerationError(translate("Generation", "No model is loaded yet."))
        if request.forced_tokens:
            raise GenerationError(
                translate(
                    "RemoteModel",
                    "A model on a server cannot continue from a chosen token; regenerate instead.",
                )
            )
        started = time.perf_counter()
        params = request.params
        seed = params.seed if params.seed is not None else secrets.randbelow(MAX_SEED + 1)
        call = _call_for(remote.model, request, seed)
        if not call.rendered:
            raise GenerationError(translate("Generation", "The prompt is empty."))

        cutter = StopSequenceCutter(params.stop_sequences)
        sent: list[str] = []
        tokens: list[TokenChoice] = []
        first_at: float | None = None
        finish: str | None = None
        usage: dict[str, Any] = {}
        stop_reason = StopReason.END_OF_TEXT
        events = _events(client, remote, call, cancel)
        try:
            for event in events:
                usage = event.get("usage") or usage
                choice = (event.get("choices") or [{}])[0]
                finish = choice.get("finish_reason") or finish
                tokens.extend(self._choices(choice))
                piece = _piece_of(choice)
                if not piece or cancel.is_set():
                    continue  # a cancelled stream ends at the next read
                first_at = first_at or time.perf_counter()
                shown = cutter.feed(piece)
                sent.append(shown)
                yield shown
                if cutter.stopped:
                    stop_reason = StopReason.STOP_SEQUENCE
                    break
        finally:
            events.close()  # ends the request, so the server stops generating
        if cancel.is_set() and stop_reason is not StopReason.STOP_SEQUENCE:
            stop_reason = StopReason.CANCELLED
        elif stop_reason is StopReason.END_OF_TEXT and finish == "length":
            stop_reason = StopReason.LENGTH
        if tail := cutter.finish():
            sent.append(tail)
            yield tail
        return GenerationResult(
            text="".join(sent),
            stop_reason=stop_reason,
            rendered_prompt=call.rendered,
            prompt_tokens=int(usage.get("prompt_tokens") or 0),
            output_tokens=int(usage.get("completion_tokens") or len(tokens) or len(sent)),
            seed=seed,
            model_id=remote.model,
            time_to_first_token_s=None if first_at is None else first_at - started,
            duration_s=time.perf_counter() - started,
            tokens=tuple(tokens),
        )

    def unload(self) -> None:
        client, self._client, self._remote = self._client, None, None
        if client is not None:
            client.close()

    def _choices(self, choice: dict[str, Any]) -> list[TokenChoice]:
        """The token view's entries from a chunk's log-probabilities, when the server sent
        any: chat gives a list of tokens with rivals, plain completions parallel lists."""
        logprobs = choice.get("logprobs")
        if not isinstance(logprobs, dict):
            return []
        if isinstance(logprobs.get("content"), list):
            found = []
            for entry in logprobs["content"]:
                rivals = {r["token"]: r["logprob"] for r in entry.get("top_logprobs") or []}
                found.append(self._choice(entry["token"], entry["logprob"], rivals))
            return found
        texts = logprobs.get("tokens") or []
        scores = logprobs.get("token_logprobs") or []
        rivals_each = logprobs.get("top_logprobs") or []
        return [
            self._choice(text, score, rivals_each[i] if i < len(rivals_each) else {})
            for i, (text, score) in enumerate(zip(texts, scores, strict=False))
        ]

    def _choice(self, text: str, logprob: float | None, rivals: dict[str, float]) -> TokenChoice:
        alternatives = sorted(
            (TokenAlternative(self._token_id(t), t, math.exp(lp)) for t, lp in rivals.items()),
            key=lambda a: -a.probability,
        )
        probability = math.exp(logprob) if logprob is not None else 0.0
        return TokenChoice(self._token_id(text), text, probability, tuple(alternatives))

    def _token_id(self, text: str) -> int:
        return self._token_ids.setdefault(text, len(self._token_ids))


def _client(api_key: str | None, *, connect_s: float, read_s: float) -> httpx.Client:
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    return httpx.Client(
        headers=headers,
        timeout=httpx.Timeout(read_s, connect=connect_s),
        # Retries only failed connections: nothing reached the server, so nothing repeats.
        transport=httpx.HTTPTransport(retries=2),
        # A proxy from the environment would see every prompt; users name the server itself.
        trust_env=False,
    )


def _fetch_models(client: httpx.Client, base: str) -> list[dict[str, Any]]:
    with _translated_errors(base):
        response = client.get(f"{base}/models")
    if response.status_code == 404:
        raise RemoteServerError(
            translate(
                "RemoteModel",
                "The server at {url} has no OpenAI-compatible API there (HTTP 404 for /models). "
                "Check the address; it usually ends in /v1.",
            ).format(url=base)
        )
    _raise_for_status(base, response)
    try:
        data = response.json()["data"]
        return [entry for entry in data if isinstance(entry, dict)]
    except (ValueError, KeyError, TypeError) as exc:
        raise RemoteServerError(
            translate(
                "RemoteModel",
                "The server at {url} did not answer like an OpenAI-compatible API "
                "(its model list is not readable: {detail}).",
            ).format(url=base, detail=exc)
        ) from exc


@dataclass(frozen=True, slots=True)
class _Call:
    path: str  # after the base URL
    body: dict[str, Any]
    logprobs: dict[str, Any]  # asked for as well, where the server allows
    rendered: str  # the prompt as the history records it


def _call_for(model: str, request: GenerationRequest, seed: int) -> _Call:
    """The request to send: chat when there are messages, a plain completion otherwise."""
    params = request.params
    body: dict[str, Any] = {
        "model": model,
        "stream": True,
        "stream_options": {"include_usage": True},
        "max_tokens": params.max_new_tokens,
        "temperature": params.temperature,
        "top_p": params.top_p,
        "seed": seed,
    }
    if params.stop_sequences:
        body["stop"] = list(params.stop_sequences[:_SERVER_STOP_SEQUENCES])
    messages = _chat_messages(request)
    if messages is None:
        prompt = request.rendered_prompt or request.plain_prompt
        return _Call("/completions", body | {"prompt": prompt}, {"logprobs": _TOP_LOGPROBS}, prompt)
    return _Call(
        "/chat/completions",
        body | {"messages": [{"role": m.role, "content": m.content} for m in messages]},
        {"logprobs": True, "top_logprobs": _TOP_LOGPROBS},
        _render_messages(messages),
    )


def _events(
    client: httpx.Client, remote: RemoteSpec, call: _Call, cancel: threading.Event
) -> Generator[dict[str, Any], None, None]:
    """The JSON objects of the server's event stream, until `[DONE]` or `cancel`.

    Asks for log-probabilities first; a server that refuses them (400) is asked again
    without, so the token view has no rivals but the text comes all the same.
    """
    base = remote.base_url
    for extra in (call.logprobs, {}):
        with (
            _translated_errors(base, cancel),
            client.stream("POST", f"{base}{call.path}", json=call.body | extra) as response,
        ):
            if response.status_code == 400 and extra:
                continue
            if response.status_code == 404:
                raise GenerationError(
                    translate(
                        "RemoteModel",
                        "The server at {url} has no model named {model} (HTTP 404{detail}).",
                    ).format(url=base, model=remote.model, detail=_detail(response))
                )
            _raise_for_status(base, response, GenerationError)
            with _shutdown_on(cancel, response):
                for line in response.iter_lines():
                    if not line.startswith("data:"):
                        continue  # comments, event names, keep-alive blank lines
                    data = line.removeprefix("data:").strip()
                    if data == "[DONE]":
                        return
                    try:
                        event = json.loads(data)
                    except ValueError as exc:
                        raise GenerationError(
                            translate(
                                "RemoteModel",
                                "The server at {url} sent an unreadable answer ({data}).",
                            ).format(url=base, data=repr(data[:80]))
                        ) from exc
                    if isinstance(event, dict) and "error" in event:
                        raise GenerationError(
                            translate("RemoteModel", "The server at {url} failed: {detail}").format(
                                url=base, detail=_message_of(event["error"])
                            )
                        )
                    if isinstance(event, dict):
                        yield event
        return  # also when Stop broke the stream off: no second try then


@contextlib.contextmanager
def _shutdown_on(cancel: threading.Event, response: httpx.Response) -> Iterator[None]:
    """While the body streams, a watcher shuts the socket down as soon as `cancel` is set:
    a read that waits on a slow server wakes at once, and the server sees the client go."""
    done = threading.Event()

    def watch() -> None:
        while not done.wait(_CANCEL_POLL_S):
            if cancel.is_set():
                stream = response.extensions.get("network_stream")
                sock = stream.get_extra_info("socket") if stream is not None else None
                if isinstance(sock, socket.socket):
                    with contextlib.suppress(OSError):
                        sock.shutdown(socket.SHUT_RDWR)
                return

    watcher = threading.Thread(target=watch, name="inkwell-remote-cancel", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        done.set()
        watcher.join()


@contextlib.contextmanager
def _translated_errors(base: str, cancel: threading.Event | None = None) -> Iterator[None]:
    """httpx's exceptions as messages that name the server and the cause; a stream that
    broke because Stop shut it down is no error."""
    generation = cancel is not None
    error = GenerationError if generation else RemoteServerError
    try:
        yield
    except httpx.TimeoutException as exc:
        if cancel is not None and cancel.is_set():
            return
        if isinstance(exc, httpx.ConnectTimeout):
            late = translate(
                "RemoteModel", "The server at {url} did not connect in time ({error})."
            )
        else:
            late = translate("RemoteModel", "The server at {url} did not answer in time ({error}).")
        raise error(late.format(url=base, error=type(exc).__name__)) from exc
    except httpx.ConnectError as exc:
        raise error(
            translate(
                "RemoteModel",
                "Cannot connect to the server at {url}: {detail}. "
                "Check the address and that the server is running.",
            ).format(url=base, detail=exc or translate("RemoteModel", "connection refused"))
        ) from exc
    except httpx.HTTPError as exc:
        if cancel is not None and cancel.is_set():
            return
        raise error(
            translate(
                "RemoteModel", "The connection to the server at {url} broke: {detail}."
            ).format(url=base, detail=exc)
        ) from exc


def _raise_for_status(
    base: str, response: httpx.Response, error: type[Exception] = RemoteServerError
) -> None:
    status = response.status_code
    if status < 400:
        return
    detail = _detail(response)
    if status in {401, 403}:
        message = translate(
            "RemoteModel",
            "The server at {url} refused the API key (HTTP {status}{detail}). "
            "Check the key in the model manager.",
        )
    elif status == 429:
        message = translate(
            "RemoteModel", "The server at {url} is busy (HTTP {status}{detail}). Try again shortly."
        )
    elif status >= 500:
        message = translate("RemoteModel", "The server at {url} failed (HTTP {status}{detail}).")
    else:
        message = translate(
            "RemoteModel", "The server at {url} refused the request (HTTP {status}{detail})."
        )
    raise error(message.format(url=base, status=status, detail=detail))


def _detail(response: httpx.Response) -> str:
    """`: the server's own message`, short, or "" when it gave none."""
    try:
        raw = response.read().decode(errors="replace")
    except httpx.HTTPError:
        return ""
    try:
        message = _message_of(json.loads(raw).get("error", raw))
    except (ValueError, AttributeError):  # not JSON, or not an object
        message = raw
    message = " ".join(message.split())[:_DETAIL_CHARS]
    return f": {message}" if message else ""


def _message_of(error: object) -> str:
    if isinstance(error, dict):
        return str(error.get("message") or error)
    return str(error)


def _piece_of(choice: dict[str, Any]) -> str:
    delta = choice.get("delta")
    if isinstance(delta, dict):
        return str(delta.get("content") or "")
    return str(choice.get("text") or "")


def _chat_messages(request: GenerationRequest) -> tuple[ChatMessage, ...] | None:
    """The chat to send, or None for a plain completion. A rendered prompt from an earlier
    chat generation is that chat's messages as JSON (see `_render_messages`)."""
    if request.rendered_prompt is None:
        return request.messages or None
    try:
        stored = json.loads(request.rendered_prompt)
        return tuple(ChatMessage(str(m["role"]), str(m["content"])) for m in stored)
    except (ValueError, TypeError, KeyError):
        return None


def _render_messages(messages: tuple[ChatMessage, ...]) -> str:
    """What the history keeps as the exact prompt: the server applies its own chat
    template, so the messages sent are the most exact record there is."""
    return json.dumps(
        [{"role": m.role, "content": m.content} for m in messages], ensure_ascii=False, indent=1
    )
