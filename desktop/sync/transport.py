"""One HTTP exchange with the central over the standard library, bounded in time and size.

``exchange`` sends a request and returns the status, headers and the inflated body, or
raises a SyncError naming what failed on the way (name lookup, refused, certificate,
timeout, dropped connection, an answer too large). What the status means is the client's
business. One connection per request: a sync moves a few requests a minute, and a fresh
connection never carries the state of a failed one.
"""

from __future__ import annotations

import errno
import http.client
import logging
import socket
import ssl
import time
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from desktop.sync.address import ServerAddress
from desktop.sync.errors import SyncError

log = logging.getLogger(__name__)

CHUNK = 64 * 1024
_UNREACHABLE = {errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN, errno.EHOSTDOWN}


@dataclass(frozen=True)
class Answer:
    status: int
    headers: Mapping[str, str]  # names in lower case
    body: bytes  # inflated


def exchange(server: ServerAddress, method: str, target: str, *, body: bytes | None,
             headers: Mapping[str, str], timeout: float, max_bytes: int,
             ssl_context: ssl.SSLContext | None = None,
             clock: Callable[[], float] = time.monotonic) -> Answer:
    """``timeout`` bounds the whole exchange, not each read: a server that trickles a byte
    a second never holds the sync forever. ``max_bytes`` bounds the answer as received
    and once inflated (a gzip bomb is refused before it fills the memory)."""
    deadline = clock() + timeout
    if server.secure:
        connection: http.client.HTTPConnection = http.client.HTTPSConnection(
            server.host, server.port, timeout=timeout,
            context=ssl_context or ssl.create_default_context())
    else:
        connection = http.client.HTTPConnection(server.host, server.port, timeout=timeout)
    try:
        connection.request(method, target, body=body, headers=dict(headers))
        _pace(connection, deadline, clock)
        response = connection.getresponse()
        raw = _read(response, connection, deadline, clock, max_bytes, server)
        answer_headers = {name.lower(): value for name, value in response.getheaders()}
    except SyncError:
        raise
    except (OSError, http.client.HTTPException) as exc:  # every failure of the way
        code = failure_code(exc)
        log.info("sync %s %s failed: %s (%s)", method, target.split("?")[0], code,
                 type(exc).__name__)
        raise SyncError(code, server=server.shown) from exc
    finally:
        connection.close()
    encoding = answer_headers.get("content-encoding", "identity").strip().lower()
    body_out = _inflate(raw, encoding, max_bytes, server)
    log.debug("sync %s %s: %s, %d bytes", method, target.split("?")[0], response.status,
              len(body_out))
    return Answer(status=response.status, headers=answer_headers, body=body_out)


def failure_code(exc: BaseException) -> str:
    """The SyncError code of an exception raised while connecting, sending or reading."""
    # Order matters: RemoteDisconnected is a ConnectionResetError and a BadStatusLine;
    # certificate errors are SSLErrors, which are OSErrors.
    if isinstance(exc, socket.gaierror):
        return "dns"
    if isinstance(exc, ssl.SSLEOFError | ssl.SSLZeroReturnError):
        return "dropped"  # the server closed the secure channel mid-way
    if isinstance(exc, ssl.SSLCertVerificationError | ssl.CertificateError):
        return "tls"
    if isinstance(exc, ssl.SSLError):
        return "not_relais"  # no TLS on that port (https:// typed for an http server)
    if isinstance(exc, TimeoutError):
        return "timeout"
    if isinstance(exc, ConnectionRefusedError):
        return "refused"
    if isinstance(exc, ConnectionError | http.client.IncompleteRead):
        return "dropped"
    if isinstance(exc, http.client.BadStatusLine):
        return "not_relais"  # something answers on that port, but not in HTTP
    if isinstance(exc, http.client.HTTPException):
        return "bad_answer"
    if isinstance(exc, OSError):
        return "unreachable"
    return "bad_answer"


def _pace(connection: http.client.HTTPConnection, deadline: float,
          clock: Callable[[], float]) -> None:
    # Each blocking read waits at most what is left of the whole exchange.
    remaining = deadline - clock()
    if remaining <= 0:
        raise TimeoutError
    if connection.sock is not None:
        connection.sock.settimeout(remaining)


def _read(response: http.client.HTTPResponse, connection: http.client.HTTPConnection,
          deadline: float, clock: Callable[[], float], max_bytes: int,
          server: ServerAddress) -> bytes:
    length = response.getheader("content-length")
    if length is not None and length.strip().isdigit() and int(length) > max_bytes:
        raise SyncError("answer_too_large", server=server.shown)
    parts: list[bytes] = []
    received = 0
    while True:
        _pace(connection, deadline, clock)
        part = response.read1(CHUNK)
        if not part:
            break
        received += len(part)
        if received > max_bytes:
            raise SyncError("answer_too_large", server=server.shown)
        parts.append(part)
    return b"".join(parts)


def _inflate(raw: bytes, encoding: str, max_bytes: int, server: ServerAddress) -> bytes:
    if encoding in ("identity", ""):
        return raw
    if encoding not in ("gzip", "x-gzip"):
        raise SyncError("bad_answer", server=server.shown)
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)  # gzip framing only
    try:
        body = inflater.decompress(raw, max_bytes + 1)
    except zlib.error:
        raise SyncError("bad_answer", server=server.shown) from None
    if len(body) > max_bytes or inflater.unconsumed_tail:
        raise SyncError("answer_too_large", server=server.shown)
    if not inflater.eof:  # cut short: the rest of the answer never came
        raise SyncError("dropped", server=server.shown)
    if inflater.unused_data:  # a second gzip member: not how any central answers
        raise SyncError("bad_answer", server=server.shown)
    return body
