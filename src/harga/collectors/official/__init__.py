"""Collectors of the providers' own pricing pages, one module per page or language pair.

Every collector here is `SourceKind.OFFICIAL`: reconciliation publishes the values it states
for the creator's offering over any aggregator's. Pages in CNY are read as the creator's China
platform, a seller of its own (`deepseek-cn`, `moonshot-cn`, `minimax-cn`), so a yuan price and
a dollar price for one model are two offerings and are never compared as one statement.
"""

from harga.collectors.base import Collector
from harga.collectors.official.anthropic_docs import (
    AnthropicDocsChineseCollector,
    AnthropicDocsCollector,
    AnthropicModelsPageCollector,
)
from harga.collectors.official.anthropic_html import AnthropicPricingPageCollector
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


def official_collectors() -> list[Collector]:
    return [
        AnthropicPricingPageCollector(),
        AnthropicDocsCollector(),
        AnthropicDocsChineseCollector(),
        AnthropicModelsPageCollector(),
        OpenAiPricingCollector(),
        OpenAiPricingReaderCollector(),
        GeminiPricingCollector(),
        DeepSeekPricingCollector(),
        DeepSeekPricingChineseCollector(),
        MoonshotPricingCollector(),
        MiniMaxPricingCollector(),
        MiniMaxPricingChinaCollector(),
        ZhipuBillingCollector(),
        XaiModelsPageCollector(),
        PerplexityPricingCollector(),
        CoherePricingCollector(),
    ]
