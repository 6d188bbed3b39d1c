"""LiteLLM's `model_prices_and_context_window.json`: one object per model key, prices in USD.

Each entry's key (`azure/gpt-5.4-nano`) is the upstream model id, its `litellm_provider` the
seller and its `source`, when present, the cited URL. Token prices are USD per token, written
as JSON floats such as `2e-07`; the literal is kept, so 2e-07 becomes exactly 0.2 per million.

Every key of an entry is in one of the tables below: `PRICE_KEYS` (mapped to a dimension, a
source unit and conditions), `FACT_KEYS` (mapped to a model fact), `STRUCTURED_KEYS` (read by
the collector) or `IGNORED_KEYS` (with the reason). A key in none of them fails the run, with
one exception: LiteLLM adds capability flags often, so an unknown `supports_*` key is accepted
when its value is a JSON boolean. It is logged and not published, because a new flag changes
no price.

Conditions follow LiteLLM's cost calculator (`litellm/litellm_core_utils/llm_cost_calc/
utils.py` and `tiered_pricing.py` in BerriAI/litellm, read at commits 001b531 and 044f299):

- `_above_<N>k_tokens` applies when the prompt tokens, cached ones included, exceed N × 1000.
  LiteLLM makes that comparison inclusive (>=) for provider `xai` only.
- `tiered_pricing` ranges select a tier by `start < prompt tokens <= end`, for the whole
  request, so a tier's start is an exclusive threshold.
- `cache_creation_input_token_cost` prices 5-minute cache writes when the entry also has
  `cache_creation_input_token_cost_above_1hr` (LiteLLM bills `ephemeral_5m_input_tokens` at
  it), and a write of unstated TTL otherwise.
- `_batches`, `_flex` and `_priority` are service tiers.
"""

import json
import logging
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, PlainValidator, Tag

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
    amount_of,
    excerpt,
    load_json,
    validate_model,
)
from harga.domain.conditions import STANDARD, Boundary, Conditions, ServiceTier
from harga.domain.money import InvalidAmount, SourceUnit, parse_decimal
from harga.domain.observation import FactValue, Observation, fact, price

logger = logging.getLogger(__name__)

SOURCE_ID = "litellm"
DATA_URL = (
    "https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json"
)
MIRROR_GLOB = "litellm/model_prices_and_context_window*.json"

# Top-level keys that are not model entries.
TEMPLATE_KEY = "sample_spec"  # LiteLLM's documentation template: every price in it is 0.0
ROUTING_KEY = "fallback_generalizations"  # LiteLLM's rules for routing unknown model ids
UPDATED_KEY = "last_updated"  # added by the RoCry/llm-api-price mirror, absent upstream

# Entries that are validated but not observed, because they do not price one model under
# conditions harga can state.
SKIPPED_ENTRIES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"^(?:fireworks-ai|together-ai)-"),
        "a default price for a class of models by parameter count, not a model",
    ),
    (
        re.compile(r"(?:^|/)(?:\d+|max)-x-(?:\d+|max)/"),
        "a price for one image size, quality or step count, which harga has no condition for",
    ),
    (
        re.compile(r"/\d+-month-commitment/"),
        "provisioned throughput per model unit and second, which has no dimension",
    ),
    (
        # `fireworks_ai/accounts/fireworks/models/`: a path with no model name after it.
        re.compile(r"/$"),
        "a key that ends in a slash and names no model",
    ),
)


# --- Price keys ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PriceKey:
    """The dimension, source unit and conditions that one LiteLLM cost key maps to.

    `above_tokens` is a prompt-size threshold whose boundary depends on the provider (see the
    module docstring). `plain_cache_write` marks the cache-write key whose TTL depends on the
    rest of the entry. `per_mode` maps an entry's `mode` to the dimension for keys whose
    meaning depends on it; a mode missing there fails the run.
    """

    dimension: str
    unit: SourceUnit
    tier: ServiceTier = ServiceTier.STANDARD
    above_tokens: int | None = None
    cache_ttl: str | None = None
    plain_cache_write: bool = False
    per_mode: tuple[tuple[str, str], ...] = ()

    def dimension_for(self, mode: str | None) -> str | None:
        if not self.per_mode:
            return self.dimension
        return dict(self.per_mode).get(mode or "")


_TOKEN = SourceUnit.PER_TOKEN
_BATCH = ServiceTier.BATCH
_FLEX = ServiceTier.FLEX
_PRIORITY = ServiceTier.PRIORITY


def _token(dimension: str, **options: Any) -> PriceKey:
    return PriceKey(dimension, _TOKEN, **options)


