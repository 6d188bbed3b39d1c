"""The models.dev collector on a fixture, on the real snapshot and on broken copies of it."""

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from harga.collectors import select_collectors
from harga.collectors.base import SourceFormatError
from harga.collectors.models_dev import RATE_DIMENSIONS, ModelsDevCollector, Rates
from harga.domain.conditions import Boundary, Conditions, ServiceTier
from harga.domain.dimensions import get_dimension
from harga.domain.money import SourceUnit
from harga.domain.observation import Observation
from harga.domain.states import PriceState
from harga.normalize.observations import NormalizedObservation
from harga.pipeline.collect import SourceOutcome, collect_source
from tests.helpers import FIXTURES, document_from, document_of

COLLECTOR = ModelsDevCollector()
FIXTURE = FIXTURES / "models_dev" / "models-dev.2026-06-13.json"
SNAPSHOT = "models-dev.2026-06-13.json"


def _observations() -> list[Observation]:
    return COLLECTOR.parse(document_from(FIXTURE, "models-dev")).observations


def _of(seller: str, model: str, kind: str = "price") -> list[Observation]:
    return [
        o
        for o in _observations()
        if o.upstream_seller == seller and o.upstream_model_id == model and o.kind == kind
    ]


def _prices(seller: str, model: str) -> dict[tuple[str, str], Observation]:
    return {(o.field, o.conditions.key()): o for o in _of(seller, model)}


def _facts(seller: str, model: str) -> dict[str, Observation]:
    return {o.field: o for o in _of(seller, model, "fact")}


def _parse_edited(old: str, new: str) -> None:
    text = FIXTURE.read_text()
    assert old in text
    COLLECTOR.parse(document_of(text.replace(old, new, 1).encode(), "models-dev", "api.json"))


def test_base_prices_keep_literal_and_unit() -> None:
    prices = _prices("openai", "gpt-5.4-nano")

    assert set(prices) == {("input", ""), ("output", ""), ("cache_read", "")}
    cache_read = prices[("cache_read", "")]
    assert cache_read.amount == Decimal("0.02")
    assert cache_read.captured == "0.02"
    assert cache_read.source_unit is SourceUnit.PER_MTOK
    assert cache_read.currency == "USD"
    assert cache_read.state is PriceState.PRICED
    assert (
        cache_read.excerpt == '"openai" › "models" › "gpt-5.4-nano" › "cost" › "cache_read": 0.02'
    )
    assert cache_read.cited_url == "https://platform.openai.com/docs/models"
    assert prices[("input", "")].amount == Decimal("0.2")
    assert prices[("output", "")].amount == Decimal("1.25")


def test_tier_is_prompt_above_size() -> None:
    prices = _prices("openai", "gpt-5.4")
    tier_input = prices[("input", "prompt>272000")]

    assert tier_input.conditions == Conditions(
        prompt_threshold_tokens=272000, prompt_boundary=Boundary.ABOVE
    )
    assert tier_input.amount == Decimal(5)
    assert tier_input.captured == "5"
    assert tier_input.excerpt == (
        '"openai" › "models" › "gpt-5.4" › "cost" › "tiers" › "0" › "input": 5'
    )
    assert prices[("output", "prompt>272000")].amount == Decimal("22.5")
    assert prices[("cache_read", "prompt>272000")].amount == Decimal("0.5")


def test_legacy_copy_of_tier_is_not_repeated() -> None:
    keys = {key for _, key in _prices("openai", "gpt-5.4")}

    assert "prompt>200000" not in keys
    assert keys == {"", "prompt>272000", "tier=priority"}


def test_legacy_key_alone_is_200k_tier() -> None:
    prices = _prices("anthropic", "claude-sonnet-4-0")
    over = {field: o for (field, key), o in prices.items() if key == "prompt>200000"}

    assert set(over) == {"input", "output", "cache_read", "cache_write"}
    assert over["input"].amount == Decimal(6)
    assert over["cache_write"].amount == Decimal("7.5")
    assert over["input"].conditions.prompt_boundary is Boundary.ABOVE
    assert over["input"].excerpt == (
        '"anthropic" › "models" › "claude-sonnet-4-0" › "cost" › "context_over_200k" › "input": 6'
    )


def test_two_tiers_keep_their_sizes() -> None:
    prices = _prices("aihubmix", "doubao-seed-2-0-pro")

    assert prices[("input", "")].amount == Decimal("0.48")
    assert prices[("input", "prompt>32000")].amount == Decimal("0.72")
    assert prices[("input", "prompt>128000")].amount == Decimal("1.45")
    assert prices[("cache_read", "prompt>128000")].captured == "0.28932"
    assert prices[("output", "prompt>128000")].amount == Decimal("7.23")


