"""Model and seller resolution, time windows and result models."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from harga import price_usage
from harga.pricing import (
    InvalidUsage,
    Offering,
    PriceBook,
    PricePoint,
    PriceResult,
    UnknownModel,
    UnknownOffering,
    Usage,
    point,
)
from harga.pricing.windows import InvalidTimeWindow, parse_window

BOOK = PriceBook(
    [
        Offering("openai/gpt-5", "openai", official=True, points=[point("input", "1.25")]),
        Offering("openai/gpt-5", "openrouter", points=[point("input", "1.30")]),
        Offering("meta/llama-3.3-70b", "groq", points=[point("input", "0.59")]),
        Offering("meta/llama-3.3-70b", "together", points=[point("input", "0.88")]),
    ]
)
USAGE = Usage(input_tokens=1_000_000)


def test_official_seller_by_default() -> None:
    result = price_usage(USAGE, "openai/gpt-5", book=BOOK)

    assert result.seller_id == "openai"
    assert result.total_usd == Decimal("1.25")


def test_seller_chosen_by_caller() -> None:
    result = price_usage(USAGE, "openai/gpt-5", book=BOOK, seller="OpenRouter")

    assert result.total_usd == Decimal("1.30")


def test_upstream_spelling_maps_to_canonical_id() -> None:
    result = price_usage(USAGE, "gpt-5-2025-08-07", book=BOOK)

    assert result.model_id == "openai/gpt-5"


def test_unknown_model_lists_close_matches() -> None:
    with pytest.raises(UnknownModel) as error:
        price_usage(USAGE, "gpt-5o", book=BOOK)

    assert "openai/gpt-5" in error.value.close_matches
    assert "close matches: openai/gpt-5" in str(error.value)


def test_no_official_seller_needs_choice() -> None:
    with pytest.raises(UnknownOffering) as error:
        price_usage(USAGE, "meta/llama-3.3-70b", book=BOOK)

    assert error.value.sellers == ("groq", "together")
    assert "pass a seller" in str(error.value)


def test_unknown_seller_lists_sellers() -> None:
    with pytest.raises(UnknownOffering) as error:
        price_usage(USAGE, "openai/gpt-5", book=BOOK, seller="azure")

    assert "sellers with prices: openai, openrouter" in str(error.value)


def test_unknown_variant_lists_variants() -> None:
    with pytest.raises(UnknownOffering) as error:
        price_usage(USAGE, "openai/gpt-5", book=BOOK, variant="flex")

    assert "no offering with variant 'flex'" in str(error.value)
    assert "variants with prices: (none)" in str(error.value)


@pytest.mark.parametrize(
    ("usage", "message"),
    [
        (Usage(input_tokens=10, cache_read_tokens=11), "exceed input_tokens (10)"),
        (Usage(output_tokens=5, reasoning_tokens=6), "reasoning_tokens (6) exceeds"),
        (Usage(output_tokens=5, output_audio_tokens=6), "exceed output_tokens (5)"),
    ],
)
def test_contradictory_counts_rejected(usage: Usage, message: str) -> None:
    with pytest.raises(InvalidUsage) as error:
        price_usage(usage, "openai/gpt-5", book=BOOK)

    assert message in str(error.value)


@pytest.mark.parametrize(
    ("text", "at", "inside"),
    [
        ("Mon-Fri 09:00-17:00", datetime(2026, 3, 6, 9, 0, tzinfo=UTC), True),  # Friday
        ("Mon-Fri 09:00-17:00", datetime(2026, 3, 6, 17, 0, tzinfo=UTC), False),
        ("Mon-Fri 09:00-17:00", datetime(2026, 3, 7, 10, 0, tzinfo=UTC), False),  # Saturday
        ("Fri 22:00-06:00", datetime(2026, 3, 7, 5, 59, tzinfo=UTC), True),  # Saturday morning
        ("Fri 22:00-06:00", datetime(2026, 3, 6, 5, 59, tzinfo=UTC), False),  # Friday morning
        ("Sat,Sun 00:00-24:00", datetime(2026, 3, 8, 23, 59, tzinfo=UTC), True),
        ("16:30-00:30", datetime(2026, 3, 8, 0, 15, tzinfo=UTC), True),
    ],
)
def test_time_window_contains(text: str, at: datetime, inside: bool) -> None:
    assert parse_window(text).contains(at) is inside


@pytest.mark.parametrize(
    "text", ["9:00-17:00", "Mon-Fro 09:00-17:00", "10:00-10:00", "25:00-26:00"]
)
def test_invalid_time_window(text: str) -> None:
    with pytest.raises(InvalidTimeWindow):
        parse_window(text)


@pytest.mark.parametrize(
    ("amount", "error"),
    [(0.5, TypeError), (Decimal("-1"), ValueError), (Decimal("NaN"), ValueError)],
)
def test_price_point_rejects_amount(amount: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        PricePoint("input", amount)  # type: ignore[arg-type]


def test_result_equals_validated_copy() -> None:
    result = price_usage(Usage(input_tokens=3, output_tokens=0), "openai/gpt-5", book=BOOK)

    validated = PriceResult.model_validate(result.model_dump())

    assert validated == result
    assert result.model_fields_set == set(PriceResult.model_fields)


def test_result_json_plain_decimals() -> None:
    result = price_usage(Usage(input_tokens=3), "openai/gpt-5", book=BOOK)

    data = result.model_dump(mode="json")

    assert str(result.total_usd) == "0.00000375"
    assert data["total_usd"] == "0.00000375"
    assert data["lines"][0]["cost_usd"] == "0.00000375"
