"""Request bodies are JSON within the size cap: a body that is neither gets a JSON error saying
what to send (Starlette's own 413 is plain text, and a body without ``Content-Type`` would
otherwise fail as "Input should be a valid dictionary")."""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

WITH_BODY = frozenset({"POST", "PUT", "PATCH"})


class JsonBodies:
    """A missing ``Content-Type`` is read as JSON (what every route takes); another type is 415;
    a declared ``Content-Length`` over the cap is 413 before anything is read, and a chunked body
    is cut with a 413 once it passes the cap (raised while the route reads it, so FastAPI's
    exception handling answers in JSON)."""

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.too_large = f"Content Too Large: a request body takes at most {max_body_bytes} bytes"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_body_bytes:
            await JSONResponse({"detail": self.too_large}, 413)(scope, receive, send)
            return
        kind = headers.get("content-type", "").split(";")[0].strip().lower()
        if scope["method"] in WITH_BODY and not kind:
            scope = {**scope, "headers": [*scope["headers"], (b"content-type", b"application/json")]}
        elif scope["method"] in WITH_BODY and kind != "application/json" and not kind.endswith("+json"):
            detail = f"send the body as JSON with Content-Type: application/json (got {kind})"
            await JSONResponse({"detail": detail}, 415)(scope, receive, send)
            return
        await self.app(scope, self._capped(receive), send)

    def _capped(self, receive: Receive) -> Receive:
        read = 0

        async def capped() -> Message:
            nonlocal read
            message = await receive()
            read += len(message.get("body", b""))
            if read > self.max_body_bytes:
                raise HTTPException(413, self.too_large)
            return message

        return capped
