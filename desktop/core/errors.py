"""Errors that reach a person: a message key and its parameters, translated at the edge."""

from __future__ import annotations

from desktop.core.i18n import Translator


class RelaisError(Exception):
    """A failure the user can understand and act on."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self, tr: Translator) -> str:
        return tr(self.key, **self.params)


class AccessDenied(RelaisError):
    """The signed-in user's role does not allow this action (enforced in services)."""


class ValidationError(RelaisError):
    """Input that cannot be stored as it is; ``field`` names where to show the message."""

    def __init__(self, key: str, field: str | None = None, **params: object) -> None:
        super().__init__(key, **params)
        self.field = field
