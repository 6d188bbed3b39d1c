"""OpenRouter `/api/v1/models`: the models OpenRouter sells, priced in USD per token.

OpenRouter is the seller of every entry, and `https://openrouter.ai/<id>` is the cited page.
Prices are JSON strings such as `"0.0000002"`. The captured text is that quoted literal, and a
string that is not a plain decimal fails the run. The mapping:

- Pricing keys become dimensions by `PRICE_KEYS`. OpenRouter's SDK reference defines
  `input_cache_write` as the default 5-minute rate "for providers with multiple cache TTLs (e.g.
  Anthropic)", next to `input_cache_write_1h`. So `input_cache_write` gets the 5m TTL when the
  model also lists a 1h rate, and no TTL otherwise.
- `image` and `image_output` are read as USD per image token, although the SDK reference calls
  them per image. Every value in the 2026-08-01 response fits tokens. Each `image` equals the
  model's prompt rate, as Gemini bills image input at the text rate. `image_output` is 0.00003
  for Gemini 2.5 Flash Image, whose pricing page gives 30 USD per 1M output image tokens, or
  0.039 USD per image. It is 0.00004 for GPT-5 Image, and OpenAI prices gpt-image-1 output
  image tokens at 40 USD per 1M. A value above `MAX_IMAGE_TOKEN_PRICE` fails the run rather
  than turn a per-image price into a token price.
- `overrides` are prompt-size tiers. The SDK reference states that an entry applies when its
  condition fields match, later entries win per key, and absent keys keep the base price. Each
  entry's stated keys become prices at `prompt >= min_prompt_tokens`, and entries must come in
  ascending order so that no later, lower tier hides an earlier one.
- `"-1"` marks a price that is not fixed. In the 2026-08-01 response only routers such as
  `openrouter/auto` have it, which pass each prompt on to another model. It yields no price but
  a note, and the entry's facts are still collected.
- Aliases (`alias_target`, ids starting with `~`, such as `~openai/gpt-latest`) are skipped,
  because collecting them would add a second model for each target. Their prices yield a note
  instead. In the 2026-08-01 response, 9 of the 10 aliases repeat their target's prices, and
  `~moonshotai/kimi-latest` is slightly cheaper than its target `moonshotai/kimi-k3`.
- A variant id (`...:free`, `...:thinking`) yields prices for its variant offering. Its facts and
  benchmarks are collected only when the response lists no base id, because a variant's limits
  describe that restricted route rather than the model.
- `tool_call`, `structured_output` and `reasoning` come from `supported_parameters`, which lists
  the request parameters the model accepts: `tools`,
  `structured_outputs` (JSON-schema output, while `response_format` alone is JSON mode) and
  `reasoning`. A missing parameter states false. An empty list states nothing.
- `benchmarks.artificial_analysis` indices become benchmark observations. The value is the
  number's text, because observations carry no decimals and floats are not allowed.
"""

import json
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, PlainValidator

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
    JsonNumber,
    JsonStr,
    RawNumber,
    excerpt,
    load_json,
    validate_model,
)
from harga.domain.conditions import Boundary, Conditions
from harga.domain.money import InvalidAmount, SourceUnit, parse_decimal
from harga.domain.observation import FactValue, Observation, benchmark, fact, price

SOURCE_ID = "openrouter"
SELLER = "openrouter"
API_URL = "https://openrouter.ai/api/v1/models"
MODEL_PAGE = "https://openrouter.ai/"
VARIABLE_PRICE = "-1"
# A plain decimal as OpenRouter writes prices. parse_decimal alone also accepts "1_0" and " 1".
_DECIMAL_TEXT = re.compile(r"\d+(?:\.\d+)?(?:[eE][-+]?\d+)?", re.ASCII)
# 1,000 USD per 1M image tokens. The largest image price in the 2026-08-01 response is 0.00012.
MAX_IMAGE_TOKEN_PRICE = Decimal("0.001")
IMAGE_KEYS = ("image", "image_output")
AA_INDICES = ("intelligence_index", "coding_index", "agentic_index")


@dataclass(frozen=True)
class PriceKey:
    """The dimension, source unit and cache TTL that one pricing key maps to."""

    dimension: str
    unit: SourceUnit
    cache_ttl: str | None = None


