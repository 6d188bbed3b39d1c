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


MORE_CASES = [
    ("azure/eu/gpt-4o-2024-08-06", "azure", "openai/gpt-4o"),
    ("regional.anthropic.claude-3-haiku-20240307-v1:0", "aws-bedrock", "anthropic/claude-3-haiku"),
    ("anthropic.claude-haiku-4-5@20251001", "aws-bedrock", "anthropic/claude-haiku-4.5"),
    ("anthropic-claude-3.5-haiku", "digitalocean", "anthropic/claude-3.5-haiku"),
    ("anthropic--claude-3-haiku", "sap-ai-core", "anthropic/claude-3-haiku"),
    ("databricks/databricks-claude-3-7-sonnet", "databricks", "anthropic/claude-3.7-sonnet"),
    ("workers-ai/@cf/baai/bge-m3", "cloudflare-workers-ai", "baai/bge-m3"),
    ("TEE/deepseek-v3.2", "chutes", "deepseek/deepseek-v3.2"),
    ("mistral-ai/codestral-2501", "github-models", "mistral/codestral-2501"),
    ("vertex_ai/chirp", "google-vertex", "google/chirp"),
    ("deepseek-chat", "deepseek", "deepseek/deepseek-chat"),
    ("qwen-2-72b", "groq", "qwen/qwen-2-72b"),
    ("mistral-large", "mistral", "mistral/mistral-large"),
    ("alibaba-qwen3-32b", "digitalocean", "qwen/qwen3-32b"),
    ("gpt-5.4-nano", "openai", "openai/gpt-5.4-nano"),
]


@pytest.mark.parametrize(("upstream", "seller", "expected"), MORE_CASES)
def test_prefixes_and_regions_dropped(upstream: str, seller: str, expected: str) -> None:
    assert canonical_name(upstream, seller).model_id == expected


# Upstream ids below are keys of litellm/model_prices_and_context_window.2026-07-24.json and
# genai-prices/prices/providers/aws.yml unless a comment names another source.
REGION_CASES = [
    # upstream id, seller slug, canonical id, region
    ("azure/gpt-5.1", "azure", "openai/gpt-5.1", None),
    ("azure/global/gpt-5.1", "azure", "openai/gpt-5.1", None),
    ("azure/eu/gpt-5.1", "azure", "openai/gpt-5.1", "eu"),
    ("azure/us/gpt-5.1", "azure", "openai/gpt-5.1", "us"),
    ("azure/global-standard/gpt-4o-mini", "azure", "openai/gpt-4o-mini", None),
    ("amazon.nova-2-lite-v1:0", "aws-bedrock", "amazon/nova-2-lite", None),
    ("global.amazon.nova-2-lite-v1:0", "aws-bedrock", "amazon/nova-2-lite", None),
    ("us.amazon.nova-2-lite-v1:0", "aws-bedrock", "amazon/nova-2-lite", "us"),
    ("eu.amazon.nova-2-lite-v1:0", "aws-bedrock", "amazon/nova-2-lite", "eu"),
    ("apac.amazon.nova-2-lite-v1:0", "aws-bedrock", "amazon/nova-2-lite", "apac"),
    ("regional.amazon.nova-2-lite-v1:0", "aws-bedrock", "amazon/nova-2-lite", "regional"),
    (
        "us-gov.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "aws-bedrock",
        "anthropic/claude-sonnet-4.5",
        "us-gov",
    ),
    (
        "bedrock/us-east-1/meta.llama3-8b-instruct-v1:0",
        "aws-bedrock",
        "meta/llama3-8b-instruct",
        "us-east-1",
    ),
    (
        "bedrock/ap-northeast-1/anthropic.claude-v1",
        "aws-bedrock",
        "anthropic/claude",
        "ap-northeast-1",
    ),
]


@pytest.mark.parametrize(("upstream", "seller", "expected", "region"), REGION_CASES)
def test_region_prefix_becomes_region(
    upstream: str, seller: str, expected: str, region: str | None
) -> None:
    name = canonical_name(upstream, seller)

    assert name.model_id == expected
    assert name.region == region


