"""API keys in the system keyring, with an in-memory keyring standing in for the system's."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.backends.fail
import keyring.errors
import pytest
from serve_helpers import serving

from desktop_app.domain.generation import GenerationParams, GenerationRequest, LoadOptions
from desktop_app.generation.engine import run_stream
from desktop_app.generation.engine_router import RoutedEngine
from desktop_app.generation.remote_spec import remote_spec
from desktop_app.services import credentials
from desktop_app.services.credentials import CredentialsError

ONCE = GenerationRequest("continue", (), (), "Once", GenerationParams(max_new_tokens=2))


class MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[service, username] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.passwords.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


def test_keys_are_kept_per_server_in_the_keyring(memory_keyring: MemoryKeyring) -> None:
    assert credentials.keyring_available()
    credentials.store_api_key("http://gpu-box:8000/v1/", "sk-one")
    credentials.store_api_key("https://other/v1", "sk-two")
    assert credentials.get_api_key("http://gpu-box:8000/v1") == "sk-one"
    assert memory_keyring.passwords == {
        (credentials.SERVICE, "http://gpu-box:8000/v1"): "sk-one",
        (credentials.SERVICE, "https://other/v1"): "sk-two",
    }
    credentials.store_api_key("http://gpu-box:8000/v1", "")  # an empty key forgets it
    credentials.delete_api_key("http://gpu-box:8000/v1")  # and forgetting twice is fine
    assert credentials.get_api_key("http://gpu-box:8000/v1") is None


def test_without_a_keyring_storing_says_so_and_reading_finds_none() -> None:
    before = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        assert not credentials.keyring_available()
        with pytest.raises(CredentialsError, match="this system has no keyring"):
            credentials.store_api_key("http://gpu-box:8000/v1", "sk-one")
        assert credentials.get_api_key("http://gpu-box:8000/v1") is None
    finally:
        keyring.set_keyring(before)


def test_the_engine_takes_the_key_from_the_keyring_not_the_spec(
    memory_keyring: MemoryKeyring,
) -> None:
    with serving(token="sk-served") as served:
        spec = remote_spec(served.url, "fake-model")
        assert "sk-served" not in spec
        credentials.store_api_key(served.url, "sk-served")
        engine = RoutedEngine(Path("/nonexistent"), credentials.get_api_key)
        engine.load(spec, lambda _fraction, _message: None, LoadOptions())
        result = run_stream(engine.stream(ONCE, threading.Event()), lambda _t: None)
        assert result.text
        engine.unload()
