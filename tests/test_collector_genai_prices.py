"""The genai-prices collector on a fixture, on the real mirror file and on broken copies."""

import json
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from harga.collectors.base import SourceFormatError
from harga.collectors.genai_prices import (
    MIRROR_GLOB,
    PRICE_KEYS,
    UNMAPPED_SCHEMA_KEYS,
    GenaiPricesCollector,
)
from harga.domain.conditions import Boundary, Conditions
from harga.domain.money import SourceUnit
from harga.domain.observation import Observation
from harga.domain.states import PriceState
from harga.pipeline.collect import SourceOutcome, collect_source
from tests.helpers import FIXTURES, document_from, document_of

COLLECTOR = GenaiPricesCollector()
FIXTURE = FIXTURES / "genai_prices" / "data.json"


def _observations() -> list[Observation]:
    return COLLECTOR.parse(document_from(FIXTURE, "genai-prices")).observations


def _prices(model_id: str) -> dict[tuple[str, str], Observation]:
    """Return one model's prices keyed by dimension and conditions key."""
    return {
        (o.field, o.conditions.key()): o
        for o in _observations()
        if o.upstream_model_id == model_id and o.kind == "price"
    }


def _parse_edited(edit: Any) -> None:
    """Parse the fixture after `edit` changed its decoded JSON in place."""
    data = json.loads(FIXTURE.read_text())
    edit(data)
    COLLECTOR.parse(document_of(json.dumps(data).encode(), "genai-prices", "data.json"))


def test_flat_prices_keep_literal_unit_and_url() -> None:
    prices = _prices("gpt-5.4-nano")

    assert set(prices) == {("input", ""), ("output", ""), ("cache_read", "")}
    nano_input = prices[("input", "")]
    assert nano_input.amount == Decimal("0.2")
    assert nano_input.captured == "0.2"
    assert nano_input.source_unit is SourceUnit.PER_MTOK
    assert nano_input.currency == "USD"
    assert nano_input.upstream_seller == "openai"
    assert nano_input.cited_url == "https://developers.openai.com/api/docs/pricing"
    assert nano_input.excerpt == '"openai" › "gpt-5.4-nano" › "prices" › "input_mtok": 0.2'
    assert prices[("output", "")].amount == Decimal("1.25")
    assert prices[("cache_read", "")].amount == Decimal("0.02")


def test_model_facts_are_observed() -> None:
    facts = {
        o.field: o
        for o in _observations()
        if o.upstream_model_id == "gpt-5.4-nano" and o.kind == "fact"
    }

    assert set(facts) == {"name", "description", "context_window"}
    assert facts["name"].value == "GPT-5.4 nano"
    assert facts["name"].captured == '"GPT-5.4 nano"'
    assert facts["context_window"].value == 400000
    assert facts["context_window"].excerpt == (
        '"openai" › "gpt-5.4-nano" › "context_window": 400000'
    )
    assert facts["description"].cited_url == "https://developers.openai.com/api/docs/pricing"


def test_model_without_name_has_no_name_fact() -> None:
    fields = {o.field for o in _observations() if o.upstream_model_id == "o3"}

    assert "name" not in fields
    assert "context_window" not in fields


def test_tiers_become_exclusive_prompt_thresholds() -> None:
    prices = _prices("claude-opus-4-6")

    base = prices[("input", "")]
    tier = prices[("input", "prompt>200000")]
    assert base.amount == Decimal(5)
    assert base.excerpt == '"anthropic" › "claude-opus-4-6" › "prices" › "input_mtok" › "base": 5'
    assert tier.amount == Decimal(10)
    assert tier.captured == "10"
    assert tier.conditions.prompt_threshold_tokens == 200000
    assert tier.conditions.prompt_boundary is Boundary.ABOVE
    assert tier.excerpt == (
        '"anthropic" › "claude-opus-4-6" › "prices" › "input_mtok" › "tiers" › "0": '
        '{"start": 200000, "price": 10}'
    )
    assert prices[("output", "prompt>200000")].amount == Decimal("37.5")
    assert prices[("output", "prompt>500000")].amount == Decimal(50)


