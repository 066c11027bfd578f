"""ASGI middleware of the transport rules: the protocol header, and request bodies bounded
as sent and as inflated (a gzip bomb is stopped while it inflates, not after)."""

from __future__ import annotations

import json
import zlib
from typing import Any

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from central.coordination.web.headers import is_page
from central.errors import ApiError
from central.protocol import (
    MALFORMED,
    MAX_BODY_INFLATED,
    MAX_BODY_SENT,
    MIN_PROTOCOL,
    PROTOCOL_HEADER,
    PROTOCOL_TOO_OLD,
    TOO_LARGE,
)

# Paths a client reads before it knows the central's protocol.
OPEN_PATHS = ("/health", "/openapi.json")


async def send_error(send: Send, error: ApiError) -> None:
    body = json.dumps(error.body()).encode("utf-8")
    await send({"type": "http.response.start", "status": error.status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class ProtocolMiddleware:
    def __init__(self, app: ASGIApp, min_protocol: int = MIN_PROTOCOL) -> None:
        self.app, self.min_protocol = app, min_protocol

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] not in OPEN_PATHS \
                and not is_page(scope["path"]):  # a browser sends no protocol header
            version = Headers(scope=scope).get(PROTOCOL_HEADER, "")
            if not (version.strip().isdigit() and int(version) >= self.min_protocol):
                await send_error(send, ApiError(426, PROTOCOL_TOO_OLD,
                                                "protocol header missing or too old",
                                                min_protocol=self.min_protocol))
                return
        await self.app(scope, receive, send)


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        try:
            body = await self._read(scope, receive)
        except ApiError as error:
            await send_error(send, error)
            return
        if body is None:  # the client went away
            return
        headers = [(k, v) for k, v in scope["headers"]
                   if k not in (b"content-encoding", b"content-length")]
        headers.append((b"content-length", str(len(body)).encode()))
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app({**scope, "headers": headers}, replay, send)

    async def _read(self, scope: Scope, receive: Receive) -> bytes | None:
        headers = Headers(scope=scope)
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > MAX_BODY_SENT:
            raise ApiError(413, TOO_LARGE, "request body too large")
        encoding = headers.get("content-encoding", "identity").strip().lower()
        if encoding not in ("identity", "gzip"):
            raise ApiError(415, MALFORMED, "unsupported content encoding")
        inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS) if encoding == "gzip" else None
        parts: list[bytes] = []
        sent = inflated = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            chunk, more = message.get("body", b""), message.get("more_body", False)
            sent += len(chunk)
            if sent > MAX_BODY_SENT:
                raise ApiError(413, TOO_LARGE, "request body too large")
            if inflater is None:
                parts.append(chunk)
                continue
            inflated += _inflate(inflater, chunk, parts, MAX_BODY_INFLATED - inflated)
        if inflater is not None and not inflater.eof:
            raise ApiError(400, MALFORMED, "truncated gzip body")
        return b"".join(parts)


def _inflate(inflater: Any, data: bytes, parts: list[bytes], room: int) -> int:
    """Inflate ``data`` into ``parts``, never more than ``room`` bytes (+1 to notice)."""
    produced = 0
    try:
        while data and not inflater.eof:
            out = inflater.decompress(data, room - produced + 1)
            produced += len(out)
            if produced > room:
                raise ApiError(413, TOO_LARGE, "request body too large once inflated")
            parts.append(out)
            data = inflater.unconsumed_tail
    except zlib.error:
        raise ApiError(400, MALFORMED, "invalid gzip body") from None
    return produced
