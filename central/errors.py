"""The one error the endpoints raise: an HTTP status and a protocol error code."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    def __init__(self, status: int, code: str, detail: str = "", **extra: Any) -> None:
        super().__init__(code)
        self.status, self.code, self.detail, self.extra = status, code, detail, extra

    def body(self) -> dict[str, Any]:
        from central.protocol import PROTOCOL

        return {"protocol": PROTOCOL, "error": self.code, "detail": self.detail, **self.extra}