def _write(**options: Any) -> PriceKey:
    return PriceKey("cache_write", _TOKEN, plain_cache_write=True, **options)


# Listed in order of preference: when two keys of one entry state the same dimension and
# conditions with the same amount, the first one listed here is kept.
PRICE_KEYS: dict[str, PriceKey] = {
    # Text tokens.
    "input_cost_per_token": _token("input"),
    "input_cost_per_token_above_128k_tokens": _token("input", above_tokens=128_000),
    "input_cost_per_token_above_200k_tokens": _token("input", above_tokens=200_000),
    "input_cost_per_token_above_256k_tokens": _token("input", above_tokens=256_000),
    "input_cost_per_token_above_272k_tokens": _token("input", above_tokens=272_000),
    "input_cost_per_token_above_512k_tokens": _token("input", above_tokens=512_000),
    "input_cost_per_token_batches": _token("input", tier=_BATCH),
    "input_cost_per_token_flex": _token("input", tier=_FLEX),
    "input_cost_per_token_priority": _token("input", tier=_PRIORITY),
    "input_cost_per_token_above_200k_tokens_priority": _token(
        "input", tier=_PRIORITY, above_tokens=200_000
    ),
    "input_cost_per_token_above_272k_tokens_priority": _token(
        "input", tier=_PRIORITY, above_tokens=272_000
    ),
    "output_cost_per_token": _token("output"),
    "output_cost_per_token_above_128k_tokens": _token("output", above_tokens=128_000),
    "output_cost_per_token_above_200k_tokens": _token("output", above_tokens=200_000),
    "output_cost_per_token_above_256k_tokens": _token("output", above_tokens=256_000),
    "output_cost_per_token_above_272k_tokens": _token("output", above_tokens=272_000),
    "output_cost_per_token_above_512k_tokens": _token("output", above_tokens=512_000),
    "output_cost_per_token_batches": _token("output", tier=_BATCH),
    "output_cost_per_token_flex": _token("output", tier=_FLEX),
    "output_cost_per_token_priority": _token("output", tier=_PRIORITY),
    "output_cost_per_token_above_200k_tokens_priority": _token(
        "output", tier=_PRIORITY, above_tokens=200_000
    ),
    "output_cost_per_token_above_272k_tokens_priority": _token(
        "output", tier=_PRIORITY, above_tokens=272_000
    ),
    # Cache reads. DeepSeek entries repeat the read price as `input_cost_per_token_cache_hit`.
    "cache_read_input_token_cost": _token("cache_read"),
    "cache_read_input_token_cost_above_200k_tokens": _token("cache_read", above_tokens=200_000),
    "cache_read_input_token_cost_above_272k_tokens": _token("cache_read", above_tokens=272_000),
    "cache_read_input_token_cost_above_512k_tokens": _token("cache_read", above_tokens=512_000),
    "cache_read_input_token_cost_flex": _token("cache_read", tier=_FLEX),
    "cache_read_input_token_cost_priority": _token("cache_read", tier=_PRIORITY),
    "cache_read_input_token_cost_above_200k_tokens_priority": _token(
        "cache_read", tier=_PRIORITY, above_tokens=200_000
    ),
    "cache_read_input_token_cost_above_272k_tokens_priority": _token(
        "cache_read", tier=_PRIORITY, above_tokens=272_000
    ),
    "input_cost_per_token_cache_hit": _token("cache_read"),
    # Cache writes.
    "cache_creation_input_token_cost": _write(),
    "cache_creation_input_token_cost_above_200k_tokens": _write(above_tokens=200_000),
    "cache_creation_input_token_cost_above_272k_tokens": _write(above_tokens=272_000),
    "cache_creation_input_token_cost_flex": _write(tier=_FLEX),
    "cache_creation_input_token_cost_priority": _write(tier=_PRIORITY),
    "cache_creation_input_token_cost_above_1hr": _token("cache_write", cache_ttl="1h"),
    "cache_creation_input_token_cost_above_1hr_above_200k_tokens": _token(
        "cache_write", cache_ttl="1h", above_tokens=200_000
    ),
    # Other token kinds.
    "output_cost_per_reasoning_token": _token("reasoning"),
    "input_cost_per_audio_token": _token("input_audio"),
    "input_cost_per_audio_token_priority": _token("input_audio", tier=_PRIORITY),
    "output_cost_per_audio_token": _token("output_audio"),
    "cache_read_input_audio_token_cost": _token("cache_read_audio"),
    "input_cost_per_image_token": _token("input_image"),
    "output_cost_per_image_token": _token("output_image"),
    "output_cost_per_video_token": _token("output_video"),
    "citation_cost_per_token": _token("citation"),
    # Images, requests and seconds.
    "input_cost_per_image": PriceKey("input_image_count", SourceUnit.PER_IMAGE),
    "input_cost_per_image_above_128k_tokens": PriceKey(
        "input_image_count", SourceUnit.PER_IMAGE, above_tokens=128_000
    ),
    "output_cost_per_image": PriceKey("image", SourceUnit.PER_IMAGE),
    # A rerank or search query is one API request.
    "input_cost_per_query": PriceKey("request", SourceUnit.PER_REQUEST),
    "input_cost_per_request": PriceKey("request", SourceUnit.PER_REQUEST),
    "input_cost_per_audio_per_second": PriceKey("audio_second", SourceUnit.PER_SECOND),
    "input_cost_per_audio_per_second_above_128k_tokens": PriceKey(
        "audio_second", SourceUnit.PER_SECOND, above_tokens=128_000
    ),
    "input_cost_per_video_per_second": PriceKey("video_second", SourceUnit.PER_SECOND),
    "input_cost_per_video_per_second_above_128k_tokens": PriceKey(
        "video_second", SourceUnit.PER_SECOND, above_tokens=128_000
    ),
    "output_cost_per_video_per_second": PriceKey("video_second", SourceUnit.PER_SECOND),
    # Seconds of what depends on the mode: transcribed audio, spoken audio or generated video.
    "input_cost_per_second": PriceKey(
        "",
        SourceUnit.PER_SECOND,
        per_mode=(("audio_transcription", "audio_second"),),
    ),
    "output_cost_per_second": PriceKey(
        "",
        SourceUnit.PER_SECOND,
        per_mode=(
            ("audio_transcription", "audio_second"),
            ("audio_speech", "audio_second"),
            ("video_generation", "video_second"),
        ),
    ),
}

