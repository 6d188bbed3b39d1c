"""Canonical model ids (`creator/name`) from the many spellings sources use.

The rules of `canonical_name`:
1. Hosting prefixes are dropped: seller and path namespaces such as `openrouter/`, `azure/eu/`
   or `workers-ai/@cf/`, Fireworks' `accounts/fireworks/models/...`, and Bedrock's vendor and
   region prefixes (`us.anthropic.claude-...`). An id is a Bedrock id only when a known vendor
   comes before the dot (a creator in the registry, or a Bedrock vendor such as `writer` or
   `twelvelabs`) or when it starts with a Bedrock region prefix. So `claude-3.5-sonnet-v2` and
   `llama-3.2-nv-rerankqa-1b-v2` are not Bedrock ids.
2. A region prefix becomes the name's `region`, which normalisation turns into a price
   condition: `azure/eu/` gives `eu`, `bedrock/us-east-1/` gives `us-east-1` and Bedrock's
   `apac.` gives `apac`. genai-prices' `regional.` names Bedrock's regional endpoints as a group
   and gives `regional`. `global` and Azure's `global-standard` mean no region restriction, so
   they give no region.
3. Bedrock's first model version (`-v1`, `-v1:N` and `-1:N`) is dropped. Later versions are
   kept (`amazon.titan-embed-text-v2:0` is `amazon/titan-embed-text-v2`). A revision `:0` is
   dropped, and another revision after a kept version is its minor version
   (`mistral.mistral-7b-instruct-v0:2` is `mistral/mistral-7b-instruct-v0.2`). The same holds
   for a name ending in `-vN:M` without a Bedrock prefix. Amazon's own names drop `-v1` as well
   (`amazon-nova/nova-lite-v1` is `amazon/nova-lite`).
4. A creator namespace (`meta-llama/llama-3.1-8b`) names the creator, and so does a creator
   written before the name with dashes (`anthropic-claude-3-opus` on DigitalOcean,
   `anthropic--claude-3-haiku` on SAP). A leading namespace that is the seller itself
   (`tencent/deepseek-v4-flash` sold by Tencent) does not name the creator. Without a creator
   namespace the creator comes from the name patterns below (`claude-...` is Anthropic's), and
   failing that from the seller.
5. The name is lower-cased. A variant suffix after `:` (`:free`, `:thinking`, `:1024`) is kept
   apart, except for a Bedrock revision (rule 3).
6. A snapshot date (`-2026-03-17`, `-20250929`, `@20240620`) is dropped, also when a kept
   Bedrock version follows it, so dated snapshots fall onto the base model. Normalisation
   undoes this for a snapshot whose prices or facts differ from its base's in the same source.
7. A dash between single version digits becomes a dot (`claude-3-5-sonnet` is
   `claude-3.5-sonnet`), the spelling most sources use.
8. Claude names take Anthropic's order for the opus, sonnet and haiku families:
   `claude-<version>-<family>` up to version 3 (`claude-haiku-3` is `claude-3-haiku`) and
   `claude-<family>-<version>` from version 4 (`claude-4.5-haiku` and `claude-haiku4.5` are
   `claude-haiku-4.5`). A `.0` minor version is dropped (`claude-sonnet-4.0` is
   `claude-sonnet-4`).

By rules 3 and 6, Bedrock's Claude 3.5 Sonnet v2 (`anthropic.claude-3-5-sonnet-20241022-v2:0`)
is `anthropic/claude-3.5-sonnet-v2`, the name Vertex (`claude-3-5-sonnet-v2@20241022`) and
Helicone use. Anthropic's own `claude-3-5-sonnet-20241022` falls onto
`anthropic/claude-3.5-sonnet` by rule 6.

An id that leaves no model name (`""`, `"/"`, `":free"`) raises `ValueError`.
"""

import re
from dataclasses import dataclass

from harga.normalize.registry import CREATORS, SELLER_ALIASES, creator_slug, seller_slug

