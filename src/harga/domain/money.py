"""Exact amounts: parsing decimal text and converting source units to published units."""

from decimal import Decimal, InvalidOperation
from enum import StrEnum

from harga.domain.dimensions import Unit


class SourceUnit(StrEnum):
    """A unit as a source states it, before conversion to the published unit."""

    PER_TOKEN = "per_token"
    PER_KTOK = "per_ktok"
    PER_MTOK = "per_mtok"
    PER_REQUEST = "per_request"
    PER_KREQUEST = "per_krequest"
    PER_CALL = "per_call"
    PER_KCALL = "per_kcall"
    PER_IMAGE = "per_image"
    PER_SECOND = "per_second"
    PER_MINUTE = "per_minute"
    PER_GB_HOUR = "per_gb_hour"
    PER_MTOK_HOUR = "per_mtok_hour"  # storage of 1M cached tokens for one hour


class UnitNotRecognised(ValueError):
    """A source unit that cannot be converted to the dimension's published unit."""


class InvalidAmount(ValueError):
    """Text that is not a finite decimal number."""


_FACTORS: dict[tuple[SourceUnit, Unit], Decimal] = {
    (SourceUnit.PER_TOKEN, Unit.PER_MTOK): Decimal(1_000_000),
    (SourceUnit.PER_KTOK, Unit.PER_MTOK): Decimal(1_000),
    (SourceUnit.PER_MTOK, Unit.PER_MTOK): Decimal(1),
    (SourceUnit.PER_REQUEST, Unit.PER_KREQUEST): Decimal(1_000),
    (SourceUnit.PER_KREQUEST, Unit.PER_KREQUEST): Decimal(1),
    (SourceUnit.PER_CALL, Unit.PER_KCALL): Decimal(1_000),
    (SourceUnit.PER_KCALL, Unit.PER_KCALL): Decimal(1),
    (SourceUnit.PER_REQUEST, Unit.PER_KCALL): Decimal(1_000),
    (SourceUnit.PER_IMAGE, Unit.PER_IMAGE): Decimal(1),
    (SourceUnit.PER_SECOND, Unit.PER_SECOND): Decimal(1),
    (SourceUnit.PER_MINUTE, Unit.PER_SECOND): Decimal(1) / Decimal(60),
    (SourceUnit.PER_GB_HOUR, Unit.PER_GB_HOUR): Decimal(1),
    (SourceUnit.PER_MTOK_HOUR, Unit.PER_MTOK_HOUR): Decimal(1),
}


def parse_decimal(text: str) -> Decimal:
    """Parse a JSON or plain number literal exactly, rejecting NaN and infinities."""
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise InvalidAmount(f"{text!r} is not a decimal number") from None
    if not value.is_finite():
        raise InvalidAmount(f"{text!r} is not a finite number")
    return value


def convert_amount(amount: Decimal, source_unit: SourceUnit, unit: Unit) -> Decimal:
    """Convert an amount in a source unit to the published unit, exactly."""
    try:
        factor = _FACTORS[(source_unit, unit)]
    except KeyError:
        raise UnitNotRecognised(f"cannot convert {source_unit.value} to {unit.value}") from None
    return normalize_decimal(amount * factor)


def normalize_decimal(value: Decimal) -> Decimal:
    """Drop trailing zeros and the exponent form, so 2E-7 * 1E6 prints as 0.2."""
    if value == 0:
        return Decimal(0)
    normalized = value.normalize()
    exponent = normalized.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        # Rebuilding from the plain digits keeps every digit whatever the context precision;
        # `quantize` would raise for numbers longer than 28 digits.
        return Decimal(f"{normalized:f}")
    return normalized


def format_plain(value: Decimal) -> str:
    """Format a decimal without exponent, as the API's decimal strings are."""
    return f"{normalize_decimal(value):f}"
