"""The central's address as a person types it, checked before anything is sent."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from desktop.sync.errors import SyncError

MAX_ADDRESS = 2048
_USER_INFO = re.compile(r"//[^/?#]*@")


@dataclass(frozen=True)
class ServerAddress:
    """``https://sync.cpas.example/relais`` as scheme, host, port and path prefix (a reverse
    proxy may serve the central under a folder)."""

    scheme: str
    host: str
    port: int
    prefix: str

    @property
    def secure(self) -> bool:
        return self.scheme == "https"

    @property
    def shown(self) -> str:
        """How messages name the server: host and port only, never a path or a secret."""
        default = 443 if self.secure else 80
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == default else f"{host}:{self.port}"

    @property
    def url(self) -> str:
        return f"{self.scheme}://{self.shown}{self.prefix}"

    def path(self, endpoint: str) -> str:
        return self.prefix + endpoint


def parse_address(typed: str) -> ServerAddress:
    """SyncError ``bad_address`` unless ``typed`` is an http(s) address of a host, without
    a user name, password, query or fragment (a token goes in a header, never in the URL)."""
    text = typed.strip() if isinstance(typed, str) else ""
    if not text or len(text) > MAX_ADDRESS or any(ch.isspace() for ch in text):
        raise SyncError("bad_address", server=_shown_typed(text))
    parts = urlsplit(text)
    try:
        port = parts.port
    except ValueError:  # "https://host:99999" or "https://host:abc"
        raise SyncError("bad_address", server=_shown_typed(text)) from None
    scheme = parts.scheme.lower()
    if (scheme not in ("http", "https") or not parts.hostname or parts.username is not None
            or parts.password is not None or parts.query or parts.fragment
            or parts.netloc.endswith(":")):
        raise SyncError("bad_address", server=_shown_typed(text))
    prefix = parts.path.rstrip("/")
    if not prefix.isascii():  # a request line is ASCII; a proxy's folder is too
        raise SyncError("bad_address", server=_shown_typed(text))
    return ServerAddress(scheme=scheme, host=parts.hostname,
                         port=port or (443 if scheme == "https" else 80), prefix=prefix)


def _shown_typed(text: str) -> str:
    # What the person typed, without a password put before "@", cut to one readable line.
    text = _USER_INFO.sub("//", text)
    return text if len(text) <= 80 else text[:77] + "…"
