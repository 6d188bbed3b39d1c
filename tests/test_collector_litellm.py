"""The LiteLLM collector on a fixture, on the real mirror file and on broken copies."""

import json
import re
import shutil
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from harga.collectors.base import SourceFormatError
from harga.collectors.litellm import (
    FACT_KEYS,
    IGNORED_KEYS,
    IGNORED_PRICE_KEYS,
    PRICE_KEYS,
    STRUCTURED_KEYS,
    EntryFields,
    LiteLLMCollector,
)
from harga.domain.conditions import Boundary, ServiceTier
from harga.domain.money import SourceUnit
from harga.domain.observation import Observation
from harga.domain.states import PriceState
from harga.normalize.observations import normalize
from harga.pipeline.collect import SourceOutcome, collect_source
from tests.helpers import FIXTURES, document_from, document_of

COLLECTOR = LiteLLMCollector()
FIXTURE = FIXTURES / "litellm" / "model_prices.json"
MIRROR_NAME = "model_prices_and_context_window.2026-07-24.json"


def _parsed(content: bytes | None = None, name: str = "model_prices.json") -> Any:
    if content is None:
        return COLLECTOR.parse(document_from(FIXTURE, "litellm"))
    return COLLECTOR.parse(document_of(content, "litellm", name))


def _prices(model_id: str) -> dict[tuple[str, str], Observation]:
    """Return one entry's prices keyed by dimension and conditions key."""
    return {
        (o.field, o.conditions.key()): o
        for o in _parsed().observations
        if o.upstream_model_id == model_id and o.kind == "price"
    }


def _facts(model_id: str) -> dict[str, Observation]:
    return {
        o.field: o
        for o in _parsed().observations
        if o.upstream_model_id == model_id and o.kind == "fact"
    }


def _parse_edited(edit: Any) -> None:
    """Parse the fixture after `edit` changed its decoded JSON in place."""
    data = json.loads(FIXTURE.read_text())
    edit(data)
    _parsed(json.dumps(data).encode())


# --- The key tables ------------------------------------------------------------------------


def test_key_tables_cover_entry_fields_once() -> None:
    tables = [set(FACT_KEYS), set(STRUCTURED_KEYS), set(IGNORED_KEYS)]

    assert set().union(*tables) == set(EntryFields.model_fields)
    assert sum(len(table) for table in tables) == len(EntryFields.model_fields)
    assert not set(PRICE_KEYS) & set(IGNORED_PRICE_KEYS)
    assert not (set(PRICE_KEYS) | set(IGNORED_PRICE_KEYS)) & set(EntryFields.model_fields)


@pytest.mark.parametrize("key", sorted(PRICE_KEYS))
def test_price_key_conditions_match_name(key: str) -> None:
    target = PRICE_KEYS[key]
    threshold = re.search(r"_above_(\d+)k_tokens", key)
    suffix = re.search(r"_(batches|flex|priority)$", key)
    tiers = {"batches": ServiceTier.BATCH, "flex": ServiceTier.FLEX}

    expected_tokens = int(threshold.group(1)) * 1000 if threshold else None
    assert target.above_tokens == expected_tokens
    expected_tier = ServiceTier.STANDARD
    if suffix:
        expected_tier = tiers.get(suffix.group(1), ServiceTier.PRIORITY)
    assert target.tier is expected_tier
    assert (target.cache_ttl == "1h") == ("_above_1hr" in key)


# --- Prices on the fixture -----------------------------------------------------------------


def test_token_prices_stay_exact() -> None:
    prices = _prices("gpt-5.4-nano")
    nano_input = prices[("input", "")]

    assert nano_input.captured == "2e-07"
    assert nano_input.amount == Decimal("2e-07")
    assert nano_input.source_unit is SourceUnit.PER_TOKEN
    assert nano_input.upstream_seller == "openai"
    assert nano_input.excerpt == '"gpt-5.4-nano" › "input_cost_per_token": 2e-07'
    published = {
        (n.observation.field, n.conditions_key): n.amount_published
        for n in normalize(list(prices.values()))
    }
    assert published[("input", "")] == Decimal("0.2")
    assert str(published[("input", "")]) == "0.2"
    assert published[("output", "")] == Decimal("1.25")
    assert published[("cache_read", "")] == Decimal("0.02")


