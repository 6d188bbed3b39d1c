"""The JSON API: documents, list parameters, the error envelope and caching headers."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from harga.app import create_app
from tests.sample_data import populate


@pytest.fixture(scope="module")
def client(module_engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    populate(module_engine, tmp_path_factory.mktemp("mirror"))
    with TestClient(create_app(module_engine), raise_server_exceptions=False) as test_client:
        yield test_client


def test_model_document_prices_and_evidence(client: TestClient) -> None:
    response = client.get("/api/v1/models/openai/gpt-5.4-nano")

    assert response.status_code == 200
    document = response.json()
    assert document["facts"]["context_window"]["value"] == 400000
    official = [o for o in document["offers"] if o["official"]]
    assert [o["seller"] for o in official] == ["openai"]
    standard = {p["dimension"]: p for p in official[0]["prices"] if p["conditions_key"] == ""}
    assert standard["input"]["amount"] == "0.2"
    assert standard["output"]["amount"] == "1.25"
    assert standard["cache_read"]["amount"] == "0.02"
    assert standard["input"]["unit"] == "per_mtok"
    assert standard["input"]["status"] == "corroborated"
    assert {e["source"] for e in standard["input"]["evidence"]} == {"alpha", "beta"}
    evidence = standard["input"]["evidence"][0]
    assert set(evidence) >= {"source", "url", "domain", "observed_at", "captured", "excerpt"}
    assert evidence["domain"] == "alpha.example.test"


def test_context_window_disagreement_listed(client: TestClient) -> None:
    document = client.get("/api/v1/models/openai/gpt-5.4-nano").json()

    context = [d for d in document["discrepancies"] if d["field"] == "context_window"]
    assert len(context) == 1
    values = {v["value"]: v["sources"] for v in context[0]["values"]}
    assert values == {400000: ["alpha", "gamma"], 1050000: ["beta"]}


def test_missing_price_is_pending_not_zero(client: TestClient) -> None:
    document = client.get("/api/v1/models/openai/gpt-5.4-nano").json()

    openrouter = next(o for o in document["offers"] if o["seller"] == "openrouter")
    cache_read = next(p for p in openrouter["prices"] if p["dimension"] == "cache_read")
    assert cache_read["state"] == "pending"
    assert cache_read["amount"] is None
    assert cache_read["evidence"] == []


def test_json_twin_equals_api_document(client: TestClient) -> None:
    api = client.get("/api/v1/models/openai/gpt-5.4-nano").json()
    twin = client.get("/models/openai/gpt-5.4-nano.json").json()

    assert twin == api


def test_list_paginates_with_total(client: TestClient) -> None:
    first = client.get("/api/v1/models?limit=2&offset=0").json()
    second = client.get("/api/v1/models?limit=2&offset=2").json()

    assert first["total"] == 4
    assert len(first["items"]) == 2
    assert len(second["items"]) == 2
    assert {i["id"] for i in first["items"]}.isdisjoint({i["id"] for i in second["items"]})


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("creator=openai", {"openai/gpt-5.4-nano", "openai/o3"}),
        ("q=nano", {"openai/gpt-5.4-nano"}),
        ("capability=tool_call", {"openai/gpt-5.4-nano"}),
        ("modality=image", {"openai/gpt-5.4-nano"}),
        ("min_context=300000", {"openai/gpt-5.4-nano"}),
        ("max_input_mtok=0.28", {"openai/gpt-5.4-nano", "deepseek/deepseek-chat"}),
        ("max_input_mtok=0.27", {"openai/gpt-5.4-nano"}),
    ],
)
def test_list_filters(client: TestClient, query: str, expected: set[str]) -> None:
    items = client.get(f"/api/v1/models?{query}").json()["items"]

    assert {i["id"] for i in items} == expected


def test_list_sorts_by_price_exactly(client: TestClient) -> None:
    ascending = client.get("/api/v1/models?sort=input&order=asc").json()["items"]
    descending = client.get("/api/v1/models?sort=input&order=desc").json()["items"]

    assert [i["input_mtok"] for i in ascending] == ["0.2", "0.28", "2", "15"]
    assert [i["input_mtok"] for i in descending] == ["15", "2", "0.28", "0.2"]


def test_history_keeps_dated_prices(client: TestClient) -> None:
    document = client.get("/api/v1/models/openai/o3").json()

    dated = [h for h in document["history"] if h["kind"] == "dated"]
    assert [(h["effective_from"], h["effective_to"], h["amount"]) for h in dated] == [
        (None, "2025-06-10", "10"),
        ("2025-06-10", None, "2"),
    ]


@pytest.mark.parametrize(
    "path",
    ["/api/v1/models/openai/no-such-model", "/models/openai/no-such-model.json"],
)
def test_unknown_model_is_404_envelope(client: TestClient, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 404
    assert response.json() == {
        "ok": False,
        "status": 404,
        "error": "model openai/no-such-model not found",
        "errors": [],
    }


@pytest.mark.parametrize(
    ("query", "location"),
    [
        ("limit=0", "query.limit"),
        ("limit=501", "query.limit"),
        ("offset=-1", "query.offset"),
        ("sort=price", "query.sort"),
        ("order=up", "query.order"),
        ("max_input_mtok=abc", "query.max_input_mtok"),
        ("max_input_mtok=NaN", "query.max_input_mtok"),
        ("min_context=-5", "query.min_context"),
    ],
)
def test_bad_parameter_is_422_envelope(client: TestClient, query: str, location: str) -> None:
    response = client.get(f"/api/v1/models?{query}")

    assert response.status_code == 422
    body = response.json()
    assert body["ok"] is False
    assert body["status"] == 422
    assert [e["location"] for e in body["errors"]] == [location]


def test_etag_answers_304(client: TestClient) -> None:
    first = client.get("/api/v1/models/openai/gpt-5.4-nano")
    etag = first.headers["etag"]

    second = client.get("/api/v1/models/openai/gpt-5.4-nano", headers={"If-None-Match": etag})

    assert first.headers["cache-control"] == "public, max-age=60"
    assert second.status_code == 304
    assert second.content == b""


def test_openapi_document_lists_endpoints(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()

    assert set(spec["paths"]) >= {
        "/api/v1/models",
        "/api/v1/models/{creator}/{name}",
        "/api/v1/sources",
    }
    assert "ErrorEnvelope" in spec["components"]["schemas"]


def test_sources_report_health(client: TestClient) -> None:
    items = client.get("/api/v1/sources").json()["items"]

    assert {i["id"] for i in items} == {"alpha", "beta", "gamma", "rates"}
    assert all(i["stale"] is False for i in items)
    assert all(i["last_success_at"] for i in items)


def test_blank_form_fields_mean_no_filter(client: TestClient) -> None:
    response = client.get("/api/v1/models?q=&creator=&max_input_mtok=&min_context=")

    assert response.status_code == 200
    assert response.json()["total"] == 4


def test_currency_conversion_shows_rate_and_date(client: TestClient) -> None:
    document = client.get("/api/v1/models/openai/gpt-5.4-nano?currency=IDR").json()

    converted = document["headline"]["input_converted"]
    # 0.2 USD × 20082.05 IDR/EUR ÷ 1.1684 USD/EUR = 3437.529955494693598...
    assert converted["amount"] == "3437.529955494694"
    assert converted["currency"] == "IDR"
    assert converted["rate_date"] == "2026-04-13"
    assert document["currency"] == "IDR"
    official = next(o for o in document["offers"] if o["official"])
    input_price = next(p for p in official["prices"] if p["dimension"] == "input")
    assert input_price["amount"] == "0.2"
    assert input_price["converted"]["amount"] == "3437.529955494694"


def test_unknown_currency_is_422(client: TestClient) -> None:
    response = client.get("/api/v1/models/openai/gpt-5.4-nano?currency=JPY")

    assert response.status_code == 422
    assert response.json()["errors"][0]["location"] == "query.currency"


def test_sort_by_name_ignores_case(client: TestClient) -> None:
    ascending = client.get("/api/v1/models?sort=name").json()["items"]
    descending = client.get("/api/v1/models?sort=name&order=desc").json()["items"]

    names = ["claude-opus-4.1", "deepseek-chat", "GPT-5.4 nano", "o3"]
    assert [i["name"] for i in ascending] == names
    assert [i["name"] for i in descending] == names[::-1]


@pytest.mark.parametrize(
    ("path", "location"),
    [
        ("/api/v1/models?q=%00abc", "query.q"),
        ("/api/v1/models?q=nano%1F", "query.q"),
        ("/api/v1/models?q=%C2%85nano", "query.q"),
        ("/api/v1/models?creator=open%00ai", "query.creator"),
        ("/api/v1/models?capability=tool_call%00", "query.capability"),
        ("/api/v1/models?modality=%7Fimage", "query.modality"),
        ("/api/v1/models/open%00ai/gpt-5.4-nano", "path.creator"),
        ("/api/v1/models/openai/gpt%00", "path.name"),
        ("/models/openai/gpt%00.json", "path.name"),
        ("/compare.json?models=openai/o3,%00", "query.models"),
        ("/calculator.json?model=openai/o3%00&input=1", "query.model"),
    ],
)
def test_control_characters_are_422(client: TestClient, path: str, location: str) -> None:
    response = client.get(path)

    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "invalid request parameters"
    assert [e["location"] for e in body["errors"]] == [location]
    assert "control characters" in body["errors"][0]["message"]


@pytest.mark.parametrize(
    "path", ["/models/open%00ai/gpt-5.4-nano", "/?q=%00abc", "/compare?models=%00"]
)
def test_control_characters_page_is_html_422(client: TestClient, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")


def test_search_without_control_characters(client: TestClient) -> None:
    assert client.get("/api/v1/models?q=abc").json()["total"] == 0
    assert client.get("/api/v1/models?q=nano").json()["total"] == 1


@pytest.mark.parametrize(
    ("query", "location"),
    [
        ("offset=0.0", "query.offset"),
        ("limit=%2B5", "query.limit"),
        ("limit=5_0", "query.limit"),
        ("min_context=1.5", "query.min_context"),
        ("max_input_mtok=-0", "query.max_input_mtok"),
        ("max_input_mtok=%2B1", "query.max_input_mtok"),
        ("max_input_mtok=1_0", "query.max_input_mtok"),
        ("max_input_mtok=1e1234567890", "query.max_input_mtok"),
    ],
)
def test_numbers_outside_documented_form_are_422(
    client: TestClient, query: str, location: str
) -> None:
    response = client.get(f"/api/v1/models?{query}")

    assert response.status_code == 422
    assert [e["location"] for e in response.json()["errors"]] == [location]


@pytest.mark.parametrize(
    ("query", "total"),
    [("max_input_mtok=.3", 2), ("max_input_mtok=2e0", 3), ("max_input_mtok=1e999", 4)],
)
def test_decimal_forms_accepted(client: TestClient, query: str, total: int) -> None:
    response = client.get(f"/api/v1/models?{query}")

    assert response.status_code == 200
    assert response.json()["total"] == total


def test_openapi_states_parameter_rules(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    parameters = {
        p["name"]: p["schema"] for p in spec["paths"]["/api/v1/models"]["get"]["parameters"]
    }

    assert parameters["limit"]["minimum"] == 1
    assert parameters["limit"]["maximum"] == 500
    assert "ge" not in parameters["limit"]
    assert parameters["q"]["pattern"] == "^[^\\x00-\\x1f\\x7f-\\x9f]*$"
    assert parameters["max_input_mtok"]["anyOf"][0]["pattern"].startswith("^(?:")
