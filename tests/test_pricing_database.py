"""Pricing from published facts, and `harga calc`, on SQLite and PostgreSQL.

The database is filled by collecting the real llm-prices files, whose openai.json cuts
gpt-5.6-luna from $1 input and $6 output to $0.20 and $1.20 per 1M tokens on 2026-07-30.
"""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from harga import price_usage
from harga.cli import main
from harga.collectors.llm_prices import LlmPricesCollector
from harga.pipeline.runner import run_collection
from harga.pricing import Usage
from harga.pricing.load import load_price_book
from harga.storage.engine import make_sessionmaker
from harga.storage.tables import FxRateRow, ObservationRow


@pytest.fixture
def collected(fresh_engine: Engine, mirror_dir: Path) -> sessionmaker[Session]:
    factory = make_sessionmaker(fresh_engine)
    report = run_collection(factory, [LlmPricesCollector()], mirror_dir, today=date(2026, 8, 10))
    assert not report.failed
    return factory


@pytest.fixture
def database_url(collected: sessionmaker[Session], fresh_engine: Engine) -> str:
    return fresh_engine.url.render_as_string(hide_password=False)


def _calc(database_url: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["calc", *args, "--database-url", database_url])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("on", "expected"), [(date(2026, 7, 1), Decimal("0.22")), (date(2026, 8, 1), Decimal("0.044"))]
)
def test_book_prices_on_request_date(
    collected: sessionmaker[Session], on: date, expected: Decimal
) -> None:
    with collected() as session:
        book = load_price_book(session)
    usage = Usage(input_tokens=100_000, output_tokens=20_000)

    result = price_usage(usage, "gpt-5.6-luna", book=book, at=on)

    assert result.model_id == "openai/gpt-5.6-luna"
    assert result.total_usd == expected


def test_lines_cite_evidence(collected: sessionmaker[Session]) -> None:
    with collected() as session:
        book = load_price_book(session)
        result = price_usage(
            Usage(input_tokens=1_000), "openai/gpt-5.6-luna", book=book, at=date(2026, 8, 1)
        )
        (fact,) = result.lines[0].facts
        evidence = session.scalars(
            select(ObservationRow).where(ObservationRow.id.in_(fact.evidence_ids))
        ).all()

    assert fact.fact_id is not None
    assert [(o.source_id, o.field, o.captured) for o in evidence] == [
        ("llm-prices", "input", "0.2")
    ]


def test_calc_prints_total(database_url: str) -> None:
    code, before, _ = _calc(
        database_url, "gpt-5.6-luna", "--input", "100000", "--output", "20000", "--at", "2026-07-01"
    )
    _, after, _ = _calc(
        database_url, "gpt-5.6-luna", "--input", "100000", "--output", "20000", "--at", "2026-08-01"
    )

    assert code == 0
    assert "total USD 0.22\n" in before + "\n"
    assert "total USD 0.044" in after


def test_calc_json(database_url: str) -> None:
    code, output, _ = _calc(
        database_url,
        "openai/gpt-5.6-luna",
        "--input",
        "100000",
        "--cached",
        "40000",
        "--output",
        "20000",
        "--at",
        "2026-08-01T12:00",
        "--json",
    )

    data = json.loads(output)
    assert code == 0
    assert data["total_usd"] == "0.0368"
    assert data["at"] == "2026-08-01T12:00:00Z"
    assert [(line["dimension"], line["quantity"]) for line in data["lines"]] == [
        ("input", "60000"),
        ("cache_read", "40000"),
        ("output", "20000"),
    ]
    assert all(line["facts"][0]["evidence_ids"] for line in data["lines"])


def test_calc_unknown_model(database_url: str) -> None:
    code, _, errors = _calc(database_url, "gpt-5.6-lunar", "--input", "10")

    assert code == 1
    assert "unknown model 'gpt-5.6-lunar'" in errors
    assert "openai/gpt-5.6-luna" in errors