# Every price key of `PriceFields`. A pricing key outside this table fails validation.
PRICE_KEYS = {
    "prompt": PriceKey("input", SourceUnit.PER_TOKEN),
    "completion": PriceKey("output", SourceUnit.PER_TOKEN),
    "input_cache_read": PriceKey("cache_read", SourceUnit.PER_TOKEN),
    "input_cache_write": PriceKey("cache_write", SourceUnit.PER_TOKEN),
    "input_cache_write_1h": PriceKey("cache_write", SourceUnit.PER_TOKEN, "1h"),
    "internal_reasoning": PriceKey("reasoning", SourceUnit.PER_TOKEN),
    "web_search": PriceKey("web_search", SourceUnit.PER_REQUEST),
    "image": PriceKey("input_image", SourceUnit.PER_TOKEN),
    "image_output": PriceKey("output_image", SourceUnit.PER_TOKEN),
    "audio": PriceKey("input_audio", SourceUnit.PER_TOKEN),
    "audio_output": PriceKey("output_audio", SourceUnit.PER_TOKEN),
    "input_audio_cache": PriceKey("cache_read_audio", SourceUnit.PER_TOKEN),
}


def _require_price_text(value: object) -> str:
    """Accept a JSON string holding a plain non-negative decimal, or OpenRouter's `"-1"`."""
    if not isinstance(value, str) or isinstance(value, RawNumber):
        raise ValueError("expected a JSON string holding a decimal price")
    if value == VARIABLE_PRICE:
        return value
    if _DECIMAL_TEXT.fullmatch(value) is None:
        raise ValueError('expected a decimal price such as "0.0000002", or "-1"')
    try:
        parse_decimal(value)
    except InvalidAmount as error:
        raise ValueError(str(error)) from None
    return value


PriceText = Annotated[str, PlainValidator(_require_price_text)]


class PriceFields(BaseModel):
    """Prices as OpenRouter states them. An absent key is not stated."""

    model_config = ConfigDict(extra="forbid")

    prompt: PriceText | None = None
    completion: PriceText | None = None
    input_cache_read: PriceText | None = None
    input_cache_write: PriceText | None = None
    input_cache_write_1h: PriceText | None = None
    internal_reasoning: PriceText | None = None
    web_search: PriceText | None = None
    image: PriceText | None = None
    image_output: PriceText | None = None
    audio: PriceText | None = None
    audio_output: PriceText | None = None
    input_audio_cache: PriceText | None = None


class PriceOverride(PriceFields):
    min_prompt_tokens: JsonInt


class Pricing(PriceFields):
    prompt: PriceText
    completion: PriceText
    overrides: list[PriceOverride] | None = None


class Architecture(BaseModel):
    model_config = ConfigDict(extra="forbid")

    modality: JsonStr
    input_modalities: list[JsonStr]
    output_modalities: list[JsonStr]
    tokenizer: JsonStr
    instruct_type: JsonStr | None


class TopProvider(BaseModel):
    model_config = ConfigDict(extra="forbid")

    context_length: JsonInt | None
    max_completion_tokens: JsonInt | None
    is_moderated: JsonBool


class DefaultParameters(BaseModel):
    model_config = ConfigDict(extra="forbid")

    temperature: JsonNumber | None = None
    top_p: JsonNumber | None = None
    top_k: JsonNumber | None = None
    frequency_penalty: JsonNumber | None = None
    presence_penalty: JsonNumber | None = None
    repetition_penalty: JsonNumber | None = None


class ModelLinks(BaseModel):
    model_config = ConfigDict(extra="forbid")

    details: JsonStr


