"""What can go wrong while talking to the central, as errors a person can read.

Every failure of the transport becomes a SyncError with a message key (translated at the
edge, never the server's own text), the short ``code`` that tests and the engine compare,
and whether trying again later can help (``retryable``): a dropped connection can, a
revoked device cannot.
"""

from __future__ import annotations

from desktop.core.errors import RelaisError

# The central's error codes (docs/sync-protocol.md, "Transport") with their messages.
SERVER_CODES: dict[str, str] = {
    "unauthorised": "sync.error.unauthorised",
    "device_revoked": "sync.error.device_revoked",
    "protocol_too_old": "sync.error.protocol_too_old",
    "code_invalid": "sync.error.code_invalid",
    "wrong_organisation": "sync.error.wrong_organisation",
    "organisation_already_registered": "sync.error.organisation_already_registered",
    "organisation_not_registered": "sync.error.organisation_not_registered",
    "too_large": "sync.error.too_large",
    "malformed": "sync.error.malformed",
    "idempotency_key_reused": "sync.error.idempotency_key_reused",
    "cursor_expired": "sync.error.cursor_expired",
    "volunteer_code": "sync.error.volunteer_code",
}

# Failures on our side of the answer, each with its message.
TRANSPORT_CODES: dict[str, str] = {
    "bad_address": "sync.error.bad_address",
    "unreachable": "sync.error.unreachable",
    "dns": "sync.error.dns",
    "refused": "sync.error.refused",
    "tls": "sync.error.tls",
    "timeout": "sync.error.timeout",
    "dropped": "sync.error.dropped",
    "server": "sync.error.server",
    "moved": "sync.error.moved",
    "not_relais": "sync.error.not_relais",
    "server_too_old": "sync.error.server_too_old",
    "bad_answer": "sync.error.bad_answer",
    "answer_too_large": "sync.error.answer_too_large",
    "request_refused": "sync.error.request_refused",
    "no_keyring": "sync.error.no_keyring",
    "not_enrolled": "sync.error.not_enrolled",
    "page_refused": "sync.error.page_refused",
}
MESSAGES = {**SERVER_CODES, **TRANSPORT_CODES}

# Failures of the way there, not of the request: worth another try after a pause.
RETRYABLE = frozenset({"unreachable", "dns", "refused", "timeout", "dropped", "server"})


class SyncError(RelaisError):
    """``code``: a server error code (SERVER_CODES) or a transport one (unreachable, dns,
    refused, tls, timeout, dropped, server, not_relais, bad_answer, …); ``status``: the
    HTTP status when there was an answer."""

    def __init__(self, code: str, *, status: int | None = None, **params: object) -> None:
        if status is not None:
            params.setdefault("status", status)
        super().__init__(MESSAGES[code], **params)
        self.code = code
        self.status = status

    @property
    def retryable(self) -> bool:
        return self.code in RETRYABLE

    def __repr__(self) -> str:
        return f"SyncError({self.code!r}, status={self.status!r})"
