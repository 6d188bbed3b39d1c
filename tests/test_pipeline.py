"""The collection pipeline end to end on both databases, with sources the tests control."""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from harga.collectors.base import SourceKind
from harga.domain.conditions import Conditions
from harga.pipeline.lock import RunLocked, collection_lock
from harga.pipeline.runner import run_collection
from harga.storage.tables import (
    ChangeEventRow,
    DiscrepancyRow,
    ModelFactRow,
    ModelRow,
    ObservationRow,
    OfferingRow,
    PriceFactRow,
    SourceRow,
    SourceRunRow,
)
from tests.fakes import StaticCollector, context_window, usd_mtok, write_source_file

NANO = "gpt-5.4-nano"


def prices_of(session: Session, model_id: str, seller: str) -> dict[tuple[str, str], PriceFactRow]:
    query = (
        select(PriceFactRow)
        .join(OfferingRow, PriceFactRow.offering_id == OfferingRow.id)
        .where(OfferingRow.model_id == model_id, OfferingRow.seller_id == seller)
    )
    return {(row.dimension, row.conditions_key): row for row in session.scalars(query)}


@pytest.fixture
def mirror(tmp_path: Path) -> Path:
    folder = tmp_path / "mirror"
    write_source_file(folder, "alpha", "alpha v1")
    write_source_file(folder, "beta", "beta v1")
    return folder


def test_sources_agree_and_disagree(session_factory: sessionmaker[Session], mirror: Path) -> None:
    alpha = StaticCollector(
        "alpha",
        [
            usd_mtok("alpha", NANO, "openai", "input", "0.2"),
            usd_mtok("alpha", NANO, "openai", "output", "1.25"),
            context_window("alpha", NANO, "openai", 400000),
        ],
    )
    beta = StaticCollector(
        "beta",
        [
            usd_mtok("beta", "openai/gpt-5.4-nano", "openai", "input", "0.20"),
            context_window("beta", NANO, "openai", 1050000),
        ],
    )
    gamma_mirror_file = mirror / "gamma.json"
    gamma_mirror_file.write_text("gamma v1")
    gamma = StaticCollector("gamma", [context_window("gamma", NANO, "openai", 400000)])

    report = run_collection(session_factory, [alpha, beta, gamma], mirror)

    assert report.failed == []
    with session_factory() as session:
        prices = prices_of(session, "openai/gpt-5.4-nano", "openai")
        assert prices[("input", "")].amount == Decimal("0.2")
        assert prices[("input", "")].status == "corroborated"
        assert len(json.loads(prices[("input", "")].evidence_ids)) == 2
        assert prices[("output", "")].status == "single_source"
        context = session.scalars(
            select(ModelFactRow).where(ModelFactRow.key == "context_window")
        ).one()
        assert json.loads(context.value_json or "null") == 400000
        discrepancy = session.scalars(select(DiscrepancyRow)).one()
        assert discrepancy.field == "context_window"
        values = json.loads(discrepancy.values_json)
        assert [v["value"] for v in values] == [400000, 1050000]
        assert values[1]["sources"] == ["beta"]


def test_core_dimensions_reserved_as_pending(
    session_factory: sessionmaker[Session], mirror: Path
) -> None:
    alpha = StaticCollector("alpha", [usd_mtok("alpha", NANO, "openai", "input", "0.2")])

    run_collection(session_factory, [alpha], mirror)

    with session_factory() as session:
        prices = prices_of(session, "openai/gpt-5.4-nano", "openai")
        assert set(prices) == {
            ("input", ""),
            ("output", ""),
            ("cache_read", ""),
            ("input", "tier=batch"),
            ("output", "tier=batch"),
        }
        for key in [("output", ""), ("cache_read", ""), ("input", "tier=batch")]:
            assert prices[key].state == "pending"
            assert prices[key].amount is None
            assert prices[key].evidence_ids == "[]"


