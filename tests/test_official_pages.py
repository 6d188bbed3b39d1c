"""Each official page collector on its real capture: model counts and values read by hand."""

import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from harga.collectors.official.anthropic_docs import (
    AnthropicDocsChineseCollector,
    AnthropicDocsCollector,
    AnthropicModelsPageCollector,
)
from harga.collectors.official.anthropic_html import AnthropicPricingPageCollector
from harga.collectors.official.anthropic_names import MODEL_IDS
from harga.collectors.official.cohere import CoherePricingCollector
from harga.collectors.official.deepseek import (
    DeepSeekPricingChineseCollector,
    DeepSeekPricingCollector,
)
from harga.collectors.official.gemini import GeminiPricingCollector
from harga.collectors.official.minimax import (
    MiniMaxPricingChinaCollector,
    MiniMaxPricingCollector,
)
from harga.collectors.official.moonshot import MoonshotPricingCollector
from harga.collectors.official.openai import (
    OpenAiPricingCollector,
    OpenAiPricingReaderCollector,
)
from harga.collectors.official.perplexity import PerplexityPricingCollector
from harga.collectors.official.xai import XaiModelsPageCollector
from harga.collectors.official.zhipu import ZhipuBillingCollector
from harga.domain.money import SourceUnit
from harga.domain.states import PriceState
from harga.normalize.model_ids import canonical_name
from tests.official_pages import collected, models, observations, prices

pytestmark = pytest.mark.mirror
D = Decimal
CORE = ("input", "output", "cache_write", "cache_read")


def test_anthropic_names_map_to_canonical_ids() -> None:
    canonical = {
        name: canonical_name(api_id, "anthropic").model_id for name, api_id in MODEL_IDS.items()
    }

    assert canonical["Claude Sonnet 4.5"] == "anthropic/claude-sonnet-4.5"
    assert canonical["Claude Sonnet 3.7"] == "anthropic/claude-3.7-sonnet"
    assert canonical["Claude Haiku 3.5"] == "anthropic/claude-3.5-haiku"
    assert canonical["Claude Opus 4.1"] == "anthropic/claude-opus-4.1"
    assert canonical["Claude Opus 3"] == "anthropic/claude-3-opus"


def test_anthropic_html_cards(mirror_dir: Path) -> None:
    outcome = collected(AnthropicPricingPageCollector(), mirror_dir)
    found = prices(outcome)

    # Nine card_pricing_api_wrap cards: Opus 4.1, Sonnet 4.5, Haiku 4.5 (latest) and Sonnet 4,
    # Opus 4, Sonnet 3.7, Haiku 3.5, Opus 3, Haiku 3 (legacy).
    assert len(models(outcome)) == 9
    for model in models(outcome):
        for dimension in CORE:
            key_conditions = "cache_ttl=5m" if dimension == "cache_write" else ""
            item = found[(model, "anthropic", dimension, key_conditions)]
            assert item.observation.state is PriceState.PRICED, (model, dimension)
    long_input = found[("anthropic/claude-sonnet-4.5", "anthropic", "input", "prompt>200000")]
    assert long_input.observation.amount == D(6)
    assert long_input.observation.captured == "$6 / MTok"
    assert long_input.observation.excerpt == "Sonnet 4.5 | Input | Prompts > 200K tokens: $6 / MTok"
    assert long_input.observation.cited_url == "https://www.claude.com/pricing"
    write = found[("anthropic/claude-opus-4.1", "anthropic", "cache_write", "cache_ttl=5m")]
    assert write.observation.amount == D("18.75")
    assert write.observation.excerpt == "Opus 4.1 | Prompt caching | Write: $18.75 / MTok"
    read = found[("anthropic/claude-sonnet-4.5", "anthropic", "cache_read", "prompt>200000")]
    assert read.observation.amount == D("0.60")
    assert outcome.documents[0].stated_at == datetime(2025, 11, 13, 21, 35, 54, tzinfo=UTC)


