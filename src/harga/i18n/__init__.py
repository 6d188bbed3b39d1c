"""Locales: negotiation, gettext catalogs and Babel formatting of numbers and dates.

Indonesian is the default. The catalogs are `.po` files compiled in memory at start-up, so the
repository carries no binary `.mo` files.
"""

import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path

from babel import Locale, dates, numbers
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALES = ("id", "en", "zh")
DEFAULT_LOCALE = "id"
LOCALE_COOKIE = "harga_lang"
CATALOG_DIR = Path(__file__).parent / "locale"


def negotiate_locale(query: str | None, cookie: str | None, accept_language: str | None) -> str:
    """Choose the locale from `?lang=`, then the cookie, then Accept-Language, then Indonesian."""
    for candidate in (query, cookie):
        if candidate in LOCALES:
            return candidate
    for tag in _accepted_tags(accept_language or ""):
        primary = tag.split("-")[0].lower()
        if primary in LOCALES:
            return primary
    return DEFAULT_LOCALE


def _accepted_tags(header: str) -> list[str]:
    weighted = []
    for index, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 1.0  # a malformed weight is ignored, as if absent
        # q=0 means "not acceptable" (RFC 9110, section 12.4.2).
        if tag and quality > 0:
            weighted.append((-quality, index, tag))
    return [tag for _, _, tag in sorted(weighted)]


@cache
def translations(locale: str) -> Translations:
    path = CATALOG_DIR / locale / "LC_MESSAGES" / "messages.po"
    if not path.is_file():
        return Translations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer)


@dataclass(frozen=True)
class Formatter:
    """Numbers, money and dates in one locale's conventions (Babel, CLDR data)."""

    locale: str

    @property
    def babel_locale(self) -> Locale:
        return Locale.parse("zh_Hans_CN" if self.locale == "zh" else self.locale)

    def decimal(self, value: Decimal | int | None) -> str:
        """Format a number with every significant digit: `0,2` in Indonesian, `0.2` in English."""
        if value is None:
            return ""
        return numbers.format_decimal(value, locale=self.babel_locale, decimal_quantization=False)

    def number_text(self, value: object) -> str:
        """Format a number, or a number stored as text such as "38.2"; other text passes through."""
        if isinstance(value, bool) or value is None:
            return "" if value is None else str(value)
        if isinstance(value, int | Decimal):
            return self.decimal(value)
        try:
            return self.decimal(Decimal(str(value)))
        except ArithmeticError:
            return str(value)

    def rate(self, value: Decimal | None) -> str:
        """Format an exchange rate to 6 significant digits, as rates are usually quoted."""
        if value is None:
            return ""
        if value == 0:
            return self.decimal(value)
        return self.decimal(value.quantize(Decimal(1).scaleb(value.adjusted() - 5)).normalize())

    def money(self, value: Decimal | None, currency: str) -> str:
        """Format a converted amount, rounded for reading: 2 decimals, or 4 significant digits
        when that needs more, so Rp3.437,53 and €0,00001706 both stay legible."""
        if value is None:
            return ""
        return numbers.format_currency(
            _for_reading(Decimal(value)),
            currency,
            locale=self.babel_locale,
            decimal_quantization=False,
        )

    def date(self, value: date | None) -> str:
        if value is None:
            return ""
        return dates.format_date(value, format="medium", locale=self.babel_locale)

    def datetime(self, value: datetime | None) -> str:
        if value is None:
            return ""
        return (
            dates.format_datetime(
                value, format="medium", tzinfo=dates.get_timezone("UTC"), locale=self.babel_locale
            )
            + " UTC"
        )


def _for_reading(value: Decimal) -> Decimal:
    if value == 0:
        return Decimal(0)
    significant_places = 3 - value.adjusted()
    places = max(2, significant_places)
    return value.quantize(Decimal(1).scaleb(-places))