_BEDROCK_REGION = re.compile(r"^(us|eu|apac|ap|global|us-gov|jp|au|regional)\.")
_BEDROCK_VENDOR = re.compile(r"^([a-z0-9-]+)\.([a-z0-9].*)$")
# Bedrock model vendors that are not creators in the registry.
_BEDROCK_VENDORS = frozenset({"writer", "twelvelabs", "luma"})
_BEDROCK_FIRST_VERSION = re.compile(r"(?:-v1(?::\d+)?|-1:\d+)$")
_BEDROCK_LATER_VERSION = re.compile(r"-v(\d+):(\d+)$")
_BEDROCK_REVISION = re.compile(r":\d+$")
_AMAZON_FIRST_VERSION = re.compile(r"-v1$")
_NUMERIC_VARIANT = re.compile(r":(\d+)$")
_FIREWORKS_PATH = re.compile(r"(^|/)accounts/[^/]+/models/")
_DATE_SUFFIX = re.compile(r"[-@](?:\d{4}-\d{2}-\d{2}|20\d{6})(?=(?:-v\d+(?:\.\d+)?)?$)")
_VERSION_DASH = re.compile(r"(?<=(?<![\d.])\d)-(?=\d(?:-|$))")
_CLAUDE_VERSION_FIRST = re.compile(r"^claude-(\d+)(?:\.(\d+))?-(opus|sonnet|haiku)(?=-|$)")
_CLAUDE_FAMILY_FIRST = re.compile(r"^claude-(opus|sonnet|haiku)-?(\d+)(?:\.(\d+))?(?=-|$)")
# Namespaces that name a region, a deployment or a path segment rather than a creator.
_REGION_NAMESPACE = re.compile(
    r"^(?:us|eu|apac|ap|global|jp|au|ca|sa|uk|in|regional|us-gov)"
    r"(?:-[a-z]+-\d+)?$"
)
# Region namespaces and prefixes that place no restriction on where a request is served.
_UNRESTRICTED_REGIONS = frozenset({"global", "global-standard"})
_NEUTRAL_NAMESPACES = frozenset(
    {"@cf", "@hf", "models", "routers", "accounts", "tee", "route", "ps", "preset"}
)
# Sellers whose unrecognised model names are their own first-party models.
_SELLER_CREATORS = {"google-vertex": "google", "google": "google"}
# A seller's own prefix written into its model names (`databricks-claude-3-7-sonnet`).
_SELLER_NAME_PREFIXES = ("databricks-", "duo-chat-", "alicloud-", "coding-")

# Name patterns in order. The first match names the creator.
_NAME_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), creator)
    for p, creator in [
        (
            r"^(?:gpt|chatgpt|o\d|text-embedding|dall-e|whisper|tts-|davinci|babbage|codex|"
            r"computer-use|omni-moderation|text-moderation|sora|ada$|text-davinci|curie)",
            "openai",
        ),
        (r"^claude", "anthropic"),
        (
            r"^(?:gemini|gemma|imagen|imagegeneration|veo|palm|text-bison|chat-bison|learnlm|"
            r"text-embedding-00|chirp|deep-research-pro)",
            "google",
        ),
        # Before Meta's pattern: NVIDIA's Llama derivatives (`llama-3.1-nemotron-70b`).
        (r"^(?:nemotron|llama-(?:\d+[._-]\d+-)?(?:nemotron|nemoretriever|nv-))", "nvidia"),
        (r"^(?:llama|codellama|code-llama)", "meta"),
        (
            r"^(?:mistral|mixtral|codestral|pixtral|ministral|magistral|devstral|open-mistral|"
            r"open-mixtral|voxtral)",
            "mistral",
        ),
        (r"^deepseek", "deepseek"),
        (r"^(?:qwen|qwq|qvq)", "qwen"),
        (r"^grok", "xai"),
        (r"^(?:kimi|moonshot)", "moonshot"),
        (r"^(?:glm|chatglm|cogview|codegeex)", "zhipu"),
        (r"^(?:minimax|abab)", "minimax"),
        # Cohere's rerankers only: Voyage's are `rerank-2`, NVIDIA's `rerank-qa-mistral-4b`.
        (
            r"^(?:command|c4ai|aya|embed-(?:english|multilingual|v4)|"
            r"rerank-(?:english|multilingual|v\d))",
            "cohere",
        ),
        (r"^(?:sonar|pplx|r1-1776)", "perplexity"),
        # Amazon's Nova families only: Deepgram's speech models are `nova-2`, `nova-3-general`.
        (
            r"^(?:nova-(?:2-)?(?:lite|micro|pro|premier|canvas|reel|sonic|act|omni|"
            r"multimodal)|amazon|titan)",
            "amazon",
        ),
        (r"^(?:phi-|wizardlm)", "microsoft"),
        (r"^(?:jamba|j2-)", "ai21"),
        (r"^(?:doubao|seed-)", "bytedance"),
        (r"^(?:ernie)", "baidu"),
        (r"^(?:hunyuan)", "tencent"),
        (r"^(?:mimo)", "xiaomi"),
        (r"^(?:step-)", "stepfun"),
        (r"^(?:voyage)", "voyage"),
    ]
]