def test_zero_prices_are_free() -> None:
    prices = _prices("zai-coding-plan", "glm-4.6")

    assert len(prices) == 4
    for observation in prices.values():
        assert observation.state is PriceState.FREE
        assert observation.amount == Decimal(0)
        assert observation.captured == "0"


def test_service_tier_mode_is_priority() -> None:
    prices = _prices("openai", "gpt-5.4")
    priority = prices[("output", "tier=priority")]

    assert priority.conditions == Conditions(tier=ServiceTier.PRIORITY)
    assert priority.amount == Decimal(30)
    assert priority.excerpt == (
        '"openai" › "models" › "gpt-5.4" › "experimental" › "modes" › "fast" › "cost" › '
        '"output": 30'
    )


def test_fast_mode_is_fast_tier() -> None:
    prices = _prices("anthropic", "claude-opus-4-6")

    assert prices[("input", "tier=fast")].amount == Decimal(30)
    assert prices[("cache_write", "tier=fast")].amount == Decimal("37.5")
    assert prices[("input", "")].amount == Decimal(5)
    assert prices[("cache_write", "")].conditions == Conditions()


def test_facts_read_from_model() -> None:
    facts = _facts("openai", "gpt-5.4-nano")

    assert facts["name"].value == "GPT-5.4 nano"
    assert facts["name"].captured == '"GPT-5.4 nano"'
    assert facts["context_window"].value == 400000
    assert facts["context_window"].excerpt == (
        '"openai" › "models" › "gpt-5.4-nano" › "limit" › "context": 400000'
    )
    assert facts["max_output_tokens"].value == 128000
    assert facts["input_modalities"].value == ("text", "image")
    assert facts["input_modalities"].captured == '["text", "image"]'
    assert facts["output_modalities"].value == ("text",)
    assert facts["knowledge_cutoff"].value == "2025-08-31"
    assert facts["release_date"].value == "2026-03-17"
    assert facts["reasoning"].value is True
    assert facts["reasoning"].captured == "true"
    assert facts["open_weights"].value is False
    assert facts["tool_call"].value is True
    assert facts["structured_output"].value is True
    assert facts["tool_call"].cited_url == "https://platform.openai.com/docs/models"


def test_attachment_yields_no_vision() -> None:
    fields = {o.field for o in _observations()}

    assert "vision" not in fields


def test_zero_limit_is_not_stated() -> None:
    glm = _facts("zai-coding-plan", "glm-4.6")
    qwen = _facts("lmstudio", "qwen/qwen3-coder-30b")

    assert glm["context_window"].value == 204800
    assert "max_output_tokens" not in glm
    assert "context_window" not in qwen
    assert qwen["max_output_tokens"].value == 65536
    assert glm["knowledge_cutoff"].value == "2025-04"
    assert glm["structured_output"].value is False


def test_model_without_cost_has_only_facts() -> None:
    assert _of("lmstudio", "qwen/qwen3-coder-30b") == []
    assert len(_of("lmstudio", "qwen/qwen3-coder-30b", "fact")) == 8


def test_stated_at_from_file_name() -> None:
    parsed = COLLECTOR.parse(document_from(FIXTURE, "models-dev"))

    assert parsed.stated_at == datetime(2026, 6, 13, tzinfo=UTC)


def test_every_rate_key_has_dimension() -> None:
    assert set(Rates.model_fields) == set(RATE_DIMENSIONS)
    for dimension in RATE_DIMENSIONS.values():
        assert get_dimension(dimension).key == dimension


def test_collector_is_registered() -> None:
    assert isinstance(select_collectors(["models-dev"])[0], ModelsDevCollector)


def test_unknown_cost_key_is_rejected() -> None:
    with pytest.raises(SourceFormatError) as error:
        _parse_edited(
            '"cost": {"cache_read": 0.02,', '"cost": {"per_minute": 0.006, "cache_read": 0.02,'
        )

    message = str(error.value)
    assert "api.json" in message
    assert '["openai"]["models"]["gpt-5.4-nano"]["cost"]["per_minute"]' in message
    assert "'0.006'" in message


def test_quoted_price_is_rejected() -> None:
    with pytest.raises(SourceFormatError) as error:
        _parse_edited('"input": 0.2,', '"input": "0.2",')

    message = str(error.value)
    assert '["openai"]["models"]["gpt-5.4-nano"]["cost"]["input"]' in message
    assert "expected a JSON number" in message
    assert "'0.2'" in message


def test_negative_price_is_rejected() -> None:
    with pytest.raises(SourceFormatError) as error:
        _parse_edited('"output": 1.25', '"output": -1.25')

    assert '["gpt-5.4-nano"]["cost"]["output"]' in str(error.value)
    assert "'-1.25'" in str(error.value)