# Numeric cost keys that are read (a quoted number still fails) but not observed.
IGNORED_PRICE_KEYS: dict[str, str] = {
    "cache_creation_input_audio_token_cost": (
        "named a cache write, but its values are OpenAI's cached audio input (read) price, "
        "e.g. 4e-07 for gpt-realtime, and OpenAI bills no cache writes, so its meaning is unclear"
    ),
    "input_cost_per_character": "a per-character price; harga has no character unit",
    "input_cost_per_character_above_128k_tokens": "a per-character price",
    "output_cost_per_character": "a per-character price",
    "output_cost_per_character_above_128k_tokens": "a per-character price",
    "input_cost_per_pixel": "a per-pixel price; harga has no pixel unit",
    "output_cost_per_pixel": "a per-pixel price",
    "input_cost_per_video_per_second_above_8s_interval": (
        "depends on the video's length, which harga has no condition for"
    ),
    "input_cost_per_video_per_second_above_15s_interval": "depends on the video's length",
    "output_cost_per_second_1080p": "depends on the video resolution, which has no condition",
    "code_interpreter_cost_per_session": "a per-container-session price; no such unit",
    "computer_use_input_cost_per_1k_tokens": "computer-use tool tokens have no dimension",
    "computer_use_output_cost_per_1k_tokens": "computer-use tool tokens have no dimension",
    "file_search_cost_per_1k_calls": "file-search tool calls have no dimension",
    "file_search_cost_per_gb_per_day": "per GB-day of file storage; no such unit",
    "vector_store_cost_per_gb_per_day": "per GB-day of vector storage; no such unit",
    "annotation_cost_per_page": "a per-page price; harga has no page unit",
    "ocr_cost_per_page": "a per-page price",
    "ocr_cost_per_credit": "a price per provider credit, whose size varies by request",
    "input_dbu_cost_per_token": "Databricks units, not a currency",
    "output_dbu_cost_per_token": "Databricks units, not a currency",
    "regional_processing_uplift_multiplier_eu": "a multiplier on other prices, not a price",
    "regional_processing_uplift_multiplier_us": "a multiplier on other prices, not a price",
}

# Keys that become model facts.
FACT_KEYS: dict[str, str] = {
    "max_input_tokens": "context_window",
    "max_output_tokens": "max_output_tokens",
    "mode": "mode",
    "supports_function_calling": "tool_call",
    "supports_vision": "vision",
    "supports_prompt_caching": "prompt_caching",
    "supports_response_schema": "structured_output",
    "supports_web_search": "web_search",
    "supports_reasoning": "reasoning",
    "supported_modalities": "input_modalities",
    "supported_output_modalities": "output_modalities",
}

# Keys the collector reads itself.
STRUCTURED_KEYS = frozenset(
    {
        "litellm_provider",
        "source",
        "tiered_pricing",
        "search_context_cost_per_query",
        "web_search_billing_unit",
    }
)

