"""API keys for model servers, kept in the operating system's keyring and nowhere else.

Keys are filed under the server's base URL (normalized), so a spec, the history and the
settings file never hold one.
"""

from __future__ import annotations

import logging

import keyring
import keyring.errors

from desktop_app.domain.i18n import translate
from desktop_app.generation.remote_spec import normalize_base_url

log = logging.getLogger(__name__)

SERVICE = "Inkwell model servers"


class CredentialsError(Exception):
    """A key could not be kept or removed; the message says why in plain words."""


def keyring_available() -> bool:
    """Whether the system has a keyring Inkwell can keep keys in."""
    backend = keyring.get_keyring()
    return getattr(backend, "priority", 0) > 0


def store_api_key(base_url: str, key: str) -> None:
    """Keeps `key` for the server; an empty key removes the stored one."""
    if not key:
        delete_api_key(base_url)
        return
    try:
        keyring.set_password(SERVICE, normalize_base_url(base_url), key)
    except keyring.errors.NoKeyringError as exc:
        raise CredentialsError(_no_keyring(base_url)) from exc
    except keyring.errors.KeyringError as exc:
        raise CredentialsError(
            translate(
                "Credentials",
                "The API key for {url} could not be saved in the system keyring: {detail}",
            ).format(url=base_url, detail=exc)
        ) from exc


def get_api_key(base_url: str) -> str | None:
    """The stored key, or None: also when there is no keyring, where none can be stored."""
    try:
        return keyring.get_password(SERVICE, normalize_base_url(base_url))
    except keyring.errors.KeyringError as exc:  # includes NoKeyringError
        log.warning("no API key for %s from the keyring: %s", base_url, exc)
        return None


def delete_api_key(base_url: str) -> None:
    try:
        keyring.delete_password(SERVICE, normalize_base_url(base_url))
    except keyring.errors.PasswordDeleteError:
        pass  # none was stored
    except keyring.errors.NoKeyringError as exc:
        raise CredentialsError(_no_keyring(base_url)) from exc
    except keyring.errors.KeyringError as exc:
        raise CredentialsError(
            translate(
                "Credentials",
                "The API key for {url} could not be removed from the system keyring: {detail}",
            ).format(url=base_url, detail=exc)
        ) from exc


def _no_keyring(base_url: str) -> str:
    return translate(
        "Credentials",
        "The API key for {url} cannot be kept: this system has no keyring "
        "(such as GNOME Keyring, KWallet, macOS Keychain or Windows Credential Manager). "
        "Install and unlock one, or use a server that needs no key.",
    ).format(url=base_url)
