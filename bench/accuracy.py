"""Accuracy of harga's usage extraction and pricing on genai-prices' dataset of real responses.

`usages.json` contains 1,577 response bodies. For each body, every genai-prices extractor that
could read it records the usage it extracted and, when it knew the model, the price. This script
compares harga with each (body, extractor) pair whose API surface is the one harga detects for
the body: the usage always, the price when genai-prices computed one. harga prices with the
same numbers, read from the same `data.json` through `bench.genai_adapter`, at one date.

Run: `make bench-accuracy` (or `python -m bench.accuracy [MIRROR]`).
"""

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from genai_prices import types

from bench.genai_adapter import offering_of, seller_of
from harga.pricing import MissingPrice, PriceBook, Usage, price_usage
from harga.pricing.errors import PricingError
from harga.pricing.extract import ApiSurface, UnrecognisedResponse, extract_usage
from harga.pricing.rules import rules_for

DATASET = Path("genai-prices/tests/dataset/usages.json")
PRICES = Path("genai-prices/prices/new_data/v2/data.json")
# The dataset and the price data come from the genai-prices commit of 2026-08-21.
PRICED_AT = datetime(2026, 8, 21, 12, 0, tzinfo=UTC)

# (genai-prices provider, api flavor) -> the API surface that extractor reads. The `default`
# flavors of x-ai (xAI SDK fields), cohere and minimax read shapes harga does not extract.
_FLAVOR_SURFACES = {
    "chat": ApiSurface.CHAT_COMPLETIONS,
    "embeddings": ApiSurface.CHAT_COMPLETIONS,
    "responses": ApiSurface.RESPONSES,
    "anthropic": ApiSurface.ANTHROPIC_MESSAGES,
}
_DEFAULT_SURFACES = {
    "anthropic": ApiSurface.ANTHROPIC_MESSAGES,
    "aws": ApiSurface.BEDROCK_CONVERSE,
    "google": ApiSurface.GEMINI,
    "groq": ApiSurface.CHAT_COMPLETIONS,
    "mistral": ApiSurface.CHAT_COMPLETIONS,
    "perplexity": ApiSurface.CHAT_COMPLETIONS,
}
_SKIPPED_PROVIDERS = frozenset({"cohere", "minimax", "x-ai"})

# Usage keys compared, as genai-prices names them. Text, image, video and tool breakdowns are
# left out because harga does not extract them: Gemini bills them at the text rate.
COMPARED_USAGE_KEYS = (
    "input_tokens",
    "cache_read_tokens",
    "cache_write_tokens",
    "output_tokens",
    "output_reasoning_tokens",
    "input_audio_tokens",
    "cache_audio_read_tokens",
    "output_audio_tokens",
    "web_searches",
)