_UNPUBLISHED_FLAG = "a capability flag harga does not publish"

# Non-price keys that are validated but not observed.
IGNORED_KEYS: dict[str, str] = {
    "max_tokens": "legacy; LiteLLM fills it from max_output_tokens or max_input_tokens",
    "deprecation_date": "harga has no fact for a deprecation date",
    "metadata": "free-form notes",
    "comment": "free-form note",
    "provider_specific_entry": "LiteLLM routing details",
    "supported_endpoints": "LiteLLM's endpoint paths, not a model property",
    "supported_regions": "regions without a price per region",
    "rpm": "a rate limit",
    "tpm": "a rate limit",
    "output_vector_size": "embedding dimensions",
    "prompt_cache_min_tokens": "a caching rule, not a price",
    "audio_transcription_config": "LiteLLM request configuration",
    "bedrock_converse_supports_strict_tools": "LiteLLM request configuration",
    "bedrock_output_config_effort_ceiling": "LiteLLM request configuration",
    "gemini_audio_only_live": "LiteLLM request configuration",
    "gemini_native_audio": "LiteLLM request configuration",
    "use_openai_responses_path": "LiteLLM request configuration",
    "uses_embed_content": "LiteLLM request configuration",
    "supports_adaptive_thinking": _UNPUBLISHED_FLAG,
    "supports_assistant_prefill": _UNPUBLISHED_FLAG,
    "supports_audio_input": _UNPUBLISHED_FLAG,
    "supports_audio_output": _UNPUBLISHED_FLAG,
    "supports_computer_use": _UNPUBLISHED_FLAG,
    "supports_embedding_image_input": _UNPUBLISHED_FLAG,
    "supports_image_input": _UNPUBLISHED_FLAG,
    "supports_image_size": _UNPUBLISHED_FLAG,
    "supports_low_reasoning_effort": _UNPUBLISHED_FLAG,
    "supports_max_reasoning_effort": _UNPUBLISHED_FLAG,
    "supports_mid_conversation_system": _UNPUBLISHED_FLAG,
    "supports_minimal_reasoning_effort": _UNPUBLISHED_FLAG,
    "supports_multimodal": _UNPUBLISHED_FLAG,
    "supports_native_streaming": _UNPUBLISHED_FLAG,
    "supports_native_structured_output": _UNPUBLISHED_FLAG,
    "supports_none_reasoning_effort": _UNPUBLISHED_FLAG,
    "supports_nova_canvas_image_edit": _UNPUBLISHED_FLAG,
    "supports_output_config": _UNPUBLISHED_FLAG,
    "supports_parallel_function_calling": _UNPUBLISHED_FLAG,
    "supports_parallel_tool_use_config": _UNPUBLISHED_FLAG,
    "supports_pdf_input": _UNPUBLISHED_FLAG,
    "supports_sampling_params": _UNPUBLISHED_FLAG,
    "supports_speed": _UNPUBLISHED_FLAG,
    "supports_system_messages": _UNPUBLISHED_FLAG,
    "supports_tool_choice": _UNPUBLISHED_FLAG,
    "supports_url_context": _UNPUBLISHED_FLAG,
    "supports_video_input": _UNPUBLISHED_FLAG,
    "supports_xhigh_reasoning_effort": _UNPUBLISHED_FLAG,
}

# Providers whose prompt-size thresholds LiteLLM compares with >= rather than >.
_INCLUSIVE_THRESHOLD_PROVIDERS = frozenset({"xai"})


# --- The format ----------------------------------------------------------------------------


def _require_token_count(value: object) -> RawNumber:
    """Accept a JSON number with a whole value, such as `2000000.0` in xAI entries."""
    if not isinstance(value, RawNumber):
        raise ValueError("expected a JSON number")
    try:
        amount = parse_decimal(value)
    except InvalidAmount:
        raise ValueError("expected a JSON number") from None
    if amount < 0 or amount != amount.to_integral_value():
        raise ValueError("expected a whole, non-negative number of tokens")
    return value


TokenCount = Annotated[RawNumber, PlainValidator(_require_token_count)]


class TokenTier(BaseModel):
    """One `tiered_pricing` tier selected by the prompt's token count."""

    model_config = ConfigDict(extra="forbid")
    range: tuple[TokenCount, TokenCount]
    input_cost_per_token: JsonNumber | None = None
    output_cost_per_token: JsonNumber | None = None
    output_cost_per_reasoning_token: JsonNumber | None = None
    cache_read_input_token_cost: JsonNumber | None = None
    cache_creation_input_token_cost: JsonNumber | None = None