def test_service_tier_suffixes() -> None:
    prices = _prices("gpt-5.4-nano")

    assert prices[("input", "tier=batch")].amount == Decimal("1e-07")
    assert prices[("input", "tier=batch")].conditions.tier is ServiceTier.BATCH
    assert prices[("output", "tier=batch")].captured == "6.25e-07"
    assert prices[("output", "tier=flex")].conditions.tier is ServiceTier.FLEX
    assert prices[("cache_read", "tier=flex")].amount == Decimal("1e-08")
    assert prices[("cache_read", "tier=flex")].excerpt == (
        '"gpt-5.4-nano" › "cache_read_input_token_cost_flex": 1e-08'
    )
    assert len(prices) == 8


def test_prompt_tiers_above_threshold() -> None:
    prices = _prices("gemini/gemini-2.5-pro")

    above = prices[("input", "prompt>200000")]
    assert above.amount == Decimal("2.5e-06")
    assert above.conditions.prompt_threshold_tokens == 200000
    assert above.conditions.prompt_boundary is Boundary.ABOVE
    assert prices[("output", "prompt>200000")].amount == Decimal("1.5e-05")
    assert prices[("cache_read", "prompt>200000")].amount == Decimal("2.5e-07")
    assert prices[("input", "tier=priority")].amount == Decimal("2.25e-06")
    priority_above = prices[("input", "tier=priority;prompt>200000")]
    assert priority_above.amount == Decimal("4.5e-06")
    assert priority_above.cited_url == "https://ai.google.dev/gemini-api/docs/pricing"


def test_xai_threshold_is_inclusive() -> None:
    prices = _prices("xai/grok-4-fast-reasoning")

    above = prices[("input", "prompt>=128000")]
    assert above.amount == Decimal("4e-07")
    assert above.conditions.prompt_boundary is Boundary.AT_OR_ABOVE


def test_cache_write_ttl_follows_one_hour_key() -> None:
    opus = _prices("claude-opus-4-6")
    mini = _prices("gpt-4o-mini")

    assert opus[("cache_write", "cache_ttl=5m")].amount == Decimal("6.25e-06")
    assert opus[("cache_write", "cache_ttl=1h")].amount == Decimal("1e-05")
    assert opus[("cache_write", "cache_ttl=1h")].excerpt == (
        '"claude-opus-4-6" › "cache_creation_input_token_cost_above_1hr": 1e-05'
    )
    assert mini[("cache_write", "")].amount == Decimal("3e-07")
    assert mini[("cache_write", "")].conditions.cache_ttl is None


def test_tiered_pricing_ranges() -> None:
    prices = _prices("dashscope/qwen3-max")

    assert set(prices) == {
        ("input", ""),
        ("output", ""),
        ("input", "prompt>32000"),
        ("output", "prompt>32000"),
        ("input", "prompt>128000"),
        ("cache_read", "prompt>128000"),
    }
    middle = prices[("output", "prompt>32000")]
    assert middle.amount == Decimal("1.2e-05")
    assert middle.conditions.prompt_boundary is Boundary.ABOVE
    assert middle.excerpt == (
        '"dashscope/qwen3-max" › "tiered_pricing" › "1" › "output_cost_per_token": 1.2e-05'
    )


def test_explicit_zeros_are_free() -> None:
    prices = _prices("gemini/gemma-3-27b-it")

    assert set(prices) == {("input", ""), ("output", "")}
    assert prices[("input", "")].state is PriceState.FREE
    assert prices[("input", "")].amount == 0
    assert prices[("output", "")].captured == "0"


def test_repeated_cache_read_is_kept_once() -> None:
    prices = [
        o
        for o in _parsed().observations
        if o.upstream_model_id == "deepseek/deepseek-chat" and o.field == "cache_read"
    ]

    assert len(prices) == 1
    assert prices[0].excerpt == (
        '"deepseek/deepseek-chat" › "cache_read_input_token_cost": 2.8e-08'
    )


