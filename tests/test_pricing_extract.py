"""Usage extraction on real response bodies from genai-prices' usages.json."""

import json
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from harga import price_usage
from harga.pricing import Usage, point
from harga.pricing.extract import ApiSurface, UnrecognisedResponse, extract_usage
from tests.pricing_helpers import book_of

DATASET = Path("genai-prices/tests/dataset/usages.json")


@cache
def _bodies(mirror: Path) -> list[dict[str, Any]]:
    return [entry["body"] for entry in json.loads((mirror / DATASET).read_text())]


def _body(
    mirror: Path,
    file_part: str,
    model: str | None = None,
    where: Callable[[dict[str, Any]], bool] = lambda body: True,
) -> dict[str, Any]:
    for body in _bodies(mirror):
        if file_part not in body["file"] or (model is not None and body.get("model") != model):
            continue
        if where(body):
            return body
    raise AssertionError(f"no body in usages.json matches {file_part!r}")


def test_deepseek_cache_hits(mirror_dir: Path) -> None:
    body = _body(mirror_dir, "", model="deepseek-v4-flash")

    extracted = extract_usage(body)

    assert extracted.api_surface is ApiSurface.CHAT_COMPLETIONS
    assert extracted.usage == Usage(
        input_tokens=563, cache_read_tokens=512, output_tokens=116, reasoning_tokens=60
    )


def test_openai_responses_cache_write(mirror_dir: Path) -> None:
    body = _body(mirror_dir, "test_openrouter_responses_prompt_cache_e2e", "openai/gpt-5.6-sol")

    extracted = extract_usage(body)

    assert extracted.api_surface is ApiSurface.RESPONSES
    assert extracted.usage == Usage(input_tokens=4_020, cache_write_tokens=4_012, output_tokens=5)


def test_openai_audio_prompt(mirror_dir: Path) -> None:
    body = _body(mirror_dir, "test_openai_audio_url_input")

    usage = extract_usage(body).usage

    assert usage.input_tokens == 81
    assert usage.input_audio_tokens == 69
    assert usage.output_tokens == 72


def test_xai_reasoning_counts(mirror_dir: Path) -> None:
    body = _body(mirror_dir, "test_openrouter_with_native_options", "x-ai/grok-4")

    extracted = extract_usage(body)

    assert extracted.model == "x-ai/grok-4"
    assert extracted.usage == Usage(
        input_tokens=687, cache_read_tokens=682, output_tokens=240, reasoning_tokens=165
    )


def test_anthropic_web_search(mirror_dir: Path) -> None:
    body = _body(mirror_dir, "test_google_model_receive_web_search_history_from_another_provider")

    extracted = extract_usage(body)

    assert extracted.api_surface is ApiSurface.ANTHROPIC_MESSAGES
    assert extracted.model == "claude-sonnet-4-6"
    assert extracted.usage.web_searches == 1
    assert extracted.service_tier == "standard"


def test_anthropic_cache_ttls() -> None:
    # The shape of Anthropic's usage block, with writes at both TTLs.
    body = {
        "model": "claude-sonnet-4-5",
        "usage": {
            "input_tokens": 10,
            "cache_creation_input_tokens": 300,
            "cache_creation": {"ephemeral_5m_input_tokens": 100, "ephemeral_1h_input_tokens": 200},
            "cache_read_input_tokens": 50,
            "output_tokens": 7,
        },
    }

    usage = extract_usage(body).usage

    assert usage == Usage(
        input_tokens=10,
        cache_write_tokens=100,
        cache_write_1h_tokens=200,
        cache_read_tokens=50,
        output_tokens=7,
    )


def test_bedrock_converse_cache(mirror_dir: Path) -> None:
    body = _body(mirror_dir, "test_bedrock_single_tool_choice_preserves_cache[nova]")

    extracted = extract_usage(body)

    assert extracted.api_surface is ApiSurface.BEDROCK_CONVERSE
    assert extracted.model is None
    assert extracted.usage == Usage(input_tokens=22, cache_write_tokens=2_492, output_tokens=13)


def test_gemini_cached_audio_priced(mirror_dir: Path) -> None:
    """usages.json gemini-2.5-flash response with cached audio and video, priced with the Gemini
    pricing page's 2.5 Flash prices: $0.30 text/image/video and $1.00 audio input, $0.03 and
    $0.1 cached, $2.50 output including thinking."""
    body = _body(
        mirror_dir,
        "test_multimodal_tool_return_matrix[direct-url_force_download-video-google_2_5]",
        where=lambda b: b["usageMetadata"].get("cachedContentTokenCount") == 2_918,
    )
    book = book_of(
        "google/gemini-2.5-flash",
        "google",
        [
            point("input", "0.30"),
            point("input_audio", "1.00"),
            point("cache_read", "0.03"),
            point("cache_read_audio", "0.1"),
            point("output", "2.50"),
        ],
    )

    extracted = extract_usage(body)
    result = price_usage(extracted.usage, "google/gemini-2.5-flash", book=book)

    assert extracted.usage == Usage(
        input_tokens=3_297,
        cache_read_tokens=2_918,
        cache_read_audio_tokens=284,
        input_audio_tokens=321,
        output_tokens=55,
        reasoning_tokens=95,
    )
    quantities = {line.dimension: line.quantity for line in result.lines}
    assert quantities == {
        "input": 342,
        "input_audio": 37,
        "cache_read": 2_634,
        "cache_read_audio": 284,
        "output": 55,
        "reasoning": 95,
    }
    # 342 × 0.30 + 37 × 1.00 + 2,634 × 0.03 + 284 × 0.1 + 150 × 2.50, per 1M tokens
    assert result.total_usd == Decimal("0.00062202")


def test_gemini_flex_traffic() -> None:
    body = {
        "modelVersion": "gemini-2.5-flash",
        "usageMetadata": {
            "promptTokenCount": 5,
            "candidatesTokenCount": 2,
            "trafficType": "ON_DEMAND_FLEX",
        },
    }

    assert extract_usage(body).service_tier == "flex"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"choices": []}, "no `usage`"),
        ({"usage": {"billed_units": {"input_tokens": 1}}}, "billed_units"),
        ({"usage": {"prompt_tokens": -1}}, "usage.prompt_tokens"),
        ({"usage": {"prompt_tokens": "12"}}, "must be a count"),
        ({"usage": {"completion_tokens": 3, "prompt_tokens": None}}, "is missing"),
        ({"usage": {"inputTokens": True, "outputTokens": 1}}, "usage.inputTokens"),
    ],
)
def test_unrecognised_bodies_rejected(body: dict[str, Any], message: str) -> None:
    with pytest.raises(UnrecognisedResponse) as error:
        extract_usage(body)

    assert message in str(error.value)


def test_accuracy_on_dataset(mirror_dir: Path) -> None:
    """The agreement `make bench-accuracy` reports stays at or above 95%."""
    from bench.accuracy import run

    report = run(mirror_dir)

    assert len(report.priced_rows) > 2_000
    assert report.usage_agreement >= 0.95
    assert report.price_agreement >= 0.95
    reasons = {row.reason.split(";")[0].split(" (")[0] for row in report.rows if row.reason}
    assert reasons <= {
        "extractor omits web_searches",
        "extractor omits cache_write_tokens",
        "extractor omits output_reasoning_tokens, web_searches",
        "no cache_read price",
        "no input_audio price",
        "model has no prices",
    }