def test_unknown_tier_type_is_rejected() -> None:
    with pytest.raises(SourceFormatError) as error:
        _parse_edited('"size": 272000, "type": "context"', '"size": 272000, "type": "requests"')

    message = str(error.value)
    assert '["gpt-5.4"]["cost"]["tiers"][0]["tier"]["type"]' in message
    assert "'requests'" in message


def test_duplicate_tier_size_is_rejected() -> None:
    with pytest.raises(SourceFormatError) as error:
        _parse_edited('"size": 128000', '"size": 32000')

    message = str(error.value)
    assert '["doubao-seed-2-0-pro"]["cost"]["tiers"][1]["tier"]["size"]' in message
    assert "32000" in message


def test_legacy_key_without_matching_tier_is_rejected() -> None:
    with pytest.raises(SourceFormatError) as error:
        _parse_edited(
            '"context_over_200k": {"cache_read": 0.5, "input": 5,',
            '"context_over_200k": {"cache_read": 0.5, "input": 4,',
        )

    message = str(error.value)
    assert '["openai"]["models"]["gpt-5.4"]["cost"]["context_over_200k"]' in message
    assert "'input': '4'" in message


def test_unknown_mode_is_rejected() -> None:
    with pytest.raises(SourceFormatError) as error:
        _parse_edited(
            '"fast": {\n              "cost": {"cache_read": 3',
            '"turbo": {\n              "cost": {"cache_read": 3',
        )

    message = str(error.value)
    assert '["claude-opus-4-6"]["experimental"]["modes"]["turbo"]' in message
    assert "'turbo'" in message


def test_unknown_service_tier_is_rejected() -> None:
    with pytest.raises(SourceFormatError) as error:
        _parse_edited('"service_tier": "priority"', '"service_tier": "auto"')

    assert '["modes"]["fast"]["provider"]["body"]["service_tier"]' in str(error.value)
    assert "'auto'" in str(error.value)


def test_invalid_date_is_rejected() -> None:
    with pytest.raises(SourceFormatError) as error:
        _parse_edited('"knowledge": "2025-04"', '"knowledge": "April 2025"')

    assert '["zai-coding-plan"]["models"]["glm-4.6"]["knowledge"]' in str(error.value)
    assert "'April 2025'" in str(error.value)


def test_unknown_model_key_is_rejected() -> None:
    with pytest.raises(SourceFormatError) as error:
        _parse_edited('"family": "glm",', '"family": "glm", "deprecated_at": "2026-01-01",')

    assert '["glm-4.6"]["deprecated_at"]' in str(error.value)


# The real snapshot is 4 MB, so it is collected once for the checks below.
@pytest.fixture(scope="module")
def snapshot_outcome(mirror_dir: Path) -> SourceOutcome:
    return collect_source(COLLECTOR, mirror_dir, None)


@pytest.fixture(scope="module")
def snapshot(snapshot_outcome: SourceOutcome) -> list[NormalizedObservation]:
    return [o for d in snapshot_outcome.documents for o in d.observations]


def _snapshot_of(
    snapshot: list[NormalizedObservation], seller: str, model: str, kind: str
) -> dict[tuple[str, str], NormalizedObservation]:
    return {
        (o.observation.field, o.conditions_key): o
        for o in snapshot
        if o.observation.upstream_seller == seller
        and o.observation.upstream_model_id == model
        and o.observation.kind == kind
    }


def test_snapshot_collects_without_error(snapshot_outcome: SourceOutcome) -> None:
    assert snapshot_outcome.error is None
    assert len(snapshot_outcome.documents) == 1
    assert snapshot_outcome.documents[0].document.mirror_path is not None
    assert snapshot_outcome.documents[0].document.mirror_path.name == SNAPSHOT
    assert snapshot_outcome.documents[0].stated_at == datetime(2026, 6, 13, tzinfo=UTC)


def test_snapshot_counts(snapshot: list[NormalizedObservation]) -> None:
    sellers = {o.observation.upstream_seller for o in snapshot}
    models = {(o.observation.upstream_seller, o.observation.upstream_model_id) for o in snapshot}
    priced = {
        (o.observation.upstream_seller, o.observation.upstream_model_id)
        for o in snapshot
        if o.observation.kind == "price"
    }

    # Counted in the file: 145 providers and 5,258 models. 4,886 models have a cost block, and
    # 5 more (3 of anyapi, 2 of snowflake-cortex) are priced only in an experimental mode.
    assert len(sellers) == 145
    assert len(models) == 5258
    assert len(priced) == 4886 + 5