@pytest.mark.parametrize(
    ("model_id", "key", "literal"),
    [
        ("deepgram/nova-2", "input_cost_per_second", "7.167e-05"),
        ("soniox/stt-async-v4", "output_cost_per_second", "2.77778e-05"),
        ("whisper-1", "input_cost_per_second", "0.0001"),
    ],
)
def test_transcription_rate_is_one_audio_price(model_id: str, key: str, literal: str) -> None:
    prices = _prices(model_id)

    assert list(prices) == [("audio_second", "")]
    audio = prices[("audio_second", "")]
    assert audio.captured == literal
    assert audio.source_unit is SourceUnit.PER_SECOND
    assert audio.excerpt == f'"{model_id}" › "{key}": {literal}'


def test_per_second_keys_follow_mode() -> None:
    speech = _prices("gpt-4o-mini-tts")
    video = _prices("openai/sora-2")

    assert speech[("audio_second", "")].amount == Decimal("0.00025")
    assert speech[("output_audio", "")].amount == Decimal("1.2e-05")
    assert video[("video_second", "")].amount == Decimal("0.1")


def test_image_and_query_prices() -> None:
    image = _prices("gemini-3-pro-image")
    rerank = _prices("cohere/rerank-v3.5")

    assert image[("image", "")].amount == Decimal("0.134")
    assert image[("image", "")].source_unit is SourceUnit.PER_IMAGE
    assert image[("input_image_count", "")].amount == Decimal("0.0011")
    assert image[("output_image", "")].amount == Decimal("0.00012")
    assert rerank[("request", "")].amount == Decimal("0.002")
    assert rerank[("request", "")].source_unit is SourceUnit.PER_REQUEST


def test_search_price_when_sizes_agree() -> None:
    search = _prices("claude-opus-4-6")[("web_search", "")]

    assert search.amount == Decimal("0.01")
    assert search.source_unit is SourceUnit.PER_CALL
    assert search.excerpt == (
        '"claude-opus-4-6" › "search_context_cost_per_query": {"search_context_size_low": 0.01, '
        '"search_context_size_medium": 0.01, "search_context_size_high": 0.01}'
    )


def test_search_price_by_size_is_not_observed() -> None:
    assert ("web_search", "") not in _prices("perplexity/sonar-pro")


def test_ignored_keys_give_no_prices() -> None:
    results_tiers = _prices("exa_ai/search")

    assert results_tiers == {}
    assert not any("input_cost_per_character" in o.excerpt for o in _parsed().observations)
    assert not any("regional_processing" in o.excerpt for o in _parsed().observations)


def test_entry_facts() -> None:
    facts = _facts("gpt-5.4-nano")

    assert set(facts) == {
        "context_window",
        "max_output_tokens",
        "mode",
        "tool_call",
        "vision",
        "prompt_caching",
        "structured_output",
        "web_search",
        "reasoning",
        "input_modalities",
        "output_modalities",
    }
    assert facts["context_window"].value == 1050000
    assert facts["context_window"].excerpt == '"gpt-5.4-nano" › "max_input_tokens": 1050000'
    assert facts["mode"].value == "chat"
    assert facts["mode"].captured == '"chat"'
    assert facts["tool_call"].value is True
    assert facts["tool_call"].captured == "true"
    assert facts["input_modalities"].value == ("text", "image")
    assert facts["input_modalities"].captured == '["text", "image"]'
    assert _facts("gemini/gemma-3-27b-it")["vision"].value is False


def test_whole_float_token_count() -> None:
    window = _facts("xai/grok-4-fast-reasoning")["context_window"]

    assert window.value == 2000000
    assert window.captured == "2000000.0"


def test_skipped_entries_and_template() -> None:
    parsed = _parsed()
    models = {o.upstream_model_id for o in parsed.observations}

    assert "sample_spec" not in models
    assert "fallback_generalizations" not in models
    assert "1024-x-1024/dall-e-2" not in models
    assert "fireworks-ai-up-to-4b" not in models
    assert "bedrock/*/1-month-commitment/cohere.command-text-v14" not in models
    assert len(models) == 17


