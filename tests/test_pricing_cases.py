"""The pricing cases every release must get exactly right, with the prices given per case."""

from datetime import date
from decimal import Decimal

import pytest

from harga import price_usage
from harga.domain.conditions import Boundary, Conditions
from harga.domain.dimensions import Unit
from harga.domain.money import SourceUnit, convert_amount
from harga.pricing import MissingPrice, Usage, point
from tests.pricing_helpers import book_of

LONG_CONTEXT = Conditions(prompt_threshold_tokens=200_000, prompt_boundary=Boundary.ABOVE)


def test_anthropic_cache_write_request() -> None:
    book = book_of(
        "anthropic/claude-sonnet-4.5",
        "anthropic",
        [
            point("input", "3"),
            point("cache_write", "3.75", Conditions(cache_ttl="5m")),
            point("cache_read", "0.30"),
            point("output", "15"),
        ],
    )
    usage = Usage(input_tokens=3, cache_write_tokens=12_304, cache_read_tokens=0, output_tokens=550)

    result = price_usage(usage, "anthropic/claude-sonnet-4.5", book=book, at=date(2025, 11, 1))

    assert result.total_usd == Decimal("0.054399")
    assert result.complete


def test_openai_cached_prompt_request() -> None:
    book = book_of(
        "openai/gpt-5",
        "openai",
        [point("input", "1.25"), point("cache_read", "0.125"), point("output", "10")],
    )
    usage = Usage(input_tokens=9_126, cache_read_tokens=4_864, output_tokens=3_197)

    result = price_usage(usage, "openai/gpt-5", book=book, at=date(2025, 11, 1))

    assert result.total_usd == Decimal("0.0379055")
    quantities = {line.dimension: line.quantity for line in result.lines}
    assert quantities == {"input": 4_262, "cache_read": 4_864, "output": 3_197}


def test_openai_reasoning_inside_output() -> None:
    book = book_of("openai/o1-pro", "openai", [point("input", "30"), point("output", "180")])
    usage = Usage(input_tokens=14_746, output_tokens=1_944, reasoning_tokens=1_360)

    result = price_usage(usage, "openai/o1-pro", book=book, at=date(2025, 11, 1))

    assert result.total_usd == Decimal("0.7923")


def _long_context_book():
    return book_of(
        "anthropic/claude-sonnet-4",
        "anthropic",
        [
            point("input", "3"),
            point("output", "15"),
            point("input", "6", LONG_CONTEXT),
            point("output", "22.50", LONG_CONTEXT),
        ],
    )


def test_long_context_whole_request() -> None:
    usage = Usage(input_tokens=300_000, output_tokens=10_000)

    result = price_usage(usage, "anthropic/claude-sonnet-4", book=_long_context_book())

    assert result.total_usd == Decimal("2.025")
    assert result.prompt_threshold_tokens == 200_000


def test_long_context_counts_cache_reads() -> None:
    # The cache read price is 0.1 × input by Anthropic's rule; 240,000 cached tokens push the
    # prompt over 200K, so both parts take the long-context rate.
    usage = Usage(input_tokens=10_000, cache_read_tokens=240_000)

    result = price_usage(usage, "anthropic/claude-sonnet-4", book=_long_context_book())

    assert result.total_usd == Decimal("0.204")
    assert result.prompt_tokens == 250_000
    by_dimension = {line.dimension: line.unit_price_usd for line in result.lines}
    assert by_dimension == {"input": Decimal(6), "cache_read": Decimal("0.6")}


@pytest.mark.parametrize(
    ("on", "expected"), [(date(2025, 5, 1), Decimal("1.80")), (date(2025, 7, 1), Decimal("0.36"))]
)
def test_price_cut_by_request_date(on: date, expected: Decimal) -> None:
    before = Conditions(effective_to=date(2025, 6, 10))
    after = Conditions(effective_from=date(2025, 6, 10))
    book = book_of(
        "openai/o3",
        "openai",
        [
            point("input", "10", before),
            point("output", "40", before),
            point("input", "2", after),
            point("output", "8", after),
        ],
    )
    usage = Usage(input_tokens=100_000, output_tokens=20_000)

    result = price_usage(usage, "openai/o3", book=book, at=on)

    assert result.total_usd == expected


def test_per_thousand_source_prices() -> None:
    input_mtok = convert_amount(Decimal("0.0032"), SourceUnit.PER_KTOK, Unit.PER_MTOK)
    output_mtok = convert_amount(Decimal("0.00971"), SourceUnit.PER_KTOK, Unit.PER_MTOK)
    book = book_of(
        "amazon/nova-pro", "aws-bedrock", [point("input", input_mtok), point("output", output_mtok)]
    )

    result = price_usage(
        Usage(input_tokens=1_000, output_tokens=1_000), "amazon/nova-pro", book=book
    )

    assert input_mtok == Decimal("3.2")
    assert output_mtok == Decimal("9.71")
    assert result.total_usd == Decimal("0.01291")


def _no_cache_price_book():
    return book_of(
        "deepseek/deepseek-chat", "deepseek", [point("input", "0.28"), point("output", "0.42")]
    )


def test_absent_cache_price_is_error() -> None:
    usage = Usage(input_tokens=3_500_000, cache_read_tokens=3_460_000)

    with pytest.raises(MissingPrice) as error:
        price_usage(usage, "deepseek/deepseek-chat", book=_no_cache_price_book())

    assert error.value.dimensions == ("cache_read",)
    assert "cache_read" in str(error.value)
    assert "deepseek/deepseek-chat" in str(error.value)
    assert "'deepseek'" in str(error.value)


def test_absent_cache_price_incomplete_result() -> None:
    usage = Usage(input_tokens=3_500_000, cache_read_tokens=3_460_000)

    result = price_usage(
        usage, "deepseek/deepseek-chat", book=_no_cache_price_book(), allow_incomplete=True
    )

    assert not result.complete
    assert [m.dimension for m in result.missing] == ["cache_read"]
    assert result.missing[0].quantity == 3_460_000
    # Only the 40,000 uncached tokens are priced; the cached ones are not priced at zero.
    assert result.total_usd == Decimal("0.0112")
