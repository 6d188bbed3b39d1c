"""pydantic/genai-prices: the published v2 `data.json`, a list of providers and their models.

Each provider is a seller and each model id is the upstream model id. Prices are USD: `*_mtok`
keys per million tokens, `*_kcount` keys per thousand calls or requests. A price is either a
flat set of keys or a list of conditional sets chosen by start date or by time of day, and a
token price may be tiered by prompt size.

The rules below follow the genai-prices Python package 0.2.3 (`genai_prices/types.py`), which
reads this file to compute costs:

- A tier applies when the request's total input tokens are greater than its `start`
  (`calc_unit_price` compares `total_input_tokens > tier.start`), so a tier becomes an
  exclusive prompt threshold (`Boundary.ABOVE`) over the whole prompt, cached tokens included.
- Conditional prices are tried last to first, and the first whose constraint is met applies.
  When no constraint is met, the first entry applies (`ModelInfo.get_prices`). A start date
  is inclusive and counts in UTC. A time-of-day window starts inclusive, ends exclusive,
  wraps past midnight when its end is before its start, and reads a time without an offset
  as UTC.
"""

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, RootModel, Tag

from harga.collectors.base import (
    Collector,
    DocumentRef,
    ParsedDocument,
    RawDocument,
    SourceFormatError,
    SourceKind,
)
from harga.collectors.jsonraw import (
    JsonBool,
    JsonInt,
    JsonNumber,
    JsonStr,
    RawNumber,
    amount_of,
    excerpt,
    load_json,
    validate_model,
)
from harga.domain.conditions import STANDARD, Boundary, Conditions, format_time_window
from harga.domain.money import SourceUnit
from harga.domain.observation import Observation, fact, price

SOURCE_ID = "genai-prices"
DATA_URL = (
    "https://raw.githubusercontent.com/pydantic/genai-prices/main/prices/new_data/v2/data.json"
)
MIRROR_GLOB = "genai-prices/prices/new_data/v2/data.json"


# --- The v2 format -------------------------------------------------------------------------


def _single_key(value: Any) -> str | None:
    if isinstance(value, dict) and len(value) == 1:
        return str(next(iter(value)))
    return None


class ClauseStartsWith(BaseModel):
    model_config = ConfigDict(extra="forbid")
    starts_with: JsonStr