def test_notes_count_what_was_left_out() -> None:
    notes = _parsed().notes

    assert notes == [
        "entries not observed, a price for one image size, quality or step count, "
        "which harga has no condition for: 1",
        "entries not observed, a default price for a class of models by parameter count, "
        "not a model: 1",
        "entries not observed, provisioned throughput per model unit and second, "
        "which has no dimension: 1",
        "entries whose web search price depends on the search context size, "
        "which harga has no condition for, not observed: 1",
        "capability flags not in IGNORED_KEYS or FACT_KEYS: supports_teleportation",
    ]


def test_last_updated_is_stated_time() -> None:
    assert _parsed().stated_at == datetime(2026, 7, 24, 18, 23, 43, 215560, tzinfo=UTC)


def test_mirror_name_date_without_last_updated() -> None:
    data = json.loads(FIXTURE.read_text())
    del data["last_updated"]
    content = json.dumps(data).encode()

    dated = _parsed(content, MIRROR_NAME)
    undated = _parsed(content)

    assert dated.stated_at == datetime(2026, 7, 24, tzinfo=UTC)
    assert undated.stated_at is None


def test_unknown_capability_flag_is_accepted(caplog: pytest.LogCaptureFixture) -> None:
    parsed = _parsed()

    assert not any("supports_teleportation" in o.excerpt for o in parsed.observations)
    assert "capability flags not published: supports_teleportation" in caplog.text


# --- Rejected shapes -----------------------------------------------------------------------


def test_unknown_key_is_rejected() -> None:
    def edit(data: Any) -> None:
        data["gpt-5.4-nano"]["input_cost_per_token_ultrafast"] = 4e-07

    with pytest.raises(SourceFormatError) as error:
        _parse_edited(edit)

    message = str(error.value)
    assert "model_prices.json" in message
    assert '$["gpt-5.4-nano"]["input_cost_per_token_ultrafast"]' in message
    assert "PRICE_KEYS" in message
    assert "got '4e-07'" in message


def test_quoted_price_is_rejected() -> None:
    text = FIXTURE.read_text().replace(
        '"input_cost_per_token": 2e-07,', '"input_cost_per_token": "2e-07",'
    )

    with pytest.raises(SourceFormatError) as error:
        _parsed(text.encode())

    message = str(error.value)
    assert '$["gpt-5.4-nano"]["input_cost_per_token"]' in message
    assert "a JSON number" in message
    assert "got '2e-07'" in message


@pytest.mark.parametrize(
    ("key", "value", "expected", "shown"),
    [
        ("supports_vision", "yes", "expected a JSON boolean", "got 'yes'"),
        ("supports_teleportation", 1, "a JSON boolean", "got '1'"),
        ("max_input_tokens", "1050000", "expected a JSON number", "got '1050000'"),
        ("max_output_tokens", 1.5, "whole, non-negative number of tokens", "got '1.5'"),
        ("litellm_provider", 7, "expected a JSON string", "got '7'"),
        ("web_search_billing_unit", "per_token", "'per_query'", "got 'per_token'"),
    ],
)
def test_wrong_type_is_rejected(key: str, value: object, expected: str, shown: str) -> None:
    def edit(data: Any) -> None:
        data["gpt-5.4-nano"][key] = value

    with pytest.raises(SourceFormatError) as error:
        _parse_edited(edit)

    message = str(error.value)
    assert f'$["gpt-5.4-nano"][{json.dumps(key)}]' in message
    assert expected in message
    assert shown in message


def test_missing_provider_is_rejected() -> None:
    def edit(data: Any) -> None:
        del data["whisper-1"]["litellm_provider"]

    with pytest.raises(SourceFormatError) as error:
        _parse_edited(edit)

    assert '$["whisper-1"]["litellm_provider"]' in str(error.value)
    assert "Field required" in str(error.value)


def test_disagreeing_repeats_are_rejected() -> None:
    def edit(data: Any) -> None:
        data["deepseek/deepseek-chat"]["input_cost_per_token_cache_hit"] = 3e-08

    with pytest.raises(SourceFormatError) as error:
        _parse_edited(edit)

    message = str(error.value)
    assert '$["deepseek/deepseek-chat"]' in message
    assert "cache_read" in message
    assert "input_cost_per_token_cache_hit" in message


