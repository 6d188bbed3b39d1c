"""Official pages through the whole pipeline on both databases: CNY facts and stale sources."""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from harga.app import create_app
from harga.collectors.ecb import EcbCollector
from harga.collectors.official.anthropic_html import AnthropicPricingPageCollector
from harga.collectors.official.deepseek import (
    DeepSeekPricingChineseCollector,
    DeepSeekPricingCollector,
)
from harga.pipeline.runner import run_collection
from harga.storage.tables import ModelRow, ObservationRow, OfferingRow, PriceFactRow, SourceRow
from tests.official_pages import copy_page, edit

pytestmark = pytest.mark.mirror

# The ECB file's last day, 2026-04-13: 1 EUR = 1.1684 USD = 7.9827 CNY, so 1 CNY is
# 1.1684 / 7.9827 = 0.146366517594... USD (rounded to 12 places as `reconcile.fx` does).
CNY_IN_USD = Decimal("0.146366517594")
LAST_ECB_DAY = date(2026, 4, 13)


def price_fact(
    session: Session, model_id: str, seller: str, dimension: str, conditions_key: str = ""
) -> PriceFactRow:
    query = (
        select(PriceFactRow)
        .join(OfferingRow, PriceFactRow.offering_id == OfferingRow.id)
        .where(
            OfferingRow.model_id == model_id,
            OfferingRow.seller_id == seller,
            PriceFactRow.dimension == dimension,
            PriceFactRow.conditions_key == conditions_key,
        )
    )
    return session.scalars(query).one()


def test_cny_page_published_with_fx(
    session_factory: sessionmaker[Session], mirror_dir: Path
) -> None:
    report = run_collection(
        session_factory, [EcbCollector(), DeepSeekPricingChineseCollector()], mirror_dir
    )

    assert report.failed == []
    with session_factory() as session:
        fact = price_fact(session, "deepseek/deepseek-chat", "deepseek-cn", "input")
        assert fact.state == "priced"
        assert fact.status == "official"
        assert fact.native_amount == Decimal(2)
        assert fact.native_currency == "CNY"
        assert fact.fx_date == LAST_ECB_DAY
        assert fact.fx_rate == CNY_IN_USD
        # 2 CNY x 1.1684 / 7.9827 = 0.29273303518866... USD
        assert fact.amount == Decimal("0.292733035189")
        offering = session.get(OfferingRow, fact.offering_id)
        assert offering is not None
        assert offering.official is True
        (evidence_id,) = json.loads(fact.evidence_ids)
        evidence = session.get(ObservationRow, evidence_id)
        assert evidence is not None
        assert evidence.captured == "2元"
        assert evidence.currency == "CNY"
        assert evidence.excerpt == "deepseek-chat | 百万tokens输入（缓存未命中）: 2元"
        assert evidence.url == "https://api-docs.deepseek.com/zh-cn/quick_start/pricing"
        hit = price_fact(session, "deepseek/deepseek-reasoner", "deepseek-cn", "cache_read")
        assert hit.native_amount == Decimal("0.2")


def test_claude_card_prices_official(
    session_factory: sessionmaker[Session], fresh_engine: Engine, mirror_dir: Path
) -> None:
    run_collection(session_factory, [AnthropicPricingPageCollector()], mirror_dir)

    with TestClient(create_app(fresh_engine)) as client:
        document = client.get("/api/v1/models/anthropic/claude-haiku-4.5").json()
    (offer,) = document["offers"]
    assert offer["seller"] == "anthropic"
    assert offer["official"] is True
    standard = {
        (p["dimension"], p["conditions_key"]): p for p in offer["prices"] if p["state"] == "priced"
    }
    expected = {
        ("input", ""): ("1", "Haiku 4.5 | Input: $1 / MTok"),
        ("output", ""): ("5", "Haiku 4.5 | Output: $5 / MTok"),
        ("cache_write", "cache_ttl=5m"): (
            "1.25",
            "Haiku 4.5 | Prompt Caching | Write: $1.25 / MTok",
        ),
        ("cache_read", ""): ("0.1", "Haiku 4.5 | Prompt Caching | Read: $0.10 / MTok"),
    }
    for key, (amount, excerpt) in expected.items():
        assert standard[key]["status"] == "official", key
        assert standard[key]["amount"] == amount, key
        (evidence,) = standard[key]["evidence"]
        assert evidence["excerpt"] == excerpt
        assert evidence["url"] == "https://www.claude.com/pricing"
        assert evidence["observed_at"] == "2025-11-13T21:35:54Z"