class ClauseEndsWith(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ends_with: JsonStr


class ClauseContains(BaseModel):
    model_config = ConfigDict(extra="forbid")
    contains: JsonStr


class ClauseRegex(BaseModel):
    model_config = ConfigDict(extra="forbid")
    regex: JsonStr


class ClauseEquals(BaseModel):
    model_config = ConfigDict(extra="forbid")
    equals: JsonStr


class ClauseOr(BaseModel):
    model_config = ConfigDict(extra="forbid")
    any_of: "list[Clause]" = Field(alias="or")


class ClauseAnd(BaseModel):
    model_config = ConfigDict(extra="forbid")
    all_of: "list[Clause]" = Field(alias="and")


# A clause is an object with exactly one key, and that key selects the clause type.
Clause = Annotated[
    Annotated[ClauseStartsWith, Tag("starts_with")]
    | Annotated[ClauseEndsWith, Tag("ends_with")]
    | Annotated[ClauseContains, Tag("contains")]
    | Annotated[ClauseRegex, Tag("regex")]
    | Annotated[ClauseEquals, Tag("equals")]
    | Annotated[ClauseOr, Tag("or")]
    | Annotated[ClauseAnd, Tag("and")],
    Discriminator(_single_key),
]
ClauseOr.model_rebuild()
ClauseAnd.model_rebuild()


class ArrayMatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["array-match"]
    field: JsonStr
    match: Clause


UsagePath = JsonStr | list[JsonStr | ArrayMatch]


class UsageExtractorMapping(BaseModel):
    model_config = ConfigDict(extra="forbid")
    path: UsagePath
    dest: JsonStr
    required: JsonBool = True


class UsageExtractor(BaseModel):
    model_config = ConfigDict(extra="forbid")
    api_flavor: JsonStr = "default"
    root: UsagePath
    model_path: UsagePath = "model"
    mappings: list[UsageExtractorMapping]


class Tier(BaseModel):
    model_config = ConfigDict(extra="forbid")
    start: JsonInt
    price: JsonNumber


class TieredPrices(BaseModel):
    model_config = ConfigDict(extra="forbid")
    base: JsonNumber
    tiers: list[Tier]


def _price_value_kind(value: Any) -> str:
    return "tiered" if isinstance(value, dict) else "number"


PriceValue = Annotated[
    Annotated[JsonNumber, Tag("number")] | Annotated[TieredPrices, Tag("tiered")],
    Discriminator(_price_value_kind),
]
# The schema allows any key here, so the key check happens in `PRICE_KEYS` below.
ModelPrice = dict[str, PriceValue]


class StartDateConstraint(BaseModel):
    model_config = ConfigDict(extra="forbid")
    start_date: JsonStr


class TimeOfDayConstraint(BaseModel):
    model_config = ConfigDict(extra="forbid")
    start_time: JsonStr
    end_time: JsonStr


def _constraint_kind(value: Any) -> str:
    return "start_date" if isinstance(value, dict) and "start_date" in value else "time_of_day"


Constraint = Annotated[
    Annotated[StartDateConstraint, Tag("start_date")]
    | Annotated[TimeOfDayConstraint, Tag("time_of_day")],
    Discriminator(_constraint_kind),
]


class ConditionalPrice(BaseModel):
    model_config = ConfigDict(extra="forbid")
    constraint: Constraint | None = None
    prices: ModelPrice


def _prices_kind(value: Any) -> str:
    return "conditional" if isinstance(value, list) else "flat"


Prices = Annotated[
    Annotated[ModelPrice, Tag("flat")] | Annotated[list[ConditionalPrice], Tag("conditional")],
    Discriminator(_prices_kind),
]


class ModelInfo(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: JsonStr
    name: JsonStr | None = None
    description: JsonStr | None = None
    match: Clause
    context_window: JsonInt | None = None
    price_comments: JsonStr | None = None
    prices: Prices
    deprecated: JsonBool | None = None


class Provider(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: JsonStr
    name: JsonStr
    pricing_urls: list[JsonStr] | None = None
    api_pattern: JsonStr
    description: JsonStr | None = None
    price_comments: JsonStr | None = None
    model_match: Clause | None = None
    provider_match: Clause | None = None
    extractors: list[UsageExtractor] | None = None
    fallback_model_providers: list[JsonStr] | None = None
    models: list[ModelInfo]


class DataFile(RootModel[list[Provider]]):
    pass


# --- Price keys ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PriceKey:
    """The harga dimension, source unit and cache TTL that one genai-prices price key maps to.

    `cache_ttl` is `None` for a cache write whose TTL the key does not state.
    `_plain_write_ttl` decides when such a write is the 5-minute write.
    """

    dimension: str
    unit: SourceUnit
    cache_ttl: str | None = None
    plain_cache_write: bool = False


_MTOK = SourceUnit.PER_MTOK

# Text-modality keys price the same tokens as their unqualified parents, because harga's
# token dimensions are text unless named otherwise.
PRICE_KEYS: dict[str, PriceKey] = {
    "input_mtok": PriceKey("input", _MTOK),
    "input_text_mtok": PriceKey("input", _MTOK),
    "output_mtok": PriceKey("output", _MTOK),
    "output_text_mtok": PriceKey("output", _MTOK),
    "cache_read_mtok": PriceKey("cache_read", _MTOK),
    "cache_text_read_mtok": PriceKey("cache_read", _MTOK),
    "cache_write_mtok": PriceKey("cache_write", _MTOK, plain_cache_write=True),
    "cache_text_write_mtok": PriceKey("cache_write", _MTOK, plain_cache_write=True),
    "cache_write_5m_mtok": PriceKey("cache_write", _MTOK, "5m"),
    "cache_text_write_5m_mtok": PriceKey("cache_write", _MTOK, "5m"),
    "cache_write_1h_mtok": PriceKey("cache_write", _MTOK, "1h"),
    "cache_text_write_1h_mtok": PriceKey("cache_write", _MTOK, "1h"),
    "input_audio_mtok": PriceKey("input_audio", _MTOK),
    "output_audio_mtok": PriceKey("output_audio", _MTOK),
    "cache_audio_read_mtok": PriceKey("cache_read_audio", _MTOK),
    "input_image_mtok": PriceKey("input_image", _MTOK),
    "output_image_mtok": PriceKey("output_image", _MTOK),
    "cache_image_read_mtok": PriceKey("cache_read_image", _MTOK),
    "input_video_mtok": PriceKey("input_video", _MTOK),
    "output_video_mtok": PriceKey("output_video", _MTOK),
    "output_reasoning_mtok": PriceKey("reasoning", _MTOK),
    "output_text_reasoning_mtok": PriceKey("reasoning", _MTOK),
    "output_citation_mtok": PriceKey("citation", _MTOK),
    "output_text_citation_mtok": PriceKey("citation", _MTOK),
    "web_searches_kcount": PriceKey("web_search", SourceUnit.PER_KCALL),
    "requests_kcount": PriceKey("request", SourceUnit.PER_KREQUEST),
}

# Keys the v2 schema defines that have no harga dimension yet. A file that uses one fails the
# run, because dropping the key would under-price the model.
UNMAPPED_SCHEMA_KEYS = frozenset(
    {
        "cache_audio_write_mtok",
        "cache_audio_write_5m_mtok",
        "cache_audio_write_1h_mtok",
        "cache_image_write_mtok",
        "cache_image_write_5m_mtok",
        "cache_image_write_1h_mtok",
        "cache_video_read_mtok",
        "cache_video_write_mtok",
        "cache_video_write_5m_mtok",
        "cache_video_write_1h_mtok",
        "input_tool_mtok",
        "input_text_tool_mtok",
        "input_audio_tool_mtok",
        "input_image_tool_mtok",
        "input_video_tool_mtok",
        "output_audio_reasoning_mtok",
        "output_image_reasoning_mtok",
        "output_video_reasoning_mtok",
        "output_audio_citation_mtok",
        "output_image_citation_mtok",
        "output_video_citation_mtok",
        "input_mchars",
        "input_text_messages_kcount",
        "audio_hours",
        "input_audio_hours",
        "output_audio_hours",
        "input_gpixels",
        "input_document_kpages",
        "input_annotated_document_kpages",
        "rerank_searches_kcount",
        "social_searches_kcount",
        "storage_searches_kcount",
        "code_executions_kcount",
    }
)

# The schema allows only a plain number for these keys, never tiers.
_UNTIERED_KEYS = frozenset({"requests_kcount"})


# --- The collector -------------------------------------------------------------------------


class GenaiPricesCollector(Collector):
    source_id = SOURCE_ID
    name = "genai-prices (Pydantic)"
    kind = SourceKind.AGGREGATOR
    homepage = "https://github.com/pydantic/genai-prices"

    def documents(self) -> list[DocumentRef]:
        return [DocumentRef(DATA_URL, MIRROR_GLOB)]

    def parse(self, document: RawDocument) -> ParsedDocument:
        data = validate_model(DataFile, load_json(document), document, prefix="$")
        observations: list[Observation] = []
        unpriced = 0
        for provider_index, provider in enumerate(data.root):
            for model_index, model in enumerate(provider.models):
                context = _ModelContext(
                    document,
                    provider,
                    model,
                    f'$[{provider_index}]["models"][{model_index}]',
                )
                observations.extend(_model_facts(context))
                observations.extend(_model_prices(context))
                if model.prices == {}:
                    unpriced += 1
        # genai-prices computes a cost of 0 for an empty price set, but the file states no
        # price, so nothing is recorded as free.
        notes = [f"models with an empty price set, not observed: {unpriced}"]
        return ParsedDocument(observations, notes=notes)


@dataclass(frozen=True)
class _ModelContext:
    document: RawDocument
    provider: Provider
    model: ModelInfo
    path: str

    @property
    def cited_url(self) -> str | None:
        urls = self.provider.pricing_urls
        return urls[0] if urls else None

    def at(self, *keys: str, literal: str) -> str:
        return excerpt(self.provider.id, self.model.id, *keys, literal=literal)


def _model_facts(context: _ModelContext) -> Iterator[Observation]:
    model = context.model
    texts = (("name", model.name), ("description", model.description))
    for key, text in texts:
        if text is None:
            continue
        literal = json.dumps(text, ensure_ascii=False)
        yield _fact(context, key, literal, text)
    if model.context_window is not None:
        literal = str(model.context_window)
        yield _fact(context, "context_window", literal, model.context_window)


def _fact(context: _ModelContext, key: str, literal: str, value: str | int) -> Observation:
    return fact(
        SOURCE_ID,
        context.model.id,
        context.provider.id,
        key,
        literal,
        value,
        context.at(key, literal=literal),
        cited_url=context.cited_url,
    )


def _model_prices(context: _ModelContext) -> list[Observation]:
    prices = context.model.prices
    path = f'{context.path}["prices"]'
    if isinstance(prices, dict):
        return _price_set(context, prices, STANDARD, ("prices",), path)
    observations = []
    for index, conditions in enumerate(_conditional_conditions(context, prices)):
        keys = ("prices", str(index), "prices")
        entry_path = f'{path}[{index}]["prices"]'
        observations.extend(_price_set(context, prices[index].prices, conditions, keys, entry_path))
    return observations


def _conditional_conditions(
    context: _ModelContext, entries: list[ConditionalPrice]
) -> list[Conditions]:
    """Turn a list of conditional prices into one set of conditions per entry.

    The first entry is the fallback that applies whenever no later constraint is met, so its
    own constraint never decides anything and is not read. The collector accepts the two
    shapes that genai-prices uses. In the first, every later entry has a start date, in
    increasing order, and each start ends the previous entry. In the second, one later entry
    has a time-of-day window and the first entry covers the rest of the day. Other shapes fail
    the run rather than being guessed at.
    """
    path = f'{context.path}["prices"]'
    later = entries[1:]
    if not later:
        return [STANDARD]
    for index, entry in enumerate(later, start=1):
        if entry.constraint is None:
            raise SourceFormatError(
                context.document.location,
                f"{path}[{index}]",
                entry.model_dump(by_alias=True),
                "a constraint on every conditional price after the first, because an "
                "unconstrained later price would hide every earlier one",
            )
    constraints = [entry.constraint for entry in later]
    if all(isinstance(c, StartDateConstraint) for c in constraints):
        starts = [
            _start_date(context, c, f'{path}[{index}]["constraint"]["start_date"]')
            for index, c in enumerate(constraints, start=1)
            if isinstance(c, StartDateConstraint)
        ]
        return _date_ranges(context, starts, path)
    only = constraints[0]
    if len(constraints) == 1 and isinstance(only, TimeOfDayConstraint):
        constraint_path = f'{path}[1]["constraint"]'
        start = _utc_time(context, only.start_time, f'{constraint_path}["start_time"]')
        end = _utc_time(context, only.end_time, f'{constraint_path}["end_time"]')
        return [
            Conditions(time_window=format_time_window(end, start)),
            Conditions(time_window=format_time_window(start, end)),
        ]
    raise SourceFormatError(
        context.document.location,
        path,
        [entry.constraint.model_dump() if entry.constraint else None for entry in entries],
        "start-date constraints only, or a single time-of-day constraint after the fallback",
    )


def _date_ranges(context: _ModelContext, starts: list[date], path: str) -> list[Conditions]:
    for index in range(1, len(starts)):
        if starts[index] <= starts[index - 1]:
            raise SourceFormatError(
                context.document.location,
                f'{path}[{index + 1}]["constraint"]["start_date"]',
                starts[index].isoformat(),
                f"a start date after the previous one ({starts[index - 1].isoformat()})",
            )
    bounds: list[date | None] = [None, *starts, None]
    return [
        Conditions(effective_from=bounds[index], effective_to=bounds[index + 1])
        for index in range(len(starts) + 1)
    ]


def _start_date(context: _ModelContext, constraint: StartDateConstraint, path: str) -> date:
    try:
        return date.fromisoformat(constraint.start_date)
    except ValueError:
        raise SourceFormatError(
            context.document.location, path, constraint.start_date, "an ISO date"
        ) from None


def _utc_time(context: _ModelContext, text: str, path: str) -> time:
    try:
        moment = time.fromisoformat(text)
    except ValueError:
        raise SourceFormatError(
            context.document.location, path, text, "an ISO time such as 16:30:00Z"
        ) from None
    if moment.tzinfo is None:
        return moment
    return datetime.combine(date(2000, 1, 1), moment).astimezone(UTC).time()


def _price_set(
    context: _ModelContext,
    prices: ModelPrice,
    base: Conditions,
    keys: tuple[str, ...],
    path: str,
) -> list[Observation]:
    """Build the observations of one set of prices, checking every key against `PRICE_KEYS`.

    `keys` lead to the set in excerpts and `path` is its JSON path in error messages.
    """
    mapped = {key: _price_key(context, key, value, path) for key, value in prices.items()}
    write_ttl = _plain_write_ttl(mapped.values())
    observations: list[Observation] = []
    seen: dict[tuple[str, str], str] = {}
    for key, value in prices.items():
        target = mapped[key]
        ttl = write_ttl if target.plain_cache_write else target.cache_ttl
        conditions = replace(base, cache_ttl=ttl)
        for observation in _key_prices(context, key, value, target, conditions, keys, path):
            slot = (observation.field, observation.conditions.key())
            if slot in seen:
                raise SourceFormatError(
                    context.document.location,
                    path,
                    {seen[slot]: prices[seen[slot]], key: value},
                    "one price per dimension and condition, but two keys map to "
                    f"{observation.field} {observation.conditions.key() or '(standard)'}",
                )
            seen[slot] = key
            observations.append(observation)
    return observations


def _price_key(context: _ModelContext, key: str, value: object, path: str) -> PriceKey:
    target = PRICE_KEYS.get(key)
    if target is None:
        expected = (
            "a price key with a harga dimension; this genai-prices key has none yet, "
            "so add a dimension and map it in PRICE_KEYS"
            if key in UNMAPPED_SCHEMA_KEYS
            else "a known genai-prices price key; map it in PRICE_KEYS"
        )
        raise SourceFormatError(
            context.document.location, f"{path}[{json.dumps(key)}]", value, expected
        )
    if key in _UNTIERED_KEYS and isinstance(value, TieredPrices):
        raise SourceFormatError(
            context.document.location,
            f"{path}[{json.dumps(key)}]",
            value.model_dump(),
            "a plain number, because the schema allows no tiers for this key",
        )
    return target


def _plain_write_ttl(targets: Iterable[PriceKey]) -> str | None:
    """Return the TTL of a cache-write key that states none, given the other keys of its set.

    genai-prices prices every cache write that no TTL-specific key covers at the plain
    `cache_write_mtok`. When a set prices 1-hour writes and has no 5-minute key, the plain
    price is therefore what 5-minute writes cost (Anthropic's and Bedrock's default TTL).
    Otherwise the TTL stays unstated.
    """
    ttls = {target.cache_ttl for target in targets}
    return "5m" if "1h" in ttls and "5m" not in ttls else None


def _key_prices(
    context: _ModelContext,
    key: str,
    value: RawNumber | TieredPrices,
    target: PriceKey,
    conditions: Conditions,
    keys: tuple[str, ...],
    path: str,
) -> Iterator[Observation]:
    key_path = f"{path}[{json.dumps(key)}]"
    if isinstance(value, RawNumber):
        yield _price(
            context, target, value, key_path, conditions, context.at(*keys, key, literal=value)
        )
        return
    yield _price(
        context,
        target,
        value.base,
        f'{key_path}["base"]',
        conditions,
        context.at(*keys, key, "base", literal=value.base),
    )
    previous = -1
    for index, tier in enumerate(value.tiers):
        tier_path = f'{key_path}["tiers"][{index}]'
        if tier.start <= previous:
            raise SourceFormatError(
                context.document.location,
                f'{tier_path}["start"]',
                tier.start,
                f"a tier start above the previous one ({previous})",
            )
        previous = tier.start
        literal = f'{{"start": {tier.start}, "price": {tier.price}}}'
        tier_conditions = replace(
            conditions, prompt_threshold_tokens=tier.start, prompt_boundary=Boundary.ABOVE
        )
        yield _price(
            context,
            target,
            tier.price,
            f'{tier_path}["price"]',
            tier_conditions,
            context.at(*keys, key, "tiers", str(index), literal=literal),
        )


def _price(
    context: _ModelContext,
    target: PriceKey,
    number: RawNumber,
    path: str,
    conditions: Conditions,
    quoted: str,
) -> Observation:
    return price(
        SOURCE_ID,
        context.model.id,
        context.provider.id,
        target.dimension,
        number,
        amount_of(number, context.document, path),
        target.unit,
        quoted,
        conditions=conditions,
        cited_url=context.cited_url,
    )
