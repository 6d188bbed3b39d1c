"""The llm-prices collector on a fixture, on the real mirror files and on broken copies."""

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from harga.collectors.base import SourceFormatError
from harga.collectors.llm_prices import LlmPricesCollector
from harga.domain.conditions import Conditions
from harga.domain.money import SourceUnit
from harga.domain.states import PriceState
from harga.normalize.observations import normalize
from harga.pipeline.collect import collect_source
from tests.helpers import FIXTURES, document_from, document_of

COLLECTOR = LlmPricesCollector()


def _observations(name: str = "openai.json"):
    document = document_from(FIXTURES / "llm_prices" / name, "llm-prices")
    return COLLECTOR.parse(document).observations


def test_prices_keep_literal_and_unit() -> None:
    nano = [o for o in _observations() if o.upstream_model_id == "gpt-5.4-nano"]
    by_field = {o.field: o for o in nano if o.kind == "price"}

    assert by_field["input"].amount == Decimal("0.2")
    assert by_field["input"].captured == "0.2"
    assert by_field["input"].source_unit is SourceUnit.PER_MTOK
    assert by_field["output"].amount == Decimal("1.25")
    assert by_field["cache_read"].amount == Decimal("0.02")
    assert (
        by_field["cache_read"].excerpt
        == '"gpt-5.4-nano" › "price_history" › "0" › "input_cached": 0.02'
    )


def test_history_dates_become_conditions() -> None:
    o3_input = [o for o in _observations() if o.upstream_model_id == "o3" and o.field == "input"]
    conditions = sorted((o.conditions.key(), o.amount) for o in o3_input)

    assert conditions == [("from=2025-06-10", Decimal(2)), ("to=2025-06-10", Decimal(10))]
    assert Conditions.from_json(o3_input[0].conditions.to_json()) == o3_input[0].conditions


def test_null_cached_price_is_not_offered() -> None:
    cached = [
        o
        for o in _observations()
        if o.upstream_model_id == "o3" and o.field == "cache_read" and o.conditions.effective_to
    ]

    assert len(cached) == 1
    assert cached[0].state is PriceState.NOT_OFFERED
    assert cached[0].amount is None
    assert cached[0].captured == "null"


def test_quoted_price_is_rejected() -> None:
    text = (
        (FIXTURES / "llm_prices" / "openai.json")
        .read_text()
        .replace('"input": 0.2', '"input": "0.2"')
    )

    with pytest.raises(SourceFormatError) as error:
        COLLECTOR.parse(document_of(text.encode(), "llm-prices", "openai.json"))

    assert "openai.json" in str(error.value)
    assert '["models"][0]["price_history"][0]["input"]' in str(error.value)
    assert "'0.2'" in str(error.value)


def test_long_context_tier_prices_base_model() -> None:
    observations = _observations("anthropic_tiers.json")
    tier = [o for o in observations if "claude-sonnet-4.5-200k" in o.excerpt]
    prices = {o.field: o for o in tier}

    assert {o.upstream_model_id for o in tier} == {"claude-sonnet-4.5"}
    assert {o.conditions.key() for o in tier} == {"prompt>200000"}
    assert prices["input"].amount == Decimal(6)
    assert prices["output"].amount == Decimal("22.5")
    assert prices["cache_read"].state is PriceState.NOT_OFFERED
    assert (
        prices["input"].excerpt == '"claude-sonnet-4.5-200k" › "price_history" › "0" › "input": 6'
    )


def test_long_context_tier_name_not_recorded() -> None:
    names = {
        o.upstream_model_id: o.value
        for o in _observations("anthropic_tiers.json")
        if o.kind == "fact"
    }

    assert names == {
        "claude-sonnet-4.5": "Claude Sonnet 4 and 4.5 ≤200k",
        "gpt-4-32k": "GPT-4 32k",
    }


