"""Response models of the JSON API. Pages render from the same objects."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

from harga.domain.money import format_plain

# Money leaves the API as a decimal string, so no client parses it through a binary float.
DecimalText = Annotated[Decimal, PlainSerializer(format_plain, return_type=str)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(Strict):
    """One captured value: where it was read, when, and the text around it."""

    id: int
    source: str
    source_name: str
    url: str
    cited_url: str | None
    domain: str
    observed_at: datetime
    field: str
    scenario: str = Field(description="Conditions key of the value, empty for the standard price")
    seller: str
    upstream_model_id: str
    captured: str = Field(description="The raw text as it appears in the document")
    value: str | None = Field(description="The parsed value, in the source's own unit")
    unit: str | None
    currency: str | None
    excerpt: str
    raw_sha256: str


class FxNote(Strict):
    rate: DecimalText = Field(description="USD per 1 unit of the native currency")
    rate_date: date
    source: str = "ECB euro foreign exchange reference rates"


class Converted(Strict):
    """A USD amount shown in the reader's currency, with the ECB rate that converted it."""

    currency: str
    amount: DecimalText
    rate: DecimalText = Field(description="Units of `currency` per 1 USD")
    rate_date: date
    source: str = "ECB euro foreign exchange reference rates"


class Price(Strict):
    dimension: str
    conditions: dict[str, Any]
    conditions_key: str
    state: str
    status: str
    amount: DecimalText | None = Field(description="USD in `unit`, as a decimal string")
    unit: str
    currency: str = "USD"
    native_amount: DecimalText | None
    native_currency: str | None
    fx: FxNote | None
    effective_from: date | None
    effective_to: date | None
    stale: bool
    converted: Converted | None = None
    evidence: list[Evidence]


class Offer(Strict):
    seller: str
    seller_name: str
    official: bool
    variant: str
    prices: list[Price]


class Fact(Strict):
    key: str
    value: Any
    status: str
    evidence: list[Evidence]


class DiscrepancyValue(Strict):
    """One value that some sources state, in a disagreement between sources."""

    state: str | None = Field(description="A price's state, or null for a fact")
    amount: DecimalText | None = Field(description="A price's amount, in `currency` per `unit`")
    currency: str | None = Field(None, description="Currency of `amount`, or null for a fact")
    value: Any = Field(description="A fact's value, or null for a price")
    sources: list[str]
    evidence: list[Evidence]


class Discrepancy(Strict):
    kind: str
    field: str
    seller: str | None
    conditions_key: str
    published: dict[str, Any]
    values: list[DiscrepancyValue]


class BenchmarkSnapshot(Strict):
    benchmark: str
    source: str
    url: str
    observed_at: datetime
    figures: dict[str, Any]


class UseCase(Strict):
    rule: str
    facts: list[str]


class UseCases(Strict):
    good_for: list[UseCase]
    not_ideal_for: list[UseCase]


class HistoryEntry(Strict):
    seller: str
    dimension: str
    conditions_key: str
    kind: str = Field(
        description="'dated' for a price with effective dates, 'change' for a change event"
    )
    effective_from: date | None = None
    effective_to: date | None = None
    detected_at: datetime | None = None
    before_state: str | None = None
    before_amount: DecimalText | None = None
    state: str
    amount: DecimalText | None
    held_for_review: bool = False


class Headline(Strict):
    seller: str | None
    official: bool
    input_mtok: DecimalText | None
    output_mtok: DecimalText | None
    input_converted: Converted | None = None
    output_converted: Converted | None = None


class ModelDocument(Strict):
    id: str
    creator: str
    creator_name: str
    name: str
    currency: str = Field(description="Currency of the `converted` figures; USD means none")
    description: str | None
    modality: str | None
    api_surface: str | None
    confirmed_at: datetime | None
    headline: Headline
    facts: dict[str, Fact]
    capabilities: list[str]
    evidence_count: int
    benchmarks: list[BenchmarkSnapshot]
    verify_url: str
    use_cases: UseCases
    offers: list[Offer]
    discrepancies: list[Discrepancy]
    history: list[HistoryEntry]


class ModelSummary(Strict):
    id: str
    creator: str
    creator_name: str
    name: str
    input_mtok: DecimalText | None
    output_mtok: DecimalText | None
    context_window: int | None
    offer_count: int
    confirmed_at: datetime | None
    url: str


class ModelList(Strict):
    total: int
    limit: int
    offset: int
    items: list[ModelSummary]


class SourceHealth(Strict):
    id: str
    name: str
    kind: str
    url: str
    last_run_at: datetime | None
    last_success_at: datetime | None
    stale: bool
    last_error: str | None
    items_seen: int
    items_changed: int
    items_failed: int


class SourceList(Strict):
    items: list[SourceHealth]


class ErrorDetail(Strict):
    location: str
    message: str


class ErrorEnvelope(Strict):
    """The one error shape of the API, for every status."""

    ok: bool = False
    status: int
    error: str
    errors: list[ErrorDetail] = []


class ChangeEvent(Strict):
    id: int
    detected_at: datetime
    model_id: str
    seller: str
    dimension: str
    conditions_key: str
    before_state: str | None
    before_amount: DecimalText | None
    after_state: str
    after_amount: DecimalText | None
    held_for_review: bool
    url: str


class ChangeList(Strict):
    total: int
    limit: int
    offset: int
    items: list[ChangeEvent]


class DiscrepancyPosition(Strict):
    """One value that some sources state, with the ids of the observations stating it."""

    state: str | None = Field(description="A price's state, or null for a fact")
    amount: DecimalText | None = Field(description="A price's amount, in `currency` per unit")
    currency: str | None = Field(description="Currency of `amount`, or null for a fact")
    value: Any = Field(description="A fact's value, or null for a price")
    sources: list[str]
    observation_ids: list[int]


class DiscrepancySummary(Strict):
    model_id: str
    kind: str = Field(description="'price' or 'fact'")
    field: str
    seller: str | None
    conditions_key: str
    published: dict[str, Any]
    values: list[DiscrepancyPosition]
    detected_at: datetime
    url: str


class DiscrepancyList(Strict):
    total: int
    limit: int
    offset: int
    items: list[DiscrepancySummary]


class ComparedModel(Strict):
    id: str
    name: str
    creator_name: str
    headline: Headline
    facts: dict[str, Any]
    offer_count: int
    url: str


class Comparison(Strict):
    models: list[ComparedModel]
    missing: list[str] = Field(description="Requested ids that are not published models")
