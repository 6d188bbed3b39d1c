"""HTTP semantics shared by pages and the API: HEAD, Allow on 405, ETag and If-None-Match."""

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from harga.app import create_app
from tests.routes import api_routes
from tests.sample_data import populate

# A URL with the path and query parameters a route needs to return 200.
EXAMPLE_PATHS = {
    "/api/v1/models/{creator}/{name}": "/api/v1/models/openai/gpt-5.4-nano",
    "/models/{creator}/{name}": "/models/openai/gpt-5.4-nano",
    "/calculator.json": "/calculator.json?model=openai/gpt-5.4-nano&input=1000&at=2026-12-01",
}

# Bodies that differ between two requests, so their ETag and length do too.
CHANGING_BODIES = {"/api/v1/export/prices.json"}  # `generated_at` is the time of the request


@pytest.fixture(scope="module")
def app(module_engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    populate(module_engine, tmp_path_factory.mktemp("mirror"))
    return create_app(module_engine)


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def get_paths(app: FastAPI) -> list[str]:
    """Return a requestable URL for every GET route of the app."""
    paths = [r.path for r in api_routes(app) if "GET" in r.methods]
    return [EXAMPLE_PATHS.get(path, path) for path in paths]


def test_every_get_route_is_listed(app: FastAPI) -> None:
    paths = get_paths(app)

    assert "/" in paths
    assert "/api/v1/models" in paths
    assert "/api/v1/models/openai/gpt-5.4-nano" in paths
    assert all("{" not in path for path in paths), paths


def test_head_matches_get_on_every_route(app: FastAPI, client: TestClient) -> None:
    for path in get_paths(app):
        get = client.get(path)
        head = client.head(path)

        assert get.status_code == 200, path
        assert head.status_code == 200, path
        assert head.content == b"", path
        assert head.headers["etag"].startswith('W/"'), path
        for header in ("content-type", "cache-control"):
            assert head.headers.get(header) == get.headers.get(header), (path, header)
        if path not in CHANGING_BODIES:
            assert head.headers["content-length"] == get.headers["content-length"], path
            assert head.headers["etag"] == get.headers["etag"], path


@pytest.mark.parametrize(
    "path", ["/static/harga.css", "/api/v1/openapi.json", "/models/openai/no-such-model"]
)
def test_head_keeps_get_status(client: TestClient, path: str) -> None:
    get = client.get(path)
    head = client.head(path)

    assert head.status_code == get.status_code
    assert head.content == b""


def test_head_on_missing_model_is_404(client: TestClient) -> None:
    response = client.head("/api/v1/models/openai/no-such-model")

    assert response.status_code == 404
    assert response.content == b""
    assert response.headers["content-type"] == "application/json"


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("POST", "/api/v1/models", {"GET", "HEAD"}),
        ("DELETE", "/api/v1/sources", {"GET", "HEAD"}),
        ("PUT", "/", {"GET", "HEAD"}),
        ("GET", "/api/v1/cost", {"POST"}),
    ],
)
def test_405_carries_allow(client: TestClient, method: str, path: str, allowed: set[str]) -> None:
    response = client.request(method, path)

    assert response.status_code == 405
    assert {m.strip() for m in response.headers["allow"].split(",")} == allowed


def test_405_on_api_keeps_envelope(client: TestClient) -> None:
    response = client.post("/api/v1/models")

    assert response.json() == {
        "ok": False,
        "status": 405,
        "error": "Method Not Allowed",
        "errors": [],
    }


def etag_of(client: TestClient, path: str) -> str:
    etag = client.get(path).headers["etag"]
    assert etag.startswith('W/"'), etag
    return etag


@pytest.mark.parametrize(
    "template",
    [
        "{weak}",
        "{strong}",
        '"other", {strong}',
        'W/"other",{weak}',
        '"other"  ,  {strong}  ',
        "*",
        " * ",
    ],
)
def test_if_none_match_compares_weakly(client: TestClient, template: str) -> None:
    path = "/api/v1/models/openai/gpt-5.4-nano"
    weak = etag_of(client, path)
    header = template.format(weak=weak, strong=weak.removeprefix("W/"))

    response = client.get(path, headers={"If-None-Match": header})

    assert response.status_code == 304, header
    assert response.content == b""
    assert response.headers["etag"] == weak


@pytest.mark.parametrize("header", ['"other"', 'W/"other", "also-other"', "", "abc"])
def test_if_none_match_other_tag_is_200(client: TestClient, header: str) -> None:
    response = client.get("/api/v1/models/openai/gpt-5.4-nano", headers={"If-None-Match": header})

    assert response.status_code == 200
    assert response.json()["id"] == "openai/gpt-5.4-nano"


def test_if_none_match_on_head_is_304(client: TestClient) -> None:
    weak = etag_of(client, "/")

    response = client.head("/", headers={"If-None-Match": weak.removeprefix("W/")})

    assert response.status_code == 304
    assert response.headers["etag"] == weak


def test_if_none_match_on_error_is_error(client: TestClient) -> None:
    response = client.get("/api/v1/models/openai/no-such-model", headers={"If-None-Match": "*"})

    assert response.status_code == 404


# Values that broke parameter parsing or the database somewhere: NUL and other control
# characters, numbers pydantic reads loosely, huge exponents, invalid dates and lone separators.
HOSTILE_VALUES = [
    "%00",
    "a%00b",
    "%1F",
    "%C2%85",
    "0.0",
    "-1",
    "%2B5",
    "5_0",
    "1e1234567890",
    "99999999999999999999999",
    "0001-01-01",
    "2026-02-30",
    "%2F",
    "%3A",
    "%F0%9F%98%80",
    "%FF",
    "",
]
PAGE_PARAMETERS = {
    "/": ["q", "creator", "capability", "modality", "max_input_mtok", "min_context", "limit"],
    "/models.json": ["sort", "order", "offset"],
    "/models/openai/gpt-5.4-nano": ["currency"],
    "/compare": ["models", "currency"],
    "/compare.json": ["models"],
    "/calculator": ["model", "seller", "variant", "tier", "input", "at", "allow_incomplete"],
    "/calculator.json": ["model", "cached", "web_searches", "at", "currency"],
    "/changes": ["limit", "offset"],
    "/changes.json": ["limit"],
    "/discrepancies.json": ["offset"],
    "/api/v1/models": ["q", "max_input_mtok", "min_context"],
}


@pytest.mark.parametrize("path", list(PAGE_PARAMETERS))
def test_hostile_parameters_never_500(client: TestClient, path: str) -> None:
    for name in PAGE_PARAMETERS[path]:
        for value in HOSTILE_VALUES:
            base = "model=openai/gpt-5.4-nano&" if path.startswith("/calculator") else ""
            url = f"{path}?{base}{name}={value}"

            response = client.get(url)

            assert response.status_code < 500, url


@pytest.mark.parametrize("segment", ["%00", "a%00b", "%C2%85", "%FF", "%2F%2F", "x" * 300])
def test_hostile_model_path_never_500(client: TestClient, segment: str) -> None:
    for path in (
        f"/models/{segment}/x",
        f"/models/openai/{segment}",
        f"/models/openai/{segment}.json",
        f"/api/v1/models/openai/{segment}",
    ):
        response = client.get(path)

        assert response.status_code in (404, 422), path
