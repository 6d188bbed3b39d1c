"""The one JSON error envelope, and HTML error pages for page requests."""

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from harga.api.schemas import ErrorDetail, ErrorEnvelope

log = logging.getLogger("harga.web")


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path.endswith(".json")


class ModelNotFound(StarletteHTTPException):
    """A model id that names no published model, which pages name in the reader's language."""

    def __init__(self, model_id: str) -> None:
        super().__init__(404, f"model {model_id} not found")
        self.model_id = model_id


@dataclass(frozen=True)
class Problem:
    """One invalid value, for the HTML error page.

    `kind` and `context` are pydantic's error type and context, which the page uses to
    translate `message`. They are empty for errors that did not come from pydantic.
    """

    location: str
    message: str
    kind: str = ""
    context: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PageError:
    """The content of an HTML error page under its translated title and lead sentence."""

    detail: str | None = None
    model_id: str | None = None
    problems: list[Problem] = field(default_factory=list)


def error_response(
    request: Request,
    status: int,
    message: str,
    details: list[ErrorDetail],
    headers: Mapping[str, str] | None = None,
    page: PageError | None = None,
) -> Response:
    """Build the error envelope, or the HTML error page for a page request.

    The envelope carries the English `message` and `details`. The page shows `page`, which
    defaults to `message` and `details` as they are. `headers` are sent with either, so a 405
    keeps its `Allow` and a 401 its `WWW-Authenticate`.
    """
    if wants_json(request):
        envelope = ErrorEnvelope(status=status, error=message, errors=details)
        return JSONResponse(envelope.model_dump(), status_code=status, headers=headers)
    from harga.web.rendering import render_error

    if page is None:
        problems = [Problem(d.location, d.message) for d in details]
        page = PageError(detail=message, problems=problems)
    html = render_error(request, status, page)
    return HTMLResponse(html, status_code=status, headers=headers)


def _standard_phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        message = str(error.detail)
        if isinstance(error, ModelNotFound):
            page = PageError(model_id=error.model_id)
        elif message == _standard_phrase(error.status_code):
            page = PageError()  # the page's translated title states the same phrase
        else:
            page = PageError(detail=message)
        return error_response(
            request, error.status_code, message, [], headers=error.headers, page=page
        )

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError) -> Response:
        problems = [
            Problem(
                location=".".join(str(p) for p in item["loc"]),
                message=item["msg"],
                kind=item.get("type", ""),
                context=item.get("ctx") or {},
            )
            for item in error.errors()
        ]
        details = [ErrorDetail(location=p.location, message=p.message) for p in problems]
        page = PageError(problems=problems)
        return error_response(request, 422, "invalid request parameters", details, page=page)

    from harga.api.cost_routes import PricingFailed

    @app.exception_handler(PricingFailed)
    async def pricing_error(request: Request, error: PricingFailed) -> Response:
        return error_response(request, error.status, str(error.error), error.details)

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, error: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        message = "internal error; the request was logged"
        return error_response(request, 500, message, [], page=PageError())
