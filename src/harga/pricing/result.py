"""Pydantic models of a pricing result, shared by the library, the CLI and the JSON API."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, PlainSerializer

from harga.domain.conditions import ServiceTier
from harga.domain.money import format_plain
from harga.pricing.usage import Usage

# An exact amount; JSON gets its plain decimal text without exponent or trailing zeros.
Exact = Annotated[Decimal, PlainSerializer(format_plain, return_type=str, when_used="json")]


class FactUsed(BaseModel):
    """A published price that a line rests on."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    fact_id: int | None
    """Id of the `price_facts` row; None for prices built in memory."""
    dimension: str
    conditions_key: str
    amount_usd: Exact
    """USD per the dimension's unit, as published."""
    state: str
    evidence_ids: tuple[int, ...]
    """Ids of the observations (evidence rows) behind the fact."""
    stale: bool = False


class PriceLine(BaseModel):
    """The cost of one dimension of the usage."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    dimension: str
    cache_ttl: str | None = None
    quantity: Exact
    """Billable count in usage units: tokens, images, requests, calls or seconds."""
    unit: str
    """The unit `unit_price_usd` is stated in, such as `per_mtok`."""
    unit_price_usd: Exact
    cost_usd: Exact
    basis: tuple[str, ...]
    """Seller rules that derived the unit price from another price, with their sources."""
    facts: tuple[FactUsed, ...]


class MissingDimension(BaseModel):
    """A dimension the usage needs but no usable price covers."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    dimension: str
    cache_ttl: str | None = None
    quantity: Exact
    reason: str


class PriceResult(BaseModel):
    """The cost of one request's usage, with every price it used."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    model_id: str
    seller_id: str
    variant: str
    tier: str
    region: str | None
    api_surface: str | None
    at: datetime
    prompt_tokens: int
    """The prompt size that selects the prompt-size tier, cached tokens included."""
    prompt_threshold_tokens: int | None
    """The prompt-size threshold the request crossed, if any."""
    total_usd: Exact
    """Sum of the lines; when `complete` is false, the missing dimensions are not in it."""
    complete: bool
    lines: list[PriceLine]
    missing: list[MissingDimension]
    rules_source: str
    """Source of the seller's billing rules."""


class PricedRequest(BaseModel):
    """One request of a workload: its usage and what selects the prices."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    usage: Usage
    model: str
    """Canonical model id (`openai/gpt-5`) or an upstream spelling of it."""
    seller: str | None = None
    """Seller id; None for the model's creator."""
    variant: str = ""
    tier: ServiceTier = ServiceTier.STANDARD
    region: str | None = None
    api_surface: str | None = None
    """API surface, such as `chat_completions`; some sellers count usage differently per surface."""
    at: datetime | None = None
    """Time of the request; prices in effect then apply. None means now."""


class WorkloadResult(BaseModel):
    """The cost of a list of requests: the sum of their costs."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    total_usd: Exact
    complete: bool
    requests: list[PriceResult]


Model = TypeVar("Model", bound=BaseModel)


def trusted(cls: type[Model], values: dict[str, Any]) -> Model:
    """Build a model from values the engine computed, every field given, without validation.

    It is `model_construct` without its per-field checks, which cost more than the pricing
    itself. A test checks that a result built this way equals a validated one.
    """
    instance = cls.__new__(cls)
    fields = _FIELD_NAMES.get(cls)
    if fields is None:
        fields = _FIELD_NAMES[cls] = frozenset(cls.model_fields)
    _set_attribute(instance, "__dict__", values)
    _set_attribute(instance, "__pydantic_fields_set__", set(fields))
    _set_attribute(instance, "__pydantic_extra__", None)
    _set_attribute(instance, "__pydantic_private__", None)
    return instance


_FIELD_NAMES: dict[type[BaseModel], frozenset[str]] = {}
_set_attribute = object.__setattr__
