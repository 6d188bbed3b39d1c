"""The usage of one request, counted the way the seller's API reports it.

Whether `cache_read_tokens` is part of `input_tokens`, or `reasoning_tokens` part of
`output_tokens`, depends on the seller: `pricing.rules` states it per seller, and the engine
applies it. Modality counts (audio, image) are always parts of the token count they belong to:
`input_audio_tokens` is inside `input_tokens`, `cache_read_audio_tokens` inside
`cache_read_tokens`, and `output_audio_tokens` and `output_image_tokens` inside `output_tokens`.
"""

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

Count = Annotated[int, Field(ge=0, strict=True)]
Amount = Annotated[Decimal, Field(ge=0, allow_inf_nan=False)]


class Usage(BaseModel):
    """Billable counts of one request, or of many when added together."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    input_tokens: Count = 0
    """Prompt tokens as the API reports them (`prompt_tokens`, `input_tokens`)."""
    cache_read_tokens: Count = 0
    """Prompt tokens read from the prompt cache."""
    cache_write_tokens: Count = 0
    """Prompt tokens written to the cache at the seller's default TTL (5 minutes at Anthropic)."""
    cache_write_1h_tokens: Count = 0
    """Prompt tokens written to the cache with a 1-hour TTL."""
    output_tokens: Count = 0
    """Completion tokens as the API reports them (`completion_tokens`, `output_tokens`)."""
    reasoning_tokens: Count = 0
    """Reasoning (thinking) tokens; inside or on top of `output_tokens` by seller rule."""
    input_audio_tokens: Count = 0
    cache_read_audio_tokens: Count = 0
    output_audio_tokens: Count = 0
    input_image_tokens: Count = 0
    output_image_tokens: Count = 0
    images: Count = 0
    """Generated images billed per image."""
    requests: Count = 1
    """Requests; a per-request fee is charged only where the offering publishes one."""
    web_searches: Count = 0
    """Web search tool calls."""
    audio_seconds: Amount = Decimal(0)
    video_seconds: Amount = Decimal(0)

    def __add__(self, other: "Usage") -> "Usage":
        if not isinstance(other, Usage):
            return NotImplemented
        values = {name: getattr(self, name) + getattr(other, name) for name in Usage.model_fields}
        return Usage.model_validate(values)