class ResultsTier(BaseModel):
    """One `tiered_pricing` tier of a search API, selected by the number of results asked for.

    harga has no condition for a result count, so these tiers are validated and not observed.
    """

    model_config = ConfigDict(extra="forbid")
    max_results_range: tuple[JsonInt, JsonInt]
    input_cost_per_query: JsonNumber


def _tiers_kind(value: Any) -> str:
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return "results" if "max_results_range" in value[0] else "tokens"
    return "tokens"


TieredPricing = Annotated[
    Annotated[list[TokenTier], Tag("tokens")] | Annotated[list[ResultsTier], Tag("results")],
    Discriminator(_tiers_kind),
]


class SearchContextCost(BaseModel):
    """Price per web search query for each `search_context_size` a request can set."""

    model_config = ConfigDict(extra="forbid")
    search_context_size_low: JsonNumber
    search_context_size_medium: JsonNumber
    search_context_size_high: JsonNumber


class EntryFields(BaseModel):
    """The non-price keys of one model entry; cost keys are checked against `PRICE_KEYS`."""

    model_config = ConfigDict(extra="forbid")

    litellm_provider: JsonStr
    source: JsonStr | None = None
    mode: JsonStr | None = None
    max_input_tokens: TokenCount | None = None
    max_output_tokens: TokenCount | None = None
    max_tokens: TokenCount | None = None
    supported_modalities: list[JsonStr] | None = None
    supported_output_modalities: list[JsonStr] | None = None
    supports_function_calling: JsonBool | None = None
    supports_vision: JsonBool | None = None
    supports_prompt_caching: JsonBool | None = None
    supports_response_schema: JsonBool | None = None
    supports_web_search: JsonBool | None = None
    supports_reasoning: JsonBool | None = None
    tiered_pricing: TieredPricing | None = None
    search_context_cost_per_query: SearchContextCost | None = None
    # Only per-query billing is known; another unit would change what the search prices mean.
    web_search_billing_unit: Literal["per_query"] | None = None
    deprecation_date: JsonStr | None = None
    metadata: dict[str, Any] | None = None
    comment: JsonStr | None = None
    provider_specific_entry: dict[str, Any] | None = None
    supported_endpoints: list[JsonStr] | None = None
    supported_regions: list[JsonStr] | None = None
    rpm: JsonInt | None = None
    tpm: JsonInt | None = None
    output_vector_size: JsonInt | None = None
    prompt_cache_min_tokens: JsonInt | None = None
    audio_transcription_config: JsonStr | None = None
    bedrock_converse_supports_strict_tools: JsonBool | None = None
    bedrock_output_config_effort_ceiling: JsonStr | None = None
    gemini_audio_only_live: JsonBool | None = None
    gemini_native_audio: JsonBool | None = None
    use_openai_responses_path: JsonBool | None = None
    uses_embed_content: JsonBool | None = None
    supports_adaptive_thinking: JsonBool | None = None
    supports_assistant_prefill: JsonBool | None = None
    supports_audio_input: JsonBool | None = None
    supports_audio_output: JsonBool | None = None
    supports_computer_use: JsonBool | None = None
    supports_embedding_image_input: JsonBool | None = None
    supports_image_input: JsonBool | None = None
    supports_image_size: JsonBool | None = None
    supports_low_reasoning_effort: JsonBool | None = None
    supports_max_reasoning_effort: JsonBool | None = None
    supports_mid_conversation_system: JsonBool | None = None
    supports_minimal_reasoning_effort: JsonBool | None = None
    supports_multimodal: JsonBool | None = None
    supports_native_streaming: JsonBool | None = None
    supports_native_structured_output: JsonBool | None = None
    supports_none_reasoning_effort: JsonBool | None = None
    supports_nova_canvas_image_edit: JsonBool | None = None
    supports_output_config: JsonBool | None = None
    supports_parallel_function_calling: JsonBool | None = None
    supports_parallel_tool_use_config: JsonBool | None = None
    supports_pdf_input: JsonBool | None = None
    supports_sampling_params: JsonBool | None = None
    supports_speed: JsonBool | None = None
    supports_system_messages: JsonBool | None = None
    supports_tool_choice: JsonBool | None = None
    supports_url_context: JsonBool | None = None
    supports_video_input: JsonBool | None = None
    supports_xhigh_reasoning_effort: JsonBool | None = None


# --- The collector -------------------------------------------------------------------------


