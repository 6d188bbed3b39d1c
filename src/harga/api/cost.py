"""Pricing requests over the API: the request and response models and the pricing call."""

import re
from copy import copy
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Annotated, Any

from annotated_types import Le
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    create_model,
)
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError
from sqlalchemy.orm import Session

from harga.api.dependencies import CONTROL_RANGES, reject_control_characters
from harga.api.schemas import Converted, DecimalText
from harga.normalize.model_ids import canonical_name
from harga.pricing import PriceBook, PricedRequest, PriceResult, price_workload
from harga.pricing.usage import Usage
from harga.views.currency import DisplayCurrency, converter_for

MAX_REQUESTS = 1000


# A model id starts, after any spaces, with a character other than "/" or ":", so it has a
# name after any creator prefix, and contains no control character. Checked with re.search,
# as JSON Schema validators in Python apply a pattern, so the OpenAPI document states exactly
# what is accepted.
MODEL_ID_PATTERN = rf"^[^\S{CONTROL_RANGES}]*[^\s/:{CONTROL_RANGES}][^{CONTROL_RANGES}]*$"


def check_model_id(value: str) -> str:
    """Reject a model id that harga cannot read, such as "", "/" or ":free", with no name."""
    reject_control_characters(value)
    if re.search(MODEL_ID_PATTERN, value) is None:
        raise PydanticCustomError(
            "model_id",
            "must be a model id with a name, such as openai/gpt-5.4-nano or gpt-5.4-nano",
        )
    try:
        canonical_name(value, "")
    except ValueError:
        # An id that is only a path, such as "accounts/x/models/" or "a/:x", passes the
        # pattern above but leaves no model name.
        raise PydanticCustomError(
            "model_id",
            "must be a model id with a name, such as openai/gpt-5.4-nano or gpt-5.4-nano",
        ) from None
    return value


ModelId = Annotated[
    str,
    Field(max_length=200, json_schema_extra={"pattern": MODEL_ID_PATTERN}),
    AfterValidator(check_model_id),
]


def _whole_numbers_as_int(value: object) -> object:
    # JSON Schema counts 3.0 as an integer, and the OpenAPI document promises JSON Schema, but
    # Usage's counts are strict ints, so whole floats become ints before Usage validates them.
    if isinstance(value, Usage):
        value = value.model_dump()
    if not isinstance(value, dict):
        return value
    return {
        key: int(item) if isinstance(item, float) and item.is_integer() else item
        for key, item in value.items()
    }


# The largest count or number of seconds in a request's usage. The pricing engine computes in
# Decimal's default 28 significant digits, and counts near 10**28 made it raise
# InvalidOperation. A count of 10**15 times any published unit price stays well inside them.
MAX_USAGE = 10**15


# Seconds as a decimal string: pydantic's Decimal also takes "+1", " 1" and "1_0", which the
# OpenAPI document could not state, so strings are limited to plain decimals below MAX_USAGE.
SECONDS_TEXT_PATTERN = r"^(?:[0-9]{1,15}(?:[.][0-9]*)?|[.][0-9]+)$"
SECONDS_SCHEMA = {
    "anyOf": [
        {"type": "number", "minimum": 0, "maximum": MAX_USAGE},
        {"type": "string", "pattern": SECONDS_TEXT_PATTERN},
    ]
}


def _seconds_text(value: object) -> object:
    if isinstance(value, str) and re.search(SECONDS_TEXT_PATTERN, value) is None:
        raise PydanticCustomError(
            "decimal_parsing", 'must be a number of seconds, such as 12.5 or "12.5"'
        )
    return value


def _bounded_field(info: FieldInfo) -> tuple[Any, FieldInfo]:
    bounded = copy(info)
    bounded.metadata = [*info.metadata, Le(MAX_USAGE)]
    if info.annotation is not Decimal:
        return info.annotation, bounded
    annotation = Annotated[Decimal, BeforeValidator(_seconds_text), WithJsonSchema(SECONDS_SCHEMA)]
    return annotation, bounded


# Usage with every field bounded by MAX_USAGE, its descriptions and defaults kept.
_BOUNDED_FIELDS: dict[str, Any] = {
    name: _bounded_field(info) for name, info in Usage.model_fields.items()
}
RequestUsage = create_model(
    "RequestUsage",
    __base__=Usage,
    __doc__=f"Billable counts of one request, each at most {MAX_USAGE:,}.",
    **_BOUNDED_FIELDS,
)


def _utc_representable(value: datetime | None) -> datetime | None:
    # Prices are chosen by the time in UTC, which must be a valid datetime too: year 1 at
    # UTC+01:00 is a valid time, but its UTC time falls before year 1.
    if value is None or value.tzinfo is None:
        return value
    try:
        value.astimezone(UTC)
    except OverflowError:
        raise PydanticCustomError(
            "datetime_range", "must be between years 1 and 9999 when converted to UTC"
        ) from None
    return value


class CostRequest(PricedRequest):
    """One request to price: its usage, the model and what selects the prices."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    usage: Annotated[RequestUsage, BeforeValidator(_whole_numbers_as_int)]
    model: ModelId
    """Canonical model id (`openai/gpt-5`) or an upstream spelling of it."""
    at: Annotated[datetime | None, AfterValidator(_utc_representable)] = None
    """Time of the request; prices in effect then apply. None means now."""


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