def test_size_in_id_without_tier_name_is_model() -> None:
    # `gpt-4-32k` is a 32k-context model: its name does not say `>32k`.
    gpt_4_32k = [o for o in _observations("anthropic_tiers.json") if "gpt-4-32k" in o.excerpt]

    assert {o.upstream_model_id for o in gpt_4_32k} == {"gpt-4-32k"}
    assert {o.conditions.key() for o in gpt_4_32k} == {""}


def test_tier_without_base_is_rejected() -> None:
    document = document_from(FIXTURES / "llm_prices" / "tier_without_base.json", "llm-prices")

    with pytest.raises(SourceFormatError) as error:
        COLLECTOR.parse(document)

    assert "tier_without_base.json" in str(error.value)
    assert "$.models[1].id" in str(error.value)
    assert "'grok-4-fast-128k'" in str(error.value)
    assert "-128k" in str(error.value)


def test_mirror_long_context_tier(mirror_dir: Path) -> None:
    # llm-prices/data/anthropic.json: $.models[6] is claude-sonnet-4.5 ("... ≤200k") at 3 and
    # 15, and $.models[7] is claude-sonnet-4.5-200k ("... >200k") at 6 and 22.5.
    document = document_from(mirror_dir / "llm-prices" / "data" / "anthropic.json", "llm-prices")
    sonnet = [
        o
        for o in normalize(COLLECTOR.parse(document).observations)
        if o.model_id == "anthropic/claude-sonnet-4.5"
    ]
    prices = {(o.observation.field, o.conditions_key): o.amount_published for o in sonnet}
    names = [o.observation.value for o in sonnet if o.observation.field == "name"]

    assert prices[("input", "")] == Decimal(3)
    assert prices[("output", "")] == Decimal(15)
    assert prices[("input", "prompt>200000")] == Decimal(6)
    assert prices[("output", "prompt>200000")] == Decimal("22.5")
    assert names == ["Claude Sonnet 4 and 4.5 ≤200k"]


def test_mirror_files_parse(mirror_dir: Path) -> None:
    outcome = collect_source(COLLECTOR, mirror_dir, None)

    assert outcome.error is None
    models = {o.model_id for d in outcome.documents for o in d.observations}
    # Counted in the 11 vendor files: 142 entries, of which 25 are long-context tiers named
    # `>Nk`, and `grok-4-fast` appears twice in xai.json.
    assert len(models) == 142 - 25 - 1
    assert not any(m.endswith(("-128k", "-200k", "-256k", "-272k")) for m in models)
    nano = [
        o
        for d in outcome.documents
        for o in d.observations
        if o.model_id == "openai/gpt-5.4-nano" and o.observation.kind == "price"
    ]
    assert {o.observation.field: o.amount_published for o in nano} == {
        "input": Decimal("0.2"),
        "output": Decimal("1.25"),
        "cache_read": Decimal("0.02"),
    }


def test_truncated_mirror_file_fails_run(mirror_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "mirror"
    shutil.copytree(mirror_dir / "llm-prices", copy / "llm-prices")
    target = copy / "llm-prices" / "data" / "openai.json"
    target.write_bytes(target.read_bytes()[:500])

    outcome = collect_source(COLLECTOR, copy, None)

    assert outcome.error is not None
    assert "openai.json" in outcome.error
    assert "valid JSON" in outcome.error
    assert outcome.documents == []


def test_empty_model_id_fails_run(mirror_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "mirror"
    shutil.copytree(mirror_dir / "llm-prices", copy / "llm-prices")
    target = copy / "llm-prices" / "data" / "openai.json"
    target.write_text(target.read_text().replace('"id": "gpt-5.4-nano"', '"id": ""', 1))

    outcome = collect_source(COLLECTOR, copy, None)

    assert outcome.error is not None
    assert "openai.json" in outcome.error
    assert 'at "" › "name": "GPT-5.4 Nano"' in outcome.error
    assert "invalid model id ''" in outcome.error
    assert outcome.documents == []
