"""Locale negotiation, complete catalogs and Babel formatting."""

import subprocess
import sys
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from harga.i18n import CATALOG_DIR, Formatter, negotiate_locale

REPOSITORY = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("query", "cookie", "header", "expected"),
    [
        (None, None, None, "id"),
        ("en", None, "zh-CN", "en"),
        (None, "zh", "en-US", "zh"),
        (None, None, "en-US,en;q=0.9", "en"),
        (None, None, "fr-FR, zh;q=0.5, en;q=0.8", "en"),
        ("xx", "yy", "de-DE", "id"),
        (None, None, "en;q=bad", "en"),
    ],
)
def test_negotiation_order(
    query: str | None, cookie: str | None, header: str | None, expected: str
) -> None:
    assert negotiate_locale(query, cookie, header) == expected


@pytest.mark.parametrize(
    ("locale", "amount", "expected"),
    [
        ("id", Decimal("0.2"), "0,2"),
        ("id", 400000, "400.000"),
        ("en", 400000, "400,000"),
        ("id", Decimal("0.0000125"), "0,0000125"),
        ("en", Decimal("1.25"), "1.25"),
    ],
)
def test_decimal_keeps_every_digit(locale: str, amount: Decimal | int, expected: str) -> None:
    assert Formatter(locale).decimal(amount) == expected


def test_datetime_says_utc() -> None:
    moment = datetime(2026, 8, 1, 12, 30, tzinfo=UTC)

    assert Formatter("en").datetime(moment).endswith("UTC")


@pytest.mark.parametrize("locale", ["id", "zh"])
def test_catalog_translates_every_page_string(locale: str, tmp_path: Path) -> None:
    template = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_",
            "-o",
            str(template),
            ".",
        ],
        cwd=REPOSITORY,
        check=True,
        capture_output=True,
    )
    with template.open("rb") as handle:
        wanted = {m.id for m in read_po(handle) if m.id}
    with (CATALOG_DIR / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    # A plural entry's string is a tuple of forms, and each form must be translated.
    translated = {m.id for m in catalog if m.id and m.string and all(m.string)}

    assert wanted - translated == set()


def test_zero_quality_language_not_chosen() -> None:
    assert negotiate_locale(None, None, "en;q=0, zh;q=0.5") == "zh"
