"""Seller rules, each checked against the page or dataset entry it comes from."""

import re
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from harga import price_usage
from harga.domain.conditions import Boundary, Conditions, ServiceTier
from harga.domain.dimensions import Unit
from harga.domain.money import SourceUnit, convert_amount
from harga.domain.states import PriceState
from harga.pricing import MissingPrice, PricePoint, Usage, point
from harga.pricing.rules import all_rules, rules_for
from tests.pricing_helpers import book_of

ANTHROPIC_PAGE = Path(
    "pricing-pages/petehsu-LLM-Docs/data/docs/Anthropic Claude/English/about-claude/pricing.md"
)
MTOK = 1_000_000


def _dollars(cell: str) -> Decimal:
    match = re.search(r"\$([\d.]+)", cell)
    assert match, cell
    return Decimal(match.group(1))


def _anthropic_rows(mirror_dir: Path, columns: int) -> dict[str, list[Decimal]]:
    """Read the rows of the Anthropic pricing page's tables with `columns` price columns."""
    rows = {}
    for line in (mirror_dir / ANTHROPIC_PAGE).read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not cells[0].startswith("Claude") or len(cells) != columns + 1:
            continue
        if not all("/ MTok" in cell for cell in cells[1:]):
            continue
        name = re.sub(r"\s*\(.*\)", "", cells[0])
        rows[name] = [_dollars(c) for c in cells[1:]]
    return rows


def _cache_costs(points: list[PricePoint]) -> dict[tuple[str, str | None], Decimal]:
    book = book_of("anthropic/x", "anthropic", points)
    usage = Usage(cache_write_tokens=MTOK, cache_write_1h_tokens=MTOK, cache_read_tokens=MTOK)
    result = price_usage(usage, "anthropic/x", book=book, at=date(2025, 12, 1))
    return {(line.dimension, line.cache_ttl): line.cost_usd for line in result.lines}


def test_anthropic_page_cache_multipliers(mirror_dir: Path) -> None:
    """Pricing page table (base input, 5m write, 1h write, cache hit, output per model) against
    its note that writes cost 1.25 × and 2 × input and hits 0.1 × input.

    The note holds for every model but Claude Haiku 3, whose row states $0.30 and $0.03 where
    the multipliers give $0.3125 and $0.025; a stated price wins (next test).
    """
    rows = _anthropic_rows(mirror_dir, 5)
    assert len(rows) >= 9
    differing = set()
    for name, (base, write_5m, write_1h, hit, output) in rows.items():
        derived = _cache_costs([point("input", base), point("output", output)])
        stated = {("cache_write", "5m"): write_5m, ("cache_write", "1h"): write_1h}
        stated[("cache_read", None)] = hit
        if derived != stated:
            differing.add(name)

    assert differing == {"Claude Haiku 3"}


def test_anthropic_stated_cache_price_wins(mirror_dir: Path) -> None:
    base, write_5m, write_1h, hit, output = _anthropic_rows(mirror_dir, 5)["Claude Haiku 3"]
    points = [
        point("input", base),
        point("output", output),
        point("cache_write", write_5m, Conditions(cache_ttl="5m")),
        point("cache_write", write_1h, Conditions(cache_ttl="1h")),
        point("cache_read", hit),
    ]

    costs = _cache_costs(points)

    assert costs == {
        ("cache_write", "5m"): Decimal("0.30"),
        ("cache_write", "1h"): Decimal("0.50"),
        ("cache_read", None): Decimal("0.03"),
    }


def test_anthropic_page_batch_is_half(mirror_dir: Path) -> None:
    """Pricing page: 'Batch input' and 'Batch output' per model, 50% of the standard prices."""
    standard = _anthropic_rows(mirror_dir, 5)
    batch = _anthropic_rows(mirror_dir, 2)
    assert len(batch) >= 9
    for name, (batch_input, batch_output) in batch.items():
        base, *_, output = standard[name]
        book = book_of("anthropic/x", "anthropic", [point("input", base), point("output", output)])
        usage = Usage(input_tokens=MTOK, output_tokens=MTOK)

        result = price_usage(usage, "anthropic/x", book=book, tier="batch", at=date(2025, 12, 1))

        costs = {line.dimension: line.cost_usd for line in result.lines}
        assert costs == {"input": batch_input, "output": batch_output}, name


