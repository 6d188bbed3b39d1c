"""Billable quantities: the usage as reported, split into disjoint priced dimensions."""

from decimal import Decimal

from harga.pricing.errors import InvalidUsage
from harga.pricing.rules import SellerRules
from harga.pricing.usage import Usage

# A per-request fee is charged only where an offering publishes one, because nearly no token
# offering has one and every request would otherwise fail for a fee that does not exist.
OPTIONAL_DIMENSIONS = frozenset({"request"})


# A billable count: dimension, cache TTL of a cache write, and the count in usage units.
Quantity = tuple[str, str | None, int | Decimal]


def prompt_tokens(usage: Usage, rules: SellerRules) -> int:
    """Return the prompt size that prompt-size tiers apply to, cached tokens included."""
    if rules.cache_in_input:
        return usage.input_tokens
    return (
        usage.input_tokens
        + usage.cache_read_tokens
        + usage.cache_write_tokens
        + usage.cache_write_1h_tokens
    )


def billable_quantities(usage: Usage, rules: SellerRules) -> list[Quantity]:
    """Split `usage` into the disjoint counts each dimension's price applies to.

    Raises `InvalidUsage` when a part exceeds the count it belongs to, for example more cached
    tokens than prompt tokens at a seller whose prompt count includes them.
    """
    cache_writes = usage.cache_write_tokens + usage.cache_write_1h_tokens
    cached_audio = usage.cache_read_audio_tokens
    if cached_audio > usage.cache_read_tokens:
        raise InvalidUsage(
            f"cache_read_audio_tokens ({cached_audio}) exceeds cache_read_tokens "
            f"({usage.cache_read_tokens})"
        )
    uncached_audio = usage.input_audio_tokens
    text_input = usage.input_tokens - usage.input_audio_tokens - usage.input_image_tokens
    if rules.cache_in_input:
        uncached_audio -= cached_audio
        text_input -= usage.cache_read_tokens + cache_writes - cached_audio
        if uncached_audio < 0:
            raise InvalidUsage(
                f"cache_read_audio_tokens ({cached_audio}) exceeds input_audio_tokens "
                f"({usage.input_audio_tokens}), which include them at seller {rules.seller!r}"
            )
    if text_input < 0:
        raise InvalidUsage(_overflow_message(usage, rules))
    text_output = usage.output_tokens - usage.output_audio_tokens - usage.output_image_tokens
    if text_output < 0:
        raise InvalidUsage(
            f"output_audio_tokens ({usage.output_audio_tokens}) and output_image_tokens "
            f"({usage.output_image_tokens}) exceed output_tokens ({usage.output_tokens})"
        )
    if rules.reasoning_in_output and usage.reasoning_tokens > usage.output_tokens:
        raise InvalidUsage(
            f"reasoning_tokens ({usage.reasoning_tokens}) exceeds output_tokens "
            f"({usage.output_tokens}), which include them at seller {rules.seller!r}"
        )
    counts: tuple[tuple[str, str | None, int | Decimal], ...] = (
        ("input", None, text_input),
        ("input_audio", None, uncached_audio),
        ("input_image", None, usage.input_image_tokens),
        ("cache_read", None, usage.cache_read_tokens - cached_audio),
        ("cache_read_audio", None, cached_audio),
        ("cache_write", rules.default_cache_ttl, usage.cache_write_tokens),
        ("cache_write", "1h", usage.cache_write_1h_tokens),
        ("output", None, text_output),
        ("output_audio", None, usage.output_audio_tokens),
        ("output_image", None, usage.output_image_tokens),
        ("reasoning", None, 0 if rules.reasoning_in_output else usage.reasoning_tokens),
        ("image", None, usage.images),
        ("request", None, usage.requests),
        ("web_search", None, usage.web_searches),
        ("audio_second", None, usage.audio_seconds),
        ("video_second", None, usage.video_seconds),
    )
    return [item for item in counts if item[2]]


def _overflow_message(usage: Usage, rules: SellerRules) -> str:
    parts = ["input_audio_tokens", "input_image_tokens"]
    if rules.cache_in_input:
        parts += ["cache_read_tokens", "cache_write_tokens", "cache_write_1h_tokens"]
    stated = ", ".join(f"{name} {getattr(usage, name)}" for name in parts if getattr(usage, name))
    return (
        f"parts of the prompt ({stated}) exceed input_tokens ({usage.input_tokens}), "
        f"which include them at seller {rules.seller!r}"
    )
