"""Layout changes on broken copies of the real pages: the run fails and names what it expected."""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from harga.collectors.base import Collector
from harga.collectors.official.anthropic_docs import AnthropicDocsCollector
from harga.collectors.official.anthropic_html import AnthropicPricingPageCollector
from harga.collectors.official.deepseek import DeepSeekPricingChineseCollector
from harga.collectors.official.gemini import GeminiPricingCollector
from harga.collectors.official.minimax import MiniMaxPricingChinaCollector
from harga.collectors.official.moonshot import MoonshotPricingCollector
from harga.collectors.official.openai import OpenAiPricingCollector
from harga.collectors.official.xai import XaiModelsPageCollector
from harga.collectors.official.zhipu import ZhipuBillingCollector
from harga.collectors.pages.layout import PageCollector
from harga.pipeline.collect import collect_source
from tests.official_pages import copy_page, edit

pytestmark = pytest.mark.mirror


def _failure(
    collector: PageCollector, mirror_dir: Path, tmp_path: Path, *edits: tuple[str, str]
) -> str:
    page = copy_page(mirror_dir, collector.mirror_glob, tmp_path)
    for old, new in edits:
        edit(page, old, new)
    outcome = collect_source(collector, tmp_path, None)
    assert outcome.documents == []
    assert outcome.error is not None
    return outcome.error


def test_unchanged_copy_still_parses(mirror_dir: Path, tmp_path: Path) -> None:
    collector: Collector = AnthropicPricingPageCollector()
    copy_page(mirror_dir, AnthropicPricingPageCollector.mirror_glob, tmp_path)

    assert collect_source(collector, tmp_path, None).error is None


def test_anthropic_cards_removed(mirror_dir: Path, tmp_path: Path) -> None:
    collector = AnthropicPricingPageCollector()
    page = copy_page(mirror_dir, collector.mirror_glob, tmp_path)
    page.write_text(page.read_text().replace("card_pricing_api_wrap", "card_pricing_plan_wrap"))

    error = collect_source(collector, tmp_path, None).error

    assert error is not None
    assert "anthropic-pricing.html" in error
    assert "API price cards" in error


def test_anthropic_missing_card_fails(mirror_dir: Path, tmp_path: Path) -> None:
    collector = AnthropicPricingPageCollector()
    page = copy_page(mirror_dir, collector.mirror_glob, tmp_path)
    soup = BeautifulSoup(page.read_text(), "lxml")
    titles = soup.select(".card_pricing_api_wrap .card_pricing_title_text")
    haiku = next(t for t in titles if t.get_text(strip=True) == "Haiku 3")
    card = haiku.find_parent(class_="card_pricing_api_wrap")
    assert card is not None
    card.decompose()
    page.write_text(str(soup))

    error = collect_source(collector, tmp_path, None).error

    assert error is not None
    assert "at least 9 models" in error
    assert "card_pricing_api_wrap cards" in error


def test_anthropic_garbled_price_names_cell(mirror_dir: Path, tmp_path: Path) -> None:
    error = _failure(
        AnthropicPricingPageCollector(),
        mirror_dir,
        tmp_path,
        (
            'data-value="22.50" class="tokens_main_val_number">22.50<',
            'data-value="22.50" class="tokens_main_val_number">22,5O<',
        ),
    )

    assert "Sonnet 4.5" in error
    assert "Output › Prompts > 200K tokens" in error
    assert "22,5O" in error


def test_anthropic_ttl_note_removed(mirror_dir: Path, tmp_path: Path) -> None:
    collector = AnthropicPricingPageCollector()
    page = copy_page(mirror_dir, collector.mirror_glob, tmp_path)
    page.write_text(page.read_text().replace("reflects 5-minute TTL", "reflects the TTL"))

    error = collect_source(collector, tmp_path, None).error

    assert error is not None
    assert "Prompt caching pricing reflects 5-minute TTL" in error


def test_anthropic_docs_column_renamed(mirror_dir: Path, tmp_path: Path) -> None:
    error = _failure(
        AnthropicDocsCollector(),
        mirror_dir,
        tmp_path,
        ("| 1h Cache Writes | Cache Hits", "| 1h Cache Writes | Cache Reads"),
    )

    assert "'Cache Hits & Refreshes'" in error
    assert "Cache Reads" in error
    assert "Model pricing" in error


def test_anthropic_docs_unknown_model(mirror_dir: Path, tmp_path: Path) -> None:
    error = _failure(
        AnthropicDocsCollector(),
        mirror_dir,
        tmp_path,
        ("| Claude Haiku 4.5  | $1 / MTok ", "| Claude Haiku 5  | $1 / MTok "),
    )

    assert "Claude Haiku 5" in error
    assert "page-name map" in error