class AliasTarget(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: JsonStr
    slug: JsonStr


class DesignArenaEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    arena: JsonStr
    category: JsonStr
    elo: JsonInt
    rank: JsonInt
    win_rate: JsonNumber


class ArtificialAnalysis(BaseModel):
    model_config = ConfigDict(extra="forbid")

    intelligence_index: JsonNumber | None = None
    coding_index: JsonNumber | None = None
    agentic_index: JsonNumber | None = None


class Benchmarks(BaseModel):
    model_config = ConfigDict(extra="forbid")

    design_arena: list[DesignArenaEntry]
    artificial_analysis: ArtificialAnalysis | None = None


class ReasoningSupport(BaseModel):
    model_config = ConfigDict(extra="forbid")

    mandatory: JsonBool
    default_enabled: JsonBool | None = None
    supported_efforts: list[JsonStr] | None = None
    default_effort: JsonStr | None = None
    supports_max_tokens: JsonBool | None = None


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: JsonStr
    canonical_slug: JsonStr
    hugging_face_id: JsonStr | None
    name: JsonStr
    created: JsonInt
    description: JsonStr
    context_length: JsonInt
    architecture: Architecture
    pricing: Pricing
    top_provider: TopProvider
    # Always null in the 2026-08-01 response, so any value is a shape this model does not know.
    per_request_limits: None
    supported_parameters: list[JsonStr]
    default_parameters: DefaultParameters
    supported_voices: list[JsonStr] | None
    knowledge_cutoff: JsonStr | None
    expiration_date: JsonStr | None
    links: ModelLinks
    benchmarks: Benchmarks | None = None
    reasoning: ReasoningSupport | None = None
    alias_target: AliasTarget | None = None


class ResponseLinks(BaseModel):
    model_config = ConfigDict(extra="forbid")

    next: JsonStr | None


class ModelsResponse(BaseModel):
    model_config = ConfigDict(extra="forbid")

    data: list[Model]
    links: ResponseLinks
    total_count: JsonInt


@dataclass(frozen=True)
class _Entry:
    """One model of the response, with what every observation of it carries."""

    model: Model
    index: int
    document: RawDocument

    @property
    def model_id(self) -> str:
        return self.model.id

    @property
    def cited_url(self) -> str:
        return MODEL_PAGE + self.model.id

    def json_path(self, *path: str | int) -> str:
        parts = ("data", self.index, *path)
        return "".join(f"[{p}]" if isinstance(p, int) else f"[{json.dumps(p)}]" for p in parts)


class OpenRouterCollector(Collector):
    source_id = SOURCE_ID
    name = "OpenRouter"
    kind = SourceKind.AGGREGATOR
    own_seller = SELLER
    homepage = "https://openrouter.ai/models"

    def documents(self) -> list[DocumentRef]:
        return [DocumentRef(API_URL, "openrouter/models*.json")]

    def parse(self, document: RawDocument) -> ParsedDocument:
        response = validate_model(ModelsResponse, load_json(document), document)
        _check_complete(response, document)
        by_id = {model.id: model for model in response.data}
        observations: list[Observation] = []
        notes: list[str] = []
        for index, model in enumerate(response.data):
            entry = _Entry(model, index, document)
            if model.alias_target is not None or model.id.startswith("~"):
                notes.append(_alias_note(model, by_id))
                continue
            observations.extend(_prices(entry, notes))
            base_id, separator, _ = model.id.rpartition(":")
            if separator and base_id in by_id:
                continue
            observations.extend(_facts(entry))
            observations.extend(_benchmarks(entry))
        return ParsedDocument(observations, date_in_mirror_name(document), notes)


def _check_complete(response: ModelsResponse, document: RawDocument) -> None:
    """Reject a response that is one page of several, or that lists an id twice."""
    if response.links.next is not None:
        raise SourceFormatError(
            document.location, '["links"]["next"]', response.links.next, "null (a single page)"
        )
    if response.total_count != len(response.data):
        raise SourceFormatError(
            document.location,
            '["total_count"]',
            response.total_count,
            f"the number of entries in data ({len(response.data)})",
        )
    seen: set[str] = set()
    for index, model in enumerate(response.data):
        if model.id in seen:
            raise SourceFormatError(
                document.location, f'["data"][{index}]["id"]', model.id, "an id listed once"
            )
        seen.add(model.id)


def _alias_note(model: Model, by_id: dict[str, Model]) -> str:
    target_id = model.alias_target.slug if model.alias_target is not None else None
    target = by_id.get(target_id) if target_id is not None else None
    if target is None:
        return f"{model.id}: alias whose target {target_id} is not in the response, skipped"
    if target.pricing != model.pricing:
        return f"{model.id}: alias of {target_id} with different prices, skipped"
    return f"{model.id}: alias of {target_id}, skipped"


def _prices(entry: _Entry, notes: list[str]) -> list[Observation]:
    pricing = entry.model.pricing
    # The plain cache-write key is the 5-minute rate only where a 1-hour rate sits beside it.
    write_ttl = "5m" if pricing.input_cache_write_1h is not None else None
    observations = _stated_prices(entry, pricing, ("pricing",), Conditions(), write_ttl, notes)
    previous_threshold = -1
    for index, override in enumerate(pricing.overrides or []):
        path = ("pricing", "overrides", index)
        if override.min_prompt_tokens <= previous_threshold:
            raise SourceFormatError(
                entry.document.location,
                entry.json_path(*path, "min_prompt_tokens"),
                override.min_prompt_tokens,
                f"a threshold above the previous override's ({previous_threshold})",
            )
        previous_threshold = override.min_prompt_tokens
        # NOTE: "min" is read as inclusive. OpenRouter's reference does not say what a prompt of
        # exactly min_prompt_tokens pays, and Anthropic and Google state "> 200K" themselves.
        conditions = Conditions(
            prompt_threshold_tokens=override.min_prompt_tokens,
            prompt_boundary=Boundary.AT_OR_ABOVE,
        )
        observations.extend(_stated_prices(entry, override, path, conditions, write_ttl, notes))
    return observations


def _stated_prices(
    entry: _Entry,
    fields: PriceFields,
    path: tuple[str | int, ...],
    conditions: Conditions,
    write_ttl: str | None,
    notes: list[str],
) -> list[Observation]:
    observations = []
    for key, target in PRICE_KEYS.items():
        text: str | None = getattr(fields, key)
        if text is None:
            continue
        if text == VARIABLE_PRICE:
            notes.append(f"{entry.model_id}: {key} is -1, not a fixed price, skipped")
            continue
        amount = parse_decimal(text)
        if key in IMAGE_KEYS and amount > MAX_IMAGE_TOKEN_PRICE:
            raise SourceFormatError(
                entry.document.location,
                entry.json_path(*path, key),
                text,
                f"a price per image token of at most {MAX_IMAGE_TOKEN_PRICE} USD, because a "
                "larger value is likely a price per image, which this collector does not map",
            )
        ttl = write_ttl if key == "input_cache_write" else target.cache_ttl
        literal = json.dumps(text)
        observations.append(
            price(
                SOURCE_ID,
                entry.model_id,
                SELLER,
                target.dimension,
                literal,
                amount,
                target.unit,
                excerpt(entry.model_id, *map(str, path), key, literal=literal),
                conditions=replace(conditions, cache_ttl=ttl),
                cited_url=entry.cited_url,
            )
        )
    return observations


# Boolean facts and the `supported_parameters` entry whose presence makes each true.
SUPPORTED_PARAMETER_FACTS = {
    "tool_call": "tools",
    "structured_output": "structured_outputs",
    "reasoning": "reasoning",
}


def _facts(entry: _Entry) -> list[Observation]:
    model = entry.model
    stated: list[tuple[str, tuple[str, ...], FactValue]] = [
        ("name", ("name",), model.name),
        ("description", ("description",), model.description),
        (
            "input_modalities",
            ("architecture", "input_modalities"),
            tuple(model.architecture.input_modalities),
        ),
        (
            "output_modalities",
            ("architecture", "output_modalities"),
            tuple(model.architecture.output_modalities),
        ),
    ]
    if model.context_length > 0:
        stated.append(("context_window", ("context_length",), model.context_length))
    max_output = model.top_provider.max_completion_tokens
    if max_output is not None and max_output > 0:
        stated.append(("max_output_tokens", ("top_provider", "max_completion_tokens"), max_output))
    if model.knowledge_cutoff is not None:
        stated.append(("knowledge_cutoff", ("knowledge_cutoff",), model.knowledge_cutoff))
    observations = [_fact(entry, key, path, value, value) for key, path, value in stated]
    parameters = tuple(model.supported_parameters)
    if parameters:
        for key, parameter in SUPPORTED_PARAMETER_FACTS.items():
            supported = parameter in parameters
            observations.append(_fact(entry, key, ("supported_parameters",), supported, parameters))
    return observations


def _fact(
    entry: _Entry, key: str, path: tuple[str, ...], value: FactValue, read: FactValue
) -> Observation:
    """Build a fact whose captured text is the JSON value it was read from, `read`."""
    literal = _json_literal(read)
    return fact(
        SOURCE_ID,
        entry.model_id,
        SELLER,
        key,
        literal,
        value,
        excerpt(entry.model_id, *path, literal=literal),
        cited_url=entry.cited_url,
    )


def _benchmarks(entry: _Entry) -> list[Observation]:
    benchmarks = entry.model.benchmarks
    if benchmarks is None or benchmarks.artificial_analysis is None:
        return []
    observations = []
    for index in AA_INDICES:
        number: RawNumber | None = getattr(benchmarks.artificial_analysis, index)
        if number is None:
            continue
        observations.append(
            benchmark(
                SOURCE_ID,
                entry.model_id,
                SELLER,
                f"artificial_analysis.{index}",
                number,
                str(number),
                excerpt(entry.model_id, "benchmarks", "artificial_analysis", index, literal=number),
                cited_url=entry.cited_url,
            )
        )
    return observations


def _json_literal(value: FactValue) -> str:
    if isinstance(value, tuple):
        return json.dumps(list(value), ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False)
