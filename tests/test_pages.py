"""Server-rendered pages: locale formatting, the model page's parts and HTML errors."""

from collections.abc import Iterator

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from harga.app import create_app
from tests.sample_data import populate


@pytest.fixture(scope="module")
def client(module_engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    populate(module_engine, tmp_path_factory.mktemp("mirror"))
    with TestClient(create_app(module_engine), raise_server_exceptions=False) as test_client:
        yield test_client


def page(client: TestClient, path: str, **headers: str) -> BeautifulSoup:
    client.cookies.clear()
    response = client.get(path, headers=headers)
    assert response.status_code == 200
    return BeautifulSoup(response.text, "html.parser")


def cell_text(soup: BeautifulSoup, selector: str) -> str:
    element = soup.select_one(selector)
    assert element is not None, selector
    return element.get_text(" ", strip=True)


def test_model_page_indonesian_by_default(client: TestClient) -> None:
    soup = page(client, "/models/openai/gpt-5.4-nano")

    assert soup.html is not None and soup.html["lang"] == "id"
    assert cell_text(soup, '[data-field="input"]') == "0,2"
    assert cell_text(soup, '[data-field="output"]') == "1,25"
    assert cell_text(soup, '[data-fact="context_window"]').startswith("400.000")
    official = soup.select_one('article[data-seller="openai"]')
    assert official is not None
    cache = official.select_one('tr[data-dimension="cache_read"][data-scenario=""] td.num')
    assert cache is not None and cache.get_text(" ", strip=True) == "0,02 USD"
    assert "Rincian harga" in soup.get_text()


def test_model_page_english_and_chinese(client: TestClient) -> None:
    english = page(client, "/models/openai/gpt-5.4-nano?lang=en")
    chinese = page(client, "/models/openai/gpt-5.4-nano", **{"Accept-Language": "zh-CN,zh;q=0.9"})

    assert cell_text(english, '[data-field="input"]') == "0.2"
    assert cell_text(english, '[data-fact="context_window"]').startswith("400,000")
    assert "Pricing details" in english.get_text()
    assert chinese.html is not None and chinese.html["lang"] == "zh"
    assert "价格详情" in chinese.get_text()


def test_language_choice_kept_in_cookie(client: TestClient) -> None:
    client.cookies.clear()
    client.get("/?lang=en")

    response = client.get("/models/openai/gpt-5.4-nano")

    assert '<html lang="en">' in response.text


def test_evidence_table_columns(client: TestClient) -> None:
    soup = page(client, "/models/openai/gpt-5.4-nano")

    headers = [th.get_text(strip=True) for th in soup.select("#evidence thead th")]
    assert headers == ["Kolom", "Skenario", "Nilai yang diambil", "Sumber", "Diamati", "Kutipan"]
    rows = soup.select("#evidence tbody tr")
    assert len(rows) >= 8
    first_source = rows[0].select_one("td:nth-of-type(4) a")
    assert first_source is not None
    assert first_source["href"].startswith("https://")
    assert rows[0].select_one("time") is not None


def test_pending_rows_shown_for_third_party_offer(client: TestClient) -> None:
    soup = page(client, "/models/openai/gpt-5.4-nano?lang=en")

    offer = soup.select_one('article[data-seller="openrouter"]')
    assert offer is not None
    cache = offer.select_one('tr[data-dimension="cache_read"] td.num')
    assert cache is not None and cache.get_text(strip=True) == "pending"


def test_discrepancy_shows_both_values(client: TestClient) -> None:
    soup = page(client, "/models/openai/gpt-5.4-nano?lang=en")

    row = soup.select_one('#discrepancies tr[data-field="context_window"]')
    assert row is not None
    text = row.get_text(" ", strip=True)
    assert "400,000" in text
    assert "1,050,000" in text
    assert "beta" in text


def test_list_page_links_every_model(client: TestClient) -> None:
    soup = page(client, "/?sort=input&order=asc")

    links = [a["href"] for a in soup.select("table.models tbody a")]
    assert links == [
        "/models/openai/gpt-5.4-nano",
        "/models/deepseek/deepseek-chat",
        "/models/openai/o3",
        "/models/anthropic/claude-opus-4.1",
    ]
    assert "4 model" in soup.get_text()


def test_list_filter_state_kept_in_links(client: TestClient) -> None:
    soup = page(client, "/?creator=openai&sort=input&order=desc")

    next_sort = soup.select_one("th a[aria-sort]")
    assert next_sort is not None
    assert "creator=openai" in next_sort["href"]
    assert "order=asc" in next_sort["href"]


def test_sources_page_lists_health(client: TestClient) -> None:
    soup = page(client, "/sources")

    rows = [row["data-source"] for row in soup.select("tbody tr")]
    assert rows == ["alpha", "beta", "gamma", "rates"]


def test_unknown_model_page_is_html_404(client: TestClient) -> None:
    response = client.get("/models/openai/no-such-model?lang=en")

    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "No published model has the id openai/no-such-model." in response.text


def test_bad_list_parameter_is_html_422(client: TestClient) -> None:
    response = client.get("/?sort=cheapest")

    assert response.status_code == 422
    assert "query.sort" in response.text


def test_rupiah_shown_with_rate_and_date(client: TestClient) -> None:
    soup = page(client, "/models/openai/gpt-5.4-nano?currency=IDR")

    text = cell_text(soup, '[data-converted="headline"]')
    assert "Rp3.437,53" in text
    assert "1 USD = 17.187,6 IDR" in text
    assert "13 Apr 2026" in text


def test_compare_page_side_by_side(client: TestClient) -> None:
    soup = page(client, "/compare?models=openai/gpt-5.4-nano,deepseek/deepseek-chat,nope/x&lang=en")

    headers = [th.get_text(" ", strip=True) for th in soup.select("table.compare thead th")]
    assert "openai/gpt-5.4-nano" in headers[1]
    assert "deepseek/deepseek-chat" in headers[2]
    assert "Not found: nope/x" in soup.get_text()
    input_row = soup.select("table.compare tbody tr")[0]
    assert [td.get_text(" ", strip=True) for td in input_row.select("td")] == [
        "0.2 USD",
        "0.28 USD",
    ]


def test_compare_json_twin(client: TestClient) -> None:
    comparison = client.get("/compare.json?models=openai/gpt-5.4-nano").json()

    assert comparison["missing"] == []
    assert comparison["models"][0]["headline"]["input_mtok"] == "0.2"
    assert comparison["models"][0]["facts"]["context_window"] == 400000


PAGES = [
    "/",
    "/models/openai/gpt-5.4-nano",
    "/models/openai/o3",
    "/sources",
    "/changes",
    "/discrepancies",
    "/compare?models=openai/gpt-5.4-nano,openai/o3",
    "/methodology",
    "/models/openai/gpt-5.4-nano?currency=IDR",
    "/calculator",
    "/calculator?model=openai/gpt-5.4-nano&input=1000&output=100&currency=CNY",
]


@pytest.mark.parametrize("lang", ["id", "en", "zh"])
@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_in_every_locale(client: TestClient, path: str, lang: str) -> None:
    separator = "&" if "?" in path else "?"
    client.cookies.clear()

    response = client.get(f"{path}{separator}lang={lang}")

    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.text


def test_favicon_served(client: TestClient) -> None:
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response.headers["content-type"] == "image/svg+xml"
    assert response.content.startswith(b"<svg")


def test_pages_link_svg_icon(client: TestClient) -> None:
    soup = page(client, "/")

    icon = soup.select_one('link[rel="icon"]')
    assert icon is not None
    assert icon["type"] == "image/svg+xml"
    response = client.get(str(icon["href"]))
    assert response.status_code == 200
    assert response.content == client.get("/favicon.ico").content