def test_openai_column_renamed(mirror_dir: Path, tmp_path: Path) -> None:
    collector = OpenAiPricingCollector()
    page = copy_page(mirror_dir, collector.mirror_glob, tmp_path)
    edit(page, "| Model | Input | Cached input | Output |", "| Model | Input | Cache | Output |", 4)

    error = collect_source(collector, tmp_path, None).error

    assert error is not None
    assert "Text tokens" in error
    assert "'Cached input'" in error
    assert "'Cache'" in error


def test_openai_tier_label_lost(mirror_dir: Path, tmp_path: Path) -> None:
    error = _failure(
        OpenAiPricingCollector(), mirror_dir, tmp_path, ("\nFlex\n\n|", "\nFlexible\n\n|")
    )

    assert "Flexible" in error
    assert "a tier name above the table" in error


def test_openai_table_shrinks(mirror_dir: Path, tmp_path: Path) -> None:
    collector = OpenAiPricingCollector()
    page = copy_page(mirror_dir, collector.mirror_glob, tmp_path)
    lines = page.read_text().splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith("| gpt-4")]
    page.write_text("".join(kept))

    error = collect_source(collector, tmp_path, None).error

    assert error is not None
    assert "at least 66 models" in error
    assert "Text, Image and Audio tokens, Embeddings and Legacy" in error


def test_deepseek_price_table_removed(mirror_dir: Path, tmp_path: Path) -> None:
    collector = DeepSeekPricingChineseCollector()
    page = copy_page(mirror_dir, collector.mirror_glob, tmp_path)
    text = page.read_text()
    page.write_text(text[: text.index("**模型|")] + text[text.index("## 扣费规则") :])

    error = collect_source(collector, tmp_path, None).error

    assert error is not None
    assert "'模型细节'" in error
    assert "deepseek-reasoner" in error


def test_deepseek_garbled_cell(mirror_dir: Path, tmp_path: Path) -> None:
    error = _failure(DeepSeekPricingChineseCollector(), mirror_dir, tmp_path, ("| 2元", "| 两元"))

    assert "两元" in error
    assert "百万tokens输入（缓存未命中）" in error


def test_deepseek_row_renamed(mirror_dir: Path, tmp_path: Path) -> None:
    error = _failure(
        DeepSeekPricingChineseCollector(), mirror_dir, tmp_path, ("百万tokens输出|", "输出|")
    )

    assert "百万tokens输出" in error
    assert "rows" in error


def test_moonshot_unit_column_changed(mirror_dir: Path, tmp_path: Path) -> None:
    error = _failure(
        MoonshotPricingCollector(),
        mirror_dir,
        tmp_path,
        ("| moonshot-v1-8k | 1M tokens |", "| moonshot-v1-8k | 1K tokens |"),
    )

    assert "1K tokens" in error
    assert "billing unit '1M tokens'" in error


def test_minimax_header_unit_changed(mirror_dir: Path, tmp_path: Path) -> None:
    error = _failure(
        MiniMaxPricingChinaCollector(),
        mirror_dir,
        tmp_path,
        ("**输入价格**<br /> 元/百万 tokens", "**输入价格**<br /> 元/千 tokens"),
    )

    assert "输入价格 元/百万 tokens" in error
    assert "文本" in error


def test_gemini_reworded_description(mirror_dir: Path, tmp_path: Path) -> None:
    error = _failure(
        GeminiPricingCollector(),
        mirror_dir,
        tmp_path,
        ("Our first hybrid reasoning model", "Our hybrid reasoning model"),
    )

    assert "Our hybrid reasoning model" in error
    assert "section description in the page-name map" in error


def test_xai_unknown_tool(mirror_dir: Path, tmp_path: Path) -> None:
    error = _failure(
        XaiModelsPageCollector(), mirror_dir, tmp_path, ("**[X Search]", "**[X Posts Search]")
    )

    assert "X Posts Search" in error
    assert "tool map" in error


def test_zhipu_price_table_appears(mirror_dir: Path, tmp_path: Path) -> None:
    error = _failure(
        ZhipuBillingCollector(),
        mirror_dir,
        tmp_path,
        (
            "## Viewing Bills",
            "| Model | Price |\n| --- | --- |\n| GLM-4.6 | 2 元 |\n\n## Viewing Bills",
        ),
    )

    assert "['Model', 'Price']" in error
    assert "extend it" in error