# The response fields harga reads for each compared key, per API surface. A key is compared
# only when the genai-prices extractor reads it from these fields too: some extractors read
# other fields (Perplexity's and Modal's top-level `reasoning_tokens`, the Anthropic chat
# extractor's top-level `cached_tokens`), and those keys are counted as not comparable.
_CHAT_FIELDS = {
    "input_tokens": {"prompt_tokens"},
    "cache_read_tokens": {"prompt_tokens_details.cached_tokens", "prompt_cache_hit_tokens"},
    "cache_write_tokens": {"prompt_tokens_details.cache_write_tokens"},
    "output_tokens": {"completion_tokens", "completion_tokens_details.reasoning_tokens"},
    "output_reasoning_tokens": {"completion_tokens_details.reasoning_tokens"},
    "input_audio_tokens": {"prompt_tokens_details.audio_tokens"},
    "output_audio_tokens": {"completion_tokens_details.audio_tokens"},
}
HARGA_FIELDS: dict[ApiSurface, dict[str, set[str]]] = {
    ApiSurface.CHAT_COMPLETIONS: _CHAT_FIELDS,
    ApiSurface.RESPONSES: {
        "input_tokens": {"input_tokens"},
        "cache_read_tokens": {"input_tokens_details.cached_tokens"},
        "cache_write_tokens": {"input_tokens_details.cache_write_tokens"},
        "output_tokens": {"output_tokens"},
        "output_reasoning_tokens": {"output_tokens_details.reasoning_tokens"},
    },
    ApiSurface.ANTHROPIC_MESSAGES: {
        "input_tokens": {"input_tokens", "cache_creation_input_tokens", "cache_read_input_tokens"},
        "cache_read_tokens": {"cache_read_input_tokens"},
        "cache_write_tokens": {"cache_creation_input_tokens"},
        "output_tokens": {"output_tokens"},
        "output_reasoning_tokens": {"output_tokens_details.thinking_tokens"},
        "web_searches": {"server_tool_use.web_search_requests"},
    },
    ApiSurface.GEMINI: {
        "input_tokens": {"promptTokenCount", "toolUsePromptTokenCount"},
        "cache_read_tokens": {"cachedContentTokenCount"},
        "output_tokens": {"candidatesTokenCount", "thoughtsTokenCount"},
        "output_reasoning_tokens": {"thoughtsTokenCount"},
        "input_audio_tokens": {
            "promptTokensDetails[AUDIO].tokenCount",
            "toolUsePromptTokensDetails[AUDIO].tokenCount",
        },
        "cache_audio_read_tokens": {"cacheTokensDetails[AUDIO].tokenCount"},
        "output_audio_tokens": {"candidatesTokensDetails[AUDIO].tokenCount"},
    },
    ApiSurface.BEDROCK_CONVERSE: {
        "input_tokens": {"inputTokens", "cacheReadInputTokens", "cacheWriteInputTokens"},
        "cache_read_tokens": {"cacheReadInputTokens"},
        "cache_write_tokens": {"cacheWriteInputTokens"},
        "output_tokens": {"outputTokens"},
    },
}


@dataclass
class Row:
    body_index: int
    file: str
    model: str | None
    provider: str
    flavor: str
    surface: ApiSurface
    expected_usage: dict[str, int]
    mapped_keys: dict[str, frozenset[str]]
    expected_total: Decimal | None
    unmatched_fields: frozenset[str] = frozenset()
    usage_ok: bool = False
    price_ok: bool | None = None
    reason: str = ""
    detail: str = ""


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    unreadable: Counter[str] = field(default_factory=Counter)

    @property
    def usage_rows(self) -> list[Row]:
        return self.rows

    @property
    def priced_rows(self) -> list[Row]:
        return [r for r in self.rows if r.expected_total is not None]

    @property
    def usage_agreement(self) -> float:
        return sum(r.usage_ok for r in self.rows) / len(self.rows)

    @property
    def price_agreement(self) -> float:
        priced = self.priced_rows
        return sum(bool(r.price_ok) for r in priced) / len(priced)


def surface_of(provider: str, flavor: str) -> ApiSurface | None:
    if provider in _SKIPPED_PROVIDERS:
        return None
    if flavor == "default":
        return _DEFAULT_SURFACES.get(provider)
    return _FLAVOR_SURFACES.get(flavor)


def harga_seller(provider: str, surface: ApiSurface) -> str:
    """Return the harga seller of a genai-prices provider reading one API surface."""
    if provider == "google" and surface is ApiSurface.ANTHROPIC_MESSAGES:
        return "google-vertex"  # Claude on Vertex AI
    return seller_of(provider)


def genai_usage(usage: Usage, seller: str, surface: ApiSurface) -> dict[str, int]:
    """Restate harga's usage the genai-prices way: every total includes its parts."""
    rules = rules_for(seller, surface.value)
    cache_writes = usage.cache_write_tokens + usage.cache_write_1h_tokens
    prompt = usage.input_tokens
    if not rules.cache_in_input:
        prompt += usage.cache_read_tokens + cache_writes
    output = usage.output_tokens
    if not rules.reasoning_in_output:
        output += usage.reasoning_tokens
    values = {
        "input_tokens": prompt,
        "cache_read_tokens": usage.cache_read_tokens,
        "cache_write_tokens": cache_writes,
        "output_tokens": output,
        "output_reasoning_tokens": usage.reasoning_tokens,
        "input_audio_tokens": usage.input_audio_tokens,
        "cache_audio_read_tokens": usage.cache_read_audio_tokens,
        "output_audio_tokens": usage.output_audio_tokens,
        "web_searches": usage.web_searches,
    }
    return {k: v for k, v in values.items() if v}