def test_broken_page_keeps_last_facts(
    session_factory: sessionmaker[Session], fresh_engine: Engine, mirror_dir: Path, tmp_path: Path
) -> None:
    mirror = tmp_path / "mirror"
    ecb, deepseek, anthropic = (
        EcbCollector(),
        DeepSeekPricingChineseCollector(),
        AnthropicPricingPageCollector(),
    )
    copy_page(mirror_dir, ecb.documents()[0].mirror_glob, mirror)
    deepseek_page = copy_page(mirror_dir, deepseek.mirror_glob, mirror)
    anthropic_page = copy_page(mirror_dir, anthropic.mirror_glob, mirror)
    collectors = [ecb, deepseek, anthropic]
    assert run_collection(session_factory, collectors, mirror).failed == []

    text = deepseek_page.read_text()
    deepseek_page.write_text(text[: text.index("**模型|")] + text[text.index("## 扣费规则") :])
    edit(
        anthropic_page,
        'data-value="5" class="tokens_main_val_number">5<',
        'data-value="6" class="tokens_main_val_number">6<',
    )
    report = run_collection(session_factory, collectors, mirror)

    assert [s.source for s in report.failed] == ["deepseek-pricing-cn"]
    assert "pricing.md" in (report.failed[0].error or "")
    assert "模型细节" in (report.failed[0].error or "")
    with session_factory() as session:
        kept = price_fact(session, "deepseek/deepseek-chat", "deepseek-cn", "input")
        assert kept.native_amount == Decimal(2)
        assert kept.native_currency == "CNY"
        assert kept.status == "official"
        assert kept.stale is True
        source = session.get(SourceRow, "deepseek-pricing-cn")
        assert source is not None
        assert source.stale is True
        assert "模型细节" in (source.last_error or "")
        assert source.last_success_at is not None
        haiku = price_fact(session, "anthropic/claude-haiku-4.5", "anthropic", "output")
        assert haiku.amount == Decimal(6)
        assert haiku.stale is False
        anthropic_row = session.get(SourceRow, "anthropic-pricing-page")
        assert anthropic_row is not None
        assert anthropic_row.stale is False
        # One price changed: its old and its new statement count as two changed items.
        assert anthropic_row.items_changed == 2
    with TestClient(create_app(fresh_engine)) as client:
        sources = {s["id"]: s for s in client.get("/api/v1/sources").json()["items"]}
        page = client.get("/sources").text
    failed = sources["deepseek-pricing-cn"]
    assert failed["kind"] == "official"
    assert failed["url"] == "https://api-docs.deepseek.com/zh-cn/quick_start/pricing"
    assert failed["stale"] is True
    assert failed["items_failed"] == 1
    assert failed["last_success_at"] is not None
    assert sources["anthropic-pricing-page"]["stale"] is False
    assert sources["anthropic-pricing-page"]["items_seen"] == 40
    assert 'data-source="deepseek-pricing-cn" class="stale"' in page
    assert 'data-source="anthropic-pricing-page" class="fresh"' in page


def test_headline_prefers_creator_seller(
    session_factory: sessionmaker[Session], mirror_dir: Path
) -> None:
    # The China page runs first, so only the seller preference can put the USD page first.
    collectors = [EcbCollector(), DeepSeekPricingChineseCollector(), DeepSeekPricingCollector()]

    run_collection(session_factory, collectors, mirror_dir)

    with session_factory() as session:
        model = session.get(ModelRow, "deepseek/deepseek-chat")
        assert model is not None
        assert model.input_mtok == Decimal("0.28")
        assert model.output_mtok == Decimal("0.42")
        cny = price_fact(session, "deepseek/deepseek-chat", "deepseek-cn", "output")
        assert cny.native_amount == Decimal(3)
