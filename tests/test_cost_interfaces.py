"""Pricing through the JSON API, the calculator page and the CLI, on both databases.

The sample prices are those the real sources state for gpt-5.4-nano: USD 0.2 input, 0.02
cache read and 1.25 output per 1M tokens. OpenAI counts cached tokens inside the prompt, so
a prompt of 9,126 tokens with 4,864 cached and 3,197 output tokens costs
4,262 × 0.2 + 4,864 × 0.02 + 3,197 × 1.25 = 4,945.93 USD per 1M, that is 0.00494593 USD.
"""

from collections.abc import Iterator
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from harga.app import create_app
from harga.cli import main
from tests.sample_data import populate

USAGE = {"input_tokens": 9126, "cache_read_tokens": 4864, "output_tokens": 3197}
EXPECTED_TOTAL = Decimal("0.00494593")


@pytest.fixture(scope="module")
def client(module_engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    populate(module_engine, tmp_path_factory.mktemp("mirror"))
    with TestClient(create_app(module_engine), raise_server_exceptions=False) as test_client:
        yield test_client


def test_cli_api_and_page_agree(client: TestClient, module_engine: Engine) -> None:
    api = client.post("/api/v1/cost", json={"model": "openai/gpt-5.4-nano", "usage": USAGE})
    page = client.get(
        "/calculator?model=openai/gpt-5.4-nano&input=9126&cached=4864&output=3197&lang=en"
    )
    url = module_engine.url.render_as_string(hide_password=False)
    cli = CliRunner().invoke(
        main,
        [
            "calc",
            "openai/gpt-5.4-nano",
            "--input",
            "9126",
            "--cached",
            "4864",
            "--output",
            "3197",
            "--json",
            "--database-url",
            url,
        ],
    )

    assert api.status_code == 200
    assert Decimal(api.json()["total_usd"]) == EXPECTED_TOTAL
    total = BeautifulSoup(page.text, "html.parser").select_one("[data-total]")
    assert total is not None
    assert Decimal(total.get_text(strip=True)) == EXPECTED_TOTAL
    assert cli.exit_code == 0, cli.output
    assert '"total_usd": "0.00494593"' in cli.output


def test_api_lines_name_facts_and_evidence(client: TestClient) -> None:
    body = client.post("/api/v1/cost", json={"model": "openai/gpt-5.4-nano", "usage": USAGE}).json()

    lines = {line["dimension"]: line for line in body["requests"][0]["lines"]}
    assert lines["input"]["quantity"] == "4262"
    assert lines["input"]["cost_usd"] == "0.0008524"
    assert lines["cache_read"]["cost_usd"] == "0.00009728"
    assert lines["output"]["cost_usd"] == "0.00399625"
    assert lines["input"]["facts"][0]["evidence_ids"]


def test_workload_is_sum_of_requests(client: TestClient) -> None:
    requests = [
        {"model": "openai/gpt-5.4-nano", "usage": USAGE},
        {"model": "gpt-5.4-nano-2026-03-17", "usage": USAGE},
    ]

    body = client.post("/api/v1/cost", json={"requests": requests}).json()

    assert Decimal(body["total_usd"]) == 2 * EXPECTED_TOTAL
    assert [r["model_id"] for r in body["requests"]] == ["openai/gpt-5.4-nano"] * 2


def test_total_converted_to_rupiah(client: TestClient) -> None:
    body = client.post(
        "/api/v1/cost",
        json={"model": "openai/gpt-5.4-nano", "usage": USAGE, "currency": "IDR"},
    ).json()

    converted = body["converted"]
    # 0.00494593 USD × 20082.05 / 1.1684 IDR per USD, the ECB rates of 2026-04-13.
    assert (
        Decimal(converted["amount"])
        == (EXPECTED_TOTAL * Decimal("20082.05") / Decimal("1.1684"))
        .quantize(Decimal("1e-12"))
        .normalize()
    )
    assert converted["rate_date"] == "2026-04-13"


def test_unknown_model_lists_close_matches(client: TestClient) -> None:
    response = client.post("/api/v1/cost", json={"model": "gpt-5.4-nan", "usage": USAGE})

    assert response.status_code == 404
    body = response.json()
    assert body["error"].startswith("unknown model 'gpt-5.4-nan'")
    assert "close match: openai/gpt-5.4-nano" in [e["message"] for e in body["errors"]]


def test_missing_price_is_named_not_zero(client: TestClient) -> None:
    # OpenRouter counts cached tokens inside the prompt, as OpenAI does.
    usage = {"input_tokens": 3461000, "cache_read_tokens": 3460000}
    request = {"model": "openai/gpt-5.4-nano", "seller": "openrouter", "usage": usage}

    refused = client.post("/api/v1/cost", json=request)
    partial = client.post("/api/v1/cost", json={"requests": [request], "allow_incomplete": True})

    assert refused.status_code == 422
    assert "cache_read" in refused.json()["error"]
    assert "openrouter" in refused.json()["error"]
    body = partial.json()
    assert body["complete"] is False
    assert [m["dimension"] for m in body["requests"][0]["missing"]] == ["cache_read"]


@pytest.mark.parametrize(
    "body",
    [
        {"model": "openai/gpt-5.4-nano", "usage": {"input_tokens": -1}},
        {"model": "openai/gpt-5.4-nano", "usage": {"input_tokens": 1.5}},
        {"model": "openai/gpt-5.4-nano", "usage": {"input_tokens": "10"}},
        {"model": "openai/gpt-5.4-nano", "usage": {"teleport_tokens": 1}},
        {"model": "openai/gpt-5.4-nano", "usage": {"input_tokens": 10, "cache_read_tokens": 20}},
        {"model": "openai/gpt-5.4-nano", "usage": USAGE, "tier": "turbo"},
        {"model": "openai/gpt-5.4-nano", "usage": USAGE, "currency": "JPY"},
        {"requests": []},
        {},
    ],
)
def test_bad_bodies_are_422(client: TestClient, body: dict) -> None:
    response = client.post("/api/v1/cost", json=body)

    assert response.status_code == 422
    assert response.json()["ok"] is False


def test_calculator_page_shows_breakdown(client: TestClient) -> None:
    client.cookies.clear()
    response = client.get(
        "/calculator?model=openai/gpt-5.4-nano&input=9126&cached=4864&output=3197&currency=IDR"
    )
    soup = BeautifulSoup(response.text, "html.parser")

    rows = {row["data-dimension"]: row for row in soup.select("table.breakdown tbody tr")}
    assert set(rows) == {"input", "cache_read", "output"}
    assert rows["output"].select_one("[data-cost]").get_text(strip=True) == "0,00399625"
    assert rows["input"].select_one('a[href^="/models/openai/gpt-5.4-nano#evidence-"]')
    assert soup.select_one("[data-converted-total]") is not None


def test_calculator_page_unknown_model_message(client: TestClient) -> None:
    response = client.get("/calculator?model=gpt-5.4-nan&input=1&lang=en")

    assert response.status_code == 404
    assert "unknown model" in response.text
    assert "close match: openai/gpt-5.4-nano" in response.text


def test_calculator_json_twin(client: TestClient) -> None:
    twin = client.get(
        "/calculator.json?model=openai/gpt-5.4-nano&input=9126&cached=4864&output=3197"
    )

    assert Decimal(twin.json()["total_usd"]) == EXPECTED_TOTAL


def test_calculator_accepts_blank_form_fields(client: TestClient) -> None:
    query = (
        "model=openai%2Fgpt-5.4-nano&seller=&tier=standard&input=9126&cached=4864&cache_write="
        "&cache_write_1h=&output=3197&reasoning=&web_searches=&at=&currency=USD"
    )

    response = client.get(f"/calculator.json?{query}")

    assert response.status_code == 200
    assert Decimal(response.json()["total_usd"]) == EXPECTED_TOTAL


def test_calculator_rejects_long_model_text(client: TestClient) -> None:
    response = client.get("/calculator?model=" + "x" * 300)

    assert response.status_code == 422


# Ids with no name after the creator prefix and variant, which the id normalizer cannot read.
NAMELESS_IDS = ["", " ", "/", "//", " / ", ":", ":free", " :x", "/:", "\x00"]


@pytest.mark.parametrize("model", NAMELESS_IDS)
def test_cost_nameless_model_is_422(client: TestClient, model: str) -> None:
    single = client.post("/api/v1/cost", json={"model": model, "usage": USAGE})
    workload = client.post("/api/v1/cost", json={"requests": [{"model": model, "usage": USAGE}]})

    assert single.status_code == 422
    assert single.json()["ok"] is False
    assert workload.status_code == 422
    locations = [e["location"] for e in workload.json()["errors"]]
    assert "body.CostQuery.requests.0.model" in locations


@pytest.mark.parametrize("model", [m for m in NAMELESS_IDS if m.strip()])
def test_calculator_nameless_model_is_422(client: TestClient, model: str) -> None:
    response = client.get("/calculator.json", params={"model": model, "input": 1})
    page = client.get("/calculator", params={"model": model, "input": 1, "lang": "en"})

    assert response.status_code == 422
    assert [e["location"] for e in response.json()["errors"]] == ["query.model"]
    assert page.status_code == 422
    assert page.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("model", ["gpt-5.4-nano", "openai/gpt-5.4-nano:free"])
def test_ids_with_a_name_pass_validation(client: TestClient, model: str) -> None:
    response = client.post("/api/v1/cost", json={"model": model, "usage": USAGE})

    assert response.status_code in (200, 404), response.text


def test_whole_float_count_accepted(client: TestClient) -> None:
    whole = client.post(
        "/api/v1/cost", json={"model": "openai/gpt-5.4-nano", "usage": {"input_tokens": 9126.0}}
    )
    fraction = client.post(
        "/api/v1/cost", json={"model": "openai/gpt-5.4-nano", "usage": {"input_tokens": 1.5}}
    )

    assert whole.status_code == 200
    assert whole.json()["requests"][0]["prompt_tokens"] == 9126
    assert fraction.status_code == 422


@pytest.mark.parametrize(
    "usage",
    [
        {"input_tokens": 10**15 + 1},
        {"output_tokens": 10**30},
        {"input_tokens": 1e300},
        {"audio_seconds": 1e308},
        {"audio_seconds": "+1"},
        {"audio_seconds": "1000000000000000"},
    ],
)
def test_usage_beyond_bounds_is_422(client: TestClient, usage: dict[str, object]) -> None:
    response = client.post("/api/v1/cost", json={"model": "openai/gpt-5.4-nano", "usage": usage})

    assert response.status_code == 422
    assert response.json()["error"] == "invalid request parameters"


def test_usage_at_bound_is_priced(client: TestClient) -> None:
    counts = {"input_tokens": 10**15, "cache_read_tokens": 10**15, "output_tokens": 10**15}
    response = client.post("/api/v1/cost", json={"model": "openai/gpt-5.4-nano", "usage": counts})

    assert response.status_code == 200
    # 10**15 tokens × (0.02 + 1.25) USD per 1M tokens; the cached tokens are the whole prompt.
    assert response.json()["total_usd"] == "1270000000"


def test_seconds_as_decimal_string(client: TestClient) -> None:
    response = client.post(
        "/api/v1/cost",
        json={
            "model": "openai/gpt-5.4-nano",
            "usage": {"input_tokens": 1, "audio_seconds": "12.5"},
            "allow_incomplete": True,
        },
    )

    assert response.status_code == 200
    missing = response.json()["requests"][0]["missing"]
    assert [(m["dimension"], m["quantity"]) for m in missing] == [("audio_second", "12.5")]


@pytest.mark.parametrize("at", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"])
def test_time_outside_utc_range_is_422(client: TestClient, at: str) -> None:
    body = {"model": "openai/gpt-5.4-nano", "usage": {"input_tokens": 1}, "at": at}

    response = client.post("/api/v1/cost", json=body)

    assert response.status_code == 422
    messages = [e["message"] for e in response.json()["errors"]]
    assert "must be between years 1 and 9999 when converted to UTC" in messages


def test_unreadable_body_is_400(client: TestClient) -> None:
    response = client.post(
        "/api/v1/cost", content=b"\xff/?[\xfe", headers={"Content-Type": "application/json"}
    )

    assert response.status_code == 400
    assert response.json()["ok"] is False
    assert response.json()["status"] == 400