def test_cache_write_ttls() -> None:
    opus = _prices("claude-opus-4-6")
    explicit = _prices("claude-explicit-ttl")

    # A set that prices 1-hour writes and no 5-minute key: the plain write is the 5-minute one.
    assert opus[("cache_write", "cache_ttl=5m")].amount == Decimal("6.25")
    assert opus[("cache_write", "prompt>200000;cache_ttl=5m")].amount == Decimal("12.5")
    assert opus[("cache_write", "cache_ttl=1h")].amount == Decimal(10)
    assert explicit[("cache_write", "")].amount == Decimal("1.1")
    assert explicit[("cache_write", "cache_ttl=5m")].amount == Decimal("1.25")
    assert explicit[("cache_write", "cache_ttl=1h")].amount == Decimal(2)


def test_counted_keys_map_to_call_and_request_units() -> None:
    opus = _prices("claude-opus-4-6")
    sonar = _prices("sonar-deep-research")

    assert opus[("web_search", "")].amount == Decimal(10)
    assert opus[("web_search", "")].source_unit is SourceUnit.PER_KCALL
    assert sonar[("request", "")].amount == Decimal(5)
    assert sonar[("request", "")].source_unit is SourceUnit.PER_KREQUEST


def test_modality_keys_map_to_dimensions() -> None:
    sonar = _prices("sonar-deep-research")

    assert {field for field, _ in sonar} == {
        "input",
        "output",
        "reasoning",
        "citation",
        "request",
        "input_audio",
        "cache_read_audio",
        "cache_read_image",
        "input_video",
    }
    assert sonar[("input", "")].excerpt.endswith('"input_text_mtok": 2')
    assert sonar[("input_video", "")].captured == "2e-1"
    assert sonar[("input_video", "")].amount == Decimal("0.2")


def test_explicit_zero_is_free() -> None:
    audio = _prices("sonar-deep-research")[("input_audio", "")]

    assert audio.state is PriceState.FREE
    assert audio.amount == 0
    assert audio.captured == "0"


def test_empty_price_set_is_not_observed() -> None:
    document = document_from(FIXTURE, "genai-prices")

    parsed = COLLECTOR.parse(document)

    moderation = [o for o in parsed.observations if o.upstream_model_id == "moderation"]
    assert [o.field for o in moderation] == ["description"]
    assert parsed.notes == ["models with an empty price set, not observed: 1"]


def test_start_dates_become_effective_ranges() -> None:
    prices = _prices("o3")

    assert prices[("input", "to=2025-06-10")].amount == Decimal(10)
    assert prices[("input", "from=2025-06-10")].amount == Decimal(2)
    later = prices[("output", "from=2025-06-10")]
    assert later.conditions == Conditions(effective_from=date(2025, 6, 10))
    assert later.excerpt == '"openai" › "o3" › "prices" › "1" › "prices" › "output_mtok": 8'


def test_date_chain_with_tiers() -> None:
    prices = _prices("gpt-5.6-luna")

    assert set(prices) == {
        ("input", "to=2026-07-30"),
        ("input", "prompt>272000;to=2026-07-30"),
        ("input", "from=2026-07-30;to=2027-01-01"),
        ("input", "prompt>272000;from=2026-07-30;to=2027-01-01"),
        ("input", "from=2027-01-01"),
    }
    assert prices[("input", "prompt>272000;from=2026-07-30;to=2027-01-01")].amount == Decimal("0.4")
    assert prices[("input", "from=2027-01-01")].amount == Decimal("0.3")


def test_time_of_day_becomes_time_window() -> None:
    prices = _prices("deepseek-chat")

    off_peak = prices[("input", "time_window=daily 16:30-00:30 UTC")]
    peak = prices[("input", "time_window=daily 00:30-16:30 UTC")]
    assert off_peak.amount == Decimal("0.135")
    assert peak.amount == Decimal("0.27")
    assert prices[("output", "time_window=daily 00:30-16:30 UTC")].amount == Decimal("1.1")
    assert len(prices) == 4


def test_time_window_converts_offset_to_utc() -> None:
    windows = {o.conditions.time_window: o.amount for o in _prices("deepseek-offset").values()}

    assert windows == {
        "daily 09:00:30-00:30 UTC": Decimal("0.1"),
        "daily 00:30-09:00:30 UTC": Decimal("0.2"),
    }


