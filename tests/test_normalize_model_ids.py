"""Canonical model ids from the spellings that sources use."""

import pytest

from harga.normalize.model_ids import canonical_name

CASES = [
    # upstream id, seller slug, canonical id, variant
    ("gpt-5.4-nano", "openai", "openai/gpt-5.4-nano", ""),
    ("gpt-5.4-nano-2026-03-17", "openai", "openai/gpt-5.4-nano", ""),
    ("openai/gpt-5.4-nano", "openrouter", "openai/gpt-5.4-nano", ""),
    ("gpt-5-4-nano", "openai", "openai/gpt-5.4-nano", ""),
    ("azure/gpt-5.4-nano", "azure", "openai/gpt-5.4-nano", ""),
    ("claude-sonnet-4-5-20250929", "anthropic", "anthropic/claude-sonnet-4.5", ""),
    ("anthropic/claude-sonnet-4.5", "openrouter", "anthropic/claude-sonnet-4.5", ""),
    (
        "us.anthropic.claude-3-5-sonnet-20240620-v1:0",
        "aws-bedrock",
        "anthropic/claude-3.5-sonnet",
        "",
    ),
    ("vertex_ai/claude-3-5-sonnet@20240620", "google-vertex", "anthropic/claude-3.5-sonnet", ""),
    ("meta-llama/llama-3.3-70b-instruct:free", "openrouter", "meta/llama-3.3-70b-instruct", "free"),
    ("amazon.nova-pro-v1:0", "aws-bedrock", "amazon/nova-pro", ""),
    (
        "fireworks_ai/accounts/fireworks/models/llama-v3p1-405b-instruct",
        "fireworks",
        "meta/llama-v3p1-405b-instruct",
        "",
    ),
    (
        "together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo",
        "together",
        "meta/llama-3.3-70b-instruct-turbo",
        "",
    ),
    ("qwen-2-72b", "groq", "qwen/qwen-2-72b", ""),
    ("deepseek-v3-0324", "deepseek", "deepseek/deepseek-v3-0324", ""),
    ("nex-agi/DeepSeek-V3.1-Nex-N1", "siliconflow", "nex-agi/deepseek-v3.1-nex-n1", ""),
    ("custom", "llmgateway", "llmgateway/custom", ""),
]


@pytest.mark.parametrize(("upstream", "seller", "expected", "variant"), CASES)
def test_canonical_name(upstream: str, seller: str, expected: str, variant: str) -> None:
    name = canonical_name(upstream, seller)

    assert name.model_id == expected
    assert name.variant == variant


def test_dated_name_kept_for_splitting() -> None:
    name = canonical_name("gpt-4o-2024-05-13", "openai")

    assert name.model_id == "openai/gpt-4o"
    assert name.dated_model_id == "openai/gpt-4o-2024-05-13"