@dataclass(frozen=True)
class CanonicalName:
    creator: str
    name: str
    variant: str = ""
    # The name with its snapshot date when rule 6 dropped one, so that normalisation can undo it.
    dated_name: str | None = None
    # The region a dropped prefix named (rule 2), or None for no region restriction.
    region: str | None = None

    @property
    def model_id(self) -> str:
        return f"{self.creator}/{self.name}"

    @property
    def dated_model_id(self) -> str:
        return f"{self.creator}/{self.dated_name or self.name}"


def canonical_name(upstream_id: str, seller: str) -> CanonicalName:
    """Map an upstream model id, as sold by `seller` (a seller slug), to a canonical name.

    Raises `ValueError` for an id that leaves no model name, such as `""` or `":free"`.
    """
    text = upstream_id.strip().lower()
    text, variant = _split_variant(text)
    text = _FIREWORKS_PATH.sub(r"\1", text)
    namespace, name, region = _split_namespace(text, seller)
    name, namespace, bedrock_region = _strip_bedrock(name, namespace)
    name, variant = _split_numeric_variant(name, variant)
    name, namespace = _strip_name_prefix(name, namespace)
    if not name:
        raise ValueError(
            f"invalid model id {upstream_id!r}: no model name is left after removing "
            "its prefixes and variant suffix"
        )
    creator = _choose_creator(namespace, name, seller)
    if creator == "amazon":
        name = _AMAZON_FIRST_VERSION.sub("", name) or name
    undated = _DATE_SUFFIX.sub("", name) or name
    dated_name = _spelled(name.replace("@", "-")) if undated != name else None
    return CanonicalName(creator, _spelled(undated), variant, dated_name, region or bedrock_region)


def _split_variant(text: str) -> tuple[str, str]:
    if ":" not in text:
        return text, ""
    head, _, tail = text.rpartition(":")
    if tail.isdigit():  # a Bedrock revision or a variant, decided after the Bedrock step
        return text, ""
    return head, tail


def _split_namespace(text: str, seller: str) -> tuple[str | None, str, str | None]:
    """Split off the namespaces and return the creator namespace, the name and the region."""
    *prefixes, name = text.split("/")
    prefixes = [p for p in prefixes if p]
    region = _namespace_region(prefixes)
    # The seller's own leading prefix (`tencent/` sold by Tencent) does not name the creator.
    if prefixes and seller_slug(prefixes[0]) == seller:
        prefixes = prefixes[1:]
    known = [p for p in prefixes if creator_slug(p) in CREATORS]
    if known:
        return known[-1], name, region
    # A seller, region or hosting prefix (`azure/`, `eu/`, `@cf/`) does not name the creator.
    namespaces = [p for p in prefixes if not _is_seller_prefix(p, seller)]
    return (namespaces[0] if namespaces else None), name, region


def _namespace_region(prefixes: list[str]) -> str | None:
    regions = [p for p in prefixes if _REGION_NAMESPACE.match(p) or p in _UNRESTRICTED_REGIONS]
    if not regions or regions[-1] in _UNRESTRICTED_REGIONS:
        return None
    return regions[-1]


def _is_seller_prefix(part: str, seller: str) -> bool:
    if part in _NEUTRAL_NAMESPACES or part in _UNRESTRICTED_REGIONS:
        return True
    if _REGION_NAMESPACE.match(part):
        return True
    slug = seller_slug(part)
    return slug == seller or part in SELLER_ALIASES or slug in SELLER_ALIASES.values()


