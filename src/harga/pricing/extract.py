"""Usage extraction from the response bodies of real LLM APIs.

Each API surface has its own usage block. The extractor copies the counts as the API reports
them. Whether cached or reasoning tokens are inside the totals is a seller rule, which the
engine applies. Shapes, as seen in the 1,577 response bodies of
genai-prices' usages.json:

- chat completions (OpenAI, xAI, DeepSeek, Mistral, Groq, OpenRouter, ...): `usage.prompt_tokens`,
  `prompt_tokens_details.cached_tokens` (DeepSeek also `prompt_cache_hit_tokens`),
  `completion_tokens`, `completion_tokens_details.reasoning_tokens`;
- responses (OpenAI): `usage.input_tokens`, `input_tokens_details.cached_tokens`,
  `output_tokens`, `output_tokens_details.reasoning_tokens`;
- Anthropic messages: `usage.input_tokens` without cache reads and writes,
  `cache_read_input_tokens`, `cache_creation_input_tokens` split by TTL in `cache_creation`,
  `server_tool_use.web_search_requests`;
- Gemini: `usageMetadata.promptTokenCount` with cached tokens, `candidatesTokenCount` without
  `thoughtsTokenCount`, modality breakdowns in `*TokensDetails`;
- Bedrock Converse: `usage.inputTokens` without `cacheReadInputTokens`/`cacheWriteInputTokens`.
"""

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict

from harga.pricing.usage import Usage


class ApiSurface(StrEnum):
    CHAT_COMPLETIONS = "chat_completions"
    RESPONSES = "responses"
    ANTHROPIC_MESSAGES = "anthropic_messages"
    GEMINI = "gemini"
    BEDROCK_CONVERSE = "bedrock_converse"


class UnrecognisedResponse(ValueError):
    """A response body whose usage block matches no known API surface or has invalid counts."""


class ExtractedUsage(BaseModel):
    """The usage of one response, with the model and service tier it reports."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    model: str | None
    """The model id as the response states it; Bedrock Converse responses state none."""
    api_surface: ApiSurface
    usage: Usage
    service_tier: str | None = None
    """The service tier the response reports, such as `standard` or `flex`."""


def extract_usage(
    body: Mapping[str, Any], api_surface: ApiSurface | str | None = None
) -> ExtractedUsage:
    """Read the usage block of a decoded response body; detect the API surface when None.

    Raises `UnrecognisedResponse` for a body without a usage block of the expected shape.
    """
    surface = ApiSurface(api_surface) if api_surface else detect_surface(body)
    reader = _READERS[surface]
    return reader(body)


_ANTHROPIC_FIELDS = ("cache_creation_input_tokens", "cache_read_input_tokens", "cache_creation")


def detect_surface(body: Mapping[str, Any]) -> ApiSurface:
    """Tell the API surface from the usage block's field names."""
    if isinstance(body.get("usageMetadata"), Mapping):
        return ApiSurface.GEMINI
    usage = body.get("usage")
    if not isinstance(usage, Mapping):
        raise UnrecognisedResponse("the response has no `usage` or `usageMetadata` object")
    if "inputTokens" in usage:
        return ApiSurface.BEDROCK_CONVERSE
    if "prompt_tokens" in usage:
        return ApiSurface.CHAT_COMPLETIONS
    if "input_tokens" in usage:
        anthropic_fields = (
            "cache_creation_input_tokens",
            "cache_read_input_tokens",
            "cache_creation",
        )
        if any(name in usage for name in anthropic_fields):
            return ApiSurface.ANTHROPIC_MESSAGES
        if "input_tokens_details" in usage or "output_tokens_details" in usage:
            return ApiSurface.RESPONSES
        model = body.get("model")
        if isinstance(model, str) and "claude" in model:
            return ApiSurface.ANTHROPIC_MESSAGES
        return ApiSurface.RESPONSES
    keys = ", ".join(sorted(usage)) or "none"
    raise UnrecognisedResponse(f"unrecognised usage block; its keys are: {keys}")


