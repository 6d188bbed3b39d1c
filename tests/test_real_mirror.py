"""The whole pipeline on the real source files of the mirror folder, on both databases.

Expected figures are read from the source files themselves. For gpt-5.4-nano, genai-prices,
LiteLLM, llm-prices and models.dev state input 0.2, output 1.25 and cache read 0.02 USD per
1M tokens. genai-prices and models.dev state a 400,000-token context window, LiteLLM 1,050,000.
"""

import json
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from harga.app import create_app
from harga.collectors import all_collectors
from harga.pipeline.runner import RunReport, run_collection
from harga.storage.engine import make_sessionmaker
from harga.storage.tables import ObservationRow

pytestmark = pytest.mark.mirror

SOURCES = {"ecb", "llm-prices", "genai-prices", "litellm", "models-dev", "openrouter"}
NANO = "/api/v1/models/openai/gpt-5.4-nano"


@pytest.fixture(scope="module")
def first_run(module_engine: Engine, mirror_dir: Path) -> RunReport:
    return run_collection(make_sessionmaker(module_engine), all_collectors(), mirror_dir)


@pytest.fixture(scope="module")
def client(module_engine: Engine, first_run: RunReport) -> Iterator[TestClient]:
    with TestClient(create_app(module_engine), raise_server_exceptions=False) as test_client:
        yield test_client


def official_standard(document: dict) -> dict[str, dict]:
    official = [o for o in document["offers"] if o["official"]]
    assert [o["seller"] for o in official] == ["openai"]
    return {p["dimension"]: p for p in official[0]["prices"] if p["conditions_key"] == ""}


def test_every_source_publishes(first_run: RunReport) -> None:
    assert {s.source for s in first_run.sources} >= SOURCES
    assert first_run.failed == []
    assert first_run.models > 1000


def test_nano_official_prices(client: TestClient) -> None:
    prices = official_standard(client.get(NANO).json())

    assert prices["input"]["amount"] == "0.2"
    assert prices["output"]["amount"] == "1.25"
    assert prices["cache_read"]["amount"] == "0.02"
    for dimension in ("input", "output", "cache_read"):
        assert prices[dimension]["unit"] == "per_mtok"
        assert prices[dimension]["state"] == "priced"
        sources = {e["source"] for e in prices[dimension]["evidence"]}
        assert sources == {"genai-prices", "litellm", "llm-prices", "models-dev"}


def test_nano_evidence_rows_carry_what_was_read(client: TestClient) -> None:
    prices = official_standard(client.get(NANO).json())

    litellm = [e for e in prices["input"]["evidence"] if e["source"] == "litellm"]
    assert {e["upstream_model_id"] for e in litellm} == {"gpt-5.4-nano", "gpt-5.4-nano-2026-03-17"}
    assert {e["captured"] for e in litellm} == {"2e-07"}
    assert all(e["domain"] == "raw.githubusercontent.com" for e in litellm)
    assert all(e["observed_at"].startswith("2026-07-24") for e in litellm)
    assert all("input_cost_per_token" in e["excerpt"] for e in litellm)


def test_nano_context_window_and_litellm_discrepancy(client: TestClient) -> None:
    document = client.get(NANO).json()

    assert document["facts"]["context_window"]["value"] == 400000
    context = [d for d in document["discrepancies"] if d["field"] == "context_window"]
    assert len(context) == 1
    values = {v["value"]: v["sources"] for v in context[0]["values"]}
    assert values[400000] == ["genai-prices", "models-dev"]
    assert values[1050000] == ["litellm"]


def _offer_prices(client: TestClient, model_id: str, seller: str) -> dict[tuple[str, str], str]:
    document = client.get(f"/api/v1/models/{model_id}").json()
    (offer,) = [o for o in document["offers"] if o["seller"] == seller]
    return {(p["dimension"], p["conditions_key"]): p["amount"] for p in offer["prices"]}


def test_azure_regional_prices_are_separate(client: TestClient) -> None:
    # LiteLLM: `azure/gpt-5.1` and `azure/global/gpt-5.1` input_cost_per_token 1.25e-06,
    # output 1e-05; `azure/eu/gpt-5.1` and `azure/us/gpt-5.1` 1.38e-06 and 1.1e-05.
    prices = _offer_prices(client, "openai/gpt-5.1", "azure")

    assert prices[("input", "")] == "1.25"
    assert prices[("output", "")] == "10"
    for region in ("eu", "us"):
        assert prices[("input", f"region={region}")] == "1.38"
        assert prices[("output", f"region={region}")] == "11"


def test_bedrock_cross_region_prices_are_separate(client: TestClient) -> None:
    # LiteLLM: `amazon.nova-2-lite-v1:0` and `global.` input_cost_per_token 3e-07, output
    # 2.5e-06; `us.`, `eu.` and `apac.` 3.3e-07 and 2.75e-06. models.dev states 0.3 and 2.5.
    prices = _offer_prices(client, "amazon/nova-2-lite", "aws-bedrock")

    assert prices[("input", "")] == "0.3"
    assert prices[("output", "")] == "2.5"
    for region in ("us", "eu", "apac"):
        assert prices[("input", f"region={region}")] == "0.33"
        assert prices[("output", f"region={region}")] == "2.75"


def test_document_input_is_file_modality(client: TestClient) -> None:
    # openai/gpt-5-image: models.dev states ["image", "pdf", "text"] and OpenRouter
    # ["image", "text", "file"]. Spelled alike, they agree.
    document = client.get("/api/v1/models/openai/gpt-5-image").json()
    listed = client.get("/api/v1/models?modality=file&limit=500").json()["items"]

    assert sorted(document["facts"]["input_modalities"]["value"]) == ["file", "image", "text"]
    assert [d for d in document["discrepancies"] if d["field"] == "input_modalities"] == []
    # anthropic/claude-opus-4's document input is stated by models.dev alone, as `pdf`.
    assert "anthropic/claude-opus-4" in {i["id"] for i in listed}


