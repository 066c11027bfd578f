"""The database key of a join still downloading, kept in the keychain beside the device
token until the organisation's users can open the database with their own passwords.

A first download of 100,000 records takes a while and may be cut (a closed window, a lost
network). Without this entry the key would die with the process and the half-filled data
folder would be useless; with it, the next start continues where the download stopped.
It is no wider an exposure than the device token itself, which can download everything
again, and it is forgotten as soon as the users' keys are sealed (docs/security.md).
"""

from __future__ import annotations

import base64
import binascii

from desktop.paths import DataPaths
from desktop.sync.device_token import DeviceToken

ENTRY = "join-key"


class JoinKey:
    def __init__(self, paths: DataPaths, backend: object | None = None) -> None:
        self._entry = DeviceToken(paths, backend, entry=ENTRY)

    def save(self, key: bytes) -> None:
        """SyncError ``no_keyring`` when the keychain refuses it."""
        self._entry.save(base64.b64encode(key).decode("ascii"))

    def load(self) -> bytes | None:
        """The key, or None when the keychain holds none (or something not ours)."""
        text = self._entry.load()
        if text is None:
            return None
        try:
            return base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            return None

    def forget(self) -> None:
        self._entry.forget()
