"""The OpenRouter collector on a fixture, on the real response and on broken copies of it."""

import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from harga.collectors import select_collectors
from harga.collectors.base import SourceFormatError
from harga.collectors.openrouter import PRICE_KEYS, OpenRouterCollector, PriceFields
from harga.domain.conditions import Boundary, Conditions
from harga.domain.dimensions import get_dimension
from harga.domain.money import SourceUnit
from harga.domain.observation import Observation
from harga.domain.states import PriceState
from harga.normalize.observations import NormalizedObservation, normalize
from harga.pipeline.collect import SourceOutcome, collect_source
from tests.helpers import FIXTURES, document_from, document_of

COLLECTOR = OpenRouterCollector()
FIXTURE = FIXTURES / "openrouter" / "models.2026-08-01.json"
RESPONSE = "models.2026-08-01.token-tariff.json"


def _parsed():
    return COLLECTOR.parse(document_from(FIXTURE, "openrouter"))


def _of(model: str, kind: str = "price") -> list[Observation]:
    return [o for o in _parsed().observations if o.upstream_model_id == model and o.kind == kind]


def _prices(model: str) -> dict[tuple[str, str], Observation]:
    return {(o.field, o.conditions.key()): o for o in _of(model)}


def _facts(model: str) -> dict[str, Observation]:
    return {o.field: o for o in _of(model, "fact")}


def _parse_edited(old: str, new: str) -> None:
    text = FIXTURE.read_text()
    assert old in text
    COLLECTOR.parse(document_of(text.replace(old, new, 1).encode(), "openrouter", "models.json"))


def test_prices_keep_quoted_literal() -> None:
    prices = _prices("openai/gpt-5.4-nano")
    prompt = prices[("input", "")]

    assert set(prices) == {("input", ""), ("output", ""), ("cache_read", ""), ("web_search", "")}
    assert prompt.captured == '"0.0000002"'
    assert prompt.amount == Decimal("0.0000002")
    assert prompt.source_unit is SourceUnit.PER_TOKEN
    assert prompt.currency == "USD"
    assert prompt.upstream_seller == "openrouter"
    assert prompt.excerpt == '"openai/gpt-5.4-nano" › "pricing" › "prompt": "0.0000002"'
    assert prompt.cited_url == "https://openrouter.ai/openai/gpt-5.4-nano"
    assert prices[("output", "")].amount == Decimal("0.00000125")
    assert prices[("cache_read", "")].amount == Decimal("0.00000002")


def test_prices_publish_per_million() -> None:
    published = {
        (o.observation.field, o.conditions_key): o.amount_published
        for o in normalize(_of("openai/gpt-5.4-nano"))
    }

    assert published == {
        ("input", ""): Decimal("0.2"),
        ("output", ""): Decimal("1.25"),
        ("cache_read", ""): Decimal("0.02"),
        ("web_search", ""): Decimal(10),
    }


def test_web_search_is_per_request() -> None:
    web_search = _prices("openai/gpt-5.4-nano")[("web_search", "")]

    assert web_search.source_unit is SourceUnit.PER_REQUEST
    assert web_search.amount == Decimal("0.01")


def test_cache_write_ttls_with_1h_rate() -> None:
    prices = _prices("anthropic/claude-sonnet-4.5")

    assert prices[("cache_write", "cache_ttl=5m")].amount == Decimal("0.00000375")
    assert prices[("cache_write", "cache_ttl=1h")].amount == Decimal("0.000006")
    assert prices[("cache_write", "cache_ttl=1h")].excerpt == (
        '"anthropic/claude-sonnet-4.5" › "pricing" › "input_cache_write_1h": "0.000006"'
    )
    assert ("cache_write", "") not in prices


def test_cache_write_without_1h_has_no_ttl() -> None:
    prices = _prices("google/gemini-2.5-flash-image")

    assert prices[("cache_write", "")].amount == Decimal("0.00000008333333333333334")
    assert prices[("cache_write", "")].conditions.cache_ttl is None


