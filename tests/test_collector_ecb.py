"""The ECB reference-rate collector and conversions with its rates."""

import io
import shutil
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from harga.collectors.base import SourceFormatError
from harga.collectors.ecb import EcbCollector
from harga.pipeline.collect import collect_source
from harga.reconcile.fx import FxTable
from tests.helpers import FIXTURES, document_of

COLLECTOR = EcbCollector()


def zipped(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("eurofxref-hist.csv", text)
    return buffer.getvalue()


def fixture_text() -> str:
    return (FIXTURES / "ecb" / "eurofxref-hist.csv").read_text()


def test_rates_per_currency_and_day() -> None:
    parsed = COLLECTOR.parse(document_of(zipped(fixture_text()), "ecb", "eurofxref-hist.zip"))

    rates = {(o.field, o.conditions.effective_from): o.amount for o in parsed.observations}
    assert rates == {
        ("USD", date(2026, 4, 13)): Decimal("1.1684"),
        ("CNY", date(2026, 4, 13)): Decimal("7.9827"),
        ("IDR", date(2026, 4, 13)): Decimal("20082.05"),
        ("USD", date(2026, 4, 10)): Decimal("1.1711"),
        ("CNY", date(2026, 4, 10)): Decimal("7.9967"),
        ("IDR", date(2026, 4, 10)): Decimal("20020.25"),
    }
    idr = next(o for o in parsed.observations if o.field == "IDR")
    assert idr.captured == "20082.05"
    assert idr.excerpt == "2026-04-13, IDR: 20082.05"


def test_missing_currency_column_rejected() -> None:
    text = fixture_text().replace("IDR", "XXX")

    with pytest.raises(SourceFormatError, match="columns for USD, CNY, IDR"):
        COLLECTOR.parse(document_of(zipped(text), "ecb", "eurofxref-hist.zip"))


def test_garbled_rate_names_line_and_column() -> None:
    text = fixture_text().replace("20082.05", "20O82.05")

    with pytest.raises(SourceFormatError) as error:
        COLLECTOR.parse(document_of(zipped(text), "ecb", "eurofxref-hist.zip"))

    assert "line 2 column IDR" in str(error.value)
    assert "20O82.05" in str(error.value)


def test_mirror_zip_gives_known_rates(mirror_dir: Path) -> None:
    outcome = collect_source(COLLECTOR, mirror_dir, None)

    assert outcome.error is None
    rates = {
        (o.observation.field, o.observation.conditions.effective_from): o.observation.amount
        for d in outcome.documents
        for o in d.observations
    }
    # The last day in the ECB file, 2026-04-13, as its CSV row states it.
    assert rates[("USD", date(2026, 4, 13))] == Decimal("1.1684")
    assert rates[("CNY", date(2026, 4, 13))] == Decimal("7.9827")
    assert rates[("IDR", date(2026, 4, 13))] == Decimal("20082.05")


def test_truncated_zip_fails_run(mirror_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "currency" / "ecb-alexprengere"
    copy.mkdir(parents=True)
    source = next((mirror_dir / "currency").glob("ecb-*/eurofxref-hist.zip"))
    shutil.copy(source, copy / "eurofxref-hist.zip")
    (copy / "eurofxref-hist.zip").write_bytes(source.read_bytes()[:4000])

    outcome = collect_source(COLLECTOR, tmp_path, None)

    assert outcome.error is not None
    assert "eurofxref-hist.zip" in outcome.error
    assert outcome.documents == []


def test_usd_to_idr_cross_rate() -> None:
    table = FxTable(
        {
            "USD": {date(2026, 4, 13): Decimal("1.1684")},
            "IDR": {date(2026, 4, 13): Decimal("20082.05")},
        }
    )

    conversion = table.convert(Decimal(1), "USD", "IDR", date(2026, 12, 4))

    assert conversion is not None
    # 20082.05 / 1.1684 = 17187.649777473467990... IDR per USD, rounded to 12 places.
    assert conversion.amount == Decimal("17187.649777473468")
    assert conversion.rate_date == date(2026, 4, 13)


def test_no_rate_before_first_day() -> None:
    table = FxTable({"USD": {date(2026, 4, 13): Decimal("1.1684")}})

    assert table.convert(Decimal(1), "EUR", "USD", date(2026, 1, 1)) is None


def test_large_amount_converts_without_overflow() -> None:
    table = FxTable(
        {
            "USD": {date(2026, 4, 13): Decimal("1.1684")},
            "IDR": {date(2026, 4, 13): Decimal("20082.05")},
        }
    )

    conversion = table.convert(Decimal("750000000000"), "USD", "IDR", date(2026, 12, 4))

    assert conversion is not None
    # 750,000,000,000 × 20082.05 / 1.1684 = 12,890,737,333,105,100.99281068127353... IDR.
    assert conversion.amount == Decimal("12890737333105100.992810681274")
