"""HEAD support on every route that serves GET, and `Allow` headers that list it."""

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadMiddleware:
    """Serve HEAD as GET without the body.

    RFC 9110 requires a general-purpose server to support HEAD (section 9.1) with the header
    fields GET would send (section 9.3.2). FastAPI routes accept only the methods they declare,
    so without this a HEAD request gets 405. The inner app receives a GET, so ETag and
    Content-Length are those of the GET response. A 405 whose `Allow` lists GET also lists HEAD.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"

        async def send_response(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 405:
                message = {**message, "headers": _allow_head(message["headers"])}
            if head and message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b""}
            await send(message)

        inner_scope = {**scope, "method": "GET"} if head else scope
        await self.app(inner_scope, receive, send_response)


def _allow_head(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    result = []
    for name, value in headers:
        if name.lower() == b"allow":
            methods = [m.strip() for m in value.decode("latin-1").split(",") if m.strip()]
            if "GET" in methods and "HEAD" not in methods:
                methods.append("HEAD")
            value = ", ".join(sorted(methods)).encode("latin-1")
        result.append((name, value))
    return result
