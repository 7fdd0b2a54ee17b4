"""Which plain-HTTP model servers on other computers the writer has agreed to use."""

from __future__ import annotations

from urllib.parse import urlsplit

from PySide6.QtCore import QSettings

from desktop_app.generation.remote_spec import needs_insecure_confirmation

_KEY = "remoteServers/insecureApproved"


class InsecureHostApprovals:
    """Remembers, per host and port, that the writer accepted unencrypted traffic to it,
    so the model manager asks once rather than on every connection."""

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def needs_confirmation(self, base_url: str) -> bool:
        return needs_insecure_confirmation(base_url) and _host(base_url) not in self._approved()

    def approve(self, base_url: str) -> None:
        approved = self._approved()
        if _host(base_url) not in approved:
            self._settings.setValue(_KEY, [*approved, _host(base_url)])

    def _approved(self) -> list[str]:
        stored = self._settings.value(_KEY, [])
        # QSettings gives a lone list item back as a plain string.
        if isinstance(stored, str):
            return [stored]
        return [str(item) for item in stored] if isinstance(stored, list) else []


def _host(base_url: str) -> str:
    parts = urlsplit(base_url.strip())
    return f"{(parts.hostname or '').lower()}:{parts.port or 80}"