def test_failed_source_keeps_last_good_facts(
    session_factory: sessionmaker[Session], mirror: Path
) -> None:
    alpha_prices = ["0.2"]
    alpha = StaticCollector(
        "alpha", lambda: [usd_mtok("alpha", NANO, "openai", "input", alpha_prices[0])]
    )
    beta = StaticCollector("beta", [usd_mtok("beta", "o3", "openai", "input", "2")])
    run_collection(session_factory, [alpha, beta], mirror)
    with session_factory() as session:
        observations_before = session.scalar(select(func.count()).select_from(ObservationRow))

    write_source_file(mirror, "beta", "BROKEN")
    write_source_file(mirror, "alpha", "alpha v2")
    alpha_prices[0] = "0.25"
    report = run_collection(session_factory, [alpha, beta], mirror)

    assert [s.source for s in report.failed] == ["beta"]
    assert "beta.json" in (report.failed[0].error or "")
    with session_factory() as session:
        o3 = prices_of(session, "openai/o3", "openai")[("input", "")]
        assert o3.amount == Decimal(2)
        assert o3.stale is True
        nano = prices_of(session, "openai/gpt-5.4-nano", "openai")[("input", "")]
        assert nano.amount == Decimal("0.25")
        assert nano.stale is False
        beta_row = session.get(SourceRow, "beta")
        assert beta_row is not None
        assert beta_row.stale is True
        assert "$.models" in (beta_row.last_error or "")
        failed_run = session.scalars(
            select(SourceRunRow).where(
                SourceRunRow.source_id == "beta", SourceRunRow.status == "failed"
            )
        ).one()
        written = session.scalar(
            select(func.count())
            .select_from(ObservationRow)
            .where(ObservationRow.run_id == failed_run.id)
        )
        assert written == 0
        assert (
            session.scalar(select(func.count()).select_from(ObservationRow))
            == observations_before + 1
        )


def test_unchanged_document_adds_no_evidence(
    session_factory: sessionmaker[Session], mirror: Path
) -> None:
    alpha = StaticCollector("alpha", [usd_mtok("alpha", NANO, "openai", "input", "0.2")])
    run_collection(session_factory, [alpha], mirror)

    report = run_collection(session_factory, [alpha], mirror)

    assert report.sources[0].status == "unchanged"
    assert report.sources[0].items_changed == 0
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(ObservationRow)) == 1


def test_dated_snapshot_with_other_price_is_own_model(
    session_factory: sessionmaker[Session], mirror: Path
) -> None:
    alpha = StaticCollector(
        "alpha",
        [
            usd_mtok("alpha", "gpt-4o", "openai", "input", "2.5"),
            usd_mtok("alpha", "gpt-4o-2024-05-13", "openai", "input", "5"),
            usd_mtok("alpha", "gpt-4o-2024-08-06", "openai", "input", "2.5"),
        ],
    )

    run_collection(session_factory, [alpha], mirror)

    with session_factory() as session:
        models = set(session.scalars(select(ModelRow.id)))
        assert models == {"openai/gpt-4o", "openai/gpt-4o-2024-05-13"}
        base = prices_of(session, "openai/gpt-4o", "openai")[("input", "")]
        assert base.amount == Decimal("2.5")
        assert len(json.loads(base.evidence_ids)) == 2