NOT_BEDROCK_CASES = [
    # A dot and a `-vN` suffix without a known vendor or a region prefix: not a Bedrock id.
    (
        "nvidia_nim/ranking/nvidia/llama-3.2-nv-rerankqa-1b-v2",
        "nvidia",
        "nvidia/llama-3.2-nv-rerankqa-1b-v2",
    ),
    ("claude-3.5-sonnet-v2", "helicone", "anthropic/claude-3.5-sonnet-v2"),  # models.dev
    ("Qwen3.5-27B-Musica-v1", "nano-gpt", "qwen/qwen3.5-27b-musica-v1"),  # models.dev
    ("GLM-4.6-Derestricted-v5", "nano-gpt", "zhipu/glm-4.6-derestricted-v5"),  # models.dev
    # Bedrock vendors that are not creators in the registry still make Bedrock ids.
    ("writer.palmyra-x4-v1:0", "aws-bedrock", "writer/palmyra-x4"),
    ("twelvelabs.pegasus-1-2-v1:0", "aws-bedrock", "twelvelabs/pegasus-1.2"),
    ("luma.ray-v2:0", "aws-bedrock", "luma/ray-v2"),
]


@pytest.mark.parametrize(("upstream", "seller", "expected"), NOT_BEDROCK_CASES)
def test_bedrock_id_needs_known_vendor(upstream: str, seller: str, expected: str) -> None:
    assert canonical_name(upstream, seller).model_id == expected


BEDROCK_VERSION_CASES = [
    # The first version is dropped and later ones are kept.
    ("amazon.titan-embed-text-v1", "aws-bedrock", "amazon/titan-embed-text"),
    ("amazon.titan-embed-text-v2:0", "aws-bedrock", "amazon/titan-embed-text-v2"),
    ("anthropic.claude-3-5-sonnet-20240620-v1:0", "aws-bedrock", "anthropic/claude-3.5-sonnet"),
    ("anthropic.claude-3-5-sonnet-20241022-v2:0", "aws-bedrock", "anthropic/claude-3.5-sonnet-v2"),
    ("openai.gpt-oss-120b-1:0", "aws-bedrock", "openai/gpt-oss-120b"),
    # A revision after a kept version is its minor version. A `:0` revision alone is dropped.
    ("mistral.mistral-7b-instruct-v0:2", "aws-bedrock", "mistral/mistral-7b-instruct-v0.2"),
    ("mistral-7b-instruct-v0.2", "openrouter", "mistral/mistral-7b-instruct-v0.2"),  # genai-prices
    ("nvidia.nemotron-nano-3-30b:0", "aws-bedrock", "nvidia/nemotron-nano-3-30b"),
    # A Bedrock version without the vendor prefix.
    (
        "bedrock/us-gov-east-1/claude-sonnet-4-5-20250929-v1:0",
        "aws-bedrock",
        "anthropic/claude-sonnet-4.5",
    ),
]


@pytest.mark.parametrize(("upstream", "seller", "expected"), BEDROCK_VERSION_CASES)
def test_bedrock_first_version_dropped(upstream: str, seller: str, expected: str) -> None:
    assert canonical_name(upstream, seller).model_id == expected


def test_claude_3_5_sonnet_v2_names() -> None:
    bedrock = canonical_name("anthropic.claude-3-5-sonnet-20241022-v2:0", "aws-bedrock")
    vertex = canonical_name("vertex_ai/claude-3-5-sonnet-v2@20241022", "google-vertex")
    anthropic = canonical_name("claude-3-5-sonnet-20241022", "anthropic")

    assert bedrock.model_id == "anthropic/claude-3.5-sonnet-v2"
    assert bedrock.dated_model_id == "anthropic/claude-3.5-sonnet-20241022-v2"
    assert vertex.model_id == "anthropic/claude-3.5-sonnet-v2"
    # Anthropic's own id for the same snapshot falls onto the base model by its date.
    assert anthropic.model_id == "anthropic/claude-3.5-sonnet"


