"""Price discrepancies in the API: the currency under its own key, and no currency as `value`."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from harga.app import create_app
from harga.domain.money import SourceUnit
from harga.domain.observation import Observation, price
from harga.pipeline.runner import run_collection
from harga.storage.engine import make_sessionmaker
from harga.views.discrepancies import position_fields
from tests.fakes import StaticCollector, context_window, usd_mtok, write_source_file


def cny_mtok(source: str, model: str, seller: str, dimension: str, amount: str) -> Observation:
    excerpt = f'"{model}" › "{dimension}": {amount} CNY'
    return price(
        source,
        model,
        seller,
        dimension,
        amount,
        Decimal(amount),
        SourceUnit.PER_MTOK,
        excerpt,
        currency="CNY",
    )


@pytest.fixture
def client(fresh_engine: Engine, tmp_path: Path) -> TestClient:
    # Two sources state 1.25 USD for the output price and one states 1.3 USD, so 1.25 is
    # published and the disagreement is listed. One more states the input price in CNY.
    collectors = [
        StaticCollector(
            "alpha",
            [
                usd_mtok("alpha", "gpt-5.4-nano", "openai", "input", "0.2"),
                usd_mtok("alpha", "gpt-5.4-nano", "openai", "output", "1.25"),
                context_window("alpha", "gpt-5.4-nano", "openai", 400000),
            ],
        ),
        StaticCollector(
            "beta",
            [
                usd_mtok("beta", "gpt-5.4-nano", "openai", "input", "0.2"),
                usd_mtok("beta", "gpt-5.4-nano", "openai", "output", "1.25"),
                context_window("beta", "gpt-5.4-nano", "openai", 1050000),
            ],
        ),
        StaticCollector(
            "gamma",
            [
                cny_mtok("gamma", "gpt-5.4-nano", "openai", "input", "1.45"),
                usd_mtok("gamma", "gpt-5.4-nano", "openai", "output", "1.3"),
                context_window("gamma", "gpt-5.4-nano", "openai", 400000),
            ],
        ),
    ]
    for collector in collectors:
        write_source_file(tmp_path, collector.source_id, collector.source_id)
    sessions = make_sessionmaker(fresh_engine)
    run_collection(sessions, collectors, tmp_path, today=date(2026, 12, 4))
    return TestClient(create_app(fresh_engine), raise_server_exceptions=False)


def price_discrepancy(items: list[dict[str, object]], field: str) -> dict[str, object]:
    matches = [d for d in items if d["kind"] == "price" and d["field"] == field]
    assert len(matches) == 1, items
    return matches[0]


def test_model_document_price_discrepancy(client: TestClient) -> None:
    document = client.get("/api/v1/models/openai/gpt-5.4-nano").json()

    output = price_discrepancy(document["discrepancies"], "output")
    values = output["values"]
    assert isinstance(values, list)
    assert [(v["amount"], v["currency"], v["value"]) for v in values] == [
        ("1.25", "USD", None),
        ("1.3", "USD", None),
    ]
    assert [v["sources"] for v in values] == [["alpha", "beta"], ["gamma"]]


def test_cny_position_keeps_its_currency(client: TestClient) -> None:
    document = client.get("/api/v1/models/openai/gpt-5.4-nano").json()

    values = price_discrepancy(document["discrepancies"], "input")["values"]
    assert isinstance(values, list)
    assert {(v["amount"], v["currency"]) for v in values} == {("0.2", "USD"), ("1.45", "CNY")}
    assert all(v["value"] is None for v in values)


def test_fact_discrepancy_keeps_value(client: TestClient) -> None:
    document = client.get("/api/v1/models/openai/gpt-5.4-nano").json()

    context = [d for d in document["discrepancies"] if d["field"] == "context_window"]
    assert len(context) == 1
    values = context[0]["values"]
    assert [(v["value"], v["currency"], v["amount"]) for v in values] == [
        (400000, None, None),
        (1050000, None, None),
    ]


def test_discrepancy_list_price_position(client: TestClient) -> None:
    listing = client.get("/api/v1/discrepancies").json()

    output = price_discrepancy(listing["items"], "output")
    values = output["values"]
    assert isinstance(values, list)
    assert [(v["amount"], v["currency"], v["value"]) for v in values] == [
        ("1.25", "USD", None),
        ("1.3", "USD", None),
    ]
    assert all(isinstance(v["observation_ids"], list) for v in values)


def test_pages_show_amount_with_currency(client: TestClient) -> None:
    model_page = client.get("/models/openai/gpt-5.4-nano?lang=en").text
    list_page = client.get("/discrepancies?lang=en").text

    assert "1.3 USD" in model_page
    assert "1.45 CNY" in model_page
    assert "1.3 USD" in list_page


@pytest.mark.parametrize(
    ("stored", "currency"),
    [
        ({"state": "priced", "amount": "1.5", "value": "USD"}, "USD"),
        ({"state": "priced", "amount": "1.5", "value": "USD", "currency": "USD"}, "USD"),
        ({"state": "priced", "amount": "1.5", "value": None, "currency": "CNY"}, "CNY"),
        ({"state": "not_offered", "amount": None, "value": None}, None),
    ],
)
def test_price_position_stored_forms(stored: dict[str, object], currency: str | None) -> None:
    fields = position_fields("price", {**stored, "sources": ["a"], "observation_ids": [1]})

    assert fields["currency"] == currency
    assert fields["value"] is None
    assert fields["sources"] == ["a"]
    assert fields["observation_ids"] == [1]
