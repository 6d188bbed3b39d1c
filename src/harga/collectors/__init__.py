"""One collector module per source; `all_collectors` lists them in run order."""

from harga.collectors.base import Collector
from harga.collectors.ecb import EcbCollector
from harga.collectors.genai_prices import GenaiPricesCollector
from harga.collectors.litellm import LiteLLMCollector
from harga.collectors.llm_prices import LlmPricesCollector
from harga.collectors.models_dev import ModelsDevCollector
from harga.collectors.official import official_collectors
from harga.collectors.openrouter import OpenRouterCollector


def all_collectors() -> list[Collector]:
    # Reference rates come first so that a run converts prices with the rates it just read.
    # Official pages come next and aggregators last. The order does not change what is
    # published, because reconciliation runs once after every source. It only puts the
    # official pages first in the run log.
    return [
        EcbCollector(),
        *official_collectors(),
        LlmPricesCollector(),
        GenaiPricesCollector(),
        LiteLLMCollector(),
        ModelsDevCollector(),
        OpenRouterCollector(),
    ]


class NoSuchSource(KeyError):
    """A source id that no collector has."""


def select_collectors(source_ids: list[str] | None) -> list[Collector]:
    collectors = all_collectors()
    if not source_ids:
        return collectors
    known = {c.source_id: c for c in collectors}
    missing = [s for s in source_ids if s not in known]
    if missing:
        raise NoSuchSource(
            f"unknown source {', '.join(missing)}; known sources: {', '.join(sorted(known))}"
        )
    return [known[s] for s in source_ids]
