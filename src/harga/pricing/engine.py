"""Pricing usage: one request with `price_usage`, a list of requests with `price_workload`."""

from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from decimal import Decimal
from functools import cache

from harga.domain.conditions import ServiceTier
from harga.domain.dimensions import get_dimension
from harga.pricing.book import PriceBook
from harga.pricing.errors import MissingPrice
from harga.pricing.points import UNIT_SIZE, PricePoint
from harga.pricing.quantities import OPTIONAL_DIMENSIONS, billable_quantities, prompt_tokens
from harga.pricing.result import (
    FactUsed,
    MissingDimension,
    PricedRequest,
    PriceLine,
    PriceResult,
    WorkloadResult,
)
from harga.pricing.rules import SellerRules, rules_for
from harga.pricing.table import Resolved
from harga.pricing.usage import Usage


def price_usage(
    usage: Usage,
    model: str,
    *,
    book: PriceBook,
    seller: str | None = None,
    variant: str = "",
    tier: ServiceTier | str = ServiceTier.STANDARD,
    region: str | None = None,
    api_surface: str | None = None,
    at: datetime | date | None = None,
    allow_incomplete: bool = False,
) -> PriceResult:
    """Price one request's usage with the prices in effect at `at` (UTC; now when None).

    Raises `UnknownModel` or `UnknownOffering` when the offering is not in `book`, and
    `InvalidUsage` for contradictory counts. A dimension the usage needs without a usable
    price raises `MissingPrice`, unless `allow_incomplete` is set: then the result is
    marked incomplete and lists the missing dimensions.
    """
    table = book.table(model, seller, variant)
    rules = _rules(table.seller_id, api_surface)
    moment = _utc(at)
    service_tier = ServiceTier(tier)
    prompt_size = prompt_tokens(usage, rules)
    card = table.card(service_tier, region, api_surface, moment, prompt_size)
    lines: list[PriceLine] = []
    missing: list[MissingDimension] = []
    total = Decimal(0)
    for quantity in billable_quantities(usage, rules):
        resolved = card.price(quantity.dimension, quantity.cache_ttl)
        if resolved.amount is None:
            if quantity.dimension not in OPTIONAL_DIMENSIONS:
                missing.append(_missing(resolved, quantity.count))
            continue
        line = _line(resolved, quantity.count)
        total += line.cost_usd
        lines.append(line)
    if missing and not allow_incomplete:
        details = "; ".join(f"{m.dimension}: {m.reason}" for m in missing)
        raise MissingPrice(table.model_id, table.seller_id, [_label(m) for m in missing], details)
    threshold = card.band_threshold
    return PriceResult.model_construct(
        model_id=table.model_id,
        seller_id=table.seller_id,
        variant=table.variant,
        tier=service_tier.value,
        region=region,
        api_surface=api_surface,
        at=moment,
        prompt_tokens=prompt_size,
        prompt_threshold_tokens=threshold[0] if threshold else None,
        total_usd=total,
        complete=not missing,
        lines=lines,
        missing=missing,
        rules_source=rules.source,
    )


def price_workload(
    requests: Iterable[PricedRequest], *, book: PriceBook, allow_incomplete: bool = False
) -> WorkloadResult:
    """Price each request on its own and add the costs; a workload costs its requests' sum."""
    results = [
        price_usage(
            request.usage,
            request.model,
            book=book,
            seller=request.seller,
            variant=request.variant,
            tier=request.tier,
            region=request.region,
            api_surface=request.api_surface,
            at=request.at,
            allow_incomplete=allow_incomplete,
        )
        for request in requests
    ]
    total = sum((r.total_usd for r in results), Decimal(0))
    return WorkloadResult(
        total_usd=total, complete=all(r.complete for r in results), requests=results
    )


@cache
def _rules(seller: str, api_surface: str | None) -> SellerRules:
    return rules_for(seller, api_surface)


def _utc(at: datetime | date | None) -> datetime:
    if at is None:
        return datetime.now(UTC)
    if not isinstance(at, datetime):
        return datetime.combine(at, time(0), tzinfo=UTC)
    if at.tzinfo is None:
        return at.replace(tzinfo=UTC)
    return at.astimezone(UTC)


def _line(resolved: Resolved, count: int | Decimal) -> PriceLine:
    unit = get_dimension(resolved.dimension).unit
    amount = resolved.amount
    assert amount is not None
    cost = count * amount / UNIT_SIZE[unit]
    return PriceLine.model_construct(
        dimension=resolved.dimension,
        cache_ttl=resolved.cache_ttl,
        quantity=Decimal(count),
        unit=unit.value,
        unit_price_usd=amount,
        cost_usd=cost,
        basis=list(resolved.basis),
        facts=[_fact(p) for p in resolved.points],
    )


def _fact(item: PricePoint) -> FactUsed:
    assert item.amount is not None
    return FactUsed.model_construct(
        fact_id=item.fact_id,
        dimension=item.dimension,
        conditions_key=item.conditions.key(),
        amount_usd=item.amount,
        state=item.state.value,
        evidence_ids=list(item.evidence_ids),
        stale=item.stale,
    )


def _missing(resolved: Resolved, count: int | Decimal) -> MissingDimension:
    return MissingDimension.model_construct(
        dimension=resolved.dimension,
        cache_ttl=resolved.cache_ttl,
        quantity=Decimal(count),
        reason=resolved.reason,
    )


def _label(missing: MissingDimension) -> str:
    if missing.cache_ttl:
        return f"{missing.dimension} ({missing.cache_ttl})"
    return missing.dimension