def _chat_completions(body: Mapping[str, Any]) -> ExtractedUsage:
    usage = _object(body, "usage")
    prompt = _object(usage, "prompt_tokens_details", optional=True)
    completion = _object(usage, "completion_tokens_details", optional=True)
    cached = _count(prompt, "cached_tokens", "usage.prompt_tokens_details")
    if not cached:
        cached = _count(usage, "prompt_cache_hit_tokens", "usage")
    # NOTE: Mistral's `num_cached_tokens` is left out, because no source read for harga states
    # how Mistral bills those tokens.
    counts = Usage(
        input_tokens=_count(usage, "prompt_tokens", "usage", required=True),
        cache_read_tokens=cached,
        cache_write_tokens=_count(prompt, "cache_write_tokens", "usage.prompt_tokens_details"),
        input_audio_tokens=_count(prompt, "audio_tokens", "usage.prompt_tokens_details"),
        output_tokens=_count(usage, "completion_tokens", "usage"),
        reasoning_tokens=_count(completion, "reasoning_tokens", "usage.completion_tokens_details"),
        output_audio_tokens=_count(completion, "audio_tokens", "usage.completion_tokens_details"),
    )
    return ExtractedUsage(
        model=_model(body, "model"),
        api_surface=ApiSurface.CHAT_COMPLETIONS,
        usage=counts,
        service_tier=_text(body, "service_tier"),
    )


def _responses(body: Mapping[str, Any]) -> ExtractedUsage:
    usage = _object(body, "usage")
    inputs = _object(usage, "input_tokens_details", optional=True)
    outputs = _object(usage, "output_tokens_details", optional=True)
    counts = Usage(
        input_tokens=_count(usage, "input_tokens", "usage", required=True),
        cache_read_tokens=_count(inputs, "cached_tokens", "usage.input_tokens_details"),
        cache_write_tokens=_count(inputs, "cache_write_tokens", "usage.input_tokens_details"),
        output_tokens=_count(usage, "output_tokens", "usage"),
        reasoning_tokens=_count(outputs, "reasoning_tokens", "usage.output_tokens_details"),
    )
    return ExtractedUsage(
        model=_model(body, "model"),
        api_surface=ApiSurface.RESPONSES,
        usage=counts,
        service_tier=_text(body, "service_tier"),
    )


def _anthropic_messages(body: Mapping[str, Any]) -> ExtractedUsage:
    usage = _object(body, "usage")
    creation = _object(usage, "cache_creation", optional=True)
    written = _count(usage, "cache_creation_input_tokens", "usage")
    written_1h = _count(creation, "ephemeral_1h_input_tokens", "usage.cache_creation")
    if written_1h > written:
        raise UnrecognisedResponse(
            f"usage.cache_creation.ephemeral_1h_input_tokens ({written_1h}) exceeds "
            f"usage.cache_creation_input_tokens ({written})"
        )
    tools = _object(usage, "server_tool_use", optional=True)
    details = _object(usage, "output_tokens_details", optional=True)
    counts = Usage(
        input_tokens=_count(usage, "input_tokens", "usage", required=True),
        cache_read_tokens=_count(usage, "cache_read_input_tokens", "usage"),
        cache_write_tokens=written - written_1h,
        cache_write_1h_tokens=written_1h,
        output_tokens=_count(usage, "output_tokens", "usage"),
        reasoning_tokens=_count(details, "thinking_tokens", "usage.output_tokens_details"),
        web_searches=_count(tools, "web_search_requests", "usage.server_tool_use"),
    )
    return ExtractedUsage(
        model=_model(body, "model"),
        api_surface=ApiSurface.ANTHROPIC_MESSAGES,
        usage=counts,
        service_tier=_text(usage, "service_tier"),
    )


