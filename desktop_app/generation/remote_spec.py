"""How a model on an OpenAI-compatible server is named: a spec that travels like any other.

`openai+http://gpu-box:8000/v1#meta-llama/Llama-3.1-8B-Instruct`: the base URL of the API
(the part that `/models` and `/chat/completions` are appended to) after `openai+`, and the
server's model id after `#`. The API key is never part of it: specs are stored in the
history and settings, keys only in the keyring.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit

from desktop_app.domain.i18n import translate

REMOTE_PREFIX = "openai+"
_LOCAL_NAMES = {"localhost", "localhost.localdomain"}


@dataclass(frozen=True, slots=True)
class RemoteSpec:
    base_url: str  # e.g. "http://gpu-box:8000/v1", without a trailing slash
    model: str  # the server's model id, e.g. "llama3.1:8b"


def is_remote_spec(spec: str) -> bool:
    return spec.startswith(REMOTE_PREFIX)


def normalize_base_url(base_url: str) -> str:
    """The form keys and approvals are filed under: no surrounding space or trailing slash,
    and ValueError unless it is an http(s) URL with a host."""
    url = base_url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValueError(
            translate(
                "RemoteModel", "{address} is not a server address such as http://host:8000/v1"
            ).format(address=repr(base_url))
        )
    if parts.query or parts.fragment:
        raise ValueError(
            translate("RemoteModel", "{address} must not have a query or a # part").format(
                address=repr(base_url)
            )
        )
    return url


def remote_spec(base_url: str, model: str) -> str:
    """The spec for `model` on the server at `base_url`; ValueError for a bad address."""
    if not model:
        raise ValueError(translate("RemoteModel", "the model name is empty"))
    return f"{REMOTE_PREFIX}{normalize_base_url(base_url)}#{quote(model, safe='/:@.-_~+')}"


def parse_remote_spec(spec: str) -> RemoteSpec:
    """The server and model a spec names; ValueError when it is not a remote spec."""
    if not is_remote_spec(spec):
        raise ValueError(
            translate("RemoteModel", "{spec} does not start with {prefix}").format(
                spec=repr(spec), prefix=REMOTE_PREFIX
            )
        )
    url, _, model = spec.removeprefix(REMOTE_PREFIX).partition("#")
    if not model:
        raise ValueError(
            translate(
                "RemoteModel", "{spec} names no model: add #model-name after the address"
            ).format(spec=repr(spec))
        )
    return RemoteSpec(normalize_base_url(url), unquote(model))


def is_loopback_host(host: str) -> bool:
    """127.x, ::1 or localhost: traffic that never leaves the computer."""
    name = host.strip("[]").lower()
    if name in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def needs_insecure_confirmation(base_url: str) -> bool:
    """Plain HTTP to another computer: the prompts and the API key cross the network
    readable by anyone on the way, so the writer confirms it once."""
    parts = urlsplit(base_url.strip())
    return parts.scheme == "http" and not is_loopback_host(parts.hostname or "")