def test_unknown_price_key_is_rejected() -> None:
    def edit(data: Any) -> None:
        data[0]["models"][0]["prices"]["input_tokens_mtok"] = 0.5

    with pytest.raises(SourceFormatError) as error:
        _parse_edited(edit)

    message = str(error.value)
    assert "data.json" in message
    assert '$[0]["models"][0]["prices"]["input_tokens_mtok"]' in message
    assert "known genai-prices price key" in message
    assert "got '0.5'" in message


def test_schema_key_without_dimension_is_rejected() -> None:
    def edit(data: Any) -> None:
        data[3]["models"][0]["prices"]["input_mchars"] = 3

    with pytest.raises(SourceFormatError) as error:
        _parse_edited(edit)

    assert '$[3]["models"][0]["prices"]["input_mchars"]' in str(error.value)
    assert "has none yet" in str(error.value)


def test_quoted_price_is_rejected() -> None:
    text = FIXTURE.read_text().replace('"input_mtok": 0.2,', '"input_mtok": "0.2",')

    with pytest.raises(SourceFormatError) as error:
        COLLECTOR.parse(document_of(text.encode(), "genai-prices", "data.json"))

    message = str(error.value)
    assert "data.json" in message
    assert '$[0]["models"][0]["prices"]["input_mtok"]' in message
    assert "expected a JSON number" in message
    assert "got '0.2'" in message


def test_quoted_tier_price_is_rejected() -> None:
    def edit(data: Any) -> None:
        data[1]["models"][0]["prices"]["input_mtok"]["tiers"][0]["price"] = "10"

    with pytest.raises(SourceFormatError) as error:
        _parse_edited(edit)

    message = str(error.value)
    assert '$[1]["models"][0]["prices"]["input_mtok"]["tiers"][0]["price"]' in message
    assert "got '10'" in message


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("context_window", "400000", "expected a JSON number"),
        ("name", 5, "expected a JSON string"),
        ("deprecated", "no", "expected a JSON boolean"),
        ("aliases", ["nano"], "Extra inputs are not permitted"),
    ],
)
def test_wrong_model_field_is_rejected(field: str, value: object, expected: str) -> None:
    def edit(data: Any) -> None:
        data[0]["models"][0][field] = value

    with pytest.raises(SourceFormatError) as error:
        _parse_edited(edit)

    message = str(error.value)
    assert f'$[0]["models"][0][{json.dumps(field)}]' in message
    assert expected in message
    assert repr(value) in message


def test_unknown_match_clause_is_rejected() -> None:
    def edit(data: Any) -> None:
        data[0]["models"][0]["match"] = {"or": [{"equals": "a"}, {"glob": "gpt-*"}]}

    with pytest.raises(SourceFormatError) as error:
        _parse_edited(edit)

    assert '$[0]["models"][0]["match"]["or"][1]' in str(error.value)
    assert "glob" in str(error.value)


def test_missing_provider_field_is_rejected() -> None:
    def edit(data: Any) -> None:
        del data[2]["api_pattern"]

    with pytest.raises(SourceFormatError) as error:
        _parse_edited(edit)

    assert '$[2]["api_pattern"]' in str(error.value)
    assert "Field required" in str(error.value)


def test_tiered_request_price_is_rejected() -> None:
    def edit(data: Any) -> None:
        tiered = {"base": 5, "tiers": [{"start": 1000, "price": 4}]}
        data[3]["models"][0]["prices"]["requests_kcount"] = tiered

    with pytest.raises(SourceFormatError) as error:
        _parse_edited(edit)

    assert '$[3]["models"][0]["prices"]["requests_kcount"]' in str(error.value)
    assert "a plain number" in str(error.value)


def test_two_keys_for_one_dimension_are_rejected() -> None:
    def edit(data: Any) -> None:
        data[3]["models"][0]["prices"]["input_mtok"] = 2

    with pytest.raises(SourceFormatError) as error:
        _parse_edited(edit)

    message = str(error.value)
    assert '$[3]["models"][0]["prices"]' in message
    assert "input_text_mtok" in message
    assert "input_mtok" in message


