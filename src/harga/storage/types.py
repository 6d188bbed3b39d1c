"""Column types that keep money exact on both SQLite and PostgreSQL."""

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import DateTime, Dialect, Numeric, String
from sqlalchemy.types import TypeDecorator, TypeEngine

from harga.domain.money import format_plain, parse_decimal


class ExactDecimal(TypeDecorator[Decimal]):
    """A `Decimal` stored as NUMERIC on PostgreSQL and as its exact text on SQLite.

    SQLite has no decimal type and would round through a binary float, so it gets text.
    PostgreSQL gets NUMERIC with no declared scale, which keeps every digit it is given:
    some upstream per-token prices carry more than 20 decimal places.
    """

    impl = String(64)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(Numeric(asdecimal=True))
        return dialect.type_descriptor(String(64))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            raise TypeError(f"ExactDecimal columns take Decimal, got {type(value).__name__}")
        if dialect.name == "postgresql":
            return value
        return format_plain(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if isinstance(value, Decimal):
            return value.normalize() if value != 0 else Decimal(0)
        return parse_decimal(str(value))


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on both databases; SQLite would otherwise drop the zone."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: harga stores UTC times with a zone")
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime from the database, got {value!r}")
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
