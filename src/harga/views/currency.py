"""Showing USD amounts in the reader's currency with the dated ECB rate that converts them."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from harga.api.schemas import Converted
from harga.reconcile.fx import FxTable
from harga.storage.tables import FxRateRow


class DisplayCurrency(StrEnum):
    USD = "USD"
    IDR = "IDR"
    CNY = "CNY"
    EUR = "EUR"


@dataclass(frozen=True)
class Converter:
    currency: DisplayCurrency
    fx: FxTable
    on: date

    def convert(self, usd: Decimal | None) -> Converted | None:
        if usd is None or self.currency is DisplayCurrency.USD:
            return None
        conversion = self.fx.convert(usd, "USD", self.currency.value, self.on)
        if conversion is None:
            return None
        return Converted(
            currency=self.currency.value,
            amount=conversion.amount,
            rate=conversion.rate,
            rate_date=conversion.rate_date,
        )


def converter_for(session: Session, currency: DisplayCurrency, on: date) -> Converter:
    """Load only the rates the conversion needs: the latest on or before `on` per currency."""
    rates: dict[str, dict[date, Decimal]] = {}
    for quote in {"USD", currency.value} - {"EUR"}:
        row = session.scalars(
            select(FxRateRow)
            .where(FxRateRow.base == "EUR", FxRateRow.quote == quote, FxRateRow.rate_date <= on)
            .order_by(FxRateRow.rate_date.desc())
            .limit(1)
        ).first()
        if row is not None:
            rates[quote] = {row.rate_date: row.rate}
    return Converter(currency, FxTable(rates), on)
