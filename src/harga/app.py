"""The ASGI application: pages, the JSON API, error handling and caching headers."""

import os
from urllib.parse import urlsplit

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine

from harga import __version__
from harga.api.cost_routes import router as cost_router
from harga.api.errors import install_error_handlers
from harga.api.price_book import PriceBookCache
from harga.api.routes import router as api_router
from harga.storage.engine import make_sessionmaker
from harga.web.api_docs import router as api_docs_router
from harga.web.caching import ETagMiddleware
from harga.web.calculator import router as calculator_router
from harga.web.feed_routes import router as feed_router
from harga.web.head import HeadMiddleware
from harga.web.rendering import TEMPLATES
from harga.web.routes import router as page_router

STATIC = TEMPLATES.parent / "static"


def create_app(engine: Engine, base_url: str | None = None) -> FastAPI:
    """Build the app on a database engine.

    `base_url` is the public URL of the site, such as `https://harga.example`, for the links
    of the Atom feed. It defaults to `HARGA_BASE_URL`, and when that is unset the feed's links
    are relative to the site root.
    """
    app = FastAPI(
        title="harga",
        version=__version__,
        description="Public LLM API prices with the evidence behind every number.",
        openapi_url="/api/v1/openapi.json",
        # Swagger UI loads its scripts from a CDN, so /api/v1/docs is served by web.api_docs.
        docs_url=None,
        redoc_url=None,
    )
    app.state.sessions = make_sessionmaker(engine)
    app.state.base_url = public_base_url(
        os.environ.get("HARGA_BASE_URL", "") if base_url is None else base_url
    )
    app.state.price_books = PriceBookCache()
    install_error_handlers(app)
    app.include_router(api_router)
    app.include_router(cost_router)
    app.include_router(page_router)
    app.include_router(feed_router)
    app.include_router(calculator_router)
    app.include_router(api_docs_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(ETagMiddleware)
    # Added last, so it is outermost and the ETag middleware receives a HEAD request as GET.
    app.add_middleware(HeadMiddleware)
    return app


def public_base_url(value: str) -> str:
    """Return an absolute http(s) URL without its trailing slash, or "" for none.

    Raises ValueError for anything else, so a typo stops the server at start-up instead of
    publishing broken links.
    """
    value = value.strip().rstrip("/")
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(
            f"invalid HARGA_BASE_URL {value!r}: expected an absolute http or https URL with no "
            "query or fragment, such as https://harga.example"
        )
    return value