def test_tiers_out_of_order_are_rejected() -> None:
    def edit(data: Any) -> None:
        tiers = data[1]["models"][0]["prices"]["output_mtok"]["tiers"]
        tiers[1]["start"] = 100000

    with pytest.raises(SourceFormatError) as error:
        _parse_edited(edit)

    assert '["output_mtok"]["tiers"][1]["start"]' in str(error.value)
    assert "100000" in str(error.value)


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        (
            [{"prices": {"input_mtok": 1}}, {"prices": {"input_mtok": 2}}],
            "a constraint on every conditional price after the first",
        ),
        (
            [
                {"prices": {"input_mtok": 1}},
                {"constraint": {"start_date": "2026-05-01"}, "prices": {"input_mtok": 2}},
                {"constraint": {"start_date": "2026-01-01"}, "prices": {"input_mtok": 3}},
            ],
            "a start date after the previous one (2026-05-01)",
        ),
        (
            [
                {"prices": {"input_mtok": 1}},
                {"constraint": {"start_date": "2026-05-01"}, "prices": {"input_mtok": 2}},
                {
                    "constraint": {"start_time": "00:00:00Z", "end_time": "08:00:00Z"},
                    "prices": {"input_mtok": 3},
                },
            ],
            "start-date constraints only, or a single time-of-day constraint",
        ),
        (
            [
                {"prices": {"input_mtok": 1}},
                {"constraint": {"start_date": "May 2026"}, "prices": {"input_mtok": 2}},
            ],
            "an ISO date",
        ),
        (
            [
                {"prices": {"input_mtok": 1}},
                {
                    "constraint": {"start_time": "25:00", "end_time": "08:00:00Z"},
                    "prices": {"input_mtok": 3},
                },
            ],
            "an ISO time",
        ),
    ],
)
def test_unsupported_conditional_shape_is_rejected(entries: list[Any], expected: str) -> None:
    def edit(data: Any) -> None:
        data[0]["models"][2]["prices"] = entries

    with pytest.raises(SourceFormatError) as error:
        _parse_edited(edit)

    assert '$[0]["models"][2]["prices"]' in str(error.value)
    assert expected in str(error.value)


# --- The real mirror file ------------------------------------------------------------------


@pytest.fixture(scope="module")
def outcome(mirror_dir: Path) -> SourceOutcome:
    return collect_source(COLLECTOR, mirror_dir, None)


@pytest.fixture(scope="module")
def real_prices(outcome: SourceOutcome) -> dict[tuple[str, str, str, str], Decimal | None]:
    """Return published amounts keyed by seller, upstream model id, dimension and conditions."""
    return {
        (o.seller, o.observation.upstream_model_id, o.observation.field, o.conditions_key): (
            o.amount_published
        )
        for d in outcome.documents
        for o in d.observations
        if o.observation.kind == "price"
    }


def test_schema_price_keys_are_all_classified(mirror_dir: Path) -> None:
    schema_path = mirror_dir / "genai-prices" / "prices" / "new_data" / "v2" / "data.schema.json"
    schema = json.loads(schema_path.read_text())

    schema_keys = set(schema["$defs"]["ModelPrice"]["properties"])

    assert len(schema_keys) == 59
    assert schema_keys == set(PRICE_KEYS) | UNMAPPED_SCHEMA_KEYS
    assert not set(PRICE_KEYS) & UNMAPPED_SCHEMA_KEYS


def test_mirror_file_parses(outcome: SourceOutcome) -> None:
    assert outcome.error is None
    assert len(outcome.documents) == 1
    observations = outcome.documents[0].observations
    # Counted in the file: 36 providers with 1466 models. 60 of those models have an empty
    # price set and no name, description or context window, so nothing about them is observed.
    assert len({o.observation.upstream_seller for o in observations}) == 36
    models = {
        (o.observation.upstream_seller, o.observation.upstream_model_id) for o in observations
    }
    assert len(models) == 1466 - 60


def test_mirror_empty_price_sets_are_noted(mirror_dir: Path) -> None:
    document = document_from(mirror_dir / MIRROR_GLOB, "genai-prices")

    notes = COLLECTOR.parse(document).notes

    # 157 models in the file have `"prices": {}`.
    assert notes == ["models with an empty price set, not observed: 157"]


