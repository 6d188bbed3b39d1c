"""Speed of harga's `price_usage` against genai-prices' `calc_price` on the same requests.

Both price the same 100,000 requests with the same prices: harga's price book is built from the
genai-prices package's own bundled data through `bench.genai_adapter`. The requests mix models
with flat, long-context (tiered) and time-of-day prices, cached reads and writes, and reasoning
tokens, at timestamps spread over two months. The script checks that the two totals are equal
and prints both throughputs and their ratio.

Run: `make bench` (or `python -m bench.speed [COUNT]`).
"""

import platform
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import genai_prices
from genai_prices import data_snapshot

from bench.genai_adapter import offering_of, seller_of
from harga.pricing import Offering, PriceBook, Usage, price_usage
from harga.pricing.rules import rules_for

# (genai-prices provider, model id): every price key of these maps to a harga dimension.
MODELS = (
    ("anthropic", "claude-sonnet-4-5"),
    ("anthropic", "claude-haiku-4-5"),
    ("openai", "gpt-5"),
    ("openai", "gpt-5-mini"),
    ("openai", "gpt-4o-mini"),
    ("google", "gemini-2.5-pro"),
    ("google", "gemini-2.5-flash"),
    ("deepseek", "deepseek-chat"),
    ("mistral", "mistral-medium-latest"),
)
START = datetime(2026, 6, 1, tzinfo=UTC)
RUNS = 3


@dataclass(frozen=True)
class Request:
    provider: str
    model: str
    model_id: str
    seller: str
    at: datetime
    harga_usage: Usage
    genai_usage: genai_prices.Usage


def build_book() -> PriceBook:
    snapshot = data_snapshot.get_snapshot()
    by_id = {p.id: p for p in snapshot.providers}
    offerings: list[Offering] = []
    for provider, model_id in MODELS:
        model = next(m for m in by_id[provider].models if m.id == model_id)
        offering, unsupported = offering_of(f"{provider}/{model_id}", seller_of(provider), model)
        # Keys without a harga dimension (file-search storage, for one) price usage that these
        # requests never have, so both libraries ignore them here.
        del unsupported
        offerings.append(offering)
    return PriceBook(offerings)


def build_requests(count: int, seed: int = 2026) -> list[Request]:
    """Draw `count` requests; prompts up to 400K tokens cross the 200K long-context tiers."""
    rng = random.Random(seed)
    requests = []
    for _ in range(count):
        provider, model = MODELS[rng.randrange(len(MODELS))]
        seller = seller_of(provider)
        rules = rules_for(seller)
        prompt = rng.choice((rng.randint(1, 8_000), rng.randint(8_000, 400_000)))
        cached = rng.randint(0, prompt) if rng.random() < 0.5 else 0
        written = rng.randint(0, prompt - cached) if provider == "anthropic" else 0
        output = rng.randint(1, 8_000)
        reasoning = rng.randint(0, output) if provider in ("openai", "google") else 0
        at = START + timedelta(seconds=rng.randint(0, 60 * 86_400))
        requests.append(
            Request(
                provider=provider,
                model=model,
                model_id=f"{provider}/{model}",
                seller=seller,
                at=at,
                harga_usage=_harga_usage(
                    rules.cache_in_input,
                    rules.reasoning_in_output,
                    prompt,
                    cached,
                    written,
                    output,
                    reasoning,
                ),
                genai_usage=genai_prices.Usage(
                    input_tokens=prompt,
                    cache_read_tokens=cached,
                    cache_write_tokens=written,
                    output_tokens=output,
                    output_reasoning_tokens=reasoning,
                ),
            )
        )
    return requests


def _harga_usage(
    cache_in_input: bool,
    reasoning_in_output: bool,
    prompt: int,
    cached: int,
    written: int,
    output: int,
    reasoning: int,
) -> Usage:
    """Restate one genai-prices usage (every total includes its parts) as the seller reports it."""
    return Usage(
        input_tokens=prompt if cache_in_input else prompt - cached - written,
        cache_read_tokens=cached,
        cache_write_tokens=written,
        output_tokens=output if reasoning_in_output else output - reasoning,
        reasoning_tokens=reasoning,
    )


def time_genai(requests: list[Request]) -> tuple[float, Decimal]:
    calc = genai_prices.calc_price
    total = Decimal(0)
    start = time.perf_counter()
    for r in requests:
        total += calc(
            r.genai_usage, r.model, provider_id=r.provider, genai_request_timestamp=r.at
        ).total_price
    return time.perf_counter() - start, total


def time_harga(requests: list[Request], book: PriceBook) -> tuple[float, Decimal]:
    total = Decimal(0)
    start = time.perf_counter()
    for r in requests:
        total += price_usage(
            r.harga_usage, r.model_id, book=book, seller=r.seller, at=r.at
        ).total_usd
    return time.perf_counter() - start, total


def best_of(
    runs: int, *measures: Callable[[], tuple[float, Decimal]]
) -> list[tuple[float, Decimal]]:
    """Run the measures in turn `runs` times and keep each one's fastest run.

    Taking turns spreads the load of other processes on the machine over both libraries.
    """
    results: list[list[tuple[float, Decimal]]] = [[] for _ in measures]
    for _ in range(runs):
        for index, measure in enumerate(measures):
            results[index].append(measure())
    return [min(runs_of_one, key=lambda r: r[0]) for runs_of_one in results]


def main(argv: list[str]) -> int:
    count = int(argv[1]) if len(argv) > 1 else 100_000
    requests = build_requests(count)
    # A fresh book per run, so each harga run compiles its tables and fills its caches anew.
    (genai_seconds, genai_total), (harga_seconds, harga_total) = best_of(
        RUNS, lambda: time_genai(requests), lambda: time_harga(requests, build_book())
    )
    print(
        f"python {platform.python_version()} on {platform.machine()}, genai-prices "
        f"{genai_prices.__version__}, {count:,} requests over {len(MODELS)} models, best of 3"
    )
    print(
        f"genai-prices calc_price: {count / genai_seconds:>10,.0f} requests/s  total ${genai_total}"
    )
    print(
        f"harga price_usage:       {count / harga_seconds:>10,.0f} requests/s  total ${harga_total}"
    )
    print(f"ratio harga / genai-prices: {genai_seconds / harga_seconds:.1f}x")
    if genai_total != harga_total:
        print(f"totals differ by ${harga_total - genai_total}", file=sys.stderr)
        return 1
    print("totals are equal")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
