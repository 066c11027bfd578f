"""A relay between desktops and a real central that can lose one push's answer: the request
reaches the central, which commits and answers, and the relay then closes the desktop's
connection instead of passing the answer on (a network lost at the worst moment). It can
also hold the answer back, so a test can kill the desktop while it waits for it."""

from __future__ import annotations

import http.client
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

PUSH_PATH = "/api/v1/sync/push"
HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "host", "content-length"}


class _Relay(BaseHTTPRequestHandler):
    server: AnswerDropRelay
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet test output
        pass

    def do_GET(self) -> None:
        self._relay()

    def do_POST(self) -> None:
        self._relay()

    def _relay(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_HEADERS}
        central = http.client.HTTPConnection(self.server.host, self.server.port, timeout=60)
        try:
            central.request(self.command, self.path, body=body or None, headers=headers)
            answer = central.getresponse()
            payload = answer.read()
        finally:
            central.close()
        if self.path.startswith(PUSH_PATH) and self.server.take_drop():
            self.close_connection = True  # committed over there; nothing comes back here
            return
        if self.path.startswith(PUSH_PATH) and self.server.take_hold():
            self.server.holding.set()  # committed over there; the desktop still waits
            self.server.released.wait(60)
            self.close_connection = True
            return
        self.send_response(answer.status)
        for name, value in answer.getheaders():
            if name.lower() not in HOP_HEADERS:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


class AnswerDropRelay(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, central_url: str) -> None:
        super().__init__(("127.0.0.1", 0), _Relay)
        target = urlsplit(central_url)
        self.host, self.port = target.hostname or "127.0.0.1", target.port or 80
        self.url = f"http://127.0.0.1:{self.server_address[1]}"
        self._lock = threading.Lock()
        self._drops = 0
        self._holds = 0
        self.dropped = 0  # answers lost so far
        self.holding = threading.Event()  # a push answer is being held back now
        self.released = threading.Event()
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)
        self._thread.start()

    def drop_next_push_answer(self) -> None:
        with self._lock:
            self._drops = 1

    def hold_next_push_answer(self) -> None:
        with self._lock:
            self._holds = 1

    def take_hold(self) -> bool:
        with self._lock:
            if not self._holds:
                return False
            self._holds -= 1
            return True

    def disarm(self) -> None:
        with self._lock:
            self._drops = 0

    def take_drop(self) -> bool:
        with self._lock:
            if not self._drops:
                return False
            self._drops -= 1
            self.dropped += 1
            return True

    def close(self) -> None:
        self.released.set()
        self.shutdown()
        self.server_close()
