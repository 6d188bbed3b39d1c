"""The one JSON error envelope, and HTML error pages for page requests."""

import logging
from collections.abc import Mapping

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from harga.api.schemas import ErrorDetail, ErrorEnvelope

log = logging.getLogger("harga.web")


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path.endswith(".json")


def error_response(
    request: Request,
    status: int,
    message: str,
    details: list[ErrorDetail],
    headers: Mapping[str, str] | None = None,
) -> Response:
    """Build the error envelope, or the HTML error page for a page request.

    `headers` are sent with either, so a 405 keeps its `Allow` and a 401 its `WWW-Authenticate`.
    """
    if wants_json(request):
        envelope = ErrorEnvelope(status=status, error=message, errors=details)
        return JSONResponse(envelope.model_dump(), status_code=status, headers=headers)
    from harga.web.rendering import render_error

    html = render_error(request, status, message, details)
    return HTMLResponse(html, status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        return error_response(
            request, error.status_code, str(error.detail), [], headers=error.headers
        )

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError) -> Response:
        details = [
            ErrorDetail(location=".".join(str(p) for p in item["loc"]), message=item["msg"])
            for item in error.errors()
        ]
        return error_response(request, 422, "invalid request parameters", details)

    from harga.api.cost_routes import PricingFailed

    @app.exception_handler(PricingFailed)
    async def pricing_error(request: Request, error: PricingFailed) -> Response:
        return error_response(request, error.status, str(error.error), error.details)

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, error: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(request, 500, "internal error; the request was logged", [])
