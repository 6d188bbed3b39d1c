"""The change feed, the discrepancy list and the bulk exports, on both databases."""

import csv
import io
import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from harga.app import create_app
from harga.cli import main
from harga.pipeline.runner import run_collection
from harga.storage.engine import make_sessionmaker
from tests.fakes import StaticCollector, usd_mtok, write_source_file
from tests.sample_data import populate, sample_collectors

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def client(module_engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    mirror = tmp_path_factory.mktemp("mirror")
    populate(module_engine, mirror)
    # A second run in which source alpha lowers the o3 output price, so the feed has an entry.
    alpha = sample_collectors()[1]
    lowered = [
        o for o in alpha.parse_all() if not (o.upstream_model_id == "o3" and o.field == "output")
    ]
    lowered.append(usd_mtok("alpha", "o3", "openai", "output", "6"))
    write_source_file(mirror, "alpha", "alpha, second capture")
    run_collection(make_sessionmaker(module_engine), [StaticCollector("alpha", lowered)], mirror)
    with TestClient(create_app(module_engine), raise_server_exceptions=False) as test_client:
        yield test_client


def test_change_feed_lists_price_cut(client: TestClient) -> None:
    changes = client.get("/api/v1/changes").json()

    o3 = [
        c for c in changes["items"] if c["model_id"] == "openai/o3" and c["dimension"] == "output"
    ]
    assert len(o3) == 1
    assert o3[0]["before_amount"] == "8"
    assert o3[0]["after_amount"] == "6"
    assert o3[0]["held_for_review"] is False
    assert client.get("/changes.json").json() == changes


def test_atom_feed_is_valid_xml(client: TestClient) -> None:
    response = client.get("/changes.atom")

    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert "openai/o3 (openai) output: 8 → 6 USD" in titles


def test_atom_feed_ignores_host_header(client: TestClient) -> None:
    response = client.get("/changes.atom", headers={"Host": "evil.example"})

    assert response.status_code == 200
    assert b"evil.example" not in response.content
    feed = ElementTree.fromstring(response.content)
    hrefs = [link.get("href") or "" for link in feed.iter(f"{ATOM}link")]
    assert hrefs
    assert all(href.startswith("/") for href in hrefs), hrefs


def test_atom_ids_are_tag_uris(client: TestClient) -> None:
    feed = ElementTree.fromstring(client.get("/changes.atom").content)

    assert feed.findtext(f"{ATOM}id") == "tag:harga.local,2026:changes"
    ids = [entry.findtext(f"{ATOM}id") or "" for entry in feed.findall(f"{ATOM}entry")]
    assert ids
    assert all(re.fullmatch(r"tag:harga\.local,2026:change/[0-9]+", i) for i in ids), ids
    assert len(set(ids)) == len(ids)


def test_atom_links_lead_to_pages(client: TestClient) -> None:
    feed = ElementTree.fromstring(client.get("/changes.atom").content)

    self_link = feed.find(f"{ATOM}link[@rel='self']")
    assert self_link is not None
    assert self_link.get("href") == "/changes.atom"
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        link = entry.find(f"{ATOM}link")
        assert link is not None
        href = link.get("href") or ""
        assert href.startswith("/models/"), href
        assert client.get(href).status_code == 200, href


def test_atom_links_use_base_url(module_engine: Engine, client: TestClient) -> None:
    # `client` is requested for its side effect: the module's database then contains a change.
    app = create_app(module_engine, base_url="https://harga.example/")
    with TestClient(app) as other:
        response = other.get("/changes.atom", headers={"Host": "evil.example"})

    feed = ElementTree.fromstring(response.content)
    hrefs = [link.get("href") or "" for link in feed.iter(f"{ATOM}link")]
    assert "https://harga.example/changes.atom" in hrefs
    assert all(href.startswith("https://harga.example/") for href in hrefs), hrefs
    assert b"evil.example" not in response.content


@pytest.mark.parametrize(
    "value", ["harga.example", "ftp://harga.example", "https://", "https://h.example/?a=1"]
)
def test_invalid_base_url_rejected(module_engine: Engine, value: str) -> None:
    with pytest.raises(ValueError, match="invalid HARGA_BASE_URL"):
        create_app(module_engine, base_url=value)


def test_base_url_read_from_environment(
    module_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HARGA_BASE_URL", "https://harga.example")

    assert create_app(module_engine).state.base_url == "https://harga.example"


def test_changes_page_renders(client: TestClient) -> None:
    response = client.get("/changes?lang=en")

    assert response.status_code == 200
    assert "openai/o3" in response.text


def test_discrepancies_listed_with_sources(client: TestClient) -> None:
    listing = client.get("/api/v1/discrepancies").json()

    context = [d for d in listing["items"] if d["field"] == "context_window"]
    assert len(context) == 1
    assert context[0]["model_id"] == "openai/gpt-5.4-nano"
    assert [v["sources"] for v in context[0]["values"]] == [["alpha", "gamma"], ["beta"]]
    assert client.get("/discrepancies").status_code == 200


def test_csv_export_has_exact_prices(client: TestClient) -> None:
    response = client.get("/api/v1/export/prices.csv")

    rows = list(csv.DictReader(io.StringIO(response.text)))
    nano = [
        r
        for r in rows
        if r["model_id"] == "openai/gpt-5.4-nano"
        and r["seller"] == "openai"
        and r["scenario"] == ""
    ]
    assert {r["dimension"]: r["amount"] for r in nano} == {
        "input": "0.2",
        "output": "1.25",
        "cache_read": "0.02",
    }
    pending = [r for r in rows if r["state"] == "pending"]
    assert pending
    assert all(r["amount"] == "" for r in pending)


def test_json_export_numbers_are_exact(client: TestClient) -> None:
    body = client.get("/api/v1/export/prices.json").text

    prices = json.loads(body, parse_float=Decimal)["prices"]
    nano_input = next(
        p
        for p in prices
        if p["model_id"] == "openai/gpt-5.4-nano"
        and p["seller"] == "openai"
        and p["dimension"] == "input"
        and p["scenario"] == ""
    )
    assert nano_input["amount"] == Decimal("0.2")
    assert '"amount": 0.2,' in body


def test_litellm_map_per_token(client: TestClient) -> None:
    body = client.get("/api/v1/export/litellm.json").text

    entries = json.loads(body, parse_float=Decimal)
    nano = entries["gpt-5.4-nano"]
    assert nano["input_cost_per_token"] == Decimal("0.0000002")
    assert nano["output_cost_per_token"] == Decimal("0.00000125")
    assert nano["cache_read_input_token_cost"] == Decimal("0.00000002")
    assert nano["max_input_tokens"] == 400000
    assert nano["litellm_provider"] == "openai"
    assert "gpt-5.4-nano" in entries
    assert "deepseek-chat" in entries


def test_cli_export_writes_file(module_engine: Engine, tmp_path: Path, client: TestClient) -> None:
    target = tmp_path / "prices.csv"
    url = module_engine.url.render_as_string(hide_password=False)

    result = CliRunner().invoke(
        main, ["export", "--format", "csv", "--output", str(target), "--database-url", url]
    )

    assert result.exit_code == 0, result.output
    assert target.read_text() == client.get("/api/v1/export/prices.csv").text