def test_override_is_prompt_at_or_above() -> None:
    prices = _prices("anthropic/claude-sonnet-4.5")
    over = prices[("input", "prompt>=200000")]

    assert over.conditions == Conditions(
        prompt_threshold_tokens=200000, prompt_boundary=Boundary.AT_OR_ABOVE
    )
    assert over.amount == Decimal("0.000006")
    assert over.excerpt == (
        '"anthropic/claude-sonnet-4.5" › "pricing" › "overrides" › "0" › "prompt": "0.000006"'
    )
    assert prices[("output", "prompt>=200000")].amount == Decimal("0.0000225")
    assert prices[("cache_write", "prompt>=200000;cache_ttl=5m")].amount == Decimal("0.0000075")
    assert prices[("cache_write", "prompt>=200000;cache_ttl=1h")].amount == Decimal("0.000012")
    assert ("web_search", "prompt>=200000") not in prices


def test_two_overrides_keep_stated_keys() -> None:
    prices = _prices("qwen/qwen3-max")

    assert prices[("input", "prompt>=32000")].amount == Decimal("0.00000156")
    assert prices[("cache_write", "prompt>=32000")].amount == Decimal("0.00000195")
    assert prices[("input", "prompt>=128000")].amount == Decimal("0.00000195")
    assert prices[("output", "prompt>=128000")].amount == Decimal("0.00000975")
    # The second entry states no cache prices; they keep the earlier entry's or the base price.
    assert ("cache_read", "prompt>=128000") not in prices
    assert ("cache_write", "prompt>=128000") not in prices


def test_image_and_audio_keys() -> None:
    image = _prices("google/gemini-2.5-flash-image")
    audio = _prices("openai/gpt-audio")

    assert image[("input_image", "")].amount == Decimal("0.0000003")
    assert image[("output_image", "")].amount == Decimal("0.00003")
    assert image[("output_image", "")].source_unit is SourceUnit.PER_TOKEN
    assert image[("input_audio", "")].amount == Decimal("0.000001")
    assert image[("cache_read_audio", "")].amount == Decimal("0.0000001")
    assert image[("reasoning", "")].amount == Decimal("0.0000025")
    assert audio[("input_audio", "")].amount == Decimal("0.000032")
    assert audio[("output_audio", "")].amount == Decimal("0.000064")


def test_free_variant_prices_are_free() -> None:
    prices = _prices("openai/gpt-oss-20b:free")
    normalized = normalize(list(prices.values()))

    assert set(prices) == {("input", ""), ("output", "")}
    for observation in prices.values():
        assert observation.state is PriceState.FREE
        assert observation.amount == Decimal(0)
        assert observation.captured == '"0"'
    assert {o.model_id for o in normalized} == {"openai/gpt-oss-20b"}
    assert {o.variant for o in normalized} == {"free"}


def test_variant_with_base_has_no_facts() -> None:
    assert _of("openai/gpt-oss-20b:free", "fact") == []
    assert _of("openai/gpt-oss-20b:free", "benchmark") == []
    assert _facts("openai/gpt-oss-20b")["max_output_tokens"].value == 131072


def test_variant_without_base_has_facts() -> None:
    facts = _facts("nvidia/nemotron-nano-9b-v2:free")

    assert facts["name"].value == "NVIDIA: Nemotron Nano 9B V2 (free)"
    assert facts["context_window"].value == 128000
    assert "max_output_tokens" not in facts


def test_variable_price_is_not_collected() -> None:
    notes = _parsed().notes

    assert _of("openrouter/auto") == []
    assert "openrouter/auto: prompt is -1, not a fixed price, skipped" in notes
    assert "openrouter/auto: completion is -1, not a fixed price, skipped" in notes
    assert _facts("openrouter/auto")["name"].value == "Auto Router"


def test_alias_is_skipped() -> None:
    notes = _parsed().notes

    assert [o for o in _parsed().observations if o.upstream_model_id.startswith("~")] == []
    assert (
        "~openai/gpt-mini-latest: alias whose target openai/gpt-5.4-mini is not in the "
        "response, skipped"
    ) in notes