def test_mirror_gpt_5_4_nano(outcome: SourceOutcome) -> None:
    nano = [
        o
        for d in outcome.documents
        for o in d.observations
        if o.model_id == "openai/gpt-5.4-nano" and o.seller == "openai"
    ]
    prices = {
        o.observation.field: o.amount_published for o in nano if o.observation.kind == "price"
    }
    facts = {o.observation.field: o.observation.value for o in nano if o.observation.kind == "fact"}

    assert prices == {
        "input": Decimal("0.2"),
        "output": Decimal("1.25"),
        "cache_read": Decimal("0.02"),
    }
    assert facts["context_window"] == 400000
    assert facts["name"] == "GPT-5.4 nano"


def test_mirror_claude_opus_4_6_tiers_and_dates(real_prices: dict[Any, Any]) -> None:
    # anthropic › claude-opus-4-6: tiered until 2026-03-13, flat from then on.
    key = ("anthropic", "claude-opus-4-6")

    assert real_prices[(*key, "input", "to=2026-03-13")] == Decimal(5)
    assert real_prices[(*key, "input", "prompt>200000;to=2026-03-13")] == Decimal(10)
    assert real_prices[(*key, "input", "from=2026-03-13")] == Decimal(5)
    assert real_prices[(*key, "cache_write", "cache_ttl=1h;from=2026-03-13")] == Decimal(10)
    assert real_prices[(*key, "cache_write", "cache_ttl=5m;from=2026-03-13")] == Decimal("6.25")
    assert real_prices[(*key, "web_search", "from=2026-03-13")] == Decimal(10)


def test_mirror_bedrock_dated_tiers(real_prices: dict[Any, Any]) -> None:
    # aws › openai.gpt-5.6-luna: a flat price, then tiers from 2026-07-30.
    key = ("aws-bedrock", "openai.gpt-5.6-luna")

    assert real_prices[(*key, "input", "to=2026-07-30")] == Decimal("1.1")
    assert real_prices[(*key, "input", "from=2026-07-30")] == Decimal("0.22")
    assert real_prices[(*key, "output", "prompt>272000;from=2026-07-30")] == Decimal("1.98")


def test_mirror_deepseek_time_windows(real_prices: dict[Any, Any]) -> None:
    key = ("deepseek", "deepseek-reasoner")

    assert real_prices[(*key, "output", "time_window=daily 00:30-16:30 UTC")] == Decimal("2.19")
    assert real_prices[(*key, "output", "time_window=daily 16:30-00:30 UTC")] == Decimal("0.55")


def _broken_copy(mirror_dir: Path, tmp_path: Path, edit: Any) -> SourceOutcome:
    target = tmp_path / MIRROR_GLOB
    target.parent.mkdir(parents=True)
    shutil.copyfile(mirror_dir / MIRROR_GLOB, target)
    target.write_bytes(edit(target.read_bytes()))
    return collect_source(COLLECTOR, tmp_path, None)


def test_truncated_mirror_file_fails_run(mirror_dir: Path, tmp_path: Path) -> None:
    outcome = _broken_copy(mirror_dir, tmp_path, lambda content: content[:5000])

    assert outcome.error is not None
    assert "data.json" in outcome.error
    assert "valid JSON" in outcome.error
    assert outcome.documents == []


def test_changed_shape_fails_run(mirror_dir: Path, tmp_path: Path) -> None:
    def rename_models(content: bytes) -> bytes:
        return content.replace(b'"models":', b'"model_list":', 1)

    outcome = _broken_copy(mirror_dir, tmp_path, rename_models)

    assert outcome.error is not None
    assert "data.json" in outcome.error
    assert '$[0]["models"]' in outcome.error
    assert "Field required" in outcome.error
    assert outcome.documents == []


def test_unknown_price_key_fails_run(mirror_dir: Path, tmp_path: Path) -> None:
    def add_key(content: bytes) -> bytes:
        data = json.loads(content)
        data[0]["models"][0]["prices"]["output_thinking_mtok"] = 30
        return json.dumps(data).encode()

    outcome = _broken_copy(mirror_dir, tmp_path, add_key)

    assert outcome.error is not None
    assert "data.json" in outcome.error
    assert '$[0]["models"][0]["prices"]["output_thinking_mtok"]' in outcome.error
    assert outcome.documents == []