def _strip_bedrock(name: str, namespace: str | None) -> tuple[str, str | None, str | None]:
    """Drop Bedrock's region and vendor prefixes and its version suffix (rules 1 to 3).

    Returns the name, the namespace (the Bedrock vendor, when there is one) and the region.
    """
    if "." not in name:
        return _strip_bedrock_version(name, explicit_only=True), namespace, None
    region_match = _BEDROCK_REGION.match(name)
    stripped = name[region_match.end() :] if region_match else name
    match = _BEDROCK_VENDOR.match(stripped)
    if match is None:
        return _strip_bedrock_version(name, explicit_only=True), namespace, None
    vendor, rest = match.groups()
    # `gpt-5.4-nano` has a dot too, so only a known vendor or a region prefix makes a Bedrock id.
    if region_match is None and not _is_bedrock_vendor(vendor):
        return _strip_bedrock_version(name, explicit_only=True), namespace, None
    region = region_match.group(1) if region_match else None
    if region in _UNRESTRICTED_REGIONS:
        region = None
    return _strip_bedrock_version(rest, explicit_only=False), vendor, region


def _is_bedrock_vendor(vendor: str) -> bool:
    return creator_slug(vendor) in CREATORS or vendor in _BEDROCK_VENDORS


def _strip_bedrock_version(name: str, *, explicit_only: bool) -> str:
    """Apply rule 3 to a Bedrock name, or only to a `-vN:M` suffix when `explicit_only`."""
    if explicit_only and not _BEDROCK_LATER_VERSION.search(name):
        return name
    first_dropped = _BEDROCK_FIRST_VERSION.sub("", name)
    if first_dropped != name:
        return first_dropped or name
    name = _BEDROCK_LATER_VERSION.sub(_later_version, name)
    return _BEDROCK_REVISION.sub("", name)


def _later_version(match: re.Match[str]) -> str:
    version, revision = match.groups()
    return f"-v{version}" if revision == "0" else f"-v{version}.{revision}"


def _split_numeric_variant(name: str, variant: str) -> tuple[str, str]:
    """Keep a `:digits` suffix that is not a Bedrock revision apart, as a variant (rule 5)."""
    match = _NUMERIC_VARIANT.search(name)
    if match is None:
        return name, variant
    digits = match.group(1)
    return name[: match.start()], f"{digits}:{variant}" if variant else digits


def _strip_name_prefix(name: str, namespace: str | None) -> tuple[str, str | None]:
    for prefix in _SELLER_NAME_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            name = name[len(prefix) :]
    if namespace is not None:
        return name, namespace
    head, separator, rest = name.partition("-")
    rest = rest.lstrip("-")
    # Only when the rest is itself a known model name: `deepseek-chat` keeps its prefix.
    if separator and creator_slug(head) in CREATORS and _pattern_creator(rest) is not None:
        return rest, head
    return name, namespace


def _choose_creator(namespace: str | None, name: str, seller: str) -> str:
    if namespace is not None:
        return creator_slug(namespace).replace("_", "-")
    return _pattern_creator(name) or _SELLER_CREATORS.get(seller) or creator_slug(seller)


def _pattern_creator(name: str) -> str | None:
    for pattern, creator in _NAME_PATTERNS:
        if pattern.match(name):
            return creator
    return None


def _spelled(name: str) -> str:
    """Apply the spelling rules 7 and 8 to a name."""
    return _claude_order(_VERSION_DASH.sub(".", name))


def _claude_order(name: str) -> str:
    version_first = _CLAUDE_VERSION_FIRST.match(name)
    family_first = _CLAUDE_FAMILY_FIRST.match(name)
    if version_first is not None:
        major, minor, family = version_first.groups()
        rest = name[version_first.end() :]
    elif family_first is not None:
        family, major, minor = family_first.groups()
        rest = name[family_first.end() :]
    else:
        return name
    version = major if minor in (None, "0") else f"{major}.{minor}"
    if int(major) >= 4:
        return f"claude-{family}-{version}{rest}"
    return f"claude-{version}-{family}{rest}"