def test_two_transcription_rates_are_rejected() -> None:
    def edit(data: Any) -> None:
        data["whisper-1"]["output_cost_per_second"] = 0.0002

    with pytest.raises(SourceFormatError) as error:
        _parse_edited(edit)

    assert '$["whisper-1"]' in str(error.value)
    assert "one per-second transcription rate" in str(error.value)


def test_per_second_price_in_unknown_mode_is_rejected() -> None:
    def edit(data: Any) -> None:
        data["openai/sora-2"]["input_cost_per_second"] = 0.5

    with pytest.raises(SourceFormatError) as error:
        _parse_edited(edit)

    message = str(error.value)
    assert '$["openai/sora-2"]["input_cost_per_second"]' in message
    assert "audio_transcription" in message
    assert "'video_generation'" in message


def test_gapped_tier_ranges_are_rejected() -> None:
    def edit(data: Any) -> None:
        data["dashscope/qwen3-max"]["tiered_pricing"][1]["range"] = [40000, 128000]

    with pytest.raises(SourceFormatError) as error:
        _parse_edited(edit)

    assert '$["dashscope/qwen3-max"]["tiered_pricing"][1]["range"]' in str(error.value)
    assert "contiguous" in str(error.value)


def test_unknown_tier_key_is_rejected() -> None:
    def edit(data: Any) -> None:
        data["dashscope/qwen3-max"]["tiered_pricing"][0]["output_cost_per_image"] = 0.1

    with pytest.raises(SourceFormatError) as error:
        _parse_edited(edit)

    message = str(error.value)
    assert '$["dashscope/qwen3-max"]["tiered_pricing"][0]["output_cost_per_image"]' in message
    assert "Extra inputs are not permitted" in message


def test_negative_price_is_rejected() -> None:
    def edit(data: Any) -> None:
        data["gpt-4o-mini"]["output_cost_per_token"] = -6e-07

    with pytest.raises(SourceFormatError) as error:
        _parse_edited(edit)

    assert '$["gpt-4o-mini"]["output_cost_per_token"]' in str(error.value)
    assert "a price of 0 or more" in str(error.value)


def test_entry_that_is_not_object_is_rejected() -> None:
    def edit(data: Any) -> None:
        data["gpt-4o-mini"] = ["chat"]

    with pytest.raises(SourceFormatError) as error:
        _parse_edited(edit)

    assert '$["gpt-4o-mini"]' in str(error.value)
    assert "a JSON object" in str(error.value)


# --- The real mirror file ------------------------------------------------------------------


@pytest.fixture(scope="module")
def outcome(mirror_dir: Path) -> SourceOutcome:
    return collect_source(COLLECTOR, mirror_dir, None)


@pytest.fixture(scope="module")
def real_values(outcome: SourceOutcome) -> dict[tuple[str, str, str], object]:
    """Return published amounts and fact values by upstream id, field and conditions key."""
    values: dict[tuple[str, str, str], object] = {}
    for document in outcome.documents:
        for o in document.observations:
            key = (o.observation.upstream_model_id, o.observation.field, o.conditions_key)
            stated = o.amount_published if o.observation.kind == "price" else o.observation.value
            values[key] = stated
    return values


def test_mirror_file_parses(outcome: SourceOutcome) -> None:
    assert outcome.error is None
    assert len(outcome.documents) == 1
    document = outcome.documents[0]
    assert document.stated_at == datetime(2026, 7, 24, 18, 23, 43, 215560, tzinfo=UTC)
    # Counted in the file: 2985 top-level keys, of which 2982 are model entries. 86 are image
    # size variants, 28 Bedrock commitments, 16 Fireworks or Together size classes and one,
    # `fireworks_ai/accounts/fireworks/models/`, a key with no model name.
    models = {o.observation.upstream_model_id for o in document.observations}
    assert len(models) == 2982 - 86 - 28 - 16 - 1