def test_alias_note_names_listed_target() -> None:
    text = FIXTURE.read_text().replace(
        '"slug": "openai/gpt-5.4-mini"', '"slug": "openai/gpt-5.4-nano"'
    )
    same_prices = text.replace(
        '"prompt": "0.00000075", "completion": "0.0000045", "web_search": "0.01", '
        '"input_cache_read": "0.000000075"',
        '"prompt": "0.0000002", "completion": "0.00000125", "web_search": "0.01", '
        '"input_cache_read": "0.00000002"',
    )

    differing = COLLECTOR.parse(document_of(text.encode(), "openrouter", "models.json"))
    repeating = COLLECTOR.parse(document_of(same_prices.encode(), "openrouter", "models.json"))

    assert (
        "~openai/gpt-mini-latest: alias of openai/gpt-5.4-nano with different prices, skipped"
    ) in differing.notes
    assert "~openai/gpt-mini-latest: alias of openai/gpt-5.4-nano, skipped" in repeating.notes


def test_facts_read_from_model() -> None:
    facts = _facts("openai/gpt-5.4-nano")

    assert facts["name"].value == "OpenAI: GPT-5.4 Nano"
    assert facts["name"].captured == '"OpenAI: GPT-5.4 Nano"'
    assert facts["description"].value.startswith("GPT-5.4 nano is")
    assert facts["context_window"].value == 400000
    assert facts["context_window"].excerpt == '"openai/gpt-5.4-nano" › "context_length": 400000'
    assert facts["max_output_tokens"].value == 128000
    assert facts["input_modalities"].value == ("file", "image", "text")
    assert facts["output_modalities"].value == ("text",)
    assert facts["knowledge_cutoff"].value == "2025-08-31"
    assert facts["name"].cited_url == "https://openrouter.ai/openai/gpt-5.4-nano"
    assert "knowledge_cutoff" not in _facts("qwen/qwen3-max")


def test_capabilities_from_supported_parameters() -> None:
    nano = _facts("openai/gpt-5.4-nano")
    qwen = _facts("qwen/qwen3-max")
    image = _facts("google/gemini-2.5-flash-image")

    assert nano["tool_call"].value is True
    assert nano["structured_output"].value is True
    assert nano["reasoning"].value is True
    assert qwen["tool_call"].value is True
    # response_format without structured_outputs is JSON mode, not schema output.
    assert qwen["structured_output"].value is False
    assert qwen["reasoning"].value is False
    assert image["tool_call"].value is False
    assert image["structured_output"].value is True
    assert nano["tool_call"].captured.startswith('["include_reasoning", "max_completion_tokens"')
    assert nano["tool_call"].excerpt.startswith('"openai/gpt-5.4-nano" › "supported_parameters": [')


def test_empty_parameters_state_nothing() -> None:
    facts = _facts("openrouter/fusion")

    assert "tool_call" not in facts
    assert "structured_output" not in facts
    assert "reasoning" not in facts
    assert facts["context_window"].value == 200000


def test_artificial_analysis_benchmarks() -> None:
    nano = {o.field: o for o in _of("openai/gpt-5.4-nano", "benchmark")}
    sonnet = {o.field: o for o in _of("anthropic/claude-sonnet-4.5", "benchmark")}

    assert set(nano) == {
        "artificial_analysis.intelligence_index",
        "artificial_analysis.coding_index",
        "artificial_analysis.agentic_index",
    }
    intelligence = nano["artificial_analysis.intelligence_index"]
    assert intelligence.value == "38.2"
    assert intelligence.captured == "38.2"
    assert intelligence.excerpt == (
        '"openai/gpt-5.4-nano" › "benchmarks" › "artificial_analysis" › "intelligence_index": 38.2'
    )
    assert set(sonnet) == {"artificial_analysis.coding_index"}


def test_stated_at_from_file_name() -> None:
    assert _parsed().stated_at == datetime(2026, 8, 1, tzinfo=UTC)


def test_every_price_key_has_dimension() -> None:
    assert set(PriceFields.model_fields) == set(PRICE_KEYS)
    for key in PRICE_KEYS.values():
        assert get_dimension(key.dimension).key == key.dimension