def test_anthropic_batch_uses_stated_cache_price(mirror_dir: Path) -> None:
    """Pricing page, Claude Haiku 3: stated $0.03 cache hits; Batch halves it to $0.015."""
    base, _, _, hit, output = _anthropic_rows(mirror_dir, 5)["Claude Haiku 3"]
    points = [point("input", base), point("output", output), point("cache_read", hit)]
    book = book_of("anthropic/claude-3-haiku", "anthropic", points)

    result = price_usage(
        Usage(cache_read_tokens=MTOK), "anthropic/claude-3-haiku", book=book, tier="batch"
    )

    assert result.total_usd == Decimal("0.015")


def test_anthropic_batch_stacks_with_long_context() -> None:
    """Pricing page: the Batch 50% discount applies to long context, caching multiplies on top.

    Long context for Sonnet 4.5 is $6 input and $22.50 output above 200K input tokens.
    """
    long_context = Conditions(prompt_threshold_tokens=200_000)
    book = book_of(
        "anthropic/claude-sonnet-4.5",
        "anthropic",
        [
            point("input", "3"),
            point("output", "15"),
            point("input", "6", long_context),
            point("output", "22.50", long_context),
        ],
    )
    usage = Usage(input_tokens=100_000, cache_read_tokens=200_000, output_tokens=10_000)

    result = price_usage(usage, "anthropic/claude-sonnet-4.5", book=book, tier="batch")

    prices = {line.dimension: line.unit_price_usd for line in result.lines}
    assert prices == {"input": Decimal(3), "cache_read": Decimal("0.3"), "output": Decimal("11.25")}
    # 100,000 × $3 + 200,000 × $0.30 + 10,000 × $11.25, per 1M tokens
    assert result.total_usd == Decimal("0.4725")


def test_anthropic_threshold_counts_cache_writes() -> None:
    """Pricing page: 'The 200K threshold is based solely on input tokens (including cache
    reads/writes)'; 150,000 written and 60,000 plain prompt tokens cross it."""
    long_context = Conditions(prompt_threshold_tokens=200_000)
    book = book_of(
        "anthropic/claude-sonnet-4",
        "anthropic",
        [point("input", "3"), point("output", "15"), point("input", "6", long_context)],
    )
    usage = Usage(input_tokens=60_000, cache_write_tokens=150_000)

    result = price_usage(usage, "anthropic/claude-sonnet-4", book=book)

    assert result.prompt_tokens == 210_000
    # 60,000 × $6 + 150,000 × 1.25 × $6, per 1M tokens
    assert result.total_usd == Decimal("1.485")


@pytest.mark.parametrize(
    ("boundary", "prompt", "expected_input_mtok"),
    [
        (Boundary.ABOVE, 200_000, Decimal("1.25")),
        (Boundary.ABOVE, 200_001, Decimal("2.50")),
        (Boundary.AT_OR_ABOVE, 199_999, Decimal("1.25")),
        (Boundary.AT_OR_ABOVE, 200_000, Decimal("2.50")),
    ],
)
def test_gemini_threshold_boundary(
    boundary: Boundary, prompt: int, expected_input_mtok: Decimal
) -> None:
    """Gemini pricing page, 2.5 Pro: '$1.25, prompts <= 200k tokens $2.50, prompts > 200k'.

    The page's boundary is exclusive (`gt`); the `ge` rows check the other boundary kind.
    """
    long_context = Conditions(prompt_threshold_tokens=200_000, prompt_boundary=boundary)
    book = book_of(
        "google/gemini-2.5-pro",
        "google",
        [point("input", "1.25"), point("input", "2.50", long_context), point("output", "10")],
    )

    result = price_usage(Usage(input_tokens=prompt), "google/gemini-2.5-pro", book=book)

    assert result.lines[0].unit_price_usd == expected_input_mtok


def test_gemini_thinking_and_images() -> None:
    """Gemini pricing page, 2.5 Flash: '$0.30 (text / image / video)' input and '$2.50' output
    '(including thinking tokens)'. The usage is usages.json's gemini-2.5-flash response to
    test_model_sees_multiple_images: 629 prompt tokens (516 of them image), 2 candidates and 72
    thoughts tokens."""
    book = book_of(
        "google/gemini-2.5-flash", "google", [point("input", "0.30"), point("output", "2.50")]
    )
    usage = Usage(input_tokens=629, input_image_tokens=516, output_tokens=2, reasoning_tokens=72)

    result = price_usage(usage, "google/gemini-2.5-flash", book=book)

    costs = {line.dimension: line.quantity for line in result.lines}
    assert costs == {"input": 113, "input_image": 516, "output": 2, "reasoning": 72}
    # 629 × $0.30 + (2 + 72) × $2.50, per 1M tokens
    assert result.total_usd == Decimal("0.0003737")