def test_large_single_source_jump_held_for_review(
    session_factory: sessionmaker[Session], mirror: Path
) -> None:
    amount = ["1.0"]
    alpha = StaticCollector(
        "alpha", lambda: [usd_mtok("alpha", NANO, "openai", "input", amount[0])]
    )
    run_collection(session_factory, [alpha], mirror)

    amount[0] = "2.0"
    write_source_file(mirror, "alpha", "alpha v2")
    run_collection(session_factory, [alpha], mirror)

    with session_factory() as session:
        held = prices_of(session, "openai/gpt-5.4-nano", "openai")[("input", "")]
        assert held.amount == Decimal(1)
        event = session.scalars(select(ChangeEventRow)).one()
        assert event.held_for_review is True
        assert event.before_amount == Decimal(1)
        assert event.after_amount == Decimal(2)

    beta = StaticCollector("beta", [usd_mtok("beta", NANO, "openai", "input", "2.0")])
    run_collection(session_factory, [alpha, beta], mirror)

    with session_factory() as session:
        confirmed = prices_of(session, "openai/gpt-5.4-nano", "openai")[("input", "")]
        assert confirmed.amount == Decimal(2)
        assert confirmed.status == "corroborated"
        events = list(session.scalars(select(ChangeEventRow).order_by(ChangeEventRow.id)))
        assert [e.held_for_review for e in events] == [True, False]


def test_official_source_wins_for_official_offer(
    session_factory: sessionmaker[Session], mirror: Path
) -> None:
    alpha = StaticCollector("alpha", [usd_mtok("alpha", NANO, "openai", "input", "0.2")])
    beta = StaticCollector("beta", [usd_mtok("beta", NANO, "openai", "input", "0.2")])
    write_source_file(mirror, "page", "official page")
    page = StaticCollector(
        "page", [usd_mtok("page", NANO, "openai", "input", "0.25")], kind=SourceKind.OFFICIAL
    )

    run_collection(session_factory, [alpha, beta, page], mirror)

    with session_factory() as session:
        published = prices_of(session, "openai/gpt-5.4-nano", "openai")[("input", "")]
        assert published.amount == Decimal("0.25")
        assert published.status == "official"
        assert session.scalars(select(DiscrepancyRow.field)).all() == ["input"]


def test_dated_history_kept_apart_from_current(
    session_factory: sessionmaker[Session], mirror: Path
) -> None:
    from datetime import date

    cut = date(2025, 6, 10)
    alpha = StaticCollector(
        "alpha",
        [
            usd_mtok("alpha", "o3", "openai", "input", "10", Conditions(effective_to=cut)),
            usd_mtok("alpha", "o3", "openai", "input", "2", Conditions(effective_from=cut)),
        ],
    )
    beta = StaticCollector("beta", [usd_mtok("beta", "o3", "openai", "input", "2")])

    run_collection(session_factory, [alpha, beta], mirror, today=date(2026, 1, 1))

    with session_factory() as session:
        prices = prices_of(session, "openai/o3", "openai")
        assert prices[("input", "")].amount == Decimal(2)
        assert prices[("input", "")].status == "corroborated"
        assert prices[("input", "")].effective_from == cut
        assert prices[("input", "to=2025-06-10")].amount == Decimal(10)


def test_second_run_waits_for_lock(session_factory: sessionmaker[Session], mirror: Path) -> None:
    alpha = StaticCollector("alpha", [usd_mtok("alpha", NANO, "openai", "input", "0.2")])

    with collection_lock(session_factory), pytest.raises(RunLocked, match="taken by another run"):
        run_collection(session_factory, [alpha], mirror)

    assert run_collection(session_factory, [alpha], mirror).failed == []


def test_unknown_dimension_fails_run_with_location(
    session_factory: sessionmaker[Session], mirror: Path
) -> None:
    alpha = StaticCollector("alpha", [usd_mtok("alpha", NANO, "openai", "teleportation", "1")])

    report = run_collection(session_factory, [alpha], mirror)

    error = report.failed[0].error or ""
    assert "alpha.json" in error
    assert '"gpt-5.4-nano" › "teleportation": 1' in error
    assert "unknown dimension 'teleportation'" in error


class ExplodingCollector(StaticCollector):
    def parse(self, document):  # type: ignore[no-untyped-def]
        raise RuntimeError("parser bug")