def test_collector_is_registered() -> None:
    assert isinstance(select_collectors(["openrouter"])[0], OpenRouterCollector)


def test_unknown_pricing_key_is_rejected() -> None:
    with pytest.raises(SourceFormatError) as error:
        _parse_edited(
            '"pricing": {"prompt": "0.0000002",',
            '"pricing": {"discount": "0.1", "prompt": "0.0000002",',
        )

    message = str(error.value)
    assert "models.json" in message
    assert '["data"][0]["pricing"]["discount"]' in message
    assert "'0.1'" in message


def test_number_price_is_rejected() -> None:
    with pytest.raises(SourceFormatError) as error:
        _parse_edited('"prompt": "0.0000002"', '"prompt": 2e-07')

    message = str(error.value)
    assert '["data"][0]["pricing"]["prompt"]' in message
    assert "expected a JSON string holding a decimal price" in message
    assert "'2e-07'" in message


@pytest.mark.parametrize("text", ["0.0000002 USD", "1_0", " 0.1", "NaN", "Infinity", "-0.5", ""])
def test_non_decimal_price_is_rejected(text: str) -> None:
    with pytest.raises(SourceFormatError) as error:
        _parse_edited('"completion": "0.00000125"', f'"completion": {json.dumps(text)}')

    message = str(error.value)
    assert '["data"][0]["pricing"]["completion"]' in message
    assert repr(text) in message


def test_exponent_price_is_accepted() -> None:
    text = FIXTURE.read_text().replace('"prompt": "0.0000002"', '"prompt": "2E-7"')

    parsed = COLLECTOR.parse(document_of(text.encode(), "openrouter", "models.json"))
    prompt = [
        o
        for o in parsed.observations
        if o.upstream_model_id == "openai/gpt-5.4-nano" and o.field == "input"
    ]

    assert prompt[0].amount == Decimal("2E-7")
    assert prompt[0].captured == '"2E-7"'


def test_per_image_price_is_rejected() -> None:
    with pytest.raises(SourceFormatError) as error:
        _parse_edited('"image_output": "0.00003"', '"image_output": "0.039"')

    message = str(error.value)
    assert '["data"][3]["pricing"]["image_output"]' in message
    assert "'0.039'" in message


def test_descending_overrides_are_rejected() -> None:
    with pytest.raises(SourceFormatError) as error:
        _parse_edited('"min_prompt_tokens": 128000', '"min_prompt_tokens": 16000')

    message = str(error.value)
    assert '["data"][2]["pricing"]["overrides"][1]["min_prompt_tokens"]' in message
    assert "16000" in message


def test_override_condition_field_is_rejected() -> None:
    with pytest.raises(SourceFormatError) as error:
        _parse_edited(
            '{"min_prompt_tokens": 200000,', '{"utc_start": "22:00", "min_prompt_tokens": 200000,'
        )

    assert '["data"][1]["pricing"]["overrides"][0]["utc_start"]' in str(error.value)


def test_unknown_model_key_is_rejected() -> None:
    with pytest.raises(SourceFormatError) as error:
        _parse_edited(
            '"per_request_limits": null,', '"per_request_limits": null, "is_byok": false,'
        )

    assert '["data"][0]["is_byok"]' in str(error.value)


def test_second_page_is_rejected() -> None:
    with pytest.raises(SourceFormatError) as error:
        _parse_edited('"next": null', '"next": "/api/v1/models?offset=11"')

    assert '["links"]["next"]' in str(error.value)
    assert "'/api/v1/models?offset=11'" in str(error.value)


def test_wrong_total_count_is_rejected() -> None:
    with pytest.raises(SourceFormatError) as error:
        _parse_edited('"total_count": 11', '"total_count": 12')

    assert '["total_count"]' in str(error.value)
    assert "12" in str(error.value)