def test_calc_missing_cache_price(database_url: str) -> None:
    # llm-prices states a null cached price for claude-sonnet-5: not offered.
    args = ("claude-sonnet-5", "--input", "1000", "--cached", "3460000", "--at", "2026-08-01")

    code, _, errors = _calc(database_url, *args)
    partial_code, partial, _ = _calc(database_url, *args, "--allow-incomplete")

    assert code == 1
    assert "no price for cache_read of model 'anthropic/claude-sonnet-5'" in errors
    assert partial_code == 0
    assert "missing: cache_read (not offered)" in partial
    assert "total USD 0.002 (incomplete)" in partial


def test_calc_currency_without_rates(database_url: str) -> None:
    code, _, errors = _calc(database_url, "gpt-5.6-luna", "--input", "10", "--currency", "IDR")

    assert code == 1
    assert "no ECB reference rate for USD and IDR" in errors


def test_calc_currency_idr(collected: sessionmaker[Session], database_url: str) -> None:
    # ECB reference rates of 2026-04-13: 1 EUR = 1.1684 USD = 20082.05 IDR.
    with collected() as session, session.begin():
        for quote, rate in (("USD", "1.1684"), ("IDR", "20082.05")):
            session.add(
                FxRateRow(
                    rate_date=date(2026, 4, 13),
                    base="EUR",
                    quote=quote,
                    rate=Decimal(rate),
                    source_id="ecb",
                )
            )

    code, output, _ = _calc(
        database_url,
        "gpt-5.6-luna",
        "--input",
        "100000",
        "--output",
        "20000",
        "--at",
        "2026-07-01",
        "--currency",
        "idr",
    )

    _, as_json, _ = _calc(
        database_url,
        "gpt-5.6-luna",
        "--input",
        "100000",
        "--output",
        "20000",
        "--at",
        "2026-07-01",
        "--currency",
        "IDR",
        "--json",
    )

    line = next(text for text in output.splitlines() if text.startswith("total IDR"))
    amount = Decimal(line.split()[2])
    expected = Decimal("0.22") * Decimal("20082.05") / Decimal("1.1684")
    converted = json.loads(as_json)["converted"]
    assert code == 0
    assert abs(amount - expected) < Decimal("1e-9")
    assert "of 2026-04-13" in line
    assert converted["currency"] == "IDR"
    assert converted["rate_date"] == "2026-04-13"
    assert Decimal(converted["amount"]) == amount


def _saved_response(mirror_dir: Path, tmp_path: Path, file_part: str) -> Path:
    entries = json.loads((mirror_dir / "genai-prices/tests/dataset/usages.json").read_text())
    body = next(e["body"] for e in entries if file_part in e["body"]["file"])
    path = tmp_path / "response.json"
    path.write_text(json.dumps({k: v for k, v in body.items() if k != "file"}))
    return path


def test_calc_reads_saved_response(database_url: str, mirror_dir: Path, tmp_path: Path) -> None:
    # usages.json: a gpt-5.4-mini-2026-03-17 responses body with 72 input and 14 output
    # tokens; llm-prices prices gpt-5.4-mini at $0.75 input and $4.50 output per 1M tokens.
    path = _saved_response(mirror_dir, tmp_path, "test_openai_responses_native_output_decimal")

    code, output, _ = _calc(database_url, "--response", str(path), "--json")

    data = json.loads(output)
    assert code == 0
    assert data["model_id"] == "openai/gpt-5.4-mini"
    assert data["api_surface"] == "responses"
    assert data["total_usd"] == "0.000117"


def test_calc_response_excludes_counts(database_url: str, mirror_dir: Path, tmp_path: Path) -> None:
    path = _saved_response(mirror_dir, tmp_path, "test_openai_responses_native_output_decimal")

    code, _, errors = _calc(database_url, "--response", str(path), "--input", "5")

    assert code == 2
    assert "not both" in errors


def test_calc_response_unknown_tier(database_url: str, tmp_path: Path) -> None:
    path = tmp_path / "response.json"
    body = {"model": "gpt-5.4-mini", "service_tier": "scale", "usage": {"prompt_tokens": 3}}
    path.write_text(json.dumps(body))

    code, _, errors = _calc(database_url, "--response", str(path))

    assert code == 2
    assert "service tier 'scale'" in errors
    assert "pass --tier" in errors
