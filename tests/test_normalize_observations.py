"""Normalisation of one source's observations: the modality vocabulary.

Facts are models.dev's from models.dev-api-snapshots/models-dev.2026-06-13.json, under the keys
each test names.
"""

from harga.domain.observation import FactValue, Observation, fact
from harga.normalize.observations import normalize


def _fact(upstream_id: str, key: str, value: FactValue, seller: str = "anthropic") -> Observation:
    return fact("models-dev", upstream_id, seller, key, repr(value), value, f"{upstream_id} {key}")


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
