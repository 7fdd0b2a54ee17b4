"""The OpenAI-compatible HTTP API: `/v1/models`, `/v1/completions`, `/v1/chat/completions`.

Requests become GenerationRequests for the scheduler; chat messages go to the engine as
messages, so the model's own chat template applies. Every refusal is a JSON error in
OpenAI's shape with a 4xx status, and no request can take the server down.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
import time
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from desktop_app.domain.generation import (
    MAX_NEW_TOKENS,
    ChatMessage,
    GenerationParams,
    GenerationRequest,
    GenerationResult,
    ModelInfo,
    StopReason,
)
from desktop_app.serving.scheduler import EngineScheduler, JobEvent, JobFailed, QueueFull

MAX_BODY_BYTES = 1_000_000
RETRY_AFTER_S = 2
SERVED_TASK = "serve"  # the task id served requests carry; engines do not read it
_DEFAULTS = GenerationParams()


class ApiError(Exception):
    def __init__(self, status: int, message: str, kind: str = "invalid_request_error") -> None:
        super().__init__(message)
        self.status = status
        self.kind = kind


def create_app(
    scheduler: EngineScheduler,
    model: ModelInfo,
    *,
    token: str | None = None,
    max_body_bytes: int = MAX_BODY_BYTES,
) -> Starlette:
    """The API for the model `scheduler` runs; with a `token`, requests must bear it."""
    api = _Api(scheduler, model, token, max_body_bytes)
    return Starlette(
        routes=[
            Route("/v1/models", api.guarded(api.models), methods=["GET"]),
            Route("/v1/completions", api.guarded(api.completions), methods=["POST"]),
            Route("/v1/chat/completions", api.guarded(api.chat), methods=["POST"]),
        ]
    )


Handler = Callable[[Request], Any]


class _Api:
    def __init__(
        self, scheduler: EngineScheduler, model: ModelInfo, token: str | None, limit: int
    ) -> None:
        self._scheduler = scheduler
        self._model = model
        self._token = token
        self._limit = limit

    def guarded(self, handler: Handler) -> Handler:
        """Checks the token before anything is read, and turns ApiError into its answer."""

        async def endpoint(request: Request) -> Response:
            try:
                self._authorize(request)
                response: Response = await handler(request)
            except ApiError as exc:
                headers = {"Retry-After": str(RETRY_AFTER_S)} if exc.status == 429 else None
                if exc.status == 401:
                    headers = {"WWW-Authenticate": "Bearer"}
                return _error(exc.status, str(exc), exc.kind, headers)
            return response

        return endpoint

    async def models(self, _request: Request) -> Response:
        return JSONResponse(
            {
                "object": "list",
                "data": [
                    {
                        "id": self._model.model_id,
                        "object": "model",
                        "created": 0,
                        "owned_by": "inkwell",
                        "max_model_len": self._model.context_length,
                    }
                ],
            }
        )

    async def completions(self, request: Request) -> Response:
        body = await self._read_json(request)
        prompt = body.get("prompt")
        if isinstance(prompt, list) and len(prompt) == 1:
            prompt = prompt[0]
        if not isinstance(prompt, str) or not prompt:
            raise ApiError(400, "'prompt' must be a non-empty string")
        built = self._request(body, messages=(), plain_prompt=prompt)
        return await self._answer(body, built, chat=False)

    async def chat(self, request: Request) -> Response:
        body = await self._read_json(request)
        messages = _messages(body.get("messages"))
        plain = "\n\n".join(m.content for m in messages)  # for a model without a chat template
        built = self._request(body, messages=messages, plain_prompt=plain)
        return await self._answer(body, built, chat=True)

    def _authorize(self, request: Request) -> None:
        if self._token is None:
            return
        given = request.headers.get("authorization", "")
        scheme, _, value = given.partition(" ")
        if scheme.lower() != "bearer" or not secrets.compare_digest(
            value.strip().encode(), self._token.encode()
        ):
            raise ApiError(401, "A valid bearer token is required.", "authentication_error")

    async def _read_json(self, request: Request) -> dict[str, Any]:
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self._limit:
            raise ApiError(413, f"The request body is over {self._limit:,} bytes.")
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > self._limit:
                raise ApiError(413, f"The request body is over {self._limit:,} bytes.")
        try:
            parsed = json.loads(body)
        except (ValueError, UnicodeDecodeError) as exc:
            raise ApiError(400, f"The request body is not valid JSON: {exc}") from exc
        if not isinstance(parsed, dict):
            raise ApiError(400, "The request body must be a JSON object.")
        return parsed

    def _request(
        self, body: dict[str, Any], *, messages: tuple[ChatMessage, ...], plain_prompt: str
    ) -> GenerationRequest:
        model = body.get("model")
        if model is not None and model != self._model.model_id:
            raise ApiError(
                404,
                f"No model named {model!r}; this server has {self._model.model_id!r}.",
                "model_not_found",
            )
        if body.get("n", 1) != 1:
            raise ApiError(400, "Only n=1 is supported.")
        return GenerationRequest(
            task_id=SERVED_TASK,
            inputs=(),
            messages=messages,
            plain_prompt=plain_prompt,
            params=_params(body),
        )

    async def _answer(
        self, body: dict[str, Any], request: GenerationRequest, *, chat: bool
    ) -> Response:
        loop = asyncio.get_running_loop()
        events: asyncio.Queue[JobEvent] = asyncio.Queue()

        def emit(event: JobEvent) -> None:
            # RuntimeError: the server's loop closed, so nobody is waiting any more.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(events.put_nowait, event)

        try:
            cancel = self._scheduler.submit(request, emit)
        except QueueFull:
            raise ApiError(
                429, "The server is busy; try again shortly.", "rate_limit_exceeded"
            ) from None
        shape = _Shape(self._model.model_id, chat)
        if body.get("stream"):
            options = body.get("stream_options")
            usage = isinstance(options, dict) and bool(options.get("include_usage"))
            return StreamingResponse(
                _sse(shape, events, cancel.set, usage), media_type="text/event-stream"
            )
        try:
            pieces = []
            while isinstance(event := await events.get(), str):
                pieces.append(event)
        finally:
            cancel.set()  # also when the client went away and this waiting was cancelled
        if isinstance(event, JobFailed):
            return _error(500, event.message, "server_error")
        return JSONResponse(shape.whole("".join(pieces), event))


async def _sse(
    shape: _Shape, events: asyncio.Queue[JobEvent], cancel: Callable[[], None], usage: bool
) -> AsyncIterator[str]:
    try:
        if shape.chat:
            yield _data(shape.chunk({"role": "assistant", "content": ""}))
        while isinstance(event := await events.get(), str):
            if event:
                yield _data(shape.chunk(event))
        if isinstance(event, JobFailed):
            yield _data({"error": {"message": event.message, "type": "server_error"}})
        else:
            yield _data(shape.chunk(None, _finish_reason(event)))
            if usage:
                yield _data(shape.chunk(None, None, event) | {"choices": []})
        yield "data: [DONE]\n\n"
    finally:
        cancel()  # a client that left mid-stream frees its slot at the next token


class _Shape:
    """OpenAI's response objects for one answer."""

    def __init__(self, model_id: str, chat: bool) -> None:
        self.chat = chat
        self._model_id = model_id
        self._id = f"{'chatcmpl' if chat else 'cmpl'}-{uuid.uuid4().hex}"
        self._created = int(time.time())

    def _head(self, suffix: str) -> dict[str, Any]:
        kind = "chat.completion" if self.chat else "text_completion"
        return {
            "id": self._id,
            "object": kind + suffix,
            "created": self._created,
            "model": self._model_id,
        }

    def chunk(
        self,
        text: str | dict[str, str] | None,
        finish: str | None = None,
        result: GenerationResult | None = None,
    ) -> dict[str, Any]:
        if self.chat:
            delta = text if isinstance(text, dict) else ({} if text is None else {"content": text})
            choice: dict[str, Any] = {"index": 0, "delta": delta}
        else:
            choice = {"index": 0, "text": text or ""}
        choice |= {"finish_reason": finish, "logprobs": None}
        found = self._head(".chunk" if self.chat else "") | {"choices": [choice]}
        if result is not None:
            found["usage"] = _usage(result)
        return found

    def whole(self, text: str, result: GenerationResult) -> dict[str, Any]:
        finish = _finish_reason(result)
        if self.chat:
            choice: dict[str, Any] = {"message": {"role": "assistant", "content": text}}
        else:
            choice = {"text": text}
        choice |= {"index": 0, "finish_reason": finish, "logprobs": None}
        return self._head("") | {"choices": [choice], "usage": _usage(result)}


