"""Observations: what a collector read, before any mapping to canonical ids."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from harga.domain.conditions import STANDARD, Conditions
from harga.domain.money import SourceUnit
from harga.domain.states import PriceState

FactValue = int | str | bool | tuple[str, ...]


class ObservationKind(StrEnum):
    PRICE = "price"
    FACT = "fact"
    BENCHMARK = "benchmark"  # a figure from an independent benchmark, such as an index score
    FX_RATE = "fx_rate"  # a reference rate: `field` is the quote currency, per 1 EUR


@dataclass(frozen=True, slots=True)
class Observation:
    """One value read from one document, with the text it was read from.

    A price carries `amount` in `source_unit` and `currency` as the source states them; a fact
    carries `value`. `upstream_model_id` and `upstream_seller` are spelled as the source spells
    them; normalisation maps them to canonical ids later.
    """

    source: str
    upstream_model_id: str
    upstream_seller: str
    kind: ObservationKind
    field: str
    captured: str
    excerpt: str
    conditions: Conditions = STANDARD
    state: PriceState | None = None
    amount: Decimal | None = None
    source_unit: SourceUnit | None = None
    currency: str | None = None
    value: FactValue | None = None
    cited_url: str | None = None


def price(
    source: str,
    model_id: str,
    seller: str,
    dimension: str,
    literal: str,
    amount: Decimal,
    unit: SourceUnit,
    excerpt: str,
    *,
    currency: str = "USD",
    conditions: Conditions = STANDARD,
    cited_url: str | None = None,
) -> Observation:
    """Build a price observation; an explicit zero becomes the `free` state, never a price."""
    state = PriceState.FREE if amount == 0 else PriceState.PRICED
    return Observation(
        source=source,
        upstream_model_id=model_id,
        upstream_seller=seller,
        kind=ObservationKind.PRICE,
        field=dimension,
        captured=literal,
        excerpt=excerpt,
        conditions=conditions,
        state=state,
        amount=amount,
        source_unit=unit,
        currency=currency,
        cited_url=cited_url,
    )


def fact(
    source: str,
    model_id: str,
    seller: str,
    key: str,
    literal: str,
    value: FactValue,
    excerpt: str,
    *,
    cited_url: str | None = None,
) -> Observation:
    return Observation(
        source=source,
        upstream_model_id=model_id,
        upstream_seller=seller,
        kind=ObservationKind.FACT,
        field=key,
        captured=literal,
        excerpt=excerpt,
        value=value,
        cited_url=cited_url,
    )


def benchmark(
    source: str,
    model_id: str,
    seller: str,
    key: str,
    literal: str,
    value: FactValue,
    excerpt: str,
    *,
    cited_url: str | None = None,
) -> Observation:
    """Build a benchmark observation; `key` is `<benchmark>.<figure>`."""
    return Observation(
        source=source,
        upstream_model_id=model_id,
        upstream_seller=seller,
        kind=ObservationKind.BENCHMARK,
        field=key,
        captured=literal,
        excerpt=excerpt,
        value=value,
        cited_url=cited_url,
    )


def fx_rate(
    source: str, quote: str, literal: str, rate: Decimal, on: date, excerpt: str
) -> Observation:
    """Build a reference rate observation: `rate` units of `quote` per 1 EUR on day `on`."""
    return Observation(
        source=source,
        upstream_model_id="",
        upstream_seller="",
        kind=ObservationKind.FX_RATE,
        field=quote,
        captured=literal,
        excerpt=excerpt,
        conditions=Conditions(effective_from=on),
        amount=rate,
        currency="EUR",
    )
