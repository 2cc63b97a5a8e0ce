"""Defences of the web app against hostile article text and hostile web pages.

* Every response carries a Content-Security-Policy that runs only the app's
  own script files (no inline script, no other origin), plus nosniff,
  no-referrer and no framing. Templates autoescape; this is the second wall.
* A browser request that writes (POST, ...) from another site is refused, so
  a web page open in the same browser cannot post articles to the app.
* Request bodies are read with a byte cap before any parsing (413 above it).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from newsfuse.errors import Errors, NewsfuseError

APP_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
              "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
# The API page runs Swagger UI's one-line inline start-up script; it shows no article text.
DOCS_POLICY = APP_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
DOCS_PATHS = ("/docs",)
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
HEADERS = {
    b"x-content-type-options": b"nosniff",
    b"referrer-policy": b"no-referrer",
    b"x-frame-options": b"DENY",
    b"cross-origin-opener-policy": b"same-origin",
}


class BodyTooLarge(NewsfuseError):
    def __init__(self, limit: int):
        code = Errors.E030
        super().__init__(code.code, code.message(megabytes=limit / 1e6), code.exit_code)


class SecurityMiddleware:
    """ASGI middleware: security headers on every HTTP response; cross-site writes refused (403)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] not in SAFE_METHODS and is_cross_site(scope):
            await _refuse(send)
            return
        policy = (DOCS_POLICY if scope["path"] in DOCS_PATHS else APP_POLICY).encode()

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name, value) for name, value in HEADERS.items() if name not in names]
                if b"content-security-policy" not in names:
                    extra.append((b"content-security-policy", policy))
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def is_cross_site(scope: Scope) -> bool:
    """True when the browser says the request comes from another site (Sec-Fetch-Site or Origin vs Host).

    Requests without these headers (scripts, curl) are not browser cross-site requests.
    """
    headers = {name.decode("latin-1").lower(): value.decode("latin-1") for name, value in scope["headers"]}
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site not in ("same-origin", "none")
    origin = headers.get("origin")
    if origin is None:
        return False
    return origin == "null" or urlsplit(origin).netloc.lower() != headers.get("host", "").lower()


async def _refuse(send: Send) -> None:
    body = b'{"detail": "cross-site requests may not change this app; use the app\'s own pages or the API"}'
    await send({"type": "http.response.start", "status": 403,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


async def read_capped(request: Request, limit: int) -> bytes:
    """The request body, refused with :class:`BodyTooLarge` as soon as it passes `limit` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge(limit)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def replayed(request: Request, body: bytes) -> Request:
    """A copy of `request` whose body is `body` (already read and size-checked), for form parsing."""
    sent = False

    async def receive():
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return Request(request.scope, receive)


class HeadAsGet:
    """ASGI middleware: a HEAD request is answered as the GET would be, without the body.

    FastAPI routes answer GET only; monitors and link checkers send HEAD and would get 405.
    """

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)
