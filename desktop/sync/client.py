"""The desktop's client of the central endpoint: one method per request of
docs/sync-protocol.md, each returning a checked answer or raising a SyncError.

No retries here: ``backoff.retrying`` wraps the calls that may be repeated (push carries
its Idempotency-Key, pull is a read). Enrolment is never repeated blindly: its code is
used up by the first request that reaches the central.
"""

from __future__ import annotations

import gzip
import json
import ssl
import uuid
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from desktop import __version__
from desktop.sync import answers
from desktop.sync.address import ServerAddress, parse_address
from desktop.sync.answers import ChangeResult, Enrolment, Health, PullPage
from desktop.sync.errors import SERVER_CODES, SyncError
from desktop.sync.transport import Answer, exchange

PROTOCOL = 1
MIN_CENTRAL_PROTOCOL = 1  # the oldest central this desktop can work with
PROTOCOL_HEADER = "X-Relais-Protocol"
TIMEOUT = 30.0  # seconds for one whole request and its answer
MAX_ANSWER_BYTES = 64 * 1024 * 1024  # inflated; a pull page of 1,000 records is far less
MAX_REQUEST_BYTES = 16 * 1024 * 1024  # what the central accepts once inflated
MAX_PUSH = 500
MAX_PULL = 1000
GZIP_FROM = 1024  # smaller bodies gain nothing from compression
MODES = ("enrol", "join")