class LiteLLMCollector(Collector):
    source_id = SOURCE_ID
    name = "LiteLLM model prices"
    kind = SourceKind.AGGREGATOR
    homepage = "https://github.com/BerriAI/litellm"

    def documents(self) -> list[DocumentRef]:
        return [DocumentRef(DATA_URL, MIRROR_GLOB)]

    def parse(self, document: RawDocument) -> ParsedDocument:
        data = load_json(document)
        if not isinstance(data, dict):
            raise SourceFormatError(
                document.location, "$", type(data).__name__, "a JSON object of model entries"
            )
        # The mirror's file name carries its fetch day, and `last_updated` is finer when present.
        stated_at = date_in_mirror_name(document)
        observations: list[Observation] = []
        tally = _Tally()

        for key, value in data.items():
            if key in (TEMPLATE_KEY, ROUTING_KEY):
                continue
            if key == UPDATED_KEY:
                stated_at = _stated_at(document, value)
                continue
            entry = _read_entry(document, key, value)
            tally.unknown_flags.update(entry.unknown_flags)
            reason = _skip_reason(key)
            if reason is not None:
                tally.skipped[reason] += 1
                continue
            observations.extend(_entry_observations(document, entry))
            if _search_prices_by_size(entry.fields):
                tally.search_by_size += 1

        if tally.unknown_flags:
            logger.warning(
                "%s: LiteLLM capability flags not published: %s",
                document.location,
                ", ".join(sorted(tally.unknown_flags)),
            )
        return ParsedDocument(observations, stated_at, tally.notes())


@dataclass
class _Tally:
    """The entries one parse left out, for the run's notes."""

    skipped: Counter[str] = field(default_factory=Counter)
    unknown_flags: set[str] = field(default_factory=set)
    search_by_size: int = 0

    def notes(self) -> list[str]:
        notes = [f"entries not observed, {reason}: {n}" for reason, n in self.skipped.items()]
        if self.search_by_size:
            notes.append(
                "entries whose web search price depends on the search context size, "
                f"which harga has no condition for, not observed: {self.search_by_size}"
            )
        if self.unknown_flags:
            flags = ", ".join(sorted(self.unknown_flags))
            notes.append(f"capability flags not in IGNORED_KEYS or FACT_KEYS: {flags}")
        return notes


def _skip_reason(key: str) -> str | None:
    """Return why an entry is validated but not observed, or None to observe it."""
    for pattern, reason in SKIPPED_ENTRIES:
        if pattern.search(key):
            return reason
    return None


def _search_prices_by_size(fields: EntryFields) -> bool:
    """Tell whether an entry's web search price depends on the search context size."""
    cost = fields.search_context_cost_per_query
    if cost is None:
        return False
    sizes = (cost.search_context_size_low, cost.search_context_size_medium)
    return any(
        parse_decimal(number) != parse_decimal(cost.search_context_size_high) for number in sizes
    )


def _stated_at(document: RawDocument, value: object) -> datetime:
    path = f"$[{json.dumps(UPDATED_KEY)}]"
    expected = "an ISO timestamp with a UTC offset"
    if not isinstance(value, str) or isinstance(value, RawNumber):
        raise SourceFormatError(document.location, path, value, expected)
    try:
        stated = datetime.fromisoformat(value)
    except ValueError:
        raise SourceFormatError(document.location, path, value, expected) from None
    if stated.tzinfo is None:
        raise SourceFormatError(document.location, path, value, expected)
    return stated


@dataclass
class _Entry:
    """One validated entry: its key, its non-price keys and its mapped cost keys."""

    key: str
    fields: EntryFields
    prices: dict[str, RawNumber]
    unknown_flags: set[str]

    @property
    def path(self) -> str:
        return f"$[{json.dumps(self.key)}]"

    def path_of(self, *keys: str | int) -> str:
        return self.path + "".join(
            f"[{key}]" if isinstance(key, int) else f"[{json.dumps(key)}]" for key in keys
        )


def _read_entry(document: RawDocument, key: str, value: object) -> _Entry:
    """Check every key of an entry against the tables, then validate its non-price keys."""
    entry_path = f"$[{json.dumps(key)}]"
    if not isinstance(value, dict):
        raise SourceFormatError(document.location, entry_path, value, "a JSON object")
    prices: dict[str, RawNumber] = {}
    others: dict[str, Any] = {}
    unknown_flags: set[str] = set()
    for name, item in value.items():
        path = f"{entry_path}[{json.dumps(name)}]"
        if name in PRICE_KEYS or name in IGNORED_PRICE_KEYS:
            if not isinstance(item, RawNumber):
                raise SourceFormatError(document.location, path, item, "a JSON number")
            if name in PRICE_KEYS:
                prices[name] = item
        elif name in EntryFields.model_fields:
            others[name] = item
        elif name.startswith("supports_"):
            if not isinstance(item, bool):
                raise SourceFormatError(document.location, path, item, "a JSON boolean")
            unknown_flags.add(name)
        else:
            raise SourceFormatError(
                document.location,
                path,
                item,
                "a key the LiteLLM collector knows; map it in PRICE_KEYS or FACT_KEYS, "
                "or list it in IGNORED_KEYS or IGNORED_PRICE_KEYS with the reason",
            )
    fields = validate_model(EntryFields, others, document, prefix=entry_path)
    return _Entry(key, fields, prices, unknown_flags)


