"""Pricing requests over the API: the request and response models and the pricing call."""

from datetime import UTC, date
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer
from sqlalchemy.orm import Session

from harga.api.schemas import Converted
from harga.domain.money import format_plain
from harga.pricing import PriceBook, PricedRequest, PriceResult, price_workload
from harga.views.currency import DisplayCurrency, converter_for

MAX_REQUESTS = 1000

DecimalText = Annotated[Decimal, PlainSerializer(format_plain, return_type=str)]


class CostRequest(PricedRequest):
    """One request to price: its usage, the model and what selects the prices."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


class CostQuery(BaseModel):
    """A request or a workload of requests to price, with how to report the result."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    requests: Annotated[list[CostRequest], Field(min_length=1, max_length=MAX_REQUESTS)]
    """The requests to price; the total is their sum."""
    currency: DisplayCurrency = DisplayCurrency.USD
    """Also state the total in this currency, at the ECB reference rate."""
    allow_incomplete: bool = False
    """Return the priced part when a needed price is missing, marked incomplete, instead of
    an error."""


class CostResponse(BaseModel):
    """The cost of the requests: a total, and each request's lines with the facts used."""

    total_usd: DecimalText
    complete: bool
    converted: Converted | None
    requests: list[PriceResult]


class SingleCostQuery(CostRequest):
    """One request given directly, without the `requests` list."""

    currency: DisplayCurrency = DisplayCurrency.USD
    allow_incomplete: bool = False

    def as_query(self) -> CostQuery:
        request = CostRequest.model_validate(
            self.model_dump(exclude={"currency", "allow_incomplete"})
        )
        return CostQuery(
            requests=[request], currency=self.currency, allow_incomplete=self.allow_incomplete
        )


def price_query(query: CostQuery, book: PriceBook, session: Session) -> CostResponse:
    """Price every request; raises `PricingError` subclasses for unknown models or prices."""
    workload = price_workload(query.requests, book=book, allow_incomplete=query.allow_incomplete)
    # The total converts at the rate of the latest request's day, as the bill would.
    day = max(result.at for result in workload.requests).astimezone(UTC).date()
    return CostResponse(
        total_usd=workload.total_usd,
        complete=workload.complete,
        converted=_converted(workload.total_usd, query.currency, session, day),
        requests=workload.requests,
    )


def _converted(
    total: Decimal, currency: DisplayCurrency, session: Session, day: date
) -> Converted | None:
    if currency is DisplayCurrency.USD:
        return None
    fx = converter_for(session, currency, day).fx
    conversion = fx.convert(total, "USD", currency.value, day)
    if conversion is None:
        return None
    return Converted(
        currency=currency.value,
        amount=conversion.amount,
        rate=conversion.rate,
        rate_date=conversion.rate_date,
    )
