"""Page text in Indonesian and Chinese: error pages, labels of stored values, and plurals."""

from collections.abc import Iterator

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from harga.app import create_app
from harga.domain.observation import benchmark
from harga.pipeline.runner import run_collection
from harga.storage.engine import make_sessionmaker
from tests.fakes import StaticCollector, write_source_file
from tests.sample_data import NANO, populate


@pytest.fixture(scope="module")
def client(module_engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    mirror = tmp_path_factory.mktemp("mirror")
    populate(module_engine, mirror)
    # A benchmark snapshot for gpt-5.4-nano, as OpenRouter states Artificial Analysis's indices.
    figures = {"intelligence_index": "49.9", "coding_index": "69.1", "agentic_index": "45.7"}
    snapshot = StaticCollector(
        "delta",
        [
            benchmark("delta", NANO, "openai", f"artificial_analysis.{key}", value, value, key)
            for key, value in figures.items()
        ],
    )
    write_source_file(mirror, "delta", "delta sample")
    run_collection(make_sessionmaker(module_engine), [snapshot], mirror)
    with TestClient(create_app(module_engine), raise_server_exceptions=False) as test_client:
        yield test_client


def soup_of(client: TestClient, path: str, status: int = 200) -> BeautifulSoup:
    client.cookies.clear()
    response = client.get(path)
    assert response.status_code == status, response.text[:500]
    return BeautifulSoup(response.text, "html.parser")


def main_text(soup: BeautifulSoup) -> str:
    main = soup.select_one("main")
    assert main is not None
    return " ".join(main.get_text().split())


@pytest.mark.parametrize(
    ("path", "status", "title", "lines"),
    [
        (
            "/models/openai/nope?lang=id",
            404,
            "Tidak ditemukan",
            ["Tidak ada model terbit dengan ID openai/nope."],
        ),
        ("/models/openai/nope?lang=zh", 404, "未找到", ["没有 ID 为 openai/nope 的已发布模型。"]),
        ("/no-such-page?lang=zh", 404, "未找到", ["此地址没有对应的页面或模型。"]),
        (
            "/?limit=0&sort=cheapest&lang=id",
            422,
            "Parameter permintaan tidak valid",
            ["query.sort: harus salah satu dari", "query.limit: minimal 1"],
        ),
        (
            "/?limit=abc&lang=zh",
            422,
            "请求参数无效",
            ["请求中有参数无效。请更正后重试。", "query.limit: 必须是整数"],
        ),
        ("/?q=%00&lang=id", 422, "Parameter permintaan tidak valid", ["karakter kontrol"]),
        ("/compare?models=%00&lang=zh", 422, "请求参数无效", ["query.models: 不得包含控制字符"]),
    ],
)
def test_error_page_translated(
    client: TestClient, path: str, status: int, title: str, lines: list[str]
) -> None:
    soup = soup_of(client, path, status)

    assert soup.h1 is not None
    assert soup.h1.get_text(" ", strip=True) == f"{title} {status}"
    text = main_text(soup)
    for line in lines:
        assert line in text
    assert "not found" not in text.lower()
    assert "invalid request parameters" not in text.lower()


def test_error_page_keeps_english_detail(client: TestClient) -> None:
    soup = soup_of(client, "/?limit=0&lang=en", 422)

    assert soup.h1 is not None
    assert soup.h1.get_text(" ", strip=True) == "Invalid request parameters 422"
    assert "query.limit: must be at least 1" in main_text(soup)


def test_calculator_tiers_translated(client: TestClient) -> None:
    soup = soup_of(client, "/calculator?lang=id")

    options = [o.get_text(strip=True) for o in soup.select("select[name=tier] option")]
    assert options == ["standar", "batch", "flex", "prioritas", "cepat"]
    values = [o["value"] for o in soup.select("select[name=tier] option")]
    assert values == ["standard", "batch", "flex", "priority", "fast"]


def test_calculator_result_tier_translated(client: TestClient) -> None:
    soup = soup_of(client, f"/calculator?model=openai/{NANO}&input=1000&tier=batch&lang=zh")

    heading = soup.select_one("section.cost h2")
    assert heading is not None
    assert heading.get_text(" ", strip=True).endswith("· 批处理")


@pytest.mark.parametrize(
    ("lang", "kinds"),
    [
        ("id", {"alpha": "agregator", "rates": "kurs mata uang"}),
        ("zh", {"alpha": "聚合来源", "rates": "汇率"}),
        ("en", {"alpha": "aggregator", "rates": "exchange rates"}),
    ],
)
def test_source_kind_translated(client: TestClient, lang: str, kinds: dict[str, str]) -> None:
    soup = soup_of(client, f"/sources?lang={lang}")

    for source, kind in kinds.items():
        cell = soup.select_one(f'tr[data-source="{source}"] td:nth-of-type(2)')
        assert cell is not None
        assert cell.get_text(strip=True) == kind


def test_modality_options_translated(client: TestClient) -> None:
    soup = soup_of(client, "/?lang=zh")

    options = {
        o["value"]: o.get_text(strip=True) for o in soup.select("select[name=modality] option")
    }
    assert options == {
        "": "任意",
        "text": "文本",
        "image": "图像",
        "audio": "音频",
        "video": "视频",
        "file": "文件",
    }


@pytest.mark.parametrize(
    ("lang", "names"),
    [
        ("id", ["indeks agentik", "indeks pemrograman", "indeks kecerdasan"]),
        ("zh", ["智能体指数", "编程指数", "智能指数"]),
        ("en", ["agentic index", "coding index", "intelligence index"]),
    ],
)
def test_benchmark_figures_translated(client: TestClient, lang: str, names: list[str]) -> None:
    soup = soup_of(client, f"/models/openai/{NANO}?lang={lang}")

    section = soup.select_one("#verify")
    assert section is not None
    text = section.get_text(" ", strip=True)
    for name in names:
        assert name in text
    assert "_index" not in text


@pytest.mark.parametrize(
    ("lang", "based_on"),
    [
        ("zh", ["依据 输入价格, 输出价格", "依据 上下文窗口"]),
        ("id", ["berdasarkan harga input, harga output", "berdasarkan Jendela konteks"]),
        ("en", ["based on input price, output price", "based on Context window"]),
    ],
)
def test_use_case_facts_translated(client: TestClient, lang: str, based_on: list[str]) -> None:
    soup = soup_of(client, f"/models/openai/{NANO}?lang={lang}")

    section = soup.select_one("#use-cases")
    assert section is not None
    text = section.get_text(" ", strip=True)
    for phrase in based_on:
        assert phrase in text
    assert "_mtok" not in text
    assert "context_window" not in text


def test_one_source_is_singular(client: TestClient) -> None:
    soup = soup_of(client, f"/models/openai/{NANO}?lang=en")

    reasoning = soup.select_one('[data-fact="reasoning"] small')
    context = soup.select_one('[data-fact="context_window"] small')
    assert reasoning is not None
    assert context is not None
    assert reasoning.get_text(strip=True).endswith(", 1 source")
    assert context.get_text(strip=True).endswith(", 2 sources")


def test_one_model_is_singular(client: TestClient) -> None:
    one = soup_of(client, "/?q=nano&lang=en").select_one("p.count")
    several = soup_of(client, "/?lang=en").select_one("p.count")

    assert one is not None
    assert several is not None
    assert one.get_text(" ", strip=True).startswith("1 model ·")
    assert several.get_text(" ", strip=True).startswith("4 models ·")


def test_plural_in_chinese(client: TestClient) -> None:
    soup = soup_of(client, f"/models/openai/{NANO}?lang=zh")

    context = soup.select_one('[data-fact="context_window"] small')
    assert context is not None
    assert context.get_text(strip=True).endswith("2 个来源")