def _entry_observations(document: RawDocument, entry: _Entry) -> list[Observation]:
    context = _EntryContext(document, entry)
    observations = [*context.flat_prices(), *context.tier_prices(), *context.search_prices()]
    observations.extend(context.facts())
    return _without_repeats(document, entry, observations)


@dataclass
class _EntryContext:
    document: RawDocument
    entry: _Entry

    @property
    def seller(self) -> str:
        return self.entry.fields.litellm_provider

    @property
    def boundary(self) -> Boundary:
        if self.seller in _INCLUSIVE_THRESHOLD_PROVIDERS:
            return Boundary.AT_OR_ABOVE
        return Boundary.ABOVE

    @property
    def plain_write_ttl(self) -> str | None:
        if "cache_creation_input_token_cost_above_1hr" in self.entry.prices:
            return "5m"
        return None

    def conditions(self, target: PriceKey) -> Conditions:
        ttl = self.plain_write_ttl if target.plain_cache_write else target.cache_ttl
        conditions = Conditions(tier=target.tier, cache_ttl=ttl)
        if target.above_tokens is None:
            return conditions
        return replace(
            conditions, prompt_threshold_tokens=target.above_tokens, prompt_boundary=self.boundary
        )

    def price(
        self,
        dimension: str,
        unit: SourceUnit,
        number: RawNumber,
        path: str,
        conditions: Conditions,
        quoted: str,
    ) -> Observation:
        amount = amount_of(number, self.document, path)
        if amount < 0:
            raise SourceFormatError(self.document.location, path, number, "a price of 0 or more")
        return price(
            SOURCE_ID,
            self.entry.key,
            self.seller,
            dimension,
            number,
            amount,
            unit,
            quoted,
            conditions=conditions,
            cited_url=self.entry.fields.source,
        )

    def flat_prices(self) -> Iterator[Observation]:
        prices = _per_second_prices(self.document, self.entry)
        mode = self.entry.fields.mode
        for name, target in PRICE_KEYS.items():
            number = prices.get(name)
            if number is None:
                continue
            path = self.entry.path_of(name)
            dimension = target.dimension_for(mode)
            if dimension is None:
                modes = ", ".join(m for m, _ in target.per_mode)
                raise SourceFormatError(
                    self.document.location,
                    path,
                    mode,
                    f"an entry mode that says what this per-second price counts ({modes})",
                )
            quoted = excerpt(self.entry.key, name, literal=number)
            yield self.price(dimension, target.unit, number, path, self.conditions(target), quoted)

    def tier_prices(self) -> Iterator[Observation]:
        """Build prices from `tiered_pricing` token tiers; each start is a prompt threshold."""
        tiers = self.entry.fields.tiered_pricing
        if not tiers or not isinstance(tiers[0], TokenTier):
            return
        previous_end: Decimal | None = None
        for index, tier in enumerate(tiers):
            if not isinstance(tier, TokenTier):
                continue
            start, end = (parse_decimal(bound) for bound in tier.range)
            expected_start = Decimal(0) if previous_end is None else previous_end
            if start != expected_start or end <= start:
                raise SourceFormatError(
                    self.document.location,
                    self.entry.path_of("tiered_pricing", index, "range"),
                    [str(bound) for bound in tier.range],
                    f"a range from {expected_start} to a larger end, so the tiers are "
                    "contiguous and in order",
                )
            previous_end = end
            base = STANDARD if start == 0 else Conditions(prompt_threshold_tokens=int(start))
            yield from self._tier_observations(index, tier, base)

    def _tier_observations(
        self, index: int, tier: TokenTier, base: Conditions
    ) -> Iterator[Observation]:
        for name in TokenTier.model_fields:
            number = getattr(tier, name)
            if name == "range" or number is None:
                continue
            target = PRICE_KEYS[name]
            conditions = replace(
                self.conditions(target), prompt_threshold_tokens=base.prompt_threshold_tokens
            )
            path = self.entry.path_of("tiered_pricing", index, name)
            quoted = excerpt(self.entry.key, "tiered_pricing", str(index), name, literal=number)
            yield self.price(target.dimension, target.unit, number, path, conditions, quoted)

    def search_prices(self) -> Iterator[Observation]:
        """Build the web search price when it does not depend on the search context size."""
        cost = self.entry.fields.search_context_cost_per_query
        if cost is None or _search_prices_by_size(self.entry.fields):
            return
        sizes = {
            "search_context_size_low": cost.search_context_size_low,
            "search_context_size_medium": cost.search_context_size_medium,
            "search_context_size_high": cost.search_context_size_high,
        }
        members = ", ".join(f"{json.dumps(size)}: {number}" for size, number in sizes.items())
        quoted = excerpt(self.entry.key, "search_context_cost_per_query", literal=f"{{{members}}}")
        yield self.price(
            "web_search",
            SourceUnit.PER_CALL,
            cost.search_context_size_medium,
            self.entry.path_of("search_context_cost_per_query", "search_context_size_medium"),
            STANDARD,
            quoted,
        )

    def facts(self) -> Iterator[Observation]:
        for name, key in FACT_KEYS.items():
            value = getattr(self.entry.fields, name)
            if value is None:
                continue
            literal, stated = _fact_value(value)
            yield fact(
                SOURCE_ID,
                self.entry.key,
                self.seller,
                key,
                literal,
                stated,
                excerpt(self.entry.key, name, literal=literal),
                cited_url=self.entry.fields.source,
            )