def test_duplicate_id_is_rejected() -> None:
    with pytest.raises(SourceFormatError) as error:
        _parse_edited('"id": "openai/gpt-audio"', '"id": "qwen/qwen3-max"')

    assert '["data"][4]["id"]' in str(error.value)
    assert "'qwen/qwen3-max'" in str(error.value)


@pytest.fixture(scope="module")
def response_outcome(mirror_dir: Path) -> SourceOutcome:
    return collect_source(COLLECTOR, mirror_dir, None)


@pytest.fixture(scope="module")
def response(response_outcome: SourceOutcome) -> list[NormalizedObservation]:
    return [o for d in response_outcome.documents for o in d.observations]


def _response_of(
    response: list[NormalizedObservation], model: str, kind: str
) -> dict[tuple[str, str], NormalizedObservation]:
    return {
        (o.observation.field, o.conditions_key): o
        for o in response
        if o.observation.upstream_model_id == model and o.observation.kind == kind
    }


def test_response_collects_without_error(response_outcome: SourceOutcome) -> None:
    assert response_outcome.error is None
    assert len(response_outcome.documents) == 1
    assert response_outcome.documents[0].stated_at == datetime(2026, 8, 1, tzinfo=UTC)


def test_response_counts(mirror_dir: Path, response: list[NormalizedObservation]) -> None:
    raw = json.loads((mirror_dir / "openrouter" / RESPONSE).read_text())
    ids = {o.observation.upstream_model_id for o in response}
    benchmarked = {
        o.observation.upstream_model_id for o in response if o.observation.kind == "benchmark"
    }

    # Counted in the file: 336 models, 10 of them aliases. 117 carry Artificial Analysis indices,
    # and 6 of those are `:free` variants whose base entry is listed too.
    assert raw["total_count"] == 336
    assert len(raw["data"]) == 336
    assert len(ids) == 336 - 10
    assert not any(i.startswith("~") for i in ids)
    assert len(benchmarked) == 117 - 6


def test_response_gpt_5_4_nano(response: list[NormalizedObservation]) -> None:
    prices = _response_of(response, "openai/gpt-5.4-nano", "price")
    facts = _response_of(response, "openai/gpt-5.4-nano", "fact")
    benchmarks = _response_of(response, "openai/gpt-5.4-nano", "benchmark")

    assert prices[("input", "")].amount_published == Decimal("0.2")
    assert prices[("output", "")].amount_published == Decimal("1.25")
    assert prices[("cache_read", "")].amount_published == Decimal("0.02")
    assert facts[("context_window", "")].observation.value == 400000
    assert benchmarks[("artificial_analysis.intelligence_index", "")].observation.value == "38.2"
    assert {o.model_id for o in prices.values()} == {"openai/gpt-5.4-nano"}
    assert {o.seller for o in prices.values()} == {"openrouter"}


def test_response_gpt_5_4_override(response: list[NormalizedObservation]) -> None:
    prices = _response_of(response, "openai/gpt-5.4", "price")

    assert prices[("input", "")].amount_published == Decimal("2.5")
    assert prices[("input", "prompt>=272000")].amount_published == Decimal(5)
    assert prices[("output", "prompt>=272000")].amount_published == Decimal("22.5")
    assert prices[("cache_read", "prompt>=272000")].amount_published == Decimal("0.5")


def test_response_qwen3_max_overrides(response: list[NormalizedObservation]) -> None:
    prices = _response_of(response, "qwen/qwen3-max", "price")

    assert prices[("input", "prompt>=32000")].amount_published == Decimal("1.56")
    assert prices[("input", "prompt>=128000")].amount_published == Decimal("1.95")
    assert prices[("cache_write", "prompt>=128000")].amount_published == Decimal("2.4375")


def test_response_sonnet_cache_ttls(response: list[NormalizedObservation]) -> None:
    prices = _response_of(response, "anthropic/claude-sonnet-4.5", "price")

    assert prices[("cache_write", "cache_ttl=5m")].amount_published == Decimal("3.75")
    assert prices[("cache_write", "cache_ttl=1h")].amount_published == Decimal(6)
    assert prices[("cache_write", "prompt>=200000;cache_ttl=1h")].amount_published == Decimal(12)


