"""A small published database for page and API tests, built through the real pipeline.

Values follow the real sources where a model exists there: gpt-5.4-nano's prices and
context window are those genai-prices, LiteLLM, models.dev and OpenRouter state for it.
"""

from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine

from harga.collectors.base import SourceKind
from harga.domain.conditions import Conditions, ServiceTier
from harga.domain.observation import fact, fx_rate
from harga.pipeline.runner import run_collection
from harga.storage.engine import make_sessionmaker
from tests.fakes import StaticCollector, context_window, usd_mtok, write_source_file

NANO = "gpt-5.4-nano"


def _facts(source: str, model: str, seller: str, **values: object) -> list:
    return [
        fact(source, model, seller, key, repr(value), value, f'"{model}" › "{key}"')  # type: ignore[arg-type]
        for key, value in values.items()
    ]


def sample_collectors() -> list[StaticCollector]:
    alpha = StaticCollector(
        "alpha",
        [
            usd_mtok("alpha", NANO, "openai", "input", "0.2"),
            usd_mtok("alpha", NANO, "openai", "output", "1.25"),
            usd_mtok("alpha", NANO, "openai", "cache_read", "0.02"),
            usd_mtok("alpha", NANO, "openai", "input", "0.1", Conditions(tier=ServiceTier.BATCH)),
            context_window("alpha", NANO, "openai", 400000),
            *_facts(
                "alpha",
                NANO,
                "openai",
                name="GPT-5.4 nano",
                tool_call=True,
                reasoning=True,
                input_modalities=("text", "image"),
                output_modalities=("text",),
            ),
            usd_mtok("alpha", "claude-opus-4-1", "anthropic", "input", "15"),
            usd_mtok("alpha", "claude-opus-4-1", "anthropic", "output", "75"),
            context_window("alpha", "claude-opus-4-1", "anthropic", 200000),
            usd_mtok(
                "alpha", "o3", "openai", "input", "10", Conditions(effective_to=date(2025, 6, 10))
            ),
            usd_mtok(
                "alpha", "o3", "openai", "input", "2", Conditions(effective_from=date(2025, 6, 10))
            ),
            usd_mtok("alpha", "o3", "openai", "output", "8"),
        ],
    )
    beta = StaticCollector(
        "beta",
        [
            usd_mtok("beta", "openai/gpt-5.4-nano", "openai", "input", "0.2"),
            usd_mtok("beta", "openai/gpt-5.4-nano", "openai", "output", "1.25"),
            context_window("beta", NANO, "openai", 1050000),
            usd_mtok("beta", "openai/gpt-5.4-nano", "openrouter", "input", "0.2"),
            usd_mtok("beta", "openai/gpt-5.4-nano", "openrouter", "output", "1.25"),
            usd_mtok("beta", "deepseek-chat", "deepseek", "input", "0.28"),
            usd_mtok("beta", "deepseek-chat", "deepseek", "output", "0.42"),
            context_window("beta", "deepseek-chat", "deepseek", 128000),
        ],
    )
    gamma = StaticCollector("gamma", [context_window("gamma", NANO, "openai", 400000)])
    # The ECB's rates of 2026-04-13, as its reference-rate file states them.
    rates = StaticCollector(
        "rates",
        [
            fx_rate("rates", "USD", "1.1684", Decimal("1.1684"), date(2026, 4, 13), "USD 1.1684"),
            fx_rate("rates", "IDR", "20082.05", Decimal("20082.05"), date(2026, 4, 13), "IDR"),
        ],
        kind=SourceKind.FX,
    )
    return [rates, alpha, beta, gamma]


def populate(engine: Engine, mirror: Path) -> None:
    for source in ("rates", "alpha", "beta", "gamma"):
        write_source_file(mirror, source, f"{source} sample")
    run_collection(make_sessionmaker(engine), sample_collectors(), mirror, today=date(2026, 12, 4))