class Pricer:
    """harga price books built from genai-prices models, one offering per provider and model."""

    def __init__(self, providers: list[types.Provider]) -> None:
        self.providers = providers
        self.by_id = {p.id: p for p in providers}
        self.books: dict[tuple[str, str, str], tuple[PriceBook, set[str]]] = {}

    def book(self, provider: str, seller: str, model_ref: str) -> tuple[str, PriceBook, set[str]]:
        model = self.by_id[provider].find_model(model_ref, all_providers=self.providers)
        if model is None:
            raise LookupError(f"genai-prices has no model {model_ref!r} at {provider}")
        model_id = f"{provider}/{model.id}"
        key = (provider, seller, model.id)
        if key not in self.books:
            offering, unsupported = offering_of(model_id, seller, model)
            self.books[key] = (PriceBook([offering]), unsupported)
        book, unsupported = self.books[key]
        return model_id, book, unsupported


def run(mirror: Path) -> Report:
    bodies = json.loads((mirror / DATASET).read_text())
    providers = types._providers_from_raw(json.loads((mirror / PRICES).read_text()))
    pricer = Pricer(providers)
    mapped_keys = {
        (p.id, e.api_flavor): _mapped_fields(e) for p in providers for e in p.extractors or ()
    }
    report = Report()
    for index, entry in enumerate(bodies):
        body = entry["body"]
        try:
            extracted = extract_usage(body)
        except UnrecognisedResponse as error:
            report.unreadable[str(error).split(";")[0]] += 1
            continue
        for group in entry["extracted"]:
            for extractor in group["extractors"]:
                provider, flavor = extractor["provider_id"], extractor["api_flavor"]
                if surface_of(provider, flavor) is not extracted.api_surface:
                    continue
                if flavor == "embeddings" and extracted.usage.output_tokens:
                    continue  # an embeddings extractor reading a chat completion
                mapped = mapped_keys[(provider, flavor)]
                row = _row(
                    index, body, entry, extractor, group["usage"], extracted.api_surface, mapped
                )
                _check(row, extracted.usage, extracted.model, pricer)
                report.rows.append(row)
    return report


def _row(
    index: int,
    body: dict[str, Any],
    entry: dict[str, Any],
    extractor: dict[str, str],
    usage: dict[str, int],
    surface: ApiSurface,
    mapped_keys: dict[str, frozenset[str]],
) -> Row:
    expected = None
    if "total_price" in extractor:
        # Prices without a direction, such as web searches, are only in the total.
        expected = Decimal(extractor["total_price"])
    elif "input_price" in extractor:
        expected = Decimal(extractor["input_price"]) + Decimal(extractor["output_price"])
    return Row(
        body_index=index,
        file=body.get("file", ""),
        model=entry.get("model"),
        provider=extractor["provider_id"],
        flavor=extractor["api_flavor"],
        surface=surface,
        expected_usage=usage,
        mapped_keys=mapped_keys,
        expected_total=expected,
    )


def _check(row: Row, usage: Usage, model: str | None, pricer: Pricer) -> None:
    seller = harga_seller(row.provider, row.surface)
    omitted = _check_usage(row, usage, seller)
    if row.expected_total is not None and model is not None:
        _check_price(row, usage, model, seller, omitted, pricer)


def _check_usage(row: Row, usage: Usage, seller: str) -> list[str]:
    """Compare the usage; return the keys harga extracts that the extractor does not map."""
    # Only the keys this genai-prices extractor maps from the fields harga reads are compared,
    # because many extractors leave out reasoning, cache or web search counts.
    ours = HARGA_FIELDS[row.surface]
    keys = {
        k
        for k, fields in row.mapped_keys.items()
        if k in COMPARED_USAGE_KEYS and fields <= ours.get(k, set())
    }
    row.unmatched_fields = frozenset(
        k for k, fields in row.mapped_keys.items() if k in COMPARED_USAGE_KEYS and k not in keys
    )

    full = genai_usage(usage, seller, row.surface)
    mine = {k: v for k, v in full.items() if k in keys}
    theirs = {k: v for k, v in row.expected_usage.items() if k in keys and v}
    row.usage_ok = mine == theirs
    if not row.usage_ok:
        row.reason = "usage differs"
        row.detail = f"harga {mine} genai-prices {theirs}"
    return sorted(k for k in full if k not in row.mapped_keys and k in COMPARED_USAGE_KEYS)