def test_response_routers_have_no_prices(response: list[NormalizedObservation]) -> None:
    for router in ("openrouter/auto", "openrouter/auto-beta", "openrouter/fusion"):
        assert _response_of(response, router, "price") == {}
    free = _response_of(response, "openrouter/free", "price")
    assert free[("input", "")].observation.state is PriceState.FREE


def _broken_copy(mirror_dir: Path, tmp_path: Path, content: bytes) -> Path:
    copy = tmp_path / "mirror" / "openrouter"
    copy.mkdir(parents=True)
    (copy / RESPONSE).write_bytes(content)
    return tmp_path / "mirror"


def _edited(mirror_dir: Path, old: str, new: str) -> bytes:
    text = (mirror_dir / "openrouter" / RESPONSE).read_text()
    assert old in text
    return text.replace(old, new, 1).encode()


def test_truncated_response_fails_run(mirror_dir: Path, tmp_path: Path) -> None:
    content = (mirror_dir / "openrouter" / RESPONSE).read_bytes()[:20_000]

    outcome = collect_source(COLLECTOR, _broken_copy(mirror_dir, tmp_path, content), None)

    assert outcome.error is not None
    assert RESPONSE in outcome.error
    assert "valid JSON" in outcome.error
    assert outcome.documents == []


def test_changed_shape_fails_run(mirror_dir: Path, tmp_path: Path) -> None:
    content = _edited(mirror_dir, '"input_modalities":["text"]', '"input_modalities":"text"')

    outcome = collect_source(COLLECTOR, _broken_copy(mirror_dir, tmp_path, content), None)

    assert outcome.error is not None
    assert RESPONSE in outcome.error
    assert '["data"][0]["architecture"]["input_modalities"]' in outcome.error
    assert "'text'" in outcome.error
    assert outcome.documents == []


def test_renamed_key_fails_run(mirror_dir: Path, tmp_path: Path) -> None:
    content = _edited(mirror_dir, '"pricing":{', '"prices":{')

    outcome = collect_source(COLLECTOR, _broken_copy(mirror_dir, tmp_path, content), None)

    assert outcome.error is not None
    assert RESPONSE in outcome.error
    assert '["data"][0]["pricing"]' in outcome.error
    assert "Field required" in outcome.error
    assert outcome.documents == []


def test_unknown_pricing_key_fails_run(mirror_dir: Path, tmp_path: Path) -> None:
    content = _edited(mirror_dir, '"pricing":{', '"pricing":{"request":"0.001",')

    outcome = collect_source(COLLECTOR, _broken_copy(mirror_dir, tmp_path, content), None)

    assert outcome.error is not None
    assert RESPONSE in outcome.error
    assert '["data"][0]["pricing"]["request"]' in outcome.error
    assert "'0.001'" in outcome.error
    assert outcome.documents == []


def test_non_decimal_price_fails_run(mirror_dir: Path, tmp_path: Path) -> None:
    content = _edited(mirror_dir, '"prompt":"0.00000014"', '"prompt":"0.00000014 USD"')

    outcome = collect_source(COLLECTOR, _broken_copy(mirror_dir, tmp_path, content), None)

    assert outcome.error is not None
    assert RESPONSE in outcome.error
    assert '["data"][0]["pricing"]["prompt"]' in outcome.error
    assert "'0.00000014 USD'" in outcome.error
    assert outcome.documents == []


def test_response_notes_aliases_and_routers(mirror_dir: Path) -> None:
    document = document_from(mirror_dir / "openrouter" / RESPONSE, "openrouter")

    notes = COLLECTOR.parse(document).notes

    # Counted in the file: 10 aliases, and 5 routers priced "-1" for prompt and completion.
    assert len([n for n in notes if "alias" in n]) == 10
    assert len([n for n in notes if " is -1," in n]) == 10
    assert (
        "~moonshotai/kimi-latest: alias of moonshotai/kimi-k3 with different prices, skipped"
    ) in notes
    assert "~openai/gpt-latest: alias of openai/gpt-5.6-sol, skipped" in notes