def _fact_value(value: RawNumber | bool | str | list[str]) -> tuple[str, FactValue]:
    """Return a fact's literal as the file writes it, and its value."""
    if isinstance(value, RawNumber):
        return str(value), int(parse_decimal(value))
    if isinstance(value, bool):
        return json.dumps(value), value
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False), value
    return json.dumps(value, ensure_ascii=False), tuple(value)


_TRANSCRIPTION_INPUT = "input_cost_per_second"
_TRANSCRIPTION_OUTPUT = "output_cost_per_second"


def _per_second_prices(document: RawDocument, entry: _Entry) -> dict[str, RawNumber]:
    """Return the entry's prices with a transcription's two per-second rates reduced to one.

    A transcription is billed once for the audio's duration. LiteLLM entries state that rate
    as `input_cost_per_second`, `output_cost_per_second` or both, and LiteLLM versions differ
    on which one wins. Both are kept apart only when they disagree. A zero beside a price is
    taken as a placeholder (Deepgram's output rate is 0.0 beside its per-minute price), and
    two different non-zero rates fail the run.
    """
    prices = entry.prices
    if entry.fields.mode != "audio_transcription":
        return prices
    if _TRANSCRIPTION_INPUT not in prices or _TRANSCRIPTION_OUTPUT not in prices:
        return prices
    path = entry.path
    stated = {
        name: amount_of(prices[name], document, entry.path_of(name))
        for name in (_TRANSCRIPTION_INPUT, _TRANSCRIPTION_OUTPUT)
    }
    if stated[_TRANSCRIPTION_INPUT] == stated[_TRANSCRIPTION_OUTPUT]:
        dropped = _TRANSCRIPTION_OUTPUT
    elif stated[_TRANSCRIPTION_INPUT] == 0:
        dropped = _TRANSCRIPTION_INPUT
    elif stated[_TRANSCRIPTION_OUTPUT] == 0:
        dropped = _TRANSCRIPTION_OUTPUT
    else:
        raise SourceFormatError(
            document.location,
            path,
            {name: str(prices[name]) for name in stated},
            "one per-second transcription rate, or two that agree or where one is 0",
        )
    return {name: number for name, number in prices.items() if name != dropped}


def _without_repeats(
    document: RawDocument, entry: _Entry, observations: list[Observation]
) -> list[Observation]:
    """Keep one observation per field and conditions, failing when two keys disagree.

    Two keys may state the same price (DeepSeek's `input_cost_per_token_cache_hit` beside
    `cache_read_input_token_cost`); the first, in `PRICE_KEYS` order, is kept.
    """
    first_by_slot: dict[tuple[str, str, str], Observation] = {}
    for observation in observations:
        slot = (observation.kind, observation.field, observation.conditions.key())
        first = first_by_slot.get(slot)
        if first is None:
            first_by_slot[slot] = observation
            continue
        if (first.amount, first.value) != (observation.amount, observation.value):
            raise SourceFormatError(
                document.location,
                entry.path,
                {first.excerpt: first.captured, observation.excerpt: observation.captured},
                f"one value for {observation.field} "
                f"{observation.conditions.key() or '(standard)'}, but two keys disagree",
            )
    return list(first_by_slot.values())