def _check_price(
    row: Row, usage: Usage, model: str, seller: str, omitted: list[str], pricer: Pricer
) -> None:
    try:
        model_id, book, unsupported = pricer.book(row.provider, seller, model)
    except LookupError as error:
        row.price_ok = False
        row.reason = row.reason or "model not found"
        row.detail = row.detail or str(error)
        return

    try:
        result = price_usage(
            usage, model_id, book=book, api_surface=row.surface.value, at=PRICED_AT
        )
    except MissingPrice as error:
        row.price_ok = False
        row.reason = row.reason or _missing_reason(error, omitted, book)
        row.detail = row.detail or f"{', '.join(error.dimensions)} ({model})"
        return
    except PricingError as error:
        row.price_ok = False
        row.reason = row.reason or type(error).__name__
        row.detail = row.detail or str(error)
        return

    row.price_ok = result.total_usd == row.expected_total
    if not row.price_ok and not row.reason:
        row.reason = "unsupported price key" if unsupported else "amount differs"
        if omitted:
            row.reason = f"extractor omits {', '.join(omitted)}"
        row.detail = (
            f"{model}: harga {result.total_usd} genai-prices {row.expected_total} "
            f"{sorted(unsupported)}"
        )


def _missing_reason(error: MissingPrice, omitted: list[str], book: PriceBook) -> str:
    missing = ", ".join(error.dimensions)
    if omitted:
        return f"extractor omits {', '.join(omitted)}; harga finds no {missing} price"
    if not book.table(book.model_ids[0]).points:
        return "model has no prices (genai-prices prices it at zero)"
    return f"no {missing} price (genai-prices bills it at the parent rate)"


def _mapped_fields(extractor: types.UsageExtractor) -> dict[str, frozenset[str]]:
    fields: dict[str, set[str]] = {}
    for mapping in extractor.mappings:
        fields.setdefault(mapping.dest, set()).add(_path_text(mapping.path))
    return {dest: frozenset(paths) for dest, paths in fields.items()}


def _path_text(path: Any) -> str:
    if isinstance(path, str):
        return path
    parts: list[str] = []
    for step in path:
        if isinstance(step, types.ArrayMatch):
            parts[-1] += f"[{getattr(step.match, 'equals', '?')}]"
        else:
            parts.append(step)
    return ".".join(parts)


def format_report(report: Report) -> str:
    priced = report.priced_rows
    lines = [
        f"rows compared (body × extractor of the same API surface): {len(report.rows)}",
        f"usage agreement: {sum(r.usage_ok for r in report.rows)}/{len(report.rows)}"
        f" = {report.usage_agreement:.2%}",
        f"price agreement: {sum(bool(r.price_ok) for r in priced)}/{len(priced)}"
        f" = {report.price_agreement:.2%}",
        f"bodies harga cannot read: {sum(report.unreadable.values())} ({dict(report.unreadable)})",
        "",
        "usage keys not compared because the genai-prices extractor reads another field:",
    ]
    unmatched = Counter(
        f"{r.provider}/{r.flavor}: {key}" for r in report.rows for key in r.unmatched_fields
    )
    for name, count in sorted(unmatched.items()):
        lines.append(f"  {count:5d}  {name}")
    lines += ["", "disagreements by reason:"]
    reasons = Counter(r.reason for r in report.rows if r.reason)
    for reason, count in reasons.most_common():
        lines.append(f"  {count:5d}  {reason}")
    lines.append("")
    lines.append("every disagreement:")
    for row in report.rows:
        if row.reason:
            lines.append(
                f"  [{row.reason}] body {row.body_index} {row.provider}/{row.flavor} "
                f"{row.model}: {row.detail}"
            )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    mirror = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parents[2] / "shared/data"
    report = run(mirror)
    print(format_report(report))
    return 0 if report.price_agreement >= 0.95 and report.usage_agreement >= 0.95 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
