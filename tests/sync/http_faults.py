"""A small HTTP server in a thread that answers as a test tells it to, faults included
(a connection dropped mid-answer, an answer that never comes, a gzip bomb, error bodies).
It stands for HTTP behaviour, not for the central: the real central is tested elsewhere."""

from __future__ import annotations

import gzip
import json
import socket
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Reply = Callable[["FaultHandler"], None]


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes  # as sent (maybe gzipped)

    def json(self) -> Any:
        raw = self.body
        if self.headers.get("content-encoding") == "gzip":
            raw = gzip.decompress(raw)
        return json.loads(raw)


class FaultHandler(BaseHTTPRequestHandler):
    server: FaultServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet test output
        pass

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.server.received.append(Received(
            self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body))
        route = self.path.split("?")[0]
        reply = self.server.replies.get((self.command, route))
        if reply is None:
            self.send_json(404, {"error": "not_found"})
        else:
            reply(self)

    do_GET = do_POST = _handle

    # -- what a reply can do ----------------------------------------------------------------

    def send_bytes(self, status: int, body: bytes, headers: dict[str, str] | None = None,
                   ) -> None:
        self.send_response(status)
        for name, value in {"Content-Type": "application/json", **(headers or {})}.items():
            self.send_header(name, value)
        if "Content-Length" not in (headers or {}):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    def send_until_close(self, status: int, body: bytes) -> None:
        """An answer without a length: the body ends when the connection closes."""
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()
        self.close_connection = True

    def send_json(self, status: int, data: Any, gzipped: bool = False) -> None:
        body = json.dumps(data).encode()
        if gzipped:
            self.send_bytes(status, gzip.compress(body), {"Content-Encoding": "gzip"})
        else:
            self.send_bytes(status, body)

    def drop(self) -> None:
        """Close the connection at once, hard (RST), without a word."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                   b"\x01\x00\x00\x00\x00\x00\x00\x00")
        self.close_connection = True
        self.connection.close()


class FaultServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        super().__init__(("127.0.0.1", 0), FaultHandler)
        self.replies: dict[tuple[str, str], Reply] = {}
        self.received: list[Received] = []
        self.release = threading.Event()  # replies that wait, wait for this
        if tls is not None:
            self.socket = tls.wrap_socket(self.socket, server_side=True)
        self.scheme = "https" if tls is not None else "http"
        self._thread = threading.Thread(target=self.serve_forever, args=(0.02,),
                                        daemon=True)

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.server_address[1]}"

    def on(self, method: str, path: str, reply: Reply) -> None:
        self.replies[(method, path)] = reply

    def start(self) -> FaultServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self.shutdown()
        self.server_close()