def test_mirror_notes_count_left_out_entries(mirror_dir: Path) -> None:
    document = document_from(mirror_dir / "litellm" / MIRROR_NAME, "litellm")

    notes = COLLECTOR.parse(document).notes

    assert notes == [
        "entries not observed, a price for one image size, quality or step count, "
        "which harga has no condition for: 86",
        "entries not observed, provisioned throughput per model unit and second, "
        "which has no dimension: 28",
        "entries not observed, a default price for a class of models by parameter count, "
        "not a model: 16",
        "entries not observed, a key that ends in a slash and names no model: 1",
        "entries whose web search price depends on the search context size, "
        "which harga has no condition for, not observed: 7",
    ]


def test_mirror_gpt_5_4_nano(real_values: dict[Any, object]) -> None:
    for model_id in ("gpt-5.4-nano", "azure/gpt-5.4-nano"):
        assert real_values[(model_id, "input", "")] == Decimal("0.2")
        assert real_values[(model_id, "output", "")] == Decimal("1.25")
        assert real_values[(model_id, "cache_read", "")] == Decimal("0.02")
        assert real_values[(model_id, "context_window", "")] == 1050000
    assert real_values[("gpt-5.4-nano", "input", "tier=batch")] == Decimal("0.1")
    assert real_values[("gpt-5.4-nano", "output", "tier=flex")] == Decimal("0.625")


def test_mirror_model_ids_and_sellers(outcome: SourceOutcome) -> None:
    nano = {
        (o.model_id, o.seller)
        for d in outcome.documents
        for o in d.observations
        if o.observation.upstream_model_id in ("gpt-5.4-nano", "azure/gpt-5.4-nano")
    }

    assert nano == {("openai/gpt-5.4-nano", "openai"), ("openai/gpt-5.4-nano", "azure")}


def test_mirror_tiers_and_cache_ttls(real_values: dict[Any, object]) -> None:
    # claude-opus-4-6: 5-minute and 1-hour cache writes, web search at $10 per 1000.
    assert real_values[("claude-opus-4-6", "cache_write", "cache_ttl=5m")] == Decimal("6.25")
    assert real_values[("claude-opus-4-6", "cache_write", "cache_ttl=1h")] == Decimal(10)
    assert real_values[("claude-opus-4-6", "web_search", "")] == Decimal(10)
    # gpt-5.6: a 272k prompt tier, with priority prices.
    assert real_values[("gpt-5.6", "input", "prompt>272000")] == Decimal(10)
    assert real_values[("gpt-5.6", "output", "tier=priority")] == Decimal(60)
    # xai/grok-4-fast-reasoning: inclusive 128k tier and a float token count.
    assert real_values[("xai/grok-4-fast-reasoning", "input", "prompt>=128000")] == Decimal("0.4")
    assert real_values[("xai/grok-4-fast-reasoning", "context_window", "")] == 2000000
    # dashscope/qwen3-max: tiered_pricing from 0, 32k and 128k prompt tokens.
    assert real_values[("dashscope/qwen3-max", "input", "prompt>32000")] == Decimal("2.4")


def test_mirror_per_second_prices(real_values: dict[Any, object]) -> None:
    assert real_values[("deepgram/nova-2", "audio_second", "")] == Decimal("7.167e-05")
    assert real_values[("openai/sora-2", "video_second", "")] == Decimal("0.1")


def _normalized_inputs(outcome: SourceOutcome) -> dict[str, tuple[str, str, str, Decimal | None]]:
    """Return each upstream id's model, seller, conditions key and standard input price."""
    inputs = {}
    for document in outcome.documents:
        for o in document.observations:
            conditions = o.observation.conditions
            if o.observation.field != "input" or conditions.tier != "standard":
                continue
            if conditions.prompt_threshold_tokens is None:
                upstream = o.observation.upstream_model_id
                inputs[upstream] = (o.model_id, o.seller, o.conditions_key, o.amount_published)
    return inputs


