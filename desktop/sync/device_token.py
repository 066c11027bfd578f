"""The device token (given at enrolment) in the operating system's keychain.

Never in a file, a setting or a log: whoever holds it speaks to the central as this
desktop until an administrator revokes the device. One keychain entry per data folder, so
two installations on one computer (a portable one beside the usual one) keep their own.
Without a usable keychain the token is not kept at all and the person is told why.
"""

from __future__ import annotations

import logging

from desktop.paths import DataPaths
from desktop.store.secrets import keychain_usable
from desktop.sync.errors import SyncError

log = logging.getLogger(__name__)
ENTRY = "device-token"


def service_name(paths: DataPaths) -> str:
    """The keychain entry's service, readable in the keychain's own window."""
    return f"Relais sync ({paths.root})"


class DeviceToken:
    def __init__(self, paths: DataPaths, backend: object | None = None,
                 entry: str = ENTRY) -> None:
        """``entry``: another secret of this data folder kept the same way (join_key)."""
        import keyring

        self.service = service_name(paths)
        self.entry = entry
        self.backend = backend if backend is not None else keyring.get_keyring()

    def __repr__(self) -> str:
        return f"DeviceToken({self.service!r})"

    @property
    def available(self) -> bool:
        return keychain_usable(self.backend)

    def save(self, token: str) -> None:
        """SyncError ``no_keyring`` when no keychain takes it (enrolment must then stop:
        a token that cannot be kept would be lost with the process)."""
        if not token:
            raise ValueError("empty device token")
        self._usable()
        try:
            self.backend.set_password(self.service, self.entry, token)  # type: ignore[attr-defined]
        except Exception as exc:  # noqa: BLE001 (any backend's refusal: locked, denied …)
            log.warning("keychain refused the device token: %s", type(exc).__name__)
            raise SyncError("no_keyring") from None  # the cause may quote the value

    def load(self) -> str | None:
        """The token, or None before enrolment. SyncError ``no_keyring`` when the keychain
        cannot be read (locked, gone): not the same as never enrolled."""
        self._usable()
        try:
            token = self.backend.get_password(self.service, self.entry)  # type: ignore[attr-defined]
        except Exception as exc:  # noqa: BLE001
            log.warning("keychain could not be read: %s", type(exc).__name__)
            raise SyncError("no_keyring") from None
        return token or None

    def require(self) -> str:
        """The token, or SyncError ``not_enrolled``."""
        token = self.load()
        if token is None:
            raise SyncError("not_enrolled")
        return token

    def forget(self) -> None:
        """Remove the token (after a revocation, or when leaving the organisation)."""
        if not self.available:
            return
        try:
            self.backend.delete_password(self.service, self.entry)  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 (already absent is fine)
            return

    def _usable(self) -> None:
        if not self.available:
            raise SyncError("no_keyring")
