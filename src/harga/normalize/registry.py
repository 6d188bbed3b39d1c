"""Creators and sellers that harga recognises, with the spellings sources use for them."""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Creator:
    slug: str
    name: str
    # Sellers whose offering of this creator's models is the creator's own API.
    official_sellers: frozenset[str]


def _creator(slug: str, name: str, *sellers: str) -> Creator:
    return Creator(slug, name, frozenset(sellers or (slug,)))


CREATORS: dict[str, Creator] = {
    c.slug: c
    for c in [
        _creator("openai", "OpenAI"),
        _creator("anthropic", "Anthropic"),
        _creator("google", "Google"),
        _creator("meta", "Meta"),
        _creator("mistral", "Mistral AI"),
        # `-cn` sellers are the creators' China platforms, which bill in CNY. They are separate
        # offerings so that a CNY and a USD price for one model are never compared as one.
        _creator("deepseek", "DeepSeek", "deepseek", "deepseek-cn"),
        _creator("qwen", "Qwen (Alibaba)", "alibaba"),
        _creator("xai", "xAI"),
        _creator("moonshot", "Moonshot AI", "moonshot", "moonshot-cn"),
        _creator("zhipu", "Zhipu AI (Z.ai)"),
        _creator("minimax", "MiniMax", "minimax", "minimax-cn"),
        _creator("cohere", "Cohere"),
        _creator("perplexity", "Perplexity"),
        _creator("amazon", "Amazon", "aws-bedrock"),
        _creator("microsoft", "Microsoft", "azure"),
        _creator("nvidia", "NVIDIA"),
        _creator("ai21", "AI21 Labs"),
        _creator("bytedance", "ByteDance"),
        _creator("baidu", "Baidu"),
        _creator("tencent", "Tencent"),
        _creator("xiaomi", "Xiaomi"),
        _creator("stepfun", "StepFun"),
        _creator("ibm", "IBM"),
        _creator("liquid", "Liquid AI"),
        _creator("nous", "Nous Research"),
        _creator("allenai", "Allen Institute for AI"),
        _creator("inception", "Inception"),
        _creator("voyage", "Voyage AI"),
        _creator("stability", "Stability AI"),
        _creator("black-forest-labs", "Black Forest Labs"),
    ]
}

# Spellings of creator namespaces in upstream ids, such as OpenRouter's `meta-llama/...`.
CREATOR_ALIASES: dict[str, str] = {
    "meta-llama": "meta",
    "meta_llama": "meta",
    "codellama": "meta",
    "amazon-nova": "amazon",
    "mistral-ai": "mistral",
    "bfl": "black-forest-labs",
    "meta-ai": "meta",
    "moonshot-ai": "moonshot",
    "facebook": "meta",
    "mistralai": "mistral",
    "x-ai": "xai",
    "grok": "xai",
    "moonshotai": "moonshot",
    "kimi": "moonshot",
    "z-ai": "zhipu",
    "zai": "zhipu",
    "zai-org": "zhipu",
    "zhipuai": "zhipu",
    "thudm": "zhipu",
    "alibaba": "qwen",
    "bytedance-seed": "bytedance",
    "ibm-granite": "ibm",
    "nousresearch": "nous",
    "deepseek-ai": "deepseek",
    "minimaxai": "minimax",
    "stabilityai": "stability",
    "black_forest_labs": "black-forest-labs",
    "voyageai": "voyage",
}

# Spellings of sellers: LiteLLM provider names, genai-prices provider ids, models.dev ids.
SELLER_ALIASES: dict[str, str] = {
    "aws": "aws-bedrock",
    "bedrock": "aws-bedrock",
    "bedrock_converse": "aws-bedrock",
    "bedrock_mantle": "aws-bedrock",
    "amazon-bedrock": "aws-bedrock",
    "amazon_nova": "amazon",
    # Azure AI Foundry's catalogue prices differ from Azure OpenAI's, so it is its own seller.
    "azure_ai": "azure-ai-foundry",
    "azure_text": "azure",
    "azure-cognitive-services": "azure",
    "gemini": "google",
    "palm": "google",
    "vertex_ai": "google-vertex",
    "google-vertex-anthropic": "google-vertex",
    "text-completion-openai": "openai",
    "chatgpt": "openai",
    "codestral": "mistral",
    "text-completion-codestral": "mistral",
    "x-ai": "xai",
    "moonshotai": "moonshot",
    "moonshotai-cn": "moonshot-cn",
    "zai": "zhipu",
    "zhipuai": "zhipu",
    "z-ai": "zhipu",
    "dashscope": "alibaba",
    "cohere_chat": "cohere",
    "together_ai": "together",
    "togetherai": "together",
    "fireworks_ai": "fireworks",
    "fireworks-ai": "fireworks",
    "novita-ai": "novita",
    "meta_llama": "meta",
    "meta-ai": "meta",
    "llama": "meta",
    "moonshot-ai": "moonshot",
    "qwen": "alibaba",
    "voyageai": "voyage",
    "text-completion-inception": "inception",
    # LiteLLM provider names spelled as models.dev spells the same sellers.
    "vercel_ai_gateway": "vercel",
    "nvidia_nim": "nvidia",
    "github_copilot": "github-copilot",
    "friendliai": "friendli",
    "gmi": "gmicloud",
    "cloudflare": "cloudflare-workers-ai",
    "workers-ai": "cloudflare-workers-ai",
    "snowflake": "snowflake-cortex",
    "black_forest_labs": "black-forest-labs",
    "lambda_ai": "lambda",
    "fal_ai": "fal",
}


# Display names of sellers that are not creators.
SELLER_NAMES: dict[str, str] = {
    "deepseek-cn": "DeepSeek (China, CNY)",
    "moonshot-cn": "Moonshot AI (China, CNY)",
    "minimax-cn": "MiniMax (China, CNY)",
}


def creator_slug(spelling: str) -> str:
    """Map a creator namespace as a source spells it to harga's slug; unknown ones pass through."""
    lowered = spelling.strip().lower().lstrip("~")
    return CREATOR_ALIASES.get(lowered, lowered)


def seller_slug(spelling: str) -> str:
    """Map a seller as a source spells it to harga's slug; unknown ones pass through."""
    lowered = spelling.strip().lower()
    if lowered.startswith("vertex_ai"):
        return "google-vertex"
    if lowered.startswith("huggingface"):
        return "huggingface"
    if lowered.startswith("fireworks_ai"):
        return "fireworks"
    return SELLER_ALIASES.get(lowered, lowered)


def creator_name(slug: str) -> str:
    creator = CREATORS.get(slug)
    return creator.name if creator else slug


def seller_name(slug: str) -> str:
    return SELLER_NAMES.get(slug) or creator_name(slug)


def primary_seller(creator: str, sellers: Iterable[str]) -> str:
    """Choose one of a model's sellers: the creator's own API, else the first by name.

    A creator can have two official sellers, such as `deepseek` (USD) and its China platform
    `deepseek-cn` (CNY), and the creator's own is the one a reader expects first.
    """
    choices = set(sellers)
    return creator if creator in choices else min(choices)


def is_official(creator: str, seller: str) -> bool:
    known = CREATORS.get(creator)
    if known is None:
        return creator == seller
    return seller in known.official_sellers