def test_mirror_regions_are_conditions(outcome: SourceOutcome) -> None:
    inputs = _normalized_inputs(outcome)

    # `input_cost_per_token` of each key: 1.25e-06 plain and global, 1.38e-06 in eu and us.
    assert inputs["azure/gpt-5.1"] == ("openai/gpt-5.1", "azure", "", Decimal("1.25"))
    assert inputs["azure/global/gpt-5.1"] == ("openai/gpt-5.1", "azure", "", Decimal("1.25"))
    assert inputs["azure/eu/gpt-5.1"] == ("openai/gpt-5.1", "azure", "region=eu", Decimal("1.38"))
    assert inputs["azure/us/gpt-5.1"] == ("openai/gpt-5.1", "azure", "region=us", Decimal("1.38"))
    # 3e-07 plain and global, 3.3e-07 for the us, eu and apac cross-region profiles.
    nova = "amazon/nova-2-lite"
    assert inputs["amazon.nova-2-lite-v1:0"] == (nova, "aws-bedrock", "", Decimal("0.3"))
    assert inputs["global.amazon.nova-2-lite-v1:0"] == (nova, "aws-bedrock", "", Decimal("0.3"))
    for region in ("us", "eu", "apac"):
        stated = inputs[f"{region}.amazon.nova-2-lite-v1:0"]
        assert stated == (nova, "aws-bedrock", f"region={region}", Decimal("0.33"))


def test_mirror_bedrock_versions(outcome: SourceOutcome) -> None:
    inputs = _normalized_inputs(outcome)

    # `input_cost_per_token`: 1e-07 for v1 and 2e-08 for v2, two models.
    titan_v1 = inputs["amazon.titan-embed-text-v1"]
    titan_v2 = inputs["amazon.titan-embed-text-v2:0"]
    assert titan_v1 == ("amazon/titan-embed-text", "aws-bedrock", "", Decimal("0.1"))
    assert titan_v2 == ("amazon/titan-embed-text-v2", "aws-bedrock", "", Decimal("0.02"))


def test_mirror_seller_namespace_not_creator(outcome: SourceOutcome) -> None:
    inputs = _normalized_inputs(outcome)

    # `litellm_provider` is `tencent` and `perplexity`, the sellers, not the creators.
    assert inputs["tencent/deepseek-v4-flash"][:2] == ("deepseek/deepseek-v4-flash", "tencent")
    assert inputs["perplexity/llama-3.1-70b-instruct"][:2] == (
        "meta/llama-3.1-70b-instruct",
        "perplexity",
    )


def _broken_copy(mirror_dir: Path, tmp_path: Path, edit: Any) -> SourceOutcome:
    target = tmp_path / "litellm" / MIRROR_NAME
    target.parent.mkdir(parents=True)
    shutil.copyfile(mirror_dir / "litellm" / MIRROR_NAME, target)
    target.write_bytes(edit(target.read_bytes()))
    return collect_source(COLLECTOR, tmp_path, None)


def test_truncated_mirror_file_fails_run(mirror_dir: Path, tmp_path: Path) -> None:
    outcome = _broken_copy(mirror_dir, tmp_path, lambda content: content[:200_000])

    assert outcome.error is not None
    assert MIRROR_NAME in outcome.error
    assert "valid JSON" in outcome.error
    assert outcome.documents == []


def test_changed_shape_fails_run(mirror_dir: Path, tmp_path: Path) -> None:
    def nest_prices(content: bytes) -> bytes:
        data = json.loads(content)
        entry = data["gpt-5.4-nano"]
        entry["pricing"] = {"input": entry.pop("input_cost_per_token")}
        return json.dumps(data).encode()

    outcome = _broken_copy(mirror_dir, tmp_path, nest_prices)

    assert outcome.error is not None
    assert MIRROR_NAME in outcome.error
    assert '$["gpt-5.4-nano"]["pricing"]' in outcome.error
    assert outcome.documents == []


def test_unknown_cost_key_fails_run(mirror_dir: Path, tmp_path: Path) -> None:
    def add_key(content: bytes) -> bytes:
        return content.replace(
            b'"input_cost_per_token_batches": 1e-07,',
            b'"input_cost_per_token_batches": 1e-07, "input_cost_per_token_ultrafast": 4e-07,',
            1,
        )

    outcome = _broken_copy(mirror_dir, tmp_path, add_key)

    assert outcome.error is not None
    assert MIRROR_NAME in outcome.error
    assert '["input_cost_per_token_ultrafast"]' in outcome.error
    assert "4e-07" in outcome.error
    assert outcome.documents == []