def test_gemini_audio_needs_own_price() -> None:
    """Gemini pricing page, 2.5 Flash: audio input is '$1.00 (audio)', not the text rate."""
    book = book_of(
        "google/gemini-2.5-flash", "google", [point("input", "0.30"), point("output", "2.50")]
    )
    usage = Usage(input_tokens=214, input_audio_tokens=144, output_tokens=77)

    with pytest.raises(MissingPrice) as error:
        price_usage(usage, "google/gemini-2.5-flash", book=book)

    assert error.value.dimensions == ("input_audio",)


def test_gemini_batch_is_half() -> None:
    """Gemini pricing page: 'Batch API (50% cost reduction)'."""
    book = book_of(
        "google/gemini-2.5-flash", "google", [point("input", "0.30"), point("output", "2.50")]
    )
    usage = Usage(input_tokens=MTOK, output_tokens=MTOK)

    result = price_usage(usage, "google/gemini-2.5-flash", book=book, tier=ServiceTier.BATCH)

    assert result.total_usd == Decimal("1.40")


def test_xai_reasoning_billed_on_top() -> None:
    """usages.json, x-ai/grok-4 chat completion: prompt 687 (682 cached), completion 240 and
    reasoning 165 tokens; genai-prices data.json prices grok-4 at $3 input, $0.75 cached and
    $15 output, and xAI bills reasoning tokens at the output rate."""
    book = book_of(
        "xai/grok-4",
        "xai",
        [point("input", "3"), point("cache_read", "0.75"), point("output", "15")],
    )
    usage = Usage(input_tokens=687, cache_read_tokens=682, output_tokens=240, reasoning_tokens=165)

    result = price_usage(usage, "xai/grok-4", book=book, api_surface="chat_completions")

    # 5 × $3 + 682 × $0.75 + (240 + 165) × $15, per 1M tokens
    assert result.total_usd == Decimal("0.0066015")


def test_openai_missing_batch_cached_price() -> None:
    """OpenAI pricing page, Batch table: gpt-4.1 '$1.00 | - | $4.00'; cached input has no
    batch price, and OpenAI states no rule that derives one."""
    batch = Conditions(tier=ServiceTier.BATCH)
    book = book_of(
        "openai/gpt-4.1",
        "openai",
        [
            point("input", "2"),
            point("cache_read", "0.50"),
            point("output", "8"),
            point("input", "1.00", batch),
            point("output", "4.00", batch),
        ],
    )
    usage = Usage(input_tokens=10_000, cache_read_tokens=5_000, output_tokens=100)

    with pytest.raises(MissingPrice) as error:
        price_usage(usage, "openai/gpt-4.1", book=book, tier="batch")

    assert error.value.dimensions == ("cache_read",)


def test_openai_tiers_use_own_tables() -> None:
    """OpenAI pricing page, o3 rows: Standard '$2.00 | $0.50 | $8.00', Flex '$1.00 | $0.25 |
    $4.00', Priority '$3.50 | $0.875 | $14.00' (input, cached input, output)."""
    rows = {
        ServiceTier.STANDARD: ("2.00", "0.50", "8.00"),
        ServiceTier.FLEX: ("1.00", "0.25", "4.00"),
        ServiceTier.PRIORITY: ("3.50", "0.875", "14.00"),
    }
    points = [
        point(dimension, amount, Conditions(tier=tier))
        for tier, amounts in rows.items()
        for dimension, amount in zip(("input", "cache_read", "output"), amounts, strict=True)
    ]
    book = book_of("openai/o3", "openai", points)
    usage = Usage(input_tokens=MTOK, cache_read_tokens=400_000, output_tokens=100_000)

    flex = price_usage(usage, "openai/o3", book=book, tier="flex")
    priority = price_usage(usage, "openai/o3", book=book, tier="priority")

    # 600,000 uncached, 400,000 cached and 100,000 output tokens at each tier's prices
    assert flex.total_usd == Decimal("1.1")
    assert priority.total_usd == Decimal("3.85")


