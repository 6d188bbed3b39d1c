"""Exact decimals and UTC datetimes survive a round trip through both databases."""

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.exc import StatementError
from sqlalchemy.orm import Session

from harga.storage.tables import FxRateRow, RunLockRow

# LiteLLM writes some per-token prices with 22 decimal places, e.g. 2.9999900000000002e-06.
AMOUNTS = [
    Decimal("2.9999900000000002E-6"),
    Decimal("0.2"),
    Decimal("17187.649777473468"),
    Decimal(0),
    Decimal("1E+3"),
]


@pytest.mark.parametrize("amount", AMOUNTS)
def test_decimal_round_trip_is_exact(fresh_engine: Engine, amount: Decimal) -> None:
    with Session(fresh_engine) as session, session.begin():
        session.add(
            FxRateRow(
                rate_date=date(2026, 1, 1), base="EUR", quote="USD", rate=amount, source_id="test"
            )
        )

    with Session(fresh_engine) as session:
        stored = session.scalars(select(FxRateRow.rate)).one()

    assert stored == amount
    assert isinstance(stored, Decimal)


def test_float_rejected(fresh_engine: Engine) -> None:
    with Session(fresh_engine) as session, pytest.raises(StatementError, match="take Decimal"):
        session.add(
            FxRateRow(
                rate_date=date(2026, 1, 1), base="EUR", quote="USD", rate=0.1, source_id="test"
            )
        )
        session.flush()


def test_datetime_comes_back_in_utc(fresh_engine: Engine) -> None:
    jakarta = timezone(timedelta(hours=7))
    moment = datetime(2026, 12, 4, 23, 30, tzinfo=jakarta)
    with Session(fresh_engine) as session, session.begin():
        session.add(RunLockRow(name="x", holder="test", acquired_at=moment))

    with Session(fresh_engine) as session:
        stored = session.scalars(select(RunLockRow.acquired_at)).one()

    assert stored == moment
    assert stored.tzinfo is not None
    assert stored.utcoffset() == timedelta(0)
    assert stored.astimezone(UTC).hour == 16
