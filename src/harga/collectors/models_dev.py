"""models.dev `api.json`: the model catalogue of every provider, with prices in USD per 1M tokens.

Each provider is a seller, spelled by its key in the file and cited by its `doc` URL. The mapping:

- `cost` keys become dimensions of the same name (see `RATE_DIMENSIONS`), with no conditions.
  models.dev states no cache TTL, so `cache_write` carries none.
- `cost.tiers` entries are prompt-size tiers: `{"tier": {"type": "context", "size": N}}` prices
  a prompt of more than N tokens. The boundary is exclusive: OpenCode, the client models.dev is
  built for, applies `context_over_200k` when input plus cache-read tokens exceed 200,000, and
  Anthropic's and Google's pricing pages state their long-context prices for prompts "> 200K"
  tokens. A key missing from a tier keeps the base price, so it is not repeated there.
- `cost.context_over_200k` is the older spelling of the first tier. In the 2026-06-13 snapshot
  every one of the 179 models that has it also has `tiers`, with one entry of equal rates,
  and 79 of those entries sit at 256K or 272K rather than 200K. So the key names no real
  threshold. It is collected as a tier above 200K only when `tiers` is absent. A copy that
  equals no tier fails the run, because its threshold is then unknown.
- `experimental.modes` prices a request mode at a service tier. The tier is the request body's
  `service_tier` when it has one (OpenAI's `"priority"`), else the mode's name (Anthropic's
  `"fast"`).
- A `limit` of 0 means the limit is not stated, so it yields no fact.
- `attachment` yields no `vision` fact. It means file attachments: 113 models in the snapshot
  have it with neither image nor PDF input, and 230 take image input without it.
"""

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, RootModel

from harga.collectors.base import (
    Collector,
    DocumentRef,
    ParsedDocument,
    RawDocument,
    SourceFormatError,
    SourceKind,
    date_in_mirror_name,
)
from harga.collectors.jsonraw import (
    JsonBool,
    JsonInt,
    JsonStr,
    RawNumber,
    excerpt,
    load_json,
    validate_model,
)
from harga.domain.conditions import Boundary, Conditions, ServiceTier
from harga.domain.money import InvalidAmount, SourceUnit, parse_decimal
from harga.domain.observation import FactValue, Observation, fact, price

SOURCE_ID = "models-dev"
API_URL = "https://models.dev/api.json"
LEGACY_TIER_TOKENS = 200_000
_PRICED_TIERS = sorted(t.value for t in ServiceTier if t is not ServiceTier.STANDARD)

# Every key of `Rates`. A cost key outside this table fails validation.
RATE_DIMENSIONS = {
    "input": "input",
    "output": "output",
    "cache_read": "cache_read",
    "cache_write": "cache_write",
    "reasoning": "reasoning",
    "input_audio": "input_audio",
    "output_audio": "output_audio",
}


def _require_price(value: object) -> RawNumber:
    if not isinstance(value, RawNumber):
        raise ValueError("expected a JSON number")
    try:
        amount = parse_decimal(value)
    except InvalidAmount as error:
        raise ValueError(str(error)) from None
    if amount < 0:
        raise ValueError("expected a price of 0 or more")
    return value


def _require_date_text(value: object) -> str:
    """Accept `YYYY-MM` or `YYYY-MM-DD`, the two forms models.dev's schema allows."""
    if not isinstance(value, str) or isinstance(value, RawNumber):
        raise ValueError("expected a JSON string")
    parts = value.split("-")
    if len(parts) not in (2, 3) or not all(p.isdigit() for p in parts):
        raise ValueError("expected a date as YYYY-MM or YYYY-MM-DD")
    if len(parts[0]) != 4 or any(len(p) != 2 for p in parts[1:]):
        raise ValueError("expected a date as YYYY-MM or YYYY-MM-DD")
    return value


Price = Annotated[RawNumber, PlainValidator(_require_price)]
DateText = Annotated[str, PlainValidator(_require_date_text)]


class Rates(BaseModel):
    """Prices in USD per 1M tokens. An absent key is not stated."""

    model_config = ConfigDict(extra="forbid")

    input: Price | None = None
    output: Price | None = None
    cache_read: Price | None = None
    cache_write: Price | None = None
    reasoning: Price | None = None
    input_audio: Price | None = None
    output_audio: Price | None = None


class TierSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: Literal["context"]
    size: JsonInt


class TierRates(Rates):
    tier: TierSpec


class Cost(Rates):
    context_over_200k: Rates | None = None
    tiers: list[TierRates] | None = None