def test_snapshot_gpt_5_4_nano(snapshot: list[NormalizedObservation]) -> None:
    prices = _snapshot_of(snapshot, "openai", "gpt-5.4-nano", "price")
    facts = _snapshot_of(snapshot, "openai", "gpt-5.4-nano", "fact")

    assert {key: o.amount_published for key, o in prices.items()} == {
        ("input", ""): Decimal("0.2"),
        ("output", ""): Decimal("1.25"),
        ("cache_read", ""): Decimal("0.02"),
    }
    assert facts[("context_window", "")].observation.value == 400000
    assert {o.model_id for o in prices.values()} == {"openai/gpt-5.4-nano"}
    assert {o.seller for o in prices.values()} == {"openai"}


def test_snapshot_gpt_5_4_tier(snapshot: list[NormalizedObservation]) -> None:
    prices = _snapshot_of(snapshot, "openai", "gpt-5.4", "price")

    assert prices[("input", "")].amount_published == Decimal("2.5")
    assert prices[("input", "prompt>272000")].amount_published == Decimal(5)
    assert prices[("output", "prompt>272000")].amount_published == Decimal("22.5")
    assert prices[("cache_read", "prompt>272000")].amount_published == Decimal("0.5")
    assert prices[("output", "tier=priority")].amount_published == Decimal(30)
    assert ("input", "prompt>200000") not in prices


def test_snapshot_gemini_2_5_pro_tier(snapshot: list[NormalizedObservation]) -> None:
    prices = _snapshot_of(snapshot, "google", "gemini-2.5-pro", "price")

    assert prices[("input", "")].amount_published == Decimal("1.25")
    assert prices[("input", "prompt>200000")].amount_published == Decimal("2.5")
    assert prices[("output", "prompt>200000")].amount_published == Decimal(15)
    assert prices[("cache_read", "prompt>200000")].amount_published == Decimal("0.25")


def test_snapshot_doubao_two_tiers(snapshot: list[NormalizedObservation]) -> None:
    prices = _snapshot_of(snapshot, "aihubmix", "doubao-seed-2-0-pro", "price")

    assert prices[("input", "prompt>32000")].amount_published == Decimal("0.72")
    assert prices[("input", "prompt>128000")].amount_published == Decimal("1.45")
    assert prices[("cache_read", "prompt>32000")].amount_published == Decimal("0.144656")


def test_snapshot_opus_fast_mode(snapshot: list[NormalizedObservation]) -> None:
    prices = _snapshot_of(snapshot, "anthropic", "claude-opus-4-6", "price")

    assert prices[("input", "tier=fast")].amount_published == Decimal(30)
    assert prices[("output", "tier=fast")].amount_published == Decimal(150)
    assert prices[("cache_write", "")].amount_published == Decimal("6.25")


def _broken_copy(mirror_dir: Path, tmp_path: Path, old: str, new: str) -> Path:
    copy = tmp_path / "mirror" / "models.dev-api-snapshots"
    copy.mkdir(parents=True)
    text = (mirror_dir / "models.dev-api-snapshots" / SNAPSHOT).read_text()
    assert old in text
    (copy / SNAPSHOT).write_text(text.replace(old, new, 1))
    return tmp_path / "mirror"


def test_truncated_snapshot_fails_run(mirror_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "mirror" / "models.dev-api-snapshots"
    copy.mkdir(parents=True)
    source = mirror_dir / "models.dev-api-snapshots" / SNAPSHOT
    (copy / SNAPSHOT).write_bytes(source.read_bytes()[:100_000])

    outcome = collect_source(COLLECTOR, tmp_path / "mirror", None)

    assert outcome.error is not None
    assert SNAPSHOT in outcome.error
    assert "valid JSON" in outcome.error
    assert outcome.documents == []


def test_changed_tier_shape_fails_run(mirror_dir: Path, tmp_path: Path) -> None:
    mirror = _broken_copy(mirror_dir, tmp_path, '"type": "context"', '"type": "requests"')

    outcome = collect_source(COLLECTOR, mirror, None)

    assert outcome.error is not None
    assert SNAPSHOT in outcome.error
    assert '["302ai"]["models"]["claude-opus-4-7"]["cost"]["tiers"][0]["tier"]["type"]' in (
        outcome.error
    )
    assert "'requests'" in outcome.error
    assert outcome.documents == []


def test_unknown_cost_key_fails_run(mirror_dir: Path, tmp_path: Path) -> None:
    mirror = _broken_copy(mirror_dir, tmp_path, '"cost": {', '"cost": {\n "per_minute": 0.006,')

    outcome = collect_source(COLLECTOR, mirror, None)

    assert outcome.error is not None
    assert SNAPSHOT in outcome.error
    assert '["cost"]["per_minute"]' in outcome.error
    assert "'0.006'" in outcome.error
    assert outcome.documents == []


def test_missing_snapshot_fails_run(tmp_path: Path) -> None:
    outcome = collect_source(COLLECTOR, tmp_path, None)

    assert outcome.error is not None
    assert "models-dev*.json" in outcome.error
    assert outcome.documents == []
