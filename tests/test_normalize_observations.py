"""Normalisation of one source's observations: regions, modalities, snapshots and bad ids.

Prices are LiteLLM's `input_cost_per_token` from
litellm/model_prices_and_context_window.2026-07-24.json, and facts are models.dev's from
models.dev-api-snapshots/models-dev.2026-06-13.json, under the keys each test names.
"""

from dataclasses import replace
from decimal import Decimal

import pytest

from harga.domain.conditions import Conditions
from harga.domain.money import SourceUnit
from harga.domain.observation import FactValue, Observation, fact, price
from harga.normalize.observations import NormalizationError, normalize


def _input(upstream_id: str, literal: str, seller: str = "azure") -> Observation:
    return price(
        "litellm",
        upstream_id,
        seller,
        "input",
        literal,
        Decimal(literal),
        SourceUnit.PER_TOKEN,
        f'"{upstream_id}" › "input_cost_per_token": {literal}',
    )


def _fact(upstream_id: str, key: str, value: FactValue, seller: str = "anthropic") -> Observation:
    return fact("models-dev", upstream_id, seller, key, repr(value), value, f"{upstream_id} {key}")


def test_region_becomes_condition() -> None:
    plain, eu = normalize(
        [_input("azure/gpt-5.1", "1.25e-06"), _input("azure/eu/gpt-5.1", "1.38e-06")]
    )

    assert plain.model_id == "openai/gpt-5.1"
    assert eu.model_id == "openai/gpt-5.1"
    assert plain.conditions_key == ""
    assert eu.conditions_key == "region=eu"
    assert eu.observation.conditions.region == "eu"
    assert eu.amount_published == Decimal("1.38")


def test_global_prefix_has_no_region() -> None:
    (result,) = normalize([_input("global.amazon.nova-2-lite-v1:0", "3e-07", "bedrock_converse")])

    assert result.model_id == "amazon/nova-2-lite"
    assert result.conditions_key == ""


def test_regional_price_does_not_split_snapshot() -> None:
    # Two dated ids of one snapshot that differ only by region are one model.
    results = normalize(
        [
            _input("azure/global/gpt-4o-2024-08-06", "2.5e-06"),
            _input("azure/eu/gpt-4o-2024-08-06", "2.75e-06"),
        ]
    )

    assert [r.model_id for r in results] == ["openai/gpt-4o", "openai/gpt-4o"]
    assert [r.conditions_key for r in results] == ["", "region=eu"]


def test_region_conflicting_with_collector_is_rejected() -> None:
    stated = _input("azure/eu/gpt-5.1", "1.38e-06")
    conflicting = replace(stated, conditions=Conditions(region="us"))

    with pytest.raises(NormalizationError) as error:
        normalize([conflicting])

    assert "'eu'" in str(error.value)
    assert "'us'" in str(error.value)


@pytest.mark.parametrize("upstream", ["", "/", ":", ":free", "   "])
def test_empty_id_is_normalization_error(upstream: str) -> None:
    observation = _input(upstream, "1e-06", "openai")

    with pytest.raises(NormalizationError) as error:
        normalize([observation])

    assert error.value.observation is observation
    assert f"invalid model id {upstream!r}" in str(error.value)
    assert "input_cost_per_token" in str(error.value)


def test_modalities_use_one_vocabulary() -> None:
    # providers.anthropic.models["claude-opus-4-20250514"].modalities.input is
    # ["text", "image", "pdf"], and OpenRouter writes `file` for the same document input.
    stated = _fact("claude-opus-4-20250514", "input_modalities", ("text", "image", "pdf"))
    # Made up to check the rule: both spellings in one list become one `file`.
    both = _fact("claude-opus-4-1", "input_modalities", ("pdf", "text", "file"))

    first, second = normalize([stated, both])

    assert first.observation.value == ("text", "image", "file")
    assert second.observation.value == ("file", "text")
    assert first.observation.captured == stated.captured


def test_other_facts_keep_their_values() -> None:
    (result,) = normalize([_fact("claude-opus-4-20250514", "output_modalities", ("text",))])

    assert result.observation.value == ("text",)


def test_names_do_not_split_snapshot() -> None:
    # providers.anthropic.models: `claude-opus-4-0` is named "Claude Opus 4 (latest)" and
    # `claude-opus-4-20250514` "Claude Opus 4". Both have limit.context 200000.
    results = normalize(
        [
            _fact("claude-opus-4-0", "name", "Claude Opus 4 (latest)"),
            _fact("claude-opus-4-20250514", "name", "Claude Opus 4"),
            _fact("claude-opus-4-0", "context_window", 200000),
            _fact("claude-opus-4-20250514", "context_window", 200000),
        ]
    )

    assert {r.model_id for r in results} == {"anthropic/claude-opus-4"}


def test_differing_fact_still_splits_snapshot() -> None:
    # The rule itself: a dated id whose value differs from its base's keeps its own id.
    results = normalize(
        [
            _fact("claude-opus-4-0", "context_window", 200000),
            _fact("claude-opus-4-20250514", "context_window", 100000),
        ]
    )

    assert [r.model_id for r in results] == [
        "anthropic/claude-opus-4",
        "anthropic/claude-opus-4-20250514",
    ]