class Limit(BaseModel):
    model_config = ConfigDict(extra="forbid")

    context: JsonInt
    output: JsonInt
    input: JsonInt | None = None


class Modalities(BaseModel):
    model_config = ConfigDict(extra="forbid")

    input: list[JsonStr]
    output: list[JsonStr]


class RequestOverrides(BaseModel):
    """Extra request body fields and headers that a model or mode needs. The body is any JSON."""

    model_config = ConfigDict(extra="forbid")

    body: dict[str, Any] | None = None
    headers: dict[str, JsonStr] | None = None


class Mode(BaseModel):
    model_config = ConfigDict(extra="forbid")

    cost: Rates | None = None
    provider: RequestOverrides | None = None


class Experimental(BaseModel):
    model_config = ConfigDict(extra="forbid")

    modes: dict[str, Mode]


class ModelProvider(RequestOverrides):
    npm: JsonStr | None = None
    api: JsonStr | None = None
    shape: Literal["completions", "responses"] | None = None


class Interleaved(BaseModel):
    model_config = ConfigDict(extra="forbid")

    field: JsonStr


class ToggleOption(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: Literal["toggle"]


class EffortOption(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: Literal["effort"]
    values: list[JsonStr | None]


class BudgetOption(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: Literal["budget_tokens"]
    min: JsonInt | None = None
    max: JsonInt | None = None


ReasoningOption = Annotated[ToggleOption | EffortOption | BudgetOption, Field(discriminator="type")]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: JsonStr
    name: JsonStr
    family: JsonStr | None = None
    attachment: JsonBool
    reasoning: JsonBool
    reasoning_options: list[ReasoningOption] | None = None
    tool_call: JsonBool
    structured_output: JsonBool | None = None
    temperature: JsonBool | None = None
    interleaved: JsonBool | Interleaved | None = None
    knowledge: DateText | None = None
    release_date: DateText
    last_updated: DateText
    modalities: Modalities
    open_weights: JsonBool
    cost: Cost | None = None
    limit: Limit
    status: Literal["alpha", "beta", "deprecated"] | None = None
    experimental: Experimental | None = None
    provider: ModelProvider | None = None


class Provider(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: JsonStr
    name: JsonStr
    doc: JsonStr
    env: list[JsonStr]
    npm: JsonStr
    api: JsonStr | None = None
    models: dict[str, Model]


class Catalogue(RootModel[dict[str, Provider]]):
    """The whole file: providers by key."""


@dataclass(frozen=True)
class _Entry:
    """One model as one provider lists it, with what every observation of it carries."""

    seller: str
    model_id: str
    cited_url: str
    document: RawDocument

    def key_path(self, *path: str) -> tuple[str, ...]:
        return (self.seller, "models", self.model_id, *path)

    def json_path(self, *path: str | int) -> str:
        parts = (self.seller, "models", self.model_id, *path)
        return "".join(f"[{p}]" if isinstance(p, int) else f"[{json.dumps(p)}]" for p in parts)


class ModelsDevCollector(Collector):
    source_id = SOURCE_ID
    name = "models.dev"
    kind = SourceKind.AGGREGATOR
    homepage = "https://models.dev/"

    def documents(self) -> list[DocumentRef]:
        return [DocumentRef(API_URL, "models.dev-api-snapshots/models-dev*.json")]

    def parse(self, document: RawDocument) -> ParsedDocument:
        catalogue = validate_model(Catalogue, load_json(document), document)
        observations: list[Observation] = []
        for seller, provider in catalogue.root.items():
            for model_id, model in provider.models.items():
                entry = _Entry(seller, model_id, provider.doc, document)
                observations.extend(_facts(entry, model))
                if model.cost is not None:
                    observations.extend(_cost_prices(entry, model.cost))
                if model.experimental is not None:
                    observations.extend(_mode_prices(entry, model.experimental))
        return ParsedDocument(observations, stated_at=date_in_mirror_name(document))


def _rate_prices(
    entry: _Entry, rates: Rates, path: tuple[str, ...], conditions: Conditions
) -> list[Observation]:
    observations = []
    for key, dimension in RATE_DIMENSIONS.items():
        number: RawNumber | None = getattr(rates, key)
        if number is None:
            continue
        observations.append(
            price(
                SOURCE_ID,
                entry.model_id,
                entry.seller,
                dimension,
                number,
                number.decimal,
                SourceUnit.PER_MTOK,
                excerpt(*entry.key_path(*path, key), literal=number),
                conditions=conditions,
                cited_url=entry.cited_url,
            )
        )
    return observations


def _cost_prices(entry: _Entry, cost: Cost) -> list[Observation]:
    observations = _rate_prices(entry, cost, ("cost",), Conditions())
    tiers = cost.tiers or []
    seen_sizes: set[int] = set()
    for index, tier in enumerate(tiers):
        if tier.tier.size in seen_sizes:
            raise SourceFormatError(
                entry.document.location,
                entry.json_path("cost", "tiers", index, "tier", "size"),
                tier.tier.size,
                "a tier size that no earlier tier of the model has",
            )
        seen_sizes.add(tier.tier.size)
        observations.extend(
            _rate_prices(
                entry, tier, ("cost", "tiers", str(index)), _above_prompt_tokens(tier.tier.size)
            )
        )
    legacy = cost.context_over_200k
    if legacy is None:
        return observations
    if not tiers:
        conditions = _above_prompt_tokens(LEGACY_TIER_TOKENS)
        return observations + _rate_prices(entry, legacy, ("cost", "context_over_200k"), conditions)
    if not any(_rate_amounts(legacy) == _rate_amounts(tier) for tier in tiers):
        raise SourceFormatError(
            entry.document.location,
            entry.json_path("cost", "context_over_200k"),
            {key: str(value) for key, value in _rate_amounts(legacy).items()},
            "rates equal to one entry of cost.tiers, which states their prompt-size threshold",
        )
    return observations


def _above_prompt_tokens(size: int) -> Conditions:
    return Conditions(prompt_threshold_tokens=size, prompt_boundary=Boundary.ABOVE)


def _rate_amounts(rates: Rates) -> dict[str, Decimal]:
    amounts = {}
    for key in RATE_DIMENSIONS:
        number: RawNumber | None = getattr(rates, key)
        if number is not None:
            amounts[key] = number.decimal
    return amounts


def _mode_prices(entry: _Entry, experimental: Experimental) -> list[Observation]:
    observations = []
    for name, mode in experimental.modes.items():
        if mode.cost is None:
            continue
        tier = _mode_tier(entry, name, mode)
        observations.extend(
            _rate_prices(
                entry, mode.cost, ("experimental", "modes", name, "cost"), Conditions(tier=tier)
            )
        )
    return observations


def _mode_tier(entry: _Entry, name: str, mode: Mode) -> ServiceTier:
    body = mode.provider.body if mode.provider is not None and mode.provider.body else {}
    known = ", ".join(_PRICED_TIERS)
    if "service_tier" in body:
        requested = body["service_tier"]
        if isinstance(requested, str) and requested in _PRICED_TIERS:
            return ServiceTier(requested)
        raise SourceFormatError(
            entry.document.location,
            entry.json_path("experimental", "modes", name, "provider", "body", "service_tier"),
            requested,
            f"a service tier other than standard ({known})",
        )
    if name in _PRICED_TIERS:
        return ServiceTier(name)
    raise SourceFormatError(
        entry.document.location,
        entry.json_path("experimental", "modes", name),
        name,
        f"a mode named after a service tier ({known}) or a request body with service_tier",
    )


def _facts(entry: _Entry, model: Model) -> list[Observation]:
    stated: list[tuple[str, tuple[str, ...], FactValue]] = [
        ("name", ("name",), model.name),
        ("input_modalities", ("modalities", "input"), tuple(model.modalities.input)),
        ("output_modalities", ("modalities", "output"), tuple(model.modalities.output)),
        ("release_date", ("release_date",), model.release_date),
        ("reasoning", ("reasoning",), model.reasoning),
        ("open_weights", ("open_weights",), model.open_weights),
        ("tool_call", ("tool_call",), model.tool_call),
    ]
    if model.limit.context > 0:
        stated.append(("context_window", ("limit", "context"), model.limit.context))
    if model.limit.output > 0:
        stated.append(("max_output_tokens", ("limit", "output"), model.limit.output))
    if model.knowledge is not None:
        stated.append(("knowledge_cutoff", ("knowledge",), model.knowledge))
    if model.structured_output is not None:
        stated.append(("structured_output", ("structured_output",), model.structured_output))
    observations = []
    for key, path, value in stated:
        literal = _json_literal(value)
        observations.append(
            fact(
                SOURCE_ID,
                entry.model_id,
                entry.seller,
                key,
                literal,
                value,
                excerpt(*entry.key_path(*path), literal=literal),
                cited_url=entry.cited_url,
            )
        )
    return observations


def _json_literal(value: FactValue) -> str:
    """Render a value as the JSON text it was read from, which for integers is a plain literal."""
    if isinstance(value, tuple):
        return json.dumps(list(value), ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False)