@pytest.mark.parametrize(
    ("at", "input_mtok"),
    [
        (datetime(2025, 7, 1, 10, 0, tzinfo=UTC), Decimal("0.27")),
        (datetime(2025, 7, 1, 16, 29, tzinfo=UTC), Decimal("0.27")),
        (datetime(2025, 7, 1, 16, 30, tzinfo=UTC), Decimal("0.135")),
        (datetime(2025, 7, 1, 23, 0, tzinfo=UTC), Decimal("0.135")),
        (datetime(2025, 7, 2, 0, 29, tzinfo=UTC), Decimal("0.135")),
        (datetime(2025, 7, 2, 0, 30, tzinfo=UTC), Decimal("0.27")),
    ],
)
def test_deepseek_off_peak_window(at: datetime, input_mtok: Decimal) -> None:
    """genai-prices deepseek.yml, deepseek-chat: $0.27 input from 00:30 to 16:30 UTC and the
    off-peak $0.135 otherwise."""
    peak = Conditions(time_window="00:30-16:30")
    book = book_of(
        "deepseek/deepseek-chat",
        "deepseek",
        [
            point("input", "0.135"),
            point("output", "0.55"),
            point("input", "0.27", peak),
            point("output", "1.1", peak),
        ],
    )

    result = price_usage(Usage(input_tokens=1), "deepseek/deepseek-chat", book=book, at=at)

    assert result.lines[0].unit_price_usd == input_mtok


def test_regional_endpoint_uplift() -> None:
    """Anthropic pricing page: on AWS Bedrock, regional endpoints of Sonnet 4.5 and later cost
    10% more than global ones; Sonnet 4 keeps its price."""
    points = [point("input", "3"), point("output", "15")]
    usage = Usage(input_tokens=MTOK, output_tokens=MTOK)
    newer = book_of("anthropic/claude-sonnet-4.5", "aws-bedrock", points)
    older = book_of("anthropic/claude-sonnet-4", "aws-bedrock", points)

    regional = price_usage(usage, "anthropic/claude-sonnet-4.5", book=newer, region="us-east-1")
    global_ = price_usage(usage, "anthropic/claude-sonnet-4.5", book=newer, region="global")
    unchanged = price_usage(usage, "anthropic/claude-sonnet-4", book=older, region="us-east-1")

    assert regional.total_usd == Decimal("19.8")
    assert global_.total_usd == Decimal("18")
    assert unchanged.total_usd == Decimal("18")


def test_stated_regional_price_wins() -> None:
    regional = Conditions(region="eu-west-1")
    book = book_of(
        "anthropic/claude-sonnet-4.5",
        "aws-bedrock",
        [point("input", "3"), point("input", "3.5", regional)],
    )

    result = price_usage(
        Usage(input_tokens=MTOK), "anthropic/claude-sonnet-4.5", book=book, region="eu-west-1"
    )

    assert result.total_usd == Decimal("3.5")


def test_per_request_fee() -> None:
    """Perplexity pricing page example: Sonar, 500 input + 200 output tokens at $1/$1 per 1M,
    plus a $0.005 request fee ($5 per 1K requests): total $0.0057."""
    book = book_of(
        "perplexity/sonar",
        "perplexity",
        [point("input", "1"), point("output", "1"), point("request", "5")],
    )

    result = price_usage(Usage(input_tokens=500, output_tokens=200), "perplexity/sonar", book=book)

    assert result.total_usd == Decimal("0.0057")


def test_web_search_per_thousand() -> None:
    """Anthropic pricing page: web search is '$10 per 1,000 searches' plus token costs."""
    book = book_of(
        "anthropic/claude-sonnet-4.5",
        "anthropic",
        [point("input", "3"), point("output", "15"), point("web_search", "10")],
    )
    usage = Usage(input_tokens=10_809, output_tokens=644, web_searches=1)

    result = price_usage(usage, "anthropic/claude-sonnet-4.5", book=book)

    # usages.json body with one web search: 10,809 × $3 + 644 × $15 per 1M, plus $0.01
    assert result.total_usd == Decimal("0.052087")


