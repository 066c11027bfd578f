"""The coordinator page's session: a cookie holding the coordinator's id, its times and a
nonce, signed with HMAC-SHA256 under a key made at start (a restart signs everyone out),
and a rate limit on failed logins. The CSRF token of a form is derived from the nonce."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from collections import deque
from dataclasses import dataclass
from threading import Lock

COOKIE = "relais_coordinator"
IDLE_SECONDS = 30 * 60  # renewed at each page; gone after 30 idle minutes
MAX_SECONDS = 8 * 60 * 60  # and 8 hours after the login in any case
MAX_FAILURES = 10
FAILURE_WINDOW = 15 * 60


@dataclass(frozen=True)
class Session:
    coordinator_id: int
    issued: int
    nonce: str


class SessionSigner:
    def __init__(self, key: bytes | None = None) -> None:
        self._key = key or secrets.token_bytes(32)
        # Nonces of sessions signed out, until they would have expired anyway: a copy of
        # the cookie taken before the logout opens nothing after it.
        self._ended: dict[str, float] = {}
        self._lock = Lock()

    def _mac(self, payload: bytes) -> str:
        return hmac.new(self._key, payload, hashlib.sha256).hexdigest()

    def issue(self, coordinator_id: int, issued: int | None = None,
              nonce: str | None = None) -> str:
        now = int(time.time())
        body = {"c": coordinator_id, "i": issued or now, "e": now + IDLE_SECONDS,
                "n": nonce or secrets.token_urlsafe(16)}
        payload = base64.urlsafe_b64encode(json.dumps(body, separators=(",", ":"))
                                           .encode()).decode().rstrip("=")
        return f"{payload}.{self._mac(payload.encode())}"

    def renew(self, session: Session) -> str:
        return self.issue(session.coordinator_id, session.issued, session.nonce)

    def read(self, value: str | None) -> Session | None:
        """The session in a cookie value; None when absent, forged, idle or too old."""
        if not value or len(value) > 512 or "." not in value:
            return None
        payload, _, mac = value.rpartition(".")
        if not hmac.compare_digest(self._mac(payload.encode()), mac):
            return None
        try:
            body = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
            coordinator, issued, expires, nonce = (int(body["c"]), int(body["i"]),
                                                   int(body["e"]), str(body["n"]))
        except (ValueError, KeyError, TypeError):
            return None
        now = time.time()
        if now > expires or now > issued + MAX_SECONDS:
            return None
        with self._lock:
            if nonce in self._ended:
                return None
        return Session(coordinator, issued, nonce)

    def end(self, session: Session) -> None:
        now = time.time()
        with self._lock:
            self._ended = {n: t for n, t in self._ended.items() if t > now}
            self._ended[session.nonce] = session.issued + MAX_SECONDS

    def csrf(self, session: Session) -> str:
        return self._mac(f"csrf:{session.nonce}".encode())[:32]

    def csrf_ok(self, session: Session, token: str) -> bool:
        return hmac.compare_digest(self.csrf(session), token or "")


class FailureLimit:
    """At most MAX_FAILURES failed logins per client address in FAILURE_WINDOW seconds."""

    def __init__(self, limit: int = MAX_FAILURES, window: float = FAILURE_WINDOW) -> None:
        self.limit, self.window = limit, window
        self._failures: dict[str, deque[float]] = {}
        self._lock = Lock()

    def _recent(self, client: str, now: float) -> deque[float]:
        times = self._failures.setdefault(client, deque())
        while times and now - times[0] > self.window:
            times.popleft()
        return times

    def blocked(self, client: str) -> bool:
        with self._lock:
            return len(self._recent(client, time.monotonic())) >= self.limit

    def failed(self, client: str) -> None:
        with self._lock:
            if len(self._failures) > 10_000:  # many addresses: forget the oldest picture
                self._failures.clear()
            now = time.monotonic()
            self._recent(client, now).append(now)
