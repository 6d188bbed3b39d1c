"""Feeding genai-prices' price data to harga, so both price with identical numbers.

genai-prices states a model's prices as one `ModelPrice`, as tiered prices, as prices
conditional on a start date or a UTC time of day, and as price variants. Its tiers are cliffs:
a prompt above a tier's start prices the whole request at that tier. Each becomes harga price
points with the matching conditions. Price keys without a harga dimension are returned as
unsupported.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal
from typing import Any

from genai_prices import types

from harga.domain.conditions import Boundary, Conditions, ServiceTier
from harga.pricing import Offering, PricePoint, point

# genai-prices price key -> (harga dimension, cache TTL)
PRICE_KEYS: dict[str, tuple[str, str | None]] = {
    "input_mtok": ("input", None),
    "output_mtok": ("output", None),
    "cache_read_mtok": ("cache_read", None),
    "cache_write_mtok": ("cache_write", None),
    "cache_write_5m_mtok": ("cache_write", "5m"),
    "cache_write_1h_mtok": ("cache_write", "1h"),
    "input_audio_mtok": ("input_audio", None),
    "output_audio_mtok": ("output_audio", None),
    "cache_audio_read_mtok": ("cache_read_audio", None),
    "input_image_mtok": ("input_image", None),
    "output_image_mtok": ("output_image", None),
    "output_reasoning_mtok": ("reasoning", None),
    "requests_kcount": ("request", None),
    "web_searches_kcount": ("web_search", None),
}

# genai-prices provider id -> harga seller id
SELLERS = {
    "aws": "aws-bedrock",
    "x-ai": "xai",
}


@dataclass
class Converted:
    points: list[PricePoint] = field(default_factory=list)
    unsupported: set[str] = field(default_factory=set)


def seller_of(provider_id: str) -> str:
    return SELLERS.get(provider_id, provider_id)


def offering_of(model_id: str, seller: str, model: types.ModelInfo) -> tuple[Offering, set[str]]:
    """Return a harga offering holding `model`'s genai-prices prices, and unsupported keys."""
    converted = convert_prices(model)
    offering = Offering(model_id, seller, "", True, converted.points)
    return offering, converted.unsupported


# Price variant contexts that select a harga service tier; `service_tier: default` is the
# standard price itself.
VARIANT_TIERS = {
    ("processing", "batch"): ServiceTier.BATCH,
    ("service_tier", "flex"): ServiceTier.FLEX,
    ("service_tier", "priority"): ServiceTier.PRIORITY,
    ("service_tier", "fast"): ServiceTier.FAST,
    ("speed", "fast"): ServiceTier.FAST,
}


def convert_prices(model: types.ModelInfo) -> Converted:
    converted = Converted()
    for variant in model.price_variants or ():
        _add_variant(converted, variant)
    if isinstance(model.prices, types.ModelPrice):
        _add(converted, model.prices, Conditions())
        return converted
    dated = [c for c in model.prices if isinstance(c.constraint, types.StartDateConstraint)]
    starts = sorted(c.constraint.start_date for c in dated)  # type: ignore[union-attr]
    for entry in model.prices:
        constraint = entry.constraint
        if constraint is None:
            _add(converted, entry.prices, Conditions(effective_to=starts[0] if starts else None))
        elif isinstance(constraint, types.StartDateConstraint):
            _add(converted, entry.prices, _dated(constraint.start_date, starts))
        elif isinstance(constraint, types.TimeOfDateConstraint):
            window = f"{_clock(constraint.start_time)}-{_clock(constraint.end_time)}"
            _add(converted, entry.prices, Conditions(time_window=window))
    if dated and any(isinstance(c.constraint, types.TimeOfDateConstraint) for c in model.prices):
        converted.unsupported.add("dates combined with time windows")
    return converted


def _add_variant(converted: Converted, variant: types.PriceVariant) -> None:
    if variant.when == {"service_tier": "default"}:
        return
    tiers = [VARIANT_TIERS.get(item) for item in variant.when.items()]
    if len(tiers) != 1 or tiers[0] is None:
        converted.unsupported.add(f"price variant {variant.when}")
        return
    start = None
    if isinstance(variant.constraint, types.StartDateConstraint):
        start = variant.constraint.start_date
    elif variant.constraint is not None:
        converted.unsupported.add(f"price variant {variant.when} with a time window")
        return
    _add(converted, variant.prices, Conditions(tier=tiers[0], effective_from=start))


def _dated(start: date, starts: list[date]) -> Conditions:
    later = [s for s in starts if s > start]
    return Conditions(effective_from=start, effective_to=min(later) if later else None)


def _clock(value: time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def _add(converted: Converted, prices: types.ModelPrice, base: Conditions) -> None:
    for key, value in _items(prices):
        if key not in PRICE_KEYS:
            converted.unsupported.add(key)
            continue
        dimension, ttl = PRICE_KEYS[key]
        converted.points.extend(_points(dimension, ttl, value, base))


def _items(prices: types.ModelPrice) -> Iterable[tuple[str, Any]]:
    return ((k, v) for k, v in prices.__dict__.items() if not k.startswith("_") and v is not None)


def _points(
    dimension: str, ttl: str | None, value: Decimal | types.TieredPrices, base: Conditions
) -> list[PricePoint]:
    plain = Conditions(**{**base.__dict__, "cache_ttl": ttl})
    if not isinstance(value, types.TieredPrices):
        return [point(dimension, Decimal(value), plain)]
    points = [point(dimension, Decimal(value.base), plain)]
    for tier in value.tiers:
        conditions = Conditions(
            **{
                **plain.__dict__,
                "prompt_threshold_tokens": tier.start,
                "prompt_boundary": Boundary.ABOVE,
            }
        )
        points.append(point(dimension, Decimal(tier.price), conditions))
    return points