def test_anthropic_docs_tables(mirror_dir: Path) -> None:
    outcome = collected(AnthropicDocsCollector(), mirror_dir)
    found = prices(outcome)

    # Ten rows in the "Model pricing" table of the English page.
    assert len(models(outcome)) == 10
    opus = "anthropic/claude-opus-4.5"
    assert found[(opus, "anthropic", "input", "")].observation.amount == D(5)
    assert found[(opus, "anthropic", "cache_write", "cache_ttl=5m")].observation.amount == D("6.25")
    assert found[(opus, "anthropic", "cache_write", "cache_ttl=1h")].observation.amount == D(10)
    assert found[(opus, "anthropic", "cache_read", "")].observation.amount == D("0.50")
    assert found[(opus, "anthropic", "output", "")].observation.amount == D(25)
    haiku = found[("anthropic/claude-3-haiku", "anthropic", "input", "tier=batch")]
    assert haiku.observation.amount == D("0.125")
    assert haiku.observation.excerpt == "Claude Haiku 3 | Batch input: $0.125 / MTok"
    for model in ("anthropic/claude-sonnet-4", "anthropic/claude-sonnet-4.5"):
        output = found[(model, "anthropic", "output", "prompt>200000")]
        assert output.observation.amount == D("22.50")
        assert output.observation.captured == "Output: $22.50 / MTok"
    assert ("anthropic/claude-opus-4.5", "anthropic", "input", "prompt>200000") not in found


def test_anthropic_docs_chinese_matches(mirror_dir: Path) -> None:
    english = prices(collected(AnthropicDocsCollector(), mirror_dir))
    outcome = collected(AnthropicDocsChineseCollector(), mirror_dir)
    chinese = prices(outcome)

    assert len(models(outcome)) == 10
    assert set(chinese) == set(english)
    for key, item in chinese.items():
        assert item.observation.amount == english[key].observation.amount, key
        assert item.observation.currency == "USD"
    long_input = chinese[("anthropic/claude-sonnet-4.5", "anthropic", "input", "prompt>200000")]
    assert long_input.observation.captured == "输入：$6 / MTok"


def test_anthropic_models_page(mirror_dir: Path) -> None:
    outcome = collected(AnthropicModelsPageCollector(), mirror_dir)
    found = prices(outcome)

    # Nine rows in its "Model pricing" table, Claude Sonnet 3.5 (deprecated) among them.
    assert len(models(outcome)) == 9
    sonnet = found[("anthropic/claude-3.5-sonnet", "anthropic", "input", "")]
    assert sonnet.observation.amount == D(3)
    assert sonnet.observation.cited_url == "https://docs.claude.com/en/docs/about-claude/models"


def test_openai_crawl_tiers(mirror_dir: Path) -> None:
    outcome = collected(OpenAiPricingCollector(), mirror_dir)
    found = prices(outcome)

    # 66 distinct ids across the Text, Image and Audio tokens, Embeddings and Legacy tables;
    # the Standard text table alone lists 46.
    assert len(models(outcome)) == 66
    gpt = "openai/gpt-5.2"
    assert found[(gpt, "openai", "input", "")].observation.amount == D("1.75")
    assert found[(gpt, "openai", "input", "tier=batch")].observation.amount == D("0.875")
    assert found[(gpt, "openai", "input", "tier=flex")].observation.amount == D("0.875")
    assert found[(gpt, "openai", "output", "tier=priority")].observation.amount == D("28.00")
    priority = found[(gpt, "openai", "output", "tier=priority")].observation
    assert priority.excerpt == "Text tokens | Priority | gpt-5.2 | Output: $28.00"
    pro_cache = found[("openai/gpt-5-pro", "openai", "cache_read", "")].observation
    assert pro_cache.state is PriceState.NOT_OFFERED
    assert pro_cache.captured == "-"
    realtime = found[("openai/gpt-realtime", "openai", "input_audio", "")].observation
    assert realtime.amount == D("32.00")
    image = found[("openai/gpt-image-1", "openai", "cache_read_image", "")].observation
    assert image.amount == D("2.50")
    embedding = found[("openai/text-embedding-3-large", "openai", "input", "tier=batch")]
    assert embedding.observation.amount == D("0.065")
    legacy = found[("openai/gpt-4-32k", "openai", "output", "")].observation
    assert legacy.amount == D("120.00")


def test_openai_reader_capture(mirror_dir: Path) -> None:
    outcome = collected(OpenAiPricingReaderCollector(), mirror_dir)
    found = prices(outcome)

    # 55 distinct ids across the tables read; the Standard text table alone lists 35.
    assert len(models(outcome)) == 55
    gpt = found[("openai/gpt-5", "openai", "input", "")].observation
    assert gpt.amount == D("1.25")
    assert gpt.cited_url == "https://platform.openai.com/docs/pricing"
    assert ("openai/gpt-5.2", "openai", "input", "") not in found