def test_nano_page_in_indonesian(client: TestClient) -> None:
    response = client.get("/models/openai/gpt-5.4-nano")
    soup = BeautifulSoup(response.text, "html.parser")

    assert soup.select_one('[data-field="input"]').get_text(strip=True) == "0,2"
    assert soup.select_one('[data-field="output"]').get_text(strip=True) == "1,25"
    official = soup.select_one('article[data-seller="openai"]')
    cache = official.select_one('tr[data-dimension="cache_read"][data-scenario=""] td.num')
    assert cache.get_text(" ", strip=True).startswith("0,02")
    assert (
        soup.select_one('[data-fact="context_window"]').get_text(strip=True).startswith("400.000")
    )
    headers = [th.get_text(strip=True) for th in soup.select("#evidence thead th")]
    assert headers == ["Kolom", "Skenario", "Nilai yang diambil", "Sumber", "Diamati", "Kutipan"]
    assert len(soup.select("#evidence tbody tr")) >= 12


def test_openrouter_offer_on_model_pages(client: TestClient) -> None:
    soup = BeautifulSoup(client.get("/models/openai/gpt-5.4-nano").text, "html.parser")

    offer = soup.select_one('article[data-seller="openrouter"]')
    assert offer is not None
    row = offer.select_one('tr[data-dimension="input"][data-scenario=""] td.num')
    assert row.get_text(" ", strip=True).startswith("0,2")


def test_benchmark_snapshot_from_openrouter(client: TestClient) -> None:
    document = client.get(NANO).json()

    snapshot = document["benchmarks"][0]
    assert snapshot["benchmark"] == "artificial_analysis"
    assert snapshot["figures"]["intelligence_index"] == "38.2"
    assert snapshot["observed_at"].startswith("2026-08-01")


def test_more_than_a_thousand_models_listed(client: TestClient) -> None:
    listing = client.get("/api/v1/models?limit=1").json()

    assert listing["total"] > 1000


def test_sources_page_shows_health(client: TestClient) -> None:
    items = {i["id"]: i for i in client.get("/api/v1/sources").json()["items"]}

    assert set(items) >= SOURCES | {"anthropic-pricing-page", "deepseek-pricing-cn"}
    for source in items.values():
        assert source["stale"] is False, source["id"]
        assert source["last_success_at"], source["id"]
        assert source["items_failed"] == 0, source["id"]
    # Zhipu's billing page states rules but no per-model prices, so it yields no values.
    assert [i["id"] for i in items.values() if i["items_seen"] == 0] == ["zhipu-billing"]


def test_second_run_unchanged(module_engine: Engine, mirror_dir: Path, client: TestClient) -> None:
    factory = make_sessionmaker(module_engine)
    with factory() as session:
        before = session.scalar(select(func.count()).select_from(ObservationRow))

    report = run_collection(factory, all_collectors(), mirror_dir)

    assert {s.status for s in report.sources} == {"unchanged"}
    assert report.change_events == 0
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(ObservationRow)) == before


@pytest.mark.parametrize("hour", [3, 20])
def test_official_deepseek_price_at_any_hour(client: TestClient, hour: int) -> None:
    # DeepSeek's English pricing page: $0.28 per 1M input tokens (cache miss), no off-peak
    # hours; genai-prices still lists the off-peak windows DeepSeek dropped.
    at = f"2026-12-04T{hour:02d}:00:00Z"
    body = {"model": "deepseek/deepseek-chat", "usage": {"input_tokens": 1_000_000}, "at": at}

    response = client.post("/api/v1/cost", json=body)

    assert response.status_code == 200, response.text
    result = response.json()["requests"][0]
    assert result["seller_id"] == "deepseek"
    assert result["total_usd"] == "0.28"


def test_litellm_export_uses_creator_seller(client: TestClient) -> None:
    entries = json.loads(client.get("/api/v1/export/litellm.json").text, parse_float=Decimal)

    deepseek = entries["deepseek-chat"]
    assert deepseek["litellm_provider"] == "deepseek"
    assert deepseek["input_cost_per_token"] == Decimal("0.00000028")


# The tests below change the database, so they come last in this module.


def test_truncated_litellm_keeps_last_good_values(
    module_engine: Engine, mirror_dir: Path, tmp_path: Path, client: TestClient
) -> None:
    mirror = tmp_path / "mirror"
    shutil.copytree(mirror_dir, mirror, ignore=shutil.ignore_patterns("vercel-ai-gateway"))
    target = next((mirror / "litellm").glob("model_prices_and_context_window*.json"))
    target.write_bytes(target.read_bytes()[:100_000])

    report = run_collection(make_sessionmaker(module_engine), all_collectors(), mirror)

    assert [s.source for s in report.failed] == ["litellm"]
    assert target.name in (report.failed[0].error or "")
    assert "valid JSON" in (report.failed[0].error or "")
    prices = official_standard(client.get(NANO).json())
    assert prices["input"]["amount"] == "0.2"
    assert "litellm" in {e["source"] for e in prices["input"]["evidence"]}
    sources = {i["id"]: i for i in client.get("/api/v1/sources").json()["items"]}
    assert sources["litellm"]["stale"] is True
    assert sources["openrouter"]["stale"] is False
    azure = next(o for o in client.get(NANO).json()["offers"] if o["seller"] == "azure-ai-foundry")
    assert all(p["stale"] for p in azure["prices"] if p["state"] == "priced")