def test_unexpected_parser_error_fails_only_that_source(
    session_factory: sessionmaker[Session], mirror: Path
) -> None:
    alpha = StaticCollector("alpha", [usd_mtok("alpha", NANO, "openai", "input", "0.2")])
    beta = ExplodingCollector("beta", [])

    report = run_collection(session_factory, [beta, alpha], mirror)

    assert [s.source for s in report.failed] == ["beta"]
    assert "RuntimeError" in (report.failed[0].error or "")
    assert str(mirror) not in (report.failed[0].error or "")
    with session_factory() as session:
        assert prices_of(session, "openai/gpt-5.4-nano", "openai")[("input", "")].amount == Decimal(
            "0.2"
        )
        beta_row = session.get(SourceRow, "beta")
        assert beta_row is not None and beta_row.stale is True


def test_absurd_amount_fails_source(session_factory: sessionmaker[Session], mirror: Path) -> None:
    alpha = StaticCollector("alpha", [usd_mtok("alpha", NANO, "openai", "input", "1e30")])

    report = run_collection(session_factory, [alpha], mirror)

    assert "implausible amount" in (report.failed[0].error or "")


def test_seller_catalogue_wins_for_its_own_offer(
    session_factory: sessionmaker[Session], mirror: Path
) -> None:
    # OpenRouter's own API file states 0.269 for deepseek/deepseek-v3.2 on 2026-08-01, while
    # older copies in genai-prices and models.dev state 0.2288.
    write_source_file(mirror, "catalogue", "seller catalogue")
    catalogue = StaticCollector(
        "catalogue",
        [usd_mtok("catalogue", "deepseek/deepseek-v3.2", "openrouter", "input", "0.269")],
    )
    catalogue.own_seller = "openrouter"
    alpha = StaticCollector(
        "alpha", [usd_mtok("alpha", "deepseek/deepseek-v3.2", "openrouter", "input", "0.2288")]
    )
    beta = StaticCollector(
        "beta", [usd_mtok("beta", "deepseek/deepseek-v3.2", "openrouter", "input", "0.2288")]
    )

    run_collection(session_factory, [catalogue, alpha, beta], mirror)

    with session_factory() as session:
        published = prices_of(session, "deepseek/deepseek-v3.2", "openrouter")[("input", "")]
        assert published.amount == Decimal("0.269")
        assert published.status == "official"


def test_lock_of_dead_process_is_released(
    session_factory: sessionmaker[Session], mirror: Path
) -> None:
    import socket
    from datetime import UTC, datetime

    from harga.storage.tables import RunLockRow

    dead_pid = 2**22 + 12345  # above Linux's largest pid_max, so no process has it
    with session_factory() as session, session.begin():
        session.add(
            RunLockRow(
                name="collect",
                holder=f"{socket.gethostname()}:{dead_pid}",
                acquired_at=datetime.now(UTC),
            )
        )
    alpha = StaticCollector("alpha", [usd_mtok("alpha", NANO, "openai", "input", "0.2")])

    report = run_collection(session_factory, [alpha], mirror)

    assert report.failed == []


def test_aggregator_zero_is_not_a_headline(
    session_factory: sessionmaker[Session], mirror: Path
) -> None:
    # models.dev lists DeepSeek V3.2 at 0 on a subscription plan and at 0.28 elsewhere.
    alpha = StaticCollector(
        "alpha",
        [
            usd_mtok("alpha", "deepseek-v3.2", "alibaba-token-plan", "input", "0"),
            usd_mtok("alpha", "deepseek-v3.2", "alibaba-token-plan", "output", "0"),
            usd_mtok("alpha", "deepseek-v3.2", "crof", "input", "0.18"),
            usd_mtok("alpha", "deepseek-v3.2", "crof", "output", "0.35"),
        ],
    )

    run_collection(session_factory, [alpha], mirror)

    with session_factory() as session:
        model = session.get(ModelRow, "deepseek/deepseek-v3.2")
        assert model is not None
        assert model.input_mtok == Decimal("0.18")
        assert model.output_mtok == Decimal("0.35")