class SyncClient:
    def __init__(self, address: str | ServerAddress, token: str | None = None, *,
                 timeout: float = TIMEOUT, max_answer_bytes: int = MAX_ANSWER_BYTES,
                 ssl_context: ssl.SSLContext | None = None) -> None:
        """``address`` as typed (checked here: SyncError ``bad_address``); ``token``: the
        device token, None before enrolment; ``ssl_context``: to trust the certificate of
        a small install's own authority (the system's authorities otherwise)."""
        self.server = address if isinstance(address, ServerAddress) else parse_address(address)
        self._token = token
        self.timeout = timeout
        self.max_answer_bytes = max_answer_bytes
        self.ssl_context = ssl_context

    def __repr__(self) -> str:  # never the token
        return f"SyncClient({self.server.url!r})"

    # -- the requests -----------------------------------------------------------------------

    def health(self) -> Health:
        """The central's protocol range. Anything that does not answer like a Relais
        central (a web page, a router's login, JSON without our fields) is ``not_relais``."""
        try:
            data = self._call("GET", "/health", authorised=False)
            health = answers.health(data)
        except (SyncError, ValueError) as exc:
            if isinstance(exc, SyncError) and exc.code not in ("bad_answer", "request_refused"):
                raise
            raise SyncError("not_relais", server=self.server.shown) from exc
        if health.protocol < MIN_CENTRAL_PROTOCOL:
            raise SyncError("server_too_old", server=self.server.shown)
        if health.min_protocol > PROTOCOL:
            raise SyncError("protocol_too_old", server=self.server.shown)
        return health

    def enrol(self, code: str, mode: str, device_name: str,
              organisation: Mapping[str, str] | None = None) -> Enrolment:
        """``mode`` enrol (with this desktop's ``organisation``: id, refnis, name) or join."""
        if mode not in MODES or (mode == "enrol") != (organisation is not None):
            raise ValueError("enrol needs the organisation; join takes none")
        body: dict[str, Any] = {"code": code, "mode": mode, "device_name": device_name}
        if organisation is not None:
            body["organisation"] = dict(organisation)
        return self._checked(answers.enrolment,
                             self._call("POST", "/api/v1/enrol", body, authorised=False))

    def push(self, batch_id: str, changes: Sequence[Mapping[str, Any]]) -> list[ChangeResult]:
        """One result per change, in the order sent. Sending the same ``batch_id`` with the
        same changes again is harmless: the central repeats its first answer."""
        if not 0 < len(changes) <= MAX_PUSH:
            raise ValueError(f"a push carries 1 to {MAX_PUSH} changes")
        key = str(uuid.UUID(batch_id))
        data = self._call("POST", "/api/v1/sync/push",
                          {"batch_id": key, "changes": list(changes)},
                          extra={"Idempotency-Key": key})
        change_ids = [str(change.get("change_id")) for change in changes]
        return self._checked(lambda d: answers.push_results(d, change_ids), data)

    def pull(self, cursor: int, limit: int = MAX_PULL, count: bool = False) -> PullPage:
        """The records written after ``cursor``. SyncError ``cursor_expired`` (410): the
        central forgot that far back; start again from 0, keeping the outbox."""
        if cursor < 0 or not 0 < limit <= MAX_PULL:
            raise ValueError("cursor >= 0 and 1 <= limit <= 1000")
        asked: dict[str, object] = {"cursor": cursor, "limit": limit}
        if count:  # how many records the next pages hold (a progress bar's total)
            asked["count"] = "true"
        query = urlencode(asked)
        data = self._call("GET", f"/api/v1/sync/pull?{query}")
        return self._checked(lambda d: answers.pull_page(d, cursor), data)

    # -- one request ------------------------------------------------------------------------

    def _call(self, method: str, endpoint: str, body: Any = None, *, authorised: bool = True,
              extra: Mapping[str, str] | None = None) -> Any:
        headers = {PROTOCOL_HEADER: str(PROTOCOL), "Accept": "application/json",
                   "Accept-Encoding": "gzip", "User-Agent": f"Relais/{__version__}",
                   "Connection": "close", **(extra or {})}
        if authorised:
            if not self._token:
                raise SyncError("not_enrolled")
            headers["Authorization"] = f"Bearer {self._token}"
        payload = None
        if body is not None:
            payload = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
            if len(payload) > MAX_REQUEST_BYTES:  # the central would refuse it anyway
                raise SyncError("too_large", server=self.server.shown)
            headers["Content-Type"] = "application/json"
            if len(payload) >= GZIP_FROM:
                payload = gzip.compress(payload, compresslevel=6, mtime=0)
                headers["Content-Encoding"] = "gzip"
        answer = exchange(self.server, method, self.server.path(endpoint), body=payload,
                          headers=headers, timeout=self.timeout,
                          max_bytes=self.max_answer_bytes, ssl_context=self.ssl_context)
        if not 200 <= answer.status < 300:
            raise self._refusal(answer)
        return self._json(answer)

    def _json(self, answer: Answer) -> Any:
        try:
            return json.loads(answer.body.decode("utf-8"))
        except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested too deep
            raise SyncError("bad_answer", status=answer.status,
                            server=self.server.shown) from None

    def _checked(self, parse: Any, data: Any) -> Any:
        try:
            return parse(data)
        except ValueError:
            raise SyncError("bad_answer", server=self.server.shown) from None

    def _refusal(self, answer: Answer) -> SyncError:
        """The SyncError for a status other than 2xx, from the central's error code when the
        answer carries one (its ``detail`` text is never shown)."""
        status, shown = answer.status, self.server.shown
        try:
            data = json.loads(answer.body.decode("utf-8"))
        except (ValueError, RecursionError):
            data = None
        code = data.get("error") if isinstance(data, dict) else None
        if 300 <= status < 400:
            # Never followed: the token would go wherever the answer points.
            return SyncError("moved", status=status, server=shown)
        if status == 401:
            code = code if code == "device_revoked" else "unauthorised"
            return SyncError(code, status=status, server=shown)
        if status == 426:
            return SyncError("protocol_too_old", status=status, server=shown)
        if status >= 500 or status == 429:
            return SyncError("server", status=status, server=shown)
        if isinstance(code, str) and code in SERVER_CODES:
            return SyncError(code, status=status, server=shown)
        if status == 413:  # a reverse proxy's own limit, before the central saw it
            return SyncError("too_large", status=status, server=shown)
        if status == 410:
            return SyncError("cursor_expired", status=status, server=shown)
        if status in (404, 405) and code is None:  # a web server, but not a central
            return SyncError("not_relais", status=status, server=shown)
        return SyncError("request_refused", status=status, server=shown)
