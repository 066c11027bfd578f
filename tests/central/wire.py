"""A small HTTP client over http.client (httpx is not among the project's dependencies):
enough to drive the central as a desktop does, and to send what a desktop never would."""

from __future__ import annotations

import gzip
import http.client
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit


@dataclass
class Response:
    status_code: int
    headers: dict[str, str]
    content: bytes

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")

    def json(self) -> Any:
        return json.loads(self.content)


class Client:
    def __init__(self, base_url: str, headers: dict[str, str] | None = None,
                 timeout: float = 60) -> None:
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.headers, self.timeout = dict(headers or {}), timeout

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *_exc: object) -> None:
        pass

    def request(self, method: str, path: str, json_body: Any = None,
                content: bytes | Iterable[bytes] | None = None,
                headers: dict[str, str] | None = None,
                params: dict[str, Any] | None = None) -> Response:
        all_headers = {**self.headers, **(headers or {})}
        if json_body is not None:
            content = json.dumps(json_body).encode("utf-8")
            all_headers.setdefault("Content-Type", "application/json")
        if params:
            path = f"{path}?{urlencode(params)}"
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            # An iterable body goes chunked, without a Content-Length: the central must
            # count as it reads.
            connection.request(method, path, body=content, headers=all_headers,
                               encode_chunked=content is not None
                               and not isinstance(content, bytes))
            answer = connection.getresponse()
            body = answer.read()
            response_headers = {k.lower(): v for k, v in answer.getheaders()}
        finally:
            connection.close()
        if response_headers.get("content-encoding") == "gzip":
            body = gzip.decompress(body)
        return Response(answer.status, response_headers, body)

    def get(self, path: str, **kwargs: Any) -> Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, json: Any = None, **kwargs: Any) -> Response:
        return self.request("POST", path, json_body=json, **kwargs)