def _gemini(body: Mapping[str, Any]) -> ExtractedUsage:
    usage = _object(body, "usageMetadata")
    prompt = _modalities(usage, "promptTokensDetails")
    tool_prompt = _modalities(usage, "toolUsePromptTokensDetails")
    cached = _modalities(usage, "cacheTokensDetails")
    candidates = _modalities(usage, "candidatesTokensDetails")
    # Tool-use prompt tokens count as input tokens, as genai-prices' Gemini extractor reads them.
    # Image, video and document tokens stay in the text count because Gemini bills them at the
    # text input rate.
    counts = Usage(
        input_tokens=_count(usage, "promptTokenCount", "usageMetadata")
        + _count(usage, "toolUsePromptTokenCount", "usageMetadata"),
        cache_read_tokens=_count(usage, "cachedContentTokenCount", "usageMetadata"),
        cache_read_audio_tokens=cached.get("AUDIO", 0),
        input_audio_tokens=prompt.get("AUDIO", 0) + tool_prompt.get("AUDIO", 0),
        output_tokens=_count(usage, "candidatesTokenCount", "usageMetadata"),
        reasoning_tokens=_count(usage, "thoughtsTokenCount", "usageMetadata"),
        output_audio_tokens=candidates.get("AUDIO", 0),
        output_image_tokens=candidates.get("IMAGE", 0),
    )
    tier = _text(usage, "serviceTier")
    if _text(usage, "trafficType") == "ON_DEMAND_FLEX":
        tier = "flex"
    return ExtractedUsage(
        model=_model(body, "modelVersion"),
        api_surface=ApiSurface.GEMINI,
        usage=counts,
        service_tier=tier,
    )


def _bedrock_converse(body: Mapping[str, Any]) -> ExtractedUsage:
    usage = _object(body, "usage")
    counts = Usage(
        input_tokens=_count(usage, "inputTokens", "usage", required=True),
        cache_read_tokens=_count(usage, "cacheReadInputTokens", "usage"),
        cache_write_tokens=_count(usage, "cacheWriteInputTokens", "usage"),
        output_tokens=_count(usage, "outputTokens", "usage"),
    )
    return ExtractedUsage(
        model=_model(body, "modelId"), api_surface=ApiSurface.BEDROCK_CONVERSE, usage=counts
    )


_READERS = {
    ApiSurface.CHAT_COMPLETIONS: _chat_completions,
    ApiSurface.RESPONSES: _responses,
    ApiSurface.ANTHROPIC_MESSAGES: _anthropic_messages,
    ApiSurface.GEMINI: _gemini,
    ApiSurface.BEDROCK_CONVERSE: _bedrock_converse,
}


def _object(
    data: Mapping[str, Any] | None, key: str, *, optional: bool = False
) -> Mapping[str, Any]:
    value = None if data is None else data.get(key)
    if value is None and optional:
        return {}
    if not isinstance(value, Mapping):
        raise UnrecognisedResponse(f"`{key}` must be an object, got {value!r}")
    return value


def _count(data: Mapping[str, Any], key: str, path: str, *, required: bool = False) -> int:
    value = data.get(key)
    if value is None:
        if required:
            raise UnrecognisedResponse(f"`{path}.{key}` is missing")
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise UnrecognisedResponse(f"`{path}.{key}` must be a count, got {value!r}")
    return value


def _modalities(usage: Mapping[str, Any], key: str) -> dict[str, int]:
    items = usage.get(key) or []
    if not isinstance(items, list):
        raise UnrecognisedResponse(f"`usageMetadata.{key}` must be a list, got {items!r}")
    counts: dict[str, int] = {}
    for index, item in enumerate(items):
        if not isinstance(item, Mapping) or not isinstance(item.get("modality"), str):
            raise UnrecognisedResponse(f"`usageMetadata.{key}[{index}]` has no modality")
        path = f"usageMetadata.{key}[{index}]"
        modality = item["modality"]
        counts[modality] = counts.get(modality, 0) + _count(item, "tokenCount", path)
    return counts


def _model(body: Mapping[str, Any], key: str) -> str | None:
    value = body.get(key)
    return value if isinstance(value, str) else None


def _text(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    return value if isinstance(value, str) else None