def _params(body: dict[str, Any]) -> GenerationParams:
    stop = body.get("stop")
    stops = (stop,) if isinstance(stop, str) else tuple(stop or ())
    max_tokens = body.get("max_completion_tokens", body.get("max_tokens"))
    try:
        return GenerationParams(
            max_new_tokens=_DEFAULTS.max_new_tokens if max_tokens is None else max_tokens,
            temperature=_number(body, "temperature", _DEFAULTS.temperature),
            top_p=_number(body, "top_p", _DEFAULTS.top_p),
            seed=body.get("seed"),
            stop_sequences=stops,
        )
    except (TypeError, ValueError) as exc:
        raise ApiError(
            400, f"Invalid parameters: {exc} (max_tokens up to {MAX_NEW_TOKENS})"
        ) from exc


def _number(body: dict[str, Any], name: str, default: float) -> float:
    value = body.get(name)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ApiError(400, f"'{name}' must be a number")
    return float(value)


def _messages(raw: object) -> tuple[ChatMessage, ...]:
    if not isinstance(raw, list) or not raw:
        raise ApiError(400, "'messages' must be a non-empty list")
    found = []
    for message in raw:
        if not isinstance(message, dict) or not isinstance(message.get("role"), str):
            raise ApiError(400, "each message needs a 'role' and a 'content'")
        content = message.get("content")
        if isinstance(content, list):  # content parts: only text is understood
            content = "".join(
                str(part.get("text", "")) for part in content if isinstance(part, dict)
            )
        if not isinstance(content, str):
            raise ApiError(400, "each message needs a 'role' and a 'content'")
        found.append(ChatMessage(message["role"], content))
    return tuple(found)


def _finish_reason(result: GenerationResult) -> str:
    return "length" if result.stop_reason is StopReason.LENGTH else "stop"


def _usage(result: GenerationResult) -> dict[str, int]:
    return {
        "prompt_tokens": result.prompt_tokens,
        "completion_tokens": result.output_tokens,
        "total_tokens": result.prompt_tokens + result.output_tokens,
    }


def _data(payload: dict[str, Any]) -> str:
    return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n"


def _error(
    status: int, message: str, kind: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        {"error": {"message": message, "type": kind, "code": status}},
        status_code=status,
        headers=headers,
    )