def test_gemini_sections(mirror_dir: Path) -> None:
    outcome = collected(GeminiPricingCollector(), mirror_dir)
    found = prices(outcome)

    # Sixteen sections with a per-1M-token table (Imagen and Veo are not read).
    assert len(models(outcome)) == 16
    pro = "google/gemini-2.5-pro"
    assert found[(pro, "google", "input", "")].observation.amount == D("1.25")
    assert found[(pro, "google", "input", "prompt>200000")].observation.amount == D("2.50")
    assert found[(pro, "google", "cache_storage", "")].observation.amount == D("4.50")
    assert found[(pro, "google", "cache_storage", "")].observation.source_unit is (
        SourceUnit.PER_MTOK_HOUR
    )
    flash = "google/gemini-2.5-flash"
    assert found[(flash, "google", "input_audio", "")].observation.amount == D("1.00")
    image = found[("google/gemini-2.5-flash-image", "google", "image", "")].observation
    assert image.amount == D("0.039")
    lite = "google/gemini-2.0-flash-lite"
    assert found[(lite, "google", "input", "")].observation.amount == D("0.075")
    assert found[(lite, "google", "cache_read", "")].observation.state is PriceState.NOT_OFFERED
    gemma = found[("google/gemma-3", "google", "input", "")].observation
    assert gemma.state is PriceState.NOT_OFFERED
    assert gemma.cited_url == "https://ai.google.dev/pricing"
    assert outcome.documents[0].stated_at == datetime(2025, 10, 8, 17, 57, 41, tzinfo=UTC)


def test_gemini_attribution_agrees_with_llm_prices(mirror_dir: Path) -> None:
    """The hand-made description map gives the prices simonw/llm-prices lists per model."""
    found = prices(collected(GeminiPricingCollector(), mirror_dir))
    vendor = json.loads((mirror_dir / "llm-prices" / "data" / "google.json").read_text())
    listed = {m["id"]: m["price_history"][0] for m in vendor["models"]}
    checked = [
        "gemini-2.5-pro",
        "gemini-2.5-flash",
        "gemini-2.5-flash-preview-09-2025",
        "gemini-2.5-flash-lite",
        "gemini-2.0-flash",
        "gemini-2.0-flash-lite",
    ]

    for model in checked:
        for dimension in ("input", "output"):
            ours = found[(f"google/{model}", "google", dimension, "")].observation.amount
            assert ours == D(str(listed[model][dimension])), (model, dimension)


def test_deepseek_english_usd(mirror_dir: Path) -> None:
    outcome = collected(DeepSeekPricingCollector(), mirror_dir)
    found = prices(outcome)

    assert models(outcome) == {"deepseek/deepseek-chat", "deepseek/deepseek-reasoner"}
    for model in models(outcome):
        assert found[(model, "deepseek", "cache_read", "")].observation.amount == D("0.028")
        assert found[(model, "deepseek", "input", "")].observation.amount == D("0.28")
        assert found[(model, "deepseek", "output", "")].observation.amount == D("0.42")
        assert found[(model, "deepseek", "output", "")].observation.currency == "USD"
    hit = found[("deepseek/deepseek-chat", "deepseek", "cache_read", "")].observation
    assert hit.excerpt == "deepseek-chat | 1M INPUT TOKENS (CACHE HIT): $0.028"


def test_deepseek_chinese_cny(mirror_dir: Path) -> None:
    outcome = collected(DeepSeekPricingChineseCollector(), mirror_dir)
    found = prices(outcome)

    assert models(outcome) == {"deepseek/deepseek-chat", "deepseek/deepseek-reasoner"}
    chat = "deepseek/deepseek-chat"
    for dimension, amount, captured in (
        ("cache_read", "0.2", "0.2元"),
        ("input", "2", "2元"),
        ("output", "3", "3元"),
    ):
        observation = found[(chat, "deepseek-cn", dimension, "")].observation
        assert observation.amount == D(amount)
        assert observation.currency == "CNY"
        assert observation.source_unit is SourceUnit.PER_MTOK
        assert observation.captured == captured
    miss = found[(chat, "deepseek-cn", "input", "")].observation
    assert miss.excerpt == "deepseek-chat | 百万tokens输入（缓存未命中）: 2元"


