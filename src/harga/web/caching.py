"""ETag and Cache-Control on successful GET responses, so a CDN or browser can reuse them."""

import hashlib
import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Published data changes once per collection run, so a minute of caching is safe and cheap.
CACHE_CONTROL = "public, max-age=60"
# One entity-tag of an If-None-Match list, with group 1 the opaque tag without its quotes. The
# quotes delimit each tag, because a tag may itself contain a comma (RFC 9110 section 8.8.3).
ENTITY_TAG = re.compile(r'(?:W/)?"([^"]*)"')


class ETagMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        messages: list[Message] = []

        async def buffer(message: Message) -> None:
            messages.append(message)

        await self.app(scope, receive, buffer)
        await self._send_cached(scope, messages, send)

    async def _send_cached(self, scope: Scope, messages: list[Message], send: Send) -> None:
        start = messages[0]
        if start["type"] != "http.response.start" or start["status"] != 200:
            for message in messages:
                await send(message)
            return
        body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
        etag = f'W/"{hashlib.sha256(body).hexdigest()[:32]}"'
        headers = [
            (k, v) for k, v in start["headers"] if k.lower() not in (b"etag", b"cache-control")
        ]
        headers += [(b"etag", etag.encode()), (b"cache-control", CACHE_CONTROL.encode())]
        if _matches(scope, etag):
            kept = [(k, v) for k, v in headers if k.lower() != b"content-length"]
            await send({"type": "http.response.start", "status": 304, "headers": kept})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _matches(scope: Scope, etag: str) -> bool:
    """Tell whether If-None-Match names the response's ETag.

    If-None-Match uses the weak comparison (RFC 9110 section 13.1.2), so `"abc"` matches
    `W/"abc"`. The field is `*`, which matches any representation, or a list of tags that may
    span several header lines.
    """
    values = [v.decode("latin-1") for k, v in scope["headers"] if k == b"if-none-match"]
    if not values:
        return False
    if any(v.strip() == "*" for v in values):
        return True
    current = _opaque_tag(etag)
    return any(tag == current for v in values for tag in ENTITY_TAG.findall(v))


def _opaque_tag(etag: str) -> str:
    return etag.removeprefix("W/").strip('"')
