"""The API reference page: every OpenAPI operation, served with no external resource."""

from collections.abc import Iterator

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from harga.app import create_app
from harga.web.api_docs import type_text
from tests.sample_data import populate


@pytest.fixture(scope="module")
def client(module_engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    populate(module_engine, tmp_path_factory.mktemp("mirror"))
    with TestClient(create_app(module_engine), raise_server_exceptions=False) as test_client:
        yield test_client


def docs_page(client: TestClient, query: str = "?lang=en") -> BeautifulSoup:
    response = client.get(f"/api/v1/docs{query}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    return BeautifulSoup(response.text, "html.parser")


def test_docs_list_every_operation(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    soup = docs_page(client)

    headings = {h.get_text(" ", strip=True) for h in soup.select("section.api-operation h2")}
    expected = {
        f"{method.upper()} {path}" for path, item in spec["paths"].items() for method in item
    }
    assert expected
    assert headings == expected


def test_docs_load_nothing_external(client: TestClient) -> None:
    soup = docs_page(client)

    assert soup.select("script") == []
    sources = [str(tag.get("src") or tag.get("href")) for tag in soup.select("[src], link[href]")]
    assert sources
    assert all(source.startswith("/") for source in sources), sources


def test_docs_show_parameters(client: TestClient) -> None:
    soup = docs_page(client)

    section = soup.select_one("section.api-operation#list_models_api_v1_models_get")
    assert section is not None
    rows = {
        row.select("td")[0].get_text(strip=True): [
            td.get_text(" ", strip=True) for td in row.select("td")
        ]
        for row in section.select("table.api-fields tbody tr")
    }
    assert rows["limit"][1:5] == ["query", "integer, ≥ 1, ≤ 500", "no", "50"]
    assert rows["sort"][2] == "SortKey"


def test_docs_show_cost_request_body(client: TestClient) -> None:
    soup = docs_page(client)

    section = soup.select_one("section.api-operation#post_cost_api_v1_cost_post")
    assert section is not None
    assert "application/json: CostQuery | SingleCostQuery" in section.get_text(" ", strip=True)


def test_docs_page_translated(client: TestClient) -> None:
    indonesian = docs_page(client, "?lang=id")
    chinese = docs_page(client, "?lang=zh")

    assert indonesian.h1 is not None and "Referensi API" in indonesian.h1.get_text()
    assert chinese.h1 is not None and "API 参考" in chinese.h1.get_text()


def test_swagger_ui_not_served(client: TestClient) -> None:
    response = client.get("/api/v1/docs")

    assert "swagger-ui" not in response.text
    assert "cdn.jsdelivr.net" not in response.text


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ({"type": "string"}, "string"),
        ({"$ref": "#/components/schemas/Price"}, "Price"),
        ({"type": "array", "items": {"$ref": "#/components/schemas/Offer"}}, "list of Offer"),
        ({"anyOf": [{"type": "integer"}, {"type": "null"}]}, "integer | null"),
        ({"type": "integer", "minimum": 1, "maximum": 500}, "integer, ≥ 1, ≤ 500"),
        ({"type": "string", "format": "date-time"}, "string (date-time)"),
        ({"enum": ["asc", "desc"], "type": "string"}, "one of `asc`, `desc`"),
        ({"type": "object", "additionalProperties": {"type": "string"}}, "object of string"),
        ({}, "any"),
    ],
)
def test_type_text(schema: dict[str, object], expected: str) -> None:
    assert type_text(schema) == expected