def test_per_second_audio() -> None:
    """OpenAI pricing page: Whisper transcription '$0.006 / minute'."""
    per_second = convert_amount(Decimal("0.006"), SourceUnit.PER_MINUTE, Unit.PER_SECOND)
    book = book_of("openai/whisper-1", "openai", [point("audio_second", per_second)])

    result = price_usage(
        Usage(audio_seconds=Decimal(90)), "openai/whisper-1", book=book, at=date(2025, 12, 1)
    )

    assert result.total_usd == Decimal("0.009")


def test_per_image_variant() -> None:
    """OpenAI pricing page, image generation: GPT Image 1, low quality, 1024 x 1024: $0.011."""
    book = book_of(
        "openai/gpt-image-1", "openai", [point("image", "0.011")], variant="low-1024x1024"
    )

    result = price_usage(Usage(images=3), "openai/gpt-image-1", book=book, variant="low-1024x1024")

    assert result.total_usd == Decimal("0.033")


def test_not_offered_stops_derivation() -> None:
    """llm-prices anthropic.json states a null cached price for claude-sonnet-5, which its
    README defines as not offered; that statement wins over the 0.1 × input rule."""
    not_offered = PricePoint("cache_read", None, PriceState.NOT_OFFERED)
    book = book_of(
        "anthropic/claude-sonnet-5",
        "anthropic",
        [point("input", "2"), point("output", "10"), not_offered],
    )

    result = price_usage(
        Usage(input_tokens=10, cache_read_tokens=10),
        "anthropic/claude-sonnet-5",
        book=book,
        allow_incomplete=True,
    )

    assert [(m.dimension, m.reason) for m in result.missing] == [("cache_read", "not offered")]


def test_every_seller_rule_names_source() -> None:
    rules = all_rules()

    assert {"default", "openai", "anthropic", "google", "xai", "deepseek"} <= set(rules)
    for seller, entry in rules.items():
        assert entry.source, seller
        for derivation in entry.derived.values():
            assert derivation.source, seller
        for factor in entry.tier_factors.values():
            assert factor.source, seller


def test_surface_overrides_seller_rules() -> None:
    assert rules_for("google-vertex").cache_in_input is True
    assert rules_for("google-vertex", "anthropic_messages").cache_in_input is False
    assert rules_for("openrouter").source == rules_for("default").source


def test_published_window_form_is_priced() -> None:
    """genai-prices' DeepSeek off-peak windows, as harga publishes them, price a request."""
    from datetime import time

    from harga.domain.conditions import format_time_window

    peak = Conditions(time_window=format_time_window(time(0, 30), time(16, 30)))
    off_peak = Conditions(time_window=format_time_window(time(16, 30), time(0, 30)))
    book = book_of(
        "deepseek/deepseek-chat",
        "deepseek",
        [point("input", "0.27", peak), point("input", "0.135", off_peak)],
    )

    day = price_usage(
        Usage(input_tokens=1),
        "deepseek/deepseek-chat",
        book=book,
        at=datetime(2025, 7, 1, 10, 0, tzinfo=UTC),
    )
    night = price_usage(
        Usage(input_tokens=1),
        "deepseek/deepseek-chat",
        book=book,
        at=datetime(2025, 7, 1, 20, 0, tzinfo=UTC),
    )

    assert day.lines[0].unit_price_usd == Decimal("0.27")
    assert night.lines[0].unit_price_usd == Decimal("0.135")


def test_official_plain_price_beats_aggregator_window() -> None:
    """DeepSeek's own page states $0.28 input with no off-peak hours; genai-prices still lists
    the dropped off-peak windows. The seller's own price applies at any hour."""
    from datetime import time

    from harga.domain.conditions import format_time_window
    from harga.domain.states import PriceState
    from harga.pricing import PricePoint

    off_peak = Conditions(time_window=format_time_window(time(16, 30), time(0, 30)))
    official = PricePoint("input", Decimal("0.28"), PriceState.PRICED, official=True)
    book = book_of(
        "deepseek/deepseek-chat", "deepseek", [official, point("input", "0.135", off_peak)]
    )

    night = price_usage(
        Usage(input_tokens=1),
        "deepseek/deepseek-chat",
        book=book,
        at=datetime(2025, 7, 1, 20, 0, tzinfo=UTC),
    )

    assert night.lines[0].unit_price_usd == Decimal("0.28")
