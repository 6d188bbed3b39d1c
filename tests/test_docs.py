"""docs/api.md names every route of the API and every page."""

import re
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from harga.app import create_app
from tests.routes import app_routes

API_DOC = Path(__file__).resolve().parent.parent / "docs" / "api.md"
# Routes that are not pages or API endpoints, so the API document does not list them.
UNDOCUMENTED = {"/favicon.ico"}


def documented(text: str, method: str, path: str) -> bool:
    """Tell whether `text` names the method and path, with any name in each `{parameter}`."""
    pattern = re.escape(f"{method} {path}")
    pattern = re.sub(r"\\\{[^}]*\\\}", r"\\{[a-z_]+\\}", pattern)
    return re.search(pattern, text) is not None


def route_list() -> list[tuple[str, str]]:
    app = create_app(create_engine("sqlite://"), base_url="")
    pairs = set()
    for route in app_routes(app):
        for method in route.methods - {"HEAD"}:
            pairs.add((method, route.path))
    return sorted(pairs)


ROUTES = route_list()


def test_routes_found() -> None:
    assert ("GET", "/api/v1/models") in ROUTES
    assert ("POST", "/api/v1/cost") in ROUTES
    assert ("GET", "/api/v1/openapi.json") in ROUTES
    assert ("GET", "/changes.atom") in ROUTES


@pytest.mark.parametrize(("method", "path"), [(m, p) for m, p in ROUTES if p.startswith("/api/v1")])
def test_api_route_documented(method: str, path: str) -> None:
    assert documented(API_DOC.read_text(), method, path), f"docs/api.md lacks `{method} {path}`"


@pytest.mark.parametrize(
    "path",
    [p for m, p in ROUTES if m == "GET" and not p.startswith("/api/") and p not in UNDOCUMENTED],
)
def test_page_documented(path: str) -> None:
    text = API_DOC.read_text()
    page = re.sub(r"\{[^}]*\}", "{x}", path)
    names = {re.sub(r"\{[^}]*\}", "{x}", m) for m in re.findall(r"`(/[^`?]*)", text)}

    assert page in names, f"docs/api.md names no page `{path}`"


def test_documented_matches_placeholders() -> None:
    assert documented("`GET /api/v1/models/{creator}/{model}`", "GET", "/api/v1/models/{a}/{b}")
    assert not documented("`GET /api/v1/models`", "GET", "/api/v1/sources")
    assert not documented("`GET /api/v1/models`", "POST", "/api/v1/models")
