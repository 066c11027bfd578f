"""Device secrets (the sync credentials, from the sync issue on) in the operating system's
keychain through ``keyring``. Never in a file: without a usable keychain Relais says so and
stores nothing, asking again when a secret is needed."""

from __future__ import annotations

import logging

from desktop.core.errors import RelaisError

log = logging.getLogger(__name__)
SERVICE = "Relais"


# What Relais keeps in the keychain. Nothing yet: the sync password joins with the sync
# issue. While this is empty, Settings says nothing about the keychain (nor about a sync
# password that nothing asks for).
USES: tuple[str, ...] = ()


def keychain_usable(backend: object) -> bool:
    """Whether ``backend`` is a real keychain, not keyring's "fail" stand-in (or another
    backend that says it must not be used: priority 0 or below)."""
    from keyring.backends import fail

    priority = getattr(type(backend), "priority", 0)
    try:
        priority = float(priority)
    except (TypeError, ValueError):
        priority = 0.0
    return not isinstance(backend, fail.Keyring) and priority > 0


class SecretStore:
    def __init__(self, namespace: str, backend: object | None = None,
                 uses: tuple[str, ...] = USES) -> None:
        """``namespace`` separates installations (the database id) on one computer;
        ``uses``: the names of the secrets something in Relais keeps here."""
        self.namespace = namespace
        self._backend = backend
        self.uses = uses

    @property
    def backend(self) -> object:
        """The keychain, found when first asked for: keyring probes every backend (and may
        start helper processes), which a login that never touches a secret need not wait
        for."""
        if self._backend is None:
            import keyring

            self._backend = keyring.get_keyring()
        return self._backend

    @property
    def in_use(self) -> bool:
        """Whether anything in this version keeps a secret here."""
        return bool(self.uses)

    @property
    def available(self) -> bool:
        return keychain_usable(self.backend)

    @property
    def backend_name(self) -> str:
        return getattr(type(self.backend), "name", type(self.backend).__name__)

    def _key(self, name: str) -> str:
        return f"{self.namespace}:{name}"

    def set(self, name: str, value: str) -> None:
        if not self.available:
            raise RelaisError("secrets.unavailable")
        try:
            self.backend.set_password(SERVICE, self._key(name), value)  # type: ignore[attr-defined]
        except Exception as exc:
            log.warning("keychain refused to store a secret: %s", type(exc).__name__)
            raise RelaisError("secrets.unavailable") from exc

    def get(self, name: str) -> str | None:
        if not self.available:
            return None
        try:
            return self.backend.get_password(SERVICE, self._key(name))  # type: ignore[attr-defined]
        except Exception as exc:  # noqa: BLE001
            log.warning("keychain could not be read: %s", type(exc).__name__)
            return None

    def delete(self, name: str) -> None:
        if not self.available:
            return
        try:
            self.backend.delete_password(SERVICE, self._key(name))  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 (already absent is fine)
            return