def test_moonshot_tables(mirror_dir: Path) -> None:
    outcome = collected(MoonshotPricingCollector(), mirror_dir)
    found = prices(outcome)

    # Five kimi-k2 rows, kimi-latest and six moonshot-v1 rows.
    assert len(models(outcome)) == 12
    turbo = found[("moonshot/kimi-k2-turbo-preview", "moonshot-cn", "output", "")].observation
    assert turbo.amount == D("58.00")
    assert turbo.currency == "CNY"
    assert turbo.captured == "￥58.00"
    latest = "moonshot/kimi-latest"
    assert found[(latest, "moonshot-cn", "input", "")].observation.amount == D("2.00")
    assert found[(latest, "moonshot-cn", "input", "prompt>8192")].observation.amount == D("5.00")
    assert found[(latest, "moonshot-cn", "output", "prompt>32768")].observation.amount == D("30.00")
    contexts = {
        o.model_id: o.observation.value
        for o in observations(outcome)
        if o.observation.field == "context_window"
    }
    assert contexts["moonshot/kimi-k2-0905-preview"] == 262144
    assert contexts["moonshot/moonshot-v1-8k"] == 8192
    assert outcome.documents[0].stated_at == datetime(2025, 11, 11, tzinfo=UTC)


def test_minimax_usd_and_cny(mirror_dir: Path) -> None:
    usd = collected(MiniMaxPricingCollector(), mirror_dir)
    cny = collected(MiniMaxPricingChinaCollector(), mirror_dir)
    usd_prices, cny_prices = prices(usd), prices(cny)

    # Two rows in each text table, MiniMax-M2 and MiniMax-M2-Stable.
    text_models = {"minimax/minimax-m2", "minimax/minimax-m2-stable"}
    assert text_models <= models(usd)
    assert text_models <= models(cny)
    m2 = "minimax/minimax-m2"
    assert usd_prices[(m2, "minimax", "input", "")].observation.amount == D("0.3")
    assert usd_prices[(m2, "minimax", "cache_write", "")].observation.amount == D("0.375")
    assert cny_prices[(m2, "minimax-cn", "input", "")].observation.amount == D("2.1")
    assert cny_prices[(m2, "minimax-cn", "input", "")].observation.currency == "CNY"
    assert cny_prices[(m2, "minimax-cn", "cache_write", "")].observation.amount == D("2.625")
    image = usd_prices[("minimax/image-01", "minimax", "image", "")].observation
    assert (image.amount, image.source_unit) == (D("0.0035"), SourceUnit.PER_IMAGE)
    live = cny_prices[("minimax/image-01-live", "minimax-cn", "image", "")].observation
    assert (live.amount, live.currency) == (D("0.025"), "CNY")


def test_zhipu_yields_rules_only(mirror_dir: Path) -> None:
    outcome = collected(ZhipuBillingCollector(), mirror_dir)

    assert outcome.error is None
    assert observations(outcome) == []


def test_xai_tool_prices(mirror_dir: Path) -> None:
    outcome = collected(XaiModelsPageCollector(), mirror_dir)
    found = prices(outcome)

    tools = "xai/server-side-tools"
    assert models(outcome) == {tools}
    assert found[(tools, "xai", "web_search", "")].observation.amount == D(5)
    assert found[(tools, "xai", "collections_search", "")].observation.amount == D("2.50")
    assert found[(tools, "xai", "x_search", "")].observation.source_unit is SourceUnit.PER_KCALL
    assert len(found) == 5


def test_perplexity_token_table(mirror_dir: Path) -> None:
    outcome = collected(PerplexityPricingCollector(), mirror_dir)
    found = prices(outcome)

    # Five Sonar rows in "Token Pricing", plus the Search API.
    assert len(models(outcome)) == 6
    deep = "perplexity/sonar-deep-research"
    assert found[(deep, "perplexity", "citation", "")].observation.amount == D(2)
    assert found[(deep, "perplexity", "web_search", "")].observation.amount == D(5)
    assert found[(deep, "perplexity", "reasoning", "")].observation.amount == D(3)
    sonar = found[("perplexity/sonar", "perplexity", "citation", "")].observation
    assert sonar.state is PriceState.NOT_OFFERED
    search = found[("perplexity/search-api", "perplexity", "request", "")].observation
    assert (search.amount, search.source_unit) == (D("5.00"), SourceUnit.PER_KREQUEST)


def test_cohere_faq_sentences(mirror_dir: Path) -> None:
    outcome = collected(CoherePricingCollector(), mirror_dir)
    found = prices(outcome)

    # Command, Command-light, Command R 03-2024, Command R+ 04-2024 and 08-2024, Aya 8B, 32B.
    assert len(models(outcome)) == 7
    plus = found[("cohere/command-r-plus-08-2024", "cohere", "input", "")].observation
    assert plus.amount == D("2.50")
    assert plus.excerpt.endswith(
        "Command R+ 08-2024 pricing is $2.50/1M tokens for input and $10.00/1M tokens for output"
    )
    aya = found[("cohere/aya-expanse-32b", "cohere", "output", "")].observation
    assert aya.amount == D("1.50")