SELLER_NAMESPACE_CASES = [
    # A leading namespace that is the seller: the name pattern, else the seller, is the creator.
    ("tencent/deepseek-v4-flash", "tencent", "deepseek/deepseek-v4-flash"),
    ("perplexity/llama-3.1-70b-instruct", "perplexity", "meta/llama-3.1-70b-instruct"),
    ("perplexity/mixtral-8x7b-instruct", "perplexity", "mistral/mixtral-8x7b-instruct"),
    ("perplexity/sonar-pro", "perplexity", "perplexity/sonar-pro"),
    ("perplexity/preset/pro-search", "perplexity", "perplexity/pro-search"),
    # A creator namespace after the seller's prefix still names the creator.
    ("nvidia_nim/meta/llama3-70b-instruct", "nvidia", "meta/llama3-70b-instruct"),
    # Name patterns that the seller fallback depends on are specific to their creator.
    ("deepgram/nova-2", "deepgram", "deepgram/nova-2"),
    ("voyage/rerank-2", "voyage", "voyage/rerank-2"),
    ("rerank-v3.5", "cohere", "cohere/rerank-v3.5"),
    ("nvidia/rerank-qa-mistral-4b", "nvidia", "nvidia/rerank-qa-mistral-4b"),  # models.dev
    ("llama-3.1-nemotron-70b-instruct", "openrouter", "nvidia/llama-3.1-nemotron-70b-instruct"),
]


@pytest.mark.parametrize(("upstream", "seller", "expected"), SELLER_NAMESPACE_CASES)
def test_seller_namespace_not_creator(upstream: str, seller: str, expected: str) -> None:
    assert canonical_name(upstream, seller).model_id == expected


ONE_MODEL_CASES = [
    # Claude 4 and later: `claude-<family>-<version>`, with a `.0` minor version dropped.
    ("claude-4.5-haiku", "anthropic", "anthropic/claude-haiku-4.5"),  # llm-prices
    ("claude-haiku-4-5", "anthropic", "anthropic/claude-haiku-4.5"),
    ("claude-sonnet-4-0", "anthropic", "anthropic/claude-sonnet-4"),  # genai-prices
    ("claude-4.0-sonnet", "qiniu-ai", "anthropic/claude-sonnet-4"),  # models.dev
    ("claude-4-sonnet-20250514", "anthropic", "anthropic/claude-sonnet-4"),
    ("claude-opus4-5", "cortecs", "anthropic/claude-opus-4.5"),  # models.dev
    # Claude 3: `claude-<version>-<family>`.
    ("anthropic/claude-haiku-3", "poe", "anthropic/claude-3-haiku"),  # models.dev
    ("anthropic/claude-sonnet-3.7", "poe", "anthropic/claude-3.7-sonnet"),  # models.dev
    ("claude-3-haiku-20240307", "anthropic", "anthropic/claude-3-haiku"),
    # Amazon's names drop its first version `-v1`.
    ("amazon-nova/nova-lite-v1", "amazon", "amazon/nova-lite"),
    ("amazon/nova-lite-v1", "openrouter", "amazon/nova-lite"),  # genai-prices
    ("amazon.nova-lite-v1:0", "aws-bedrock", "amazon/nova-lite"),
]


@pytest.mark.parametrize(("upstream", "seller", "expected"), ONE_MODEL_CASES)
def test_spellings_fall_onto_one_model(upstream: str, seller: str, expected: str) -> None:
    assert canonical_name(upstream, seller).model_id == expected


def test_numeric_suffix_is_variant() -> None:
    # models.dev's nano-gpt provider: `claude-sonnet-4-thinking:1024`, a thinking budget.
    thinking = canonical_name("claude-sonnet-4-thinking:1024", "nano-gpt")
    # Bedrock's `-v2:1` is Claude 2.1, a version rather than a variant.
    claude_2_1 = canonical_name("anthropic.claude-v2:1", "aws-bedrock")

    assert thinking.model_id == "anthropic/claude-sonnet-4-thinking"
    assert thinking.variant == "1024"
    assert claude_2_1.model_id == "anthropic/claude-v2.1"
    assert claude_2_1.variant == ""


@pytest.mark.parametrize("upstream", ["", "/", ":", ":free", "   ", "azure/:free"])
def test_empty_id_is_rejected(upstream: str) -> None:
    with pytest.raises(ValueError, match="invalid model id") as error:
        canonical_name(upstream, "litellm")

    assert repr(upstream) in str(error.value)
