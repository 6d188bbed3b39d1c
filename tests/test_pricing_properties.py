"""Properties of pricing that hold for any usage: monotone, additive, never negative."""

from dataclasses import dataclass, replace
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from harga import price_usage, price_workload
from harga.domain.conditions import Conditions
from harga.pricing import PriceBook, PricedRequest, Usage, point
from harga.pricing.rules import rules_for

LONG_CONTEXT = Conditions(prompt_threshold_tokens=200_000)

# One book per convention: OpenAI counts cached tokens inside the prompt, Anthropic apart (with
# derived cache prices and a long-context cliff), Google bills reasoning on top of output.
BOOKS = {
    "openai": PriceBook.from_points(
        "openai/gpt-5",
        "openai",
        [
            point("input", "1.25"),
            point("cache_read", "0.125"),
            point("cache_write", "1.25"),
            point("cache_write", "2.5", Conditions(cache_ttl="1h")),
            point("output", "10"),
            point("web_search", "10"),
        ],
    ),
    "anthropic": PriceBook.from_points(
        "anthropic/claude-sonnet-4.5",
        "anthropic",
        [
            point("input", "3"),
            point("output", "15"),
            point("input", "6", LONG_CONTEXT),
            point("output", "22.50", LONG_CONTEXT),
            point("web_search", "10"),
        ],
    ),
    "google": PriceBook.from_points(
        "google/gemini-2.5-flash",
        "google",
        [
            point("input", "0.30"),
            point("cache_read", "0.03"),
            point("cache_write", "0.30"),
            point("cache_write", "0.30", Conditions(cache_ttl="1h")),
            point("output", "2.50"),
            point("web_search", "35"),
        ],
    ),
}
MODELS = {
    "openai": "openai/gpt-5",
    "anthropic": "anthropic/claude-sonnet-4.5",
    "google": "google/gemini-2.5-flash",
}


@dataclass(frozen=True)
class Parts:
    """Disjoint token counts, restated in each seller's convention by `usage`."""

    plain_input: int
    cached: int
    written: int
    written_1h: int
    plain_output: int
    reasoning: int
    searches: int

    def usage(self, seller: str) -> Usage:
        rules = rules_for(seller)
        prompt = self.plain_input
        if rules.cache_in_input:
            prompt += self.cached + self.written + self.written_1h
        output = self.plain_output
        if rules.reasoning_in_output:
            output += self.reasoning
        return Usage(
            input_tokens=prompt,
            cache_read_tokens=self.cached,
            cache_write_tokens=self.written,
            cache_write_1h_tokens=self.written_1h,
            output_tokens=output,
            reasoning_tokens=self.reasoning,
            web_searches=self.searches,
        )


counts = st.integers(min_value=0, max_value=400_000)
parts = st.builds(
    Parts, counts, counts, counts, counts, counts, counts, st.integers(min_value=0, max_value=20)
)
sellers = st.sampled_from(sorted(BOOKS))
FIELDS = (
    "plain_input",
    "cached",
    "written",
    "written_1h",
    "plain_output",
    "reasoning",
    "searches",
)


def _cost(seller: str, usage_parts: Parts) -> Decimal:
    return price_usage(usage_parts.usage(seller), MODELS[seller], book=BOOKS[seller]).total_usd


@settings(max_examples=200)
@given(sellers, parts, st.sampled_from(FIELDS), st.integers(min_value=1, max_value=300_000))
def test_cost_monotone_in_counts(seller: str, base: Parts, field: str, extra: int) -> None:
    more = replace(base, **{field: getattr(base, field) + extra})

    assert _cost(seller, more) >= _cost(seller, base)


@settings(max_examples=200)
@given(sellers, parts)
def test_cost_never_negative(seller: str, usage_parts: Parts) -> None:
    result = price_usage(usage_parts.usage(seller), MODELS[seller], book=BOOKS[seller])

    assert result.total_usd >= 0
    assert all(line.cost_usd >= 0 for line in result.lines)
    assert result.total_usd == sum((line.cost_usd for line in result.lines), Decimal(0))


@settings(max_examples=100)
@given(sellers, st.lists(parts, min_size=1, max_size=8))
def test_workload_adds_requests(seller: str, requests: list[Parts]) -> None:
    workload = [PricedRequest(usage=p.usage(seller), model=MODELS[seller]) for p in requests]

    result = price_workload(workload, book=BOOKS[seller])

    assert result.total_usd == sum((_cost(seller, p) for p in requests), Decimal(0))
    assert len(result.requests) == len(requests)


@settings(max_examples=100)
@given(st.sampled_from(["openai", "google"]), parts, parts)
def test_linear_without_size_tiers(seller: str, first: Parts, second: Parts) -> None:
    """Without prompt-size tiers, one request's cost is the sum of its parts' costs."""
    together = first.usage(seller) + second.usage(seller)

    total = price_usage(together, MODELS[seller], book=BOOKS[seller]).total_usd

    assert total == _cost(seller, first) + _cost(seller, second)
